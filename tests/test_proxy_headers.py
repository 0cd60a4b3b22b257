"""Who the client is: the sign-in lockout and the token throttle count per address, and a
client must not choose its own. uvicorn trusts `X-Forwarded-For` only from the proxy's
addresses (`FORWARDED_ALLOW_IPS`) and hands Django the resolved client as REMOTE_ADDR;
Django reads REMOTE_ADDR and nothing else (issue 15)."""

import http.client
import itertools
import re
import shlex
import urllib.parse
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from tests.live import AsgiProcess, database_env, workdir  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "Coordinator-passphrase-7"
_forged = (f"203.0.113.{n % 250 + 1}" for n in itertools.count())


@pytest.fixture
def coordinator(world):
    user = world.users["coordinator"]
    user.set_password(PASSPHRASE)
    user.save()
    return user


@pytest.fixture
def token_rate(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "3/min", "alert-raise": "1000/min"},
    }
    cache.clear()
    yield
    cache.clear()


def test_rotating_x_forwarded_for_does_not_escape_the_sign_in_lockout(coordinator):
    client = Client(REMOTE_ADDR="10.77.0.1")
    body = {"username": "coordinator", "password": "not-the-passphrase"}
    for _ in range(4):
        refused = client.post("/accounts/login/", body, HTTP_X_FORWARDED_FOR=next(_forged))
        assert refused.status_code == 200
    assert (
        client.post("/accounts/login/", body, HTTP_X_FORWARDED_FOR=next(_forged)).status_code == 429
    )
    body["password"] = PASSPHRASE
    locked = client.post("/accounts/login/", body, HTTP_X_FORWARDED_FOR=next(_forged))
    assert locked.status_code == 429


def test_rotating_x_forwarded_for_does_not_escape_the_token_lockout(coordinator):
    api = APIClient(REMOTE_ADDR="10.77.0.2")
    body = {"username": "coordinator", "password": "not-the-passphrase"}
    statuses = [
        api.post(
            "/api/v1/auth/token/", body, format="json", HTTP_X_FORWARDED_FOR=next(_forged)
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]


def test_rotating_x_forwarded_for_does_not_escape_the_token_throttle(coordinator, token_rate):
    api = APIClient(REMOTE_ADDR="10.77.0.3")
    body = {"username": "coordinator", "password": PASSPHRASE}
    statuses = [
        api.post(
            "/api/v1/auth/token/", body, format="json", HTTP_X_FORWARDED_FOR=next(_forged)
        ).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    # Another client address is another count: the limit is per address, not global.
    other = APIClient(REMOTE_ADDR="10.77.0.4")
    assert other.post("/api/v1/auth/token/", body, format="json").status_code == 200


# --- a real uvicorn with the production command's flags --------------------------------------
def production_uvicorn_options() -> list[str]:
    """The uvicorn options of the Dockerfile's command, without the address, port and
    process count (the test picks a free port and runs one process: the lockout is
    counted in the database either way)."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    found = re.search(r"uvicorn config\.asgi:application([^\"\n]*)", dockerfile)
    assert found, "the Dockerfile's command serves config.asgi:application with uvicorn"
    options = shlex.split(found.group(1))
    kept, skip = [], False
    for option in options:
        if skip:
            skip = False
            continue
        if option in {"--host", "--port", "--workers"}:
            skip = True
            continue
        if option.startswith(("--host=", "--port=", "--workers=")) or option.startswith("$"):
            continue
        kept.append(option)
    return kept


def _sign_in(port: int, password: str, forwarded_for: str) -> int:
    """The sign-in page as a browser behind a proxy would use it: GET it for the CSRF
    cookie and token, then POST the form; the status of the POST."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/accounts/login/")
        page = connection.getresponse()
        html = page.read().decode()
        cookie = page.getheader("Set-Cookie").split(";")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode(
            {"username": "coordinator", "password": password, "csrfmiddlewaretoken": token}
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "X-Forwarded-For": forwarded_for,
        }
        connection.request("POST", "/accounts/login/", body=body, headers=headers)
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("allowed", "locked_out"),
    [
        # The production default: this test's client (127.0.0.1) is not the proxy.
        ("192.0.2.10", True),
        # Only when the peer is the configured proxy is its header the client's address;
        # then each forged address counts apart (what a proxy that appends is for).
        ("127.0.0.1", False),
    ],
)
def test_production_uvicorn_trusts_forwarded_for_only_from_the_configured_proxy(
    coordinator,
    workdir,  # noqa: F811
    allowed,
    locked_out,
):
    options = production_uvicorn_options()
    env = {**database_env(), "FORWARDED_ALLOW_IPS": allowed}
    server = AsgiProcess(workdir, env, options=options)
    server.start()
    try:
        statuses = [_sign_in(server.port, "not-the-passphrase", next(_forged)) for _ in range(5)]
        statuses.append(_sign_in(server.port, PASSPHRASE, next(_forged)))
    finally:
        server.stop()
    if locked_out:
        assert statuses == [200, 200, 200, 200, 429, 429]
    else:
        assert statuses == [200, 200, 200, 200, 200, 302]
