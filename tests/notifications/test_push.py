"""Issue 18, Web Push: the whole send path against a local push service whose device decrypts
each push (RFC 8291) and checks its VAPID signature (RFC 8292); dead subscriptions pruned;
the notification's acknowledge button; devices subscribed, listed and removed on the page
and the API; the person's own e-mail and phone; push off without a key."""

import json
import time

import http_ece
import pytest
from django.core import signing
from django.test import Client
from rest_framework.test import APIClient

from notifications import services
from notifications.models import AlertNotification, ContactPhone, PushSubscription
from notifications.push import services as push_services
from notifications.push import vapid
from tests.notifications.push_service import PushService, vapid_claims

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def push_on(settings):
    settings.WEB_PUSH_VAPID_PRIVATE_KEY = vapid.new_private_key()
    settings.WEB_PUSH_INSECURE_HOSTS = ["127.0.0.1"]
    settings.WEB_PUSH_CONTACT = "mailto:oncall@lantern.example"
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    return settings


@pytest.fixture
def service(push_on):
    with PushService() as running:
        yield running


def page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def raise_one(world, summary="Youth in danger at a motel; LE en route"):
    return services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="critical", summary=summary
    )


def subscribe(user, device, label="Test phone") -> PushSubscription:
    return push_services.push_subscribe(
        actor=user, endpoint=device.endpoint, label=label, **device.keys
    )


# --- the send path ------------------------------------------------------------------------------
def test_a_raised_alert_reaches_the_contacts_phone_encrypted_and_signed(world, service):
    responder = world.users["responder"]
    phone = service.device("casey-phone")
    subscribe(responder, phone)
    alert = raise_one(world)

    (push,) = service.wait_for(1)
    assert push.path == "/push/casey-phone"
    claims = vapid_claims(push, vapid.public_key())
    assert claims["aud"] == service.url
    assert claims["sub"] == "mailto:oncall@lantern.example"
    assert time.time() < claims["exp"] <= time.time() + 24 * 3600
    assert push.headers["urgency"] == "high"
    assert (
        world.home.escalation_minutes * 60 - 30
        <= int(push.headers["ttl"])
        <= world.home.escalation_minutes * 60
    )  # until the step moves on
    payload = phone.decrypt(push)
    assert payload["type"] == "alert"
    assert payload["id"] == alert.pk
    assert payload["title"] == f"Critical alert — {world.home.name}"
    assert payload["body"] == "Youth in danger at a motel; LE en route"
    assert payload["url"] == f"/alerts/{alert.pk}/"
    assert payload["acknowledge"]["url"] == "/alerts/push-acknowledge/"
    # Nothing else is in it: no user names, no referral.
    assert set(payload) == {"type", "id", "severity", "title", "body", "url", "acknowledge"}
    sent = AlertNotification.objects.get()
    assert (sent.alert_id, sent.user_id, sent.channel, sent.status) == (
        alert.pk,
        responder.pk,
        "push",
        "sent",
    )
    assert PushSubscription.objects.get().last_sent_at is not None


def test_only_the_recipients_devices_are_pushed_and_each_device_gets_its_own_encryption(
    world, service
):
    responder = world.users["responder"]
    phone, laptop = service.device("phone"), service.device("laptop")
    subscribe(responder, phone)
    subscribe(responder, laptop, "Laptop")
    subscribe(world.users["coordinator"], service.device("coordinator"))
    raise_one(world)
    pushes = service.wait_for(2)
    time.sleep(0.3)
    assert sorted(push.path for push in service.received) == ["/push/laptop", "/push/phone"]
    by_path = {push.path: push for push in pushes}
    assert phone.decrypt(by_path["/push/phone"])["type"] == "alert"
    assert laptop.decrypt(by_path["/push/laptop"])["type"] == "alert"
    with pytest.raises(http_ece.ECEException):  # the other device's keys cannot read it
        phone.decrypt(by_path["/push/laptop"])


