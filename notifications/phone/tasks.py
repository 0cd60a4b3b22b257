"""The alert worker texts and calls (a provider may take seconds to answer): a text at once,
a call later if the alert still waits, or at once if the text failed."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import provider, services

log = logging.getLogger(__name__)


@task(queue_name="alerts")
def text_alert(*, alert_id: int, user_ids: list[int]) -> int:
    failed = services.text_alert(alert_id=alert_id, user_ids=user_ids)
    for user_id in failed:  # a failed text moves on to the next step: the call
        services.call_alert(alert_id=alert_id, user_id=user_id)
    for user_id in sorted(set(user_ids) - set(failed)):
        call_later(alert_id, user_id)
    return len(user_ids) - len(failed)


@task(queue_name="alerts")
def call_alert(*, alert_id: int, user_id: int) -> bool:
    return services.call_alert(alert_id=alert_id, user_id=user_id)


def call_later(alert_id: int, user_id: int) -> None:
    """The call step, PHONE_CALL_AFTER_MINUTES from now; it calls only if the alert still
    waits for them then. (A backend that cannot defer, the tests' immediate one, skips
    it: the tests call the step directly.)"""
    if not call_alert.get_backend().supports_defer:
        return
    at = timezone.now() + datetime.timedelta(minutes=settings.PHONE_CALL_AFTER_MINUTES)
    call_alert.using(run_after=at).enqueue(alert_id=alert_id, user_id=user_id)


def text_after_commit(alert_id: int, user_ids) -> None:
    """Queue the texts once the change that causes them commits (nothing when the channel
    is off). A queue out of reach is logged: the alert stands and escalates."""
    user_ids = sorted(set(user_ids))
    if not user_ids or not provider.enabled():
        return

    def enqueue() -> None:
        try:
            text_alert.enqueue(alert_id=alert_id, user_ids=user_ids)
        except Exception:
            log.exception("Could not queue the texts of alert %s", alert_id)

    transaction.on_commit(enqueue)
