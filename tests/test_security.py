"""Hardening: production settings pass Django's deploy check, sign-in locks out a guesser,
sessions end, passwords are passphrases, and the token endpoint and alert raising are
rate-limited. Each test also shows the weakened case failing, so none can pass blindly."""

import itertools
import os
import secrets
import subprocess  # noqa: S404 - the deploy check runs as production would
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from coordination.people import services as people_services
from coordination.people.access import SYSTEM
from coordination.plumbing import throttling
from coordination.reporting import receipts
from notifications.models import Alert

REPO = Path(__file__).resolve().parent.parent
PASSPHRASE = "Coordinator-passphrase-7"
_addresses = (f"10.{n // 250}.{n % 250}.7" for n in itertools.count(1))


def an_address() -> str:
    """A fresh client address: throttles and lockouts count per address."""
    return next(_addresses)


# --- production settings ----------------------------------------------------------------
def deploy_check(**overrides: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "HTTPS", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="lantern.example.gov",
        RECEIPT_SIGNING_KEY=receipts.new_private_key(),
    )
    env.update(overrides)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_with_no_warning():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_its_own_receipt_key_is_warned():
    result = deploy_check(RECEIPT_SIGNING_KEY="")
    assert result.returncode != 0
    assert "lantern.W001" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("weakened", "warning"),
    [
        ({"HTTPS": "false"}, "security.W008"),  # no HTTPS redirect
        ({"DEBUG": "true"}, "security.W018"),
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECRET_KEY": "short"}, "security.W009"),
    ],
)
def test_the_deploy_check_names_a_weakened_setting(weakened, warning):
    result = deploy_check(**weakened)
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = deploy_check(SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_pages_carry_the_browser_protections(client, world):
    client.force_login(world.users["coordinator"])
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    for directive in ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"]:
        assert directive in policy
    assert "unsafe-eval" not in policy
    assert "'unsafe-inline'" not in policy.split("style-src-attr")[0]  # scripts never
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# --- sign-in ----------------------------------------------------------------------------
@pytest.fixture
def coordinator(world):
    user = world.users["coordinator"]
    user.set_password(PASSPHRASE)
    user.save()
    return user


def sign_in(client, password, address):
    return client.post(
        "/accounts/login/",
        {"username": "coordinator", "password": password},
        REMOTE_ADDR=address,
    )


def test_five_failed_sign_ins_pause_that_account_from_that_address(coordinator):
    address = an_address()
    client = Client()
    for _ in range(4):
        refused = sign_in(client, "not-the-passphrase", address)
        assert refused.status_code == 200
        assert "did not match" in refused.content.decode()
    assert sign_in(client, "not-the-passphrase", address).status_code == 429
    locked = sign_in(client, PASSPHRASE, address)  # even the right passphrase, for now
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "paused for 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The pair is paused, not the person: from their own desk they still sign in.
    assert sign_in(Client(), PASSPHRASE, an_address()).status_code == 302


def test_a_success_clears_the_failures(coordinator):
    address = an_address()
    for _ in range(4):
        sign_in(Client(), "not-the-passphrase", address)
    assert sign_in(Client(), PASSPHRASE, address).status_code == 302
    for _ in range(4):
        assert sign_in(Client(), "not-the-passphrase", address).status_code == 200
    assert sign_in(Client(), PASSPHRASE, address).status_code == 302


def test_the_token_endpoint_locks_out_too(coordinator):
    address = an_address()
    api = APIClient(REMOTE_ADDR=address)
    body = {"username": "coordinator", "password": "not-the-passphrase"}
    for _ in range(4):
        assert api.post("/api/v1/auth/token/", body, format="json").status_code == 400
    assert api.post("/api/v1/auth/token/", body, format="json").status_code == 429
    body["password"] = PASSPHRASE
    locked = api.post("/api/v1/auth/token/", body, format="json")
    assert locked.status_code == 429
    assert "token" not in locked.content.decode()


def test_a_session_lasts_one_shift_and_ends_with_the_browser(client, coordinator, settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    response = sign_in(client, PASSPHRASE, an_address())
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""  # no lifetime: gone when the browser closes
    assert cookie["expires"] == ""
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    assert client.get("/").status_code == 302  # after the shift: sign in again


@pytest.mark.parametrize(
    ("password", "accepted"),
    [("Short-pass1", False), ("password1234", False), ("Lantern-2026-passphrase", True)],
)
def test_passwords_are_passphrases(db, password, accepted):
    if accepted:
        assert people_services.user_create(
            actor=SYSTEM, username="newcomer", password=password
        ).check_password(password)
    else:
        with pytest.raises(ValidationError):
            people_services.user_create(actor=SYSTEM, username="newcomer", password=password)


# --- throttles ----------------------------------------------------------------------------
@pytest.fixture
def rates(settings):
    cache.clear()  # counts of earlier tests

    def set_rates(**scoped):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                "token": "1000/min",
                "alert-raise": "1000/min",
                "screening": "1000/min",
                **scoped,
            },
        }

    return set_rates


def test_the_token_endpoint_is_throttled_per_address(coordinator, rates):
    rates(token="3/min")
    api = APIClient(REMOTE_ADDR=an_address())
    body = {"username": "coordinator", "password": PASSPHRASE}
    for _ in range(3):
        assert api.post("/api/v1/auth/token/", body, format="json").status_code == 200
    throttled = api.post("/api/v1/auth/token/", body, format="json")
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    other = APIClient(REMOTE_ADDR=an_address())
    assert other.post("/api/v1/auth/token/", body, format="json").status_code == 200


