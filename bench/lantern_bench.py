"""`make bench`: Lantern's hot paths, each as a ratio to a baseline measured in the same run.

Run from the repository root against PostgreSQL on loopback (DATABASE_URL names a database
made for the run; `make bench` makes and drops it). Redis is a private redis-server this
script starts on a free port, so that figure 2 may restart it. Every measurement is bounded
in count and time; the run prints the table and writes bench/results/lantern.json. It
never fails on timing: a missed target is printed as such.

The figures, each against its baseline:
1. an alert raised over REST until its frame is on the contact's socket, p50 and p99 —
   against a raw Redis PUBLISH→SUBSCRIBE, plus a no-op ASGI POST, plus one raw INSERT;
2. delivered ÷ raised for 200 sockets, 10% of them reconnecting, Redis restarted once;
3. a page of 100 referrals (p50), the deepest page, queries as the page grows — against
   the same SELECT through psycopg and json.dumps;
4. the annual report over 1,000,000 case rows — against its GROUP BY statements run
   directly;
5. escalation lateness p99 (fired − due) — against the worker's step interval;
6. referral creates per second — against a no-op endpoint on the same server;
7. memory per idle websocket at 1,000 connections — against the process at rest;
8. the privacy guard's p99 on inputs built to backtrack, at 10,000 characters — against
   its p99 on ordinary notes (bench/guard_bench.py);
9. an alert's latency while CPU-heavy requests run beside it, on the production layout
   (several web processes and the task worker) — against the same, quiet, in the same run
   (bench/heavy_bench.py);
11. an alert raised over REST until the push service receives its encrypted Web Push
   request, p50 and p99 — against the same alert's websocket frame (bench/push_bench.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import resource
import secrets
import statistics
import subprocess  # noqa: S404 - starting the servers under test is the point
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from asgi_servers import (  # noqa: E402
    Conn,
    Server,
    collect_static,
    drive,
    free_port,
    machine_info,
    percentile,
    proc_memory_kib,
)

RESULTS = REPO / "bench" / "results" / "lantern.json"
ALERTS = 500
REFERRALS = 20_000
CASE_ROWS = 1_000_000
LOAD_SECONDS = 5.0
IDLE_SOCKETS = 1_000
CLIENTS = 200
ESCALATIONS = 200
STEP_INTERVAL = 1.0


# --- set-up -------------------------------------------------------------------------------
def django_env(redis_url: str, beat: float = 15.0) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        LOG_LEVEL="WARNING",
        REDIS_URL=redis_url,
        ALERT_SOCKET_BEAT_SECONDS=str(beat),
        # Plain HTTP on loopback, and one user raising alerts as fast as it can: the
        # production defaults (HTTPS redirect, 30 alerts a minute) would refuse the load.
        HTTPS="false",
        ALERT_RAISE_RATE="1000000/min",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    return env


def uvicorn(app: str, port: int, workers: int | None = None) -> list[str]:
    command = [
        sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
        "--loop", "uvloop", "--http", "httptools", "--lifespan", "off", "--no-access-log",
        "--log-level", "warning", "--ws-per-message-deflate", "false", "--ws-max-size", "65536",
    ]  # fmt: skip
    return command + (["--workers", str(workers)] if workers else [])


def start_server(
    name: str,
    env: dict[str, str],
    logdir: Path,
    app: str = "config.asgi:application",
    workers: int | None = None,
):
    port = free_port()
    server = Server(name, uvicorn(app, port, workers), port, env, logdir)
    server.start()
    deadline = time.monotonic() + 60
    import socket

    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        if server.proc.poll() is not None:
            break
        time.sleep(0.05)
    sys.exit(f"{name} did not start:\n{server.log_tail()}")


def seed() -> dict:
    """The cast, the referrals (COPY) and the million case rows (COPY)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from coordination.models import Parish, ReportingCycle
    from coordination.people import services as people_services
    from coordination.people.access import SYSTEM
    from mdt import services as mdt_services

    call_command("migrate", verbosity=0)
    users = get_user_model()
    region = people_services.region_create(
        actor=SYSTEM, name="Bench Region", slug="bench", escalation_minutes=60
    )
    parish = Parish.objects.order_by("name").first()
    people_services.parish_update(actor=SYSTEM, parish=parish, data={"region": region})
    agency = people_services.agency_create(
        actor=SYSTEM, name="Bench Advocacy Center", kind="advocacy_center", regions=[region],
        is_service_provider=True,
    )  # fmt: skip
    team = mdt_services.mdt_create(actor=SYSTEM, name="Bench MDT", region=region, parishes=[parish])

    def person(name, role=None, **scope):
        user = people_services.user_create(
            actor=SYSTEM,
            username=name,
            password=secrets.token_urlsafe(16),
            email=f"{name}@bench.example",
        )
        if role:
            people_services.role_assignment_create(actor=SYSTEM, user=user, role=role, **scope)
        return user

    admin = person("bench-admin", "state_admin")
    coordinator = person("bench-coordinator", "coordinator", region=region)
    contact = person("bench-contact", "responder", region=region, duty="primary")
    person("bench-backup", "responder", region=region, duty="backup")
    member = person("bench-member")
    mdt_services.membership_add(
        actor=admin, mdt=team, user=member, agency=agency, discipline="advocacy"
    )
    tokens = {
        user.username.removeprefix("bench-"): people_services.api_token_issue(actor=user).key
        for user in users.objects.filter(username__startswith="bench-")
    }
    today = dt.date.today()
    with connection.cursor() as cursor:
        raw = cursor.connection
        with raw.cursor().copy(
            "COPY mdt_referral (case_code, mdt_id, received_on, age_band, trafficking_type, "
            "victim_status, referral_source, parish_id, needs, notes, status, created_by_id, "
            "created_at) FROM STDIN"
        ) as copy:
            for n in range(REFERRALS):
                copy.write_row(
                    (f"R-B{n:07d}", team.pk, today - dt.timedelta(days=n % 700), "15-17", "sex",
                     "prospective", "education", parish.pk, "[]", "", "received", member.pk,
                     dt.datetime.now(dt.UTC))
                )  # fmt: skip
    # The annual report's million case rows: 50 providers' submissions for one year.
    providers = [
        people_services.agency_create(
            actor=SYSTEM, name=f"Bench Provider {n}", kind="service_provider", regions=[region],
            is_service_provider=True,
        )
        for n in range(50)
    ]  # fmt: skip
    cycle = ReportingCycle.objects.create(year=2030, deadline=dt.date(2031, 3, 31), opened_by=admin)
    cycle.providers.set(providers)
    parishes = list(Parish.objects.values_list("pk", flat=True))
    kinds = ["sex"] * 84 + ["labor"] * 11 + ["sex_and_labor"] * 5
    bands = ["0-11", "12-14", "15-17", "18-24", "25-34", "35+", "unknown"]
    rng = random.Random(14)  # noqa: S311 - bench data, the same every run
    with connection.cursor() as cursor:
        for index, provider in enumerate(providers):
            cursor.execute(
                "INSERT INTO coordination_annualsubmission (cycle_id, agency_id, created_at) "
                "VALUES (%s, %s, now()) RETURNING id",
                [cycle.pk, provider.pk],
            )
            submission = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO coordination_submissionversion (submission_id, number, is_current, "
                "submitted_by_id, submitted_at, source, services_offered, children_served, "
                "adults_served) VALUES (%s, 1, true, %s, now(), 'upload', '[]', 0, 0) RETURNING id",
                [submission, admin.pk],
            )
            version = cursor.fetchone()[0]
            with cursor.connection.cursor().copy(
                "COPY coordination_servedcase (version_id, case_code, trafficking_type, "
                "victim_status, age_band, parish_id, status_update) FROM STDIN"
            ) as copy:
                for n in range(CASE_ROWS // len(providers)):
                    copy.write_row(
                        (version, f"C{index}-{n}", rng.choice(kinds),
                         "confirmed" if rng.random() < 0.7 else "prospective",
                         rng.choice(bands), rng.choice(parishes), "receiving_services")
                    )  # fmt: skip
        cursor.execute("ANALYZE")
    return {
        "tokens": tokens,
        "region": region.pk,
        "parish": parish.pk,
        "mdt": team.pk,
        "cycle": cycle.pk,
        "contact": contact.pk,
        "coordinator": coordinator.pk,
    }


# --- HTTP and websocket clients -----------------------------------------------------------
class PostConn(Conn):
    """A keep-alive connection that POSTs a JSON body (Conn only GETs)."""

    def __init__(self, port: int, path: str, token: str | None, body_of):
        super().__init__(port, b"")
        self.path, self.token, self.body_of = path, token, body_of

    async def get(self):
        body = json.dumps(self.body_of()).encode()
        lines = [
            f"POST {self.path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "Content-Type: application/json",
            f"Content-Length: {len(body)}",
        ]
        if self.token:
            lines.append(f"Authorization: Token {self.token}")
        self.request = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        return await super().get()


def get_request(port: int, path: str, token: str) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", f"Authorization: Token {token}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def ws(server: Server, token: str):
    from websockets.asyncio.client import connect

    return connect(
        f"ws://127.0.0.1:{server.port}/ws/alerts/",
        origin=f"http://127.0.0.1:{server.port}",
        additional_headers={"Authorization": f"Token {token}"},  # never in the URL
        max_queue=None,
    )


def quantiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return percentile(ordered, 50), percentile(ordered, 99)


# --- figure 1: alert latency --------------------------------------------------------------
async def alert_latency(server: Server, noop: Server, redis_url: str, cast: dict) -> dict:
    import psycopg
    import redis.asyncio as aioredis

    arrivals: dict[int, float] = {}
    body = {
        "region": cast["region"],
        "severity": "urgent",
        "summary": "Bench alert: youth at risk.",
    }
    raise_conn = PostConn(
        server.port, "/api/v1/alerts/", cast["tokens"]["coordinator"], lambda: body
    )
    latencies = []
    async with ws(server, cast["tokens"]["contact"]) as socket:

        async def listen():
            async for message in socket:
                event = json.loads(message)
                if event.get("type") == "alert":
                    arrivals[event["alert"]["id"]] = time.perf_counter()

        listener = asyncio.create_task(listen())
        for _ in range(ALERTS):
            started = time.perf_counter()
            status, answer = await raise_conn.get()
            assert status == 201, answer
            alert_id = json.loads(answer)["id"]
            deadline = started + 10
            while alert_id not in arrivals and time.perf_counter() < deadline:
                await asyncio.sleep(0.0002)
            latencies.append(arrivals.get(alert_id, deadline) - started)
        listener.cancel()
    # Baseline, part 1: a raw Redis PUBLISH → SUBSCRIBE round trip.
    client = aioredis.from_url(redis_url)
    pubsub = client.pubsub()
    await pubsub.subscribe("bench")
    await pubsub.get_message(timeout=1)
    pubsub_times = []
    for n in range(ALERTS):
        started = time.perf_counter()
        await client.publish("bench", str(n))
        while (await pubsub.get_message(timeout=1)) is None:
            pass
        pubsub_times.append(time.perf_counter() - started)
    await pubsub.aclose()
    await client.aclose()
    # Part 2: a POST to a no-op ASGI app under the same server software.
    noop_conn = PostConn(noop.port, "/", None, lambda: body)
    noop_times = []
    for _ in range(ALERTS):
        started = time.perf_counter()
        await noop_conn.get()
        noop_times.append(time.perf_counter() - started)
    # Part 3: one raw INSERT, committed.
    insert_times = []
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as db:
        db.execute("CREATE TEMP TABLE bench_insert (id serial, summary text)")
        for _ in range(ALERTS):
            started = time.perf_counter()
            db.execute("INSERT INTO bench_insert (summary) VALUES (%s)", [body["summary"]])
            insert_times.append(time.perf_counter() - started)
    parts = [quantiles(times) for times in (pubsub_times, noop_times, insert_times)]
    p50, p99 = quantiles(latencies)
    base50, base99 = sum(p[0] for p in parts), sum(p[1] for p in parts)
    return {
        "alerts": len(latencies),
        "lost": sum(1 for value in latencies if value >= 10),
        "p50_ms": p50 * 1000,
        "p99_ms": p99 * 1000,
        "baseline_p50_ms": base50 * 1000,
        "baseline_p99_ms": base99 * 1000,
        "baseline_parts_p50_ms": {
            "redis_pubsub": parts[0][0] * 1000,
            "noop_asgi_post": parts[1][0] * 1000,
            "raw_insert": parts[2][0] * 1000,
        },
        "ratio_p50": p50 / base50,
        "ratio_p99": p99 / base99,
    }


# --- figure 2: delivery under reconnects and a Redis restart ------------------------------
async def delivery(server: Server, redis, cast: dict) -> dict:
    from websockets.exceptions import ConnectionClosed, InvalidHandshake

    received: list[dict[int, int]] = [dict() for _ in range(CLIENTS)]  # id → times, per socket
    duplicates = 0
    raised: list[int] = []
    stop = asyncio.Event()
    reconnecting = set(random.Random(2).sample(range(CLIENTS), CLIENTS // 10))  # noqa: S311

    async def client(index: int):
        nonlocal duplicates
        while not stop.is_set():
            try:
                async with ws(server, cast["tokens"]["contact"]) as socket:
                    on_this_socket: set[int] = set()
                    drop_at = None
                    if index in reconnecting:  # drops its connection a while after connecting
                        drop_at = time.monotonic() + random.uniform(1, 6)  # noqa: S311  # noqa: S311
                    while not stop.is_set():
                        if drop_at and time.monotonic() > drop_at:
                            break  # this client drops its connection and comes back
                        try:
                            message = await asyncio.wait_for(socket.recv(), 0.25)
                        except TimeoutError:
                            continue
                        event = json.loads(message)
                        if event.get("type") != "alert":
                            continue
                        alert_id = event["alert"]["id"]
                        if alert_id in on_this_socket:
                            duplicates += 1
                        on_this_socket.add(alert_id)
                        received[index][alert_id] = received[index].get(alert_id, 0) + 1
            except (ConnectionClosed, InvalidHandshake, OSError, TimeoutError):
                await asyncio.sleep(0.5)

    tasks = [asyncio.create_task(client(n)) for n in range(CLIENTS)]
    await asyncio.sleep(3)
    body = {"region": cast["region"], "severity": "urgent", "summary": "Bench delivery alert."}
    conn = PostConn(server.port, "/api/v1/alerts/", cast["tokens"]["coordinator"], lambda: body)
    for n in range(100):
        if n == 50:
            await asyncio.to_thread(redis.restart)
        status, answer = await conn.get()
        if status == 201:
            raised.append(json.loads(answer)["id"])
        await asyncio.sleep(0.05)
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline and not all(set(raised) <= set(r) for r in received):
        await asyncio.sleep(0.5)
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    delivered = sum(len(set(raised) & set(r)) for r in received)
    return {
        "clients": CLIENTS,
        "reconnecting_clients": len(reconnecting),
        "raised": len(raised),
        "delivered_ratio": delivered / (len(raised) * CLIENTS) if raised else 0.0,
        "shown_twice_on_one_connection": duplicates,
    }


# --- figure 3: a page of referrals --------------------------------------------------------
async def referral_pages(server: Server, cast: dict) -> dict:
    import psycopg

    token = cast["tokens"]["member"]
    conn = Conn(server.port, get_request(server.port, "/api/v1/referrals/?page_size=100", token))
    first = []
    body = b""
    for _ in range(60):
        started = time.perf_counter()
        status, body = await conn.get()
        assert status == 200, body
        first.append(time.perf_counter() - started)
    url = json.loads(body)["next"]
    while True:  # walk to the deepest page
        path = url.split("127.0.0.1", 1)[-1].split("/", 1)[-1]
        page = Conn(server.port, get_request(server.port, "/" + path, token))
        status, body = await page.get()
        following = json.loads(body)["next"]
        if not following:
            break
        url = following
    deepest = []
    for _ in range(60):
        started = time.perf_counter()
        status, body = await page.get()
        deepest.append(time.perf_counter() - started)
    # Issue 20: the same first page sorted by status (keyset over a computed rank), and
    # the referrals past a target, waiting longest first.
    variants = {}
    for name, query in (
        ("sorted_by_status", "sort=status"),
        ("overdue_oldest", "overdue=true&sort=oldest"),
    ):
        variant = Conn(
            server.port,
            get_request(server.port, f"/api/v1/referrals/?page_size=100&{query}", token),
        )
        timings = []
        for _ in range(60):
            started = time.perf_counter()
            status, body = await variant.get()
            assert status == 200, body
            timings.append(time.perf_counter() - started)
        variants[name] = statistics.median(timings)
    # The stack's own floor: one HTTP request through uvicorn and Django that runs a
    # `SELECT 1`. Not a target; it shows how much of the ratio no view can remove.
    floor_conn = Conn(server.port, get_request(server.port, "/healthz/", token))
    floor = []
    for _ in range(60):
        started = time.perf_counter()
        status, _ = await floor_conn.get()
        floor.append(time.perf_counter() - started)
    columns = (
        "id, case_code, mdt_id, received_on, age_band, trafficking_type, victim_status, "
        "referral_source, parish_id, needs, notes, status, created_at, closed_at"
    )
    baseline = []
    with psycopg.connect(os.environ["DATABASE_URL"]) as db:
        for _ in range(60):
            started = time.perf_counter()
            rows = db.execute(
                f"SELECT {columns} FROM mdt_referral WHERE mdt_id = %s ORDER BY id DESC LIMIT 100",  # noqa: S608
                [cast["mdt"]],
            ).fetchall()
            names = [name.strip() for name in columns.split(",")]
            json.dumps(
                {"results": [dict(zip(names, row, strict=True)) for row in rows]}, default=str
            )
            baseline.append(time.perf_counter() - started)
    p50 = statistics.median(first)
    return {
        "p50_first_ms": p50 * 1000,
        "p50_deepest_ms": statistics.median(deepest) * 1000,
        "baseline_p50_ms": statistics.median(baseline) * 1000,
        "http_floor_p50_ms": statistics.median(floor) * 1000,
        "ratio": p50 / statistics.median(baseline),
        "deepest_vs_first": statistics.median(deepest) / p50,
        **{f"p50_{name}_ms": value * 1000 for name, value in variants.items()},
        **{f"{name}_vs_first": value / p50 for name, value in variants.items()},
    }


def referral_queries(cast: dict) -> dict:
    """Queries per page of referrals, for a page of 10 and of 100 (in-process)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {cast['tokens']['member']}")
    queries = {}
    for size in (10, 100):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1/referrals/?page_size={size}").status_code == 200
        queries[f"queries_page_{size}"] = len(captured)
        path = f"/api/v1/referrals/?page_size={size}&sort=status&overdue=true"
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        queries[f"queries_sorted_overdue_page_{size}"] = len(captured)
    return queries


# --- figure 4: the annual report over a million rows --------------------------------------
def annual_report_speed(cast: dict) -> dict:
    import psycopg
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coordination.models import ReportingCycle
    from coordination.reporting.report import annual_report

    cycle = ReportingCycle.objects.get(pk=cast["cycle"])
    timings = []
    statements: list[str] = []
    for run in range(5):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            report = annual_report(cycle, suppress=True)
            report.as_dict()
            timings.append(time.perf_counter() - started)
        if run == 0:
            statements = [query["sql"] for query in captured.captured_queries]
    direct = []
    with psycopg.connect(os.environ["DATABASE_URL"]) as db:
        for _ in range(5):
            started = time.perf_counter()
            for sql in statements:
                db.execute(sql).fetchall()
            direct.append(time.perf_counter() - started)
    total = report.headline()["total"]
    return {
        "case_rows": total,
        "statements": len(statements),
        "p50_ms": statistics.median(timings) * 1000,
        "baseline_p50_ms": statistics.median(direct) * 1000,
        "ratio": statistics.median(timings) / statistics.median(direct),
    }


# --- figure 5: escalation lateness --------------------------------------------------------
def escalation_lateness(env: dict[str, str], logdir: Path, cast: dict) -> dict:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from notifications.models import Alert, AlertEvent
    from notifications.services import alert_raise

    coordinator = get_user_model().objects.get(pk=cast["coordinator"])
    from coordination.models import Region

    region = Region.objects.get(pk=cast["region"])
    Alert.objects.update(status="resolved", escalate_at=None)
    log = (logdir / "worker.log").open("wb")
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "run_escalations", "--interval", str(STEP_INTERVAL)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    alerts = [
        alert_raise(actor=coordinator, region=region, severity="urgent", summary="Escalate me.")
        for _ in range(ESCALATIONS)
    ]
    # Due times spread over the next 10 s, set once the alerts exist and the worker runs.
    start = timezone.now() + dt.timedelta(seconds=2)
    due = {}
    for n, alert in enumerate(alerts):
        due[alert.pk] = start + dt.timedelta(seconds=10 * n / ESCALATIONS)
        Alert.objects.filter(pk=alert.pk).update(escalate_at=due[alert.pk])
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        if AlertEvent.objects.filter(alert__in=due, kind="escalated").count() >= len(due):
            break
        time.sleep(0.5)
    worker.terminate()
    worker.wait(timeout=15)
    log.close()
    lateness = [
        (event.at - due[event.alert_id]).total_seconds()
        for event in AlertEvent.objects.filter(alert__in=due, kind="escalated")
    ]
    p50, p99 = quantiles(lateness)
    return {
        "escalated": len(lateness),
        "of": len(due),
        "p50_ms": p50 * 1000,
        "p99_ms": p99 * 1000,
        "interval_ms": STEP_INTERVAL * 1000,
        "ratio": p99 / STEP_INTERVAL,
    }


# --- figure 6: sustained referral creates -------------------------------------------------
async def referral_throughput(server: Server, cast: dict) -> dict:
    body = {
        "mdt": cast["mdt"], "received_on": str(dt.date.today()), "age_band": "15-17",
        "trafficking_type": "sex", "victim_status": "prospective", "referral_source": "education",
        "parish": cast["parish"], "needs": ["safe_housing"], "notes": "Bench referral.",
    }  # fmt: skip
    token = cast["tokens"]["member"]
    creates = [PostConn(server.port, "/api/v1/referrals/", token, lambda: body) for _ in range(16)]
    created = await drive(creates, 1_000_000, LOAD_SECONDS)
    noops = [Conn(server.port, get_request(server.port, "/healthz/", token)) for _ in range(16)]
    noop = await drive(noops, 1_000_000, LOAD_SECONDS)
    create_rps = created["statuses"].get(201, 0) / created["elapsed"]
    noop_rps = noop["statuses"].get(200, 0) / noop["elapsed"]
    return {
        "creates_per_s": create_rps,
        "noop_per_s": noop_rps,
        "ratio": create_rps / noop_rps,
        "create_errors": len(created["errors"])
        + sum(n for status, n in created["statuses"].items() if status != 201),
        "server": "uvicorn (uvloop, httptools), 1 process — chosen in bench/ASGI_SERVER.md",
    }


# --- figure 7: memory per idle websocket --------------------------------------------------
async def socket_memory(server: Server, cast: dict) -> dict:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
    async with ws(server, cast["tokens"]["contact"]):
        await asyncio.sleep(0.5)  # everything imported and warm
    await asyncio.sleep(1)
    rest = proc_memory_kib(server.pid)["VmRSS"]
    sockets = []
    for _ in range(IDLE_SOCKETS):
        sockets.append(await ws(server, cast["tokens"]["contact"]).__aenter__())
    await asyncio.sleep(3)
    loaded = proc_memory_kib(server.pid)["VmRSS"]
    for socket in sockets:
        await socket.close()
    return {
        "connections": IDLE_SOCKETS,
        "rest_kib": rest,
        "loaded_kib": loaded,
        "per_connection_kib": (loaded - rest) / IDLE_SOCKETS,
    }


# --- the run ------------------------------------------------------------------------------
def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this run (make bench does).")
    from tests.live import RedisServer

    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="lantern-bench-"))
    redis = RedisServer(workdir)
    redis.start()
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    env = django_env(redis.url)
    os.environ.update(env)
    collect_static(env)  # DEBUG is off: the servers need the manifest
    import django

    django.setup()
    print("seeding (20,000 referrals, 1,000,000 case rows)…", flush=True)
    cast = seed()
    servers = []
    results: dict[str, dict] = {}
    try:
        app = start_server("lantern", env, workdir)
        noop = start_server("noop", env, workdir, app="bench.noop_asgi:app")
        servers += [app, noop]
        print("1 alert latency…", flush=True)
        results["1_alert_latency"] = asyncio.run(alert_latency(app, noop, redis.url, cast))
        print("3 referral pages…", flush=True)
        results["3_referral_page"] = asyncio.run(referral_pages(app, cast))
        results["3_referral_page"].update(referral_queries(cast))
        print("4 annual report…", flush=True)
        results["4_annual_report"] = annual_report_speed(cast)
        print("6 referral creates…", flush=True)
        results["6_referral_creates"] = asyncio.run(referral_throughput(app, cast))
        print("5 escalation lateness…", flush=True)
        results["5_escalation_lateness"] = escalation_lateness(env, workdir, cast)
        idle = start_server("lantern-idle", env, workdir)
        servers.append(idle)
        print("7 memory per socket…", flush=True)
        results["7_socket_memory"] = asyncio.run(socket_memory(idle, cast))
        idle.stop()
        fresh = start_server("lantern-beat", django_env(redis.url, beat=5.0), workdir)
        servers.append(fresh)
        from notifications.models import Alert

        Alert.objects.update(status="resolved", escalate_at=None)
        print("2 delivery under reconnects and a Redis restart…", flush=True)
        results["2_delivery"] = asyncio.run(delivery(fresh, redis, cast))
        fresh.stop()
        import guard_bench

        print("8 the privacy guard on backtracking bait…", flush=True)
        results["8_guard_on_backtracking_bait"] = guard_bench.measure()
        print("10 the privacy guard's names: latency per note and memory…", flush=True)
        results["10_guard_names"] = guard_bench.measure_names()
        import push_bench

        print("11 Web Push latency against the websocket frame…", flush=True)
        results["11_push_latency"] = push_bench.measure(env, workdir, cast)
        import heavy_bench

        print("9 alert latency beside heavy work (three layouts, about 4 minutes)…", flush=True)
        results["9_alert_latency_beside_heavy_work"] = heavy_bench.measure(env, workdir, cast)
    finally:
        for server in servers:
            server.stop()
        redis.stop()
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "seconds": round(time.monotonic() - started, 1),
        "figures": results,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print_table(results)
    print(f"\nwritten to {RESULTS.relative_to(REPO)} in {report['seconds']} s")
    return 0


def print_table(r: dict) -> None:
    def row(number, figure, value, baseline, ratio, target, met):
        verdict = "—" if met is None else "yes" if met else "NO"
        cells = [number, figure, value, baseline, ratio, target, verdict]
        print("| " + " | ".join(str(cell) for cell in cells) + " |")

    print("\n| # | figure | measured | baseline | ratio | target | met |")
    print("|---|---|---|---|---|---|---|")
    a = r["1_alert_latency"]
    row(
        1,
        "alert REST → socket p50",
        f"{a['p50_ms']:.2f} ms",
        f"{a['baseline_p50_ms']:.2f} ms",
        f"{a['ratio_p50']:.2f}×",
        "≤ 1.5×",
        a["ratio_p50"] <= 1.5,
    )
    row(
        1,
        "alert REST → socket p99",
        f"{a['p99_ms']:.2f} ms",
        f"{a['baseline_p99_ms']:.2f} ms",
        f"{a['ratio_p99']:.2f}×",
        "≤ 3×",
        a["ratio_p99"] <= 3,
    )
    d = r["2_delivery"]
    row(
        2,
        f"delivered ÷ raised ({d['clients']} sockets, {d['reconnecting_clients']} "
        "reconnecting, Redis restarted)",
        f"{d['delivered_ratio']:.3f}; {d['shown_twice_on_one_connection']} twice",
        "—",
        "—",
        "1.000, 0 twice",
        d["delivered_ratio"] == 1 and d["shown_twice_on_one_connection"] == 0,
    )
    p = r["3_referral_page"]
    row(
        3,
        "GET 100 referrals p50",
        f"{p['p50_first_ms']:.2f} ms",
        f"{p['baseline_p50_ms']:.2f} ms",
        f"{p['ratio']:.2f}×",
        "≤ 3×",
        p["ratio"] <= 3,
    )
    row(
        3,
        "(context) GET /healthz/ p50: the HTTP floor",
        f"{p['http_floor_p50_ms']:.2f} ms",
        f"{p['baseline_p50_ms']:.2f} ms",
        f"{p['http_floor_p50_ms'] / p['baseline_p50_ms']:.2f}×",
        "—",
        None,
    )
    row(
        3,
        "deepest page ÷ first",
        f"{p['p50_deepest_ms']:.2f} ms",
        f"{p['p50_first_ms']:.2f} ms",
        f"{p['deepest_vs_first']:.2f}×",
        "≤ 1.2×",
        p["deepest_vs_first"] <= 1.2,
    )
    row(
        3,
        "queries, page of 10 vs 100",
        f"{p['queries_page_100']}",
        f"{p['queries_page_10']}",
        "—",
        "flat",
        p["queries_page_100"] == p["queries_page_10"],
    )
    q = r["4_annual_report"]
    row(
        4,
        f"annual report, {q['case_rows']:,} rows",
        f"{q['p50_ms']:.0f} ms",
        f"{q['baseline_p50_ms']:.0f} ms",
        f"{q['ratio']:.2f}×",
        "≤ 1.2×",
        q["ratio"] <= 1.2,
    )
    e = r["5_escalation_lateness"]
    row(
        5,
        f"escalation lateness p99 ({e['escalated']}/{e['of']})",
        f"{e['p99_ms']:.1f} ms",
        f"{e['interval_ms']:.0f} ms step",
        f"{100 * e['ratio']:.2f}%",
        "≤ 1%",
        e["ratio"] <= 0.01,
    )
    t = r["6_referral_creates"]
    row(
        6,
        "referral creates/s",
        f"{t['creates_per_s']:.0f}/s",
        f"{t['noop_per_s']:.0f}/s",
        f"{t['ratio']:.2f}",
        "≥ 0.3",
        t["ratio"] >= 0.3,
    )
    m = r["7_socket_memory"]
    row(
        7,
        f"memory per idle socket ({m['connections']})",
        f"{m['per_connection_kib']:.1f} KiB",
        f"{m['rest_kib']:,} KiB at rest",
        "—",
        "≤ 50 KiB",
        m["per_connection_kib"] <= 50,
    )
    g = r["8_guard_on_backtracking_bait"]
    row(
        8,
        f"privacy guard p99, {g['attack_inputs']} backtracking baits of "
        f"{g['attack_length']:,} characters (slowest: {g['slowest_attack']}, "
        f"{g['slowest_attack_ms']:.0f} ms)",
        f"{g['attack_p99_ms']:.1f} ms",
        f"{g['ordinary_p99_ms']:.2f} ms (a note)",
        f"{g['ratio_p99']:.0f}×",
        "no hang (the old guard ran for minutes)",
        g["attack_p99_ms"] < 1_000,
    )
    import heavy_bench

    for cells in heavy_bench.table_rows(r["9_alert_latency_beside_heavy_work"]):
        row(*cells)
    n = r["10_guard_names"]
    for quantile, target in (("p50", None), ("p99", 25)):
        row(
            10,
            f"privacy guard per note {quantile}, names included ({n['notes']} corpus notes)",
            f"{n[f'full_{quantile}_ms']:.2f} ms",
            f"{n[f'patterns_{quantile}_ms']:.3f} ms (patterns alone)",
            f"{n[f'full_{quantile}_ms'] / n[f'patterns_{quantile}_ms']:.0f}×",
            f"≤ {target} ms" if target else "—",
            n[f"full_{quantile}_ms"] <= target if target else None,
        )
    if "other_languages_notes" in n:  # issue 22: Spanish and Vietnamese notes
        for quantile, target in (("p50", None), ("p99", 25)):
            full = n[f"other_languages_full_{quantile}_ms"]
            alone = n[f"other_languages_patterns_{quantile}_ms"]
            row(
                10,
                f"guard per note {quantile}, Spanish and Vietnamese "
                f"({n['other_languages_notes']} notes)",
                f"{full:.2f} ms",
                f"{alone:.3f} ms (patterns alone)",
                f"{full / alone:.0f}×",
                f"≤ {target} ms" if target else "—",
                full <= target if target else None,
            )
    languages_kib = n.get("rss_extra_languages_kib", 0)
    extra_kib = n["rss_extra_patterns_kib"] + n["rss_extra_names_kib"] + languages_kib
    row(
        10,
        f"extra memory, the guard loaded (word lists {n['rss_extra_patterns_kib'] / 1024:.0f}"
        f" MiB, model {n['rss_extra_names_kib'] / 1024:.0f} MiB, Spanish and Vietnamese"
        f" lists {languages_kib / 1024:.0f} MiB)",
        f"{extra_kib / 1024:.0f} MiB",
        f"{n['rss_django_kib'] / 1024:.0f} MiB (Django)",
        "—",
        "≤ 200 MB",
        extra_kib * 1024 <= 200_000_000,
    )
    push = r.get("11_push_latency")
    if push:
        for quantile in ("p50", "p99"):
            row(
                11,
                f"alert REST → push service {quantile} ({push['pushed']} of {push['alerts']} "
                "pushed, through the alert worker)",
                f"{push[f'{quantile}_ms']:.1f} ms",
                f"{push[f'frame_{quantile}_ms']:.1f} ms (its websocket frame)",
                f"{push[f'ratio_{quantile}']:.1f}×",
                "—",
                None,
            )


if __name__ == "__main__":
    sys.exit(main())
