"""Alert pages: the console, an alert's page, raising an alert (also from a referral), and
the rota with "take over now" — who may use each, and what bad input does."""

import pytest
from django.test import Client

from notifications import services
from notifications.models import Alert, DutyOverride
from tests.mdt.factories import ReferralFactory

SUMMARY = "Youth in immediate danger at a truck stop; LE on the way."


def browser_for(world, persona) -> Client:
    client = Client()
    if world.users[persona] is not None:
        client.force_login(world.users[persona])
    return client


def raise_home(world):
    return services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="urgent", summary=SUMMARY
    )


@pytest.mark.parametrize(
    ("persona", "console", "rota", "raise_form"),
    [
        ("anonymous", 302, 302, 302),
        ("no_role", 200, 403, 403),
        ("state_admin", 200, 200, 200),
        ("coordinator", 200, 200, 200),
        ("coordinator_away", 200, 200, 200),
        ("mdt_member", 200, 403, 200),
        ("responder", 200, 200, 403),
        ("reporter", 200, 403, 403),
    ],
)
def test_who_may_open_the_alert_pages(world, persona, console, rota, raise_form):
    client = browser_for(world, persona)
    assert client.get("/alerts/").status_code == console
    assert client.get("/rota/").status_code == rota
    assert client.get("/alerts/new/").status_code == raise_form


def test_the_console_lists_the_contacts_open_alerts_with_their_buttons(world):
    alert = raise_home(world)
    page = browser_for(world, "responder").get("/alerts/").content.decode()
    assert f'id="alert-{alert.pk}"' in page
    assert SUMMARY in page
    assert f"/alerts/{alert.pk}/acknowledge/" in page
    assert "escalates at" in page
    other = browser_for(world, "coordinator_away").get("/alerts/").content.decode()
    assert SUMMARY not in other


@pytest.mark.parametrize(
    ("persona", "status"),
    [("responder", 200), ("coordinator", 200), ("state_admin", 200), ("mdt_member", 404)],
)
def test_who_may_open_an_alerts_page(world, persona, status):
    alert = raise_home(world)
    assert browser_for(world, persona).get(f"/alerts/{alert.pk}/").status_code == status


def test_the_contact_acknowledges_and_resolves_from_the_console(world):
    alert = raise_home(world)
    client = browser_for(world, "responder")
    response = client.post(f"/alerts/{alert.pk}/acknowledge/", follow=True)
    assert f"Alert {alert.pk} acknowledged." in response.content.decode()
    alert.refresh_from_db()
    assert (alert.status, alert.escalate_at) == ("acknowledged", None)
    page = client.get("/alerts/").content.decode()
    assert f"/alerts/{alert.pk}/acknowledge/" not in page
    assert f"/alerts/{alert.pk}/resolve/" in page
    client.post(f"/alerts/{alert.pk}/resolve/", {"back": "detail"})
    alert.refresh_from_db()
    assert alert.status == "resolved"


def test_someone_else_cannot_answer_from_the_page(world):
    alert = raise_home(world)
    assert (
        browser_for(world, "coordinator").post(f"/alerts/{alert.pk}/acknowledge/").status_code
        == 403
    )
    assert (
        browser_for(world, "responder").get(f"/alerts/{alert.pk}/acknowledge/").status_code == 405
    )
    alert.refresh_from_db()
    assert alert.status == "triggered"


def test_raising_from_the_page_and_pii_refused(world):
    client = browser_for(world, "mdt_member")
    bad = client.post(
        "/alerts/new/",
        {"region": world.home.pk, "severity": "critical", "summary": "Call her at 504-555-0199"},
    )
    assert bad.status_code == 200
    assert "phone number" in bad.content.decode()
    assert not Alert.objects.exists()
    away = client.post(
        "/alerts/new/", {"region": world.away.pk, "severity": "critical", "summary": SUMMARY}
    )
    assert away.status_code == 200  # not a region of theirs: not offered, refused
    assert not Alert.objects.exists()
    good = client.post(
        "/alerts/new/", {"region": world.home.pk, "severity": "critical", "summary": SUMMARY}
    )
    alert = Alert.objects.get()
    assert good["Location"] == f"/alerts/{alert.pk}/"
    assert alert.assigned_to == world.users["responder"]