ALERT = {"severity": "urgent", "summary": "Youth seen at a truck stop; LE notified"}


def test_raising_alerts_over_the_api_is_throttled_per_user_and_stores_nothing_more(
    api, world, rates
):
    rates(**{throttling.ALERT_RAISE: "2/min"})
    cache.delete(f"throttle_{throttling.ALERT_RAISE}_{world.users['coordinator'].pk}")
    client = api("coordinator")
    body = {**ALERT, "region": world.home.pk}
    assert [client.post("/api/v1/alerts/", body).status_code for _ in range(3)] == [201, 201, 429]
    assert Alert.objects.count() == 2
    # Answering is never throttled: the contact acknowledges both.
    for alert in Alert.objects.all():
        assert api("responder").post(f"/api/v1/alerts/{alert.pk}/acknowledge/").status_code == 200


def test_raising_alerts_on_the_page_is_throttled_with_a_clear_message(client, world, rates):
    rates(**{throttling.ALERT_RAISE: "2/min"})
    cache.delete(f"throttle_{throttling.ALERT_RAISE}_{world.users['coordinator'].pk}")
    client.force_login(world.users["coordinator"])
    form = {**ALERT, "region": world.home.pk}
    assert [client.post("/alerts/new/", form).status_code for _ in range(2)] == [302, 302]
    throttled = client.post("/alerts/new/", form)
    assert throttled.status_code == 429
    assert "Too many alerts raised in a short time" in throttled.content.decode()
    assert Alert.objects.count() == 2


class _CacheDown:
    def get(self, *args, **kwargs):
        raise ConnectionError("Redis is down")

    set = get


def test_with_the_cache_down_alerts_are_still_raised(api, world, rates, monkeypatch):
    """Rate counts live in Redis; an outage lets the limit go, never the alert."""
    rates(**{throttling.ALERT_RAISE: "1/min"})
    monkeypatch.setattr(throttling.SimpleRateThrottle, "cache", _CacheDown())
    client = api("coordinator")
    body = {**ALERT, "region": world.home.pk}
    assert [client.post("/api/v1/alerts/", body).status_code for _ in range(2)] == [201, 201]


# --- one limit per person over every way an alert is raised ------------------------------
@pytest.fixture
def screening_world(world):
    from coordination.learning.instruments import read
    from mdt.screening import instrument as scoring

    world.mdt.parishes.set([world.home_parish])
    instrument = scoring.load_instrument(read("mdt/data/screening_instrument_demo.yaml"))
    return world, instrument


def _danger_screen(client, world, instrument):
    from tests.mdt.test_screening import screen_via_api

    created = screen_via_api(client, world, instrument, immediate_harm="yes")
    assert created.status_code == 201, created.content
    return client.post(f"/api/v1/screenings/{created.json()['id']}/refer/", {}, format="json")


def test_screens_at_immediate_danger_share_the_alert_limit_and_store_nothing_over_it(
    api, screening_world, rates
):
    """The probe raised 35 critical alerts in 2.8 s through screens and refers as a user
    with no role, and put 35 referrals on an MDT's list."""
    world, instrument = screening_world
    rates(**{throttling.ALERT_RAISE: "2/min"})
    client = api("no_role")
    answers = [_danger_screen(client, world, instrument).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert Alert.objects.count() == 2
    from mdt.models import Referral

    assert Referral.objects.count() == 2  # the refused refer left no referral behind


def test_one_alert_limit_across_the_api_the_page_and_screens(api, client, screening_world, rates):
    world, instrument = screening_world
    rates(**{throttling.ALERT_RAISE: "2/min"})
    coordinator = world.users["coordinator"]
    assert (
        api("coordinator").post("/api/v1/alerts/", {**ALERT, "region": world.home.pk}).status_code
        == 201
    )
    client.force_login(coordinator)
    assert client.post("/alerts/new/", {**ALERT, "region": world.home.pk}).status_code == 302
    screener = api("anonymous")
    screener.force_authenticate(coordinator)
    refused = _danger_screen(screener, world, instrument)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert Alert.objects.count() == 2


def test_screening_itself_is_limited_per_person(api, screening_world, rates):
    from tests.mdt.test_screening import screen_via_api

    world, instrument = screening_world
    rates(screening="3/min")
    client = api("no_role")
    answers = [screen_via_api(client, world, instrument).status_code for _ in range(4)]
    assert answers == [201, 201, 201, 429]


def test_a_refer_over_the_limit_on_the_page_says_so(client, screening_world, rates):
    from mdt.screening import services as screening_services
    from tests.mdt.test_screening import answers_with

    world, instrument = screening_world
    rates(**{throttling.ALERT_RAISE: "1/min"})
    user = world.users["no_role"]
    screens = [
        screening_services.screening_submit(
            actor=user,
            instrument=instrument,
            discipline="education",
            parish=world.home_parish,
            age_band="12-14",
            answers=answers_with(instrument, immediate_harm="yes"),
        )
        for _ in range(2)
    ]
    client.force_login(user)
    client.post(f"/screenings/{screens[0].pk}/")
    page = client.post(f"/screenings/{screens[1].pk}/", follow=True)
    assert "Too many alerts raised in a short time" in page.content.decode()
    assert Alert.objects.count() == 1
