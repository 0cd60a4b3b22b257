"""Reads for alerts and the on-duty rota, already scoped to the user."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from coordination.models import Duty, Region, Role, RoleAssignment
from coordination.people.access import access_for

from .models import Alert, AlertConnection, AlertGroup, AlertStatus, DutyOverride
from .schedules import oncall

User = get_user_model()


def alert_list(*, user) -> QuerySet[Alert]:
    """State admins: every alert. Contacts and coordinators: their regions' alerts.
    Anyone: the alerts they raised. Others: none."""
    access = access_for(user)
    alerts = Alert.objects.select_related("region", "assigned_to")
    if access.is_state_admin:
        return alerts
    if not access.is_authenticated:
        return alerts.none()
    regions = access.responder_region_ids | access.coordinator_region_ids
    return alerts.filter(Q(region__in=regions) | Q(raised_by=user))


def state_admins() -> QuerySet:
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(role_assignments__role=Role.STATE_ADMIN))
        .distinct()
    )


def region_coordinators(region_id: int) -> QuerySet:
    return User.objects.filter(
        is_active=True,
        role_assignments__role=Role.COORDINATOR,
        role_assignments__region_id=region_id,
    ).distinct()


def recipients(alert: Alert) -> list[int]:
    """User ids an alert goes to (sockets, phones, e-mail): the assignee, or everyone of
    the group its escalation step names (the region's coordinators, the state admins)."""
    if alert.assigned_to_id:
        return [alert.assigned_to_id]
    if alert.assigned_group == AlertGroup.COORDINATORS:
        group = region_coordinators(alert.region_id)
    else:
        group = state_admins()
    return list(group.values_list("pk", flat=True))


def open_alerts_for(*, user) -> QuerySet[Alert]:
    """The alerts this user must answer: assigned to them, or to a group of theirs (every
    coordinator of their region, the state admins), and not yet resolved, oldest first.
    An alert assigned to someone who has since lost their role in its region is not
    theirs to see or answer (the worker hands it to whoever is on duty now)."""
    alerts = Alert.objects.select_related("region").exclude(status=AlertStatus.RESOLVED)
    access = access_for(user)
    if access.is_state_admin:
        mine = Q(assigned_to=user) | Q(assigned_group=AlertGroup.STATE_ADMINS)
    else:
        mine = Q(assigned_to=user, region__in=answering_region_ids(access)) | Q(
            assigned_group=AlertGroup.COORDINATORS, region__in=access.coordinator_region_ids
        )
    return alerts.filter(mine).order_by("raised_at", "id")


def answering_region_ids(access) -> frozenset[int]:
    """Where a person may be given alerts: the regions they are a contact or the
    coordinator of (a coordinator may take over the duty)."""
    return access.responder_region_ids | access.coordinator_region_ids


def may_receive_alerts(access) -> bool:
    """Whether a person holds any role that is given alerts."""
    return access.is_state_admin or bool(answering_region_ids(access))


def pending_alerts_for(*, user) -> QuerySet[Alert]:
    """What the user's sockets must show: open alerts still waiting for an acknowledgement."""
    return open_alerts_for(user=user).filter(status=AlertStatus.TRIGGERED)


def waiting_alert_count(*, user) -> int:
    """How many alerts wait for this person's acknowledgement (no query for someone who
    is given no alerts)."""
    if not may_receive_alerts(access_for(user)):
        return 0
    return pending_alerts_for(user=user).count()


def console_alerts_for(*, user) -> list[Alert]:
    """The console's order: alerts waiting for an acknowledgement first, newest first,
    then the acknowledged ones still open, newest first."""
    alerts = open_alerts_for(user=user).order_by("-raised_at", "-id")
    return sorted(alerts, key=lambda alert: alert.status != AlertStatus.TRIGGERED)


def _regions(access, region_ids) -> QuerySet[Region]:
    """Every region for state admins; else those of `region_ids`."""
    regions = Region.objects.order_by("name")
    return regions if access.is_state_admin else regions.filter(pk__in=region_ids)


def coordinated_regions(*, user) -> QuerySet[Region]:
    """The regions a user coordinates (all for state admins)."""
    access = access_for(user)
    return _regions(access, access.coordinator_region_ids)


def raise_regions(*, user) -> QuerySet[Region]:
    """Where the user may raise alerts: the regions they coordinate or have an MDT in."""
    access = access_for(user)
    return _regions(access, access.coordinator_region_ids | access.mdt_region_ids)


# --- presence -----------------------------------------------------------------------------
def presence_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    beat = datetime.timedelta(seconds=settings.ALERT_SOCKET_BEAT_SECONDS)
    return (now or timezone.now()) - 3 * beat


def connected_user_ids(user_ids, now: datetime.datetime | None = None) -> set[int]:
    """Which of these users have an open alert socket right now."""
    return set(
        AlertConnection.objects.filter(
            user_id__in=list(user_ids), seen_at__gte=presence_cutoff(now)
        ).values_list("user_id", flat=True)
    )


# --- the on-duty rota ---------------------------------------------------------------------
@dataclass(frozen=True)
class RotaWarning:
    code: str
    message: str


@dataclass(frozen=True)
class OnDuty:
    """Who answers a region's alerts now. `chain` holds the contact at each escalation
    level (primary, backup); either may be None, and after both come the state admins."""

    region: Region
    primary: object | None
    backup: object | None
    override: DutyOverride | None
    chain: tuple
    connected: frozenset[int] = field(default_factory=frozenset)
    scheduled: bool = False  # the primary comes from the region's on-call schedule

    @property
    def contact(self):
        """The first person an alert goes to now, if anyone."""
        return next((person for person in self.chain if person is not None), None)

    @property
    def warnings(self) -> list[RotaWarning]:
        if self.contact is None:
            return [
                RotaWarning(
                    "no_contact",
                    f"{self.region.name} has no rapid-response contact on duty: its alerts "
                    "go straight to the state admins.",
                )
            ]
        if self.contact.pk not in self.connected:
            return [
                RotaWarning(
                    "contact_offline",
                    f"The on-duty contact for {self.region.name} ({self.contact.get_username()})"
                    " has no open alert console: alerts reach them by e-mail until they connect.",
                )
            ]
        return []


def _chain(primary, backup, override: DutyOverride | None) -> tuple:
    if override is None:
        if primary is not None and backup is not None and backup.pk == primary.pk:
            backup = None  # the schedule put the backup on call: next come the state admins
        return (primary, backup)
    taker = override.contact
    # Whoever was relieved stands behind the taker as the next level.
    behind = backup if backup is not None and backup.pk != taker.pk else primary
    if behind is not None and behind.pk == taker.pk:
        behind = None
    return (taker, behind)


def rota_for(
    regions, now: datetime.datetime | None = None, *, presence: bool = True
) -> list[OnDuty]:
    """The on-duty state of each region, in a fixed number of queries (one fewer without
    `presence`, when only who is on duty matters). A region with an on-call schedule
    takes its primary from the schedule at `now`; else from the primary contact's role."""
    now = now or timezone.now()
    regions = list(regions)
    ids = [region.pk for region in regions]
    contacts: dict[tuple[int, str], object] = {}
    for assignment in RoleAssignment.objects.filter(
        role=Role.RESPONDER, region__in=ids, user__is_active=True
    ).select_related("user"):
        contacts[(assignment.region_id, assignment.duty)] = assignment.user
    overrides = {
        override.region_id: override
        for override in DutyOverride.objects.filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
            _holds_duty_role("contact", "region"),
            region__in=ids,
            ended_at__isnull=True,
            contact__is_active=True,
        ).select_related("contact", "started_by")
    }
    schedules = oncall.plans_for(ids, now)
    rows = []
    for region in regions:
        primary = contacts.get((region.pk, Duty.PRIMARY))
        if region.pk in schedules:  # the schedule decides who is on call, not the role
            primary = oncall.on_call(schedules[region.pk], now)
        backup = contacts.get((region.pk, Duty.BACKUP))
        override = overrides.get(region.pk)
        rows.append((region, primary, backup, override, _chain(primary, backup, override)))
    people = {person.pk for *_, chain in rows for person in chain if person is not None}
    connected = frozenset(connected_user_ids(people, now) if presence else ())
    return [
        OnDuty(region, primary, backup, override, chain, connected, region.pk in schedules)
        for region, primary, backup, override, chain in rows
    ]


