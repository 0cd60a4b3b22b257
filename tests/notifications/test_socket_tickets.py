"""No token in a URL: `/ws/alerts/` takes a single-use, 30-second ticket
(`POST /api/v1/auth/socket-ticket/`, signed in by token or session) as `?ticket=…`, or an
`Authorization: Token …` header in the handshake; `?token=` is refused like a bad
credential. Neither the token nor a ticket reaches the server's log."""

import asyncio
import datetime
import json
import threading
from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from config.asgi import application
from coordination.people import services as people_services
from coordination.people.access import SYSTEM
from notifications import services
from tests.live import AsgiProcess, database_env, workdir  # noqa: F401
from tests.websocket import WebsocketClient

pytestmark = pytest.mark.django_db(transaction=True)
ORIGIN = (b"origin", b"http://127.0.0.1")


@pytest.fixture
def in_memory_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def raise_one(world):
    return services.alert_raise(
        actor=world.users["coordinator"],
        region=world.home,
        severity="critical",
        summary="Youth in danger at a motel; LE en route",
    )


def ticket_with_token(token: str) -> dict:
    response = APIClient().post("/api/v1/auth/socket-ticket/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200, response.content
    return response.json()


def opens(query: str = "", headers=()) -> tuple[bool, int | None]:
    """Whether `/ws/alerts/<query>` is accepted (it is then closed again)."""

    async def scenario():
        client = WebsocketClient(application, f"/ws/alerts/{query}", headers=[ORIGIN, *headers])
        accepted, code = await client.connect()
        if accepted:
            await client.disconnect()
        return accepted, code

    return async_to_sync(scenario)()


def token_header(token: str) -> tuple[bytes, bytes]:
    return (b"authorization", f"Token {token}".encode("latin-1"))


def session_cookie(user) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return (b"cookie", f"{settings.SESSION_COOKIE_NAME}={value}".encode())


# --- the ticket ------------------------------------------------------------------------------
@pytest.mark.usefixtures("in_memory_layer")
def test_a_ticket_opens_one_socket_once(world):
    raise_one(world)
    token = people_services.api_token_issue(actor=world.users["responder"]).key
    answer = ticket_with_token(token)
    assert set(answer) == {"ticket", "expires_in"}
    assert answer["expires_in"] == 30

    async def scenario():
        contact = WebsocketClient(
            application, f"/ws/alerts/?ticket={answer['ticket']}", headers=[ORIGIN]
        )
        try:
            assert (await contact.connect())[0]
            event = await contact.receive_json_from()
            assert event["type"] == "alert"  # the responder's own replay
        finally:
            await contact.disconnect()

    async_to_sync(scenario)()
    assert opens(f"?ticket={answer['ticket']}") == (False, 4401)  # spent


@pytest.mark.usefixtures("in_memory_layer")
def test_a_signed_in_page_may_ask_for_a_ticket_too(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["responder"])
    assert client.post("/api/v1/auth/socket-ticket/").status_code == 403  # CSRF applies
    client.get("/")  # the page sets the CSRF cookie
    csrf = client.cookies[settings.CSRF_COOKIE_NAME].value
    answer = client.post("/api/v1/auth/socket-ticket/", HTTP_X_CSRFTOKEN=csrf)
    assert answer.status_code == 200
    assert opens(f"?ticket={answer.json()['ticket']}") == (True, None)


def test_a_ticket_needs_a_signed_in_caller(world):
    assert APIClient().post("/api/v1/auth/socket-ticket/").status_code == 401


def test_only_a_digest_of_the_ticket_is_stored(world):
    from coordination.models import SocketTicket

    ticket = people_services.socket_ticket_issue(actor=world.users["responder"])
    row = SocketTicket.objects.values().get()
    assert ticket not in json.dumps(list(row.values()), default=str)


@pytest.mark.usefixtures("in_memory_layer")
@pytest.mark.parametrize(("seconds", "accepted"), [(29, True), (31, False)])
def test_a_ticket_lasts_30_seconds(world, seconds, accepted):
    ticket = people_services.socket_ticket_issue(actor=world.users["responder"])
    moved = timezone.now() + datetime.timedelta(seconds=seconds)
    with mock.patch("django.utils.timezone.now", return_value=moved):
        assert opens(f"?ticket={ticket}")[0] is accepted


@pytest.mark.usefixtures("in_memory_layer")
def test_a_deactivated_persons_ticket_is_refused(world):
    user = world.users["responder"]
    deactivated = people_services.socket_ticket_issue(actor=user)
    people_services.user_update(actor=SYSTEM, user=user, data={"is_active": False})
    assert opens(f"?ticket={deactivated}") == (False, 4401)
    # Inactive by any path (a shell, a script): still refused when presented.
    people_services.user_update(actor=SYSTEM, user=user, data={"is_active": True})
    ticket = people_services.socket_ticket_issue(actor=user)
    user.is_active = False
    user.save()
    assert opens(f"?ticket={ticket}") == (False, 4401)


@pytest.mark.usefixtures("in_memory_layer")
def test_a_new_password_refuses_a_ticket_issued_before_it(world):
    user = world.users["responder"]
    ticket = people_services.socket_ticket_issue(actor=user)
    user.set_password("Another-long-passphrase-7")
    user.save()
    assert opens(f"?ticket={ticket}") == (False, 4401)


def test_two_sockets_racing_for_one_ticket_open_one(world):
    """The ticket is spent by one conditional DELETE: of two simultaneous redeemers (real
    threads, each with its own database connection) exactly one gets the person."""
    ticket = people_services.socket_ticket_issue(actor=world.users["responder"])
    barrier, found = threading.Barrier(4), []

    def redeem():
        from django.db import connection

        try:
            barrier.wait()
            found.append(people_services.socket_ticket_redeem(ticket=ticket))
        finally:
            connection.close()

    threads = [threading.Thread(target=redeem) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(user is not None for user in found) == [False, False, False, True]


# --- the Authorization header ------------------------------------------------------------------
@pytest.mark.usefixtures("in_memory_layer")
def test_a_client_that_sets_headers_signs_in_with_its_token(world):
    token = people_services.api_token_issue(actor=world.users["responder"]).key
    assert opens(headers=[token_header(token)]) == (True, None)
    # Another scheme is not Lantern's to judge: the session decides, as on the API.
    basic = (b"authorization", b"Basic cmVzcG9uZGVyOnB3")
    assert opens(headers=[basic, session_cookie(world.users["responder"])]) == (True, None)


@pytest.mark.usefixtures("in_memory_layer")
def test_a_token_in_the_url_is_refused_even_when_valid(world):
    token = people_services.api_token_issue(actor=world.users["responder"]).key
    assert opens(f"?token={token}") == (False, 4401)
    cookie = session_cookie(world.users["responder"])
    assert opens(f"?token={token}", headers=[cookie]) == (False, 4401)


MALFORMED = {
    "empty ticket": {"query": "?ticket="},
    "ticket with a NUL byte": {"query": "?ticket=%00" + "a" * 42},
    "ticket of 10,000 characters": {"query": "?ticket=" + "a" * 10_000},
    "ticket that is not UTF-8": {"query": "?ticket=%ff%fe" + "a" * 41},
    "two tickets": {"query": "?ticket=" + "a" * 43 + "&ticket=" + "b" * 43},
    "header with a NUL byte": {"headers": [(b"authorization", b"Token \x00" + b"a" * 63)]},
    "header that is not UTF-8": {"headers": [(b"authorization", b"Token " + b"\xff" * 64)]},
    "header of 10,000 characters": {"headers": [(b"authorization", b"Token " + b"f" * 10_000)]},
    "header with a space inside": {"headers": [(b"authorization", b"Token " + b"a b" * 21)]},
    "two headers": {
        "headers": [(b"authorization", b"Token " + b"a" * 64), (b"authorization", b"Token ")]
    },
}


@pytest.mark.usefixtures("in_memory_layer")
@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_credentials_are_refused_without_reaching_the_database(world, case):
    given = MALFORMED[case]
    with (
        mock.patch("coordination.people.services.socket_ticket_redeem") as redeem,
        mock.patch(
            "coordination.people.authentication.ApiTokenAuthentication.authenticate_credentials"
        ) as lookup,
    ):
        assert opens(given.get("query", ""), given.get("headers", ())) == (False, 4401)
    redeem.assert_not_called()
    lookup.assert_not_called()


# --- the server's log ----------------------------------------------------------------------------
@pytest.fixture
def chatty_server(workdir):  # noqa: F811
    """uvicorn as deployed: at its default log level, which writes every websocket
    handshake with its path and query string, and every HTTP request line."""
    process = AsgiProcess(workdir, {**database_env(), "REDIS_URL": ""}, log_level="info")
    process.start()
    yield process
    process.stop()


def test_neither_the_token_nor_a_ticket_reaches_the_servers_log(world, chatty_server):
    server = chatty_server
    token = people_services.api_token_issue(actor=world.users["responder"]).key
    ticket = ticket_with_token(token)["ticket"]
    origin = server.url

    async def status_of(url: str, **options) -> int | str:
        try:
            async with connect(url, origin=origin, **options) as socket:
                # A refusal is accepted and closed at once with its code; a served
                # socket sends nothing here (no alert waits), so the wait times out.
                await asyncio.wait_for(socket.recv(), 1)
        except TimeoutError:
            return "accepted"
        except ConnectionClosed as refused:
            return refused.rcvd.code
        except InvalidStatus as refused:
            return refused.response.status_code
        raise AssertionError("an event reached the socket")

    async def scenario():
        alerts = f"{server.ws_url}/ws/alerts/"
        return [
            await status_of(f"{alerts}?ticket={ticket}"),
            await status_of(f"{alerts}?ticket={ticket}"),  # spent
            await status_of(alerts, additional_headers={"Authorization": f"Token {token}"}),
            await status_of(f"{alerts}?token={token}"),  # a client that did not get the news
            await status_of(f"{alerts}?next=%2F&TOKEN={token}&x=1"),
        ]

    assert asyncio.run(scenario()) == ["accepted", 4401, "accepted", 4401, 4401]
    # And the same mistake over HTTP: the request line is in the access log.
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", f"/api/v1/me/?token={token}&ticket={ticket}")
    assert connection.getresponse().status == 401
    connection.close()

    log = server.log.read_text()
    assert '"WebSocket /ws/alerts/?ticket=' in log  # the handshakes were logged …
    assert "GET /api/v1/me/?token=" in log
    assert token not in log  # … without the long-lived token,
    assert ticket not in log  # and without the ticket, even spent
    assert token[:15] not in log
