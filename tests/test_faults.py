"""Faults, with the real services on loopback, each test bounded in time:

- PostgreSQL restarted (and stopped for a while) under writes: every answer is a success
  or a 503 with a reason, never a 500; nothing is half-written; the same server process
  serves again within seconds once the database is back, even after a long outage; an
  open alert socket outlives it.
- Redis down: alerts are still stored and reach the contact's sockets from the database.
- The escalation worker killed and restarted: every due alert escalates exactly once.

PostgreSQL here is a private cluster the tests start, restart and throw away (never the
machine's shared server); Redis a private redis-server. `-m faults` selects them.
"""

import asyncio
import datetime
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from coordination.people.services import api_token_issue
from notifications.models import Alert, AlertConnection, AlertEvent
from tests.live import (
    ROOT,
    AsgiProcess,
    PostgresServer,
    RedisServer,
    database_env,
    manage,
    workdir,  # noqa: F401
)

pytestmark = pytest.mark.faults
BEAT_SECONDS = 0.5

# The cast every private database starts with (copied from one migrated template).
SEED = """
import json
from django.conf import settings
from django.test import Client
from coordination.models import Role
from coordination.people.services import api_token_issue
from tests.coordination.factories import (
    ParishFactory, RegionFactory, RoleAssignmentFactory, UserFactory,
)
from tests.mdt.factories import MDTFactory

home = RegionFactory(name="Home Region", slug="home")
parish = ParishFactory(name="Home Parish", region=home)
mdt = MDTFactory(name="Home MDT", region=home)
people = {}
for name, role, scope in [
    ("mdt_member", Role.MDT_MEMBER, {"mdt": mdt}),
    ("responder", Role.RESPONDER, {"region": home, "duty": "primary"}),
    ("backup", Role.RESPONDER, {"region": home, "duty": "backup"}),
    ("state_admin", Role.STATE_ADMIN, {}),
]:
    people[name] = UserFactory(username=name)
    RoleAssignmentFactory(user=people[name], role=role, **scope)
browser = Client()  # a signed-in session for the pages
browser.force_login(people["responder"])
print(json.dumps({
    "region": home.pk, "parish": parish.pk, "mdt": mdt.pk,
    "session": browser.cookies[settings.SESSION_COOKIE_NAME].value,
    "users": {name: user.pk for name, user in people.items()},
    "tokens": {name: api_token_issue(actor=people[name]).key
               for name in ("mdt_member", "responder")},
}))
"""


class Cluster:
    """The private PostgreSQL of this module: one migrated, seeded template, and a fresh
    copy of it for each test."""

    def __init__(self, server: PostgresServer):
        self.server = server
        self.copies = 0
        server.start()
        template = server.create_database("lantern_template")
        manage({"DATABASE_URL": template, "REDIS_URL": ""}, "migrate", "--noinput", "-v", "0")
        output = manage({"DATABASE_URL": template, "REDIS_URL": ""}, "shell", "-c", SEED)
        # Copies are made while nothing is connected to the template (`manage` has ended).
        self.cast = json.loads(output.strip().splitlines()[-1])

    def fresh_database(self) -> str:
        self.copies += 1
        return self.server.create_database(f"lantern_{self.copies}", template="lantern_template")


@pytest.fixture(scope="module")
def cluster():
    server = PostgresServer()
    try:
        yield Cluster(server)
    finally:
        server.destroy()


def http_call(port: int, method: str, path: str, token: str | None = None, body=None):
    """(status, content type, body) — or (None, error name, b"") when the server itself
    could not be reached, which must never happen here. `token` is an API token, or
    `session=<key>` for a signed-in browser."""
    headers = {"Content-Type": "application/json"}
    if token and token.startswith("session="):
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={token.removeprefix('session=')}"
    elif token:
        headers["Authorization"] = f"Token {token}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    except OSError as error:
        return None, type(error).__name__, b""
    finally:
        connection.close()


def django_report(database_url: str, code: str) -> dict:
    """Run `code` (which prints one JSON line) with Django against that database."""
    output = manage({"DATABASE_URL": database_url, "REDIS_URL": ""}, "shell", "-c", code)
    return json.loads(output.strip().splitlines()[-1])


