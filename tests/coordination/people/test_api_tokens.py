"""API tokens (django-rest-knox): `POST /api/v1/auth/token/` issues a new one per sign-in
with its expiry; only a digest is stored. A token ends when it expires (one shift, never
extended by use), when its holder's password changes by any path, and when its holder is
deactivated (for good: reactivation does not bring it back). Malformed credentials answer
401 without reaching the database, never 500."""

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from coordination.people import services as people_services
from coordination.people.access import SYSTEM

PASSWORD = "a-Long-test-passphrase"  # the factories'
NEW_PASSWORD = "Another-long-passphrase-7"
ROOT = Path(__file__).resolve().parents[3]


def sign_in(username: str, password: str = PASSWORD):
    return APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )


def token_for(username: str) -> str:
    response = sign_in(username)
    assert response.status_code == 200, response.content
    return response.json()["token"]


def me(token: str, **extra):
    return APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}", **extra)


def later(**delta):
    """`timezone.now()` moved forward, for everything that asks it (knox included)."""
    moved = timezone.now() + datetime.timedelta(**delta)
    return mock.patch("django.utils.timezone.now", return_value=moved)


# --- issue ---------------------------------------------------------------------------------
def test_sign_in_answers_a_new_token_with_its_expiry_one_shift_ahead(world):
    before = timezone.now()
    first = sign_in("coordinator")
    assert first.status_code == 200
    assert set(first.json()) == {"token", "expiry"}
    expiry = datetime.datetime.fromisoformat(first.json()["expiry"])
    assert datetime.timedelta(hours=12) <= expiry - before < datetime.timedelta(hours=12, minutes=1)
    second = sign_in("coordinator")  # another device: its own token
    assert second.json()["token"] != first.json()["token"]
    for token in (first.json()["token"], second.json()["token"]):
        assert me(token).json()["username"] == "coordinator"


def test_only_a_digest_of_the_token_is_stored(world):
    from coordination.models import ApiToken

    token = token_for("coordinator")
    row = ApiToken.objects.get(user=world.users["coordinator"])
    stored = json.dumps(list(ApiToken.objects.values().get(pk=row.pk).values()), default=str)
    assert token not in stored
    assert token[:8] == row.token_key[:8]  # the short prefix that names it on the page


def test_the_lifetime_is_the_api_token_hours_setting():
    script = (
        "from config.settings import base as s; "
        "print(s.REST_KNOX['TOKEN_TTL'].total_seconds(), s.REST_KNOX['AUTO_REFRESH'])"
    )

    def under(env):
        clean = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME"}}
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**clean, "SECRET_KEY": "x" * 50, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.split()

    assert under({}) == ["43200.0", "False"]
    assert under({"API_TOKEN_HOURS": "2"}) == ["7200.0", "False"]


# --- expiry ----------------------------------------------------------------------------------
def test_a_token_is_refused_once_its_shift_is_over(world):
    token = token_for("responder")
    with later(hours=11, minutes=59):
        assert me(token).status_code == 200
    with later(hours=12, seconds=1):
        refused = me(token)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Token")


def test_using_a_token_all_shift_does_not_extend_it(world):
    """No auto-refresh: a stolen token used without a pause still dies at its expiry."""
    token = token_for("responder")
    for hours in range(1, 12):
        with later(hours=hours):
            assert me(token).status_code == 200
    with later(hours=12, seconds=1):
        assert me(token).status_code == 401


# --- password changes, by every path --------------------------------------------------------
def _by_service(world, user):
    people_services.user_update(actor=SYSTEM, user=user, data={"password": NEW_PASSWORD})


def _by_the_api(world, user):
    admin = APIClient()
    admin.force_authenticate(world.users["state_admin"])
    response = admin.patch(f"/api/v1/users/{user.pk}/", {"password": NEW_PASSWORD}, format="json")
    assert response.status_code == 200


