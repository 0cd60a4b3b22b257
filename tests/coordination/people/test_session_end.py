"""Issue 21: when a session ends, asked by the page before it warns (GET, renews
nothing) and renewed by "Stay signed in" (POST)."""

import pytest

from coordination.models import Role, RoleAssignment
from tests.coordination.factories import UserFactory
from tests.mdt.factories import MDTFactory

PASSWORD = "Member-passphrase-9"

pytestmark = pytest.mark.django_db


def test_the_session_end_is_asked_without_renewing_it(client):
    member = UserFactory(username="cac-lead", password=PASSWORD)
    RoleAssignment.objects.create(user=member, role=Role.MDT_MEMBER, mdt=MDTFactory())
    client.post("/accounts/login/", {"username": "cac-lead", "password": PASSWORD})
    ends = client.get("/accounts/stay-signed-in/").json()["ends"]
    assert ends  # counted from the sign-in
    assert client.get("/accounts/stay-signed-in/").json()["ends"] == ends  # not renewed
    renewed = client.post("/accounts/stay-signed-in/").json()["ends"]
    assert renewed >= ends
    assert client.get("/accounts/stay-signed-in/").json()["ends"] == renewed
    client.post("/accounts/logout/")
    assert client.get("/accounts/stay-signed-in/").status_code == 302  # to sign in
