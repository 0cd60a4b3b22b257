"""Issue 18's console findings: a socket whose session ended says "signed out" and is not
retried for ever; a token client without an Origin header is served (cookie sockets still
need one); the console lists the newest waiting alert first; the navigation and the
dashboard count waiting alerts; whoever raised an alert sees its acknowledgement live."""

import asyncio
import json
import re

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from config.asgi import application
from coordination.people.services import api_token_issue, socket_ticket_issue
from notifications import services
from tests.live import AsgiProcess, database_env, workdir  # noqa: F401
from tests.websocket import WebsocketClient

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://127.0.0.1")
FOREIGN_ORIGIN = (b"origin", b"https://evil.example")


@pytest.fixture(autouse=True)
def in_memory_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def signed_in(user) -> tuple[Client, tuple[bytes, bytes]]:
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return client, (b"cookie", f"{settings.SESSION_COOKIE_NAME}={value}".encode())


def token_header(user) -> tuple[bytes, bytes]:
    return (b"authorization", f"Token {api_token_issue(actor=user).key}".encode())


def socket(*headers, query: str = "") -> WebsocketClient:
    return WebsocketClient(application, f"/ws/alerts/{query}", headers=list(headers))


def raise_one(world, summary="Youth in danger at a motel; LE en route", actor="coordinator"):
    return services.alert_raise(
        actor=world.users[actor], region=world.home, severity="critical", summary=summary
    )


async def closed_with(client: WebsocketClient) -> int:
    while True:
        answer = await client.receive_output(timeout=5)
        if answer["type"] == "websocket.close":
            await client.send_input({"type": "websocket.disconnect", "code": answer["code"]})
            await client.wait(5)
            return answer["code"]


# --- a session that ends ends its sockets, as signed out ----------------------------------------
def test_signing_out_closes_the_sessions_socket_as_signed_out_at_once(world):
    client, cookie = signed_in(world.users["responder"])

    async def scenario():
        contact = socket(ORIGIN, cookie)
        assert await contact.connect() == (True, None)
        response = await database_sync_to_async(client.post)("/accounts/logout/")
        assert response.status_code == 302
        return await closed_with(contact)

    assert async_to_sync(scenario)() == 4401


def test_a_session_that_expires_closes_its_socket_at_the_next_beat(world, settings):
    settings.ALERT_SOCKET_BEAT_SECONDS = 0.1
    _, cookie = signed_in(world.users["responder"])
    alert = raise_one(world)

    async def scenario():
        contact = socket(ORIGIN, cookie)
        assert await contact.connect() == (True, None)
        assert (await contact.receive_json_from())["alert"]["id"] == alert.pk
        await database_sync_to_async(Session.objects.all().delete)()  # as expiry would
        return await closed_with(contact)

    assert async_to_sync(scenario)() == 4401


def test_a_password_changed_elsewhere_ends_the_socket_as_signed_out(world, settings):
    settings.ALERT_SOCKET_BEAT_SECONDS = 0.1
    responder = world.users["responder"]
    _, cookie = signed_in(responder)

    async def scenario():
        contact = socket(ORIGIN, cookie)
        assert await contact.connect() == (True, None)

        def change_password():
            responder.set_password("A-new-passphrase-for-2026")
            responder.save()

        await database_sync_to_async(change_password)()
        return await closed_with(contact)

    assert async_to_sync(scenario)() == 4401


def test_a_reconnect_with_an_ended_session_is_refused_with_a_code_the_browser_reads(world):
    """A close before the handshake reached a browser as a bare 403 (event code 1006), and
    the console retried for ever: the refusal is now an accept and a 4401 close."""
    _, cookie = signed_in(world.users["responder"])
    Session.objects.all().delete()

    async def scenario():
        contact = socket(ORIGIN, cookie)
        await contact.send_input({"type": "websocket.connect"})
        first = await contact.receive_output(timeout=5)
        second = await contact.receive_output(timeout=5)
        await contact.send_input({"type": "websocket.disconnect", "code": 4401})
        await contact.wait(5)
        return first["type"], second

    assert async_to_sync(scenario)() == (
        "websocket.accept",
        {"type": "websocket.close", "code": 4401},
    )


def test_a_token_socket_lives_on_when_some_session_of_the_person_ends(world):
    responder = world.users["responder"]
    client, _ = signed_in(responder)
    alert = raise_one(world)
    header = token_header(responder)

    async def scenario():
        app = socket(header)
        assert await app.connect() == (True, None)
        assert (await app.receive_json_from())["alert"]["id"] == alert.pk
        await database_sync_to_async(client.post)("/accounts/logout/")
        assert await app.receive_nothing(timeout=0.3)  # told, checked, and still served
        second = await database_sync_to_async(raise_one)(world, "Second alert")
        assert (await app.receive_json_from())["alert"]["id"] == second.pk
        await app.disconnect()

    async_to_sync(scenario)()


# --- the Origin check: for cookie sockets, not for a token or a ticket ------------------------
def test_a_token_client_without_an_origin_header_receives_its_alerts(world):
    responder = world.users["responder"]
    alert = raise_one(world)
    header = token_header(responder)

    async def scenario():
        app = socket(header)
        assert await app.connect() == (True, None)
        replay = await app.receive_json_from()
        await app.disconnect()
        return replay["alert"]["id"]

    assert async_to_sync(scenario)() == alert.pk


