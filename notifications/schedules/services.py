"""Every write to on-call schedules: rotations (by the region's coordinator or a state admin)
and shift swaps (by the contact whose shift it is, or the coordinator). Recorded rows; the
rota reads them at the alert's clock time, so nothing is cached that could go stale."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from coordination.people.access import access_for
from coordination.plumbing.records import validate

from .. import selectors
from . import oncall
from .models import Rotation, RotationMember, ShiftSwap

MEMBERS_MAX = 50
ROTATIONS_PER_REGION = 10
SWAP_DAYS_MAX = 14
# Swaps not yet over, per rotation: every read of the schedule walks them, so a flood of
# them must not slow the escalation worker (a year of daily swaps fits).
SWAPS_AHEAD_MAX = 400
# How far from now a schedule's dates may lie: every computation stays in range, and no
# one plans on-call shifts further ahead.
HORIZON = datetime.timedelta(days=366)
ROTATION_FIELDS = (
    "name",
    "layer",
    "handoff",
    "handoff_time",
    "handoff_weekday",
    "starts_on",
    "active_days",
    "active_from",
    "active_until",
)


def _require_coordinator(actor, region_id: int) -> None:
    if not access_for(actor).coordinates(region_id):
        raise PermissionDenied("Only the region's coordinator or a state admin sets its schedule.")


def _set_members(rotation: Rotation, members) -> None:
    members = list(members)
    if not members:
        raise ValidationError({"members": ["Name at least one contact."]})
    if len(members) > MEMBERS_MAX:
        raise ValidationError({"members": [f"At most {MEMBERS_MAX} contacts."]})
    for user in members:
        if not selectors.may_take_duty(user, rotation.region_id):
            raise ValidationError(
                {"members": ["Only the region's contacts and coordinators can be on call."]}
            )
    rotation.members.all().delete()
    RotationMember.objects.bulk_create(
        RotationMember(rotation=rotation, user=user, position=position)
        for position, user in enumerate(members)
    )


def _check_start(rotation: Rotation) -> None:
    today = timezone.localdate()
    if not (datetime.date(2000, 1, 1) <= rotation.starts_on <= today + HORIZON):
        raise ValidationError({"starts_on": ["Choose a first day from 2000 to a year from now."]})


def _clean_days(value) -> str:
    days = sorted({int(day) for day in str(value).split(",") if day.strip().isdigit()})
    if not days or days[-1] > 6:
        raise ValidationError({"active_days": ["Choose days from 0 (Monday) to 6 (Sunday)."]})
    return ",".join(str(day) for day in days)


@transaction.atomic
def rotation_create(*, actor, region, members, **fields) -> Rotation:
    _require_coordinator(actor, region.pk)
    if Rotation.objects.filter(region=region).count() >= ROTATIONS_PER_REGION:
        raise ValidationError({"name": [f"A region has at most {ROTATIONS_PER_REGION} rotations."]})
    data = {name: value for name, value in fields.items() if name in ROTATION_FIELDS}
    if "active_days" in data:
        data["active_days"] = _clean_days(data["active_days"])
    rotation = Rotation(region=region, **data)
    _check_start(rotation)
    validate(rotation)
    rotation.save()
    _set_members(rotation, members)
    return rotation


@transaction.atomic
def rotation_update(*, actor, rotation: Rotation, members=None, **fields) -> Rotation:
    _require_coordinator(actor, rotation.region_id)
    for name, value in fields.items():
        if name in ROTATION_FIELDS:
            setattr(rotation, name, _clean_days(value) if name == "active_days" else value)
    _check_start(rotation)
    validate(rotation)
    rotation.save()
    if members is not None:
        _set_members(rotation, members)
    return rotation


@transaction.atomic
def rotation_delete(*, actor, rotation: Rotation) -> None:
    _require_coordinator(actor, rotation.region_id)
    rotation.delete()


@transaction.atomic
def shift_swap(
    *, actor, rotation: Rotation, starts_at, ends_at, covered_by, contact=None
) -> ShiftSwap:
    """`covered_by` takes `contact`'s place in `rotation` for a span of their shifts (at
    most two weeks). A contact swaps their own shifts; the coordinator anyone's."""
    contact = contact or actor
    coordinates = access_for(actor).coordinates(rotation.region_id)
    if contact.pk != actor.pk and not coordinates:
        raise PermissionDenied("A contact swaps only their own shifts.")
    if not (coordinates or selectors.may_take_duty(actor, rotation.region_id)):
        raise PermissionDenied("Only the region's contacts and coordinator swap shifts.")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": ["The swap must end after it starts."]})
    if ends_at - starts_at > datetime.timedelta(days=SWAP_DAYS_MAX):
        raise ValidationError({"ends_at": [f"A swap lasts at most {SWAP_DAYS_MAX} days."]})
    if ends_at <= timezone.now():
        raise ValidationError({"ends_at": ["The swap must end in the future."]})
    if starts_at - timezone.now() > HORIZON:
        raise ValidationError({"starts_at": ["Choose a shift within a year of now."]})
    if covered_by.pk == contact.pk or not selectors.may_take_duty(covered_by, rotation.region_id):
        raise ValidationError(
            {"covered_by": ["Choose another of the region's contacts or coordinators."]}
        )
    ahead = ShiftSwap.objects.filter(rotation=rotation, ends_at__gt=timezone.now())
    if ahead.count() >= SWAPS_AHEAD_MAX:
        raise ValidationError(
            {"starts_at": [f"This rotation already has {SWAPS_AHEAD_MAX} swaps to come."]}
        )
    plan = oncall.plans_for([rotation.region_id]).get(rotation.region_id, [])
    shift = next(
        (oncall.shift_at(each, starts_at) for each in plan if each.rotation.pk == rotation.pk),
        None,
    )
    if shift is None or shift.contact is None or shift.contact.pk != contact.pk:
        raise ValidationError({"starts_at": ["That is not a shift of theirs in this rotation."]})
    swap = ShiftSwap(
        rotation=rotation,
        contact=contact,
        covered_by=covered_by,
        starts_at=starts_at,
        ends_at=ends_at,
        recorded_by=actor,
    )
    validate(swap)
    swap.save()
    return swap
