"""People, roles, `me` and token sign-in over the API."""

import pytest
from django.contrib.auth import get_user_model

from coordination.models import ApiToken, Role, RoleAssignment
from tests.openapi import assert_matches_schema

User = get_user_model()
NOT_ADMINS = ["no_role", "coordinator", "coordinator_away", "mdt_member", "responder", "reporter"]


# --- Users ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 401), ("state_admin", 200), ("superuser", 200)]
    + [(persona, 403) for persona in NOT_ADMINS],
)
def test_only_state_admins_list_people(api, persona, status):
    response = api(persona).get("/api/v1/users/")
    assert response.status_code == status
    if status == 200:
        assert response.json()["count"] == User.objects.count()
        assert all("password" not in row for row in response.json()["results"])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 401), ("state_admin", 201)] + [(persona, 403) for persona in NOT_ADMINS],
)
def test_only_state_admins_create_people(api, persona, status):
    response = api(persona).post(
        "/api/v1/users/",
        {"username": "newcomer", "password": "a-Long-enough-passphrase", "email": "n@x.example"},
        format="json",
    )
    assert response.status_code == status
    created = User.objects.filter(username="newcomer").first()
    assert (created is not None) == (status == 201)
    if created:
        assert created.check_password("a-Long-enough-passphrase")
        assert "password" not in response.json()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "newcomer", "password": "short"}, "password"),
        ({"username": "newcomer", "password": "password123"}, "password"),
        ({"username": "newcomer", "password": "newcomer99"}, "password"),
        ({"username": "newcomer"}, "password"),
        ({"username": "coordinator", "password": "a-Long-enough-passphrase"}, "username"),
        ({"username": "bad name!", "password": "a-Long-enough-passphrase"}, "username"),
        ({"username": "x", "password": "a-Long-enough-passphrase", "email": "nope"}, "email"),
        (
            {"username": "x", "password": "a-Long-enough-passphrase", "is_staff": True},
            "non_field_errors",
        ),
    ],
)
def test_bad_person_input_is_400_and_stores_nothing(api, payload, field):
    before = User.objects.count()
    response = api("state_admin").post("/api/v1/users/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert User.objects.count() == before


def test_state_admin_deactivates_and_resets_a_password(api, world):
    target = world.users["coordinator"]
    response = api("state_admin").patch(
        f"/api/v1/users/{target.pk}/",
        {"is_active": False, "password": "another-Long-passphrase"},
        format="json",
    )
    assert response.status_code == 200
    target.refresh_from_db()
    assert not target.is_active
    assert target.check_password("another-Long-passphrase")


def test_a_weak_password_reset_changes_nothing(api, world):
    target = world.users["coordinator"]
    response = api("state_admin").patch(
        f"/api/v1/users/{target.pk}/", {"is_active": False, "password": "123"}, format="json"
    )
    assert response.status_code == 400
    assert "password" in response.json()
    target.refresh_from_db()
    assert target.is_active
    assert target.check_password("a-Long-test-passphrase")


def test_people_are_deactivated_not_deleted(api, world):
    response = api("state_admin").delete(f"/api/v1/users/{world.users['coordinator'].pk}/")
    assert response.status_code == 405
    assert User.objects.filter(pk=world.users["coordinator"].pk).exists()


def test_a_deactivated_person_loses_api_access(api, world):
    client = api("coordinator")
    world.users["coordinator"].is_active = False
    world.users["coordinator"].save()
    assert client.get("/api/v1/regions/").json()["results"] == []


# --- Role assignments ----------------------------------------------------------------
def test_state_admin_sees_every_assignment_others_only_their_own(api, world):
    everything = api("state_admin").get("/api/v1/role-assignments/").json()
    assert everything["count"] == RoleAssignment.objects.count()
    own = api("coordinator").get("/api/v1/role-assignments/").json()["results"]
    assert [(row["role"], row["region"]) for row in own] == [("coordinator", world.home.pk)]
    assert api("no_role").get("/api/v1/role-assignments/").json()["results"] == []
    assert api("anonymous").get("/api/v1/role-assignments/").status_code == 401


def test_another_persons_assignment_is_404(api, world):
    theirs = RoleAssignment.objects.get(user=world.users["coordinator_away"])
    assert api("coordinator").get(f"/api/v1/role-assignments/{theirs.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 401), ("state_admin", 201)] + [(persona, 403) for persona in NOT_ADMINS],
)
def test_only_state_admins_grant_roles(api, world, persona, status):
    target = world.users["no_role"]
    response = api(persona).post(
        "/api/v1/role-assignments/",
        {"user": target.pk, "role": "coordinator", "region": world.away.pk},
        format="json",
    )
    assert response.status_code == status
    assert RoleAssignment.objects.filter(user=target).exists() == (status == 201)


def test_a_granted_role_takes_effect_at_once(api, world):
    target = world.users["no_role"]
    client = api("no_role")
    assert client.get("/api/v1/regions/").json()["results"] == []
    api("state_admin").post(
        "/api/v1/role-assignments/",
        {"user": target.pk, "role": "responder", "region": world.away.pk, "duty": "backup"},
        format="json",
    )
    target.refresh_from_db()
    from coordination.people.access import forget_access

    forget_access(world.users["no_role"])
    assert [r["name"] for r in client.get("/api/v1/regions/").json()["results"]] == ["Away Region"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"role": "coordinator"}, "region"),
        ({"role": "coordinator", "region": "AWAY", "agency": "HOME_AGENCY"}, "agency"),
        ({"role": "mdt_member"}, "role"),  # it comes with a place on the MDT
        ({"role": "responder", "region": "AWAY"}, "duty"),
        ({"role": "responder", "region": "AWAY", "duty": "sometimes"}, "duty"),
        ({"role": "responder", "region": "HOME", "duty": "primary"}, "non_field_errors"),
        ({"role": "provider_reporter"}, "agency"),
        ({"role": "state_admin", "region": "HOME"}, "region"),
        ({"role": "emperor"}, "role"),
        ({"role": "coordinator", "region": 999999}, "region"),
        ({"role": "coordinator", "region": "AWAY", "ssn": "123-45-6789"}, "non_field_errors"),
    ],
)
def test_a_role_with_the_wrong_scope_is_400_naming_the_field(api, world, payload, field):
    refs = {"HOME": world.home.pk, "AWAY": world.away.pk, "HOME_AGENCY": world.home_agency.pk}
    body = {"user": world.users["no_role"].pk}
    body.update({key: refs.get(value, value) for key, value in payload.items()})
    before = RoleAssignment.objects.count()
    response = api("state_admin").post("/api/v1/role-assignments/", body, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert RoleAssignment.objects.count() == before


def test_the_same_role_twice_is_400(api, world):
    body = {"user": world.users["coordinator"].pk, "role": "coordinator", "region": world.home.pk}
    response = api("state_admin").post("/api/v1/role-assignments/", body, format="json")
    assert response.status_code == 400
    assert RoleAssignment.objects.filter(user=world.users["coordinator"]).count() == 1


def test_roles_are_withdrawn_not_edited(api, world):
    assignment = RoleAssignment.objects.get(user=world.users["coordinator"])
    url = f"/api/v1/role-assignments/{assignment.pk}/"
    assert api("coordinator").delete(url).status_code == 403
    assert (
        api("state_admin").patch(url, {"region": world.away.pk}, format="json").status_code == 405
    )
    assert api("state_admin").delete(url).status_code == 204
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


# --- me ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "roles", "is_state_admin"),
    [
        ("no_role", [], False),
        ("state_admin", ["state_admin"], True),
        ("superuser", [], True),
        ("coordinator", ["coordinator"], False),
        ("mdt_member", ["mdt_member"], False),
        ("responder", ["responder"], False),
        ("reporter", ["provider_reporter"], False),
    ],
)
def test_me_tells_who_i_am_and_my_roles(api, world, persona, roles, is_state_admin):
    body = api(persona).get("/api/v1/me/").json()
    assert body["username"] == world.users[persona].username
    assert body["is_state_admin"] is is_state_admin
    assert [role["role"] for role in body["roles"]] == roles


