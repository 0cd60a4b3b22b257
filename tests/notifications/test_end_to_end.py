"""End to end, as in production: uvicorn processes serving Lantern, the Redis channel
layer (a private redis-server this test stops and restarts), and a real websocket client
on loopback. Nothing may be lost: not on a dropped connection, not when Redis restarts."""

import asyncio
import json
import time
from collections import Counter

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from coordination.models import Region
from coordination.people.services import api_token_issue
from notifications.models import Alert
from tests.live import (  # noqa: F401
    AsgiProcess,
    RedisServer,
    database_env,
    raise_alert_over_rest,
    workdir,
)

pytestmark = pytest.mark.django_db(transaction=True)
BEAT_SECONDS = "0.5"


@pytest.fixture
def redis(workdir):  # noqa: F811
    server = RedisServer(workdir)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def serve(workdir, redis):  # noqa: F811
    """`serve()` starts one more Lantern server process on the shared Redis and database."""
    started = []

    def start() -> AsgiProcess:
        env = {**database_env(), "REDIS_URL": redis.url}
        env["ALERT_SOCKET_BEAT_SECONDS"] = BEAT_SECONDS
        server = AsgiProcess(workdir, env)
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def tokens(world):
    return {
        persona: api_token_issue(actor=world.users[persona]).key
        for persona in ("coordinator", "responder")
    }


def raise_over_rest(server: AsgiProcess, token: str, summary: str) -> int:
    """POST /api/v1/alerts/ for the home region (the caller's token decides who raises)."""
    home = Region.objects.get(slug="home").pk
    return raise_alert_over_rest(server.port, token, home, summary)


async def raise_alert(server, token, summary) -> int:
    return await asyncio.to_thread(raise_over_rest, server, token, summary)


def open_socket(server: AsgiProcess, token: str):
    """A client that sets headers signs in with its token in the handshake (the ticket
    is tested in test_socket_tickets.py)."""
    return connect(
        f"{server.ws_url}/ws/alerts/",
        origin=server.url,
        additional_headers={"Authorization": f"Token {token}"},
    )


async def next_event(socket, timeout: float = 10) -> dict:
    return json.loads(await asyncio.wait_for(socket.recv(), timeout))


async def assert_quiet(socket, seconds: float) -> None:
    """Nothing more arrives (several heartbeats pass, none resends)."""
    with pytest.raises(TimeoutError):
        await next_event(socket, seconds)


def test_an_alert_reaches_the_contact_and_a_reconnect_brings_each_missed_one_once(serve, tokens):
    server = serve()

    async def scenario():
        async with open_socket(server, tokens["responder"]) as socket:
            first = await raise_alert(server, tokens["coordinator"], "First: youth at risk")
            event = await next_event(socket)
            assert (event["type"], event["alert"]["id"]) == ("alert", first)
            await socket.send(json.dumps({"type": "ack", "id": first}))
            assert await next_event(socket) == {
                "type": "alert.cleared",
                "id": first,
                "status": "acknowledged",
            }
        # Offline: two alerts are raised meanwhile.
        missed = [
            await raise_alert(server, tokens["coordinator"], f"Missed {n}: youth at risk")
            for n in (1, 2)
        ]
        async with open_socket(server, tokens["responder"]) as socket:
            replay = [await next_event(socket), await next_event(socket)]
            assert [event["alert"]["id"] for event in replay] == missed
            await assert_quiet(socket, 4 * float(BEAT_SECONDS))

    asyncio.run(scenario())


def test_an_alert_raised_through_one_server_reaches_a_socket_held_by_another(serve, tokens):
    first, second = serve(), serve()

    async def scenario():
        async with open_socket(second, tokens["responder"]) as socket:
            alert = await raise_alert(first, tokens["coordinator"], "Through the other server")
            event = await asyncio.wait_for(socket.recv(), 0.9 * float(BEAT_SECONDS))
            # Faster than a heartbeat: it came through Redis, not the catch-up.
            assert json.loads(event)["alert"]["id"] == alert

    asyncio.run(scenario())


def test_every_alert_is_delivered_when_redis_restarts_mid_run(serve, redis, tokens):
    server = serve()
    received: Counter = Counter()
    raised: list[int] = []
    connections = []

    async def contact(stop: asyncio.Event):
        """A contact's client as the console is one: reconnect with backoff, ack on sight."""
        delay = 0.2
        while not stop.is_set():
            try:
                async with open_socket(server, tokens["responder"]) as socket:
                    connections.append(socket)
                    delay = 0.2
                    while not stop.is_set():
                        try:
                            event = await next_event(socket, 0.2)
                        except TimeoutError:
                            continue
                        if event["type"] == "alert":
                            received[event["alert"]["id"]] += 1
                            await socket.send(
                                json.dumps({"type": "ack", "id": event["alert"]["id"]})
                            )
            except (ConnectionClosed, InvalidHandshake, OSError):
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2)

    async def until_received(ids, seconds=30):
        deadline = time.monotonic() + seconds
        while not set(ids) <= set(received):
            assert time.monotonic() < deadline, f"not delivered: {set(ids) - set(received)}"
            await asyncio.sleep(0.1)

    async def scenario():
        stop = asyncio.Event()
        client = asyncio.create_task(contact(stop))
        try:
            raised.append(await raise_alert(server, tokens["coordinator"], "Before the restart"))
            await until_received(raised)
            await asyncio.to_thread(redis.stop)
            raised.append(
                await raise_alert(server, tokens["coordinator"], "While the channel layer is down")
            )
            await asyncio.to_thread(redis.start)
            raised.append(await raise_alert(server, tokens["coordinator"], "After the restart"))
            await until_received(raised)
            await asyncio.sleep(4 * float(BEAT_SECONDS))  # time for any duplicate to show
        finally:
            stop.set()
            await client

    asyncio.run(scenario())
    assert dict(received) == dict.fromkeys(raised, 1)
    assert set(Alert.objects.values_list("status", flat=True)) == {"acknowledged"}
    # The socket outlived the outage: the heartbeat delivered from the database meanwhile.
    assert len(connections) == 1
