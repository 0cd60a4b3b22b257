"""The referral page's websocket: its readers hear status changes as they happen; nobody
else can listen."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.conf import settings
from django.test import Client

from config.asgi import application
from mdt import services
from mdt.models import Referral
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


# --- issue 15, finding 2: a socket stops when its user can no longer read the referral ---
async def closed_with(communicator: WebsocketClient) -> int:
    """The close code the server sent first, without any event before it."""
    answer = await communicator.receive_output(timeout=5)
    assert answer["type"] == "websocket.close", f"an event reached the socket: {answer}"
    await communicator.send_input({"type": "websocket.disconnect", "code": answer["code"]})
    await communicator.wait(5)
    return answer["code"]


@pytest.fixture
def away_team(world):
    away_mdt = MDTFactory(name="Away MDT", region=world.away)
    away_member = UserFactory(username="away_member")
    RoleAssignmentFactory(user=away_member, role="mdt_member", mdt=away_mdt)
    return away_mdt, away_member


@pytest.mark.django_db(transaction=True)
def test_after_a_transfer_the_old_teams_socket_closes_and_hears_nothing(world, away_team):
    away_mdt, away_member = away_team
    referral = ReferralFactory(mdt=world.mdt)
    member, admin = world.users["mdt_member"], world.users["state_admin"]
    member_headers, admin_headers = headers_for(member), headers_for(admin)

    async def scenario():
        old_team, admin_page = socket(referral, member_headers), socket(referral, admin_headers)
        try:
            assert (await old_team.connect())[0]
            assert (await admin_page.connect())[0]
            await database_sync_to_async(services.referral_share)(
                actor=member, referral=referral, to_mdt=away_mdt, consent="written", transfer=True
            )
            moved = await database_sync_to_async(Referral.objects.get)(pk=referral.pk)
            await database_sync_to_async(services.referral_transition)(
                actor=away_member, referral=moved, transition="review"
            )
            assert await closed_with(old_team) == 4404
            # Whoever may still read it hears both: the transfer and the new team's review.
            assert (await admin_page.receive_json_from())["what"] == "transfer"
            heard = await admin_page.receive_json_from()
            assert (heard["what"], heard["referral"]["status"]) == ("review", "in_review")
        finally:
            await admin_page.disconnect()

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
def test_a_member_taken_off_the_mdt_stops_hearing_its_referral(world):
    admin = world.users["state_admin"]
    newcomer = UserFactory(username="newcomer")
    membership = services.membership_add(
        actor=admin,
        mdt=world.mdt,
        user=newcomer,
        agency=world.home_agency,
        discipline="health_care",
    )
    referral = ReferralFactory(mdt=world.mdt)
    headers = headers_for(newcomer)

    async def scenario():
        page = socket(referral, headers)
        assert (await page.connect())[0]
        await database_sync_to_async(services.membership_remove)(actor=admin, membership=membership)
        await database_sync_to_async(services.referral_transition)(
            actor=world.users["mdt_member"], referral=referral, transition="review"
        )
        assert await closed_with(page) == 4404

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
def test_a_deactivated_members_socket_closes_as_signed_out(world):
    member = world.users["mdt_member"]
    referral = ReferralFactory(mdt=world.mdt)
    headers = headers_for(member)

    async def scenario():
        page = socket(referral, headers)
        assert (await page.connect())[0]
        member.is_active = False
        await database_sync_to_async(member.save)()
        await database_sync_to_async(services.referral_transition)(
            actor=world.users["state_admin"], referral=referral, transition="review"
        )
        assert await closed_with(page) == 4401

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
def test_signing_out_closes_the_referral_page_socket_at_once(world):
    member = world.users["mdt_member"]
    referral = ReferralFactory(mdt=world.mdt)
    client = Client()
    client.force_login(member)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    headers = [(b"origin", b"http://127.0.0.1"), (b"cookie", cookie.encode())]

    async def scenario():
        page = socket(referral, headers)
        assert (await page.connect())[0]
        response = await database_sync_to_async(client.post)("/accounts/logout/")
        assert response.status_code == 302
        assert await closed_with(page) == 4401
        # And a page opened with that session again is refused as signed out.
        again = socket(referral, headers)
        assert await again.connect() == (False, 4401)

    async_to_sync(scenario)()


@pytest.mark.django_db(transaction=True)
def test_the_persons_alerts_never_reach_the_referral_page(world):
    from coordination.plumbing.push import user_group

    member = world.users["mdt_member"]
    referral = ReferralFactory(mdt=world.mdt)
    headers = headers_for(member)

    async def scenario():
        page = socket(referral, headers)
        assert (await page.connect())[0]
        from channels.layers import get_channel_layer

        await get_channel_layer().group_send(
            user_group(member.pk),
            {"type": "event.push", "event": {"type": "alert", "alert": {"id": 1}}},
        )
        assert await page.receive_nothing(timeout=0.3)
        await page.disconnect()

    async_to_sync(scenario)()