# --- PostgreSQL restarted under writes ---------------------------------------------------------
STORED = """
import json
from coordination.models import AuditEntry
from mdt.models import Referral
from notifications.models import Alert, AlertEvent
audited = [
    entry for ids in AuditEntry.objects.filter(object_type="referral", action="create")
    .values_list("object_ids", flat=True) for entry in ids
]
print(json.dumps({
    "referrals": list(Referral.objects.values_list("pk", flat=True)),
    "audited": audited,
    "alerts": list(Alert.objects.values_list("pk", flat=True)),
    "raised": list(AlertEvent.objects.filter(kind="raised").values_list("alert_id", flat=True)),
}))
"""


def test_a_postgres_restart_under_writes_answers_503_loses_nothing_and_recovers(
    cluster,
    workdir,  # noqa: F811
):
    database = cluster.fresh_database()
    cast = cluster.cast
    # A request waits at most 2 s for a connection (10 s by default) before its 503.
    env = {"DATABASE_URL": database, "REDIS_URL": "", "DATABASE_POOL_TIMEOUT": "2"}
    server = AsgiProcess(workdir, env)
    server.start()
    pid = server.process.pid
    received_on = (datetime.date.today() - datetime.timedelta(days=7)).isoformat()
    calls = {
        "referral": (
            "POST",
            "/api/v1/referrals/",
            cast["tokens"]["mdt_member"],
            {
                "mdt": cast["mdt"],
                "received_on": received_on,
                "age_band": "15-17",
                "trafficking_type": "sex",
                "victim_status": "prospective",
                "referral_source": "education",
                "parish": cast["parish"],
                "needs": ["safe_housing"],
                "notes": "Disclosed to a school counselor; counselor called the CAC.",
            },
        ),
        "alert": (
            "POST",
            "/api/v1/alerts/",
            cast["tokens"]["mdt_member"],
            {"region": cast["region"], "severity": "urgent", "summary": "Youth at risk"},
        ),
        "health": ("GET", "/healthz/", None, None),
        "page": ("GET", "/alerts/", f"session={cast['session']}", None),
    }
    success = {"referral": 201, "alert": 201, "health": 200, "page": 200}
    results = []  # (kind, started, finished, status, content type, body)
    stop = threading.Event()

    def client(kind: str) -> None:
        method, path, token, body = calls[kind]
        while not stop.is_set():
            started = time.monotonic()
            status, content_type, answer = http_call(server.port, method, path, token, body)
            results.append((kind, started, time.monotonic(), status, content_type, answer))
            time.sleep(0.02)

    threads = [threading.Thread(target=client, args=(kind,)) for kind in calls for _ in (1, 2)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(1)
        cluster.server.restart("fast")  # in-flight transactions are cut off
        time.sleep(1)
        cluster.server.stop("fast")  # and an outage longer than a request waits
        time.sleep(3)
        cluster.server.start()
        back = time.monotonic()
        time.sleep(5)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        server.stop()

    log = server.log.read_text()
    statuses = Counter((kind, status) for kind, _, _, status, _, _ in results)
    # Every answer is a success or a clear 503 (JSON for the API, a page for the pages);
    # the server never went away.
    for kind, _, _, status, content_type, body in results:
        assert status in {success[kind], 503}, (kind, status, body[:300], statuses, log[-3000:])
        if kind == "page":
            assert content_type.startswith("text/html"), (kind, status, content_type)
            assert status == success[kind] or b"unavailable for a moment" in body, body
        else:
            assert content_type.startswith("application/json"), (kind, status, content_type)
            reason = json.loads(body).get("status" if kind == "health" else "detail")
            assert status == success[kind] or reason, body
    # The outage was seen (no request waits long enough to outlast it).
    assert all(statuses[(kind, 503)] for kind in success), statuses
    assert server.process.pid == pid
    assert "Traceback" not in log, log[-3000:]
    # Back without a restart of the server: everything sent 2 s after the database is up
    # succeeds (in practice the first request does).
    late = [row for row in results if row[1] > back + 2]
    assert late
    assert {kind: status for kind, _, _, status, _, _ in late} == success, Counter(
        (kind, status) for kind, _, _, status, _, _ in late
    )
    # Nothing lost, nothing half-written: every 201 is stored, and whatever is stored is
    # whole (a referral with its audit entry, an alert with its history).
    stored = django_report(database, STORED)
    created = {
        kind: {
            json.loads(body)["id"]
            for k, _, _, status, _, body in results
            if k == kind and status == 201
        }
        for kind in ("referral", "alert")
    }
    assert created["referral"] <= set(stored["referrals"])
    assert created["alert"] <= set(stored["alerts"])
    assert sorted(stored["audited"]) == sorted(stored["referrals"])
    assert sorted(stored["raised"]) == sorted(stored["alerts"])


def test_after_a_long_postgres_outage_the_server_serves_again_within_seconds(
    cluster,
    workdir,  # noqa: F811
):
    """The connection pool retries a lost database with a growing back-off (1, 2, 4, 8,
    16 s…): left alone it would still be waiting long after the database is back."""
    database = cluster.fresh_database()
    env = {"DATABASE_URL": database, "REDIS_URL": "", "DATABASE_POOL_TIMEOUT": "2"}
    server = AsgiProcess(workdir, env)
    server.start()
    answers = []  # (started, status)
    stop = threading.Event()

    def probe() -> None:
        while not stop.is_set():
            started = time.monotonic()
            answers.append((started, http_call(server.port, "GET", "/healthz/")[0]))
            time.sleep(0.1)

    prober = threading.Thread(target=probe)
    try:
        prober.start()
        time.sleep(0.5)
        cluster.server.stop("fast")
        time.sleep(16)
        cluster.server.start()
        back = time.monotonic()
        limit = back + 20
        while time.monotonic() < limit and not any(
            started > back and status == 200 for started, status in answers
        ):
            time.sleep(0.1)
    finally:
        stop.set()
        prober.join(timeout=30)
        server.stop()
    assert {status for _, status in answers} <= {200, 503}
    recovered = min(started for started, status in answers if started > back and status == 200)
    assert recovered - back < 4, f"first success {recovered - back:.1f} s after the database"


def test_an_alert_socket_outlives_a_postgres_outage_and_answers_acks_with_unavailable(
    cluster,
    workdir,  # noqa: F811
):
    database = cluster.fresh_database()
    cast = cluster.cast
    env = {
        "DATABASE_URL": database,
        "REDIS_URL": "",
        "DATABASE_POOL_TIMEOUT": "1",
        "ALERT_SOCKET_BEAT_SECONDS": str(BEAT_SECONDS),
    }
    server = AsgiProcess(workdir, env)
    server.start()
    socket_url = f"{server.ws_url}/ws/alerts/"
    as_responder = {"Authorization": f"Token {cast['tokens']['responder']}"}
    body = {"region": cast["region"], "severity": "critical"}

    def raise_alert(summary: str) -> int:
        token = cast["tokens"]["mdt_member"]
        status, _, answer = http_call(
            server.port, "POST", "/api/v1/alerts/", token, {**body, "summary": summary}
        )
        assert status == 201, (answer[:200], server.log.read_text()[-3000:])
        return json.loads(answer)["id"]

    async def event(socket, seconds: float = 10) -> dict:
        return json.loads(await asyncio.wait_for(socket.recv(), seconds))

    async def scenario():
        first = await asyncio.to_thread(raise_alert, "Before the outage")
        async with connect(
            socket_url, origin=server.url, additional_headers=as_responder
        ) as contact:
            assert (await event(contact))["alert"]["id"] == first
            await asyncio.to_thread(cluster.server.stop, "fast")
            await asyncio.sleep(4 * BEAT_SECONDS)  # beats fail meanwhile; the socket stays
            await contact.send(json.dumps({"type": "ack", "id": first}))
            assert await event(contact) == {"type": "error", "code": "unavailable", "id": first}
            # A new socket meanwhile is told to come back later, not crashed into.
            refused = await refused_code(socket_url, server.url, as_responder)
            await asyncio.to_thread(cluster.server.start)
            await contact.send(json.dumps({"type": "ack", "id": first}))
            cleared = {"type": "alert.cleared", "id": first, "status": "acknowledged"}
            assert await event(contact) == cleared
            second = await asyncio.to_thread(raise_alert, "After the outage")
            assert (await event(contact))["alert"]["id"] == second
            return first, second, refused

    try:
        first, second, refused = asyncio.run(scenario())
    finally:
        server.stop()
    assert refused == 1013  # try again later
    log = server.log.read_text()
    assert "Traceback" not in log, log[-3000:]
    report = django_report(
        database,
        "import json; from notifications.models import Alert; print(json.dumps("
        "{a.pk: [a.status, list(a.events.values_list('kind', flat=True))]"
        " for a in Alert.objects.all()}))",
    )
    assert report == {
        str(first): ["acknowledged", ["raised", "acknowledged"]],
        str(second): ["triggered", ["raised"]],
    }


async def refused_code(url: str, origin: str, headers: dict) -> int:
    """The close code of a socket the server ends at once, or the handshake's HTTP status."""
    try:
        async with connect(url, origin=origin, additional_headers=headers) as socket:
            await asyncio.wait_for(socket.recv(), 10)
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else 1006
    except InvalidStatus as status:
        return status.response.status_code
    raise AssertionError("the socket was served")


# --- Redis down ----------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_with_redis_down_alerts_are_stored_and_reach_every_socket_once(world, workdir):  # noqa: F811
    """Beyond the end-to-end Redis restart (tests/notifications/test_end_to_end.py): here
    the contact connects while Redis is already down, alerts are raised and acknowledged
    during the outage, and a second device joins meanwhile."""
    redis = RedisServer(workdir)
    redis.start()
    env = {**database_env(), "REDIS_URL": redis.url, "ALERT_SOCKET_BEAT_SECONDS": str(BEAT_SECONDS)}
    server = AsgiProcess(workdir, env)
    server.start()
    tokens = {
        name: api_token_issue(actor=world.users[name]).key for name in ("coordinator", "responder")
    }
    body = {"region": world.home.pk, "severity": "critical"}
    socket_url = f"{server.ws_url}/ws/alerts/"
    as_responder = {"Authorization": f"Token {tokens['responder']}"}

    def raise_alert(summary: str) -> tuple[int, float]:
        started = time.monotonic()
        status, _, answer = http_call(
            server.port,
            "POST",
            "/api/v1/alerts/",
            tokens["coordinator"],
            {**body, "summary": summary},
        )
        assert status == 201, (answer[:200], server.log.read_text()[-3000:])
        return json.loads(answer)["id"], time.monotonic() - started

    async def events(socket, count: int, seconds: float = 10) -> list[dict]:
        return [json.loads(await asyncio.wait_for(socket.recv(), seconds)) for _ in range(count)]

    async def quiet(socket, seconds: float) -> None:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(socket.recv(), seconds)

    async def scenario():
        await asyncio.to_thread(redis.stop)
        async with connect(socket_url, origin=server.url, additional_headers=as_responder) as phone:
            raised = [
                await asyncio.to_thread(raise_alert, f"During the outage {n}") for n in (1, 2, 3)
            ]
            # Raising does not wait on Redis.
            assert max(seconds for _, seconds in raised) < 5
            ids = [alert_id for alert_id, _ in raised]
            # The heartbeat brings them from the database while Redis is still down.
            assert [event["alert"]["id"] for event in await events(phone, 3)] == ids
            async with connect(
                socket_url, origin=server.url, additional_headers=as_responder
            ) as desk:
                assert [event["alert"]["id"] for event in await events(desk, 3)] == ids
                await phone.send(json.dumps({"type": "ack", "id": ids[0]}))
                cleared = {"type": "alert.cleared", "id": ids[0], "status": "acknowledged"}
                # No push to carry the ack to the desk: its beat clears it.
                assert await events(phone, 1) == [cleared]
                assert await events(desk, 1) == [cleared]
                await asyncio.to_thread(redis.start)
                after, _ = await asyncio.to_thread(raise_alert, "After the outage")
                for device in (phone, desk):
                    assert [event["alert"]["id"] for event in await events(device, 1)] == [after]
                # Several beats: nothing is sent twice to either device.
                await quiet(phone, 4 * BEAT_SECONDS)
                await quiet(desk, 0.1)
        # A closed socket's goodbye runs on the server after the client has gone: wait for
        # it (bounded) before the server is stopped, or the stop may cut it short.
        for _ in range(100):
            if not await asyncio.to_thread(AlertConnection.objects.exists):
                break
            await asyncio.sleep(0.1)
        return ids + [after]

    try:
        alerts = asyncio.run(scenario())
    finally:
        server.stop()
        redis.stop()
    assert sorted(Alert.objects.values_list("pk", flat=True)) == sorted(alerts)
    assert sorted(
        AlertEvent.objects.filter(kind="raised").values_list("alert", flat=True)
    ) == sorted(alerts)
    assert not AlertConnection.objects.exists()  # both sockets said goodbye


# --- the escalation worker killed and restarted ----------------------------------------------
RAISE = """
import json
from django.contrib.auth import get_user_model
from coordination.models import Region
from notifications import services

region = Region.objects.get(slug="home")
admin = get_user_model().objects.get(username="state_admin")
print(json.dumps([
    services.alert_raise(actor=admin, region=region, severity="urgent", summary=f"Alert {{n}}").pk
    for n in range({count})
]))
"""

ESCALATIONS = """
import json
from notifications.models import Alert, AlertEvent
print(json.dumps({
    "events": [[alert, at.isoformat()] for alert, at in
               AlertEvent.objects.filter(kind="escalated").values_list("alert", "at")],
    "alerts": {pk: [level, assignee] for pk, level, assignee in
               Alert.objects.values_list("pk", "escalation_level", "assigned_to")},
}))
"""


class Worker:
    """`manage.py run_escalations` in its own process, killed as a crash would."""

    def __init__(self, database: str, log: Path):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database,
            "REDIS_URL": "",
        }
        self.log = log
        self.process = None

    def start(self) -> None:
        command = [sys.executable, "manage.py", "run_escalations", "--interval", "0.2"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # the worker ends after its pass
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def test_a_killed_and_restarted_worker_escalates_every_due_alert_exactly_once(
    cluster,
    workdir,  # noqa: F811
):
    """The test makes alerts fall due (their clock is in the database) batch by batch while
    it crashes the worker: in the pass of a burst, then twice after part of a batch has
    escalated; a last batch falls due one by one after the last restart."""
    database = cluster.fresh_database()
    count = 60
    ids = django_report(database, RAISE.format(count=count))  # due in 5 minutes: not yet
    batches = [(ids[:30], 0), (ids[30:40], 0.1), (ids[40:50], 0.1), (ids[50:], 0.2)]
    due = {}
    worker = Worker(database, workdir / "worker.log")
    watcher = psycopg.connect(database, autocommit=True)

    def fall_due(batch, spacing: float) -> None:
        for n, alert in enumerate(batch):
            due[alert] = watcher.execute(
                "UPDATE notifications_alert SET escalate_at = now() + %s * interval '1 second'"
                " WHERE id = %s RETURNING escalate_at",
                (n * spacing, alert),
            ).fetchone()[0]

    def escalated() -> int:
        return watcher.execute(
            "SELECT count(*) FROM notifications_alertevent WHERE kind = 'escalated'"
        ).fetchone()[0]

    def worker_sessions(*, in_transaction: bool = False) -> int:
        """The worker's sessions (or those holding an open transaction: a pass under way)."""
        return watcher.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid() AND (xact_start IS NOT NULL OR NOT %s)",
            (in_transaction,),
        ).fetchone()[0]

    def worker_in_transaction() -> bool:
        return worker_sessions(in_transaction=True) > 0

    def start_worker() -> None:
        """Start it and wait until it is connected, so that what falls due next falls due
        while it runs (its start takes longer than a batch takes to fall due)."""
        worker.start()
        limit = time.monotonic() + 30
        while not worker_sessions() and time.monotonic() < limit:
            time.sleep(0.01)

    kills = []  # (escalated when killed, killed inside a pass)
    try:
        for batch, spacing in batches[:-1]:
            before = escalated()
            start_worker()
            fall_due(batch, spacing)
            # The burst: inside its pass, likely before it commits; later batches: once
            # some of the batch has escalated.
            progress = before if spacing == 0 else before + 1
            limit, inside = time.monotonic() + 30, False
            while not inside and time.monotonic() < limit:
                time.sleep(0.002)
                inside = escalated() >= progress and worker_in_transaction()
            worker.kill()
            kills.append((escalated(), inside))
            time.sleep(0.3)  # down a moment: what falls due meanwhile waits in the database
        start_worker()
        fall_due(*batches[-1])
        limit = time.monotonic() + 30
        while escalated() < count and time.monotonic() < limit:
            time.sleep(0.1)
        time.sleep(1)  # time for any second escalation to show
    finally:
        worker.stop()
        watcher.close()

    report = django_report(database, ESCALATIONS)
    per_alert = Counter(alert for alert, _ in report["events"])
    assert per_alert == dict.fromkeys(ids, 1), (per_alert, kills)
    backup = cluster.cast["users"]["backup"]
    assert {tuple(row) for row in report["alerts"].values()} == {(1, backup)}
    # Never early: each escalated once its time had come.
    for alert, at in report["events"]:
        assert datetime.datetime.fromisoformat(at) >= due[alert]
    # Each crash landed inside a pass, with part of the alerts escalated and part not.
    assert all(inside for _, inside in kills), kills
    assert all(done < count for done, _ in kills), kills
    assert any(done > 0 for done, _ in kills), kills
