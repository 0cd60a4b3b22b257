"""Reads for timeliness. A referral is past a target when more whole days than the target
have gone by since it was received and it has not reached that status yet: with a 2-day
target, a referral received on Monday is flagged from Thursday."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from ..models import MDT, Referral, ReferralStatus

BEFORE_REVIEW = (ReferralStatus.RECEIVED,)
BEFORE_SERVICES = (ReferralStatus.RECEIVED, ReferralStatus.IN_REVIEW)
MONTHS_SHOWN = 12


@dataclass(frozen=True)
class Flag:
    target: str  # "review" or "services"
    target_days: int
    days_late: int

    @property
    def label(self) -> str:
        what = "in review" if self.target == "review" else "services engaged"
        late = f"{self.days_late} day{'s' if self.days_late != 1 else ''}"
        return f"Not {what} within {self.target_days} days ({late} late)"


def flags_from(
    *,
    received_on: datetime.date,
    status: str,
    review_days: int,
    engaged_days: int,
    today: datetime.date,
) -> list[Flag]:
    """The targets a referral received on `received_on`, now in `status`, is past (plain
    values: a page of rows needs no model instances)."""
    age = (today - received_on).days
    flags = []
    if status in BEFORE_REVIEW and age > review_days:
        flags.append(Flag("review", review_days, age - review_days))
    if status in BEFORE_SERVICES and age > engaged_days:
        flags.append(Flag("services", engaged_days, age - engaged_days))
    return flags


def flags_for(referral: Referral, today: datetime.date | None = None) -> list[Flag]:
    """The targets this referral is past (its MDT's targets)."""
    return flags_from(
        received_on=referral.received_on,
        status=referral.status,
        review_days=referral.mdt.target_review_days,
        engaged_days=referral.mdt.target_engaged_days,
        today=today or timezone.localdate(),
    )


def overdue_q(mdts: Iterable[MDT], today: datetime.date | None = None) -> Q:
    """Referrals of these MDTs past one of their targets, as one filter: one term per
    distinct pair of targets (a handful), not per referral."""
    today = today or timezone.localdate()
    by_targets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for mdt in mdts:
        by_targets[(mdt.target_review_days, mdt.target_engaged_days)].append(mdt.pk)
    condition = Q(pk__in=[])
    for (review_days, engaged_days), mdt_ids in by_targets.items():
        late_review = Q(
            status__in=BEFORE_REVIEW,
            received_on__lt=today - datetime.timedelta(days=review_days),
        )
        late_services = Q(
            status__in=BEFORE_SERVICES,
            received_on__lt=today - datetime.timedelta(days=engaged_days),
        )
        condition |= Q(mdt_id__in=mdt_ids) & (late_review | late_services)
    return condition


def percentile(values: list[int], share: float) -> float | None:
    """The `share` percentile by linear interpolation between the closest ranks (what a
    spreadsheet's PERCENTILE.INC gives): the median of 1, 2, 10 is 2, its 90th
    percentile 8.4."""
    if not values:
        return None
    ordered = sorted(values)
    rank = share * (len(ordered) - 1)
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _months_back(today: datetime.date, count: int) -> list[datetime.date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return months[::-1]


def _summary(days: list[int], target: int) -> dict:
    return {
        "reached": len(days),
        "median_days": percentile(days, 0.5),
        "p90_days": percentile(days, 0.9),
        "within_target": sum(1 for value in days if value <= target),
    }


def timeliness_by_month(
    *, mdt: MDT, today: datetime.date | None = None, months: int = MONTHS_SHOWN
) -> list[dict]:
    """For each of the last `months` months (by the month a referral was received): how
    many were received, and the days from receipt to review and to services engaged
    (median, 90th percentile, how many reached it and how many within the target) among
    those that got there. Referrals still waiting are counted apart, not guessed."""
    today = today or timezone.localdate()
    starts = _months_back(today, months)
    rows = Referral.objects.filter(mdt=mdt, received_on__gte=starts[0]).values_list(
        "received_on", "reviewed_on", "engaged_on", "status"
    )
    review: dict[datetime.date, list[int]] = defaultdict(list)
    services: dict[datetime.date, list[int]] = defaultdict(list)
    received: dict[datetime.date, int] = defaultdict(int)
    waiting: dict[datetime.date, int] = defaultdict(int)
    for received_on, reviewed_on, engaged_on, status in rows.iterator(chunk_size=2000):
        month = received_on.replace(day=1)
        received[month] += 1
        if reviewed_on is not None:
            review[month].append((reviewed_on - received_on).days)
        if engaged_on is not None:
            services[month].append((engaged_on - received_on).days)
        elif status in BEFORE_SERVICES:
            waiting[month] += 1
    return [
        {
            "month": month,
            "received": received[month],
            "still_waiting_for_services": waiting[month],
            "review": _summary(review[month], mdt.target_review_days),
            "services": _summary(services[month], mdt.target_engaged_days),
        }
        for month in starts
    ]
