"""A reporting year in standard forms: the HTCDS export and the federal performance
measures, as JSON or CSV (`?format=json|csv`). Both are for state admins only: the HTCDS
records are case-level rows, never published; anyone else is refused before anything is
read or computed."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from ...people.access import access_for
from ...plumbing import background
from .. import selectors, tasks
from ..models import ReportingCycle

CONTENT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


class CSVRenderer(BaseRenderer):
    """Lets `?format=csv` (or `Accept: text/csv`) through DRF's content negotiation; the
    view writes the CSV itself, so this renders only what it is handed as bytes."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class StateAdminsOnly(permissions.BasePermission):
    message = "Only a state admin may export a reporting year's case-level or measure data."

    def has_permission(self, request, view) -> bool:
        return access_for(request.user).is_state_admin


class StandardExportView(APIView):
    """A year's export, as JSON or CSV; an error is always answered as JSON."""

    permission_classes = [permissions.IsAuthenticated, StateAdminsOnly]
    renderer_classes = [JSONRenderer, CSVRenderer]
    name_stem = ""

    kind = ""

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.exception:
            request.accepted_renderer, request.accepted_media_type = (
                JSONRenderer(),
                "application/json",
            )
        return super().finalize_response(request, response, *args, **kwargs)

    def get(self, request, year: int):
        cycle = selectors.report_cycle(user=request.user, year=year)  # the year's annual cycle
        if cycle is None:
            raise NotFound("No reporting year on record.")
        return self.answer(request, cycle)

    def answer(self, request, cycle: ReportingCycle) -> HttpResponse:
        file_format = request.accepted_renderer.format
        text = background.run_in_worker(
            tasks.standard_export, kind=self.kind, cycle=cycle.pk, file_format=file_format
        )
        response = HttpResponse(background.as_bytes(text), content_type=CONTENT_TYPES[file_format])
        name = f"lantern-{self.name_stem}-{cycle.file_label}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


BINARY_RESPONSES = {
    (200, "application/json"): OpenApiTypes.OBJECT,
    (200, "text/csv"): OpenApiTypes.BINARY,
}


class HTCDSExportView(StandardExportView):
    """The year in the Human Trafficking Case Data Standard (HTCDS 2.0): one record per
    case row of the current versions (provider case codes replaced by opaque ids) and the
    suppressed report as its aggregate section. The CSV holds the records."""

    name_stem = "htcds"
    kind = "htcds"

    @extend_schema(responses=BINARY_RESPONSES)
    def get(self, request, year: int):
        return super().get(request, year)


class MeasuresExportView(StandardExportView):
    """The federal performance measures Lantern's rows answer for the year (suppressed,
    as the report is), and those it cannot, each with why."""

    name_stem = "performance-measures"
    kind = "measures"

    @extend_schema(responses=BINARY_RESPONSES)
    def get(self, request, year: int):
        return super().get(request, year)


class CycleMeasuresExportView(MeasuresExportView):
    """The measures of any reporting cycle, by its id: a funder's half-year or quarter as
    well as a year."""

    @extend_schema(responses=BINARY_RESPONSES)
    def get(self, request, pk: int):
        cycle = selectors.cycle_list(user=request.user).filter(pk=pk).first()
        if cycle is None:
            raise NotFound("No such reporting cycle.")
        return self.answer(request, cycle)