@pytest.mark.parametrize(("persona", "status"), [("mdt_member", 302), ("coordinator", 404)])
def test_raising_an_alert_from_a_referral(world, persona, status):
    referral = ReferralFactory(mdt=world.mdt)
    client = browser_for(world, persona)
    response = client.post(
        f"/referrals/{referral.pk}/alert/", {"severity": "critical", "summary": SUMMARY}
    )
    assert response.status_code == status
    if status == 302:
        alert = Alert.objects.get()
        assert (alert.referral, alert.region) == (referral, world.home)
    else:
        assert not Alert.objects.exists()


def test_taking_over_and_handing_back_from_the_rota_page(world, backup):
    client = browser_for(world, "coordinator")
    prefix = f"region-{world.home.pk}"
    client.post(
        f"/rota/{world.home.pk}/take-over/",
        {f"{prefix}-contact": backup.pk, f"{prefix}-reason": "Primary at court"},
    )
    override = DutyOverride.objects.get()
    assert (override.contact, override.started_by) == (backup, world.users["coordinator"])
    page = client.get("/rota/").content.decode()
    assert "backup took over" in page
    client.post(f"/rota/{world.home.pk}/hand-back/")
    override.refresh_from_db()
    assert override.ended_at is not None


def test_a_contact_takes_over_only_for_themselves_from_the_page(world, backup):
    client = Client()
    client.force_login(backup)
    prefix = f"region-{world.home.pk}"
    response = client.post(
        f"/rota/{world.home.pk}/take-over/", {f"{prefix}-contact": world.users["responder"].pk}
    )
    assert response.status_code == 302
    # The contact field is not theirs to set: they go on duty themselves.
    assert DutyOverride.objects.get().contact == backup
    assert (
        browser_for(world, "coordinator_away").post(f"/rota/{world.home.pk}/take-over/").status_code
        == 404
    )


def test_coordinators_are_warned_on_every_page_and_others_are_not(world):
    page = browser_for(world, "coordinator").get("/alerts/").content.decode()
    assert "Rapid response: 1 warning" in page
    assert "no open alert console" in page
    assert "Rapid response:" not in browser_for(world, "responder").get("/alerts/").content.decode()
    admin_page = browser_for(world, "state_admin").get("/alerts/").content.decode()
    assert "Rapid response: 2 warnings" in admin_page  # home offline, away without contact


# --- issue 15, finding 6: a referral's case code only to those who may read the referral --
@pytest.fixture
def referral_alert(world):
    referral = ReferralFactory(mdt=world.mdt)
    alert = services.alert_raise(
        actor=world.users["mdt_member"],
        region=world.home,
        severity="urgent",
        summary=SUMMARY,
        referral=referral,
    )
    return referral, alert


@pytest.mark.parametrize(
    ("persona", "sees_code"),
    [
        ("state_admin", True),
        ("mdt_member", True),  # raised it, and reads the MDT's referrals
        ("responder", False),  # the alert is theirs to answer; the referral is not theirs
        ("coordinator", False),  # sees the region's alerts, never referral rows
    ],
)
def test_an_alert_page_shows_the_case_code_only_to_the_referrals_readers(
    world, referral_alert, persona, sees_code
):
    referral, alert = referral_alert
    client = browser_for(world, persona)
    page = client.get(f"/alerts/{alert.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert (referral.case_code in html) == sees_code
    assert "Referral" in html  # everyone who sees the alert learns it concerns one
    if not sees_code:
        assert referral.case_code not in client.get("/alerts/").content.decode()


@pytest.mark.parametrize(("persona", "status"), [("mdt_member", 201), ("coordinator", 400)])
def test_only_a_referrals_readers_may_attach_it_to_an_alert(api, world, persona, status):
    """A coordinator may raise alerts but cannot read referrals: naming one by id is
    refused as if it did not exist, so that it cannot be probed for."""
    referral = ReferralFactory(mdt=world.mdt)
    body = {"region": world.home.pk, "severity": "urgent", "summary": SUMMARY}
    response = api(persona).post("/api/v1/alerts/", {**body, "referral": referral.pk})
    assert response.status_code == status
    if status == 400:
        assert not Alert.objects.exists()
        missing = api(persona).post("/api/v1/alerts/", {**body, "referral": referral.pk + 99})
        assert response.json()["referral"] == [
            message.replace(str(referral.pk + 99), str(referral.pk))
            for message in missing.json()["referral"]
        ]
    else:
        assert Alert.objects.get().referral == referral
