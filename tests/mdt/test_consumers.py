"""The referral page's websocket: its readers hear status changes as they happen; nobody
else can listen."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from config.asgi import application
from mdt import services
from tests.coordination.factories import RoleAssignmentFactory, UserFactory
from tests.mdt.factories import MDTFactory, ReferralFactory
from tests.websocket import WebsocketClient


def cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()


def headers_for(user=None) -> list:
    """Computed before the event loop runs: signing in touches the database."""
    headers = [(b"origin", b"http://127.0.0.1")]
    if user is not None:
        headers.append((b"cookie", cookie_for(user)))
    return headers


def socket(referral, headers) -> WebsocketClient:
    return WebsocketClient(application, f"/ws/referrals/{referral.pk}/", headers=headers)


@pytest.mark.django_db(transaction=True)
def test_two_devices_of_the_case_team_both_hear_a_status_change(world):
    referral = ReferralFactory(mdt=world.mdt)
    member = world.users["mdt_member"]
    headers = headers_for(member)

    async def scenario():
        phone, desk = socket(referral, headers), socket(referral, headers)
        try:
            assert (await phone.connect())[0]
            assert (await desk.connect())[0]
            await database_sync_to_async(services.referral_transition)(
                actor=member, referral=referral, transition="review"
            )
            for device in (phone, desk):
                event = await device.receive_json_from(timeout=5)
                assert event == {
                    "type": "referral.changed",
                    "referral": {
                        "id": referral.pk,
                        "case_code": referral.case_code,
                        "status": "in_review",
                    },
                    "what": "review",
                }
        finally:
            await phone.disconnect()
            await desk.disconnect()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("who", "code"), [("anonymous", 4401), ("away_member", 4404), ("coordinator", 4404)]
)
def test_others_cannot_listen(world, who, code):
    referral = ReferralFactory(mdt=world.mdt)
    if who == "away_member":
        user = UserFactory(username="away_member")
        RoleAssignmentFactory(user=user, role="mdt_member", mdt=MDTFactory(region=world.away))
    else:
        user = world.users[who]
    headers = headers_for(user)

    async def scenario():
        communicator = socket(referral, headers)
        connected, close_code = await communicator.connect()
        assert not connected
        assert close_code == code

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
def test_the_socket_only_listens(world):
    referral = ReferralFactory(mdt=world.mdt)
    headers = headers_for(world.users["mdt_member"])

    async def scenario():
        communicator = socket(referral, headers)
        try:
            assert (await communicator.connect())[0]
            await communicator.send_json_to({"type": "close"})
            assert await communicator.receive_json_from(timeout=5) == {
                "type": "error",
                "code": "read_only",
            }
        finally:
            await communicator.disconnect()

    async_to_sync(scenario)()
    referral.refresh_from_db()
    assert referral.status == "received"
