"""Real services for end-to-end and fault tests, on loopback: a private Redis and a private
PostgreSQL cluster the test may stop and restart, and Lantern's ASGI application served by
uvicorn in separate processes (as in production), pointed at the test database or at a
database of the private cluster."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, what: str, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited early:\n{log.read_text()[-3000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start in 30 s:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class RedisServer:
    """A private redis-server (no persistence, like the machine's) that a test may stop
    and start again on the same port, as a Redis restart."""

    def __init__(self, workdir: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            message = "redis-server not found: install Debian's 'redis-server' package."
            if os.environ.get("CI") == "true":
                pytest.fail(message)  # .ci/run installs it; missing there is a failure
            pytest.skip(message)
        self.binary, self.workdir = binary, workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = workdir / f"redis-{self.port}.log"
        self.process = None

    def start(self) -> None:
        command = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        _wait_for_port(self.port, self.process, "redis-server", self.log)

    def stop(self) -> None:
        _stop(self.process)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


def database_env() -> dict[str, str]:
    """Environment that points a separate process at the test run's database."""
    from django.db import connection

    settings = connection.settings_dict
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        return {"SQLITE_PATH": str(settings["NAME"]), "DATABASE_URL": ""}
    user = settings.get("USER") or "postgres"
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return {"DATABASE_URL": f"postgres://{user}@{host}:{port}/{settings['NAME']}"}


def uvicorn_ws_options() -> list[str]:
    """The Makefile's websocket options for uvicorn (`UVICORN_WS`: no per-message deflate,
    the 64 KiB frame limit), read from it so that tests serve as `make run` does."""
    found = re.search(r"^UVICORN_WS\s*:=(.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    return shlex.split(found.group(1)) if found else []


class AsgiProcess:
    """`uvicorn config.asgi:application` in its own process, with the Makefile's websocket
    options (or `options`, e.g. the Dockerfile's). It logs warnings only, unless
    `log_level` says otherwise (uvicorn's default, `info`, writes each HTTP request line and
    websocket handshake)."""

    def __init__(
        self,
        workdir: Path,
        env: dict[str, str],
        log_level: str = "warning",
        options: list[str] | None = None,
    ):
        self.log_level = log_level
        self.options = uvicorn_ws_options() if options is None else options
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}"
        self.log = workdir / f"uvicorn-{self.port}.log"
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env}
        self.process = None

    def start(self) -> None:
        command = [sys.executable, "-m", "uvicorn", "config.asgi:application"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", self.log_level]
        command += self.options
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        _wait_for_port(self.port, self.process, "uvicorn", self.log)

    def stop(self) -> None:
        _stop(self.process)


def _postgres_bin() -> Path | None:
    """The newest installed PostgreSQL server binaries (Debian's layout), if any."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).resolve().parent if pg_ctl else None


class PostgresServer:
    """A private PostgreSQL cluster on a free loopback port, trust auth, in its own temp
    directory, that a test may stop, restart or kill — never the machine's shared server,
    which other tests use. As root, its commands run as the `postgres` OS user (PostgreSQL
    refuses to run as root)."""

    def __init__(self):
        self.bin = _postgres_bin()
        if self.bin is None or not (self.bin / "initdb").exists():
            pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed.")
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("Running as root with no 'postgres' OS user to run PostgreSQL as.")
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self.dir = Path(tempfile.mkdtemp(prefix="lantern-pg-"))
        if self.as_owner:
            shutil.chown(self.dir, user="postgres")
        self.data, self.log = self.dir / "data", self.dir / "server.log"
        self.port = free_port()
        self.initialised = False

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str, timeout: float = 60) -> str:
        result = subprocess.run(
            [*self.as_owner, *command], capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            tail = self.log.read_text()[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{command[0]} failed: {result.stdout}{result.stderr}\n{tail}")
        return result.stdout

    def pg_ctl(self, action: str, *options: str) -> None:
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-t", "30", *options, action
        )

    def start(self) -> None:
        if not self.initialised:
            self._run(
                str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-sync",
            )  # fmt: skip
            self.initialised = True
        # The socket in our own directory; fsync off: a test cluster, stopped cleanly.
        server_options = f"-k {self.dir} -p {self.port} -c listen_addresses=127.0.0.1"
        server_options += " -c fsync=off -c max_connections=100"
        self.pg_ctl("start", "-l", str(self.log), "-o", server_options)

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("stop", "-m", mode)

    def restart(self, mode: str = "fast") -> None:
        # Not `pg_ctl restart`: it has no -l, and the server would hold our output pipe.
        self.stop(mode)
        self.start()

    def psql(self, sql: str, database: str = "postgres") -> str:
        return self._run(
            str(self.bin / "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
            "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database, "-c", sql,
        )  # fmt: skip

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of `template`, if given); returns its URL."""
        copy = f" TEMPLATE {template}" if template else ""
        self.psql(f"CREATE DATABASE {name}{copy}")
        return self.url(name)

    def destroy(self) -> None:
        """Stop at once (whatever state the test left it in) and remove every file."""
        if self.initialised:
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def manage(env: dict[str, str], *arguments: str, timeout: float = 120) -> str:
    """`manage.py <arguments>` in its own process with `env` (e.g. another DATABASE_URL);
    returns its output, or fails the test with it."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env}
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(arguments)[:80]} failed:\n{result.stderr[-3000:]}")
    return result.stdout


@pytest.fixture
def workdir():
    with tempfile.TemporaryDirectory(prefix="lantern-live-") as path:
        yield Path(path)


def raise_alert_over_rest(port: int, token: str, region_id: int, summary: str) -> int:
    """POST /api/v1/alerts/ to a live server (the token decides who raises); the new id."""
    body = {"region": region_id, "severity": "critical", "summary": summary}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            "POST",
            "/api/v1/alerts/",
            body=json.dumps(body),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        assert response.status == 201, response.read()
        return json.load(response)["id"]
    finally:
        connection.close()
