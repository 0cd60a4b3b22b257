"""Regions, parishes and agencies over the API: every persona, every method.

Out of scope answers 404, visible but not changeable answers 403, anonymous 401.
"""

import pytest

from coordination.models import Agency, Parish, Region
from tests.openapi import assert_matches_schema

ALL_REGIONS = ["Away Region", "Home Region"]


def names(response):
    return sorted(item["name"] for item in response.json()["results"])


# --- Regions -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "status", "visible"),
    [
        ("anonymous", 401, None),
        ("no_role", 200, []),
        ("state_admin", 200, ALL_REGIONS),
        ("superuser", 200, ALL_REGIONS),
        ("coordinator", 200, ["Home Region"]),
        ("coordinator_away", 200, ["Away Region"]),
        ("mdt_member", 200, ["Home Region"]),
        ("responder", 200, ["Home Region"]),
        ("reporter", 200, ["Home Region"]),
    ],
)
def test_region_list_shows_only_the_regions_a_role_grants(api, persona, status, visible):
    response = api(persona).get("/api/v1/regions/")
    assert response.status_code == status
    if visible is not None:
        assert names(response) == visible


@pytest.mark.parametrize(
    ("persona", "home", "away"),
    [
        ("anonymous", 401, 401),
        ("no_role", 404, 404),
        ("state_admin", 200, 200),
        ("coordinator", 200, 404),
        ("coordinator_away", 404, 200),
        ("mdt_member", 200, 404),
        ("responder", 200, 404),
        ("reporter", 200, 404),
    ],
)
def test_region_detail_is_404_outside_scope(api, world, persona, home, away):
    assert api(persona).get(f"/api/v1/regions/{world.home.pk}/").status_code == home
    assert api(persona).get(f"/api/v1/regions/{world.away.pk}/").status_code == away


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("no_role", 404),
        ("state_admin", 200),
        ("superuser", 200),
        ("coordinator", 403),
        ("coordinator_away", 404),
        ("mdt_member", 403),
        ("responder", 403),
        ("reporter", 403),
    ],
)
def test_only_state_admins_change_a_region(api, world, persona, status):
    response = api(persona).patch(
        f"/api/v1/regions/{world.home.pk}/", {"escalation_minutes": 9}, format="json"
    )
    assert response.status_code == status
    world.home.refresh_from_db()
    assert world.home.escalation_minutes == (9 if status == 200 else 5)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("no_role", 403),
        ("state_admin", 201),
        ("coordinator", 403),
        ("mdt_member", 403),
        ("responder", 403),
        ("reporter", 403),
    ],
)
def test_only_state_admins_create_a_region(api, persona, status):
    response = api(persona).post(
        "/api/v1/regions/", {"name": "Region 10", "slug": "region-10"}, format="json"
    )
    assert response.status_code == status
    assert Region.objects.filter(slug="region-10").exists() == (status == 201)
    if status == 201:
        assert response.json()["escalation_minutes"] == 5


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"slug": "no-name"}, "name"),
        ({"name": "Home Region", "slug": "other"}, "name"),
        ({"name": "New", "slug": "home"}, "slug"),
        ({"name": "New", "slug": "not a slug"}, "slug"),
        ({"name": "New", "slug": "new", "escalation_minutes": 0}, "escalation_minutes"),
        ({"name": "New", "slug": "new", "escalation_minutes": 5000}, "escalation_minutes"),
        ({"name": "New", "slug": "new", "escalation_minutes": "soon"}, "escalation_minutes"),
        ({"name": "New", "slug": "new", "coordinator_name": "x"}, "non_field_errors"),
    ],
)
def test_bad_region_input_is_400_naming_the_field_and_stores_nothing(api, payload, field):
    before = Region.objects.count()
    response = api("state_admin").post("/api/v1/regions/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert all(isinstance(message, str) for message in response.json()[field])
    assert Region.objects.count() == before


def test_bad_region_update_changes_nothing(api, world):
    response = api("state_admin").patch(
        f"/api/v1/regions/{world.home.pk}/",
        {"name": "Renamed", "escalation_minutes": -1},
        format="json",
    )
    assert response.status_code == 400
    world.home.refresh_from_db()
    assert world.home.name == "Home Region"


def test_a_region_in_use_cannot_be_deleted_and_an_empty_one_can(api, world):
    client = api("state_admin")
    response = client.delete(f"/api/v1/regions/{world.home.pk}/")
    assert response.status_code == 409
    assert "parishes" in response.json()["detail"]
    assert Region.objects.filter(pk=world.home.pk).exists()

    empty = Region.objects.create(name="Empty", slug="empty")
    assert client.delete(f"/api/v1/regions/{empty.pk}/").status_code == 204
    assert not Region.objects.filter(pk=empty.pk).exists()


def test_only_state_admins_delete_regions(api, world):
    empty = Region.objects.create(name="Empty", slug="empty")
    assert api("coordinator").delete(f"/api/v1/regions/{empty.pk}/").status_code == 404
    assert api("coordinator").delete(f"/api/v1/regions/{world.home.pk}/").status_code == 403
    assert Region.objects.filter(pk=empty.pk).exists()


# --- Parishes ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "status", "count"),
    [
        ("anonymous", 401, None),
        ("no_role", 200, 0),
        ("state_admin", 200, 66),  # Louisiana's 64 shipped parishes + 2 test parishes
        ("coordinator", 200, 1),
        ("coordinator_away", 200, 1),
        ("mdt_member", 200, 1),
        ("responder", 200, 1),
        ("reporter", 200, 1),
    ],
)
def test_parish_list_follows_region_scope(api, persona, status, count):
    response = api(persona).get("/api/v1/parishes/", {"page_size": 100})
    assert response.status_code == status
    if count is not None:
        assert response.json()["count"] == count


