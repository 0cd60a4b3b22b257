"""The recommendations API: `recommendations/` (list, create, read, change; `done/` and
`drop/`), and `mdts/<id>/recommendation-counts/` for members and the region's
coordinators, who see numbers, never rows."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination.models import Agency, Discipline
from coordination.people import selectors as people_selectors
from coordination.people.access import access_for
from coordination.plumbing.api.pagination import PageNumberPagination
from coordination.plumbing.api.permissions import WritesBy
from coordination.plumbing.api.serializers import StrictInputMixin
from coordination.plumbing.api.viewsets import ServiceViewSet

from .. import selectors as mdt_selectors
from ..models import Meeting, Referral
from . import selectors, services
from .models import (
    NOTES_LENGTH,
    REASON_LENGTH,
    Recommendation,
    RecommendationKind,
    RecommendationStatus,
)

User = get_user_model()
CASE_CODE_LENGTH = Referral._meta.get_field("case_code").max_length


class MembersWrite(WritesBy):
    """Only members of some MDT (and state admins) write recommendations; which MDT is
    the service's check."""

    message = "Only MDT members record recommendations."

    def may_write(self, access) -> bool:
        return access.on_an_mdt


class RecommendationSerializer(StrictInputMixin, serializers.ModelSerializer):
    case_code = serializers.CharField(
        max_length=CASE_CODE_LENGTH, write_only=True, help_text="The referral's case code."
    )
    referral = serializers.SerializerMethodField(help_text="The referral's case code.")
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.none())
    owner_agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.none(), required=False, allow_null=True
    )
    owner_discipline = serializers.ChoiceField(
        choices=Discipline.choices, required=False, allow_blank=True
    )
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(),
        required=False,
        allow_null=True,
        help_text="A member of the MDT (optional); their agency and discipline fill the "
        "owner fields left empty.",
    )
    owner_username = serializers.SerializerMethodField()
    notes = serializers.CharField(max_length=NOTES_LENGTH, required=False, allow_blank=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "case_code",
            "referral",
            "meeting",
            "kind",
            "owner_agency",
            "owner_discipline",
            "owner",
            "owner_username",
            "due_on",
            "notes",
            "status",
            "drop_reason",
            "overdue",
            "created_at",
            "closed_at",
        ]
        read_only_fields = ["status", "drop_reason", "created_at", "closed_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.context.get("request"), "user", None)
        access = access_for(user)
        if "meeting" in self.fields and not self.fields["meeting"].read_only:
            self.fields["meeting"].queryset = Meeting.objects.filter(access.mdt_records_q("mdt"))
        # An agency outside the user's regions answers like one that does not exist.
        self.fields["owner_agency"].queryset = people_selectors.agency_list(user=user)
        self.fields["owner"].queryset = (
            User.objects.filter(mdt_memberships__mdt__in=access.mdt_ids).distinct()
            if not access.is_state_admin
            else User.objects.all()
        )

    def get_referral(self, recommendation) -> str:
        return recommendation.referral.case_code

    def get_owner_username(self, recommendation) -> str:
        return recommendation.owner.get_username() if recommendation.owner else ""

    def get_overdue(self, recommendation) -> bool:
        return selectors.is_overdue(recommendation)

    def validate(self, attrs):
        code = attrs.pop("case_code", None)
        if code is not None:
            user = self.context["request"].user
            referral = mdt_selectors.referral_list(user=user).filter(case_code=code).first()
            if referral is None:
                raise serializers.ValidationError(
                    {"case_code": ["No referral of yours has this case code."]}
                )
            attrs["referral"] = referral
        return attrs


class RecommendationUpdateSerializer(RecommendationSerializer):
    class Meta(RecommendationSerializer.Meta):
        read_only_fields = [*RecommendationSerializer.Meta.read_only_fields, "case_code", "meeting"]
        extra_kwargs = {"due_on": {"required": False}, "kind": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("case_code")
        self.fields["meeting"] = serializers.PrimaryKeyRelatedField(read_only=True)


class DropSerializer(StrictInputMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_LENGTH)


class RecommendationFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=RecommendationStatus.choices)
    kind = filters.ChoiceFilter(choices=RecommendationKind.choices)
    case_code = filters.CharFilter(field_name="referral__case_code", max_length=CASE_CODE_LENGTH)
    meeting = filters.NumberFilter(field_name="meeting_id", min_value=1, max_value=2**63 - 1)
    mine = filters.BooleanFilter(method="filter_mine", help_text="Only the open ones you own.")
    overdue = filters.BooleanFilter(method="filter_overdue", help_text="Open and past due.")

    class Meta:
        model = Recommendation
        fields = ["status", "kind", "case_code", "meeting"]

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=selectors.mine(user=self.request.user).values("pk"))

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        overdue = {"status": RecommendationStatus.OPEN, "due_on__lt": today}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


class RecommendationViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """What MDT meetings decided for referrals: members of the referral's MDT see and
    change them; anyone else gets 404."""

    serializer_class = RecommendationSerializer
    update_serializer_class = RecommendationUpdateSerializer
    permission_classes = [permissions.IsAuthenticated, MembersWrite]
    pagination_class = PageNumberPagination
    filterset_class = RecommendationFilter
    selector = staticmethod(selectors.recommendation_list)
    create_service = staticmethod(services.recommendation_add)
    update_service = staticmethod(services.recommendation_update)
    instance_argument = "recommendation"
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(request=None, responses=RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        """Mark it done: it leaves the next meeting's agenda."""
        changed = services.recommendation_close(
            actor=request.user, recommendation=self.get_object(), outcome="done"
        )
        return Response(self.get_serializer(changed).data)

    @extend_schema(request=DropSerializer, responses=RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def drop(self, request, pk=None):
        """Drop it, saying why."""
        recommendation = self.get_object()
        body = DropSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        changed = services.recommendation_close(
            actor=request.user,
            recommendation=recommendation,
            outcome="dropped",
            reason=body.validated_data["reason"],
        )
        return Response(self.get_serializer(changed).data)


COUNTS = inline_serializer(
    "RecommendationCounts",
    {name: serializers.IntegerField() for name in ("open", "overdue", "done", "dropped")},
)


class RecommendationCountsView(APIView):
    """An MDT's recommendations as numbers: for its members and the region's
    coordinators (who never see the rows)."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=COUNTS)
    def get(self, request, pk: int):
        mdt = get_object_or_404(mdt_selectors.mdt_list(user=request.user), pk=pk)
        return Response(selectors.counts_by_mdt(mdt_ids=[mdt.pk])[mdt.pk])
