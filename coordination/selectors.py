"""Reads of coordination's records, already scoped to the user asking."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .access import access_for
from .api_tokens import ApiToken, current_fingerprints
from .models import (
    Agency,
    AnnualSubmission,
    AuditEntry,
    CycleStatus,
    Parish,
    Region,
    RegionPractice,
    ReportingCycle,
    Role,
    RoleAssignment,
    SubmissionVersion,
    Summit,
    SurveyLink,
    SurveyResponse,
    TrainingModule,
)

User = get_user_model()


def region_list(*, user) -> QuerySet[Region]:
    return Region.objects.filter(access_for(user).regions_q("pk"))


def region_overview(*, user) -> QuerySet[Region]:
    """Visible regions with how many parishes and agencies each has."""
    return region_list(user=user).annotate(
        parish_count=Count("parishes", distinct=True),
        agency_count=Count("agencies", distinct=True),
    )


def parish_list(*, user) -> QuerySet[Parish]:
    return Parish.objects.filter(access_for(user).regions_q("region")).select_related("region")


def every_parish(*, user) -> QuerySet[Parish]:
    """The state's parishes, for what anyone may do in any parish (screening, the
    parishes a provider serves): public reference data, shipped as a data migration."""
    return Parish.objects.all()


def agency_list(*, user) -> QuerySet[Agency]:
    # The agency's regions are listed only as far as the user can see them.
    return (
        Agency.objects.filter(access_for(user).agencies_q())
        .distinct()
        .prefetch_related(Prefetch("regions", queryset=region_list(user=user)))
    )


def user_list(*, user) -> QuerySet:
    """People are managed by state admins; everyone else sees no one."""
    if not access_for(user).may_manage_people:
        return User.objects.none()
    return User.objects.order_by("username")


def people_list(*, user) -> QuerySet:
    """People the user may name (in a filter): everyone for state admins, else themselves."""
    if access_for(user).may_manage_people:
        return User.objects.all()
    if not getattr(user, "is_authenticated", False):
        return User.objects.none()
    return User.objects.filter(pk=user.pk)


def coordinator_list(*, user) -> QuerySet:
    """People the user may name as an initiative's coordinator: the coordinators of the
    regions the user coordinates (every coordinator, for state admins)."""
    access = access_for(user)
    regions = (
        Q()
        if access.is_state_admin
        else Q(role_assignments__region__in=access.coordinator_region_ids)
    )
    return User.objects.filter(
        Q(is_active=True, role_assignments__role=Role.COORDINATOR) & regions
    ).distinct()


def role_mdt_list(*, user) -> QuerySet:
    """MDTs whose schedule the user sees, as `mdt.selectors.mdt_list` reads them (the
    model is reached through the role that scopes to it: coordination imports no app
    above it)."""
    mdts = RoleAssignment._meta.get_field("mdt").related_model.objects
    return mdts.filter(access_for(user).mdt_schedules_q("pk"))


def role_assignment_list(*, user) -> QuerySet[RoleAssignment]:
    """State admins see every assignment; others see their own."""
    access = access_for(user)
    assignments = RoleAssignment.objects.select_related("user", "region", "mdt", "agency")
    if access.may_manage_people:
        return assignments
    if not access.is_authenticated:
        return assignments.none()
    return assignments.filter(user=user)


def roles_of(*, user) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(user=user).select_related("region", "mdt", "agency")


def region_contacts(*, region: Region) -> dict[str, RoleAssignment | None]:
    """The region's rapid-response contacts by duty (None where nobody holds it)."""
    contacts = {"primary": None, "backup": None}
    for assignment in RoleAssignment.objects.filter(
        role=Role.RESPONDER, region=region
    ).select_related("user"):
        contacts[assignment.duty] = assignment
    return contacts


def dashboard_for(*, user) -> dict:
    """What each of the user's roles puts on their landing page."""
    access = access_for(user)
    assignments = list(roles_of(user=user).select_related("mdt__region", "mdt__chair"))
    board: dict = {"access": access, "roles": sorted(access.roles)}
    if access.is_state_admin:
        board["state"] = {
            "regions": Region.objects.count(),
            "parishes_without_region": Parish.objects.filter(region__isnull=True).count(),
            "agencies": Agency.objects.count(),
            "people": User.objects.filter(is_active=True).count(),
            "regions_missing_contacts": _regions_missing_contacts(),
        }
    if access.coordinator_region_ids:
        board["coordinated_regions"] = [
            {
                "region": region,
                "parish_count": region.parish_count,
                "agency_count": region.agency_count,
                "contacts": region_contacts(region=region),
            }
            for region in region_overview(user=user).filter(pk__in=access.coordinator_region_ids)
        ]
    board["mdts"] = [a.mdt for a in assignments if a.role == Role.MDT_MEMBER]
    board["duties"] = [
        {"assignment": a, "contacts": region_contacts(region=a.region)}
        for a in assignments
        if a.role == Role.RESPONDER
    ]
    board["reports_due"] = [
        item for item in due_for(user=user) if item["cycle"].status == CycleStatus.OPEN
    ]
    board["reporting_agencies"] = [
        a.agency for a in assignments if a.role == Role.PROVIDER_REPORTER
    ]
    return board