def test_me_names_the_scope(api, world):
    role = api("responder").get("/api/v1/me/").json()["roles"][0]
    assert role["region_name"] == "Home Region"
    assert role["duty"] == "primary"
    assert api("mdt_member").get("/api/v1/me/").json()["roles"][0]["mdt_name"] == "Home MDT"


@pytest.mark.parametrize("persona", ["state_admin", "responder", "mdt_member", "reporter"])
def test_me_answers_as_the_schema_says(api, persona):
    """Found by the API fuzzer: the two scope names a role does not have are null, and
    the schema said text."""
    response = api(persona).get("/api/v1/me/")
    assert_matches_schema(response, method="GET", path="/api/v1/me/")


def test_me_needs_sign_in(api):
    response = api("anonymous").get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


# --- Token sign-in -------------------------------------------------------------------
def test_a_token_signs_in_api_clients(world, client):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "coordinator", "password": "a-Long-test-passphrase"},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert response.json()["expiry"]
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.json()["username"] == "coordinator"
    again = client.post(
        "/api/v1/auth/token/",
        {"username": "coordinator", "password": "a-Long-test-passphrase"},
        content_type="application/json",
    )
    # Each sign-in (each device) gets its own token; the first still works.
    assert again.json()["token"] != token
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"username": "coordinator", "password": "wrong"}, "non_field_errors"),
        ({"username": "nobody", "password": "a-Long-test-passphrase"}, "non_field_errors"),
        ({"username": "coordinator"}, "password"),
        ({"username": "coordinator", "password": "x", "remember": "1"}, "non_field_errors"),
    ],
)
def test_bad_credentials_are_400_and_issue_no_token(world, client, payload, field):
    response = client.post("/api/v1/auth/token/", payload, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ApiToken.objects.exists()


def test_an_inactive_person_gets_no_token(world, client):
    world.users["coordinator"].is_active = False
    world.users["coordinator"].save()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "coordinator", "password": "a-Long-test-passphrase"},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_a_wrong_token_is_401(client, world):
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401


def test_session_sign_in_works_on_the_api(client, world):
    client.force_login(world.users["reporter"])
    assert client.get("/api/v1/me/").json()["roles"][0]["role"] == Role.PROVIDER_REPORTER


def test_the_openapi_schema_describes_the_api(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in [
        "/api/v1/regions/",
        "/api/v1/parishes/",
        "/api/v1/agencies/",
        "/api/v1/users/",
        "/api/v1/role-assignments/",
        "/api/v1/me/",
        "/api/v1/auth/token/",
    ]:
        assert path in paths
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn" not in docs.content.lower()
