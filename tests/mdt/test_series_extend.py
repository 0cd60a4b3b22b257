"""Issue 20: meeting series extend themselves a year ahead with no step by hand — the
escalation worker's upkeep job stores the next occurrences, at their local time, once;
a series whose rule has ended stays ended."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from coordination.plumbing import upkeep
from mdt.meetings import services
from mdt.models import Meeting, MeetingSeries
from tests.racing import race

CHICAGO = ZoneInfo("America/Chicago")
START = datetime.datetime(2026, 1, 6, 9, 0, tzinfo=CHICAGO)  # a Tuesday


def weekly(world, rrule="FREQ=WEEKLY;BYDAY=TU"):
    return services.meeting_schedule(
        actor=world.users["mdt_member"],
        mdt=world.mdt,
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=1),
        location="CAC conference room",
        rrule=rrule,
    )


def test_a_series_is_stored_a_year_ahead_and_extends_itself(world, settings):
    settings.TIME_ZONE = "America/Chicago"
    first = weekly(world)
    series = MeetingSeries.objects.get()
    assert len(first) == 53  # a year of Tuesdays
    assert series.generated_until == first[-1].starts_at
    assert services.meeting_series_extend(now=START + datetime.timedelta(days=3)) == 0
    a_month_later = START + datetime.timedelta(days=30)
    assert services.meeting_series_extend(now=a_month_later) == 4  # Tuesdays to day 396
    two_months_later = START + datetime.timedelta(days=60)
    assert services.meeting_series_extend(now=two_months_later) == 4
    latest = Meeting.objects.filter(series=series).order_by("-starts_at").first()
    assert latest.starts_at.astimezone(CHICAGO).time() == datetime.time(9, 0)
    assert latest.ends_at - latest.starts_at == datetime.timedelta(hours=1)
    assert services.meeting_series_extend(now=two_months_later) == 0  # once
    starts = list(Meeting.objects.filter(series=series).values_list("starts_at", flat=True))
    assert len(starts) == len(set(starts)) == 61


def test_a_series_whose_rule_ended_stays_ended(world, settings):
    settings.TIME_ZONE = "America/Chicago"
    weekly(world, rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=4")
    assert services.meeting_series_extend(now=START + datetime.timedelta(days=60)) == 0
    assert Meeting.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_two_workers_extend_each_series_once(world, settings):
    settings.TIME_ZONE = "America/Chicago"
    weekly(world)
    later = START + datetime.timedelta(days=90)
    assert sum(race(lambda: services.meeting_series_extend(now=later))) == 13  # days 371-455
    starts = list(Meeting.objects.values_list("starts_at", flat=True))
    assert len(starts) == len(set(starts))


def test_the_upkeep_runs_each_job_at_its_time_and_one_failure_stops_no_other():
    ran = []
    upkeep.register("test: fails", lambda: 1 / 0, every=60)
    upkeep.register("test: works", lambda: ran.append(1), every=60)
    try:
        assert {"test: fails", "test: works"} <= set(upkeep.run_due(now=1e9))
        assert ran == [1]
        assert "test: works" not in upkeep.run_due(now=1e9 + 30)
        assert "test: works" in upkeep.run_due(now=1e9 + 61)
        assert {"meeting series", "reporting reminders"} <= set(upkeep.jobs())
    finally:
        upkeep._JOBS.pop("test: fails", None)
        upkeep._JOBS.pop("test: works", None)
