"""The on-duty rota: who answers a region's alerts now, "take over now" and handing back,
the coordinator's warnings, and e-mail to a contact with no console open."""

import datetime

import pytest
from django.utils import timezone

from notifications import services
from notifications.models import Alert, AlertEvent, DutyOverride

SUMMARY = "Youth in immediate danger at a truck stop; LE on the way."


def entry(client, region):
    return client.get(f"/api/v1/rota/{region.pk}/")


def take_over(client, region, **body):
    return client.post(f"/api/v1/rota/{region.pk}/take-over/", body, format="json")


def raise_home(world):
    return services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="urgent", summary=SUMMARY
    )


@pytest.mark.parametrize(
    ("persona", "regions"),
    [
        ("state_admin", {"home", "away"}),
        ("superuser", {"home", "away"}),
        ("coordinator", {"home"}),
        ("coordinator_away", {"away"}),
        ("responder", {"home"}),
        ("mdt_member", set()),
        ("reporter", set()),
        ("no_role", set()),
    ],
)
def test_who_sees_which_regions_rota(api, world, persona, regions):
    response = api(persona).get("/api/v1/rota/")
    assert response.status_code == 200
    slugs = {"Home Region": "home", "Away Region": "away"}
    assert {slugs[row["region_name"]] for row in response.json()} == regions
    detail = entry(api(persona), world.home)
    assert detail.status_code == (200 if "home" in regions else 404)


def test_anonymous_callers_are_refused(api, world):
    assert api("anonymous").get("/api/v1/rota/").status_code == 401
    assert take_over(api("anonymous"), world.home).status_code == 401


def test_the_entry_says_who_is_on_duty_and_warns_when_nobody_watches(api, world, backup):
    body = entry(api("coordinator"), world.home).json()
    assert body["on_duty"]["username"] == "responder"
    assert body["next_contact"]["username"] == "backup"
    assert (body["primary"]["username"], body["backup"]["username"]) == ("responder", "backup")
    assert body["override"] is None
    assert body["on_duty_connected"] is False
    assert [warning["code"] for warning in body["warnings"]] == ["contact_offline"]

    services.connection_seen(user_id=world.users["responder"].pk, channel_name="specific.test!1")
    body = entry(api("coordinator"), world.home).json()
    assert (body["on_duty_connected"], body["warnings"]) == (True, [])

    away = entry(api("state_admin"), world.away).json()
    assert away["on_duty"] is None
    assert [warning["code"] for warning in away["warnings"]] == ["no_contact"]


def test_a_stale_connection_does_not_count(api, world, settings):
    services.connection_seen(user_id=world.users["responder"].pk, channel_name="specific.test!1")
    from notifications.models import AlertConnection

    beats = datetime.timedelta(seconds=4 * settings.ALERT_SOCKET_BEAT_SECONDS)
    AlertConnection.objects.update(seen_at=timezone.now() - beats)
    assert entry(api("coordinator"), world.home).json()["on_duty_connected"] is False
    assert services.connections_prune() == 1


@pytest.mark.parametrize(
    ("persona", "contact", "status"),
    [
        ("state_admin", "backup", 200),
        ("coordinator", "backup", 200),
        ("coordinator", "coordinator", 200),  # coordinators may cover a shift themselves
        ("coordinator", None, 200),  # no contact named: the caller
        ("responder", None, 200),
        ("responder", "backup", 403),  # contacts take over only for themselves
        ("coordinator_away", "backup", 404),
        ("mdt_member", None, 404),
        ("reporter", None, 404),
        ("no_role", None, 404),
    ],
)
def test_who_may_put_whom_on_duty(api, world, backup, persona, contact, status):
    body = {}
    if contact:
        body["contact"] = (backup if contact == "backup" else world.users[contact]).pk
    response = take_over(api(persona), world.home, **body)
    assert response.status_code == status, response.content
    assert DutyOverride.objects.count() == (status == 200)
    if status == 200:
        expected = contact or persona
        assert response.json()["on_duty"]["username"] == expected


