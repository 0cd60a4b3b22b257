"""`/ws/alerts/` under abuse: no or bad credentials, a foreign origin, answering someone
else's alert, malformed, mistyped, binary and oversized frames. Each is refused, answered
with an error frame or closed with a close code — never a crash — and nothing in the
database changes. In-process where Channels' routing is enough; a real uvicorn (with the
production frame limit) for what only the server enforces."""

import asyncio
import json
from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from config.asgi import application
from config.consumers import NO_SUCH_SOCKET, TRY_AGAIN_LATER
from coordination.models import Role
from coordination.people.services import api_token_issue, socket_ticket_issue, socket_ticket_redeem
from notifications import services
from notifications.consumers import MAX_FRAME
from notifications.models import Alert, AlertEvent
from tests.coordination.factories import RoleAssignmentFactory, UserFactory
from tests.live import (  # noqa: F401
    AsgiProcess,
    database_env,
    raise_alert_over_rest,
    uvicorn_ws_options,
    workdir,
)
from tests.websocket import WebsocketClient

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://127.0.0.1")
BAD_FRAME = {"type": "error", "code": "bad_frame"}


@pytest.fixture
def cast(world):
    """Everyone who must not answer the home responder's alert, by persona."""
    away_responder = UserFactory(username="away_responder")
    RoleAssignmentFactory(
        user=away_responder, role=Role.RESPONDER, region=world.away, duty="primary"
    )
    backup = UserFactory(username="backup")
    RoleAssignmentFactory(user=backup, role=Role.RESPONDER, region=world.home, duty="backup")
    return {**world.users, "away_responder": away_responder, "backup": backup}


@pytest.fixture
def in_memory_layer(settings):
    """For sockets refused before they start: with the Redis layer, Channels would wait out
    a pending BRPOP (5 s) on each one's way out; the refusal itself is the same."""
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"{settings.SESSION_COOKIE_NAME}={value}".encode()


def socket(headers=(), query: str = "") -> WebsocketClient:
    return WebsocketClient(application, f"/ws/alerts/{query}", headers=[ORIGIN, *headers])


def signed_in(cookie: bytes) -> WebsocketClient:
    return socket([(b"cookie", cookie)])


def raise_one(world, summary="Youth in danger at a motel; LE en route") -> Alert:
    return services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="critical", summary=summary
    )


def snapshot():
    """Every alert's state and its whole history: what abuse must leave untouched."""
    alerts = Alert.objects.order_by("pk").values_list(
        "pk", "status", "assigned_to", "escalation_level", "acknowledged_by", "resolved_by"
    )
    history = AlertEvent.objects.order_by("pk").values_list("pk", "alert", "kind", "user")
    return list(alerts), list(history)


# --- who may connect --------------------------------------------------------------------------
def _token_header(key: str) -> tuple[bytes, bytes]:
    return (b"authorization", f"Token {key}".encode())


def _revoked_token(world):
    token = api_token_issue(actor=world.users["responder"])
    token.delete()
    return {"headers": [_token_header(token.key)]}


def _inactive_users_token(world):
    token = api_token_issue(actor=world.users["responder"])
    world.users["responder"].is_active = False
    world.users["responder"].save()
    return {"headers": [_token_header(token.key)]}


def _valid_token_in_the_url(world):
    token = api_token_issue(actor=world.users["responder"])
    return {"query": f"?token={token.key}"}


def _bad_token_beside_a_good_session(world):
    cookie = session_cookie(world.users["responder"])
    return {"headers": [_token_header("0" * 64), (b"cookie", cookie)]}


def _spent_ticket(world):
    ticket = socket_ticket_issue(actor=world.users["responder"])
    assert socket_ticket_redeem(ticket=ticket) is not None
    return {"query": f"?ticket={ticket}"}


def _inactive_users_ticket(world):
    ticket = socket_ticket_issue(actor=world.users["responder"])
    world.users["responder"].is_active = False
    world.users["responder"].save()
    return {"query": f"?ticket={ticket}"}


