"""Every write about notification rules, and the delivery they plan: each time an alert
reaches a person (raised, escalated, handed over, triggered again), their rules decide how
it reaches them off the console. Steps due now are queued after commit; later ones are
rows with a due time, claimed by the escalation worker with row locks."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from coordination.people.access import access_for

from .. import selectors
from ..models import Alert, AlertStatus, Channel, ContactPhone
from ..phone import provider as phone_provider
from ..phone import tasks as phone_tasks
from ..push import tasks as push_tasks
from ..push.services import mail_offline_recipients
from .models import NotificationRule, NotificationStep

RULES_MAX = 6
DELAY_MAX = 60


def default_rules(*, phone: bool) -> list[tuple[str, int]]:
    """For someone who set none: a phone notification and, with no console open, an
    e-mail at once; with texts and calls on and a work phone entered, a text at once and
    a call a little later."""
    rules = [(Channel.PUSH, 0), (Channel.EMAIL, 0)]
    if phone:
        call_after = max(1, round(settings.PHONE_CALL_AFTER_MINUTES))
        rules += [(Channel.SMS, 0), (Channel.VOICE, call_after)]
    return rules


def rules_for(user_ids) -> dict[int, list[tuple[str, int]]]:
    """Each person's rules in order (the defaults for those who set none), in two queries."""
    user_ids = list(user_ids)
    found: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for rule in NotificationRule.objects.filter(user_id__in=user_ids):
        found[rule.user_id].append((rule.channel, rule.delay_minutes))
    phoned = set()
    if phone_provider.enabled():
        phoned = set(
            ContactPhone.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
        )
    return {
        user_id: found.get(user_id) or default_rules(phone=user_id in phoned)
        for user_id in user_ids
    }


def deliver(alert: Alert, user_ids, now: datetime.datetime | None = None) -> None:
    """Plan how `alert` reaches each of `user_ids` off the console: steps due now are sent
    after commit, later ones stored for the worker."""
    now = now or timezone.now()
    due_now: dict[str, list[int]] = defaultdict(list)
    later = []
    for user_id, rules in rules_for(user_ids).items():
        for channel, delay in rules:
            if delay == 0:
                due_now[channel].append(user_id)
            else:
                due_at = now + datetime.timedelta(minutes=delay)
                later.append(
                    NotificationStep(alert=alert, user_id=user_id, channel=channel, due_at=due_at)
                )
    NotificationStep.objects.bulk_create(later)
    _send_after_commit(alert, due_now)


def _send_after_commit(alert: Alert, by_channel: dict[str, list[int]]) -> None:
    push_tasks.push_after_commit(alert.pk, by_channel.get(Channel.PUSH, []))
    phone_tasks.text_after_commit(alert.pk, by_channel.get(Channel.SMS, []))
    phone_tasks.call_after_commit(alert.pk, by_channel.get(Channel.VOICE, []))
    mailed = by_channel.get(Channel.EMAIL, [])
    if mailed:
        transaction.on_commit(lambda: mail_offline_recipients(alert, user_ids=mailed))


def steps_due(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """Run every planned step whose time has come, for the alerts still waiting for their
    person; returns how many were due. Each step is claimed with a row lock and marked
    done in the same transaction, so racing workers run it once."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            NotificationStep.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(done_at__isnull=True, due_at__lte=now)
            .order_by("due_at")[:limit]
        )
        if not due:
            return 0
        NotificationStep.objects.filter(pk__in=[step.pk for step in due]).update(done_at=now)
        alerts = Alert.objects.in_bulk({step.alert_id for step in due})
        plans: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for step in due:
            alert = alerts.get(step.alert_id)
            waiting = alert is not None and alert.status == AlertStatus.TRIGGERED
            if waiting and step.user_id in selectors.recipients(alert):
                plans[alert.pk][step.channel].append(step.user_id)
        for alert_id, by_channel in plans.items():
            _send_after_commit(alerts[alert_id], by_channel)
    return len(due)


DONE_STEPS_KEPT = datetime.timedelta(days=1)


def steps_prune(*, now: datetime.datetime | None = None, limit: int = 1000) -> int:
    """Forget steps that ran (or were passed over) more than a day ago: what each reached
    is kept in the alert's notifications, and the table stays small however many alerts
    there were. At most `limit` per pass."""
    cutoff = (now or timezone.now()) - DONE_STEPS_KEPT
    old = NotificationStep.objects.filter(done_at__lt=cutoff).values_list("pk", flat=True)
    deleted, _ = NotificationStep.objects.filter(pk__in=list(old[:limit])).delete()
    return deleted


def next_step_at() -> datetime.datetime | None:
    step = NotificationStep.objects.filter(done_at__isnull=True).order_by("due_at").first()
    return step.due_at if step else None


def move_on(*, alert_id: int, user_id: int) -> bool:
    """A send that failed moves on: the person's next planned step for this alert is due
    now. Returns whether there was one."""
    step = (
        NotificationStep.objects.filter(alert_id=alert_id, user_id=user_id, done_at__isnull=True)
        .order_by("due_at")
        .first()
    )
    if step is None:
        return False
    NotificationStep.objects.filter(pk=step.pk).update(due_at=timezone.now())
    return True


@transaction.atomic
def rules_set(*, actor, rules: list[tuple[str, int]]) -> list[NotificationRule]:
    """A person sets their own rules, in order (at most six steps)."""
    if not selectors.may_receive_alerts(access_for(actor)):
        raise PermissionDenied("Notification rules are for people who are given alerts.")
    if not rules or len(rules) > RULES_MAX:
        raise ValidationError({"rules": [f"Set from one to {RULES_MAX} steps."]})
    for channel, delay in rules:
        if channel not in Channel.values or not 0 <= delay <= DELAY_MAX:
            raise ValidationError(
                {"rules": [f"Each step is a way to reach you and 0 to {DELAY_MAX} minutes."]}
            )
    phoned = {Channel.SMS, Channel.VOICE} & {channel for channel, _ in rules}
    if phoned and not ContactPhone.objects.filter(user=actor).exists():
        raise ValidationError({"rules": ["Enter your work phone first: texts and calls go there."]})
    NotificationRule.objects.filter(user=actor).delete()
    return NotificationRule.objects.bulk_create(
        NotificationRule(user=actor, position=position, channel=channel, delay_minutes=delay)
        for position, (channel, delay) in enumerate(rules)
    )
