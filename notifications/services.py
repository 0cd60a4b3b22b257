"""Every write to alerts. An alert is stored first and pushed after commit; escalation is
driven by `escalate_at` in the database, claimed with row locks (`skip_locked`) so any
number of workers never escalate one alert twice."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_fsm import can_proceed

from coordination.models import Region, Role, RoleAssignment
from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict
from coordination.plumbing.push import push_all_after_commit
from coordination.plumbing.records import validate
from coordination.plumbing.throttling import ALERT_RAISE, check_rate
from coordination.privacy import guard_text

from . import events, selectors
from .models import (
    Alert,
    AlertConnection,
    AlertEvent,
    AlertEventKind,
    AlertGroup,
    AlertStatus,
    DutyOverride,
    Severity,
)
from .policies import selectors as policies
from .push import tasks as push_tasks
from .rules import services as rules
from .selectors import recipients

User = get_user_model()
log = logging.getLogger(__name__)


def _messages(alert: Alert, event: dict, user_ids=None) -> list[tuple[str, dict]]:
    receivers = user_ids if user_ids is not None else recipients(alert)
    return [(events.user_group(user_id), event) for user_id in receivers]


def _push(alert: Alert, event: dict, user_ids=None) -> None:
    push_all_after_commit(_messages(alert, event, user_ids))


def _deliver(alert: Alert) -> None:
    """After commit: push a newly assigned alert to its recipients' sockets; their
    notification rules plan how it reaches them off the console (push, e-mail, text,
    call)."""
    _push(alert, events.alert_event(alert))
    rules.deliver(alert, recipients(alert))


def _assign(alert: Alert, start: int, now: datetime.datetime, chain=None, policy=None) -> None:
    """Give the alert to step `start` of its region's escalation policy, skipping the steps
    nobody holds now (the last step, the state admins, always holds). `chain` is the
    region's rota at `now` and `policy` its steps, when the caller has them already."""
    if chain is None:
        chain = selectors.on_duty(alert.region, now, presence=False).chain
    if policy is None:
        policy = policies.policy_for(alert.region)
    # A policy edited while the alert waits may be shorter now.
    for index in range(min(start, len(policy) - 1), len(policy)):
        held = policies.holder(policy[index], alert.region, chain)
        if held is not None:
            alert.assigned_to, alert.assigned_group = held
            alert.escalation_level, alert.escalation_repeat = index, 0
            alert.escalate_at = policies.next_page_at(policy, index, 0, now)
            return


def _page_again(alert: Alert, now: datetime.datetime, chain, policy) -> bool:
    """Step repeats left: page whoever holds the same step now, again. False when the
    step has none left, or nobody holds it any more."""
    index = min(alert.escalation_level, len(policy) - 1)
    step = policy[index]
    held = policies.holder(step, alert.region, chain)
    if alert.escalation_repeat >= step.repeats or held is None:
        return False
    alert.assigned_to, alert.assigned_group = held
    alert.escalation_level, alert.escalation_repeat = index, alert.escalation_repeat + 1
    alert.escalate_at = policies.next_page_at(policy, index, alert.escalation_repeat, now)
    return True


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
    return _raise(actor=actor, region=region, severity=severity, summary=summary, referral=referral)


@transaction.atomic
def alert_raise_for_screening(*, screener, region: Region, summary: str, referral) -> Alert:
    """A critical alert from a screen that found immediate danger. Any professional who
    screens may raise it (a teacher or a nurse holds no role in the region): the screen's
    result is the authority, and the alert carries its referral."""
    return _raise(
        actor=screener,
        region=region,
        severity=Severity.CRITICAL,
        summary=summary,
        referral=referral,
    )


