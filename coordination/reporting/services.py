"""Every write to annual reporting: cycles and providers' submissions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django_fsm import can_proceed

from ..cases import ADULT_AGE_BANDS, MINOR_AGE_BANDS
from ..people.access import access_for
from ..people.models import Agency, Parish
from ..plumbing.background import enqueue_after_commit
from ..plumbing.errors import Conflict
from ..plumbing.records import validate
from ..privacy import guard_text
from . import mail, receipts
from .models import (
    AnnualSubmission,
    CycleStatus,
    ProviderResponse,
    ReportingCycle,
    ReportingReminder,
    ResponseStatus,
    ServedCase,
    ServiceOffered,
    SubmissionReceipt,
    SubmissionSource,
    SubmissionVersion,
)
from .submissions import clean_case_rows


def _require_state_admin(actor) -> None:
    if not access_for(actor).is_state_admin:
        raise PermissionDenied("Only state admins manage reporting years.")


def _check_providers(providers) -> list[Agency]:
    providers = list(providers)
    if not providers:
        raise ValidationError({"providers": ["Ask at least one provider."]})
    not_providers = [agency.name for agency in providers if not agency.is_service_provider]
    if not_providers:
        raise ValidationError(
            {"providers": [f"Not a reporting service provider: {', '.join(not_providers)}."]}
        )
    return providers


@transaction.atomic
def reporting_cycle_open(
    *,
    actor,
    year: int,
    providers,
    deadline,
    cadence: str = "annual",
    period: int = 1,
    funder: str = "",
    remind_days_before=None,
    remind_days_after=None,
) -> ReportingCycle:
    """Open a reporting cycle: the year (and for a funder's semi-annual or quarterly
    measures, the half or quarter), the providers asked and the deadline. State admins
    only."""
    _require_state_admin(actor)
    providers = _check_providers(providers)
    guard_text({"funder": funder})
    cycle = ReportingCycle(
        year=year,
        cadence=cadence,
        period=period,
        funder=funder,
        deadline=deadline,
        opened_by=actor,
    )
    for name, days in zip(REMINDER_FIELDS, (remind_days_before, remind_days_after), strict=True):
        if days is not None:
            setattr(cycle, name, _reminder_days(days, name))
    validate(cycle)
    cycle.save()
    cycle.providers.set(providers)
    return cycle


REMINDER_FIELDS = ("remind_days_before", "remind_days_after")


def _reminder_days(days, name: str) -> list[int]:
    """At most five reminders each side, from 0 to 365 days, in order."""
    days = list(days or [])
    if len(days) > 5 or not all(isinstance(d, int) and 0 <= d <= 365 for d in days):
        raise ValidationError({name: ["At most five whole numbers of days, from 0 to 365."]})
    return sorted(set(days), reverse=name == "remind_days_before")


@transaction.atomic
def reporting_cycle_update(*, actor, cycle: ReportingCycle, data: Mapping[str, Any]):
    """Change the deadline, the reminder days or the providers asked while the cycle is
    open."""
    _require_state_admin(actor)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise Conflict("The reporting year is closed.", status=cycle.status)
    changed = [name for name in ("deadline", *REMINDER_FIELDS) if name in data]
    for name in changed:
        setattr(cycle, name, data[name])
    for name in REMINDER_FIELDS:
        setattr(cycle, name, _reminder_days(getattr(cycle, name), name))
    if changed:
        validate(cycle)
        cycle.save(update_fields=changed)
    if "providers" in data:
        providers = _check_providers(data["providers"])
        reported = set(cycle.submissions.values_list("agency_id", flat=True))
        dropped = reported - {agency.pk for agency in providers}
        if dropped:
            raise ValidationError(
                {"providers": ["A provider that has already submitted stays asked."]}
            )
        cycle.providers.set(providers)
    return cycle


@transaction.atomic
def reporting_cycle_close(*, actor, cycle: ReportingCycle) -> ReportingCycle:
    """Close the year: no more submissions or revisions."""
    _require_state_admin(actor)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if not can_proceed(cycle.close):
        raise Conflict("The reporting year is already closed.", status=cycle.status)
    cycle.close(at=timezone.now())
    cycle.save()
    return cycle


@transaction.atomic
def reporting_cycle_publish(*, actor, cycle: ReportingCycle, published: bool) -> ReportingCycle:
    """Put a closed year's figures on the public dashboard (always suppressed), or take
    them off. State admins choose when."""
    _require_state_admin(actor)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.cadence != "annual":
        raise ValidationError({"published": ["Only an annual cycle makes the public report."]})
    if published and cycle.status != CycleStatus.CLOSED:
        # Published figures must not move: comparing two days of a live year would show
        # a revision's few rows, which suppression exists to hide.
        raise Conflict("Close the year first: only a closed year's figures are published.")
    cycle.published_at = (cycle.published_at or timezone.now()) if published else None
    cycle.save(update_fields=["published_at"])
    return cycle


def _check_totals(*, cases, children_served: int, adults_served: int) -> None:
    minors = sum(case.age_band in MINOR_AGE_BANDS for case in cases)
    adults = sum(case.age_band in ADULT_AGE_BANDS for case in cases)
    errors = {}
    if children_served != minors:
        errors["children_served"] = [
            f"{children_served} children served, but {minors} case rows are of a child's "
            "age band: the totals must agree with the case rows."
        ]
    if adults_served != adults:
        errors["adults_served"] = [
            f"{adults_served} adults served, but {adults} case rows are of an adult's "
            "age band: the totals must agree with the case rows."
        ]
    if errors:
        raise ValidationError(errors)


def _check_figures(services_offered, parishes_served, children_served, adults_served) -> None:
    unknown = [code for code in services_offered if code not in ServiceOffered.values]
    errors = {}
    if unknown or not services_offered:
        errors["services_offered"] = [f"Choose one or more of: {', '.join(ServiceOffered.values)}."]
    if not parishes_served:
        errors["parishes_served"] = ["Name at least one parish served."]
    for name, value in (("children_served", children_served), ("adults_served", adults_served)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[name] = ["A whole number, zero or more."]
    if errors:
        raise ValidationError(errors)


DROPS_NAMED = 20


def _refuse_silent_drops(submission: AnnualSubmission, kept: set[str]) -> None:
    current = submission.versions.filter(is_current=True).first()
    if current is None:
        return
    dropped = sorted(set(current.cases.values_list("case_code", flat=True)) - kept)
    if not dropped:
        return
    named = ", ".join(dropped[:DROPS_NAMED])
    more = f" and {len(dropped) - DROPS_NAMED} more" if len(dropped) > DROPS_NAMED else ""
    rows = "row" if len(dropped) == 1 else "rows"
    raise ValidationError(
        {
            "drop_rows": [
                f"This version leaves out {len(dropped)} case {rows} of version "
                f"{current.number} ({named}{more}). Nothing was stored. If they should go, "
                "confirm that they are dropped and submit again."
            ]
        }
    )


@transaction.atomic
def submission_submit(
    *,
    actor,
    cycle: ReportingCycle,
    agency: Agency,
    services_offered: Iterable[str],
    parishes_served: Iterable[Parish],
    children_served: int,
    adults_served: int,
    cases: Iterable[dict],
    source: str = SubmissionSource.FORM,
    drop_rows: bool = False,
) -> SubmissionVersion:
    """Submit (or revise) a provider's annual report: a new current version, the earlier
    ones kept. Only the provider's reporters, while the year is open and the provider is
    asked. Everything is checked before anything is stored: the case rows one by one
    (every problem listed), the services, and the totals against the rows. A revision
    that leaves out case rows of the current version is refused, naming them, unless
    `drop_rows` confirms it: nothing is replaced silently."""
    if agency.pk not in access_for(actor).reporter_agency_ids:
        raise PermissionDenied("Only the provider's own reporters submit its report.")
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise Conflict("The reporting year is closed.", status=cycle.status)
    if not cycle.providers.filter(pk=agency.pk).exists():
        raise ValidationError({"agency": ["This provider is not asked to report this year."]})
    services_offered = list(dict.fromkeys(services_offered))
    parishes_served = list(parishes_served)
    _check_figures(services_offered, parishes_served, children_served, adults_served)
    clean = clean_case_rows(list(cases))
    _check_totals(cases=clean, children_served=children_served, adults_served=adults_served)
    outside = sorted({case.parish.name for case in clean} - {p.name for p in parishes_served})
    if outside:
        raise ValidationError(
            {"cases": [f"Cases in parishes not listed as served: {', '.join(outside)}."]}
        )
    submission, _ = AnnualSubmission.objects.get_or_create(cycle=cycle, agency=agency)
    if not drop_rows:
        _refuse_silent_drops(submission, {case.case_code for case in clean})
    previous = submission.versions.aggregate(last=models.Max("number"))["last"] or 0
    submission.versions.filter(is_current=True).update(is_current=False)
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=previous + 1,
        submitted_by=actor,
        source=source,
        services_offered=services_offered,
        children_served=children_served,
        adults_served=adults_served,
    )
    version.parishes_served.set(parishes_served)
    ServedCase.objects.bulk_create(ServedCase(version=version, **case.__dict__) for case in clean)
    _issue_receipt(version)
    return version


def _issue_receipt(version: SubmissionVersion, *, late: bool = False) -> SubmissionReceipt:
    issued_at = timezone.now()
    return SubmissionReceipt.objects.create(
        version=version,
        issued_at=issued_at,
        document=receipts.receipt_document(version, issued_at=issued_at, late=late),
    )


@transaction.atomic
def receipt_issue(*, actor, version: SubmissionVersion) -> SubmissionReceipt:
    """A version's receipt, issued now if it has none (versions accepted before receipts
    existed). The provider's own reporters ask for it."""
    if version.submission.agency_id not in access_for(actor).reporter_agency_ids:
        raise PermissionDenied("A receipt goes to the provider's own reporters.")
    version = SubmissionVersion.objects.select_for_update().get(pk=version.pk)
    existing = SubmissionReceipt.objects.filter(version=version).first()
    return existing or _issue_receipt(version, late=True)


