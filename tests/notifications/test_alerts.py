"""Alerts: who raises them, who answers them, and escalation driven by the database clock."""

import datetime

import pytest
from django.utils import timezone

from notifications import services
from notifications.models import Alert, AlertEvent
from tests.openapi import assert_matches_schema
from tests.racing import race


def raise_alert(client, world, **extra):
    body = {
        "region": world.home.pk,
        "severity": "urgent",
        "summary": "Youth in immediate danger at a truck stop; LE on the way.",
    }
    body.update(extra)
    return client.post("/api/v1/alerts/", body, format="json")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("state_admin", 201),
        ("coordinator", 201),
        ("mdt_member", 201),  # an MDT of the home region
        ("coordinator_away", 400),  # the home region is not one they can name
        ("responder", 403),
        ("reporter", 403),
        ("no_role", 403),
    ],
)
def test_who_may_raise_an_alert(api, world, persona, status):
    response = raise_alert(api(persona), world)
    assert response.status_code == status
    assert Alert.objects.count() == (status == 201)


def test_a_new_alert_goes_to_the_primary_with_its_escalation_clock(api, world):
    before = timezone.now()
    body = raise_alert(api("coordinator"), world).json()
    alert = Alert.objects.get(pk=body["id"])
    assert alert.assigned_to == world.users["responder"]
    assert body["assigned_to"] == "responder"
    assert alert.escalation_level == 0
    assert (
        before + datetime.timedelta(minutes=5)
        <= alert.escalate_at
        <= timezone.now() + datetime.timedelta(minutes=5)
    )
    assert list(alert.events.values_list("kind", flat=True)) == ["raised"]


def test_pii_in_the_summary_is_refused_and_nothing_is_stored(api, world):
    response = raise_alert(api("coordinator"), world, summary="Call her at 504-555-0110 now")
    assert response.status_code == 400
    assert "a phone number" in response.json()["summary"][0]
    assert not Alert.objects.exists()


def test_only_the_assignee_answers(api, world, backup):
    alert_id = raise_alert(api("coordinator"), world).json()["id"]
    url = f"/api/v1/alerts/{alert_id}"
    assert api("mdt_member").post(f"{url}/acknowledge/").status_code == 404  # not theirs to see
    assert api("coordinator").post(f"{url}/acknowledge/").status_code == 403  # sees it, not theirs
    assert api("responder").post(f"{url}/acknowledge/").json()["status"] == "acknowledged"
    assert api("responder").post(f"{url}/acknowledge/").status_code == 409
    assert api("responder").post(f"{url}/resolve/").json()["status"] == "resolved"


def _make_due(alert):
    Alert.objects.filter(pk=alert.pk).update(
        escalate_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_unacknowledged_alerts_escalate_to_the_backup_then_the_state_admins(api, world, backup):
    alert = Alert.objects.get(pk=raise_alert(api("coordinator"), world).json()["id"])
    assert services.escalate_due() == 0  # not due yet
    _make_due(alert)
    assert services.escalate_due() == 1
    alert.refresh_from_db()
    assert (alert.assigned_to, alert.escalation_level) == (backup, 1)
    _make_due(alert)
    assert services.escalate_due() == 1
    alert.refresh_from_db()
    assert (alert.assigned_to, alert.escalation_level, alert.escalate_at) == (None, 2, None)
    assert api("state_admin").post(f"/api/v1/alerts/{alert.pk}/acknowledge/").status_code == 200
    assert [e.kind for e in alert.events.all()] == [
        "raised",
        "escalated",
        "escalated",
        "acknowledged",
    ]


def test_an_acknowledged_alert_never_escalates(api, world, backup):
    alert = Alert.objects.get(pk=raise_alert(api("coordinator"), world).json()["id"])
    api("responder").post(f"/api/v1/alerts/{alert.pk}/acknowledge/")
    alert.refresh_from_db()
    assert alert.escalate_at is None  # its clock stopped (the region sets no timeout)
    assert services.escalate_due(now=timezone.now() + datetime.timedelta(days=1)) == 0
    alert.refresh_from_db()
    assert alert.assigned_to == world.users["responder"]


def test_a_region_without_contacts_goes_straight_to_the_state_admins(api, world):
    raised = raise_alert(api("coordinator_away"), world, region=world.away.pk)
    alert = Alert.objects.get(pk=raised.json()["id"])
    assert (alert.assigned_to, alert.escalation_level) == (None, 2)
    # The schema says so too: `assigned_to` is null (it said text).
    assert raised.json()["assigned_to"] is None
    assert_matches_schema(raised, method="POST", path="/api/v1/alerts/")


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_escalate_each_alert_exactly_once(world, backup):
    alerts = [
        services.alert_raise(
            actor=world.users["coordinator"],
            region=world.home,
            severity="critical",
            summary=f"Alert {n}",
        )
        for n in range(6)
    ]
    Alert.objects.update(escalate_at=timezone.now() - datetime.timedelta(seconds=1))
    counts = race(services.escalate_due)
    assert sum(counts) == len(alerts)
    assert AlertEvent.objects.filter(kind="escalated").count() == len(alerts)
    assert set(Alert.objects.values_list("escalation_level", flat=True)) == {1}


def test_the_worker_command_runs_one_pass(api, world, backup):
    from io import StringIO

    from django.core.management import call_command

    alert = Alert.objects.get(pk=raise_alert(api("coordinator"), world).json()["id"])
    _make_due(alert)
    out = StringIO()
    call_command("run_escalations", "--once", stdout=out)
    assert "escalated 1 alert(s)" in out.getvalue()
    alert.refresh_from_db()
    assert alert.assigned_to == backup


def test_the_worker_sleeps_until_the_next_alert_falls_due(api, world, backup):
    from notifications.management.commands.run_escalations import Command

    assert Command._pause(5.0) == 5.0  # nothing waiting: the full interval
    alert = Alert.objects.get(pk=raise_alert(api("coordinator"), world).json()["id"])
    Alert.objects.filter(pk=alert.pk).update(
        escalate_at=timezone.now() + datetime.timedelta(seconds=2)
    )
    assert 1.0 < Command._pause(5.0) <= 2.0
    Alert.objects.filter(pk=alert.pk).update(
        escalate_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert Command._pause(5.0) == 0.0  # overdue: look again at once
