"""Figure 9 of `make bench`: alert latency while CPU-heavy requests run beside it.

An alert raised over REST until its frame is on the contact's socket (as figure 1), p50 and
p99, first on a quiet server, then while three clients send CPU-heavy requests back to back:
uploads of a 20,000-row case file, the annual report's PDF, and meeting minutes of 10,000
characters (the longest text Lantern keeps). Both in the same run, on the production
layout: WEB_PROCESSES uvicorn processes (the Dockerfile's default), the task worker
(`db_worker` at nice 10, as in docker-compose.yml), Redis and PostgreSQL. Target: busy p99
at most 2× quiet p99.

For context, the same on the layout before issue 15: one uvicorn process doing the heavy
work itself (TASK_BACKEND=immediate).

On its own, with a small seed (no million case rows):

    createdb -h 127.0.0.1 -U postgres lantern_bench_heavy
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/lantern_bench_heavy
    .venv/bin/python bench/heavy_bench.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

ALERTS = 200  # per phase, one at a time
WEB_PROCESSES = 2  # the Dockerfile's WEB_CONCURRENCY default
CASE_ROWS = 20_000  # a full case file
MINUTES_CHARS = 10_000
HEAVY_TIMEOUT = 150.0  # an upload may wait TASK_WAIT_SECONDS twice over, and more
LAYOUTS = [
    "production",  # WEB_PROCESSES processes serve HTTP and sockets; the task worker
    "one_process_and_task_worker",  # the socket shares its one process with the requests
    "one_process_in_request",  # before issue 15: one process, heavy work in the request
]
# Also measurable on its own (`heavy_bench.py separate_socket_process`): the production
# layout plus a websocket-only process, as a proxy routing /ws/ apart would give.
TASK_WORKER = ["nice", "-n", "10", sys.executable, "manage.py", "db_worker"]
TASK_WORKER += ["--interval", "0.25", "--no-reload"]


# --- set-up -------------------------------------------------------------------------------
def seed_heavy(cast: dict) -> dict:
    """A provider with a reporter asked for 2031, a meeting for its minutes, the payloads."""
    from django.contrib.auth import get_user_model

    from coordination.models import Agency, Parish
    from coordination.people import services as people_services
    from coordination.people.access import SYSTEM
    from coordination.reporting import services as reporting_services
    from coordination.reporting.submissions import COLUMNS
    from mdt.meetings import services as meetings_services
    from mdt.models import MDT

    users = get_user_model()
    admin = users.objects.get(username="bench-admin")
    member = users.objects.get(username="bench-member")
    agency = Agency.objects.get(name="Bench Advocacy Center")
    parish = Parish.objects.get(pk=cast["parish"])
    reporter = people_services.user_create(
        actor=SYSTEM,
        username="bench-reporter",
        password=secrets.token_urlsafe(16),
        email="r@bench.example",
    )
    people_services.role_assignment_create(
        actor=SYSTEM, user=reporter, role="provider_reporter", agency=agency
    )
    cycle = reporting_services.reporting_cycle_open(
        actor=admin, year=2031, providers=[agency], deadline=dt.date(2032, 3, 31)
    )
    starts = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    [meeting] = meetings_services.meeting_schedule(
        actor=member,
        mdt=MDT.objects.get(pk=cast["mdt"]),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        location="Conference room B",
    )
    lines = [",".join(COLUMNS)]
    bands = ["0-11", "12-14", "15-17", "18-24", "25-34", "35+"]
    for n in range(CASE_ROWS):
        band = bands[n % len(bands)]
        lines.append(f"BN-{n:06d},sex,confirmed,{band},{parish.name},receiving_services")
    children = sum(1 for n in range(CASE_ROWS) if n % len(bands) < 3)
    notes = REPO / "tests" / "coordination" / "privacy" / "pii_free_notes.txt"
    words = notes.read_text().split()
    minutes = ""
    while len(minutes) < MINUTES_CHARS:
        minutes += " ".join(words) + " "
    return {
        "reporter": people_services.api_token_issue(actor=reporter).key,
        "cycle": cycle.pk,
        "agency": agency.pk,
        "meeting": meeting.pk,
        "csv": ("\n".join(lines) + "\n").encode(),
        "children": children,
        "adults": CASE_ROWS - children,
        "minutes": minutes[:MINUTES_CHARS].strip(),
    }


def _request(method: str, path: str, token: str, body: bytes, content_type: str) -> bytes:
    head = [
        f"{method} {path} HTTP/1.1",
        "Host: 127.0.0.1",
        f"Authorization: Token {token}",
        "Accept: application/json",
        "Connection: close",
    ]
    if body:
        head += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def heavy_requests(cast: dict, heavy: dict) -> dict[str, bytes]:
    boundary = secrets.token_hex(16)
    parts = io.BytesIO()
    fields = {
        "cycle": heavy["cycle"],
        "agency": heavy["agency"],
        "services_offered": "case_management",
        "parishes_served": cast["parish"],
        "children_served": heavy["children"],
        "adults_served": heavy["adults"],
    }
    for name, value in fields.items():
        parts.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        )
        parts.write(f"{value}\r\n".encode())
    parts.write(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="cases.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
    )
    parts.write(heavy["csv"] + f"\r\n--{boundary}--\r\n".encode())
    minutes = json.dumps({"minutes": heavy["minutes"]}).encode()
    return {
        "upload": _request(
            "POST", "/api/v1/annual-submissions/upload/", heavy["reporter"],
            parts.getvalue(), f"multipart/form-data; boundary={boundary}",
        ),
        "pdf": _request("GET", "/api/v1/reports/annual/2031.pdf", cast["tokens"]["admin"], b"", ""),
        "minutes": _request(
            "PUT", f"/api/v1/meetings/{heavy['meeting']}/minutes/", cast["tokens"]["member"],
            minutes, "application/json",
        ),
    }  # fmt: skip


async def exchange(port: int, request: bytes) -> int:
    """One request on its own connection; the status (the body is read and dropped)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAVY_TIMEOUT)
        await asyncio.wait_for(reader.read(), HEAVY_TIMEOUT)  # Connection: close
        return int(head.split()[1])
    finally:
        writer.close()


