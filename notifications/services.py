"""Every write to alerts. An alert is stored first and pushed after commit; escalation is
driven by `escalate_at` in the database, claimed with row locks (`skip_locked`) so any
number of workers never escalate one alert twice."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_fsm import can_proceed

from coordination.access import access_for
from coordination.errors import Conflict
from coordination.events import push_after_commit
from coordination.models import Duty, Region, Role, RoleAssignment
from coordination.privacy import guard_text
from coordination.services import validate

from . import events
from .models import Alert, AlertEvent, AlertStatus, EscalationLevel, Severity

User = get_user_model()


def _contact(region: Region, duty: str):
    assignment = (
        RoleAssignment.objects.filter(role=Role.RESPONDER, region=region, duty=duty)
        .select_related("user")
        .first()
    )
    return assignment.user if assignment and assignment.user.is_active else None


def state_admins():
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(role_assignments__role=Role.STATE_ADMIN))
        .distinct()
    )


def recipients(alert: Alert) -> list[int]:
    """User ids whose sockets get this alert: the assignee, or every state admin."""
    if alert.assigned_to_id:
        return [alert.assigned_to_id]
    return list(state_admins().values_list("pk", flat=True))


def _push(alert: Alert, event: dict, user_ids=None) -> None:
    for user_id in user_ids if user_ids is not None else recipients(alert):
        push_after_commit(events.user_group(user_id), event)


def _assign(alert: Alert, level: int, now: datetime.datetime) -> None:
    """Give the alert to the contact of `level`, skipping levels nobody holds."""
    while level < EscalationLevel.STATE_ADMINS:
        duty = Duty.PRIMARY if level == EscalationLevel.PRIMARY else Duty.BACKUP
        contact = _contact(alert.region, duty)
        if contact is not None:
            alert.assigned_to, alert.escalation_level = contact, level
            alert.escalate_at = now + datetime.timedelta(minutes=alert.region.escalation_minutes)
            return
        level += 1
    alert.assigned_to, alert.escalation_level, alert.escalate_at = (
        None,
        EscalationLevel.STATE_ADMINS,
        None,
    )


def may_raise(user, region_id: int) -> bool:
    """State admins, the region's coordinator, and members of an MDT of the region."""
    access = access_for(user)
    return access.coordinates(region_id) or region_id in access.mdt_region_ids


@transaction.atomic
def alert_raise(*, actor, region: Region, severity: str, summary: str, referral=None) -> Alert:
    """Store the alert, assign it to the on-duty primary (or the next level someone
    holds), record it, and push it to the assignee after commit."""
    if not may_raise(actor, region.pk):
        raise PermissionDenied(
            "Only the region's coordinator, its MDT members or a state admin may raise its alerts."
        )
    if severity not in Severity.values:
        raise ValidationError({"severity": [f"Choose among: {', '.join(Severity.values)}."]})
    guard_text({"summary": summary})
    if referral is not None and referral.mdt.region_id != region.pk:
        raise ValidationError({"referral": ["The referral belongs to another region."]})
    now = timezone.now()
    alert = Alert(
        region=region, severity=severity, summary=summary, referral=referral, raised_by=actor
    )
    _assign(alert, EscalationLevel.PRIMARY, now)
    validate(alert)
    alert.save()
    AlertEvent.objects.create(
        alert=alert, kind="raised", user=actor, escalation_level=alert.escalation_level
    )
    _push(alert, events.alert_event(alert))
    return alert


def _locked(alert: Alert) -> Alert:
    return Alert.objects.select_for_update(of=("self",)).select_related("region").get(pk=alert.pk)


def may_answer(actor, alert: Alert) -> bool:
    access = access_for(actor)
    if alert.assigned_to_id is None:
        return access.is_state_admin
    return alert.assigned_to_id == actor.pk or access.is_state_admin


@transaction.atomic
def alert_transition(*, actor, alert: Alert, transition: str) -> Alert:
    """`acknowledge` (stops escalation) or `resolve`, by the assignee or a state admin."""
    if transition not in {"acknowledge", "resolve"}:
        raise ValidationError({"transition": [f"Unknown transition “{transition}”."]})
    alert = _locked(alert)
    if not may_answer(actor, alert):
        raise PermissionDenied("Only the contact the alert is assigned to may answer it.")
    method = getattr(alert, transition)
    if not can_proceed(method):
        raise Conflict(f"The alert is already {alert.status}.", status=alert.status)
    receivers = recipients(alert)
    method(at=timezone.now(), by=actor)
    alert.save()
    AlertEvent.objects.create(
        alert=alert, kind=alert.status, user=actor, escalation_level=alert.escalation_level
    )
    _push(alert, events.alert_cleared(alert), receivers)
    return alert


def escalate_due(*, now: datetime.datetime | None = None, limit: int = 100) -> int:
    """Escalate every triggered alert whose time has come; returns how many. Safe to run
    in several workers at once: each due alert is claimed with a row lock and skipped by
    the others."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            # Lock the alert rows only (not the joined region), or racing workers can
            # each skip a row the other holds for a moment.
            Alert.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("region")
            .filter(status=AlertStatus.TRIGGERED, escalate_at__lte=now)
            .order_by("escalate_at")[:limit]
        )
        for alert in due:
            previous = recipients(alert)
            _assign(alert, alert.escalation_level + 1, now)
            alert.save(update_fields=["assigned_to", "escalation_level", "escalate_at"])
            AlertEvent.objects.create(
                alert=alert, kind="escalated", escalation_level=alert.escalation_level
            )
            _push(alert, events.alert_cleared(alert), previous)
            _push(alert, events.alert_event(alert))
    return len(due)
