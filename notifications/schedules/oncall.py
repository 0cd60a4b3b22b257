"""Who is on call at a time: the arithmetic of rotations, layers and swaps (no queries but
`plans_for`). Every rule reads the region's wall-clock time: a hand-off "at 08:00" happens
at 08:00 local on the day the clocks change, and a shift that spans the change is an hour
shorter or longer, as the contacts live it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

from coordination.models import Role, RoleAssignment

from .models import Handoff, Rotation, RotationMember, ShiftSwap

DUTY_ROLES = (Role.RESPONDER, Role.COORDINATOR)
COVERAGE_DAYS = 28


def zone() -> ZoneInfo:
    """The regions' time zone (Louisiana's: every region shares it)."""
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Plan:
    """A rotation as read once: its contacts in order (None where a contact no longer
    holds a duty role in the region: their turns are gaps) and its swaps."""

    rotation: Rotation
    members: tuple
    swaps: tuple


@dataclass(frozen=True)
class Shift:
    rotation: Rotation
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    contact: object | None


def _days(rotation: Rotation) -> set[int]:
    return {int(day) for day in rotation.active_days.split(",") if day.strip().isdigit()}


def covers(rotation: Rotation, local: datetime.datetime) -> bool:
    """Whether the rotation is active at this local wall-clock time. A window is counted
    from the day it starts (a Friday 18:00–08:00 window is Friday's)."""
    days = _days(rotation)
    start, until = rotation.active_from, rotation.active_until
    if start is None or until is None:
        return local.weekday() in days
    now = local.time()
    if start < until:
        return start <= now < until and local.weekday() in days
    if now >= start:
        return local.weekday() in days
    if now < until:
        return (local.date() - datetime.timedelta(days=1)).weekday() in days
    return False


def _first_day(rotation: Rotation) -> datetime.date:
    if rotation.handoff == Handoff.DAILY:
        return rotation.starts_on
    ahead = (rotation.handoff_weekday - rotation.starts_on.weekday()) % 7
    return rotation.starts_on + datetime.timedelta(days=ahead)


def _length(rotation: Rotation) -> int:
    return 1 if rotation.handoff == Handoff.DAILY else 7


def shift_day(rotation: Rotation, local: datetime.datetime) -> datetime.date | None:
    """The local date whose hand-off began the shift holding `local`; None before the
    rotation's first shift."""
    day = local.date()
    if local.time() < rotation.handoff_time:
        day -= datetime.timedelta(days=1)
    if rotation.handoff == Handoff.WEEKLY:
        day -= datetime.timedelta(days=(day.weekday() - rotation.handoff_weekday) % 7)
    return day if day >= _first_day(rotation) else None


def _aware(day: datetime.date, at: datetime.time) -> datetime.datetime:
    """A local wall-clock time as an instant (in UTC, so that spans subtract truly)."""
    return datetime.datetime.combine(day, at).replace(tzinfo=zone()).astimezone(datetime.UTC)


def shift_at(plan: Plan, at: datetime.datetime) -> Shift | None:
    """The shift of `plan` holding `at` (ignoring the rotation's active window)."""
    rotation = plan.rotation
    day = shift_day(rotation, at.astimezone(zone()).replace(tzinfo=None))
    if day is None or not plan.members:
        return None
    index = (day - _first_day(rotation)).days // _length(rotation)
    contact = plan.members[index % len(plan.members)]
    scheduled = contact.pk if contact is not None else None
    for swap in plan.swaps:
        if swap.contact_id == scheduled and swap.starts_at <= at < swap.ends_at:
            contact = swap.covered_by
            break
    starts = _aware(day, rotation.handoff_time)
    ends = _aware(day + datetime.timedelta(days=_length(rotation)), rotation.handoff_time)
    return Shift(rotation, starts, ends, contact)


def on_call(plans: list[Plan], at: datetime.datetime):
    """The contact on call at `at`: the highest layer active then that has someone;
    None when nobody is (a gap)."""
    local = at.astimezone(zone()).replace(tzinfo=None)
    for plan in sorted(plans, key=lambda plan: (-plan.rotation.layer, plan.rotation.pk)):
        if not covers(plan.rotation, local):
            continue
        shift = shift_at(plan, at)
        if shift is not None and shift.contact is not None:
            return shift.contact
    return None


def _boundaries(plans: list[Plan], start: datetime.datetime, end: datetime.datetime) -> list:
    """Every instant in [start, end) where who is on call may change: each local day's
    hand-offs, window edges and midnight, and each swap's start and end. Between two of
    them nothing changes, so the schedule is read once per span (bounded: a few a day for
    each of at most 10 rotations)."""
    instants = {start}
    first = start.astimezone(zone()).date() - datetime.timedelta(days=1)
    days = (end - start).days + 2
    for plan in plans:
        rotation = plan.rotation
        times = {rotation.handoff_time, datetime.time(0, 0)}
        times |= {t for t in (rotation.active_from, rotation.active_until) if t is not None}
        for offset in range(days):
            day = first + datetime.timedelta(days=offset)
            instants |= {_aware(day, at) for at in times}
        for swap in plan.swaps:
            instants |= {swap.starts_at, swap.ends_at}
    return sorted(instant for instant in instants if start <= instant < end)


def gaps(
    plans: list[Plan], start: datetime.datetime, days: int = COVERAGE_DAYS
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The spans of the next `days` days that nobody covers."""
    end = start + datetime.timedelta(days=days)
    points = _boundaries(plans, start, end)
    found: list[tuple[datetime.datetime, datetime.datetime]] = []
    for index, at in enumerate(points):
        until = points[index + 1] if index + 1 < len(points) else end
        if on_call(plans, at) is not None:
            continue
        if found and found[-1][1] == at:
            found[-1] = (found[-1][0], until)
        else:
            found.append((at, until))
    return found


def upcoming(plan: Plan, start: datetime.datetime, count: int = 8) -> list[Shift]:
    """The rotation's next `count` shifts from `start` (the one in progress first)."""
    shifts: list[Shift] = []
    at = max(start, _aware(_first_day(plan.rotation), plan.rotation.handoff_time))
    while len(shifts) < count:
        shift = shift_at(plan, at)
        if shift is None:
            break
        shifts.append(shift)
        at = shift.ends_at
    return shifts


def plans_for(region_ids, at: datetime.datetime | None = None) -> dict[int, list[Plan]]:
    """Each region's rotations with their contacts and swaps, in three queries."""
    rotations = list(Rotation.objects.filter(region__in=list(region_ids)))
    if not rotations:
        return {}
    eligible = set(
        RoleAssignment.objects.filter(
            region__in=list(region_ids), role__in=DUTY_ROLES, user__is_active=True
        ).values_list("user_id", "region_id")
    )
    members: dict[int, list] = {rotation.pk: [] for rotation in rotations}
    by_region = {rotation.pk: rotation.region_id for rotation in rotations}
    for rotation_id, user, position in _members(rotations):
        can = (user.pk, by_region[rotation_id]) in eligible
        members[rotation_id].append((position, user if can else None))
    swaps: dict[int, list] = {rotation.pk: [] for rotation in rotations}
    recent = ShiftSwap.objects.filter(rotation__in=rotations).select_related("covered_by")
    if at is not None:
        recent = recent.filter(ends_at__gt=at - datetime.timedelta(days=1))
    for swap in recent:
        if (swap.covered_by_id, by_region[swap.rotation_id]) in eligible:
            swaps[swap.rotation_id].append(swap)
    plans: dict[int, list[Plan]] = {}
    for rotation in rotations:
        ordered = tuple(user for _, user in sorted(members[rotation.pk], key=lambda m: m[0]))
        plans.setdefault(rotation.region_id, []).append(
            Plan(rotation, ordered, tuple(swaps[rotation.pk]))
        )
    return plans


def _members(rotations):
    for member in RotationMember.objects.filter(rotation__in=rotations).select_related("user"):
        yield member.rotation_id, member.user, member.position
