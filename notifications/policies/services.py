"""Every write to escalation policies: a region's coordinator or a state admin sets its
steps, all at once; no steps is the default policy. Open alerts follow the new steps from
their next one (they keep the step they are at, by its place in the list)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from coordination.models import Region
from coordination.people.access import access_for
from coordination.plumbing.records import validate

from .models import EscalationStep, Notify
from .selectors import Step, may_be_named, policy_for

STEPS_MAX = 10
STEP_FIELDS = ("notify", "person", "wait_minutes", "repeats")


def _step(region: Region, position: int, data: dict) -> EscalationStep:
    notify = data.get("notify")
    person = data.get("person") if notify == Notify.PERSON else None
    where = f"Step {position + 1}"
    if notify == Notify.PERSON and person is None:
        raise ValidationError({"steps": [f"{where}: name the person to notify."]})
    if person is not None and not may_be_named(person, region.pk):
        raise ValidationError(
            {
                "steps": [
                    f"{where}: only the region's contacts and coordinators, or a state "
                    "admin, can be named."
                ]
            }
        )
    step = EscalationStep(
        region=region,
        position=position,
        notify=notify or "",
        person=person,
        wait_minutes=data.get("wait_minutes"),
        repeats=data.get("repeats") or 0,
    )
    try:
        validate(step)
    except ValidationError as error:
        messages = [message for problems in error.message_dict.values() for message in problems]
        raise ValidationError({"steps": [f"{where}: {' '.join(messages)}"]}) from None
    return step


@transaction.atomic
def escalation_policy_set(*, actor, region: Region, steps) -> list[Step]:
    """Replace the region's steps (in order). An empty list restores the default policy.
    The state admins always close the policy: a last step naming someone else gets them
    after it."""
    if not access_for(actor).coordinates(region.pk):
        raise PermissionDenied(
            "Only the region's coordinator or a state admin sets its escalation policy."
        )
    steps = list(steps)
    if len(steps) > STEPS_MAX:
        raise ValidationError({"steps": [f"A policy has at most {STEPS_MAX} steps."]})
    Region.objects.select_for_update().get(pk=region.pk)  # one edit at a time
    EscalationStep.objects.filter(region=region).delete()
    rows = [_step(region, position, dict(data)) for position, data in enumerate(steps)]
    EscalationStep.objects.bulk_create(rows)
    return policy_for(region)
