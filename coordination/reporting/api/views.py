"""The API of annual reporting: cycles, submissions, the case template and the report."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import (
    APIException,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination.plumbing.input import MultiPartParser

from ...people import selectors as people_selectors
from ...people.access import access_for
from ...plumbing import background
from ...plumbing.api.filters import ScopedFilterSet
from ...plumbing.api.permissions import StateAdminWrites
from ...plumbing.api.viewsets import ServiceViewSet
from .. import exports, selectors, services, tasks, uploads
from ..models import AnnualSubmission
from ..report import annual_report
from ..submissions import template
from . import serializers

TEMPLATE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportingCycleViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """Reporting years: which providers are asked, by when; open → closed. State admins
    open, change and close them; provider reporters see the years they are asked in."""

    serializer_class = serializers.ReportingCycleSerializer
    update_serializer_class = serializers.ReportingCycleUpdateSerializer
    # Before the body is read: its providers are every service provider of the state.
    permission_classes = [permissions.IsAuthenticated, StateAdminWrites]
    selector = staticmethod(selectors.cycle_list)
    create_service = staticmethod(services.reporting_cycle_open)
    update_service = staticmethod(services.reporting_cycle_update)
    instance_argument = "cycle"

    @extend_schema(request=None, responses=serializers.ReportingCycleSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        cycle = services.reporting_cycle_close(actor=request.user, cycle=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=cycle.pk)).data)

    @extend_schema(
        request=serializers.PublishSerializer, responses=serializers.ReportingCycleSerializer
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Put the year's (suppressed) figures on the public dashboard, or take them off."""
        cycle = self.get_object()
        body = serializers.PublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.reporting_cycle_publish(
            actor=request.user, cycle=cycle, published=body.validated_data["published"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=cycle.pk)).data)

    @extend_schema(responses=serializers.ProviderStandingSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def tracker(self, request, pk=None):
        """Each provider asked: submitted, declined, in progress, overdue or not started."""
        cycle = self.get_object()
        if not access_for(request.user).is_state_admin:
            raise PermissionDenied("The tracker is for state admins.")
        standings = selectors.completeness(cycle)
        return Response(serializers.ProviderStandingSerializer(standings, many=True).data)

    @extend_schema(
        request=serializers.ProviderResponseSerializer,
        responses=serializers.ProviderStandingSerializer,
    )
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def respond(self, request, pk=None):
        """A provider says it is working on its report, or declines with a coded reason."""
        cycle = self.get_object()
        body = serializers.ProviderResponseSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        response = services.provider_response_set(
            actor=request.user, cycle=cycle, **body.validated_data
        )
        standing = next(
            row for row in selectors.completeness(cycle) if row.agency.pk == response.agency_id
        )
        return Response(serializers.ProviderStandingSerializer(standing).data)


class AnnualSubmissionFilter(ScopedFilterSet):
    scoped_filters = {"cycle": selectors.cycle_list, "agency": people_selectors.agency_list}

    class Meta:
        model = AnnualSubmission
        fields = ["cycle", "agency"]


class MayReport(permissions.BasePermission):
    """Submitting takes a provider's reporter: anyone else is refused before the body is
    read (whose agency and year are then checked against the reporter's own)."""

    message = "A provider's reporter submits its figures; the state reads them."

    def has_permission(self, request, view) -> bool:
        if view.action not in {"create", "upload"}:
            return True  # a submission's own routes: scoped lookup (404), then the service
        return bool(access_for(request.user).reporter_agency_ids)


class UploadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self):
        super().__init__(uploads.too_large_message())


class AnnualSubmissionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """A provider's annual submission. `POST` submits, `PUT` revises (a new version; every
    version is kept), `upload/` takes the case rows as a .csv or .xlsx file. A submission
    with any bad case row is refused whole, each problem named by row and column."""

    serializer_class = serializers.AnnualSubmissionSerializer
    permission_classes = [permissions.IsAuthenticated, MayReport]
    filterset_class = AnnualSubmissionFilter
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return selectors.submission_list(user=self.request.user)

    # The rows (up to 20,000) are read, checked and stored by the task worker
    # (coordination/reporting/tasks.py); each action checks who may submit, and the size, first.
    @extend_schema(
        request=serializers.SubmissionCreateSerializer,
        responses={201: serializers.AnnualSubmissionSerializer},
    )
    def create(self, request):
        return background.answer_from_worker(
            tasks.submit_typed_annual_report,
            actor=request.user.pk,
            body=tasks.request_body(request.data),
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=serializers.SubmissionContentSerializer,
        responses=serializers.AnnualSubmissionSerializer,
    )
    def update(self, request, pk=None):
        submission = self.get_object()
        return background.answer_from_worker(
            tasks.submit_typed_annual_report,
            actor=request.user.pk,
            body=tasks.request_body(request.data),
            submission=submission.pk,
            status=status.HTTP_200_OK,
        )

    @extend_schema(
        request={"multipart/form-data": serializers.SubmissionUploadSerializer},
        responses={201: serializers.AnnualSubmissionSerializer},
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser])
    def upload(self, request):
        # MayReport refused anyone but a reporter before the body; how much, before it is
        # parsed (on first access to request.data); the provider (a field scoped to the
        # reporter's own), before the file is read.
        if uploads.body_too_large(request):
            raise UploadTooLarge()
        body = serializers.SubmissionUploadSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        data = body.validated_data
        uploaded = data["file"]
        if uploads.file_too_large(uploaded):
            raise UploadTooLarge()
        return background.answer_from_worker(
            tasks.submit_annual_report,
            actor=request.user.pk,
            cycle=data["cycle"].pk,
            agency=data["agency"].pk,
            services_offered=data["services_offered"],
            parishes_served=[parish.pk for parish in data["parishes_served"]],
            children_served=data["children_served"],
            adults_served=data["adults_served"],
            file={"name": uploaded.name, "content": background.as_text(uploaded.read())},
            drop_rows=data["drop_rows"],
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[OpenApiParameter("version", int, description="A version number (current).")],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=True, methods=["get"])
    def receipt(self, request, pk=None):
        """A version's signed receipt (JSON): the checks it passed, the digest of what was
        stored, Lantern's signature. For the provider's own reporters."""
        submission = self.get_object()
        versions = submission.versions.select_related("submission__agency", "submission__cycle")
        wanted = request.query_params.get("version", "")[:6]
        if wanted and not wanted.isdigit():
            raise ValidationError({"version": ["A version number."]})
        version = (
            versions.filter(number=int(wanted)).first()
            if wanted
            else versions.filter(is_current=True).first()
        )
        if version is None:
            raise NotFound("No such version.")
        return Response(services.receipt_issue(actor=request.user, version=version).document)

    @extend_schema(responses=serializers.SubmissionVersionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        versions = self.get_object().versions.select_related("submitted_by")
        return Response(serializers.SubmissionVersionSerializer(versions, many=True).data)


def _file_format(formats) -> OpenApiParameter:
    """The `.<format>` at the end of a download's path: one of a few, exactly (the schema
    drf-spectacular reads from the URL pattern, `^csv|xlsx$`, would admit "csv-and-more")."""
    return OpenApiParameter("file_format", str, OpenApiParameter.PATH, enum=list(formats))


class CaseTemplateView(APIView):
    """The empty template for a submission's case rows."""

    @extend_schema(
        parameters=[_file_format(TEMPLATE_TYPES)],
        responses={
            (200, media.split(";")[0]): OpenApiTypes.BINARY for media in TEMPLATE_TYPES.values()
        },
    )
    def get(self, request, file_format: str):
        response = HttpResponse(template(file_format), content_type=TEMPLATE_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="lantern-cases.{file_format}"'
        return response


class AnnualReportView(APIView):
    """The statewide report for a year. Counts under the suppression threshold show as
    "<5" (with complementary suppression) for everyone but state admins, who may ask for
    the published form with `?suppressed=true`; the CSV and PDF are always suppressed."""

    @extend_schema(
        parameters=[OpenApiParameter("suppressed", bool, required=False)],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, year: int):
        cycle = selectors.report_cycle(user=request.user, year=year)
        if cycle is None:
            raise NotFound("No reporting year on record.")
        suppress = (
            not access_for(request.user).is_state_admin
            or request.query_params.get("suppressed") == "true"
        )
        return Response(annual_report(cycle, suppress=suppress).as_dict())


class AnnualReportExportView(APIView):
    """The report as CSV or PDF, always suppressed."""

    @extend_schema(
        parameters=[_file_format(["csv", "pdf"])],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        },
    )
    def get(self, request, year: int, file_format: str):
        cycle = selectors.report_cycle(user=request.user, year=year)
        if cycle is None:
            raise NotFound("No reporting year on record.")
        if file_format == "csv":
            report = annual_report(cycle, suppress=True)
            body, content_type = exports.csv_bytes(report), "text/csv; charset=utf-8"
        else:  # drawing it is seconds of CPU: the task worker does it
            drawn = background.run_in_worker(tasks.annual_report_pdf, cycle=cycle.pk)
            body, content_type = background.as_bytes(drawn), "application/pdf"
        response = HttpResponse(body, content_type=content_type)
        name = f"lantern-annual-report-{year}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
