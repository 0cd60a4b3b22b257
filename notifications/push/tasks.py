"""The alert worker sends pushes: a push service may take seconds to answer, and no request
or escalation pass waits for it. The `alerts` queue has its own worker (`manage.py
db_worker --queue-name alerts`), so a push never waits behind a report's PDF; the test
suite runs tasks at once."""

from django_tasks import task

from coordination.plumbing.background import enqueue_after_commit

from . import services, vapid


@task(queue_name="alerts")
def push_alert(*, alert_id: int, user_ids: list[int], kind: str) -> int:
    return services.push_alert(alert_id=alert_id, user_ids=user_ids, kind=kind)


def push_after_commit(alert_id: int, user_ids, kind: str = "alert") -> None:
    """Queue the pushes once the change that causes them commits. A queue that cannot be
    reached is logged, never raised: the alert is stored, on the console, and escalates."""
    user_ids = sorted(set(user_ids))
    if user_ids and vapid.enabled():  # push off: nothing to queue
        enqueue_after_commit(push_alert, alert_id=alert_id, user_ids=user_ids, kind=kind)