# --- the measurement ----------------------------------------------------------------------
async def alert_latencies(
    port: int, ws_port: int, cast: dict, count: int
) -> tuple[list[float], list[float]]:
    """Raise → frame latencies, and the part of each until the POST's answer."""
    from lantern_bench import PostConn, ws

    arrivals: dict[int, float] = {}
    body = {
        "region": cast["region"],
        "severity": "urgent",
        "summary": "Bench alert: youth at risk.",
    }
    raise_conn = PostConn(port, "/api/v1/alerts/", cast["tokens"]["coordinator"], lambda: body)
    latencies, posts = [], []

    class Target:  # what lantern_bench.ws needs of a server
        pass

    target = Target()
    target.port = ws_port
    async with ws(target, cast["tokens"]["contact"]) as socket:

        async def listen():
            async for message in socket:
                event = json.loads(message)
                if event.get("type") == "alert":
                    arrivals[event["alert"]["id"]] = time.perf_counter()

        listener = asyncio.create_task(listen())
        await asyncio.sleep(0.5)  # the replay of older alerts is over
        for _ in range(count):
            started = time.perf_counter()
            status, answer = await raise_conn.get()
            posts.append(time.perf_counter() - started)
            assert status == 201, answer
            alert_id = json.loads(answer)["id"]
            deadline = started + 30
            while alert_id not in arrivals and time.perf_counter() < deadline:
                await asyncio.sleep(0.0002)
            latencies.append(arrivals.get(alert_id, deadline) - started)
            await asyncio.sleep(0.02)  # alerts are rare; keep them apart
        listener.cancel()
    raise_conn.close()
    return latencies, posts


