"""Initiatives and their records: who sees, who writes, and bad input."""

import pytest

from phases.models import Finding, Initiative, Phase
from tests.phases.factories import InitiativeFactory


@pytest.fixture
def two_initiatives(world):
    return (
        InitiativeFactory(region=world.home, title="Home initiative"),
        InitiativeFactory(region=world.away, title="Away initiative", phase=Phase.ANALYSIS),
    )


@pytest.mark.parametrize(
    ("persona", "status", "titles"),
    [
        ("anonymous", 401, None),
        ("no_role", 200, []),
        ("state_admin", 200, ["Away initiative", "Home initiative"]),
        ("coordinator", 200, ["Home initiative"]),
        ("coordinator_away", 200, ["Away initiative"]),
        ("mdt_member", 200, []),
        ("responder", 200, []),
        ("reporter", 200, []),
    ],
)
def test_initiatives_are_seen_by_their_coordinators_and_state_admins(
    api, two_initiatives, persona, status, titles
):
    response = api(persona).get("/api/v1/initiatives/")
    assert response.status_code == status
    if titles is not None:
        assert sorted(row["title"] for row in response.json()["results"]) == titles


def test_initiatives_filter_by_region_and_phase(api, world, two_initiatives):
    client = api("state_admin")
    by_region = client.get("/api/v1/initiatives/", {"region": world.away.pk}).json()["results"]
    assert [row["title"] for row in by_region] == ["Away initiative"]
    by_phase = client.get("/api/v1/initiatives/", {"phase": "identification"}).json()["results"]
    assert [row["title"] for row in by_phase] == ["Home initiative"]
    assert client.get("/api/v1/initiatives/", {"phase": "nonsense"}).status_code == 400


@pytest.mark.parametrize("persona", ["coordinator", "state_admin"])
@pytest.mark.parametrize("named", ["mdt_member", "coordinator_away", "reporter", "responder"])
def test_naming_a_coordinator_who_does_not_coordinate_reveals_no_name(api, world, persona, named):
    """Issue 15, finding 8: the refusal said "<username> does not coordinate Home Region",
    so any user's name could be read by trying ids."""
    someone = world.users[named]
    body = {"region": world.home.pk, "title": "Probe", "coordinator": someone.pk}
    response = api(persona).post("/api/v1/initiatives/", body, format="json")
    assert response.status_code == 400
    if persona == "coordinator":  # people outside their regions are not theirs to see
        nobody = api(persona).post(
            "/api/v1/initiatives/", {**body, "coordinator": 999_999}, format="json"
        )
        assert response.json() == nobody.json()
    assert someone.get_username() not in response.content.decode()
    assert not Initiative.objects.exists()
    initiative = InitiativeFactory(region=world.home, title="Existing")
    changed = api(persona).patch(
        f"/api/v1/initiatives/{initiative.pk}/", {"coordinator": someone.pk}, format="json"
    )
    assert changed.status_code == 400
    assert someone.get_username() not in changed.content.decode()
    initiative.refresh_from_db()
    assert initiative.coordinator is None


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("no_role", 403),
        ("state_admin", 201),
        ("coordinator", 201),
        ("coordinator_away", 400),  # the home region is not one they can name
        ("mdt_member", 403),
        ("responder", 403),
        ("reporter", 403),
    ],
)
def test_who_may_open_an_initiative_in_the_home_region(api, world, persona, status):
    response = api(persona).post(
        "/api/v1/initiatives/", {"region": world.home.pk, "title": "New"}, format="json"
    )
    assert response.status_code == status
    assert Initiative.objects.filter(title="New").exists() == (status == 201)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": ""}, "title"),
        ({"victim_categories": ["imagined"]}, "victim_categories"),
        ({"victim_categories": ["confirmed", "confirmed"]}, "victim_categories"),
        ({"parishes": ["AWAY_PARISH"]}, "parishes"),
        ({"partner_agencies": [999999]}, "partner_agencies"),
        ({"coordinator": "MDT_MEMBER"}, "coordinator"),
        ({"victim_name": "Jane"}, "non_field_errors"),
    ],
)
def test_bad_initiative_input_is_400_and_stores_nothing(api, world, payload, field):
    refs = {"AWAY_PARISH": world.away_parish.pk, "MDT_MEMBER": world.users["mdt_member"].pk}
    body = {"region": world.home.pk, "title": "Bad"}
    for key, value in payload.items():
        body[key] = (
            [refs.get(v, v) for v in value] if isinstance(value, list) else refs.get(value, value)
        )
    response = api("state_admin").post("/api/v1/initiatives/", body, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("state_admin", 200),
        ("coordinator_away", 404),
        ("mdt_member", 404),
        ("anonymous", 401),
    ],
)
def test_who_may_edit_an_initiative(api, two_initiatives, persona, status):
    home, _ = two_initiatives
    response = api(persona).patch(
        f"/api/v1/initiatives/{home.pk}/", {"need_statement": "Edited"}, format="json"
    )
    assert response.status_code == status
    home.refresh_from_db()
    assert (home.need_statement == "Edited") == (status == 200)


