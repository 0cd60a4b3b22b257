"""Which ASGI server should serve Lantern: uvicorn (uvloop + httptools) or daphne?

Run from the repository root, with a Python that has requirements/dev.txt *and*
bench/requirements-asgi.txt installed (a separate venv: daphne stays out of the app's):

    createdb -h 127.0.0.1 -U postgres lantern_bench_asgi
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lantern_bench_asgi \
    REDIS_URL=redis://127.0.0.1:6379/0 \
        /tmp/asgi-bench-venv/bin/python bench/asgi_servers.py
    dropdb -h 127.0.0.1 -U postgres lantern_bench_asgi

What it does: migrates that database, makes (or reuses) a `state_admin` user with an API
token, then starts each server as a subprocess on a free loopback port, one process each,
DEBUG off, access logs off, and drives it with an asyncio keep-alive HTTP/1.1 client in
this process. For GET /healthz/ and GET /api/v1/parishes/?page_size=50 (token auth) at
concurrency 1 and 32 it records requests/s, p50/p99 latency, and the server's own CPU
time per request (from /proc, so that it does not depend on how the 2 cores are shared
with the client). Servers are measured in alternating order over two rounds. Resident
memory (VmRSS, VmHWM from /proc/<pid>/status) is read at rest and after the load.
No websocket route exists yet, so no websocket figure is taken.

Every measurement is bounded by a request count and a time cap; the whole run takes about
two minutes. Results: a table on stdout and bench/results/asgi_servers.json.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess  # noqa: S404 - starting the servers under test is the point
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "asgi_servers.json"

ENDPOINTS = {
    "healthz": "/healthz/",
    "parishes": "/api/v1/parishes/?page_size=50",
}
CONCURRENCIES = (1, 32)
ROUNDS = 3  # odd rounds: uvicorn first; even rounds: daphne first
WARMUP_SECONDS = 1.0
WARMUP_MAX_REQUESTS = 2_000
MEASURE_SECONDS = 4.0
MEASURE_MAX_REQUESTS = 20_000
READ_TIMEOUT = 15.0
STARTUP_TIMEOUT = 60.0
BENCH_USERNAME = "asgi-bench"
# CPU (in cores) that neither the server, this client nor PostgreSQL used during a
# measurement; above this the machine was busy with something else and the figure is suspect.
OTHER_CPU_WARN = 0.25
# A measurement taken while the machine was busy is retried (the quietest try is kept) as
# long as the whole run still fits in this budget, counted from the script's start.
RUN_BUDGET_SECONDS = 175.0
MAX_TRIES = 3

CLK_TCK = os.sysconf("SC_CLK_TCK")


def server_commands(port: int) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "uvicorn": [
            py, "-m", "uvicorn", "config.asgi:application",
            "--host", "127.0.0.1", "--port", str(port),
            "--workers", "1", "--loop", "uvloop", "--http", "httptools",
            "--lifespan", "off", "--no-access-log", "--log-level", "warning",
        ],
        "daphne": [
            py, "-m", "daphne",
            "-b", "127.0.0.1", "-p", str(port),
            "-v", "0",  # verbosity 0: no access log (uvicorn's is off too)
            "config.asgi:application",
        ],
    }  # fmt: skip


# --- environment ----------------------------------------------------------------------


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def collect_static(env: dict[str, str]) -> None:
    """DEBUG is off here: Lantern refuses to start without collectstatic's manifest. Call
    it with STATIC_ROOT set to a directory of the run."""
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=REPO, env=env, check=True,
    )  # fmt: skip


def check_prerequisites() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this run (see the docstring).")
    missing = []
    for module in ("uvicorn", "uvloop", "httptools", "daphne"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        sys.exit(
            f"{sys.executable} lacks {', '.join(missing)}: run this with the bench venv "
            "(requirements/dev.txt + bench/requirements-asgi.txt)."
        )


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare_database(env: dict[str, str]) -> str:
    """Migrate, and return the API token of a state_admin made (or kept) for the bench."""
    manage(env, "migrate", "--noinput", "-v", "0")
    code = f"""