async def phase(port: int, cast: dict, requests: dict[str, bytes], ws_port=None) -> dict:
    from lantern_bench import quantiles

    ws_port = ws_port or port
    quiet, quiet_posts = await alert_latencies(port, ws_port, cast, ALERTS)
    done: dict[str, list] = {kind: [] for kind in requests}
    stop = asyncio.Event()

    async def heavy_loop(kind: str) -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                status = await exchange(port, requests[kind])
            except (OSError, TimeoutError, asyncio.IncompleteReadError) as error:
                status = type(error).__name__
            done[kind].append((status, time.perf_counter() - started))

    loops = [asyncio.create_task(heavy_loop(kind)) for kind in requests]
    await asyncio.sleep(3)  # the heavy work is under way
    busy, busy_posts = await alert_latencies(port, ws_port, cast, ALERTS)
    stop.set()
    await asyncio.wait(loops, timeout=HEAVY_TIMEOUT + 10)
    q50, q99 = quantiles(quiet)
    b50, b99 = quantiles(busy)
    heavy = {}
    for kind, results in done.items():
        statuses: dict[str, int] = {}
        for status, _ in results:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        times = sorted(seconds for _, seconds in results)
        heavy[kind] = {
            "requests": len(results),
            "statuses": statuses,
            "p50_s": times[len(times) // 2] if times else None,
            "max_s": times[-1] if times else None,
        }
    return {
        "alerts": len(busy),
        "lost": sum(1 for value in quiet + busy if value >= 30),
        "quiet_p50_ms": q50 * 1000,
        "quiet_p99_ms": q99 * 1000,
        "busy_p50_ms": b50 * 1000,
        "busy_p99_ms": b99 * 1000,
        "busy_max_ms": max(busy) * 1000,
        "ratio_p50": b50 / q50,
        "ratio_p99": b99 / q99,
        # How much of it is the POST's answer (the rest: commit → Redis → the socket).
        "quiet_post_p50_ms": quantiles(quiet_posts)[0] * 1000,
        "quiet_post_p99_ms": quantiles(quiet_posts)[1] * 1000,
        "busy_post_p50_ms": quantiles(busy_posts)[0] * 1000,
        "busy_post_p99_ms": quantiles(busy_posts)[1] * 1000,
        "heavy": heavy,
    }


def _resolve_all() -> None:
    from notifications.models import Alert

    Alert.objects.update(status="resolved", escalate_at=None)


def _drain_tasks(seconds: float = 120) -> None:
    """Wait for the task worker to finish what the last phase left queued."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            break
        time.sleep(0.5)
    DBTaskResult.objects.all().delete()


def measure(env: dict[str, str], workdir: Path, cast: dict, layouts=None) -> dict:
    """Figure 9 on each layout; the servers are started and stopped here."""
    from asgi_servers import Server
    from lantern_bench import start_server

    heavy = seed_heavy(cast)
    requests = heavy_requests(cast, heavy)
    results = {"web_processes": WEB_PROCESSES, "case_rows": CASE_ROWS}
    for layout in layouts or LAYOUTS:
        _resolve_all()
        servers = []
        try:
            if layout == "one_process_in_request":  # before issue 15
                web = start_server(layout, {**env, "TASK_BACKEND": "immediate"}, workdir)
                servers.append(web)
            else:
                processes = 1 if layout == "one_process_and_task_worker" else WEB_PROCESSES
                web = start_server(layout, env, workdir, workers=processes)
                worker = Server(f"{layout}-tasks", TASK_WORKER, 0, env, workdir)
                worker.start()
                servers += [web, worker]
            ws_port = None
            if layout == "separate_socket_process":
                sockets = start_server(f"{layout}-sockets", env, workdir)
                servers.append(sockets)
                ws_port = sockets.port
            results[layout] = asyncio.run(phase(web.port, cast, requests, ws_port))
            _drain_tasks()
        finally:
            for server in servers:
                server.stop()
    return results


def table_rows(r: dict) -> list[tuple]:
    """Rows for lantern_bench's table: (#, figure, measured, baseline, ratio, target, met)."""
    p = r["production"]
    layout = f"{r['web_processes']} web processes + task worker"
    rows = [
        (
            9,
            f"alert p50 beside heavy work ({layout})",
            f"{p['busy_p50_ms']:.1f} ms",
            f"{p['quiet_p50_ms']:.1f} ms quiet",
            f"{p['ratio_p50']:.2f}×",
            "—",
            None,
        ),
        (
            9,
            f"alert p99 beside heavy work ({layout})",
            f"{p['busy_p99_ms']:.1f} ms",
            f"{p['quiet_p99_ms']:.1f} ms quiet",
            f"{p['ratio_p99']:.2f}×",
            "≤ 2×",
            p["ratio_p99"] <= 2,
        ),
    ]
    context = {
        "one_process_and_task_worker": "one web process + task worker",
        "separate_socket_process": "sockets on a process of their own",
        "one_process_in_request": "one process doing the heavy work itself (before)",
    }
    for key, label in context.items():
        if key in r:
            c = r[key]
            rows.append(
                (
                    9,
                    f"(context) p99, {label}",
                    f"{c['busy_p99_ms']:.1f} ms",
                    f"{c['quiet_p99_ms']:.1f} ms quiet",
                    f"{c['ratio_p99']:.2f}×",
                    "—",
                    None,
                )
            )
    return rows  # fmt: skip


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this run.")
    import lantern_bench
    from asgi_servers import collect_static

    from tests.live import RedisServer

    lantern_bench.REFERRALS, lantern_bench.CASE_ROWS = 200, 500  # the small seed
    workdir = Path(tempfile.mkdtemp(prefix="lantern-heavy-"))
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    redis = RedisServer(workdir)
    redis.start()
    try:
        env = lantern_bench.django_env(redis.url)
        os.environ.update(env)
        collect_static(env)
        import django

        django.setup()
        cast = lantern_bench.seed()
        layouts = sys.argv[1:] or None
        result = measure(env, workdir, cast, layouts)
    finally:
        redis.stop()
    print(json.dumps(result, indent=2))
    for row in table_rows(result) if "production" in result else []:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
