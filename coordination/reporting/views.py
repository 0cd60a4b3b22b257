"""Pages of annual reporting: the reports, the cycles, a provider's submission."""

from collections import Counter

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..people.access import access_for
from ..plumbing import background
from ..plumbing.errors import Conflict
from ..plumbing.forms import add_service_errors, refusal_text
from ..plumbing.spreadsheet import safe_row
from . import charts, receipts, selectors, services, submissions, tasks
from .forms import (
    TYPED_ROWS_MAX,
    CaseRowFormSet,
    DeclineForm,
    ReceiptForm,
    ReportingCycleForm,
    ResponseForm,
    SubmissionForm,
    show_refusal,
    with_more_rows,
)
from .models import ReportingCycle, ServedCase, SubmissionVersion
from .report import annual_report


@login_required
def report_list(request):
    cycles = list(ReportingCycle.objects.filter(cadence="annual").order_by("-year"))
    for cycle in cycles:
        cycle.overdue = selectors.overdue_count(cycle) if cycle.status == "open" else 0
    return render(request, "coordination/reporting/report_list.html", {"cycles": cycles})


@login_required
def report_detail(request, year: int):
    cycle = selectors.report_cycle(user=request.user, year=year)
    if cycle is None:
        raise Http404("No reporting year on record.")
    is_admin = access_for(request.user).is_state_admin
    published = not is_admin or request.GET.get("published") == "1"
    report = annual_report(cycle, suppress=published)
    public = report if published else annual_report(cycle, suppress=True)
    context = {
        "report": report,
        "cycle": cycle,
        "overdue": selectors.overdue_count(cycle) if cycle.status == "open" else 0,
        "data": report.as_dict(),
        "is_admin": is_admin,
        "published": published,
        # Charts show the published figures, whoever looks.
        "charts": [
            charts.trend_chart(public),
            charts.type_chart(public),
            charts.region_chart(public),
        ],
    }
    return render(request, "coordination/reporting/report_detail.html", context)


@login_required
def reporting(request):
    """Provider reporters: what is due. State admins: the years, and opening a new one."""
    access = access_for(request.user)
    if not (access.is_state_admin or access.reporter_agency_ids):
        raise PermissionDenied("Annual reporting is for provider reporters and state admins.")
    form = ReportingCycleForm(request.POST or None) if access.is_state_admin else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            cycle = services.reporting_cycle_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Reporting cycle {cycle.label} is open.")
            return redirect("reporting")
    cycles = list(selectors.cycle_list(user=request.user)) if access.is_state_admin else []
    for cycle in cycles:
        cycle.overdue = selectors.overdue_count(cycle)
    context = {"due": selectors.due_for(user=request.user), "cycles": cycles, "form": form}
    return render(request, "coordination/reporting/reporting.html", context)


@require_POST
@login_required
def reporting_publish(request, pk: int):
    cycle = get_object_or_404(selectors.cycle_list(user=request.user), pk=pk)
    published = request.POST.get("published") == "1"
    try:
        services.reporting_cycle_publish(actor=request.user, cycle=cycle, published=published)
    except (PermissionDenied, ValidationError, Conflict) as refused:
        messages.error(request, refusal_text(refused))
    else:
        said = "is on the public dashboard" if published else "is off the public dashboard"
        messages.success(request, f"Reporting year {cycle.label} {said}.")
    return redirect("reporting")


@login_required
def reporting_tracker(request, pk: int):
    """Who of the providers asked has submitted, is working on it, declined, or is late."""
    cycle = get_object_or_404(selectors.cycle_list(user=request.user), pk=pk)
    if not access_for(request.user).is_state_admin:
        raise PermissionDenied("The tracker is for state admins.")
    form = DeclineForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            services.provider_response_set(
                actor=request.user, cycle=cycle, status="declined", **form.cleaned_data
            )
        except (ValidationError, Conflict, PermissionDenied) as refused:
            messages.error(request, refusal_text(refused))
        else:
            messages.success(request, f"Recorded: {form.cleaned_data['agency'].name} declined.")
            return redirect("reporting-tracker", pk=cycle.pk)
    standings = selectors.completeness(cycle)
    context = {
        "cycle": cycle,
        "standings": standings,
        "counts": Counter(row.state for row in standings),
        "form": form,
    }
    return render(request, "coordination/reporting/tracker.html", context)