def _raise(*, actor, region: Region, severity: str, summary: str, referral) -> Alert:
    # One limit per person over every way an alert is raised (API, pages, screens).
    check_rate(scope=ALERT_RAISE, person=actor, what="alerts raised")
    if severity not in Severity.values:
        raise ValidationError({"severity": [f"Choose among: {', '.join(Severity.values)}."]})
    guard_text({"summary": summary})
    if referral is not None and referral.mdt.region_id != region.pk:
        raise ValidationError({"referral": ["The referral belongs to another region."]})
    now = timezone.now()
    alert = Alert(
        region=region, severity=severity, summary=summary, referral=referral, raised_by=actor
    )
    _assign(alert, 0, now)
    validate(alert)
    alert.save()
    AlertEvent.objects.create(
        alert=alert, kind="raised", user=actor, escalation_level=alert.escalation_level
    )
    _deliver(alert)
    return alert


def _locked(alert: Alert) -> Alert:
    return Alert.objects.select_for_update(of=("self",)).select_related("region").get(pk=alert.pk)


def may_answer(actor, alert: Alert) -> bool:
    """State admins answer any alert; a contact, the alerts assigned to them while they
    still hold a role in the alert's region; a coordinator, the alerts given to every
    coordinator of their region."""
    access = access_for(actor)
    if access.is_state_admin:
        return True
    if alert.assigned_group == AlertGroup.COORDINATORS:
        return alert.region_id in access.coordinator_region_ids
    return alert.assigned_to_id == actor.pk and alert.region_id in selectors.answering_region_ids(
        access
    )


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
    now = timezone.now()
    method(at=now, by=actor)
    if transition == "acknowledge":
        alert.escalate_at = _acknowledgement_clock(alert, now)
    alert.save()
    AlertEvent.objects.create(
        alert=alert, kind=alert.status, user=actor, escalation_level=alert.escalation_level
    )
    _push(alert, events.alert_cleared(alert), receivers)
    push_tasks.push_after_commit(alert.pk, receivers, "cleared")  # its notification goes
    _push(alert, events.alert_answered(alert), [alert.raised_by_id])  # the raiser sees it live
    return alert


def _acknowledgement_clock(alert: Alert, now: datetime.datetime) -> datetime.datetime | None:
    """When an alert acknowledged now is triggered again unless resolved (the region's
    acknowledgement timeout), or None: it waits until resolved."""
    minutes = alert.region.acknowledgement_timeout_minutes
    return now + datetime.timedelta(minutes=minutes) if minutes else None


CLOCKED = [AlertStatus.TRIGGERED, AlertStatus.ACKNOWLEDGED]  # the states with a clock


def next_escalation_at() -> datetime.datetime | None:
    """When the next alert falls due (the worker sleeps until then)."""
    return Alert.objects.filter(status__in=CLOCKED, escalate_at__isnull=False).aggregate(
        next=models.Min("escalate_at")
    )["next"]


def _escalate(alert: Alert, now: datetime.datetime, chain, policy) -> None:
    """A triggered alert pages its step again while the step has repeats left, then passes
    to the next step; an acknowledged one left unresolved past its timeout is triggered
    again and goes back to the first step, its escalation clock starting again."""
    if alert.status == AlertStatus.ACKNOWLEDGED:
        alert.trigger_again()
        _assign(alert, 0, now, chain, policy)
        kind = AlertEventKind.TRIGGERED_AGAIN
    elif _page_again(alert, now, chain, policy):
        kind = AlertEventKind.PAGED_AGAIN
    else:
        _assign(alert, alert.escalation_level + 1, now, chain, policy)
        kind = AlertEventKind.ESCALATED
    alert.save(
        update_fields=[
            "status",
            "acknowledged_at",
            "acknowledged_by",
            *ASSIGNMENT_FIELDS,
        ]
    )
    AlertEvent.objects.create(alert=alert, kind=kind, escalation_level=alert.escalation_level)


ASSIGNMENT_FIELDS = [
    "assigned_to",
    "assigned_group",
    "escalation_level",
    "escalation_repeat",
    "escalate_at",
]


