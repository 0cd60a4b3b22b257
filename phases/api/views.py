"""Initiatives over the API: CRUD, the four transitions, history, the gate checklist and
the phase records nested under each initiative."""

from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions
from rest_framework.decorators import action
from rest_framework.response import Response

from coordination.people import selectors as people_selectors
from coordination.people.access import access_for
from coordination.plumbing.api.filters import ScopedFilterSet
from coordination.plumbing.api.viewsets import ServiceViewSet, transition_action
from phases import selectors, services
from phases.models import ActionItem, DataRequest, Finding, Initiative, OutcomeMeasure, Phase

from . import serializers


class MayOpenInitiatives(permissions.BasePermission):
    """Opening an initiative takes a coordinator or state admin; everything on one
    initiative is scoped by the queryset (404) and authorised by the service (403)."""

    message = "Only a regional coordinator or a state admin may open initiatives."

    def has_permission(self, request, view) -> bool:
        if view.action != "create":
            return True
        access = access_for(request.user)
        return access.coordinates_somewhere


class InitiativeFilter(ScopedFilterSet):
    phase = filters.MultipleChoiceFilter(choices=Phase.choices)
    scoped_filters = {"region": people_selectors.region_list}

    class Meta:
        model = Initiative
        fields = ["region", "phase"]


def _transition_action(name: str, attribute: str | None = None):
    return transition_action(
        name,
        attribute=attribute,
        service=services.initiative_transition,
        instance_argument="initiative",
        request_serializer=serializers.TransitionRequestSerializer,
        response_serializer=serializers.InitiativeSerializer,
    )


class InitiativeViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """Regional initiatives and their phase. Coordinators see their region's, state admins
    all; only they create, edit and transition."""

    serializer_class = serializers.InitiativeSerializer
    update_serializer_class = serializers.InitiativeUpdateSerializer
    permission_classes = [permissions.IsAuthenticated, MayOpenInitiatives]
    filterset_class = InitiativeFilter
    selector = staticmethod(selectors.initiative_list)
    create_service = staticmethod(services.initiative_create)
    update_service = staticmethod(services.initiative_update)
    instance_argument = "initiative"

    advance = _transition_action("advance", "advance")
    return_ = _transition_action("return", "return_")
    close = _transition_action("close", "close")
    abandon = _transition_action("abandon", "abandon")

    @extend_schema(responses=serializers.PhaseTransitionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        rows = selectors.initiative_history(initiative=self.get_object())
        return Response(serializers.PhaseTransitionSerializer(rows, many=True).data)

    @extend_schema(responses=serializers.TransitionOptionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def gates(self, request, pk=None):
        """The transitions possible now, each with its gates met or not."""
        options = selectors.transition_options(initiative=self.get_object())
        return Response(serializers.TransitionOptionSerializer(options, many=True).data)


class InitiativeRecordViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
):
    """A kind of phase record, nested under the initiative it belongs to."""

    model = None
    pagination_class = None  # a handful per initiative

    def get_initiative(self) -> Initiative:
        if not hasattr(self, "_initiative"):
            self._initiative = get_object_or_404(
                selectors.initiative_list(user=self.request.user), pk=self.kwargs["initiative_pk"]
            )
        return self._initiative

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The initiative in the URL first: outside the caller's scope it is 404, before
        # the body is read (whose agencies are checked against the same scope).
        if not getattr(self, "swagger_fake_view", False):
            self.get_initiative()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.model.objects.filter(initiative=self.get_initiative())

    def perform_create(self, serializer):
        serializer.instance = services.record_create(
            actor=self.request.user,
            model=self.model,
            initiative=self.get_initiative(),
            data=serializer.validated_data,
        )

    def perform_update(self, serializer):
        serializer.instance = services.record_update(
            actor=self.request.user, record=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.record_delete(actor=self.request.user, record=instance)


class DataRequestViewSet(InitiativeRecordViewSet):
    model = DataRequest
    serializer_class = serializers.DataRequestSerializer


class FindingViewSet(InitiativeRecordViewSet):
    model = Finding
    serializer_class = serializers.FindingSerializer


class ActionItemViewSet(InitiativeRecordViewSet):
    model = ActionItem
    serializer_class = serializers.ActionItemSerializer


class OutcomeMeasureViewSet(InitiativeRecordViewSet):
    model = OutcomeMeasure
    serializer_class = serializers.OutcomeMeasureSerializer
