"""`/api/v1/rotations/`: the coordinator sets the region's schedule, contacts read it and
swap their shifts, and coverage says who is on call and what nobody covers."""

import datetime

import pytest

from coordination.models import Role
from notifications.schedules.models import Rotation, ShiftSwap
from tests.coordination.factories import RoleAssignmentFactory, UserFactory
from tests.notifications.test_schedules import MONDAY, at_monday
from tests.openapi import assert_matches_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(world):
    people = []
    for name in ("avery", "blake"):
        person = UserFactory(username=name)
        RoleAssignmentFactory(user=person, role=Role.RESPONDER, region=world.home, duty="rotation")
        people.append(person)
    return people


def body(world, contacts, **extra):
    return {
        "region": world.home.pk,
        "name": "Weekdays",
        "handoff": "weekly",
        "handoff_time": "08:00",
        "handoff_weekday": 0,
        "starts_on": MONDAY.isoformat(),
        "members": [person.pk for person in contacts],
        **extra,
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("state_admin", 201),
        ("coordinator", 201),
        ("coordinator_away", 400),  # the home region is not one they can name
        ("responder", 403),
        ("mdt_member", 403),
        ("reporter", 403),
        ("no_role", 403),
    ],
)
def test_who_may_set_the_schedule(api, world, contacts, persona, status):
    response = api(persona).post("/api/v1/rotations/", body(world, contacts), format="json")
    assert response.status_code == status, response.content
    if status == 201:
        assert response.json()["contacts"] == ["avery", "blake"]
        assert_matches_schema(response, method="POST", path="/api/v1/rotations/")
    assert Rotation.objects.exists() == (status == 201)


def test_contacts_read_and_swap_and_coverage_names_the_gaps(api, world, contacts):
    created = api("coordinator").post(
        "/api/v1/rotations/",
        body(world, contacts, active_from="08:00", active_until="18:00", active_days="0,1,2,3,4"),
        format="json",
    )
    rotation = created.json()["id"]
    avery = api("coordinator")  # the coordinator swaps for anyone
    listed = api("responder").get("/api/v1/rotations/").json()
    assert [row["id"] for row in listed] == [rotation]
    swap = avery.post(
        f"/api/v1/rotations/{rotation}/swap/",
        {
            "contact": contacts[0].pk,
            "covered_by": contacts[1].pk,
            "starts_at": at_monday(9).isoformat(),
            "ends_at": (at_monday(9) + datetime.timedelta(days=1)).isoformat(),
        },
        format="json",
    )
    assert swap.status_code == 201, swap.content
    assert ShiftSwap.objects.get().covered_by == contacts[1]
    coverage = api("responder").get(
        "/api/v1/rotations/coverage/", {"region": world.home.pk, "at": at_monday(10).isoformat()}
    )
    assert coverage.status_code == 200
    data = coverage.json()
    assert data["on_call"] == "blake"  # covering Avery's shift
    first = data["gaps"][0]
    assert datetime.datetime.fromisoformat(first["starts_at"]) == at_monday(18)
    assert (
        api("reporter").get("/api/v1/rotations/coverage/", {"region": world.home.pk}).status_code
        == 404
    )
    assert api("coordinator_away").get(f"/api/v1/rotations/{rotation}/").status_code == 404


def test_bad_schedules_are_refused_without_echo(api, world, contacts):
    admin = api("state_admin")
    for bad in [
        {"members": []},
        {"members": [contacts[0].pk, contacts[0].pk]},
        {"members": [world.users["reporter"].pk]},
        {"members": [999999]},
        {"handoff": "hourly"},
        {"handoff_weekday": 9},
        {"active_days": "8,9"},
        {"layer": 50},
        {"name": "x" * 200},
        {"members": list(range(1, 60))},
    ]:
        response = admin.post("/api/v1/rotations/", body(world, contacts, **bad), format="json")
        assert response.status_code == 400, bad
    assert not Rotation.objects.exists()


def test_dates_out_of_range_are_refused_not_a_server_error(api, world, contacts):
    admin = api("state_admin")
    for starts_on in ("9999-12-31", "1900-01-01"):
        refused = admin.post(
            "/api/v1/rotations/", body(world, contacts, starts_on=starts_on), format="json"
        )
        assert refused.status_code == 400
    created = admin.post("/api/v1/rotations/", body(world, contacts), format="json").json()
    for at in ("9999-12-31T23:00:00Z", "0001-01-01T00:00:00Z", "garbage"):
        answer = api("responder").get(
            "/api/v1/rotations/coverage/", {"region": world.home.pk, "at": at}
        )
        assert answer.status_code == 400
        assert at not in answer.content.decode()
    far = admin.post(
        f"/api/v1/rotations/{created['id']}/swap/",
        {
            "contact": contacts[0].pk,
            "covered_by": contacts[1].pk,
            "starts_at": "9999-12-30T00:00:00Z",
            "ends_at": "9999-12-31T00:00:00Z",
        },
        format="json",
    )
    assert far.status_code == 400
