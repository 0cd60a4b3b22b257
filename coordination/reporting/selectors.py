"""Reads of annual reporting, scoped to the user."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from ..people.access import access_for
from ..people.models import Agency
from .models import AnnualSubmission, ReportingCycle, SubmissionVersion


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


def due_for(*, user) -> list[dict]:
    """What a provider reporter has to do: each open year their providers are asked in,
    with the deadline and whether (and which version) they have submitted."""
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
    due = []
    for cycle in cycles.distinct().order_by("-year"):
        for agency in cycle.providers.all():
            if agency.pk in access.reporter_agency_ids:
                submission = submitted.get((cycle.pk, agency.pk))
                due.append({"cycle": cycle, "agency": agency, "submission": submission})
    return due


def report_cycle(*, user, year: int) -> ReportingCycle | None:
    """Any signed-in user reads the published report of any year on record."""
    if not access_for(user).is_authenticated:
        return None
    return ReportingCycle.objects.filter(year=year).first()


# --- a submission's versions: their rows, and what each changed -------------------------------
ROW_FIELDS = (
    "case_code",
    "trafficking_type",
    "victim_status",
    "age_band",
    "parish__name",
    "status_update",
)
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
    """The latest versions, newest first, each with what it changed against the version
    before it (None for the first)."""
    versions = list(
        submission.versions.select_related("submitted_by").order_by("-number")[
            : VERSIONS_COMPARED + 1
        ]
    )
    rows = [_by_code(version) for version in versions]
    history = []
    for index, version in enumerate(versions[:VERSIONS_COMPARED]):
        if index + 1 < len(versions) and versions[index + 1].number == version.number - 1:
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