def _by_the_admin_form(world, user):
    admin = Client()
    admin.force_login(world.users["state_admin"])
    response = admin.post(
        f"/admin/auth/user/{user.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content


def _by_changepassword(world, user):
    with mock.patch("getpass.getpass", return_value=NEW_PASSWORD):
        call_command("changepassword", user.username, stdout=io.StringIO())


def _by_set_password_and_save(world, user):
    user.set_password(NEW_PASSWORD)
    user.save()


PASSWORD_CHANGES = {
    "the user-update service": _by_service,
    "the users API": _by_the_api,
    "the admin's password form": _by_the_admin_form,
    "manage.py changepassword": _by_changepassword,
    "set_password and save": _by_set_password_and_save,
}


@pytest.mark.parametrize("path", list(PASSWORD_CHANGES))
def test_a_password_change_ends_every_token_of_that_person(world, path):
    user = world.users["coordinator"]
    tokens = [token_for("coordinator"), token_for("coordinator")]
    bystander = token_for("responder")
    PASSWORD_CHANGES[path](world, user)
    for token in tokens:
        assert me(token).status_code == 401
    assert me(bystander).status_code == 200
    fresh = sign_in("coordinator", NEW_PASSWORD)
    assert me(fresh.json()["token"]).status_code == 200


def test_changing_anything_but_the_password_keeps_the_tokens(world):
    token = token_for("coordinator")
    people_services.user_update(
        actor=SYSTEM, user=world.users["coordinator"], data={"email": "c2@agency.example"}
    )
    assert me(token).status_code == 200


# --- deactivation ----------------------------------------------------------------------------
def _set_active_over_the_api(world, user, active: bool):
    admin = APIClient()
    admin.force_authenticate(world.users["state_admin"])
    response = admin.patch(f"/api/v1/users/{user.pk}/", {"is_active": active}, format="json")
    assert response.status_code == 200


def _set_active_in_the_admin(world, user, active: bool):
    admin = Client()
    admin.force_login(world.users["state_admin"])
    joined = timezone.localtime(user.date_joined)
    form = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "date_joined_0": f"{joined:%Y-%m-%d}",
        "date_joined_1": f"{joined:%H:%M:%S}",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "0",
    }
    if active:
        form["is_active"] = "on"
    response = admin.post(f"/admin/auth/user/{user.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert user.is_active is active


@pytest.mark.parametrize("path", [_set_active_over_the_api, _set_active_in_the_admin])
def test_deactivating_a_person_ends_their_tokens_and_reactivating_does_not_revive_them(world, path):
    user = world.users["responder"]
    tried, untried = token_for("responder"), token_for("responder")
    path(world, user, False)
    assert me(tried).status_code == 401
    path(world, user, True)
    # Gone, including the one nobody presented while the person was inactive.
    assert me(untried).status_code == 401
    assert me(tried).status_code == 401
    assert me(token_for("responder")).status_code == 200  # signing in again works


# --- malformed credentials ---------------------------------------------------------------------
MALFORMED = {
    "a NUL byte": "Token \x00" + "a" * 63,
    "a NUL byte alone": "Token \x00",
    "10,000 characters": "Token " + "f" * 10_000,
    "bytes that are not UTF-8": "Token " + b"\xff\xfe".decode("latin-1") * 32,
    "beyond Latin-1": "Token " + "\U0001f511" * 64,
    "a space inside": "Token " + "a" * 32 + " " + "a" * 31,
    "no key": "Token",
    "hex of the wrong length": "Token " + "a" * 63,
    "not hex": "Token " + "g" * 64,
    "upper-case hex": "Token " + "A" * 64,
    "a key of DRF's old shape": "Token " + "0123456789abcdef0123456789abcdef01234567",
}


@pytest.mark.parametrize("header", list(MALFORMED))
def test_a_malformed_token_answers_401_without_a_query(world, header):
    with CaptureQueriesContext(connection) as queries:
        response = APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=MALFORMED[header])
    assert response.status_code == 401
    assert response.json()["detail"]
    assert not [query for query in queries if "token" in query["sql"].lower()]


def test_a_well_formed_token_that_is_not_one_answers_401(world):
    response = me("0" * 64)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


# --- revocation over the API: one's own tokens only -----------------------------------------
PERSONAS = [
    "no_role",
    "state_admin",
    "superuser",
    "coordinator",
    "coordinator_away",
    "mdt_member",
    "responder",
    "reporter",
]


