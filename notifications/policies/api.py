"""`/api/v1/escalation-policies/`: each region's escalation policy, by the region's id. Its
contacts and coordinators read it; its coordinator or a state admin replaces its steps with
PUT (an empty list restores the default policy)."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from coordination.people.access import access_for
from coordination.plumbing.api.serializers import StrictInputMixin

from .. import selectors as rota
from . import selectors, services
from .models import Notify

User = get_user_model()
NOT_NAMED = "Only the region's contacts and coordinators, or a state admin, can be named."


class StepSerializer(StrictInputMixin, serializers.Serializer):
    notify = serializers.ChoiceField(choices=Notify.choices)
    person = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        help_text="The user id of the person a `person` step notifies.",
    )
    wait_minutes = serializers.IntegerField(
        min_value=1, max_value=1440, help_text="How long to wait for an acknowledgement."
    )
    repeats = serializers.IntegerField(
        min_value=0, max_value=5, default=0, help_text="How many times to page the step again."
    )
    label = serializers.CharField(read_only=True)

    def to_representation(self, step):
        person = step.person.pk if step.person is not None else None
        return super().to_representation({**step.__dict__, "person": person, "label": step.label})

    def validate_person(self, pk):
        if pk is None:
            return None
        person = User.objects.filter(pk=pk, is_active=True).first()
        if person is None:  # answers like a person who may not be named: no probing
            raise serializers.ValidationError(NOT_NAMED)
        return person


class PolicySerializer(StrictInputMixin, serializers.Serializer):
    region = serializers.IntegerField(read_only=True)
    region_name = serializers.CharField(read_only=True)
    default = serializers.BooleanField(
        read_only=True, help_text="True while the region follows the default policy."
    )
    steps = serializers.ListField(child=StepSerializer(), max_length=services.STEPS_MAX)


def _policy(region) -> dict:
    return {
        "region": region.pk,
        "region_name": region.name,
        "default": selectors.is_default(region),
        "steps": selectors.policy_for(region),
    }


class EscalationPolicyViewSet(viewsets.GenericViewSet):
    """A region's escalation policy: the steps an unacknowledged alert goes through. The
    state admins always close it."""

    serializer_class = PolicySerializer
    pagination_class = None
    http_method_names = ["get", "put"]

    def get_queryset(self):
        return rota.rota_regions(user=self.request.user)

    def list(self, request):
        regions = self.get_queryset()
        return Response([self.get_serializer(_policy(region)).data for region in regions])

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(_policy(self.get_object())).data)

    @extend_schema(request=PolicySerializer, responses=PolicySerializer)
    def update(self, request, pk=None):
        region = self.get_object()
        # Who may set it, before the body is read.
        if not access_for(request.user).coordinates(region.pk):
            raise PermissionDenied(
                "Only the region's coordinator or a state admin sets its escalation policy."
            )
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.escalation_policy_set(
            actor=request.user, region=region, steps=body.validated_data["steps"]
        )
        return Response(self.get_serializer(_policy(region)).data)
