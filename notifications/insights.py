"""Reads for the alert insights page: over a chosen period, per region and per responder,
the mean time to acknowledge (MTTA) and to resolve (MTTR), the share acknowledged before
any escalation, alerts by severity, the hours the on-call schedule leaves uncovered, and
how often each responder was interrupted. State admins see every
region, coordinators their own."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from coordination.plumbing.charts import BarChart, Figure, bar_chart

from . import selectors
from .models import Alert, AlertEvent, AlertEventKind, AlertNotification, Severity
from .schedules import oncall

PERIOD_DAYS_MAX = 366
MTTA_FULL_BAR = 60  # minutes: the chart's full bar, an hour or more


@dataclass
class Figures:
    """One row of the insights: a region or a responder."""

    name: str
    alerts: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Severity.values, 0))
    to_acknowledge: list[float] = field(default_factory=list)  # minutes
    to_resolve: list[float] = field(default_factory=list)
    acknowledged_before_escalation: int = 0
    notifications: int = 0
    uncovered_hours: float | None = None

    @staticmethod
    def _mean(values) -> float | None:
        return round(statistics.fmean(values), 1) if values else None

    @property
    def mtta(self) -> float | None:
        return self._mean(self.to_acknowledge)

    @property
    def mtta_text(self) -> str:
        return "no acknowledgements" if self.mtta is None else f"{self.mtta} min"

    @property
    def mttr(self) -> float | None:
        return self._mean(self.to_resolve)

    @property
    def share_before_escalation(self) -> float | None:
        if not self.to_acknowledge:
            return None
        return round(100 * self.acknowledged_before_escalation / len(self.to_acknowledge))


@dataclass
class Insights:
    start: datetime.datetime
    end: datetime.datetime
    regions: list[Figures]
    responders: list[Figures]

    @property
    def mtta_chart(self) -> BarChart:
        """Each region's mean minutes to acknowledge; a full bar is an hour or more."""
        return bar_chart(
            "Mean minutes to acknowledge, by region",
            [(row.name, [Figure(row.mtta, row.mtta_text)]) for row in self.regions],
            top=MTTA_FULL_BAR,
            note="A full bar is an hour or more; every figure is in the table below.",
        )


def _minutes(later, earlier) -> float:
    return (later - earlier).total_seconds() / 60


def insights_for(*, user, start: datetime.date, end: datetime.date) -> Insights:
    """Figures for the alerts raised from `start` to `end` (inclusive, local days) in the
    regions the user coordinates (all for a state admin)."""
    begins = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    ends = timezone.make_aware(datetime.datetime.combine(end, datetime.time.min))
    ends += datetime.timedelta(days=1)
    regions = list(selectors.coordinated_regions(user=user))
    alerts = list(
        Alert.objects.filter(region__in=regions, raised_at__gte=begins, raised_at__lt=ends)
        .select_related("region")
        .order_by("raised_at")
    )
    history: dict[int, list[AlertEvent]] = defaultdict(list)
    for event in AlertEvent.objects.filter(alert__in=alerts).select_related("user"):
        history[event.alert_id].append(event)
    by_region = {region.pk: Figures(region.name) for region in regions}
    by_person: dict[int, Figures] = {}
    for alert in alerts:
        events = sorted(history[alert.pk], key=lambda event: (event.at, event.pk))
        region = by_region[alert.region_id]
        _count(region, alert, events)
        acknowledger = next(
            (e.user for e in events if e.kind == AlertEventKind.ACKNOWLEDGED and e.user), None
        )
        if acknowledger is not None:
            person = by_person.setdefault(acknowledger.pk, Figures(acknowledger.get_username()))
            _count(person, alert, events)
    sent = AlertNotification.objects.filter(alert__in=alerts).select_related("user", "alert")
    for row in sent:
        by_person.setdefault(row.user_id, Figures(row.user.get_username())).notifications += 1
        by_region[row.alert.region_id].notifications += 1
    _uncovered(by_region, begins, ends)
    return Insights(
        begins,
        ends,
        sorted(by_region.values(), key=lambda figures: figures.name),
        sorted(by_person.values(), key=lambda figures: figures.name),
    )


def _count(figures: Figures, alert: Alert, events: list[AlertEvent]) -> None:
    figures.alerts += 1
    figures.by_severity[alert.severity] += 1
    acknowledged = next((e for e in events if e.kind == AlertEventKind.ACKNOWLEDGED), None)
    escalated = next((e for e in events if e.kind == AlertEventKind.ESCALATED), None)
    resolved = next((e for e in events if e.kind == AlertEventKind.RESOLVED), None)
    if acknowledged is not None:
        figures.to_acknowledge.append(_minutes(acknowledged.at, alert.raised_at))
        if escalated is None or escalated.at > acknowledged.at:
            figures.acknowledged_before_escalation += 1
    if resolved is not None:
        figures.to_resolve.append(_minutes(resolved.at, alert.raised_at))


def _uncovered(by_region: dict[int, Figures], begins, ends) -> None:
    """Hours of the period the region's schedule (as it stands now) left uncovered, from
    when its first rotation was set up until now; None for a region without a schedule.
    (Before that the region's primary contact was on duty: not a gap.)"""
    schedules = oncall.plans_for(list(by_region), begins)
    for region_id, plans in schedules.items():
        start = max(begins, min(plan.rotation.created_at for plan in plans))
        stop = min(ends, timezone.now())
        seconds = 0.0
        if stop > start:
            days = (stop - start).days + 1
            for gap_start, gap_end in oncall.gaps(plans, start, days=days):
                seconds += max(0.0, (min(gap_end, stop) - max(gap_start, start)).total_seconds())
        by_region[region_id].uncovered_hours = round(seconds / 3600, 1)
