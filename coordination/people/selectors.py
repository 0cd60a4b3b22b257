"""Reads of the directory, people, roles and credentials, scoped to the user, and each
user's dashboard."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..learning.selectors import training_outcomes_to_read
from ..plumbing import panels
from ..reporting.models import CycleStatus, ReportingCycle
from ..reporting.selectors import due_for, overdue_count
from .access import access_for
from .api_tokens import ApiToken, current_fingerprints
from .models import Agency, AuditEntry, Parish, Region, Role, RoleAssignment

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


OPEN_YEARS_SHOWN = 5


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
            # Open years, with the providers already late: the tracker is one click away.
            "open_years": [
                {"cycle": cycle, "overdue": overdue_count(cycle)}
                for cycle in ReportingCycle.objects.filter(status=CycleStatus.OPEN).order_by(
                    "-year"
                )[:OPEN_YEARS_SHOWN]
            ],
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
    board["trainings"] = training_outcomes_to_read(user=user)
    board["panels"] = panels.panels_for(panels.DASHBOARD, user=user)
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


def audit_entry_list(*, user) -> QuerySet[AuditEntry]:
    """The audit log: state admins only."""
    if not access_for(user).is_state_admin:
        return AuditEntry.objects.none()
    return AuditEntry.objects.select_related("user")


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