def test_an_escalated_alert_is_pushed_to_the_next_level(world, service, backup):
    import datetime

    from django.utils import timezone

    subscribe(backup, service.device("backup"))
    alert = raise_one(world)
    assert services.escalate_due(now=timezone.now() + datetime.timedelta(hours=1)) == 1
    (push,) = service.wait_for(1)
    assert push.path == "/push/backup"
    assert service.device("backup").endpoint.endswith(push.path)
    alert.refresh_from_db()
    assert alert.assigned_to == backup


def test_acknowledged_elsewhere_the_notification_is_closed_on_the_devices(world, service):
    responder = world.users["responder"]
    phone = service.device("phone")
    subscribe(responder, phone)
    alert = raise_one(world)
    service.wait_for(1)
    services.alert_transition(actor=responder, alert=alert, transition="acknowledge")
    pushes = service.wait_for(2)
    assert phone.decrypt(pushes[1]) == {"type": "cleared", "id": alert.pk, "status": "acknowledged"}


def test_a_subscription_the_push_service_has_dropped_is_pruned(world, service):
    responder = world.users["responder"]
    gone, failing, fine = service.device("gone"), service.device("failing"), service.device("ok")
    for device in (gone, failing, fine):
        subscribe(responder, device, device.endpoint.rsplit("/", 1)[1])
    service.status["/push/gone"] = 410
    service.status["/push/failing"] = 503
    raise_one(world)
    service.wait_for(3)
    assert sorted(PushSubscription.objects.values_list("label", "failures")) == [
        ("failing", 1),
        ("ok", 0),
    ]
    outcomes = dict(AlertNotification.objects.values_list("detail", "status"))
    assert outcomes == {"gone": "gone", "failing": "failed", "ok": "sent"}


def test_a_push_service_out_of_reach_is_a_failed_attempt_and_the_alert_stands(world, push_on):
    responder = world.users["responder"]
    # A port nobody listens on.
    from tests.live import free_port
    from tests.notifications.push_service import Device

    subscribe(responder, Device(f"http://127.0.0.1:{free_port()}/push/x"))
    alert = raise_one(world)
    assert AlertNotification.objects.get().status == "failed"
    alert.refresh_from_db()
    assert alert.status == "triggered"


# --- the acknowledge button -------------------------------------------------------------------
def token_for(service, world) -> tuple:
    phone = service.device("phone")
    subscribe(world.users["responder"], phone)
    alert = raise_one(world)
    (push,) = service.wait_for(1)
    return alert, phone.decrypt(push)["acknowledge"]


def test_the_notifications_acknowledge_button_acknowledges_without_a_session(world, service):
    alert, acknowledge = token_for(service, world)
    client = Client(enforce_csrf_checks=True)  # a service worker: no cookie, no CSRF token
    answer = client.post(acknowledge["url"], {"token": acknowledge["token"]})
    assert answer.status_code == 200
    assert answer.json() == {"id": alert.pk, "status": "acknowledged"}
    alert.refresh_from_db()
    assert (alert.status, alert.acknowledged_by) == ("acknowledged", world.users["responder"])
    again = client.post(acknowledge["url"], {"token": acknowledge["token"]})
    assert again.status_code == 409


def test_a_forged_expired_or_foreign_token_acknowledges_nothing(world, service, backup):
    alert, acknowledge = token_for(service, world)
    client = Client(enforce_csrf_checks=True)
    forged = signing.dumps({"alert": alert.pk, "user": world.users["responder"].pk}, salt="other")
    for token in ["", "x" * 5000, forged, acknowledge["token"][:-2] + "AA"]:
        answer = client.post(acknowledge["url"], {"token": token})
        assert answer.status_code == 403, token[:40]
        assert token[:20] not in answer.content.decode() or not token
    # A token made for someone who may not answer this alert (the backup, before it
    # escalates to them) is refused by the service.
    foreign = push_services.acknowledge_token(alert, backup.pk)
    assert client.post(acknowledge["url"], {"token": foreign}).status_code == 403
    alert.refresh_from_db()
    assert alert.status == "triggered"


