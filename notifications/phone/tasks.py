"""The alert worker texts and calls (a provider may take seconds to answer), as each person's
notification rules plan it; a send that fails moves on to their next step."""

from django_tasks import task

from coordination.plumbing.background import enqueue_after_commit

from . import provider, services


@task(queue_name="alerts")
def text_alert(*, alert_id: int, user_ids: list[int]) -> int:
    from ..rules.services import move_on  # rules plan these steps: imported when used

    failed = services.text_alert(alert_id=alert_id, user_ids=user_ids)
    for user_id in failed:  # a failed text moves on to the person's next rule step
        move_on(alert_id=alert_id, user_id=user_id)
    return len(user_ids) - len(failed)


@task(queue_name="alerts")
def call_alert(*, alert_id: int, user_ids: list[int]) -> int:
    from ..rules.services import move_on

    placed = 0
    for user_id in user_ids:
        if services.call_alert(alert_id=alert_id, user_id=user_id):
            placed += 1
        else:
            move_on(alert_id=alert_id, user_id=user_id)
    return placed


def _after_commit(step, alert_id: int, user_ids) -> None:
    """Queue a step once the change that causes it commits (nothing when the channel is
    off). A queue out of reach is logged: the alert stands and escalates."""
    user_ids = sorted(set(user_ids))
    if user_ids and provider.enabled():
        enqueue_after_commit(step, alert_id=alert_id, user_ids=user_ids)


def text_after_commit(alert_id: int, user_ids) -> None:
    _after_commit(text_alert, alert_id, user_ids)


def call_after_commit(alert_id: int, user_ids) -> None:
    _after_commit(call_alert, alert_id, user_ids)