def escalate_due(*, now: datetime.datetime | None = None, limit: int = 100) -> int:
    """Escalate every triggered alert whose time has come, and trigger again every
    acknowledged one left unresolved past its region's timeout; returns how many. Safe to
    run in several workers at once: each due alert is claimed with a row lock and skipped
    by the others."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            # Lock the alert rows only (not the joined region), or racing workers can
            # each skip a row the other holds for a moment.
            Alert.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("region")
            .filter(status__in=CLOCKED, escalate_at__lte=now)
            .order_by("escalate_at")[:limit]
        )
        # One rota and policy read per pass, and one trip to the channel layer.
        regions = {alert.region_id: alert.region for alert in due}.values()
        rota = selectors.rota_for(regions, now, presence=False)
        chains = {duty.region.pk: duty.chain for duty in rota}
        steps = policies.policies_for(regions)
        messages: list[tuple[str, dict]] = []
        for alert in due:
            previous = recipients(alert)
            _escalate(alert, now, chains[alert.region_id], steps[alert.region_id])
            paged = recipients(alert)
            passed_on = [user_id for user_id in previous if user_id not in paged]
            messages += _messages(alert, events.alert_cleared(alert), passed_on)
            messages += _messages(alert, events.alert_event(alert), paged)
        push_all_after_commit(messages)
        for alert in due:
            rules.deliver(alert, recipients(alert), now)
    return len(due)


def _stranded() -> models.Q:
    """Waiting alerts whose holder can no longer answer them: a person deactivated or
    without a role in the region (a state admin answers every alert), or a group of
    coordinators the region no longer has."""
    answers = RoleAssignment.objects.filter(user=OuterRef("assigned_to"), user__is_active=True)
    answers = answers.filter(
        models.Q(region=OuterRef("region"), role__in=selectors.DUTY_ROLES)
        | models.Q(role=Role.STATE_ADMIN)
    )
    coordinators = RoleAssignment.objects.filter(
        region=OuterRef("region"), role=Role.COORDINATOR, user__is_active=True
    )
    person_gone = (
        models.Q(assigned_to__isnull=False)
        & ~models.Q(assigned_to__is_superuser=True, assigned_to__is_active=True)
        & ~models.Q(Exists(answers))
    )
    group_gone = models.Q(assigned_group=AlertGroup.COORDINATORS) & ~models.Q(Exists(coordinators))
    return models.Q(status=AlertStatus.TRIGGERED) & (person_gone | group_gone)


def hand_over_from_those_without_a_role(
    *, now: datetime.datetime | None = None, limit: int = 100
) -> int:
    """Waiting alerts whose holder can no longer answer them go to whoever holds the same
    step now, or the next step someone holds (their escalation clocks keep running).
    Their sockets stopped showing them at once; this makes sure someone who can answer
    has them. Returns how many moved."""
    now = now or timezone.now()
    with transaction.atomic():
        stranded = list(
            Alert.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("region")
            .filter(_stranded())
            .order_by("raised_at")[:limit]
        )
        for alert in stranded:
            previous = recipients(alert)
            index, repeat, escalate_at = (
                alert.escalation_level,
                alert.escalation_repeat,
                alert.escalate_at,
            )
            _assign(alert, index, now)
            if alert.escalation_level == index:  # the same step: its clock keeps running
                alert.escalation_repeat, alert.escalate_at = repeat, escalate_at
            alert.save(update_fields=ASSIGNMENT_FIELDS)
            AlertEvent.objects.create(
                alert=alert, kind="handed_over", escalation_level=alert.escalation_level
            )
            _push(alert, events.alert_cleared(alert), previous)
            _deliver(alert)
    return len(stranded)


# --- the on-duty rota -----------------------------------------------------------------------
def _hand_over_open_alerts(*, region: Region, actor, now: datetime.datetime) -> None:
    """After a change of who is on duty, the region's unacknowledged alerts at a step that
    pages the contact on duty go to the new one (their escalation clocks keep running)."""
    contact = selectors.on_duty(region, now, presence=False).chain[0]
    on_duty_steps = [
        index
        for index, step in enumerate(policies.policy_for(region))
        if step.notify == policies.Notify.ON_DUTY
    ]
    if contact is None or not on_duty_steps:
        return
    waiting = (
        Alert.objects.select_for_update(of=("self",))
        .select_related("region")
        .filter(region=region, status=AlertStatus.TRIGGERED, escalation_level__in=on_duty_steps)
        .exclude(assigned_to=contact)
    )
    for alert in waiting:
        previous = recipients(alert)
        alert.assigned_to, alert.assigned_group = contact, ""
        alert.save(update_fields=["assigned_to", "assigned_group"])
        AlertEvent.objects.create(
            alert=alert, kind="handed_over", user=actor, escalation_level=alert.escalation_level
        )
        _push(alert, events.alert_cleared(alert), previous)
        _deliver(alert)


@transaction.atomic
def duty_take_over(
    *, actor, region: Region, contact=None, ends_at=None, reason: str = ""
) -> DutyOverride:
    """ "Take over now": `contact` (by default the actor) becomes the region's on-duty
    primary at once, until handed back or `ends_at`. Contacts take over for themselves;
    the region's coordinator or a state admin may put any of its contacts or coordinators
    on duty. Recorded, and the region's waiting alerts follow."""
    contact = contact or actor
    if contact.pk != actor.pk and not access_for(actor).coordinates(region.pk):
        raise PermissionDenied(
            "Only the region's coordinator or a state admin may put someone else on duty."
        )
    if not selectors.may_take_duty(contact, region.pk):
        raise ValidationError(
            {
                "contact": [
                    "Only the region's rapid-response contacts and coordinators can go on duty."
                ]
            }
        )
    now = timezone.now()
    if ends_at is not None and ends_at <= now:
        raise ValidationError({"ends_at": ["The end must be in the future."]})
    guard_text({"reason": reason})
    Region.objects.select_for_update().get(pk=region.pk)  # one rota change at a time
    DutyOverride.objects.filter(region=region, ended_at__isnull=True).update(
        ended_at=now, ended_by=actor
    )
    override = DutyOverride(
        region=region,
        contact=contact,
        reason=reason,
        started_at=now,
        started_by=actor,
        ends_at=ends_at,
    )
    validate(override)
    override.save()
    _hand_over_open_alerts(region=region, actor=actor, now=now)
    return override


