"""Shared fixtures: a small state with two regions and one person per role.

`world` is the cast every role × status table uses:
- region `home` (with an MDT and agencies) and region `away`;
- personas: anonymous, no_role, state_admin, superuser, coordinator (home),
  coordinator_away (away), mdt_member (home MDT), responder (home, primary),
  reporter (an agency in home).
"""

from types import SimpleNamespace

import pytest
from rest_framework.test import APIClient

from coordination.models import Role
from tests.coordination.factories import (
    AgencyFactory,
    ParishFactory,
    RegionFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.mdt.factories import MDTFactory

PERSONAS = [
    "anonymous",
    "no_role",
    "state_admin",
    "superuser",
    "coordinator",
    "coordinator_away",
    "mdt_member",
    "responder",
    "reporter",
]


def pytest_collection_modifyitems(items):
    """Browser tests run last and carry the `browser` marker (`-m "not browser"` skips them)."""
    for item in items:
        if "/tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: "/tests/browser/" in str(item.path))


@pytest.fixture
def world(db):
    home = RegionFactory(name="Home Region", slug="home")
    away = RegionFactory(name="Away Region", slug="away")
    home_parish = ParishFactory(name="Home Parish", region=home)
    away_parish = ParishFactory(name="Away Parish", region=away)
    home_agency = AgencyFactory(name="Home Advocacy Center", regions=[home])
    away_agency = AgencyFactory(name="Away Safe House", kind="safe_house", regions=[away])
    mdt = MDTFactory(name="Home MDT", region=home)

    def person(name, role=None, **scope):
        user = UserFactory(username=name)
        if role:
            RoleAssignmentFactory(user=user, role=role, **scope)
        return user

    users = {
        "anonymous": None,
        "no_role": person("no_role"),
        "state_admin": person("state_admin", Role.STATE_ADMIN),
        "superuser": UserFactory(username="superuser", is_superuser=True, is_staff=True),
        "coordinator": person("coordinator", Role.COORDINATOR, region=home),
        "coordinator_away": person("coordinator_away", Role.COORDINATOR, region=away),
        "mdt_member": person("mdt_member", Role.MDT_MEMBER, mdt=mdt),
        "responder": person("responder", Role.RESPONDER, region=home, duty="primary"),
        "reporter": person("reporter", Role.PROVIDER_REPORTER, agency=home_agency),
    }
    return SimpleNamespace(
        home=home,
        away=away,
        home_parish=home_parish,
        away_parish=away_parish,
        home_agency=home_agency,
        away_agency=away_agency,
        mdt=mdt,
        users=users,
    )


@pytest.fixture
def api(world):
    """`api("coordinator")` is an API client signed in as that persona."""

    def client_for(persona: str) -> APIClient:
        client = APIClient()
        user = world.users[persona]
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for
