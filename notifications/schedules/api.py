"""`/api/v1/rotations/`: a region's on-call schedule (its coordinator or a state admin edits
it; its contacts read it and swap their shifts), and `rotations/coverage/?region=` for the
spans of the next four weeks that nobody covers and who is on call at a time."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from coordination.models import Region
from coordination.people.access import access_for
from coordination.plumbing.api.serializers import StrictInputMixin

from .. import selectors
from . import oncall, services
from .models import Rotation

User = get_user_model()


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{2}:\d{2}$", "maxLength": 5, "example": "08:00"}
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in the region's zone, `HH:MM` (no offset: it is local every day,
    whichever side of a daylight-saving change)."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class RotationSerializer(StrictInputMixin, serializers.ModelSerializer):
    """`members`: the contacts in turn order, by user id (the region's contacts and
    coordinators: anyone else answers like no one)."""

    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())
    members = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        max_length=services.MEMBERS_MAX,
        write_only=True,
    )
    contacts = serializers.SerializerMethodField()
    handoff_time = LocalTimeField()
    active_from = LocalTimeField(required=False, allow_null=True)
    active_until = LocalTimeField(required=False, allow_null=True)

    class Meta:
        model = Rotation
        fields = ["id", "region", *services.ROTATION_FIELDS, "members", "contacts"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["region"].queryset = selectors.rota_regions(user=request.user)

    def get_contacts(self, rotation) -> list[str]:
        return [member.user.get_username() for member in rotation.members.select_related("user")]

    def validate_members(self, ids):
        found = {user.pk: user for user in User.objects.filter(pk__in=ids, is_active=True)}
        if len(found) != len(set(ids)) or len(set(ids)) != len(ids):
            raise ValidationError("Name each contact once, by a user id that exists.")
        return [found[pk] for pk in ids]


class SwapSerializer(StrictInputMixin, serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    covered_by = serializers.IntegerField(min_value=1)
    contact = serializers.IntegerField(min_value=1, required=False)


def _user(pk):
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise ValidationError({"covered_by": ["No such contact."]})
    return user


class RotationViewSet(viewsets.ModelViewSet):
    serializer_class = RotationSerializer
    pagination_class = None
    queryset = Rotation.objects.none()  # the schema's type; get_queryset scopes it
    http_method_names = ["get", "post", "patch", "delete"]

    def get_queryset(self):
        regions = selectors.rota_regions(user=self.request.user)
        return Rotation.objects.filter(region__in=regions).select_related("region")

    def create(self, request, *args, **kwargs):
        # Who may set a schedule at all, before the body is read.
        if not access_for(request.user).coordinates_somewhere:
            raise PermissionDenied("Only a coordinator or a state admin sets a schedule.")
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.rotation_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("region", None)  # a rotation stays in its region
        serializer.instance = services.rotation_update(
            actor=self.request.user, rotation=serializer.instance, **data
        )

    def perform_destroy(self, instance):
        services.rotation_delete(actor=self.request.user, rotation=instance)

    @extend_schema(request=SwapSerializer, responses={201: SwapSerializer})
    @action(detail=True, methods=["post"])
    def swap(self, request, pk=None):
        """Another contact covers a span of shifts (a contact's own; the coordinator's
        for anyone)."""
        rotation = self.get_object()
        body = SwapSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.shift_swap(
            actor=request.user,
            rotation=rotation,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            covered_by=_user(data["covered_by"]),
            contact=_user(data["contact"]) if "contact" in data else None,
        )
        return Response(body.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("region", int, required=True),
            OpenApiParameter("at", datetime.datetime, required=False),
        ],
        responses=inline_serializer(
            "Coverage",
            {
                "on_call": serializers.CharField(allow_null=True),
                "gaps": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    @action(detail=False, methods=["get"])
    def coverage(self, request):
        """Who the schedule has on call at `at` (now by default), and the spans of the
        four weeks from then that nobody covers."""
        regions = selectors.rota_regions(user=request.user)
        try:
            region = regions.get(pk=int(request.query_params.get("region", "")))
        except (ValueError, Region.DoesNotExist):
            raise NotFound("No such region.") from None
        at = timezone.now()
        if "at" in request.query_params:
            parsed = serializers.DateTimeField().to_internal_value(request.query_params["at"])
            at = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
            if abs(at - timezone.now()) > services.HORIZON:
                raise ValidationError({"at": ["Choose a time within a year of now."]})
        plans = oncall.plans_for([region.pk], at).get(region.pk, [])
        person = oncall.on_call(plans, at) if plans else None
        return Response(
            {
                "on_call": person.get_username() if person else None,
                "gaps": [
                    {"starts_at": start.isoformat(), "ends_at": end.isoformat()}
                    for start, end in (oncall.gaps(plans, at) if plans else [])
                ],
            }
        )