# --- what a provider says before submitting, and the reminders ---------------------------------
@transaction.atomic
def provider_response_set(
    *, actor, cycle: ReportingCycle, agency: Agency, status: str, reason: str = ""
) -> ProviderResponse:
    """A provider says it is working on its report, or declines with a coded reason. Its
    own reporters say so; a state admin may record it for them (a decline told by phone)."""
    access = access_for(actor)
    if not (access.is_state_admin or agency.pk in access.reporter_agency_ids):
        raise PermissionDenied("Only the provider's reporters or a state admin record this.")
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise Conflict("The reporting year is closed.", status=cycle.status)
    if not cycle.providers.filter(pk=agency.pk).exists():
        raise ValidationError({"agency": ["This provider is not asked to report this year."]})
    if cycle.submissions.filter(agency=agency).exists():
        raise Conflict("The provider has submitted: its report stands.", status="submitted")
    response = ProviderResponse.objects.filter(cycle=cycle, agency=agency).first()
    response = response or ProviderResponse(cycle=cycle, agency=agency)
    response.status, response.reason = status, reason if status == ResponseStatus.DECLINED else ""
    response.noted_at, response.noted_by = timezone.now(), actor
    validate(response)
    response.save()
    return response


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Queue an e-mail to each provider of an open cycle that has neither submitted nor
    declined, on the days before and after the deadline its cycle sets; returns how many
    were queued. Each reminder is logged once, by the date it fell due (a moved deadline
    brings its own dates): a worker that was down queues only the latest one due and
    passes over the earlier ones. The log is written under the cycle's lock and the mail
    goes after commit, through the task worker, so no mail server holds the lock."""
    today = today or timezone.localdate()
    queued = 0
    for cycle_pk in ReportingCycle.objects.filter(status=CycleStatus.OPEN).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            cycle = ReportingCycle.objects.select_for_update(skip_locked=True).filter(
                pk=cycle_pk, status=CycleStatus.OPEN
            )
            for locked in cycle:  # none when another worker holds it, or it just closed
                queued += _remind(locked, today)
    return queued


def _remind(cycle: ReportingCycle, today: datetime.date) -> int:
    offsets = [-days for days in cycle.remind_days_before] + list(cycle.remind_days_after)
    due = sorted(
        (cycle.deadline + datetime.timedelta(days), days)
        for days in set(offsets)
        if cycle.deadline + datetime.timedelta(days) <= today
    )
    if not due:
        return 0
    answered = set(cycle.submissions.values_list("agency_id", flat=True)) | set(
        cycle.responses.filter(status=ResponseStatus.DECLINED).values_list("agency_id", flat=True)
    )
    logged = set(cycle.reminders.values_list("agency_id", "due_on"))
    queued = []
    for agency in cycle.providers.exclude(pk__in=answered):
        waiting = [(date, days) for date, days in due if (agency.pk, date) not in logged]
        if not waiting:
            continue
        latest = waiting[-1]
        rows = ReportingReminder.objects.bulk_create(
            ReportingReminder(
                cycle=cycle,
                agency=agency,
                due_on=date,
                days=days,
                sent_at=timezone.now(),
                skipped=(date, days) != latest,
            )
            for date, days in waiting
        )
        queued += [row.pk for row in rows if not row.skipped]
    for reminder_id in queued:
        enqueue_after_commit(mail.send_reporting_reminder, reminder=reminder_id)
    return len(queued)
