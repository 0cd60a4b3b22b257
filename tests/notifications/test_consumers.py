"""`/ws/alerts/`: sign-in, replay on connect, live push, acks, isolation, two devices."""

from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from config.asgi import application
from coordination.people.services import api_token_issue, socket_ticket_issue
from notifications import services
from notifications.models import Alert, AlertConnection
from tests.websocket import ORIGIN, WebsocketClient, session_headers

pytestmark = pytest.mark.django_db(transaction=True)


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


def test_api_clients_sign_in_with_a_ticket_or_a_token_header_and_bad_ones_are_refused(world):
    token = api_token_issue(actor=world.users["responder"]).key
    header = (b"authorization", f"Token {token}".encode())
    ticket = socket_ticket_issue(actor=world.users["responder"])

    async def scenario():
        for good in (socket([ORIGIN], f"?ticket={ticket}"), socket([ORIGIN, header])):
            try:
                assert (await good.connect())[0]
            finally:
                await good.disconnect()
        assert await socket([ORIGIN], f"?ticket={ticket}").connect() == (False, 4401)  # spent
        assert await socket([ORIGIN], f"?token={token}").connect() == (False, 4401)  # a URL
        bad = (b"authorization", b"Token " + b"0" * 64)
        assert await socket([ORIGIN, bad]).connect() == (False, 4401)
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


def test_an_open_socket_counts_as_present_until_it_closes(world):
    responder = world.users["responder"]
    headers = session_headers(responder)

    async def scenario():
        contact = socket(headers)
        assert (await contact.connect())[0]
        present = await database_sync_to_async(
            lambda: AlertConnection.objects.filter(user=responder).count()
        )()
        await contact.disconnect()
        return present

    assert async_to_sync(scenario)() == 1
    assert not AlertConnection.objects.exists()


def test_the_heartbeat_catches_up_on_a_lost_push_and_never_sends_twice(world, settings):
    """A push lost on the way (Redis down, group forgotten) reaches the socket at its next
    beat, from the database; an alert that came both ways is shown once."""
    settings.ALERT_SOCKET_BEAT_SECONDS = 0.1
    headers = session_headers(world.users["responder"])

    def raise_without_push():
        with mock.patch("notifications.services.push_all_after_commit"):
            return raise_one(world, "Pushed nowhere")

    async def scenario():
        contact = socket(headers)
        try:
            assert (await contact.connect())[0]
            lost = await database_sync_to_async(raise_without_push)()
            caught_up = await contact.receive_json_from(timeout=3)
            assert caught_up["alert"]["id"] == lost.pk
            both_ways = await database_sync_to_async(raise_one)(world, "Pushed and caught up")
            assert (await contact.receive_json_from(timeout=3))["alert"]["id"] == both_ways.pk
            assert await contact.receive_nothing(timeout=0.5)  # five beats, nothing again
            # Acknowledged elsewhere while its push was lost: the beat clears it here too.
            await database_sync_to_async(
                lambda: Alert.objects.filter(pk=lost.pk).update(status="acknowledged")
            )()
            cleared = await contact.receive_json_from(timeout=3)
            assert cleared == {"type": "alert.cleared", "id": lost.pk, "status": "acknowledged"}
        finally:
            await contact.disconnect()

    async_to_sync(scenario)()


def test_state_admins_receive_alerts_escalated_to_all_of_them(world):
    headers = session_headers(world.users["state_admin"])

    async def scenario():
        admin = socket(headers)
        try:
            assert (await admin.connect())[0]
            alert = await database_sync_to_async(services.alert_raise)(
                actor=world.users["coordinator_away"],
                region=world.away,
                severity="critical",
                summary="No contact in this region",
            )
            event = await admin.receive_json_from()
            assert (event["alert"]["id"], event["alert"]["escalation_level"]) == (alert.pk, 2)
        finally:
            await admin.disconnect()

    async_to_sync(scenario)()
