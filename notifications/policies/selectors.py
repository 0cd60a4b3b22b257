"""Reads of escalation policies: a region's steps in order (its default when it set none),
and who holds a step at a moment of the rota."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from coordination.models import Region, Role

from .. import selectors
from ..models import AlertGroup
from .models import EscalationStep, Notify

User = get_user_model()


@dataclass(frozen=True)
class Step:
    notify: str
    wait_minutes: int
    repeats: int = 0
    person: object | None = None

    @property
    def label(self) -> str:
        if self.notify == Notify.PERSON and self.person is not None:
            return self.person.get_username()
        return Notify(self.notify).label


def default_policy(region: Region) -> list[Step]:
    """The chain every region had before policies: the contact on duty, then the next
    contact on the rota, then the state admins, `escalation_minutes` apart."""
    wait = region.escalation_minutes
    return [Step(Notify.ON_DUTY, wait), Step(Notify.BACKUP, wait), Step(Notify.STATE_ADMINS, wait)]


def policies_for(regions) -> dict[int, list[Step]]:
    """Each region's policy in one query. The state admins always close it: a policy whose
    last step names someone else gets them as a last step, so no alert is ever left with
    nobody to page."""
    regions = list(regions)
    stored: dict[int, list[Step]] = {}
    for row in EscalationStep.objects.filter(region__in=regions).select_related("person"):
        stored.setdefault(row.region_id, []).append(
            Step(row.notify, row.wait_minutes, row.repeats, row.person)
        )
    policies = {}
    for region in regions:
        steps = stored.get(region.pk) or default_policy(region)
        if steps[-1].notify != Notify.STATE_ADMINS:
            steps = [*steps, Step(Notify.STATE_ADMINS, region.escalation_minutes)]
        policies[region.pk] = steps
    return policies


def policy_for(region: Region) -> list[Step]:
    return policies_for([region])[region.pk]


def is_default(region: Region) -> bool:
    return not EscalationStep.objects.filter(region=region).exists()


def nameable(region_id: int):
    """Whom a step may name: the region's active contacts and coordinators (who answer its
    alerts), and the state admins (who answer every alert)."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(
                role_assignments__region_id=region_id,
                role_assignments__role__in=selectors.DUTY_ROLES,
            )
            | Q(role_assignments__role=Role.STATE_ADMIN)
            | Q(is_superuser=True)
        )
        .distinct()
    )


def may_be_named(user, region_id: int) -> bool:
    return nameable(region_id).filter(pk=user.pk).exists()


def holder(step: Step, region: Region, chain: tuple) -> tuple[object | None, str] | None:
    """Who a step pages now — (person, "") or (None, group) — or None when nobody holds
    it (no contact on duty, the named person has lost their role, no coordinator): the
    step is skipped. `chain` is the region's rota at this moment."""
    if step.notify == Notify.ON_DUTY:
        return (chain[0], "") if chain[0] is not None else None
    if step.notify == Notify.BACKUP:
        return (chain[1], "") if len(chain) > 1 and chain[1] is not None else None
    if step.notify == Notify.PERSON:
        named = step.person is not None and may_be_named(step.person, region.pk)
        return (step.person, "") if named else None
    if step.notify == Notify.COORDINATORS:
        found = selectors.region_coordinators(region.pk).exists()
        return (None, AlertGroup.COORDINATORS) if found else None
    return (None, AlertGroup.STATE_ADMINS)


def next_page_at(
    policy: list[Step], index: int, repeat: int, now: datetime.datetime
) -> datetime.datetime | None:
    """When step `index`, paged for the `repeat`-th time again, moves on: after its wait,
    unless it is the last step and has no repeat left (the alert then stays there)."""
    step = policy[index]
    if index == len(policy) - 1 and repeat >= step.repeats:
        return None
    return now + datetime.timedelta(minutes=step.wait_minutes)
