"""Two-factor sign-in (TOTP) for state admins: set up with a code, then required at
sign-in and for API tokens; a wrong code counts towards the lockout; a used code is spent."""

import itertools
import time

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from coordination.models import AuditEntry

PASSPHRASE = "State-admin-passphrase-3"
_addresses = (f"10.77.{n // 250}.{n % 250}" for n in itertools.count(1))


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def admin(world):
    user = world.users["state_admin"]
    user.set_password(PASSPHRASE)
    user.save()
    return user


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin)
    return client


def turn_on(client, admin) -> TOTPDevice:
    assert client.post("/accounts/two-factor/", {"action": "begin"}).status_code == 302
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    response = client.post("/accounts/two-factor/", {"action": "confirm", "code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    return device


def sign_in(password=PASSPHRASE, code="", address="10.77.0.1"):
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"username": "state_admin", "password": password, "otp_token": code},
        REMOTE_ADDR=address,
    )
    return client, response


@pytest.mark.parametrize(
    ("persona", "status"),
    [("state_admin", 200), ("coordinator", 403), ("mdt_member", 403), ("anonymous", 302)],
)
def test_two_factor_is_offered_to_state_admins(world, persona, status):
    client = Client()
    if world.users[persona]:
        client.force_login(world.users[persona])
    assert client.get("/accounts/two-factor/").status_code == status
    if status != 200:
        assert client.post("/accounts/two-factor/", {"action": "begin"}).status_code == status
        assert not TOTPDevice.objects.exists()


def test_setting_up_shows_a_key_and_turns_on_only_with_the_apps_code(admin_client, admin):
    admin_client.post("/accounts/two-factor/", {"action": "begin"})
    page = admin_client.get("/accounts/two-factor/").content.decode()
    assert "<svg" in page
    assert "enter this key by hand" in page
    device = TOTPDevice.objects.get(user=admin)
    wrong = admin_client.post("/accounts/two-factor/", {"action": "confirm", "code": "000000"})
    assert wrong.status_code == 400
    assert "does not match" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    admin_client.post("/accounts/two-factor/", {"action": "confirm", "code": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(detail="two-factor on", user=admin).exists()
    assert "Two-factor sign-in is on" in admin_client.get("/accounts/two-factor/").content.decode()


def test_with_two_factor_on_signing_in_takes_the_current_code(admin_client, admin):
    device = turn_on(admin_client, admin)
    _, without = sign_in()
    assert without.status_code == 200
    assert "enter the current 6-digit code" in without.content.decode()
    _, reused = sign_in(code=code_for(device))  # the code that turned it on is spent
    assert reused.status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # and the device now slows down guessing
    device.throttle_reset()
    client, signed_in = sign_in(code=code_for(device, steps_ahead=1))
    assert signed_in.status_code == 302
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_without_two_factor_on_nobody_is_asked_for_a_code(world):
    coordinator = world.users["coordinator"]
    coordinator.set_password(PASSPHRASE)
    coordinator.save()
    response = Client().post(
        "/accounts/login/", {"username": "coordinator", "password": PASSPHRASE}
    )
    assert response.status_code == 302


def test_wrong_codes_count_towards_the_lockout(admin_client, admin):
    turn_on(admin_client, admin)
    for _ in range(4):
        assert sign_in(code="123456", address="10.77.9.9")[1].status_code == 200
    assert sign_in(code="123456", address="10.77.9.9")[1].status_code == 429


def test_api_tokens_take_the_code_too(admin_client, admin):
    device = turn_on(admin_client, admin)
    api = APIClient(REMOTE_ADDR=next(_addresses))
    body = {"username": "state_admin", "password": PASSPHRASE}
    refused = api.post("/api/v1/auth/token/", body, format="json")
    assert refused.status_code == 400
    assert "otp" in refused.json()
    granted = api.post(
        "/api/v1/auth/token/", {**body, "otp": code_for(device, steps_ahead=1)}, format="json"
    )
    assert granted.status_code == 200
    assert granted.json()["token"]


def test_turning_it_off_takes_a_code_not_just_a_session(admin_client, admin):
    device = turn_on(admin_client, admin)
    refused = admin_client.post("/accounts/two-factor/", {"action": "turn-off", "code": "000000"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    admin_client.post(
        "/accounts/two-factor/", {"action": "turn-off", "code": code_for(device, steps_ahead=1)}
    )
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert sign_in()[1].status_code == 302
