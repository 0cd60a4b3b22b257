"""Referrals over the API. Every list and detail read is audited (ids only)."""

from django.urls import reverse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination.people import selectors as people_selectors
from coordination.people.access import access_for
from coordination.plumbing.api.filters import ScopedFilterSet
from coordination.plumbing.api.pagination import KeysetPagination
from coordination.plumbing.api.permissions import StateAdminWrites
from coordination.plumbing.api.viewsets import ServiceViewSet, transition_action
from mdt import selectors, services
from mdt.models import (
    Meeting,
    Screening,
    ScreeningInstrument,
)

from ..meetings import services as meetings_services
from ..screening import services as screening_services
from ..screening.statistics import screening_statistics
from . import serializers
from .filters import ReferralFilter


def _transition_action(name: str):
    return transition_action(
        name,
        service=services.referral_transition,
        instance_argument="referral",
        request_serializer=serializers.ReferralTransitionSerializer,
        response_serializer=serializers.ReferralSerializer,
    )


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
    pagination_class = KeysetPagination
    filterset_class = ReferralFilter
    selector = staticmethod(selectors.referral_list)
    create_service = staticmethod(services.referral_create)
    update_service = staticmethod(services.referral_update)
    instance_argument = "referral"

    review = _transition_action("review")
    engage = _transition_action("engage")
    close = _transition_action("close")

    def keyset(self, request):
        sort = request.query_params.get("sort")
        return selectors.REFERRAL_SORTS.get(sort, selectors.REFERRAL_SORTS["newest"])

    def list(self, request, *args, **kwargs):
        # Plain rows: they name their MDT and parish by id; the MDT's targets (for the
        # flags) and the open recommendations come in the same query, the case teams in
        # one more (bench/README.md, figure 3).
        referrals = self.filter_queryset(selectors.referrals_sortable(self.get_queryset()))
        rows = selectors.referrals_with_row_extras(
            referrals.select_related(None).prefetch_related(None)
        )
        keys = [key.name for key in self.keyset(request).keys]
        page = self.paginate_queryset(
            rows.values(*serializers.REFERRAL_ROW_COLUMNS, *keys, *selectors.ROW_EXTRA_COLUMNS)
        )
        ids = [row["id"] for row in page]
        services.referrals_read(actor=request.user, referral_ids=ids, many=True)
        extras = selectors.referral_row_extras(page)
        return self.get_paginated_response(serializers.referral_rows(page, extras))

    def retrieve(self, request, *args, **kwargs):
        referral = self.get_object()
        services.referrals_read(actor=request.user, referral_ids=[referral.pk], many=False)
        return Response(self.get_serializer(referral).data)

    @extend_schema(
        request=serializers.CaseTeamJoinSerializer, responses=serializers.ReferralSerializer
    )
    @action(detail=True, methods=["post"])
    def join(self, request, pk=None):
        """Join the referral's case team (in your MDT discipline unless you name one)."""
        referral = self.get_object()
        body = serializers.CaseTeamJoinSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.case_team_join(actor=request.user, referral=referral, **body.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=referral.pk)).data)

    @extend_schema(request=None, responses=serializers.ReferralSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        referral = self.get_object()
        services.case_team_leave(actor=request.user, referral=referral)
        return Response(self.get_serializer(self.get_queryset().get(pk=referral.pk)).data)

    @extend_schema(
        request=serializers.ReferralShareSerializer, responses=serializers.ReferralShareSerializer
    )
    @action(detail=True, methods=["post"])
    def share(self, request, pk=None):
        """Share with (or transfer to) another MDT, with recorded consent; 400 without it."""
        referral = self.get_object()
        body = serializers.ReferralShareSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        share = services.referral_share(
            actor=request.user,
            referral=referral,
            to_mdt=body.validated_data["to_mdt"],
            consent=body.validated_data.get("consent"),
            transfer=body.validated_data.get("transfer", False),
        )
        return Response(serializers.ReferralShareSerializer(share).data, status=201)

    @extend_schema(methods=["GET"], responses=serializers.StatusUpdateSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request=serializers.StatusUpdateSerializer,
        responses={201: serializers.StatusUpdateSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
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
        services.referrals_read(actor=request.user, referral_ids=[referral.pk], many=False)
        rows = referral.updates.select_related("by")
        return Response(serializers.StatusUpdateSerializer(rows, many=True).data)


class MDTViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """MDTs the user belongs to, or whose region they coordinate (state admins: all).
    State admins set them up: create, edit (name, region, parishes, chair), retire, and
    add or remove members (`members/`), each member's MDT role kept with the membership."""

    serializer_class = serializers.MDTSerializer
    permission_classes = [permissions.IsAuthenticated, StateAdminWrites]
    selector = staticmethod(selectors.mdt_list)
    create_service = staticmethod(services.mdt_create)
    update_service = staticmethod(services.mdt_update)
    instance_argument = "mdt"
    http_method_names = ["get", "post", "patch", "delete"]

    @extend_schema(request=None, responses=serializers.MDTSerializer)
    @action(detail=True, methods=["post"])
    def retire(self, request, pk=None):
        mdt = services.mdt_retire(actor=request.user, mdt=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=mdt.pk)).data)

    @extend_schema(
        request=serializers.MembershipAddSerializer, responses={201: serializers.MDTSerializer}
    )
    @action(detail=True, methods=["post"])
    def members(self, request, pk=None):
        mdt = self.get_object()
        body = serializers.MembershipAddSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.membership_add(actor=request.user, mdt=mdt, **body.validated_data)
        data = self.get_serializer(self.get_queryset().get(pk=mdt.pk)).data
        return Response(data, status=201)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<membership>\d+)")
    def member_remove(self, request, pk=None, membership=None):
        mdt = self.get_object()
        found = mdt.memberships.filter(pk=membership).select_related("user", "mdt").first()
        if found is None:
            raise NotFound("No such member of this MDT.")
        services.membership_remove(actor=request.user, membership=found)
        return Response(status=204)


