"""The heavy work of annual reporting's views, run by the task worker
(coordination/plumbing/background.py): an annual submission's case rows (from a file or
typed) and the annual report's PDF.

Each task takes ids and the bounded input its view already checked the size of, loads
what it needs, calls the same services and serializers the view used to call, and returns
what the view answers."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict

from ..plumbing.background import as_bytes, as_text, offloaded
from . import exports, services, submissions
from .api import serializers
from .models import Agency, AnnualSubmission, Parish, ReportingCycle, SubmissionSource
from .report import annual_report


@offloaded
def submit_annual_report(
    *,
    actor: int,
    cycle: int,
    agency: int,
    services_offered: list[str],
    parishes_served: list[int],
    children_served: int,
    adults_served: int,
    cases: list[dict] | None = None,
    file: dict | None = None,
    answer: bool = True,
    drop_rows: bool = False,
) -> dict | None:
    """Submit a provider's report whose other fields the view has checked: the case rows
    typed (`cases`) or in a file (`file`: its name and content as text). With `answer`,
    the submission as the API shows it."""
    if file is not None:
        uploaded = SimpleUploadedFile(file["name"], as_bytes(file["content"]))
        cases, source = submissions.read_case_file(uploaded), SubmissionSource.UPLOAD
    else:
        source = SubmissionSource.FORM
    version = services.submission_submit(
        actor=get_user_model().objects.get(pk=actor),
        cycle=ReportingCycle.objects.get(pk=cycle),
        agency=Agency.objects.get(pk=agency),
        services_offered=services_offered,
        parishes_served=list(Parish.objects.filter(pk__in=parishes_served)),
        children_served=children_served,
        adults_served=adults_served,
        cases=cases or [],
        source=source,
        drop_rows=drop_rows,
    )
    if not answer:
        return None
    return serializers.AnnualSubmissionSerializer(version.submission).data


@offloaded
def submit_typed_annual_report(*, actor: int, body: dict, submission: int | None = None) -> dict:
    """A submission typed over the API (`POST`, or `PUT` to revise `submission`): the
    body is checked here, up to 20,000 rows of it, then submitted."""
    data = _as_request_data(body)
    user = get_user_model().objects.get(pk=actor)
    if submission is None:
        # The year and the agency are offered among the reporter's own (scoped fields).
        context = {"request": SimpleNamespace(user=user, auth=None)}
        checked = serializers.SubmissionCreateSerializer(data=data, context=context)
        checked.is_valid(raise_exception=True)
        version = services.submission_submit(actor=user, **checked.validated_data)
    else:
        revised = AnnualSubmission.objects.select_related("cycle", "agency").get(pk=submission)
        checked = serializers.SubmissionContentSerializer(data=data)
        checked.is_valid(raise_exception=True)
        version = services.submission_submit(
            actor=user, cycle=revised.cycle, agency=revised.agency, **checked.validated_data
        )
    return serializers.AnnualSubmissionSerializer(version.submission).data


def request_body(data) -> dict:
    """A request's parsed body as a task's argument: JSON as it came, a form's fields as
    lists (read back as the form by `_as_request_data`)."""
    if isinstance(data, QueryDict):
        return {"form": {key: values for key, values in data.lists()}}
    return {"json": data}


def _as_request_data(body: dict):
    if "form" not in body:
        return body["json"]
    data = QueryDict(mutable=True)
    for key, values in body["form"].items():
        data.setlist(key, values)
    return data


@offloaded(priority=10)
def annual_report_pdf(*, cycle: int) -> str:
    """The year's published (suppressed) report as a PDF, as text. A second or so of
    drawing: it goes before uploads of 20,000 rows waiting in the queue."""
    report = annual_report(ReportingCycle.objects.get(pk=cycle), suppress=True)
    return as_text(exports.pdf_bytes(report))


@offloaded
def standard_export(*, kind: str, cycle: int, file_format: str) -> str:
    """A cycle in a standard shape (`htcds` or `measures`), as JSON or CSV text: reading
    every case row of a year is the worker's work, not a web process's."""
    from . import htcds, measures

    module = {"htcds": htcds, "measures": measures}[kind]
    builder = htcds.htcds_export if kind == "htcds" else measures.performance_measures
    document = builder(ReportingCycle.objects.get(pk=cycle))
    write = module.csv_bytes if file_format == "csv" else module.json_bytes
    return as_text(write(document))