def test_parishes_filter_by_region(api, world):
    response = api("state_admin").get("/api/v1/parishes/", {"region": world.away.pk})
    assert names(response) == ["Away Parish"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("state_admin", 200),
        ("coordinator", 403),
        ("coordinator_away", 404),
        ("mdt_member", 403),
        ("reporter", 403),
    ],
)
def test_only_state_admins_regroup_a_parish(api, world, persona, status):
    response = api(persona).patch(
        f"/api/v1/parishes/{world.home_parish.pk}/", {"region": world.away.pk}, format="json"
    )
    assert response.status_code == status
    world.home_parish.refresh_from_db()
    assert world.home_parish.region == (world.away if status == 200 else world.home)


def test_parishes_are_data_not_created_or_renamed_through_the_api(api, world):
    client = api("state_admin")
    assert client.post("/api/v1/parishes/", {"name": "Atlantis"}, format="json").status_code == 405
    assert client.delete(f"/api/v1/parishes/{world.home_parish.pk}/").status_code == 405
    response = client.patch(
        f"/api/v1/parishes/{world.home_parish.pk}/", {"name": "Renamed"}, format="json"
    )
    assert response.status_code == 400
    assert "name" in response.json()
    assert Parish.objects.get(pk=world.home_parish.pk).name == "Home Parish"


def test_parish_update_to_an_unknown_region_is_400(api, world):
    response = api("state_admin").patch(
        f"/api/v1/parishes/{world.home_parish.pk}/", {"region": 999999}, format="json"
    )
    assert response.status_code == 400
    assert "region" in response.json()


def test_a_parish_taken_out_of_its_region_answers_region_name_null(api, world):
    """Found by the API fuzzer: the PATCH's answer left `region_name` out."""
    response = api("state_admin").patch(
        f"/api/v1/parishes/{world.home_parish.pk}/", {"region": None}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["region_name"] is None
    assert_matches_schema(response, method="PATCH", path="/api/v1/parishes/{id}/")


# --- Agencies ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "status", "visible"),
    [
        ("anonymous", 401, None),
        ("no_role", 200, []),
        ("state_admin", 200, ["Away Safe House", "Home Advocacy Center"]),
        ("coordinator", 200, ["Home Advocacy Center"]),
        ("coordinator_away", 200, ["Away Safe House"]),
        ("mdt_member", 200, ["Home Advocacy Center"]),
        ("responder", 200, ["Home Advocacy Center"]),
        ("reporter", 200, ["Home Advocacy Center"]),
    ],
)
def test_agency_list_shows_only_agencies_serving_the_users_regions(api, persona, status, visible):
    response = api(persona).get("/api/v1/agencies/")
    assert response.status_code == status
    if visible is not None:
        assert names(response) == visible


def test_a_safe_house_outside_the_region_is_404(api, world):
    response = api("coordinator").get(f"/api/v1/agencies/{world.away_agency.pk}/")
    assert response.status_code == 404


def test_agency_regions_are_listed_only_as_far_as_the_user_sees(api, world):
    world.home_agency.regions.add(world.away)
    as_admin = api("state_admin").get(f"/api/v1/agencies/{world.home_agency.pk}/").json()
    as_coordinator = api("coordinator").get(f"/api/v1/agencies/{world.home_agency.pk}/").json()
    assert sorted(as_admin["regions"]) == sorted([world.home.pk, world.away.pk])
    assert as_coordinator["regions"] == [world.home.pk]


def test_agencies_filter_by_kind(api):
    response = api("state_admin").get("/api/v1/agencies/", {"kind": "safe_house"})
    assert names(response) == ["Away Safe House"]


