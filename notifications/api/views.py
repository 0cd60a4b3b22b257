from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from coordination.people import selectors as people_selectors
from coordination.plumbing.api.filters import ScopedFilterSet
from coordination.plumbing.api.pagination import CursorPagination
from notifications import selectors, services
from notifications.models import Alert

from . import serializers


class AlertFilter(ScopedFilterSet):
    scoped_filters = {"region": people_selectors.region_list}

    class Meta:
        model = Alert
        fields = ["region", "status", "severity"]


class AlertViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Rapid-response alerts. Raised by a state admin, the region's coordinator or a
    member of an MDT in the region; answered by the contact it is assigned to."""

    serializer_class = serializers.AlertSerializer
    pagination_class = CursorPagination
    filterset_class = AlertFilter

    def get_queryset(self):
        return selectors.alert_list(user=self.request.user)

    def create(self, request, *args, **kwargs):
        # Who may raise alerts at all, before the body's region is read (a region they
        # cannot see answers like one that does not exist).
        if not selectors.raise_regions(user=request.user).exists():
            raise PermissionDenied(
                "Alerts are raised by coordinators, MDT members and state admins; "
                "rapid-response contacts answer them."
            )
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = services.alert_raise(
            actor=self.request.user, **serializer.validated_data
        )

    def _answer(self, request, transition):
        alert = services.alert_transition(
            actor=request.user, alert=self.get_object(), transition=transition
        )
        return Response(self.get_serializer(alert).data)

    @extend_schema(request=None, responses=serializers.AlertSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        return self._answer(request, "acknowledge")

    @extend_schema(request=None, responses=serializers.AlertSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        return self._answer(request, "resolve")


class RotaViewSet(viewsets.GenericViewSet):
    """The on-duty rota, one entry per region (looked up by the region's id): who gets the
    region's alerts now, whether they have a console open, and "take over now"."""

    serializer_class = serializers.OnDutySerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.rota_regions(user=self.request.user)

    def list(self, request):
        duties = selectors.rota_for(self.get_queryset())
        return Response(self.get_serializer(duties, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(selectors.on_duty(self.get_object())).data)

    @extend_schema(request=serializers.TakeOverSerializer, responses=serializers.OnDutySerializer)
    @action(detail=True, methods=["post"], url_path="take-over")
    def take_over(self, request, pk=None):
        region = self.get_object()
        body = serializers.TakeOverSerializer(data=request.data, context={"region": region})
        body.is_valid(raise_exception=True)
        services.duty_take_over(actor=request.user, region=region, **body.validated_data)
        return Response(self.get_serializer(selectors.on_duty(region)).data)

    @extend_schema(request=None, responses=serializers.OnDutySerializer)
    @action(detail=True, methods=["post"], url_path="hand-back")
    def hand_back(self, request, pk=None):
        region = self.get_object()
        services.duty_hand_back(actor=request.user, region=region)
        return Response(self.get_serializer(selectors.on_duty(region)).data)

    @extend_schema(responses=serializers.DutyOverrideSerializer(many=True))
    @action(detail=True, methods=["get"])
    def overrides(self, request, pk=None):
        history = selectors.override_history(self.get_object())
        return Response(serializers.DutyOverrideSerializer(history, many=True).data)