def test_the_backup_takes_over_and_the_relieved_primary_stands_behind(api, world, backup):
    client = api("coordinator")
    body = take_over(client, world.home, contact=backup.pk, reason="Primary at court").json()
    assert body["on_duty"]["username"] == "backup"
    assert body["next_contact"]["username"] == "responder"
    assert body["override"]["reason"] == "Primary at court"
    assert body["override"]["started_by"]["username"] == "coordinator"

    alert = raise_home(world)
    assert alert.assigned_to == backup
    Alert.objects.filter(pk=alert.pk).update(escalate_at=timezone.now())
    services.escalate_due()
    alert.refresh_from_db()
    assert (alert.assigned_to, alert.escalation_level) == (world.users["responder"], 1)


def test_waiting_alerts_follow_the_contact_who_takes_over(api, world, backup):
    waiting = raise_home(world)
    clock = waiting.escalate_at
    assert take_over(api("responder"), world.home).status_code == 200  # no change of person
    assert take_over(api("coordinator"), world.home, contact=backup.pk).status_code == 200
    waiting.refresh_from_db()
    assert waiting.assigned_to == backup
    assert waiting.escalate_at == clock  # the clock keeps running
    assert AlertEvent.objects.filter(alert=waiting, kind="handed_over").count() == 1
    # A new take-over ends the last one: one override in force, two recorded.
    assert DutyOverride.objects.filter(ended_at__isnull=True).count() == 1
    assert api("coordinator").get(f"/api/v1/rota/{world.home.pk}/overrides/").json()[1][
        "ended_by"
    ] == {"id": world.users["coordinator"].pk, "username": "coordinator"}


def test_handing_back_restores_the_rota(api, world, backup):
    assert take_over(api("coordinator"), world.home, contact=backup.pk).status_code == 200
    waiting = raise_home(world)
    assert waiting.assigned_to == backup
    response = api("responder").post(f"/api/v1/rota/{world.home.pk}/hand-back/")
    assert response.status_code == 403  # only the taker or a coordinator hands back
    response = api("coordinator").post(f"/api/v1/rota/{world.home.pk}/hand-back/")
    assert response.status_code == 200
    assert response.json()["on_duty"]["username"] == "responder"
    waiting.refresh_from_db()
    assert waiting.assigned_to == world.users["responder"]
    again = api("coordinator").post(f"/api/v1/rota/{world.home.pk}/hand-back/")
    assert again.status_code == 409


def test_an_override_lapses_at_its_end(api, world, backup):
    ends = (timezone.now() + datetime.timedelta(hours=8)).isoformat()
    assert (
        take_over(api("coordinator"), world.home, contact=backup.pk, ends_at=ends).status_code
        == 200
    )
    DutyOverride.objects.update(
        started_at=timezone.now() - datetime.timedelta(hours=9),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    body = entry(api("coordinator"), world.home).json()
    assert (body["on_duty"]["username"], body["override"]) == ("responder", None)
    assert raise_home(world).assigned_to == world.users["responder"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"contact": "mdt_member"}, "contact"),  # not a contact or coordinator of the region
        ({"ends_at": "2020-01-01T00:00:00Z"}, "ends_at"),
        ({"reason": "Call me at 504-555-0199"}, "reason"),
        ({"duty": "primary"}, "non_field_errors"),
        ({"contact": 999999}, "contact"),
    ],
)
def test_bad_take_over_input_is_refused_and_changes_nothing(api, world, body, field):
    if body.get("contact") == "mdt_member":
        body = {"contact": world.users["mdt_member"].pk}
    response = take_over(api("coordinator"), world.home, **body)
    assert response.status_code == 400
    assert field in response.json()
    assert not DutyOverride.objects.exists()


def test_an_offline_contact_gets_an_email_with_a_link_not_the_case(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alert = raise_home(world)
    [mail] = mailoutbox
    assert mail.to == ["responder@agency.example"]
    assert f"/alerts/{alert.pk}/" in mail.body
    assert SUMMARY not in mail.body
    assert SUMMARY not in mail.subject
    assert "Home Region" in mail.subject


def test_a_contact_with_a_console_open_gets_no_email(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    services.connection_seen(user_id=world.users["responder"].pk, channel_name="specific.test!1")
    with django_capture_on_commit_callbacks(execute=True):
        raise_home(world)
    assert mailoutbox == []


def test_escalation_to_the_state_admins_emails_each_of_them(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.alert_raise(
            actor=world.users["coordinator_away"],
            region=world.away,
            severity="critical",
            summary=SUMMARY,
        )
    assert sorted(address for mail in mailoutbox for address in mail.to) == [
        "state_admin@agency.example",
        "superuser@agency.example",
    ]
