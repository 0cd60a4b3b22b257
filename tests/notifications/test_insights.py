"""Issue 18, alert insights: MTTA, MTTR, the share acknowledged before escalating, alerts by
severity, notifications per responder and uncovered hours, over a period, on a page and
as CSV, for coordinators (their regions) and state admins."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from notifications import services
from notifications.models import Alert, AlertEvent, AlertNotification
from tests.openapi import assert_matches_schema

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def history(world, backup):
    """Three alerts in the home region: one acknowledged after 4 minutes and resolved
    after 30, one escalated to the backup who acknowledged after 12, one still waiting."""
    coordinator, responder = world.users["coordinator"], world.users["responder"]

    def raised(severity, minutes_ago):
        alert = services.alert_raise(
            actor=coordinator, region=world.home, severity=severity, summary="Youth at a motel"
        )
        at = timezone.now() - minutes_ago * MINUTE
        Alert.objects.filter(pk=alert.pk).update(raised_at=at)
        AlertEvent.objects.filter(alert=alert).update(at=at)
        alert.refresh_from_db()
        return alert

    def happened(alert, kind, after, user=None):
        event = AlertEvent.objects.create(alert=alert, kind=kind, user=user, escalation_level=0)
        AlertEvent.objects.filter(pk=event.pk).update(at=alert.raised_at + after * MINUTE)

    quick = raised("critical", 120)
    happened(quick, "acknowledged", 4, responder)
    happened(quick, "resolved", 30, responder)
    slow = raised("urgent", 90)
    happened(slow, "escalated", 5)
    happened(slow, "acknowledged", 12, backup)
    raised("urgent", 10)
    AlertNotification.objects.create(alert=quick, user=responder, channel="push", status="sent")
    return quick, slow


def test_the_coordinator_sees_mtta_mttr_and_the_share_before_escalation(world, history):
    answer = page(world.users["coordinator"]).get("/alerts/insights/")
    assert answer.status_code == 200
    figures = answer.context["figures"]
    home = next(row for row in figures.regions if row.name == world.home.name)
    assert home.alerts == 3
    assert home.by_severity == {"info": 0, "urgent": 2, "critical": 1}
    assert home.mtta == 8.0  # (4 + 12) / 2
    assert home.mttr == 30.0
    assert home.share_before_escalation == 50
    assert home.notifications == 1
    assert home.uncovered_hours is None  # no schedule
    people = {row.name: row for row in figures.responders}
    assert (people["responder"].mtta, people["responder"].notifications) == (4.0, 1)
    assert (people["backup"].mtta, people["backup"].share_before_escalation) == (12.0, 0)
    assert [row.name for row in figures.regions] == [world.home.name]  # only their region


def test_the_csv_carries_the_same_figures(world, history):
    today = timezone.localdate()
    answer = page(world.users["state_admin"]).get(
        "/alerts/insights/",
        {"start": today - datetime.timedelta(days=1), "end": today, "format": "csv"},
    )
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    home = next(row for row in rows if row["kind"] == "region" and row["name"] == world.home.name)
    assert (home["alerts"], home["mtta_minutes"], home["mttr_minutes"]) == ("3", "8.0", "30.0")
    assert home["acknowledged_before_escalation_percent"] == "50"
    assert {row["name"] for row in rows if row["kind"] == "responder"} == {"responder", "backup"}


def test_a_period_outside_the_alerts_shows_none_and_bad_periods_are_refused(world, history):
    client = page(world.users["coordinator"])
    old = client.get("/alerts/insights/", {"start": "2020-01-01", "end": "2020-01-31"})
    home = old.context["figures"].regions[0]
    assert (home.alerts, home.mtta) == (0, None)
    for period in (
        {"start": "2026-02-01", "end": "2026-01-01"},
        {"start": "2020-01-01", "end": "2026-01-01"},
        {"start": "not a date", "end": "2026-01-01"},
    ):
        refused = client.get("/alerts/insights/", period)
        assert refused.status_code == 200
        assert refused.context["figures"] is None
        assert "not a date" not in refused.content.decode()


@pytest.mark.parametrize("persona", ["responder", "mdt_member", "reporter", "no_role"])
def test_only_coordinators_and_state_admins_see_insights(world, persona):
    assert page(world.users[persona]).get("/alerts/insights/").status_code == 403


def test_uncovered_hours_count_only_from_when_the_schedule_was_set_up(world, history):
    from notifications.schedules import services as schedules

    schedules.rotation_create(
        actor=world.users["coordinator"],
        region=world.home,
        members=[world.users["responder"]],
        name="Weekdays",
        handoff_time=datetime.time(8, 0),
        starts_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    answer = page(world.users["coordinator"]).get("/alerts/insights/")
    home = answer.context["figures"].regions[0]
    # Before the rotation existed the primary contact was on duty: not a gap.
    assert home.uncovered_hours is not None
    assert home.uncovered_hours < 0.1


def test_the_api_gives_the_same_figures_and_refuses_bad_periods(api, world, history):
    answer = api("coordinator").get("/api/v1/alert-insights/")
    assert answer.status_code == 200
    assert_matches_schema(answer, method="GET", path="/api/v1/alert-insights/")
    home = answer.json()["regions"][0]
    assert home["name"] == world.home.name
    assert home["alerts"] == 3
    assert home["by_severity"] == {"info": 0, "urgent": 2, "critical": 1}
    assert (home["mtta_minutes"], home["mttr_minutes"]) == (8.0, 30.0)
    assert home["acknowledged_before_escalation_percent"] == 50
    assert {row["name"] for row in answer.json()["responders"]} == {"responder", "backup"}
    for period in (
        {"start": "2026-02-01", "end": "2026-01-01"},
        {"start": "2020-01-01", "end": "2026-01-01"},
        {"start": "not a date"},
    ):
        refused = api("coordinator").get("/api/v1/alert-insights/", period)
        assert refused.status_code == 400
        assert "not a date" not in refused.content.decode()
    assert api("responder").get("/api/v1/alert-insights/").status_code == 403
