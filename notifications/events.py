"""Plain-JSON events of the alert websocket (`/ws/alerts/`), each with a `type`. They go to
each person's own group (`coordination.plumbing.push.user_group`)."""

from coordination.plumbing.push import user_group

__all__ = [
    "alert_answered",
    "alert_cleared",
    "alert_event",
    "alert_payload",
    "page_mark",
    "user_group",
]


def alert_payload(alert) -> dict:
    return {
        "id": alert.pk,
        "region": alert.region_id,
        "region_name": alert.region.name,
        "severity": alert.severity,
        "summary": alert.summary,
        "referral": alert.referral_id,
        "status": alert.status,
        "escalation_level": alert.escalation_level,
        "escalation_repeat": alert.escalation_repeat,
        "raised_at": alert.raised_at.isoformat() if alert.raised_at else None,
        "escalate_at": alert.escalate_at.isoformat() if alert.escalate_at else None,
    }


def page_mark(level: int, repeat: int) -> str:
    """Which page of an alert a socket has shown: each step, and each repeat of it, shows
    again."""
    return f"{level}.{repeat}"


def alert_event(alert) -> dict:
    """A new or escalated alert for its assignee(s)."""
    return {"type": "alert", "alert": alert_payload(alert)}


def alert_cleared(alert) -> dict:
    """Acknowledged or resolved: other devices of the same contact drop it."""
    return {"type": "alert.cleared", "id": alert.pk, "status": alert.status}


def alert_answered(alert) -> dict:
    """For whoever raised the alert: acknowledged or resolved, by whom and when (the
    alert's page shows it live)."""
    by = alert.resolved_by if alert.status == "resolved" else alert.acknowledged_by
    at = alert.resolved_at if alert.status == "resolved" else alert.acknowledged_at
    return {
        "type": "alert.answered",
        "id": alert.pk,
        "status": alert.status,
        "by": by.get_username() if by else None,
        "at": at.isoformat() if at else None,
    }