def as_holder(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def token_ids(user) -> list[int]:
    from coordination.models import ApiToken

    return list(ApiToken.objects.filter(user=user).values_list("pk", flat=True))


def revocations(user) -> list[tuple[str, list[int]]]:
    from coordination.models import AuditEntry

    entries = AuditEntry.objects.filter(user=user, object_type="api_token").order_by("pk")
    return [(entry.detail, entry.object_ids) for entry in entries]


def test_the_list_shows_ones_own_live_tokens_and_never_a_secret(world):
    from coordination.models import ApiToken

    current, other = token_for("coordinator"), token_for("coordinator")
    token_for("responder")  # someone else's
    expired = ApiToken.objects.get(user=world.users["coordinator"], token_key=other[:15])
    token_for("coordinator")
    ApiToken.objects.filter(pk=expired.pk).update(expiry=timezone.now())
    response = as_holder(current).get("/api/v1/auth/tokens/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 2  # the expired one and the responder's are not listed
    assert {tuple(sorted(row)) for row in rows} == {
        ("created", "current", "expiry", "id", "prefix")
    }
    assert [row["current"] for row in rows].count(True) == 1
    assert next(row for row in rows if row["current"])["prefix"] == current[:8]
    body = response.content.decode()
    assert current not in body
    assert current[:15] not in body
    for row in ApiToken.objects.all():
        assert row.digest not in body


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_person_revokes_their_own_token_and_not_anyone_elses(world, persona):
    holder = world.users[persona]
    mine, spare = token_for(persona), token_for(persona)
    someone = "state_admin" if persona != "state_admin" else "coordinator"
    theirs = token_for(someone)
    [their_id] = token_ids(world.users[someone])
    [mine_id] = [pk for pk in token_ids(holder) if pk != max(token_ids(holder))]
    # Another's token "does not exist" for them, as the contract says: 404, and it lives.
    assert as_holder(mine).delete(f"/api/v1/auth/tokens/{their_id}/").status_code == 404
    assert me(theirs).status_code == 200
    assert as_holder(spare).delete(f"/api/v1/auth/tokens/{mine_id}/").status_code == 204
    assert me(mine).status_code == 401
    assert me(spare).status_code == 200
    assert revocations(holder) == [("revoked", [mine_id])]


def test_revoke_all_ends_every_one_of_ones_own_tokens_and_no_one_elses(world):
    tokens = [token_for("responder") for _ in range(3)]
    bystander = token_for("coordinator")
    ids = sorted(token_ids(world.users["responder"]))
    response = as_holder(tokens[0]).post("/api/v1/auth/tokens/revoke-all/")
    assert response.status_code == 200
    assert response.json() == {"revoked": 3}
    assert [me(token).status_code for token in tokens] == [401] * 3
    assert me(bystander).status_code == 200
    assert revocations(world.users["responder"]) == [("revoked all", ids)]


def test_sign_out_revokes_the_token_presented_only(world):
    presented, other = token_for("mdt_member"), token_for("mdt_member")
    assert as_holder(presented).post("/api/v1/auth/sign-out/").status_code == 204
    assert me(presented).status_code == 401
    assert me(other).status_code == 200
    [(detail, _)] = revocations(world.users["mdt_member"])
    assert detail == "signed out"


def test_sign_out_with_a_session_ends_the_session(world, client):
    client.force_login(world.users["reporter"])
    token = token_for("reporter")
    assert client.post("/api/v1/auth/sign-out/").status_code == 204
    assert client.get("/api/v1/me/").status_code == 401
    assert me(token).status_code == 200  # tokens are not what was presented


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/auth/tokens/"),
        ("delete", "/api/v1/auth/tokens/1/"),
        ("post", "/api/v1/auth/tokens/revoke-all/"),
        ("post", "/api/v1/auth/sign-out/"),
    ],
)
def test_revocation_needs_sign_in(world, method, path):
    assert getattr(APIClient(), method)(path).status_code == 401


# --- revocation on the account page -------------------------------------------------------------
def page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_dashboard_links_to_the_token_page(world, persona):
    page = page_client(world.users[persona]).get("/").content.decode()
    assert 'href="/accounts/api-tokens/"' in page


def test_the_page_lists_ones_own_tokens_by_prefix_with_a_revoke_button_each(world):
    mine = [token_for("coordinator"), token_for("coordinator")]
    theirs = token_for("responder")
    page = page_client(world.users["coordinator"]).get("/accounts/api-tokens/")
    assert page.status_code == 200
    html = page.content.decode()
    for token in mine:
        assert f"{token[:8]}…" in html
        assert token not in html
    assert theirs[:8] not in html
    assert html.count('action="/accounts/api-tokens/') == 3  # two revokes, one revoke-all
    assert "Revoke all" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_on_the_page_each_person_revokes_their_own_token_and_not_anyone_elses(world, persona):
    holder = world.users[persona]
    someone = "state_admin" if persona != "state_admin" else "coordinator"
    mine, theirs = token_for(persona), token_for(someone)
    [mine_id], [their_id] = token_ids(holder), token_ids(world.users[someone])
    client = page_client(holder)
    assert client.post(f"/accounts/api-tokens/{their_id}/revoke/").status_code == 404
    assert me(theirs).status_code == 200
    revoked = client.post(f"/accounts/api-tokens/{mine_id}/revoke/", follow=True)
    assert f"{mine[:8]}… is revoked" in revoked.content.decode()
    assert me(mine).status_code == 401
    assert revocations(holder) == [("revoked", [mine_id])]


def test_on_the_page_revoke_all_ends_ones_own_tokens(world):
    mine = [token_for("responder"), token_for("responder")]
    theirs = token_for("coordinator")
    answer = page_client(world.users["responder"]).post(
        "/accounts/api-tokens/revoke-all/", follow=True
    )
    assert "2 tokens revoked" in answer.content.decode()
    assert [me(token).status_code for token in mine] == [401, 401]
    assert me(theirs).status_code == 200


def test_the_page_needs_sign_in(world, client):
    for response in (
        client.get("/accounts/api-tokens/"),
        client.post("/accounts/api-tokens/revoke-all/"),
    ):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