def test_a_ticket_client_without_an_origin_header_is_served(world):
    ticket = socket_ticket_issue(actor=world.users["responder"])

    async def scenario():
        app = socket(query=f"?ticket={ticket}")
        accepted = await app.connect()
        await app.disconnect()
        return accepted

    assert async_to_sync(scenario)() == (True, None)


@pytest.mark.parametrize(
    "case", ["cookie without origin", "cookie from another site", "token from another site"]
)
def test_the_origin_check_stays_for_cookies_and_for_any_origin_that_is_sent(world, case):
    responder = world.users["responder"]
    _, cookie = signed_in(responder)
    headers = {
        "cookie without origin": [cookie],
        "cookie from another site": [FOREIGN_ORIGIN, cookie],
        "token from another site": [FOREIGN_ORIGIN, token_header(responder)],
    }[case]

    async def scenario():
        return (await socket(*headers).connect())[0]

    assert async_to_sync(scenario)() is False


def test_a_bad_token_without_an_origin_is_refused_as_signed_out(world):
    async def scenario():
        return await socket((b"authorization", b"Token " + b"f" * 64)).connect()

    assert async_to_sync(scenario)() == (False, 4401)


@pytest.fixture
def server(workdir):  # noqa: F811
    process = AsgiProcess(workdir, {**database_env(), "REDIS_URL": ""})
    process.start()
    yield process
    process.stop()


def test_acceptance_over_the_real_server_a_token_client_with_no_origin_gets_its_alerts(
    world, server
):
    responder = world.users["responder"]
    alert = raise_one(world)
    key = api_token_issue(actor=responder).key

    async def scenario():
        url = f"{server.ws_url}/ws/alerts/"
        # websockets sends no Origin unless it is given one: as a script or a phone app.
        async with connect(url, additional_headers={"Authorization": f"Token {key}"}) as app:
            return json.loads(await asyncio.wait_for(app.recv(), 10))

    event = asyncio.run(scenario())
    assert (event["type"], event["alert"]["id"]) == ("alert", alert.pk)


def test_over_the_real_server_a_cookie_socket_without_origin_is_refused(world, server):
    client, _ = signed_in(world.users["responder"])
    value = client.cookies[settings.SESSION_COOKIE_NAME].value

    async def scenario():
        headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={value}"}
        try:
            async with connect(f"{server.ws_url}/ws/alerts/", additional_headers=headers) as ws:
                await asyncio.wait_for(ws.recv(), 2)
        except InvalidStatus as refused:
            return refused.response.status_code
        except (ConnectionClosed, TimeoutError) as served:
            return f"served: {served!r}"

    assert asyncio.run(scenario()) == 403


# --- the console's order, the count of waiting alerts, the raiser told ------------------------
def test_the_console_lists_waiting_alerts_newest_first_then_acknowledged_ones(world):
    responder = world.users["responder"]
    first = raise_one(world, "First alert")
    second = raise_one(world, "Second alert")
    services.alert_transition(actor=responder, alert=second, transition="acknowledge")
    third = raise_one(world, "Third alert")
    client, _ = signed_in(responder)
    page = client.get("/alerts/").content.decode()
    order = [
        int(found) for found in re.findall(r'<li class="alert-card[^"]*" id="alert-(\d+)"', page)
    ]
    assert order == [third.pk, first.pk, second.pk]


def test_the_navigation_and_the_dashboard_count_the_alerts_waiting_for_the_person(world):
    responder = world.users["responder"]
    raise_one(world, "First alert")
    acknowledged = raise_one(world, "Second alert")
    services.alert_transition(actor=responder, alert=acknowledged, transition="acknowledge")
    raise_one(world, "Third alert")
    client, _ = signed_in(responder)
    dashboard = client.get("/").content.decode()
    assert '<span class="nav-count" data-waiting-alerts><span class="count">2</span>' in dashboard
    assert "2 alerts waiting for you." in dashboard
    # Someone given no alerts sees neither (and costs no query for them).
    other, _ = signed_in(world.users["reporter"])
    page = other.get("/").content.decode()
    assert "waiting for you" not in page
    assert "data-waiting-alerts" not in page


def test_whoever_raised_the_alert_is_told_live_when_it_is_acknowledged_and_resolved(world):
    """The raiser here is an MDT member, who is given no alerts: their socket is an empty
    one that still hears about the alerts they raised."""
    responder = world.users["responder"]
    raiser = world.users["mdt_member"]
    alert = services.alert_raise(
        actor=raiser, region=world.home, severity="urgent", summary="Youth left the shelter"
    )
    _, cookie = signed_in(raiser)

    async def scenario():
        watcher = socket(ORIGIN, cookie)
        assert await watcher.connect() == (True, None)
        told = []
        for transition in ("acknowledge", "resolve"):
            await database_sync_to_async(services.alert_transition)(
                actor=responder, alert=alert, transition=transition
            )
            told.append(await watcher.receive_json_from())
        await watcher.disconnect()
        return told

    acknowledged, resolved = async_to_sync(scenario)()
    assert {key: acknowledged[key] for key in ("type", "id", "status", "by")} == {
        "type": "alert.answered",
        "id": alert.pk,
        "status": "acknowledged",
        "by": "responder",
    }
    assert (resolved["status"], resolved["by"]) == ("resolved", "responder")
