"""The MDT member's panel on the dashboard: the next meetings, their case team's
referrals (those past a target first) and the recommendations they own (past due first),
each one click from where it is done."""

from __future__ import annotations

from django.utils import timezone

from coordination.people.access import access_for

from . import selectors
from .models import OPEN_REFERRAL_STATUSES, Meeting, MeetingStatus
from .recommendations import selectors as recommendation_selectors
from .timeliness.selectors import flags_for

SHOWN = 10


def member_panel(*, user) -> dict | None:
    access = access_for(user)
    if not access.mdt_ids:
        return None
    today, now = timezone.localdate(), timezone.now()
    upcoming = (
        Meeting.objects.filter(
            mdt_id__in=access.mdt_ids, status=MeetingStatus.SCHEDULED, ends_at__gte=now
        )
        .select_related("mdt")
        .order_by("starts_at")[: 4 * len(access.mdt_ids)]
    )
    next_meetings: dict[int, Meeting] = {}
    for meeting in upcoming:
        next_meetings.setdefault(meeting.mdt_id, meeting)
    team = list(
        selectors.referrals_on_case_team(selectors.referral_list(user=user), user=user)
        .filter(status__in=OPEN_REFERRAL_STATUSES)
        .select_related("mdt")
        .order_by("received_on", "id")[:200]
    )
    flagged = [(referral, flags_for(referral, today)) for referral in team]
    flagged.sort(key=lambda pair: (not pair[1], pair[0].received_on))  # past a target first
    recommendations = recommendation_selectors.mine(user=user)
    return {
        "next_meetings": sorted(next_meetings.values(), key=lambda m: m.starts_at),
        "team": flagged[:SHOWN],
        "team_count": len(team),
        "team_late": sum(1 for _, flags in flagged if flags),
        "recommendations": list(recommendations[:SHOWN]),
        "recommendation_count": recommendations.count(),
        "recommendations_late": recommendations.filter(due_on__lt=today).count(),
        "today": today,
    }