def _bad_ticket_beside_a_good_session(world):
    cookie = session_cookie(world.users["responder"])
    return {"query": "?ticket=" + "a" * 43, "headers": [(b"cookie", cookie)]}


def _logged_out_session(world):
    client = Client()
    client.force_login(world.users["responder"])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.logout()
    return {"headers": [(b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode())]}


CREDENTIALS = {
    "revoked token": _revoked_token,
    "token of a deactivated user": _inactive_users_token,
    "valid token in the URL": _valid_token_in_the_url,
    "bad token beside a valid session": _bad_token_beside_a_good_session,
    "spent ticket": _spent_ticket,
    "ticket of a deactivated user": _inactive_users_ticket,
    "bad ticket beside a valid session": _bad_ticket_beside_a_good_session,
    "session that was logged out": _logged_out_session,
    "forged session cookie": lambda world: {
        "headers": [(b"cookie", f"{settings.SESSION_COOKIE_NAME}={'a' * 32}".encode())]
    },
    "empty token": lambda world: {"query": "?token="},
    "token with a NUL byte": lambda world: {"query": "?token=%00abc"},
    "token of 10,000 characters": lambda world: {"query": "?token=" + "f" * 10_000},
    "query string that is not UTF-8": lambda world: {"query": "?token=%ff%fe"},
    "empty ticket": lambda world: {"query": "?ticket="},
    "ticket with a NUL byte": lambda world: {"query": "?ticket=%00abc"},
    "ticket of 10,000 characters": lambda world: {"query": "?ticket=" + "f" * 10_000},
    "ticket that is not UTF-8": lambda world: {"query": "?ticket=%ff%fe"},
    "token header with a NUL byte": lambda world: {"headers": [(b"authorization", b"Token \0")]},
    "token header that is not UTF-8": lambda world: {
        "headers": [(b"authorization", b"Token \xff\xfe")]
    },
}


@pytest.mark.parametrize("credentials", list(CREDENTIALS))
@pytest.mark.usefixtures("in_memory_layer")
def test_a_socket_without_valid_credentials_is_refused_with_4401(world, credentials):
    raise_one(world)
    given = CREDENTIALS[credentials](world)

    async def scenario():
        return await socket(given.get("headers", []), given.get("query", "")).connect()

    assert async_to_sync(scenario)() == (False, 4401)


@pytest.mark.usefixtures("in_memory_layer")
@pytest.mark.parametrize("query", [b"token=\xff\xfe", b"ticket=\xff\xfe"])
def test_a_socket_whose_query_string_is_not_utf8_bytes_is_refused(world, query):
    """Raw bytes a client put in the request line, not %-escaped."""
    client = WebsocketClient(application, "/ws/alerts/", headers=[ORIGIN])
    client.scope["query_string"] = query

    async def scenario():
        return await client.connect()

    assert async_to_sync(scenario)() == (False, 4401)


@pytest.mark.usefixtures("in_memory_layer")
def test_a_signed_in_socket_from_a_foreign_origin_is_refused(world):
    """Another site's page cannot ride the contact's session cookie (cross-site websocket
    hijacking): the origin is checked before anything else."""
    raise_one(world)
    cookie = session_cookie(world.users["responder"])
    foreign = WebsocketClient(
        application,
        "/ws/alerts/",
        headers=[(b"origin", b"https://evil.example"), (b"cookie", cookie)],
    )

    async def scenario():
        return await foreign.connect()

    accepted, _ = async_to_sync(scenario)()
    assert not accepted


@pytest.mark.usefixtures("in_memory_layer")
def test_a_socket_to_a_path_nobody_serves_is_refused_without_a_crash(world):
    async def scenario():
        return await WebsocketClient(application, "/ws/nowhere/", headers=[ORIGIN]).connect(1)

    accepted, code = async_to_sync(scenario)()
    assert not accepted
    assert code == NO_SUCH_SOCKET


