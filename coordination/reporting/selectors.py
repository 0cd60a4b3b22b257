"""Reads of annual reporting, scoped to the user."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from ..people.access import access_for
from ..people.models import Agency
from .models import AnnualSubmission, ProviderResponse, ReportingCycle, SubmissionVersion


def cycle_list(*, user) -> QuerySet[ReportingCycle]:
    """State admins: every reporting year. Provider reporters: the years their providers
    are asked in. Others: none (the published report is for everyone; see `report_cycle`)."""
    access = access_for(user)
    cycles = (
        ReportingCycle.objects.annotate(
            providers_asked=Count("providers", distinct=True),
            providers_reported=Count("submissions", distinct=True),
        )
        .prefetch_related("providers")
        .order_by("-year")
    )
    if access.is_state_admin:
        return cycles
    return cycles.filter(providers__in=access.reporter_agency_ids).distinct()


def reporting_agency_list(*, user) -> QuerySet[Agency]:
    """The agencies the user reports for (a provider reporter's own)."""
    return Agency.objects.filter(pk__in=access_for(user).reporter_agency_ids)


def responding_agency_list(*, user) -> QuerySet[Agency]:
    """Whom a user may speak for in a cycle: a reporter, their own providers; a state
    admin, every service provider."""
    access = access_for(user)
    if access.is_state_admin:
        return Agency.objects.filter(is_service_provider=True)
    return Agency.objects.filter(pk__in=access.reporter_agency_ids)


def submission_list(*, user) -> QuerySet[AnnualSubmission]:
    """State admins: every submission. Provider reporters: their providers' own."""
    access = access_for(user)
    submissions = AnnualSubmission.objects.select_related("cycle", "agency")
    if access.is_state_admin:
        return submissions
    return submissions.filter(agency__in=access.reporter_agency_ids)


def current_version(submission: AnnualSubmission) -> SubmissionVersion | None:
    return (
        submission.versions.filter(is_current=True)
        .select_related("submitted_by")
        .prefetch_related("parishes_served", "cases__parish")
        .first()
    )


def due_for(*, user, today=None) -> list[dict]:
    """What a provider reporter has to do: each year their providers are asked in, with
    the deadline, whether (and which version) they have submitted, what they said
    (in progress, declined), and whether it is overdue."""
    today = today or timezone.localdate()
    access = access_for(user)
    cycles = ReportingCycle.objects.filter(
        providers__in=access.reporter_agency_ids
    ).prefetch_related("providers")
    submitted = {
        (submission.cycle_id, submission.agency_id): submission
        for submission in AnnualSubmission.objects.filter(
            agency__in=access.reporter_agency_ids
        ).annotate(version_count=Count("versions"))
    }
    said = {
        (response.cycle_id, response.agency_id): response
        for response in ProviderResponse.objects.filter(agency__in=access.reporter_agency_ids)
    }
    due = []
    for cycle in cycles.distinct().order_by("-year"):
        for agency in cycle.providers.all():
            if agency.pk in access.reporter_agency_ids:
                submission = submitted.get((cycle.pk, agency.pk))
                response = said.get((cycle.pk, agency.pk))
                declined = response is not None and response.status == "declined"
                late = not (submission or declined) and overdue(cycle, today)
                item = {"cycle": cycle, "agency": agency, "submission": submission}
                item.update(response=response, declined=declined, overdue=late)
                due.append(item)
    return due


def published_cycles() -> QuerySet[ReportingCycle]:
    """The years on the public dashboard, newest first (no user: they are public)."""
    return ReportingCycle.objects.filter(published_at__isnull=False, cadence="annual").order_by(
        "-year"
    )


def report_cycle(*, user, year: int) -> ReportingCycle | None:
    """Any signed-in user reads the published report of any year on record."""
    if not access_for(user).is_authenticated:
        return None
    return ReportingCycle.objects.filter(year=year, cadence="annual").first()


# --- a submission's versions: their rows, and what each changed -------------------------------
ROW_FIELDS = (
    "case_code",
    "trafficking_type",
    "victim_status",
    "age_band",
    "parish__name",
    "status_update",
)
VERSIONS_LISTED = 100
VERSIONS_COMPARED = 5  # each holds up to 20,000 rows: the page compares the latest few


@dataclass(frozen=True)
class VersionChanges:
    """What a version changed against the one before it, by case code."""

    added: list[str]
    removed: list[str]
    changed: list[str]

    @property
    def none(self) -> bool:
        return not (self.added or self.removed or self.changed)


def version_rows(version: SubmissionVersion) -> list[dict]:
    """A version's case rows as a provider fills them (the parish by name), by case code."""
    names = ["case_code", "trafficking_type", "victim_status", "age_band", "parish"]
    return [
        dict(zip([*names, "status_update"], row, strict=True))
        for row in version.cases.order_by("case_code").values_list(*ROW_FIELDS)
    ]


def _by_code(version: SubmissionVersion) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in version.cases.values_list(*ROW_FIELDS)}