import secrets
from django.contrib.auth import get_user_model
from coordination.people import services
from coordination.people.access import SYSTEM
u = get_user_model().objects.filter(username={BENCH_USERNAME!r}).first()
if u is None:
    u = services.user_create(
        actor=SYSTEM, username={BENCH_USERNAME!r}, password=secrets.token_urlsafe(24)
    )
    services.role_assignment_create(actor=SYSTEM, user=u, role="state_admin")
print("TOKEN=" + services.api_token_issue(actor=u).key)
"""
    out = manage(env, "shell", "-c", code)
    for line in out.splitlines():
        if line.startswith("TOKEN="):
            return line.removeprefix("TOKEN=").strip()
    sys.exit(f"no token in manage.py shell output:\n{out}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- /proc readings -------------------------------------------------------------------


def proc_memory_kib(pid: int) -> dict[str, int]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def proc_threads(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


def proc_cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of the whole line
    return (utime + stime) / CLK_TCK


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (not idle, not waiting on I/O)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / CLK_TCK


def postgres_cpu_seconds() -> float:
    """CPU seconds of all processes named postgres (the server and its backends)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if text[text.index("(") + 1 : text.rindex(")")] == "postgres":
            fields = text[text.rindex(")") + 2 :].split()
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return total


def machine_info() -> dict:
    meminfo = {}
    for line in Path("/proc/meminfo").read_text().splitlines():
        key, _, value = line.partition(":")
        meminfo[key] = value.strip()
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kib = int(meminfo.get("MemTotal", "0 kB").split()[0])
    return {
        "cpu_cores": os.cpu_count(),
        "cpu_cores_usable": len(os.sched_getaffinity(0)),
        "cpu_model": model,
        "memory_total_gib": round(mem_kib / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "note": "load client runs on the same 2 cores as the server (and PostgreSQL)",
    }


def versions() -> dict[str, str]:
    out = {}
    for dist in (
        "uvicorn", "uvloop", "httptools", "daphne", "twisted", "autobahn",
        "django", "channels", "asgiref", "djangorestframework", "psycopg", "psycopg-pool",
    ):  # fmt: skip
        try:
            out[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


# --- server processes -----------------------------------------------------------------


class Server:
    def __init__(self, name: str, cmd: list[str], port: int, env: dict[str, str], logdir: Path):
        self.name, self.cmd, self.port, self.env = name, cmd, port, env
        self.log_path = logdir / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.log = self.log_path.open("wb")
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(  # noqa: S603
            self.cmd, cwd=REPO, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.log.close()

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def log_tail(self) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-3000:]
        return ""


# --- the load client: asyncio, HTTP/1.1 keep-alive ------------------------------------


class Conn:
    def __init__(self, port: int, request: bytes):
        self.port, self.request = port, request
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def get(self) -> tuple[int, bytes]:
        if self.writer is None:
            await self.open()
        assert self.reader is not None
        assert self.writer is not None
        self.writer.write(self.request)
        head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if line:
                k, _, v = line.partition(":")
                headers[k.strip().lower()] = v.strip()
        if "content-length" in headers:
            body = await asyncio.wait_for(
                self.reader.readexactly(int(headers["content-length"])), READ_TIMEOUT
            )
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await asyncio.wait_for(self._chunked(), READ_TIMEOUT)
        else:  # no framing: the server closes the connection to end the body
            body = await asyncio.wait_for(self.reader.read(), READ_TIMEOUT)
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)


def build_request(port: int, path: str, token: str | None) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Accept: application/json"]
    if token:
        lines.append(f"Authorization: Token {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


async def drive(conns: list[Conn], max_requests: int, seconds: float) -> dict:
    """Keep every connection busy until max_requests are sent or `seconds` pass."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    issued = 0
    start = time.perf_counter()
    deadline = start + seconds

    async def worker(conn: Conn) -> None:
        nonlocal issued
        while issued < max_requests and time.perf_counter() < deadline:
            issued += 1
            t0 = time.perf_counter()
            try:
                status, _ = await conn.get()
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as e:
                conn.close()
                errors.append(type(e).__name__)
                if len(errors) > 100:
                    return
                continue
            latencies.append(time.perf_counter() - t0)
            statuses[status] = statuses.get(status, 0) + 1

    await asyncio.wait_for(asyncio.gather(*(worker(c) for c in conns)), seconds + READ_TIMEOUT + 5)
    elapsed = time.perf_counter() - start
    return {"latencies": latencies, "statuses": statuses, "errors": errors, "elapsed": elapsed}


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    rank = max(1, round(q / 100 * len(sorted_values)))  # nearest rank
    return sorted_values[min(rank, len(sorted_values)) - 1]


async def measure(server: Server, endpoint: str, concurrency: int, token: str) -> dict:
    path = ENDPOINTS[endpoint]
    request = build_request(server.port, path, token if endpoint == "parishes" else None)
    conns = [Conn(server.port, request) for _ in range(concurrency)]
    try:
        await asyncio.gather(*(c.open() for c in conns))
        status, body = await conns[0].get()  # one checked answer before the clock starts
        check_body(endpoint, status, body)
        await drive(conns, WARMUP_MAX_REQUESTS, WARMUP_SECONDS)
        cpu0, client_cpu0 = proc_cpu_seconds(server.pid), time.process_time()
        pg0, busy0 = postgres_cpu_seconds(), machine_busy_seconds()
        run = await drive(conns, MEASURE_MAX_REQUESTS, MEASURE_SECONDS)
        cpu1, client_cpu1 = proc_cpu_seconds(server.pid), time.process_time()
        pg1, busy1 = postgres_cpu_seconds(), machine_busy_seconds()
    finally:
        for c in conns:
            c.close()
    lat = sorted(run["latencies"])
    ok = run["statuses"].get(200, 0)
    return {
        "server": server.name,
        "endpoint": endpoint,
        "path": path,
        "concurrency": concurrency,
        "requests": len(lat),
        "ok_200": ok,
        "non_200": {str(k): v for k, v in run["statuses"].items() if k != 200},
        "errors": len(run["errors"]),
        "seconds": round(run["elapsed"], 3),
        "rps": round(ok / run["elapsed"], 1),
        "p50_ms": round(percentile(lat, 50) * 1000, 2),
        "p99_ms": round(percentile(lat, 99) * 1000, 2),
        "mean_ms": round(statistics.fmean(lat) * 1000, 2) if lat else None,
        "server_cpu_ms_per_req": round((cpu1 - cpu0) * 1000 / max(1, len(lat)), 3),
        "server_cpu_util": round((cpu1 - cpu0) / run["elapsed"], 2),
        "client_cpu_util": round((client_cpu1 - client_cpu0) / run["elapsed"], 2),
        "postgres_cpu_util": round((pg1 - pg0) / run["elapsed"], 2),
        "other_cpu_util": round(
            max(0.0, (busy1 - busy0) - (cpu1 - cpu0) - (client_cpu1 - client_cpu0) - (pg1 - pg0))
            / run["elapsed"],
            2,
        ),
    }


def check_body(endpoint: str, status: int, body: bytes) -> None:
    if status != 200:
        raise RuntimeError(f"{endpoint}: HTTP {status}: {body[:300]!r}")
    data = json.loads(body)
    if endpoint == "healthz" and data.get("status") != "ok":
        raise RuntimeError(f"healthz answered {data!r}")
    if endpoint == "parishes" and len(data.get("results", [])) != 50:
        raise RuntimeError(f"parishes answered {len(data.get('results', []))} results, not 50")


async def wait_ready(server: Server) -> float:
    request = build_request(server.port, ENDPOINTS["healthz"], None)
    start = server.started_at
    while time.perf_counter() - start < STARTUP_TIMEOUT:
        if server.proc is not None and server.proc.poll() is not None:
            raise RuntimeError(f"{server.name} exited early:\n{server.log_tail()}")
        conn = Conn(server.port, request)
        try:
            status, _ = await conn.get()
            if status == 200:
                return time.perf_counter() - start
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            conn.close()
        await asyncio.sleep(0.05)
    raise RuntimeError(f"{server.name}: /healthz/ not answering after {STARTUP_TIMEOUT}s")


# --- the run --------------------------------------------------------------------------


async def run(servers: list[Server], token: str, started: float) -> dict:
    memory: dict[str, dict] = {}
    for s in servers:
        s.start()
    for s in servers:
        ready = await wait_ready(s)
        # Both start at once and share the cores: a rough figure, not a startup benchmark.
        memory[s.name] = {"startup_to_healthz_s": round(ready, 2)}
    await asyncio.sleep(2)  # let both settle before "at rest"
    for s in servers:
        mem = proc_memory_kib(s.pid)
        memory[s.name]["rss_at_rest_mib"] = round(mem["VmRSS"] / 1024, 1)
        memory[s.name]["threads_at_rest"] = proc_threads(s.pid)

    by_name = {s.name: s for s in servers}
    samples = []
    one = WARMUP_SECONDS + MEASURE_SECONDS + 0.5
    left = ROUNDS * len(ENDPOINTS) * len(CONCURRENCIES) * len(servers)
    for rnd in range(ROUNDS):
        order = ["uvicorn", "daphne"] if rnd % 2 == 0 else ["daphne", "uvicorn"]
        for endpoint in ENDPOINTS:
            for concurrency in CONCURRENCIES:
                for name in order:
                    left -= 1
                    tries = []
                    while True:
                        tries.append(await measure(by_name[name], endpoint, concurrency, token))
                        busy = tries[-1]["other_cpu_util"] > OTHER_CPU_WARN
                        fits = time.monotonic() - started + (left + 1) * one < RUN_BUDGET_SECONDS
                        if not busy or len(tries) >= MAX_TRIES or not fits:
                            break
                        print(
                            f"  (machine busy: other processes used"
                            f" {tries[-1]['other_cpu_util']:.2f} cores; measuring again)",
                            flush=True,
                        )
                        await asyncio.sleep(1)
                    r = min(tries, key=lambda t: t["other_cpu_util"])
                    r["round"] = rnd + 1
                    r["tries"] = len(tries)
                    samples.append(r)
                    print(
                        f"  round {rnd + 1} {name:8} {endpoint:9} c={concurrency:<3}"
                        f" {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.2f} ms"
                        f"  p99 {r['p99_ms']:7.2f} ms  ({r['requests']} req,"
                        f" {r['errors']} errors, non-200 {r['non_200'] or 0};"
                        f" CPU cores: server {r['server_cpu_util']:.2f}"
                        f" client {r['client_cpu_util']:.2f} pg {r['postgres_cpu_util']:.2f}"
                        f" other {r['other_cpu_util']:.2f})",
                        flush=True,
                    )
    await asyncio.sleep(2)
    for s in servers:
        mem = proc_memory_kib(s.pid)
        memory[s.name]["rss_after_load_mib"] = round(mem["VmRSS"] / 1024, 1)
        memory[s.name]["rss_peak_mib"] = round(mem["VmHWM"] / 1024, 1)
        memory[s.name]["threads_after_load"] = proc_threads(s.pid)
    return {"samples": samples, "memory": memory}


def summarise(samples: list[dict]) -> list[dict]:
    """Median over the rounds, per server, endpoint and concurrency."""
    rows = []
    for endpoint in ENDPOINTS:
        for concurrency in CONCURRENCIES:
            for name in ("uvicorn", "daphne"):
                want = (name, endpoint, concurrency)
                group = [
                    s for s in samples if (s["server"], s["endpoint"], s["concurrency"]) == want
                ]
                row = {"server": name, "endpoint": endpoint, "concurrency": concurrency}
                for key in ("rps", "p50_ms", "p99_ms", "server_cpu_ms_per_req"):
                    row[key] = round(statistics.median(g[key] for g in group), 3)
                row["rps_per_round"] = [g["rps"] for g in group]
                row["errors"] = sum(g["errors"] for g in group)
                row["non_200"] = sum(sum(g["non_200"].values()) for g in group)
                rows.append(row)
    return rows


def ratios(rows: list[dict], memory: dict) -> list[dict]:
    out = []
    for endpoint in ENDPOINTS:
        for concurrency in CONCURRENCIES:
            u, d = (
                next(r for r in rows if (r["server"], r["endpoint"], r["concurrency"]) == key)
                for key in (("uvicorn", endpoint, concurrency), ("daphne", endpoint, concurrency))
            )
            out.append(
                {
                    "endpoint": endpoint,
                    "concurrency": concurrency,
                    **{
                        f"{k}_uvicorn_over_daphne": round(u[k] / d[k], 2) if d[k] else None
                        for k in ("rps", "p50_ms", "p99_ms", "server_cpu_ms_per_req")
                    },
                }
            )
    for key in ("rss_at_rest_mib", "rss_after_load_mib", "rss_peak_mib"):
        out.append(
            {
                "memory": key,
                "uvicorn_over_daphne": round(memory["uvicorn"][key] / memory["daphne"][key], 2),
            }
        )
    return out


def print_table(rows: list[dict], memory: dict, ratio_rows: list[dict]) -> None:
    print()
    print(
        f"{'endpoint':10} {'conc':>4} {'server':8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'srv CPU ms/req':>14} {'errors':>6}"
    )
    for r in rows:
        print(
            f"{r['endpoint']:10} {r['concurrency']:>4} {r['server']:8} {r['rps']:8.1f}"
            f" {r['p50_ms']:8.2f} {r['p99_ms']:8.2f} {r['server_cpu_ms_per_req']:14.3f}"
            f" {r['errors'] + r['non_200']:>6}"
        )
    print()
    print(f"{'ratio uvicorn/daphne':24} {'req/s':>6} {'p50':>6} {'p99':>6} {'CPU/req':>8}")
    for r in ratio_rows:
        if "endpoint" in r:
            print(
                f"{r['endpoint'] + ' c=' + str(r['concurrency']):24}"
                f" {r['rps_uvicorn_over_daphne']:6.2f} {r['p50_ms_uvicorn_over_daphne']:6.2f}"
                f" {r['p99_ms_uvicorn_over_daphne']:6.2f}"
                f" {r['server_cpu_ms_per_req_uvicorn_over_daphne']:8.2f}"
            )
    print()
    print(f"{'memory (MiB)':14} {'at rest':>8} {'after load':>10} {'peak':>6} {'threads':>8}")
    for name, m in memory.items():
        print(
            f"{name:14} {m['rss_at_rest_mib']:8.1f} {m['rss_after_load_mib']:10.1f}"
            f" {m['rss_peak_mib']:6.1f} {m['threads_at_rest']:>3}->{m['threads_after_load']:<3}"
        )
    for r in ratio_rows:
        if "memory" in r:
            print(f"  {r['memory']} uvicorn/daphne: {r['uvicorn_over_daphne']:.2f}")


def main() -> int:
    check_prerequisites()
    load_at_start = os.getloadavg()
    os.chdir(REPO)
    os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="asgi-bench-static-"))
    env = server_env()
    started = time.monotonic()
    collect_static(env)
    print("migrating and making the bench user ...", flush=True)
    token = prepare_database(env)

    ports = {}
    for name in ("uvicorn", "daphne"):
        ports[name] = free_port()
    servers = []
    with tempfile.TemporaryDirectory(prefix="asgi-bench-") as logdir:
        for name in ("uvicorn", "daphne"):
            cmd = server_commands(ports[name])[name]
            servers.append(Server(name, cmd, ports[name], env, Path(logdir)))

        def on_signal(signum, frame):
            raise SystemExit(128 + signum)

        signal.signal(signal.SIGTERM, on_signal)
        try:
            try:
                import uvloop

                loop_factory = uvloop.new_event_loop
                client_loop = "uvloop"
            except ImportError:  # pragma: no cover
                loop_factory = None
                client_loop = "asyncio"
            with asyncio.Runner(loop_factory=loop_factory) as runner:
                result = runner.run(run(servers, token, started))
        except BaseException:
            for s in servers:
                tail = s.log_tail()
                if tail.strip():
                    print(f"--- {s.name} log ---\n{tail}", file=sys.stderr)
            raise
        finally:
            for s in servers:
                s.stop()
        for s in servers:
            tail = s.log_tail().strip()
            if tail:
                print(f"--- {s.name} log (should be empty) ---\n{tail}", file=sys.stderr)

    rows = summarise(result["samples"])
    busy = [s for s in result["samples"] if s["other_cpu_util"] > OTHER_CPU_WARN]
    ratio_rows = ratios(rows, result["memory"])
    print_table(rows, result["memory"], ratio_rows)

    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "versions": versions(),
        "setup": {
            "servers": {
                name: " ".join(
                    Path(a).name if a == sys.executable else a for a in server_commands(0)[name]
                )
                .replace("--port 0", "--port PORT")
                .replace("-p 0", "-p PORT")
                for name in ("uvicorn", "daphne")
            },
            "settings": "config.settings.base, DEBUG=false, ALLOWED_HOSTS=127.0.0.1, "
            "LOG_LEVEL=WARNING, PostgreSQL (psycopg pool 2..20) and Redis from the env",
            "client": f"asyncio ({client_loop}) in the bench process, HTTP/1.1 keep-alive, "
            "one connection per concurrent request stream",
            "warmup": f"{WARMUP_SECONDS}s (at most {WARMUP_MAX_REQUESTS} requests) per measurement",
            "measurement": f"{MEASURE_SECONDS}s or {MEASURE_MAX_REQUESTS} requests, "
            "whichever comes first",
            "rounds": f"{ROUNDS}, alternating which server goes first; the summary is the median",
            "retries": f"a measurement with other_cpu_util > {OTHER_CPU_WARN} is taken again, "
            f"up to {MAX_TRIES} tries while the run fits in {RUN_BUDGET_SECONDS}s; the quietest "
            "try is kept",
            "other_cpu_util": "machine busy CPU (/proc/stat) minus server, client and postgres "
            f"processes, in cores; above {OTHER_CPU_WARN} the machine was not quiet",
            "latency": "nearest-rank percentiles over all requests of one measurement",
            "server_cpu_ms_per_req": "server process utime+stime over the measurement / requests",
            "websocket": "not measured: no websocket route exists yet",
        },
        "load_average_at_start": [round(x, 2) for x in load_at_start],
        "measurements_with_other_cpu_over_warn": len(busy),
        "summary": rows,
        "ratios": ratio_rows,
        "memory": result["memory"],
        "samples": result["samples"],
        "duration_s": round(time.monotonic() - started, 1),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    tmp = RESULTS.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, indent=2) + "\n")
    tmp.replace(RESULTS)
    if busy:
        print(
            f"\nWARNING: in {len(busy)} of {len(result['samples'])} measurements other processes"
            f" used more than {OTHER_CPU_WARN} of a core (max"
            f" {max(s['other_cpu_util'] for s in busy):.2f}): the machine was not quiet;"
            " rerun when it is.",
            file=sys.stderr,
        )
    print(f"\nwrote {RESULTS.relative_to(REPO)} in {report['duration_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