@pytest.mark.usefixtures("in_memory_layer")
def test_a_browser_reconnecting_during_a_database_outage_is_told_to_try_again(world, cast):
    """Channels loads the session before any consumer runs; with the database away that
    lookup raises, and the handshake is closed with 1013 instead of a server error."""
    cookie = session_cookie(cast["coordinator"])

    async def scenario():
        with mock.patch("channels.auth.get_user", side_effect=OperationalError("gone")):
            client = signed_in(cookie)
            accepted, _ = await client.connect(1)
            return accepted, await client.receive_output(1)

    accepted, closed = async_to_sync(scenario)()
    assert accepted  # only to be told why: a close before accepting reads as HTTP 403
    assert closed == {"type": "websocket.close", "code": TRY_AGAIN_LATER}


# --- answering an alert that is not yours -----------------------------------------------------
@pytest.mark.parametrize(
    "persona", ["away_responder", "backup", "coordinator", "mdt_member", "no_role", "reporter"]
)
def test_answering_someone_elses_alert_over_the_socket_is_refused_and_changes_nothing(
    world, cast, persona
):
    alert = raise_one(world)
    before = snapshot()
    cookie = session_cookie(cast[persona])

    async def scenario():
        intruder = signed_in(cookie)
        try:
            assert (await intruder.connect())[0]
            # The responder's alert is not replayed to anyone else.
            assert await intruder.receive_nothing(timeout=0.2)
            await intruder.send_json_to({"type": "ack", "id": alert.pk})
            # Not found, as for an id that does not exist: its existence does not leak.
            assert await intruder.receive_json_from() == {
                "type": "error",
                "code": "not_found",
                "id": alert.pk,
            }
            await intruder.send_json_to({"type": "resolve", "id": alert.pk})
            assert await intruder.receive_json_from() == BAD_FRAME
        finally:
            await intruder.disconnect()

    async_to_sync(scenario)()
    assert snapshot() == before


def test_an_id_that_does_not_exist_answers_the_same_as_someone_elses(world, cast):
    raise_one(world)
    before = snapshot()
    missing = Alert.objects.order_by("-pk").first().pk + 1000
    cookie = session_cookie(cast["away_responder"])

    async def scenario():
        intruder = signed_in(cookie)
        try:
            assert (await intruder.connect())[0]
            await intruder.send_json_to({"type": "ack", "id": missing})
            return await intruder.receive_json_from()
        finally:
            await intruder.disconnect()

    assert async_to_sync(scenario)() == {"type": "error", "code": "not_found", "id": missing}
    assert snapshot() == before


def test_acknowledging_twice_answers_already_answered_and_records_it_once(world):
    alert = raise_one(world)
    cookie = session_cookie(world.users["responder"])

    async def scenario():
        contact = signed_in(cookie)
        try:
            assert (await contact.connect())[0]
            await contact.receive_json_from()  # the replay
            await contact.send_json_to({"type": "ack", "id": alert.pk})
            assert (await contact.receive_json_from())["type"] == "alert.cleared"
            await contact.send_json_to({"type": "ack", "id": alert.pk})
            return await contact.receive_json_from()
        finally:
            await contact.disconnect()

    answer = async_to_sync(scenario)()
    assert answer == {"type": "error", "code": "already_answered", "id": alert.pk}
    assert list(alert.events.values_list("kind", flat=True)) == ["raised", "acknowledged"]