@require_POST
@login_required
def submission_respond(request, cycle_pk: int, agency_pk: int):
    """A provider says it is working on its report, or declines with a reason."""
    cycle, agency = _reporters_year(request, cycle_pk, agency_pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a reason from the list to decline.")
        return redirect("submission-form", cycle_pk=cycle.pk, agency_pk=agency.pk)
    try:
        services.provider_response_set(
            actor=request.user, cycle=cycle, agency=agency, **form.cleaned_data
        )
    except (ValidationError, Conflict, PermissionDenied) as refused:
        messages.error(request, refusal_text(refused))
    else:
        said = "declines" if form.cleaned_data["status"] == "declined" else "is working on it"
        messages.success(request, f"Recorded: {agency.name} {said}.")
    return redirect("submission-form", cycle_pk=cycle.pk, agency_pk=agency.pk)


@require_POST
@login_required
def reporting_close(request, pk: int):
    cycle = get_object_or_404(selectors.cycle_list(user=request.user), pk=pk)
    try:
        services.reporting_cycle_close(actor=request.user, cycle=cycle)
    except (Conflict, PermissionDenied) as refused:
        messages.error(request, getattr(refused, "detail", str(refused)))
    else:
        messages.success(request, f"Reporting year {cycle.year} is closed.")
    return redirect("reporting")


def _as_last_submitted(current) -> dict:
    """The form's figures as the provider last submitted them (a revision starts there)."""
    if not current:
        return {}
    return {
        "services_offered": current.services_offered,
        "parishes_served": list(current.parishes_served.all()),
        "children_served": current.children_served,
        "adults_served": current.adults_served,
    }


def _submit(user, cycle, agency, data: dict, typed: list, current_rows: list) -> None:
    """Hand the submission to the task worker: reading the file and checking its rows is
    its work. With a file, the typed rows are the file's only if the provider changed
    them (they start as the current version's rows)."""
    upload = data["file"]
    if upload and typed and _canonical(typed) != _canonical(current_rows):
        raise ValidationError({"file": ["Give the case rows as a file or typed, not both."]})
    background.run_in_worker(
        tasks.submit_annual_report,
        actor=user.pk,
        cycle=cycle.pk,
        agency=agency.pk,
        services_offered=data["services_offered"],
        parishes_served=[parish.pk for parish in data["parishes_served"]],
        children_served=data["children_served"],
        adults_served=data["adults_served"],
        cases=None if upload else typed,
        file=(
            {"name": upload.name, "content": background.as_text(upload.read())} if upload else None
        ),
        drop_rows=data["drop_rows"],
        answer=False,
    )


def _canonical(rows: list[dict]) -> list[tuple]:
    columns = ["case_code", *submissions.CODED, "parish"]
    return sorted(
        tuple(str(row.get(name) or "").strip().upper() for name in columns) for row in rows
    )


def _typed_rows(request, current_rows: list) -> tuple:
    """The typed table: on a revision, the current version's rows and a few blank ones."""
    if request.method == "POST":
        fits = len(current_rows) + 5 <= TYPED_ROWS_MAX
        return CaseRowFormSet(request.POST, prefix="cases"), fits
    try:
        blank = min(max(int(request.GET.get("rows", 5)), 1), 200)
    except ValueError:
        blank = 5  # a bad ?rows= is not worth an error page
    rows = current_rows if len(current_rows) + blank <= TYPED_ROWS_MAX else []
    return CaseRowFormSet(prefix="cases", initial=[*rows, *([{}] * blank)]), bool(rows)


@login_required
def submission_form(request, cycle_pk: int, agency_pk: int):
    cycle, agency = _reporters_year(request, cycle_pk, agency_pk)
    submission = cycle.submissions.filter(agency=agency).first()
    current = selectors.current_version(submission) if submission else None
    current_rows = selectors.version_rows(current) if current else []
    form = SubmissionForm(
        request.POST or None, request.FILES or None, initial=_as_last_submitted(current)
    )
    row_forms, rows_in_table = _typed_rows(request, current_rows)
    busy = False
    if request.method == "POST" and "add_rows" in request.POST:
        form, row_forms = with_more_rows(form, row_forms)  # nothing checked, nothing lost
    elif request.method == "POST" and form.is_valid() and row_forms.is_valid():
        typed_forms = [row for row in row_forms if row.row()]
        typed = [row.row() for row in typed_forms]
        try:
            _submit(request.user, cycle, agency, form.cleaned_data, typed, current_rows)
        except ValidationError as error:
            show_refusal(form, typed_forms, error)
        except (Conflict, PermissionDenied) as refused:
            messages.error(request, getattr(refused, "detail", str(refused)))
        except background.WorkerBusy as refused:
            busy = True
            messages.error(request, str(refused.detail))
        else:
            messages.success(request, f"Submitted {agency.name}'s report for {cycle.year}.")
            return redirect("submission-form", cycle_pk=cycle.pk, agency_pk=agency.pk)
    context = {
        "cycle": cycle,
        "agency": agency,
        "standing": next(
            (row for row in selectors.completeness(cycle) if row.agency.pk == agency.pk), None
        ),
        "response_form": ResponseForm(),
        "form": form,
        "row_forms": row_forms,
        "row_errors": row_forms.is_bound and any(row.errors for row in row_forms),
        "may_add_rows": len(row_forms.forms) < TYPED_ROWS_MAX,
        "columns": submissions.COLUMN_LABELS,
        "current": current,
        "current_rows": current_rows,
        "rows_in_table": rows_in_table,
        "history": selectors.version_history(submission) if submission else [],
        **_shown_version(request, submission, current, current_rows),
    }
    response = render(request, "coordination/reporting/submission_form.html", context)
    if busy:
        response.status_code = 503
        response["Retry-After"] = str(background.RETRY_AFTER_SECONDS)
    return response


SHOWN_ROWS = 1000
# A served case's coded columns, shown in words on the page (files keep the codes).
CASE_WORDS = {
    name: dict(ServedCase._meta.get_field(name).choices)
    for name in ("trafficking_type", "victim_status", "age_band", "status_update")
}


def _in_words(rows: list[dict]) -> list[dict]:
    return [
        {**row, **{name: words.get(row[name], row[name]) for name, words in CASE_WORDS.items()}}
        for row in rows[:SHOWN_ROWS]
    ]


def _shown_version(request, submission, current, current_rows) -> dict:
    """The version whose rows the page lists (the first SHOWN_ROWS, in words): `?version=`
    or the current one."""
    wanted = request.GET.get("version", "")[:6]
    shown, rows = current, current_rows
    if submission is not None and wanted.isdigit() and current is not None:
        shown = submission.versions.filter(number=int(wanted)).first() or current
        rows = current_rows if shown.pk == current.pk else selectors.version_rows(shown)
    return {"shown": shown, "shown_rows": _in_words(rows), "shown_count": len(rows)}


def _reporters_year(request, cycle_pk: int, agency_pk: int):
    """The year and the provider, for one of the provider's own reporters."""
    access = access_for(request.user)
    cycle = get_object_or_404(selectors.cycle_list(user=request.user), pk=cycle_pk)
    if access.is_state_admin and not access.reporter_agency_ids:
        # They see every year and provider, but the provider's own reporter submits.
        raise PermissionDenied("A provider's reporter submits its figures.")
    agency = get_object_or_404(
        cycle.providers.filter(pk__in=access.reporter_agency_ids), pk=agency_pk
    )
    return cycle, agency


@login_required
def submission_rows(request, cycle_pk: int, agency_pk: int, number: int):
    """A version's case rows as the filled template (CSV): what a provider revises from."""
    cycle, agency = _reporters_year(request, cycle_pk, agency_pk)
    version = get_object_or_404(
        SubmissionVersion, submission__cycle=cycle, submission__agency=agency, number=number
    )
    rows = tablib.Dataset(headers=safe_row(submissions.COLUMNS))
    for row in selectors.version_rows(version):
        rows.append(safe_row([row[column] for column in submissions.COLUMNS]))
    response = HttpResponse(rows.export("csv"), content_type="text/csv; charset=utf-8")
    name = f"lantern-cases-{cycle.file_label}-version-{number}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def submission_receipt(request, cycle_pk: int, agency_pk: int, number: int, file_format: str):
    """A version's signed receipt, as JSON (what verifies) or as a PDF to file."""
    cycle, agency = _reporters_year(request, cycle_pk, agency_pk)
    version = get_object_or_404(
        SubmissionVersion.objects.select_related("submission__agency", "submission__cycle"),
        submission__cycle=cycle,
        submission__agency=agency,
        number=number,
    )
    document = services.receipt_issue(actor=request.user, version=version).document
    name = f"lantern-receipt-{cycle.file_label}-{agency.pk}-version-{number}.{file_format}"
    if file_format == "json":
        response = HttpResponse(
            receipts.canonical_pretty(document), content_type="application/json"
        )
    else:
        response = HttpResponse(receipts.pdf_bytes(document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


RECEIPT_UPLOAD_MAX = 64 * 1024


def _body_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return RECEIPT_UPLOAD_MAX * 4  # a length that is not a number: refused


def receipt_verify(request):
    """Anyone holding a receipt (a provider's counsel) checks it: Lantern's signature, and
    that what Lantern stores still matches it. No sign-in; nothing is stored."""
    if request.method == "POST" and _body_length(request) > RECEIPT_UPLOAD_MAX * 2:
        # Refused before the body is parsed: a receipt is about 2 KB.
        return HttpResponse("This is far larger than a receipt.", status=413)
    form = ReceiptForm(request.POST or None, request.FILES or None)
    problems, document = None, None
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        problems = receipts.verify(document)
    context = {
        "form": form,
        "problems": problems,
        "document": document if problems == [] else None,
        "public_key": receipts.public_key_text(),
        "proves": receipts.PROVES,
    }
    return render(request, "coordination/reporting/receipt_verify.html", context)
