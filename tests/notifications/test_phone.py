"""Issue 18, SMS and voice through Twilio's SDK: requests held to Twilio's documented shape
against a local stand-in; a signed reply or key press acknowledges, a forged one is refused;
a failed text moves on to the call; delivery statuses are stored per notification; without
credentials the channel is off and the page says so."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from twilio.request_validator import RequestValidator

from notifications import services
from notifications.models import AlertNotification, ContactPhone
from notifications.phone import services as phone_services
from notifications.rules import services as rules
from tests.notifications.twilio_stand_in import ACCOUNT_SID, AUTH_TOKEN, TwilioStandIn
from tests.openapi import assert_matches_schema
from tests.racing import race

pytestmark = pytest.mark.django_db(transaction=True)
SITE = "https://lantern.example.gov"
FROM = "+15045550100"
CONTACT = "+15045550123"


@pytest.fixture
def twilio(settings):
    settings.TWILIO_ACCOUNT_SID = ACCOUNT_SID
    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.TWILIO_FROM_NUMBER = FROM
    settings.SITE_URL = SITE
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    with TwilioStandIn() as stand_in:
        settings.TWILIO_API_BASE = stand_in.url
        yield stand_in


@pytest.fixture
def phone(world):
    return ContactPhone.objects.create(user=world.users["responder"], number=CONTACT)


def raise_one(world, summary="Youth at the truck stop asked a clerk for help"):
    return services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="critical", summary=summary
    )


def signed_post(path: str, form: dict, *, signature: str | None = None):
    url = SITE + path
    signature = signature or RequestValidator(AUTH_TOKEN).compute_signature(url, form)
    return Client().post(path, form, HTTP_X_TWILIO_SIGNATURE=signature)


def test_a_raised_alert_is_texted_in_twilios_documented_shape(world, twilio, phone):
    alert = raise_one(world)
    (request,) = twilio.requests
    assert request.kind == "Messages"
    assert request.auth == (ACCOUNT_SID, AUTH_TOKEN)
    assert request.form["To"] == CONTACT
    assert request.form["From"] == FROM
    assert request.form["Body"] == (
        f"Lantern: Critical alert for {world.home.name}: Youth at the truck stop asked a clerk "
        f"for help Reply 1 to acknowledge. {SITE}/alerts/{alert.pk}/"
    )
    assert request.form["StatusCallback"] == f"{SITE}/twilio/status/"
    sent = AlertNotification.objects.get(channel="sms")
    assert (sent.user, sent.status, sent.provider_id[:2]) == (
        world.users["responder"],
        "sent",
        "SM",
    )


def test_the_call_step_reads_the_alert_and_offers_press_1(world, twilio, phone):
    alert = raise_one(world)
    assert phone_services.call_alert(alert_id=alert.pk, user_id=phone.user_id)
    call = twilio.requests[-1]
    assert call.kind == "Calls"
    assert (call.form["To"], call.form["From"]) == (CONTACT, FROM)
    twiml = call.form["Twiml"]
    assert "<Gather" in twiml
    assert 'numDigits="1"' in twiml
    assert f"Critical alert for {world.home.name}" in twiml
    assert "Press 1 to acknowledge." in twiml
    assert f'action="{SITE}/twilio/voice/?token=' in twiml
    # Acknowledged meanwhile: the step calls nobody.
    services.alert_transition(actor=phone.user, alert=alert, transition="acknowledge")
    assert not phone_services.call_alert(alert_id=alert.pk, user_id=phone.user_id)


def test_a_failed_text_moves_on_to_the_call(world, twilio, phone):
    twilio.fail.add("Messages")
    raise_one(world)
    assert [request.kind for request in twilio.requests] == ["Messages"]
    assert rules.steps_due() == 1  # the call step, brought forward to now
    kinds = [request.kind for request in twilio.requests]
    assert kinds == ["Messages", "Calls"]
    outcomes = list(AlertNotification.objects.values_list("channel", "status"))
    assert outcomes == [("sms", "failed"), ("voice", "sent")]


def test_a_signed_reply_acknowledges_and_a_forged_one_is_refused(world, twilio, phone):
    alert = raise_one(world)
    form = {"From": CONTACT, "To": FROM, "Body": "1", "MessageSid": "SM" + "1" * 32}
    forged = signed_post("/twilio/sms/", form, signature="bm90IGEgc2lnbmF0dXJl")
    assert forged.status_code == 403
    tampered = signed_post("/twilio/sms/", {**form, "From": "+15045559999"})
    assert tampered.status_code == 200  # validly signed, but no contact has that number
    alert.refresh_from_db()
    assert alert.status == "triggered"
    answer = signed_post("/twilio/sms/", form)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/xml"
    assert f"Alert {alert.pk} acknowledged" in answer.content.decode()
    alert.refresh_from_db()
    assert (alert.status, alert.acknowledged_by) == ("acknowledged", world.users["responder"])


def test_a_request_signed_for_another_host_is_refused(world, twilio, phone):
    raise_one(world)
    form = {"From": CONTACT, "Body": "1"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        "https://evil.example/twilio/sms/", form
    )
    answer = Client().post(
        "/twilio/sms/", form, HTTP_X_TWILIO_SIGNATURE=signature, HTTP_HOST="evil.example"
    )
    assert answer.status_code in (400, 403)


def test_pressing_1_in_the_call_acknowledges(world, twilio, phone):
    alert = raise_one(world)
    phone_services.call_alert(alert_id=alert.pk, user_id=phone.user_id)
    twiml = twilio.requests[-1].form["Twiml"]
    action = twiml.split('action="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    path = action[len(SITE) :]
    form = {"Digits": "1", "To": CONTACT, "CallSid": "CA" + "2" * 32}
    assert signed_post(path, {**form, "Digits": "1"}, signature="AAAA").status_code == 403
    answer = signed_post(path, form)
    assert answer.status_code == 200
    assert f"Alert {alert.pk} acknowledged" in answer.content.decode()
    alert.refresh_from_db()
    assert alert.status == "acknowledged"


def test_delivery_statuses_are_stored_and_an_undelivered_text_brings_the_call(world, twilio, phone):
    raise_one(world)
    sent = AlertNotification.objects.get(channel="sms")
    for status in ("sent", "delivered"):
        form = {"MessageSid": sent.provider_id, "MessageStatus": status}
        assert signed_post("/twilio/status/", form).status_code == 204
        sent.refresh_from_db()
        assert sent.provider_status == status
    assert (
        signed_post(
            "/twilio/status/", {"MessageSid": sent.provider_id, "MessageStatus": "undelivered"}
        ).status_code
        == 204
    )
    assert rules.steps_due() == 1  # the call, brought forward by the undelivered text
    assert [request.kind for request in twilio.requests] == ["Messages", "Calls"]
    call = AlertNotification.objects.get(channel="voice")
    assert (
        signed_post(
            "/twilio/status/", {"CallSid": call.provider_id, "CallStatus": "no-answer"}
        ).status_code
        == 204
    )
    call.refresh_from_db()
    assert call.provider_status == "no-answer"
    unsigned = Client().post(
        "/twilio/status/", {"MessageSid": sent.provider_id, "MessageStatus": "x"}
    )
    assert unsigned.status_code == 403


def test_without_credentials_the_channel_is_off_and_the_page_says_so(world, settings, phone):
    settings.TWILIO_ACCOUNT_SID = ""
    raise_one(world)
    assert not AlertNotification.objects.filter(channel__in=["sms", "voice"]).exists()
    client = Client()
    client.force_login(world.users["responder"])
    page = client.get("/alerts/settings/").content.decode()
    assert "Text messages and voice calls are off on this server" in page
    # And webhooks are refused: there is no token to check a signature with.
    assert Client().post("/twilio/sms/", {"From": CONTACT, "Body": "1"}).status_code == 403


def test_by_default_the_call_comes_two_minutes_after_the_text_if_still_waiting(
    world, twilio, phone
):
    raise_one(world)
    raised = timezone.now()
    assert rules.steps_due(now=raised + datetime.timedelta(minutes=1)) == 0
    assert rules.steps_due(now=raised + datetime.timedelta(minutes=3)) == 1
    assert [request.kind for request in twilio.requests] == ["Messages", "Calls"]
    assert rules.steps_due(now=raised + datetime.timedelta(minutes=10)) == 0  # once only
    other = raise_one(world, "Second youth seen with the same adult")
    services.alert_transition(actor=phone.user, alert=other, transition="acknowledge")
    assert rules.steps_due(now=timezone.now() + datetime.timedelta(minutes=3)) == 1
    assert [request.kind for request in twilio.requests].count("Calls") == 1  # not called


# --- a person's own notification rules -----------------------------------------------------------
def test_a_contact_sets_their_steps_and_deliveries_follow_them(world, twilio, phone):
    client = Client()
    client.force_login(phone.user)
    form = {"channel_1": "sms", "minutes_1": "1", "channel_2": "voice", "minutes_2": "3"}
    assert client.post("/alerts/settings/rules/", form).status_code == 302
    page = client.get("/alerts/settings/").content.decode()
    assert 'value="sms" selected' in page
    raise_one(world)
    assert twilio.requests == []  # nothing at once: the first step is a minute later
    now = timezone.now()
    assert rules.steps_due(now=now + datetime.timedelta(seconds=70)) == 1
    assert [request.kind for request in twilio.requests] == ["Messages"]
    assert rules.steps_due(now=now + datetime.timedelta(minutes=4)) == 1
    assert [request.kind for request in twilio.requests] == ["Messages", "Calls"]


def test_bad_steps_are_refused(world, settings, phone):
    client = Client()
    client.force_login(world.users["coordinator"])  # no phone entered
    refused = client.post(
        "/alerts/settings/rules/", {"channel_1": "voice", "minutes_1": "0"}, follow=True
    )
    assert "Enter your work phone first" in refused.content.decode()
    for form in ({"channel_1": "sms", "minutes_1": "90"}, {"channel_1": "carrier-pigeon"}, {}):
        answer = Client()
        answer.force_login(phone.user)
        answer.post("/alerts/settings/rules/", form)
    assert not rules.NotificationRule.objects.exists()
    reporter = Client()
    reporter.force_login(world.users["reporter"])
    assert reporter.post("/alerts/settings/rules/", {"channel_1": "push"}).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_run_each_step_once(world, twilio, phone):
    for n in range(4):
        raise_one(world, f"Alert {n}")
    rules.NotificationStep.objects.update(due_at=timezone.now() - datetime.timedelta(seconds=1))
    counts = race(rules.steps_due)
    assert sum(counts) == 4
    assert [request.kind for request in twilio.requests].count("Calls") == 4


def test_steps_done_a_day_ago_are_forgotten_and_the_rest_kept(world, twilio, phone):
    raise_one(world)
    steps = rules.NotificationStep.objects
    later = timezone.now() + datetime.timedelta(hours=1)
    assert rules.steps_due(now=later) == steps.count() > 0
    assert rules.steps_prune(now=later + datetime.timedelta(hours=23)) == 0
    raise_one(world, "A second alert, its steps not run yet")
    waiting = steps.filter(done_at__isnull=True).count()
    assert waiting > 0
    assert rules.steps_prune(now=later + datetime.timedelta(hours=25)) > 0
    assert steps.count() == waiting


def test_the_default_steps_text_and_call_only_those_with_a_phone_when_twilio_is_on(
    world, settings, phone
):
    settings.TWILIO_ACCOUNT_SID = ""
    assert [c for c, _ in rules.rules_for([phone.user_id])[phone.user_id]] == ["push", "email"]
    settings.TWILIO_ACCOUNT_SID = "AC" + "0" * 32
    settings.TWILIO_AUTH_TOKEN = "token"
    settings.TWILIO_FROM_NUMBER = FROM
    coordinator = world.users["coordinator"]  # no phone entered
    found = rules.rules_for([phone.user_id, coordinator.pk])
    assert [c for c, _ in found[phone.user_id]] == ["push", "email", "sms", "voice"]
    assert [c for c, _ in found[coordinator.pk]] == ["push", "email"]


def test_the_api_reads_and_changes_ones_own_alert_settings(api, world, settings):
    settings.TWILIO_ACCOUNT_SID = "AC" + "0" * 32
    settings.TWILIO_AUTH_TOKEN = "token"
    settings.TWILIO_FROM_NUMBER = FROM
    contact = api("responder")
    read = contact.get("/api/v1/alert-settings/")
    assert read.status_code == 200
    assert read.json()["rules_are_default"] is True
    assert read.json()["phone_channel_on"] is True
    assert_matches_schema(read, method="GET", path="/api/v1/alert-settings/")
    # A text step before a phone is entered is refused, and nothing is stored.
    text_first = {"rules": [{"channel": "sms", "delay_minutes": 0}]}
    refused = contact.patch("/api/v1/alert-settings/", text_first, format="json")
    assert refused.status_code == 400
    assert "Enter your work phone first" in str(refused.json())
    both = {**text_first, "phone": "504-555-0123", "email": "casey@agency.example"}
    saved = contact.patch("/api/v1/alert-settings/", both, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["phone"] == "+15045550123"
    assert saved.json()["email"] == "casey@agency.example"
    assert saved.json()["rules"] == [{"channel": "sms", "delay_minutes": 0}]
    assert saved.json()["rules_are_default"] is False
    assert_matches_schema(saved, method="PATCH", path="/api/v1/alert-settings/")
    bad_phone = contact.patch("/api/v1/alert-settings/", {"phone": "555-CALL-NOW"}, format="json")
    assert bad_phone.status_code == 400
    assert "CALL-NOW" not in bad_phone.content.decode()  # a refused value is never echoed
    too_many = {"rules": [{"channel": "push", "delay_minutes": 0}] * 7}
    assert contact.patch("/api/v1/alert-settings/", too_many, format="json").status_code == 400
    assert (
        api("mdt_member").patch("/api/v1/alert-settings/", "junk", format="json").status_code == 403
    )