@transaction.atomic
def duty_hand_back(*, actor, region: Region) -> DutyOverride:
    """End the override in force: the rota's primary is on duty again."""
    Region.objects.select_for_update().get(pk=region.pk)
    now = timezone.now()
    override = (
        DutyOverride.objects.filter(region=region, ended_at__isnull=True)
        .select_related("contact")
        .first()
    )
    if override is None or not override.in_force(now):
        raise Conflict("No override is in force for this region.")
    if override.contact_id != actor.pk and not access_for(actor).coordinates(region.pk):
        raise PermissionDenied(
            "Only the contact on duty, the region's coordinator or a state admin may hand back."
        )
    override.ended_at, override.ended_by = now, actor
    override.save(update_fields=["ended_at", "ended_by"])
    _hand_over_open_alerts(region=region, actor=actor, now=now)
    return override


# --- presence of alert sockets ----------------------------------------------------------------
def connection_seen(*, user_id: int, channel_name: str) -> None:
    """Record (or refresh) an open alert socket."""
    now = timezone.now()
    updated = AlertConnection.objects.filter(channel_name=channel_name).update(seen_at=now)
    if not updated:
        AlertConnection.objects.update_or_create(
            channel_name=channel_name,
            defaults={"user_id": user_id, "opened_at": now, "seen_at": now},
        )


def connection_closed(*, channel_name: str) -> None:
    AlertConnection.objects.filter(channel_name=channel_name).delete()


def connections_prune(now: datetime.datetime | None = None) -> int:
    """Forget sockets of processes that died without saying goodbye."""
    deleted, _ = AlertConnection.objects.filter(seen_at__lt=selectors.presence_cutoff(now)).delete()
    return deleted