@pytest.mark.parametrize("region", ["9223372036854775808", "-29891825588515267275653120"])
def test_agencies_filtered_by_a_region_id_no_database_holds_is_400(api, world, region):
    """Found by the API fuzzer: on SQLite a number past 64 bits reached the query (500)."""
    response = api("state_admin").get("/api/v1/agencies/", {"regions": [world.home.pk, region]})
    assert response.status_code == 400
    assert "regions" in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/regions/1.5/",  # not an id
        "/api/v1/initiatives/first/findings/",
        "/api/v1/reports/annual/-2024/",
        "/api/v1/annual-submissions/template.docx",
        "/api/v1/no-such-thing/",
    ],
)
def test_an_api_url_that_names_nothing_answers_404_in_json(api, url):
    """Found by the API fuzzer: URLs the router does not match answered an HTML page."""
    response = api("state_admin").get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_page_that_does_not_exist_is_still_a_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("no_role", 403),
        ("state_admin", 201),
        ("coordinator", 403),
        ("mdt_member", 403),
        ("responder", 403),
        ("reporter", 403),
    ],
)
def test_only_state_admins_create_an_agency(api, world, persona, status):
    response = api(persona).post(
        "/api/v1/agencies/",
        {"name": "New Clinic", "kind": "health_care", "regions": [world.home.pk]},
        format="json",
    )
    assert response.status_code == status
    created = Agency.objects.filter(name="New Clinic").first()
    assert (created is not None) == (status == 201)
    if created:
        assert list(created.regions.all()) == [world.home]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "health_care"}, "name"),
        ({"name": "Home Advocacy Center", "kind": "health_care"}, "name"),
        ({"name": "X", "kind": "spaceship"}, "kind"),
        ({"name": "X", "kind": "legal", "regions": [999999]}, "regions"),
        ({"name": "X", "kind": "legal", "regions": "home"}, "regions"),
        ({"name": "X", "kind": "legal", "phone": "504-555-0100"}, "non_field_errors"),
    ],
)
def test_bad_agency_input_is_400_and_stores_nothing(api, payload, field):
    before = Agency.objects.count()
    response = api("state_admin").post("/api/v1/agencies/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Agency.objects.count() == before


def test_state_admin_updates_an_agency_and_its_regions(api, world):
    response = api("state_admin").patch(
        f"/api/v1/agencies/{world.home_agency.pk}/",
        {"regions": [world.home.pk, world.away.pk], "is_service_provider": True},
        format="json",
    )
    assert response.status_code == 200
    world.home_agency.refresh_from_db()
    assert world.home_agency.is_service_provider
    assert set(world.home_agency.regions.all()) == {world.home, world.away}


@pytest.mark.parametrize(("persona", "status"), [("coordinator", 403), ("coordinator_away", 404)])
def test_coordinators_cannot_change_or_delete_agencies(api, world, persona, status):
    client = api(persona)
    url = f"/api/v1/agencies/{world.home_agency.pk}/"
    assert client.patch(url, {"name": "Hijacked"}, format="json").status_code == status
    assert client.delete(url).status_code == status
    assert Agency.objects.get(pk=world.home_agency.pk).name == "Home Advocacy Center"


def test_an_agency_with_people_reporting_for_it_cannot_be_deleted(api, world):
    response = api("state_admin").delete(f"/api/v1/agencies/{world.home_agency.pk}/")
    assert response.status_code == 409
    assert Agency.objects.filter(pk=world.home_agency.pk).exists()
    assert api("state_admin").delete(f"/api/v1/agencies/{world.away_agency.pk}/").status_code == 204


def test_list_query_count_does_not_grow_with_page_size(api, world, django_assert_max_num_queries):
    from tests.coordination.factories import AgencyFactory

    for n in range(30):
        AgencyFactory(name=f"Bulk Agency {n}", regions=[world.home, world.away])
    client = api("coordinator")
    client.get("/api/v1/agencies/", {"page_size": 2})  # warm the access cache path
    with django_assert_max_num_queries(6):
        small = client.get("/api/v1/agencies/", {"page_size": 2})
    with django_assert_max_num_queries(6):
        large = client.get("/api/v1/agencies/", {"page_size": 30})
    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 30


@pytest.mark.parametrize(
    ("url", "method"),
    [
        ("/api/v1/regions/", "post"),
        ("/api/v1/agencies/", "post"),
        ("/api/v1/users/", "post"),
        ("/api/v1/role-assignments/", "post"),
    ],
)
@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"a string"'])
def test_malformed_bodies_are_400_and_change_nothing(api, url, method, body):
    before = (Region.objects.count(), Agency.objects.count())
    response = getattr(api("state_admin"), method)(url, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()  # an explanation, never an empty body
    assert (Region.objects.count(), Agency.objects.count()) == before


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "spaceship"}, "kind"),
        ({"regions": [999999]}, "regions"),
        ({"name": ""}, "name"),
        ({"name": "Away Safe House"}, "name"),
        ({"address": "12 Main St"}, "non_field_errors"),
    ],
)
def test_bad_agency_update_is_400_and_changes_nothing(api, world, payload, field):
    response = api("state_admin").patch(
        f"/api/v1/agencies/{world.home_agency.pk}/", payload, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    world.home_agency.refresh_from_db()
    assert world.home_agency.name == "Home Advocacy Center"
    assert world.home_agency.kind == "advocacy_center"
    assert list(world.home_agency.regions.all()) == [world.home]