def test_a_token_older_than_a_shift_is_refused(world, service, monkeypatch):
    alert, acknowledge = token_for(service, world)
    monkeypatch.setattr(push_services, "ACK_SECONDS", -1)
    answer = Client().post(acknowledge["url"], {"token": acknowledge["token"]})
    assert answer.status_code == 403


# --- devices on the page and the API -------------------------------------------------------------
def test_the_page_subscribes_lists_and_removes_a_device(world, service):
    responder = world.users["responder"]
    client = page_client(responder)
    device = service.device("page")
    answer = client.post(
        "/alerts/settings/devices/",
        json.dumps(device.subscription("Chrome on Android")),
        content_type="application/json",
    )
    assert answer.status_code == 201
    page = client.get("/alerts/settings/").content.decode()
    assert "Chrome on Android" in page
    assert "Send me a test alert" in page
    subscription = PushSubscription.objects.get()
    assert client.post(f"/alerts/settings/devices/{subscription.pk}/remove/").status_code == 302
    assert not PushSubscription.objects.exists()


def test_the_test_alert_reaches_each_device(world, service):
    responder = world.users["responder"]
    phone = service.device("phone")
    subscribe(responder, phone)
    answer = page_client(responder).post("/alerts/settings/test/", follow=True)
    assert "Test alert sent to 1 device." in answer.content.decode()
    (push,) = service.wait_for(1)
    assert phone.decrypt(push)["type"] == "test"


def test_the_api_subscribes_lists_and_removes_own_devices_only(world, service):
    responder, coordinator = world.users["responder"], world.users["coordinator"]
    api = api_client(responder)
    key = api.get("/api/v1/push-devices/key/").json()
    assert key == {"enabled": True, "public_key": vapid.public_key()}
    created = api.post(
        "/api/v1/push-devices/", service.device("app").subscription("Phone app"), format="json"
    )
    assert created.status_code == 201, created.content
    assert "endpoint" not in created.json()
    assert "keys" not in created.json()
    listed = api.get("/api/v1/push-devices/").json()
    assert [device["label"] for device in listed] == ["Phone app"]
    mine = created.json()["id"]
    assert api_client(coordinator).delete(f"/api/v1/push-devices/{mine}/").status_code == 404
    assert api.post("/api/v1/push-devices/test/").json() == {"sent": 1}
    assert api.delete(f"/api/v1/push-devices/{mine}/").status_code == 204


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://10.0.0.5/push/x",  # inside the network, plain HTTP
        "https://10.0.0.5/push/x",
        "https://evil.example/push/x",
        "https://fcm.googleapis.com.evil.example/x",
        "https://user:pass@fcm.googleapis.com/x",
        "https://fcm.googleapis.com:notaport/x",
        "javascript:alert(1)",
        "https://fcm.googleapis.com/" + "x" * 1000,
    ],
)
def test_an_endpoint_outside_the_browsers_push_services_is_refused_and_not_echoed(
    world, push_on, endpoint
):
    api = api_client(world.users["responder"])
    device = PushService().device("x")
    answer = api.post(
        "/api/v1/push-devices/", {**device.subscription(), "endpoint": endpoint}, format="json"
    )
    assert answer.status_code == 400
    assert endpoint not in answer.content.decode()
    assert not PushSubscription.objects.exists()


def test_a_real_push_service_endpoint_is_accepted(world, push_on):
    device = PushService().device("x")
    for endpoint in [
        "https://fcm.googleapis.com/fcm/send/abc:def",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
        "https://web.push.apple.com/QGx",
        "https://wns2-by3p.notify.windows.com/w/?token=AwY",
    ]:
        subscription = push_services.push_subscribe(
            actor=world.users["responder"], endpoint=endpoint, **device.keys
        )
        assert subscription.endpoint == endpoint


