"""Reads of recommendations, scoped to the user. Members of the referral's MDT see the
rows (and members of an MDT it was shared with, as they see the referral); a coordinator
of the region sees counts only."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from coordination.people.access import access_for

from ..models import Meeting, Membership, Referral
from .models import Recommendation, RecommendationStatus

OPEN = RecommendationStatus.OPEN


def recommendation_list(*, user) -> QuerySet[Recommendation]:
    """Recommendations of the referrals the user may read."""
    access = access_for(user)
    rows = Recommendation.objects.select_related("referral", "meeting", "owner", "owner_agency")
    if access.is_state_admin:
        return rows
    if not access.mdt_ids:
        return rows.none()
    readable = Referral.objects.filter(access.referrals_q()).values("pk")
    return rows.filter(referral__in=readable)


def carried_forward(*, meeting: Meeting) -> QuerySet[Recommendation]:
    """Open recommendations of the MDT's referrals made before this meeting: they are on
    its agenda until they are done or dropped."""
    return (
        Recommendation.objects.filter(referral__mdt_id=meeting.mdt_id, status=OPEN)
        .filter(Q(meeting__starts_at__lt=meeting.starts_at) | Q(meeting__isnull=True))
        .select_related("referral", "meeting", "owner", "owner_agency")
        .order_by("due_on", "id")
    )


def made_at(*, meeting: Meeting) -> QuerySet[Recommendation]:
    return meeting.recommendations_made.select_related(
        "referral", "owner", "owner_agency"
    ).order_by("referral__case_code", "id")


def agenda_referral_ids(*, meeting: Meeting) -> set[int]:
    """The referrals a meeting may make recommendations for: its agenda, and those carried
    to it by an open recommendation."""
    ids = set(meeting.agenda.values_list("pk", flat=True))
    ids.update(carried_forward(meeting=meeting).values_list("referral_id", flat=True))
    return ids


def is_overdue(recommendation: Recommendation, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return recommendation.status == OPEN and recommendation.due_on < today


def mine(*, user) -> QuerySet[Recommendation]:
    """Open recommendations the user owns: named to them, or to their agency on that MDT
    with no member named. Soonest due (and overdue) first."""
    access = access_for(user)
    if not access.mdt_ids:
        return Recommendation.objects.none()
    their_agency = Membership.objects.filter(
        user=user,
        mdt_id=OuterRef("referral__mdt_id"),
        agency_id=OuterRef("owner_agency_id"),
    )
    return (
        Recommendation.objects.filter(status=OPEN, referral__mdt_id__in=access.mdt_ids)
        .filter(Q(owner=user) | Q(Exists(their_agency), owner__isnull=True))
        .select_related("referral", "owner_agency")
        .order_by("due_on", "id")
    )


def counts_by_mdt(*, mdt_ids, today: datetime.date | None = None) -> dict[int, dict[str, int]]:
    """Per MDT: open, overdue, done and dropped recommendations — numbers only, for a
    coordinator of the region, who never sees the rows."""
    today = today or timezone.localdate()
    rows = (
        Recommendation.objects.filter(referral__mdt_id__in=list(mdt_ids))
        .values("referral__mdt_id")
        .annotate(
            open=Count("pk", filter=Q(status=OPEN)),
            overdue=Count("pk", filter=Q(status=OPEN, due_on__lt=today)),
            done=Count("pk", filter=Q(status=RecommendationStatus.DONE)),
            dropped=Count("pk", filter=Q(status=RecommendationStatus.DROPPED)),
        )
    )
    counts = {
        mdt_id: dict.fromkeys(("open", "overdue", "done", "dropped"), 0) for mdt_id in mdt_ids
    }
    for row in rows:
        mdt_id = row.pop("referral__mdt_id")
        counts[mdt_id] = row
    return counts