def version_history(submission: AnnualSubmission) -> list[tuple[SubmissionVersion, object]]:
    """Every version (up to `VERSIONS_LISTED`), newest first, each of the latest few with
    what it changed against the version before it (None for the first and the older)."""
    versions = list(
        submission.versions.select_related("submitted_by").order_by("-number")[:VERSIONS_LISTED]
    )
    rows = [_by_code(version) for version in versions[: VERSIONS_COMPARED + 1]]
    history = []
    for index, version in enumerate(versions):
        compared = index < VERSIONS_COMPARED and index + 1 < len(rows)
        if compared and versions[index + 1].number == version.number - 1:
            newer, older = rows[index], rows[index + 1]
            changes = VersionChanges(
                added=sorted(newer.keys() - older.keys()),
                removed=sorted(older.keys() - newer.keys()),
                changed=sorted(
                    code for code in newer.keys() & older.keys() if newer[code] != older[code]
                ),
            )
        else:
            changes = None
        history.append((version, changes))
    return history


# --- the completeness tracker ------------------------------------------------------------------
@dataclass(frozen=True)
class ProviderStanding:
    """Where one provider asked in a cycle stands: submitted, declined, in progress,
    overdue (the deadline passed with none of those), or asked (not due yet)."""

    agency: Agency
    state: str
    label: str
    since: object | None = None  # when it was submitted, declined or said in progress
    reason: str = ""
    days_overdue: int = 0
    reminders: int = 0


def overdue(cycle: ReportingCycle, today) -> bool:
    return cycle.status == "open" and today > cycle.deadline


def completeness(cycle: ReportingCycle, today=None) -> list[ProviderStanding]:
    """Every provider asked in the cycle, in four queries, submitted ones last."""
    today = today or timezone.localdate()
    submitted = {
        row["agency_id"]: row["at"]
        for row in cycle.submissions.values("agency_id").annotate(at=Max("versions__submitted_at"))
    }
    responses = {response.agency_id: response for response in cycle.responses.all()}
    reminded = dict(
        cycle.reminders.filter(skipped=False, recipients__gt=0)
        .values("agency_id")
        .annotate(count=Count("id"))
        .values_list("agency_id", "count")
    )
    rows = []
    for agency in cycle.providers.order_by("name"):
        response = responses.get(agency.pk)
        sent = reminded.get(agency.pk, 0)
        if agency.pk in submitted:
            row = ProviderStanding(agency, "submitted", "Submitted", submitted[agency.pk])
        elif response is not None and response.status == "declined":
            reason = response.get_reason_display()
            row = ProviderStanding(agency, "declined", "Declined", response.noted_at, reason)
        elif cycle.status != "open":
            row = ProviderStanding(agency, "not_reported", "Did not report")
        elif today > cycle.deadline:
            since = response.noted_at if response else None
            late = (today - cycle.deadline).days
            row = ProviderStanding(agency, "overdue", "Overdue", since, days_overdue=late)
        elif response is not None:
            row = ProviderStanding(agency, "in_progress", "In progress", response.noted_at)
        else:
            row = ProviderStanding(agency, "asked", "Not started")
        rows.append(ProviderStanding(**{**row.__dict__, "reminders": sent}))
    return sorted(rows, key=lambda row: row.state == "submitted")


def overdue_count(cycle: ReportingCycle, today=None) -> int:
    today = today or timezone.localdate()
    if cycle.status != "open" or today <= cycle.deadline:
        return 0
    answered = cycle.submissions.values("agency_id")
    declined = cycle.responses.filter(status="declined").values("agency_id")
    return cycle.providers.exclude(pk__in=answered).exclude(pk__in=declined).count()