def test_bad_keys_and_too_many_devices_are_refused(world, push_on, settings):
    responder = world.users["responder"]
    service = PushService()
    api = api_client(responder)
    good = service.device("good").subscription()
    for keys in [{"p256dh": "AAAA", "auth": good["keys"]["auth"]}, {**good["keys"], "auth": "!!"}]:
        answer = api.post("/api/v1/push-devices/", {**good, "keys": keys}, format="json")
        assert answer.status_code == 400
    settings.WEB_PUSH_DEVICES_PER_PERSON = 2
    for name in ("a", "b"):
        subscribe(responder, service.device(name))
    answer = api.post("/api/v1/push-devices/", good, format="json")
    assert answer.status_code == 400
    assert "remove one first" in answer.content.decode()
    subscribe(responder, service.device("a"))  # the same device again: updated, not refused


def test_someone_given_no_alerts_has_no_devices_and_is_refused_before_the_body_is_read(
    world, push_on
):
    api = api_client(world.users["reporter"])
    assert api.get("/api/v1/push-devices/").status_code == 403
    answer = api.post("/api/v1/push-devices/", "{not json", content_type="application/json")
    assert answer.status_code == 403
    assert page_client(world.users["reporter"]).get("/alerts/settings/").status_code == 403
    assert Client().get("/alerts/settings/").status_code == 302  # to sign in


def test_without_a_key_push_is_off_and_the_page_says_so(world, settings):
    settings.WEB_PUSH_VAPID_PRIVATE_KEY = ""
    settings.DEBUG = False
    responder = world.users["responder"]
    page = page_client(responder).get("/alerts/settings/").content.decode()
    assert "Phone notifications are off on this server" in page
    assert "Turn on notifications on this device" not in page
    api = api_client(responder)
    assert api.get("/api/v1/push-devices/key/").json() == {"enabled": False, "public_key": None}
    device = PushService().device("x")
    answer = api.post("/api/v1/push-devices/", device.subscription(), format="json")
    assert answer.status_code == 409


def test_the_debug_key_is_stable_and_a_real_key_replaces_it(settings):
    settings.WEB_PUSH_VAPID_PRIVATE_KEY = ""
    settings.DEBUG = True
    first = vapid.public_key()
    assert first is not None
    assert vapid.public_key() == first
    settings.WEB_PUSH_VAPID_PRIVATE_KEY = vapid.new_private_key()
    assert vapid.public_key() != first


# --- the person's own e-mail and phone ----------------------------------------------------------
def test_a_contact_sets_their_own_email_and_phone(world):
    responder = world.users["responder"]
    client = page_client(responder)
    answer = client.post(
        "/alerts/settings/", {"email": "casey@lantern.example", "phone": "(504) 555-0123"}
    )
    assert answer.status_code == 302
    responder.refresh_from_db()
    assert responder.email == "casey@lantern.example"
    assert ContactPhone.objects.get(user=responder).number == "+15045550123"
    refused = client.post("/alerts/settings/", {"email": "casey@lantern.example", "phone": "12"})
    assert refused.status_code == 200
    assert "Enter a phone number" in refused.content.decode()
    assert ContactPhone.objects.get(user=responder).number == "+15045550123"
    client.post("/alerts/settings/", {"email": "", "phone": ""})
    assert not ContactPhone.objects.filter(user=responder).exists()


# --- the installable console ---------------------------------------------------------------------
def test_the_manifest_and_the_service_worker_are_served_from_the_root():
    client = Client()
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == "/alerts/"
    assert data["display"] == "standalone"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200
    worker = client.get("/service-worker.js")
    assert worker["Content-Type"].startswith("text/javascript")
    body = b"".join(worker.streaming_content) if worker.streaming else worker.content
    assert b'addEventListener("push"' in body
    assert b'addEventListener("notificationclick"' in body


def test_the_vapid_key_command_prints_a_key_that_signs(settings, capsys):
    from django.core.management import call_command

    call_command("vapid_key")
    key = capsys.readouterr().out.strip()
    settings.WEB_PUSH_VAPID_PRIVATE_KEY = key
    assert vapid.enabled()
    assert len(vapid.public_key()) == 87  # 65 bytes, base64url