def test_the_region_of_an_initiative_never_changes(api, world, two_initiatives):
    home, _ = two_initiatives
    response = api("state_admin").patch(
        f"/api/v1/initiatives/{home.pk}/", {"region": world.away.pk}, format="json"
    )
    assert response.status_code == 400
    home.refresh_from_db()
    assert home.region == world.home


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 201),
        ("state_admin", 201),
        ("coordinator_away", 404),
        ("mdt_member", 404),
        ("responder", 404),
        ("anonymous", 401),
    ],
)
def test_who_may_record_a_finding(api, two_initiatives, persona, status):
    home, _ = two_initiatives
    response = api(persona).post(
        f"/api/v1/initiatives/{home.pk}/findings/",
        {"statement": "Training is needed", "recorded_on": "2018-03-01"},
        format="json",
    )
    assert response.status_code == status
    assert Finding.objects.filter(initiative=home).exists() == (status == 201)


def test_a_finding_cannot_cite_another_regions_summit(api, world, two_initiatives, held_summit):
    home, _ = two_initiatives
    away_summit = held_summit(region=world.away)
    response = api("state_admin").post(
        f"/api/v1/initiatives/{home.pk}/findings/",
        {"statement": "x", "recorded_on": "2018-03-01", "summit": away_summit.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "summit" in response.json()


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        (
            "data-requests",
            {"agency": 999999, "description": "x", "requested_on": "2018-01-01"},
            "agency",
        ),
        ("data-requests", {"description": "x", "requested_on": "not a date"}, "requested_on"),
        ("action-items", {"description": "x", "status": "someday"}, "status"),
        ("outcome-measures", {"name": "MDTs", "baseline": "two", "target": "5"}, "baseline"),
        (
            "findings",
            {"statement": "x", "recorded_on": "2018-03-01", "author": "me"},
            "non_field_errors",
        ),
    ],
)
def test_bad_record_input_is_400(api, two_initiatives, path, payload, field):
    home, _ = two_initiatives
    response = api("coordinator").post(
        f"/api/v1/initiatives/{home.pk}/{path}/", payload, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_records_of_a_closed_initiative_no_longer_change(api, world):
    closed = InitiativeFactory(region=world.home, phase=Phase.CLOSED)
    response = api("coordinator").post(
        f"/api/v1/initiatives/{closed.pk}/findings/",
        {"statement": "late", "recorded_on": "2018-03-01"},
        format="json",
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("persona", "status"),
    [("coordinator", 201), ("coordinator_away", 400), ("mdt_member", 403), ("anonymous", 401)],
)
def test_who_may_record_a_summit(api, world, persona, status):
    response = api(persona).post(
        "/api/v1/summits/",
        {
            "region": world.home.pk,
            "held_on": "2017-10-05",
            "place": "Hall",
            "attendance": {"education": 3},
        },
        format="json",
    )
    assert response.status_code == status


def test_summit_attendance_must_name_known_disciplines(api, world):
    response = api("coordinator").post(
        "/api/v1/summits/",
        {
            "region": world.home.pk,
            "held_on": "2017-10-05",
            "place": "Hall",
            "attendance": {"wizards": 3},
        },
        format="json",
    )
    assert response.status_code == 400
    assert "attendance" in response.json()


def test_initiative_list_queries_do_not_grow_with_the_page(
    api, world, django_assert_max_num_queries
):
    for n in range(25):
        InitiativeFactory(region=world.home, title=f"Initiative {n}").partner_agencies.add(
            world.home_agency
        )
    client = api("coordinator")
    with django_assert_max_num_queries(8):
        small = client.get("/api/v1/initiatives/", {"page_size": 2})
    with django_assert_max_num_queries(8):
        large = client.get("/api/v1/initiatives/", {"page_size": 25})
    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 25