# --- malformed frames ------------------------------------------------------------------------
# Beyond tests/notifications/test_consumers.py's cases: each is answered `bad_frame`.
FRAMES = {
    "empty text": {"text": ""},
    "JSON null": {"text": "null"},
    "a bare number": {"text": "42"},
    "a bare string": {"text": '"ack"'},
    "deeply nested JSON": {"text": "[" * (MAX_FRAME - 1)},
    "deeply nested object": {"text": '{"a":' * 800 + "1" + "}" * 800},
    "type is not a string": {"text": '{"type": ["ack"], "id": 1}'},
    "type null": {"text": '{"type": null}'},
    "unknown type": {"text": '{"type": "subscribe", "group": "alerts-user-1"}'},
    "a handler's name as type": {"text": '{"type": "event.push", "event": {"type": "alert"}}'},
    "id true": {"text": '{"type": "ack", "id": true}'},
    "id a float": {"text": '{"type": "ack", "id": 1.0}'},
    "id null": {"text": '{"type": "ack", "id": null}'},
    "id a list": {"text": '{"type": "ack", "id": [1]}'},
    "id NaN": {"text": '{"type": "ack", "id": NaN}'},
    "id infinite": {"text": '{"type": "ack", "id": 1e999}'},
    "one character over the limit": {"text": '{"type": "ack", "id": 1}' + " " * MAX_FRAME},
    "binary frame": {"bytes": b'{"type": "ack", "id": 1}'},
    "binary garbage": {"bytes": bytes(range(256))},
}


@pytest.mark.parametrize("frame", list(FRAMES))
def test_a_malformed_frame_is_answered_bad_frame_and_the_socket_keeps_serving(world, frame):
    alert = raise_one(world)
    before = snapshot()
    cookie = session_cookie(world.users["responder"])

    async def scenario():
        contact = signed_in(cookie)
        try:
            assert (await contact.connect())[0]
            assert (await contact.receive_json_from())["alert"]["id"] == alert.pk
            await contact.send_input({"type": "websocket.receive", **FRAMES[frame]})
            assert await contact.receive_json_from() == BAD_FRAME
            after = await database_sync_to_async(snapshot)()
            # Still serving: a proper ack after the bad frame goes through.
            await contact.send_json_to({"type": "ack", "id": alert.pk})
            assert (await contact.receive_json_from())["type"] == "alert.cleared"
            return after
        finally:
            await contact.disconnect()

    assert async_to_sync(scenario)() == before


@pytest.mark.parametrize("alert_id", [-1, 0, 2**31, 2**63, 2**80, 10**300])
def test_an_ack_for_an_id_out_of_any_range_answers_not_found(world, alert_id):
    raise_one(world)
    before = snapshot()
    cookie = session_cookie(world.users["responder"])

    async def scenario():
        contact = signed_in(cookie)
        try:
            assert (await contact.connect())[0]
            await contact.receive_json_from()  # the replay
            await contact.send_json_to({"type": "ack", "id": alert_id})
            return await contact.receive_json_from()
        finally:
            await contact.disconnect()

    assert async_to_sync(scenario)() == {"type": "error", "code": "not_found", "id": alert_id}
    assert snapshot() == before


def test_a_burst_of_bad_frames_is_answered_frame_by_frame_and_nothing_changes(world):
    alert = raise_one(world)
    before = snapshot()
    frames = [value for value in FRAMES.values()] * 5
    cookie = session_cookie(world.users["responder"])

    async def scenario():
        contact = signed_in(cookie)
        try:
            assert (await contact.connect())[0]
            await contact.receive_json_from()  # the replay
            for frame in frames:
                await contact.send_input({"type": "websocket.receive", **frame})
            return [await contact.receive_json_from() for _ in frames]
        finally:
            await contact.disconnect()

    assert async_to_sync(scenario)() == [BAD_FRAME] * len(frames)
    assert snapshot() == before
    assert Alert.objects.get(pk=alert.pk).status == "triggered"


# --- through a real server: what uvicorn enforces ----------------------------------------------
OPTIONS = uvicorn_ws_options()
WS_MAX_SIZE = int(OPTIONS[OPTIONS.index("--ws-max-size") + 1])  # the Makefile's: 64 KiB


@pytest.fixture
def server(workdir):  # noqa: F811
    # Its own in-memory channel layer: the REST request and the sockets share the process,
    # and no other test run's pushes can reach these sockets through a shared Redis.
    process = AsgiProcess(workdir, {**database_env(), "REDIS_URL": ""})
    process.start()
    yield process
    process.stop()


