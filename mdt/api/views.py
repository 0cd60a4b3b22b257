"""Referrals over the API. Every list and detail read is audited (ids only)."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from coordination.api.pagination import CursorPagination
from coordination.api.views import ServiceViewSet
from mdt import selectors, services
from mdt.models import Referral, ReferralStatus, TraffickingType, VictimStatus

from . import serializers


class ReferralFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=ReferralStatus.choices)
    trafficking_type = filters.ChoiceFilter(choices=TraffickingType.choices)
    victim_status = filters.ChoiceFilter(choices=VictimStatus.choices)
    received_after = filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_before = filters.DateFilter(field_name="received_on", lookup_expr="lte")

    class Meta:
        model = Referral
        fields = ["mdt", "parish", "status", "trafficking_type", "victim_status"]


def _transition_action(name: str):
    @extend_schema(
        request=serializers.ReferralTransitionSerializer,
        responses=serializers.ReferralSerializer,
        summary=f"{name.capitalize()} the referral",
    )
    def run(self, request, pk=None):
        referral = self.get_object()
        body = serializers.ReferralTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        referral = services.referral_transition(
            actor=request.user, referral=referral, transition=name, **body.validated_data
        )
        return Response(serializers.ReferralSerializer(referral, context={"request": request}).data)

    run.__name__ = name
    return action(detail=True, methods=["post"], url_path=name, url_name=name)(run)


class ReferralViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """De-identified referrals of the user's MDTs (all of them for state admins)."""

    serializer_class = serializers.ReferralSerializer
    update_serializer_class = serializers.ReferralUpdateSerializer
    pagination_class = CursorPagination
    filterset_class = ReferralFilter
    selector = staticmethod(selectors.referral_list)
    create_service = staticmethod(services.referral_create)
    update_service = staticmethod(services.referral_update)
    instance_argument = "referral"
    services_take_actor = True

    review = _transition_action("review")
    engage = _transition_action("engage")
    close = _transition_action("close")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        services.referrals_read(actor=request.user, referrals=page, many=True)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        referral = self.get_object()
        services.referrals_read(actor=request.user, referrals=[referral], many=False)
        return Response(self.get_serializer(referral).data)

    @extend_schema(
        request=serializers.StatusUpdateSerializer,
        responses=serializers.StatusUpdateSerializer(many=True),
    )
    @action(detail=True, methods=["get", "post"])
    def updates(self, request, pk=None):
        """The referral's dated status updates; POST adds one."""
        referral = self.get_object()
        if request.method == "POST":
            body = serializers.StatusUpdateSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            update = services.status_update_add(
                actor=request.user, referral=referral, **body.validated_data
            )
            return Response(serializers.StatusUpdateSerializer(update).data, status=201)
        services.referrals_read(actor=request.user, referrals=[referral], many=False)
        rows = referral.updates.select_related("by")
        return Response(serializers.StatusUpdateSerializer(rows, many=True).data)