def _regions_missing_contacts() -> list[Region]:
    """Regions without both a primary and a backup rapid-response contact."""
    staffed = (
        RoleAssignment.objects.filter(role=Role.RESPONDER)
        .values("region_id")
        .annotate(duties=Count("duty", distinct=True))
        .filter(duties=2)
        .values("region_id")
    )
    return list(Region.objects.exclude(pk__in=staffed))


def summit_list(*, user) -> QuerySet[Summit]:
    """Summits of the regions the user works in, with their attendance."""
    return (
        Summit.objects.filter(access_for(user).regions_q("region"))
        .select_related("region")
        .prefetch_related("attendance")
    )


def summit_findings(*, user, summit: Summit) -> QuerySet | None:
    """The phase-4 findings that name `summit` as their source, with their initiative.
    Findings are records of initiatives, which only the region's coordinators and state
    admins see: None for everyone else who reads the summit (MDT members, contacts,
    reporters working in the region)."""
    access = access_for(user)
    if not (access.is_state_admin or access.coordinator_region_ids):
        return None
    return summit.findings.filter(access.coordinated_q("initiative__region")).select_related(
        "initiative"
    )


def summits_held_with_attendance(*, region_id: int, on_or_before) -> QuerySet[Summit]:
    """Summits of a region that have taken place and counted someone: information
    gathered (the phase-3 gate of every initiative in the region)."""
    return Summit.objects.filter(
        region_id=region_id, held_on__lte=on_or_before, attendance__count__gt=0
    ).distinct()


def audit_entry_list(*, user) -> QuerySet[AuditEntry]:
    """The audit log: state admins only."""
    if not access_for(user).is_state_admin:
        return AuditEntry.objects.none()
    return AuditEntry.objects.select_related("user")


# --- annual reporting ----------------------------------------------------------------------------
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


# --- summits, surveys, training, practices ------------------------------------------------------
def survey_responses_in_region(*, region_id: int) -> QuerySet[SurveyResponse]:
    """Collaboration-survey responses to the region's summits: information gathered."""
    return SurveyResponse.objects.filter(link__summit__region_id=region_id)


def summit_survey(*, summit: Summit) -> SurveyLink | None:
    return summit.survey_links.filter(is_open=True).select_related("instrument").first()


def open_survey(*, token: str) -> SurveyLink | None:
    """What an anonymous survey link reaches: its own open survey, nothing else."""
    return (
        SurveyLink.objects.filter(token=token, is_open=True)
        .select_related("instrument", "summit__region")
        .first()
    )


def surveyed_summits(*, user) -> QuerySet[Summit]:
    """Summits the user sees that have survey responses (to compare with)."""
    return summit_list(user=user).filter(survey_links__responses__isnull=False).distinct()


def may_see_training_outcomes(*, user) -> bool:
    access = access_for(user)
    return access.is_state_admin or bool(access.coordinator_region_ids)


def training_list(*, user) -> QuerySet[TrainingModule]:
    if not may_see_training_outcomes(user=user):
        return TrainingModule.objects.none()
    return TrainingModule.objects.annotate(
        participants=Count("attempts__participant_code", distinct=True)
    ).order_by("title")


def open_training(*, token: str) -> TrainingModule | None:
    return (
        TrainingModule.objects.filter(token=token, is_open=True)
        .prefetch_related("questions__choices")
        .first()
    )


def practice_matrix(*, user) -> dict:
    """Every region × every practice: in use or not (visible to every signed-in user;
    a practice inventory is not about anyone)."""
    regions = list(Region.objects.order_by("name"))
    rows = RegionPractice.objects.filter(in_use=True).values_list(
        "region_id", "practice", "custom_name"
    )
    in_use = {(region_id, practice) for region_id, practice, _ in rows if practice != "custom"}
    custom: dict[int, list[str]] = {}
    for region_id, practice, name in rows:
        if practice == "custom":
            custom.setdefault(region_id, []).append(name)
    access = access_for(user)
    return {
        "regions": [
            {
                "region": region,
                "uses": {code for (region_id, code) in in_use if region_id == region.pk},
                "custom": sorted(custom.get(region.pk, [])),
                "may_edit": access.coordinates(region.pk),
            }
            for region in regions
        ]
    }


def two_factor_for(*, user):
    """The user's confirmed authenticator and the one being set up (either may be None)."""
    devices = {device.confirmed: device for device in TOTPDevice.objects.filter(user=user)}
    return devices.get(True), devices.get(False)


def api_token_list(*, user) -> QuerySet[ApiToken]:
    """The user's own API tokens that still work (unexpired, issued under their current
    password), newest first. Nobody sees another person's tokens."""
    return ApiToken.objects.filter(
        user=user, expiry__gt=timezone.now(), password_fingerprint__in=current_fingerprints(user)
    )