def test_over_the_real_server_oversized_frames_close_the_socket_and_others_are_served(
    world, server
):
    alert = raise_one(world)
    tokens = {
        name: api_token_issue(actor=world.users[name]).key for name in ("responder", "coordinator")
    }
    before = snapshot()
    url = f"{server.ws_url}/ws/alerts/"
    signed_in_as_responder = {"Authorization": f"Token {tokens['responder']}"}

    def open_socket():
        # No client-side limit: the server's is the one under test.
        return connect(
            url,
            origin=server.url,
            max_size=None,
            compression=None,
            additional_headers=signed_in_as_responder,
        )

    async def next_event(socket, timeout=10):
        return json.loads(await asyncio.wait_for(socket.recv(), timeout))

    async def closed_by_server(frame) -> int:
        async with open_socket() as abuser:
            assert (await next_event(abuser))["alert"]["id"] == alert.pk
            await abuser.send(frame)
            with pytest.raises(ConnectionClosed) as closed:
                await next_event(abuser)  # nothing comes but the close
            return closed.value.rcvd.code

    async def scenario():
        async with open_socket() as bystander:
            assert (await next_event(bystander))["alert"]["id"] == alert.pk
            # Over the consumer's limit, under the server's: answered, the socket lives on.
            async with open_socket() as chatty:
                await next_event(chatty)
                await chatty.send("x" * (MAX_FRAME * 4))
                assert await next_event(chatty) == BAD_FRAME
                await chatty.send(b"\x00" * MAX_FRAME)
                assert await next_event(chatty) == BAD_FRAME
            # Over the server's limit: closed with 1009 (message too big), text or binary.
            codes = [
                await closed_by_server("x" * (WS_MAX_SIZE + 1)),
                await closed_by_server(b"\xff" * (WS_MAX_SIZE * 4)),
            ]
            # The bystander on the same server still gets what is raised next.
            home = world.home.pk
            fresh = await asyncio.to_thread(
                raise_alert_over_rest, server.port, tokens["coordinator"], home, "After the abuse"
            )
            assert (await next_event(bystander))["alert"]["id"] == fresh
            # And a new socket still connects and gets its replay.
            async with open_socket() as newcomer:
                replay = {(await next_event(newcomer))["alert"]["id"] for _ in range(2)}
                assert replay == {alert.pk, fresh}
            return codes, fresh

    codes, fresh = asyncio.run(scenario())
    assert codes == [1009, 1009]
    alerts, history = snapshot()
    assert (alerts, history) != before  # the fresh alert, and only it, is new
    assert [row for row in alerts if row[0] != fresh] == before[0]
    assert [row for row in history if row[1] != fresh] == before[1]
    log = server.log.read_text()
    assert "Traceback" not in log, log
    assert "Exception in ASGI application" not in log, log


def test_over_the_real_server_refused_handshakes_leave_no_traceback(world, server):
    raise_one(world)
    before = snapshot()

    async def handshake(query: str) -> int:
        url = f"{server.ws_url}/ws/alerts/{query}"
        try:
            async with connect(url, origin=server.url) as refused:
                await asyncio.wait_for(refused.recv(), 10)
        except ConnectionClosed as closed:
            return closed.rcvd.code
        except InvalidStatus as status:
            return status.response.status_code
        raise AssertionError("the socket was served")

    valid = api_token_issue(actor=world.users["responder"]).key
    queries = ["", "?token=wrong", "?token=%00", "?token=%ff%fe", "?token=" + "f" * 4000]
    queries += [f"?token={valid}", "?ticket=wrong", "?ticket=%00", "?ticket=%ff%fe"]
    queries += ["?ticket=" + "f" * 4000]

    async def scenario():
        return [await handshake(query) for query in queries]

    # Accepted only to be closed with 4401, so that a browser reads why (issue 18: a close
    # before accepting reached it as HTTP 403, and the console reconnected for ever).
    assert asyncio.run(scenario()) == [4401] * len(queries)
    assert snapshot() == before
    log = server.log.read_text()
    assert "Traceback" not in log, log
