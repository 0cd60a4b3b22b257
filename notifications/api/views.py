from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from coordination.api.pagination import CursorPagination
from notifications import selectors, services

from . import serializers


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
    filterset_fields = ["region", "status", "severity"]

    def get_queryset(self):
        return selectors.alert_list(user=self.request.user)

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