def on_duty(
    region: Region, now: datetime.datetime | None = None, *, presence: bool = True
) -> OnDuty:
    return rota_for([region], now, presence=presence)[0]


def rota_regions(*, user) -> QuerySet[Region]:
    """Regions whose rota the user sees: all for state admins; the regions a coordinator
    coordinates or a contact serves."""
    access = access_for(user)
    return _regions(access, access.coordinator_region_ids | access.responder_region_ids)


def rota_warnings(*, user) -> list[RotaWarning]:
    """What a coordinator (or state admin) must be told on every page: regions whose
    alerts would reach nobody, or nobody watching, and schedules that leave hours of the
    next four weeks uncovered."""
    access = access_for(user)
    if not access.coordinates_somewhere:
        return []
    regions = list(_regions(access, access.coordinator_region_ids))
    warnings = [warning for duty in rota_for(regions) for warning in duty.warnings]
    return warnings + coverage_warnings(regions)


def coverage_warnings(regions, now: datetime.datetime | None = None) -> list[RotaWarning]:
    now = now or timezone.now()
    schedules = oncall.plans_for([region.pk for region in regions], now)
    warnings = []
    for region in regions:
        if region.pk not in schedules:
            continue
        gaps = oncall.gaps(schedules[region.pk], now)
        if gaps:
            hours = sum((end - start).total_seconds() for start, end in gaps) / 3600
            first = timezone.localtime(gaps[0][0])
            warnings.append(
                RotaWarning(
                    "schedule_gap",
                    f"{region.name}'s on-call schedule leaves {hours:.0f} hour"
                    f"{'s' * (round(hours) != 1)} of the next four weeks uncovered, the "
                    f"first from {first:%a %b %-d, %-I:%M %p}: alerts then go to the backup "
                    "or the state admins.",
                )
            )
    return warnings


DUTY_ROLES = (Role.RESPONDER, Role.COORDINATOR)


def _holds_duty_role(person: str, region: str) -> Exists:
    """Rows whose `person` still holds a role that may be on duty in `region`: a "take
    over now" counts only while its contact is the region's contact or coordinator."""
    return Exists(
        RoleAssignment.objects.filter(
            user=OuterRef(person), region=OuterRef(region), role__in=DUTY_ROLES
        )
    )


def may_take_duty(user, region_id: int) -> bool:
    """Who can be put on duty for a region: its contacts and its coordinators."""
    return RoleAssignment.objects.filter(
        role__in=DUTY_ROLES, region_id=region_id, user=user, user__is_active=True
    ).exists()


def duty_candidates(region: Region) -> QuerySet:
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__region=region,
            role_assignments__role__in=DUTY_ROLES,
        )
        .distinct()
        .order_by("username")
    )


def override_history(region: Region) -> QuerySet[DutyOverride]:
    return DutyOverride.objects.filter(region=region).select_related(
        "contact", "started_by", "ended_by"
    )
