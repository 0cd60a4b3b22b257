"""`/ws/alerts/`: sign-in, replay on connect, live push, acks, isolation, two devices."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client
from rest_framework.authtoken.models import Token

from config.asgi import application
from notifications import services
from notifications.models import Alert
from tests.websocket import WebsocketClient

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://127.0.0.1")


def session_headers(user) -> list:
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return [ORIGIN, (b"cookie", cookie.encode())]


def socket(headers, query="") -> WebsocketClient:
    return WebsocketClient(application, f"/ws/alerts/{query}", headers=headers)


def raise_one(world, summary="Youth in danger at a motel; LE en route"):
    return services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="critical", summary=summary
    )


def test_on_connect_the_contact_gets_every_unacknowledged_alert_then_new_ones(world):
    first = raise_one(world, "First alert")
    headers = session_headers(world.users["responder"])

    async def scenario():
        contact = socket(headers)
        try:
            assert (await contact.connect())[0]
            replay = await contact.receive_json_from()
            assert replay["type"] == "alert"
            assert replay["alert"]["id"] == first.pk
            second = await database_sync_to_async(raise_one)(world, "Second alert")
            live = await contact.receive_json_from()
            assert (live["type"], live["alert"]["id"]) == ("alert", second.pk)
        finally:
            await contact.disconnect()

    async_to_sync(scenario)()


def test_an_ack_from_one_device_clears_it_on_the_other(world):
    alert = raise_one(world)
    headers = session_headers(world.users["responder"])

    async def scenario():
        phone, desk = socket(headers), socket(headers)
        try:
            for device in (phone, desk):
                assert (await device.connect())[0]
                assert (await device.receive_json_from())["alert"]["id"] == alert.pk
            await phone.send_json_to({"type": "ack", "id": alert.pk})
            for device in (phone, desk):
                assert await device.receive_json_from() == {
                    "type": "alert.cleared",
                    "id": alert.pk,
                    "status": "acknowledged",
                }
        finally:
            await phone.disconnect()
            await desk.disconnect()

    async_to_sync(scenario)()
    alert.refresh_from_db()
    assert alert.status == "acknowledged"


def test_a_user_only_ever_receives_their_own_alerts(world):
    headers = session_headers(world.users["coordinator"])

    async def scenario():
        other = socket(headers)
        try:
            assert (await other.connect())[0]
            alert = await database_sync_to_async(raise_one)(world)
            await other.send_json_to({"type": "ack", "id": alert.pk})
            answer = await other.receive_json_from()
            assert answer == {"type": "error", "code": "not_found", "id": alert.pk}
        finally:
            await other.disconnect()

    async_to_sync(scenario)()
    assert Alert.objects.get().status == "triggered"


def test_api_clients_sign_in_with_a_token_and_bad_tokens_are_refused(world):
    token = Token.objects.create(user=world.users["responder"]).key

    async def scenario():
        good = socket([ORIGIN], f"?token={token}")
        try:
            assert (await good.connect())[0]
        finally:
            await good.disconnect()
        assert await socket([ORIGIN], "?token=wrong").connect() == (False, 4401)
        assert await socket([ORIGIN]).connect() == (False, 4401)

    async_to_sync(scenario)()


@pytest.mark.parametrize(
    "frame",
    [
        "not json",
        '{"type": "ack"}',
        '{"type": "ack", "id": "1"}',
        '["ack", 1]',
        '{"type": "resolve", "id": 1}',
        "x" * 5000,
    ],
)
def test_malformed_and_oversized_frames_are_answered_and_change_nothing(world, frame):
    alert = raise_one(world)
    headers = session_headers(world.users["responder"])

    async def scenario():
        contact = socket(headers)
        try:
            assert (await contact.connect())[0]
            await contact.receive_json_from()  # the replay
            await contact.send_input({"type": "websocket.receive", "text": frame})
            assert await contact.receive_json_from() == {"type": "error", "code": "bad_frame"}
        finally:
            await contact.disconnect()

    async_to_sync(scenario)()
    alert.refresh_from_db()
    assert alert.status == "triggered"