class MeetingFilter(ScopedFilterSet):
    scoped_filters = {"mdt": selectors.mdt_list, "series": selectors.meeting_series_list}
    starts_after = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = ["mdt", "series", "status"]


class MeetingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """MDT meetings: members schedule and hold them; coordinators of the region see the
    schedule. POST with `rrule` makes a series; the answer is its first meeting."""

    serializer_class = serializers.MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self):
        return selectors.meeting_list(user=self.request.user).prefetch_related(
            "agenda", "attendance__user"
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        meetings = meetings_services.meeting_schedule(actor=self.request.user, **data)
        serializer.instance = meetings[0]

    def _answer(self, meeting):
        # Read it again: the service changed rows the first read had prefetched.
        return Response(self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data)

    @extend_schema(
        request=serializers.MeetingRescheduleSerializer, responses=serializers.MeetingSerializer
    )
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        body = serializers.MeetingRescheduleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(
            meetings_services.meeting_reschedule(
                actor=request.user, meeting=self.get_object(), **body.validated_data
            )
        )

    @extend_schema(request=None, responses=serializers.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def hold(self, request, pk=None):
        return self._answer(
            meetings_services.meeting_transition(
                actor=request.user, meeting=self.get_object(), transition="hold"
            )
        )

    @extend_schema(request=None, responses=serializers.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._answer(
            meetings_services.meeting_transition(
                actor=request.user, meeting=self.get_object(), transition="cancel"
            )
        )

    @extend_schema(
        request=serializers.MeetingAgendaSerializer, responses=serializers.MeetingSerializer
    )
    @action(detail=True, methods=["put"])
    def agenda(self, request, pk=None):
        meeting = self.get_object()
        body = serializers.MeetingAgendaSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        codes = body.validated_data["referrals"]
        return self._answer(
            meetings_services.meeting_set_agenda(
                actor=request.user, meeting=meeting, case_codes=codes
            )
        )

    @extend_schema(
        request=serializers.MeetingRsvpSerializer, responses=serializers.MeetingSerializer
    )
    @action(detail=True, methods=["post"])
    def rsvp(self, request, pk=None):
        meeting = self.get_object()
        body = serializers.MeetingRsvpSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meetings_services.meeting_rsvp(actor=request.user, meeting=meeting, **body.validated_data)
        return self._answer(meeting)

    @extend_schema(
        request=serializers.MeetingAttendanceSerializer, responses=serializers.MeetingSerializer
    )
    @action(detail=True, methods=["put"], url_path="attendance")
    def record_attendance(self, request, pk=None):
        meeting = self.get_object()
        body = serializers.MeetingAttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meetings_services.meeting_record_attendance(
            actor=request.user, meeting=meeting, present_user_ids=body.validated_data["present"]
        )
        return self._answer(meeting)

    @extend_schema(
        request=serializers.MeetingMinutesSerializer, responses=serializers.MeetingSerializer
    )
    @action(detail=True, methods=["put"])
    def minutes(self, request, pk=None):
        meeting = self.get_object()
        body = serializers.MeetingMinutesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(
            meetings_services.meeting_record_minutes(
                actor=request.user, meeting=meeting, **body.validated_data
            )
        )


class CalendarFeedView(APIView):
    """The URL of your private iCalendar feed of your MDTs' meetings; POST renews it (the
    old URL stops working)."""

    def _answer(self, request, feed):
        url = request.build_absolute_uri(reverse("calendar-feed", args=[feed.token]))
        return Response({"url": url})

    @extend_schema(responses=serializers.CalendarFeedSerializer)
    def get(self, request):
        return self._answer(request, meetings_services.calendar_feed_for(actor=request.user))

    @extend_schema(request=None, responses=serializers.CalendarFeedSerializer)
    def post(self, request):
        return self._answer(request, meetings_services.calendar_feed_renew(actor=request.user))


# --- screening -------------------------------------------------------------------------
class ScreeningInstrumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Screening instruments, every version, with their indicators and band limits."""

    serializer_class = serializers.ScreeningInstrumentSerializer
    queryset = ScreeningInstrument.objects.all()


class ScreeningFilter(ScopedFilterSet):
    # One screens in any parish: its own screens are filtered by any of them.
    scoped_filters = {"parish": people_selectors.every_parish}

    class Meta:
        model = Screening
        fields = ["band", "parish"]


class ScreeningViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Screens. Any signed-in professional screens, and sees their own screens only. A
    screen at `possible` or above is referred (`refer/`) to the MDT that covers its parish;
    at `immediate_danger` that also raises a critical alert to the region's contact."""

    serializer_class = serializers.ScreeningSerializer
    filterset_class = ScreeningFilter

    def get_queryset(self):
        return selectors.screening_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        instrument = (
            data.pop("instrument", None) or screening_services.screening_instrument_current()
        )
        if instrument is None:
            raise ValidationError({"instrument": ["No screening instrument is loaded."]})
        serializer.instance = screening_services.screening_submit(
            actor=self.request.user, instrument=instrument, **data
        )

    @extend_schema(
        request=serializers.ScreeningReferSerializer, responses=serializers.ScreeningSerializer
    )
    @action(detail=True, methods=["post"])
    def refer(self, request, pk=None):
        body = serializers.ScreeningReferSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        screening = screening_services.screening_refer(
            actor=request.user, screening=self.get_object(), **body.validated_data
        )
        return Response(self.get_serializer(screening).data)

    @extend_schema(
        parameters=[OpenApiParameter("suppressed", bool, required=False)],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=False, methods=["get"])
    def statistics(self, request):
        """Screens by discipline, parish and month, split by band; small cells suppressed
        for everyone but state admins (who may ask `?suppressed=true`)."""
        suppress = (
            not access_for(request.user).is_state_admin
            or request.query_params.get("suppressed") == "true"
        )
        return Response(screening_statistics(suppress=suppress))
