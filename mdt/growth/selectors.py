"""MDT growth, an outcome of community action: per region and year, the MDTs that met,
the meetings they held and their members by discipline, and the same before and after
each of the region's summits. Everything is counted from meetings marked held."""

from __future__ import annotations

import datetime

from django.db.models import Count, Min, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from coordination.models import Discipline, Region, Summit
from coordination.plumbing.charts import bar_chart

from ..models import MDT, Meeting, MeetingStatus, Membership

YEARS_SHOWN = 10
SUMMITS_SHOWN = 10
WINDOW = datetime.timedelta(days=365)


def _held(region_id: int):
    return Meeting.objects.filter(mdt__region_id=region_id, status=MeetingStatus.HELD)


def first_meetings(region_id: int) -> dict[int, datetime.datetime]:
    """Each MDT of the region that has met: the start of its first meeting held."""
    rows = _held(region_id).values("mdt_id").annotate(first=Min("starts_at"))
    return {row["mdt_id"]: row["first"] for row in rows}


def growth_by_year(*, region: Region, today: datetime.date | None = None) -> list[dict]:
    """From the year of the region's first meeting held (at most ten years back) to this
    year: MDTs that held a meeting, MDTs meeting for the first time, meetings held, and
    members by discipline (of the MDTs that met that year, counting those who joined by
    the year's end and are members still: Lantern keeps no record of who left)."""
    today = today or timezone.localdate()
    yearly = {
        row["year"]: row
        for row in _held(region.pk)
        .annotate(year=ExtractYear("starts_at"))
        .values("year")
        .annotate(meetings=Count("pk"), mdts=Count("mdt", distinct=True))
    }
    firsts = first_meetings(region.pk)
    met_by_year: dict[int, set[int]] = {}
    for mdt_id, year in (
        _held(region.pk)
        .annotate(year=ExtractYear("starts_at"))
        .values_list("mdt_id", "year")
        .distinct()
    ):
        met_by_year.setdefault(year, set()).add(mdt_id)
    start = max(min(yearly, default=today.year), today.year - YEARS_SHOWN + 1)
    memberships = list(
        Membership.objects.filter(mdt__region=region).values_list(
            "mdt_id", "discipline", "joined_on"
        )
    )
    labels = dict(Discipline.choices)
    years = []
    for year in range(start, today.year + 1):
        met = met_by_year.get(year, set())
        by_discipline: dict[str, int] = {}
        for mdt_id, discipline, joined_on in memberships:
            if mdt_id in met and joined_on.year <= year:
                by_discipline[labels.get(discipline, discipline)] = (
                    by_discipline.get(labels.get(discipline, discipline), 0) + 1
                )
        years.append(
            {
                "year": year,
                "active_mdts": yearly.get(year, {}).get("mdts", 0),
                "new_mdts": sum(
                    1 for first in firsts.values() if timezone.localtime(first).year == year
                ),
                "meetings_held": yearly.get(year, {}).get("meetings", 0),
                "members_by_discipline": dict(sorted(by_discipline.items())),
            }
        )
    return years


def _window(region_id: int, since: datetime.datetime, until: datetime.datetime) -> dict:
    held = _held(region_id).filter(starts_at__gte=since, starts_at__lt=until)
    counts = held.aggregate(meetings=Count("pk"), mdts=Count("mdt", distinct=True))
    return {"active_mdts": counts["mdts"], "meetings_held": counts["meetings"]}


def around_summits(*, region: Region, now: datetime.datetime | None = None) -> list[dict]:
    """For each of the region's summits (the latest ten): the twelve months before it and
    the twelve after (up to now): MDTs that met, meetings held, and MDTs that met for the
    first time after it."""
    now = now or timezone.now()
    firsts = first_meetings(region.pk)
    zone = timezone.get_current_timezone()
    rows = []
    for summit in Summit.objects.filter(region=region).order_by("-held_on")[:SUMMITS_SHOWN]:
        day = datetime.datetime.combine(summit.held_on, datetime.time.min, tzinfo=zone)
        after_until = min(day + WINDOW, now)
        rows.append(
            {
                "summit": summit,
                "before": _window(region.pk, day - WINDOW, day),
                "after": _window(region.pk, day, after_until) if after_until > day else None,
                "started_after": sum(1 for first in firsts.values() if day <= first < after_until),
            }
        )
    return rows


# --- Outcome-measure sources (coordination.plumbing.measures) -------------------------
def mdts_meeting(region_id: int) -> int:
    """MDTs of the region that are not retired and have held a meeting."""
    return (
        MDT.objects.filter(region_id=region_id, retired_at__isnull=True)
        .filter(Q(meetings__status=MeetingStatus.HELD))
        .distinct()
        .count()
    )


def mdts_active_last_year(region_id: int) -> int:
    now = timezone.now()
    return _window(region_id, now - WINDOW, now)["active_mdts"]


def meetings_last_year(region_id: int) -> int:
    now = timezone.now()
    return _window(region_id, now - WINDOW, now)["meetings_held"]


SOURCES = (
    ("mdts", "MDTs in the region (not retired, have held a meeting)", mdts_meeting),
    ("mdts_active", "MDTs that held a meeting in the last 12 months", mdts_active_last_year),
    ("mdt_meetings", "MDT meetings held in the last 12 months", meetings_last_year),
)


def region_panel(*, user, region: Region) -> dict:
    years = growth_by_year(region=region)
    chart = bar_chart(
        "MDTs that held a meeting, by year (the figures are in the table below)",
        [(str(row["year"]), [row["active_mdts"]]) for row in years],
    )
    return {
        "region": region,
        "years": years,
        "summits": around_summits(region=region),
        "chart": chart,
    }
