"""Naming something outside your scope answers exactly like naming something that does not
exist (issue 15, finding 3), so that existence cannot be probed:

- every filter that takes an id, on every list of the OpenAPI schema;
- every body field of every write operation that names an object (an agency one may not
  report for used to answer 403 where an unknown one answered 400).

For each persona, each id of the collection that the persona cannot see is sent next to
an id that names nothing; the two answers must be the same, status and body.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from coordination.learning import selectors as learning_selectors
from coordination.people import selectors as people_selectors
from coordination.people.access import access_for
from coordination.reporting import selectors as reporting_selectors
from mdt import selectors as mdt_selectors
from mdt import services as mdt_services
from mdt.meetings import services as meetings_services
from notifications import selectors as notifications_selectors
from tests.test_api_fuzz import BODY_IDS, build_world
from tests.test_no_echo import _answer, _operations, _path, _resolve

User = get_user_model()
UNKNOWN = 987654321
PERSONAS = [
    "coordinator",
    "coordinator_away",
    "mdt_member",
    "mdt_member_away",
    "responder",
    "reporter",
    "no_role",
]
# Query parameters and body fields that name an object, and the collection they name.
NAMES = {**BODY_IDS, "series": "series"}
# Fields that accept any object of their kind by design, and why.
OPEN_BY_DESIGN = {
    # Sharing offers every MDT of the state (the page lists them by name).
    ("/api/v1/referrals/{id}/share/", "mdt"),
    # Any professional screens in any parish, with any loaded instrument (both are the
    # state's public reference data).
    ("/api/v1/screenings/", "parish"),
    ("/api/v1/screenings/", "instrument"),
    # A provider reports the parishes it serves, anywhere in the state.
    ("/api/v1/annual-submissions/", "parishes_served"),
    ("/api/v1/annual-submissions/{id}/", "parishes_served"),
    ("/api/v1/annual-submissions/upload/", "parishes_served"),
}


def visible(collection: str, user) -> set[int]:
    """What the user may see of a collection: the selectors' answer."""
    access = access_for(user)
    rows = {
        "regions": people_selectors.region_list,
        "parishes": people_selectors.parish_list,
        "agencies": people_selectors.agency_list,
        "mdts": mdt_selectors.mdt_list,
        "referrals": mdt_selectors.referral_list,
        "reporting-cycles": reporting_selectors.cycle_list,
        "summits": learning_selectors.summit_list,
    }
    if collection in rows:
        return set(rows[collection](user=user).values_list("pk", flat=True))
    if collection == "users":
        # Themselves, and the contacts of the rotas they see (the rota names them).
        seen = {user.pk}
        for region in notifications_selectors.rota_regions(user=user):
            seen |= set(
                notifications_selectors.duty_candidates(region).values_list("pk", flat=True)
            )
        if access.is_state_admin:
            seen |= set(User.objects.values_list("pk", flat=True))
        return seen
    if collection == "series":
        meetings = mdt_selectors.meeting_list(user=user)
        return set(meetings.exclude(series=None).values_list("series", flat=True))
    return set()


def with_series(world):
    for mdt_id, member in zip(world.ids["mdts"], ("mdt_member", "mdt_member_away"), strict=True):
        meetings = meetings_services.meeting_schedule(
            actor=world.users[member],
            mdt=mdt_services.MDT.objects.get(pk=mdt_id),
            starts_at=datetime.datetime(2030, 3, 5, 15, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2030, 3, 5, 16, 0, tzinfo=datetime.UTC),
            rrule="FREQ=WEEKLY;COUNT=2",
        )
        world.ids.setdefault("series", []).append(meetings[0].series_id)
    return world


def _same(first, second) -> bool:
    return first.status_code == second.status_code and first.content == second.content


def _probe(client, method, url, name, outside, as_list, **extra):
    def send(value):
        value = [value] if as_list else value
        if method == "get":
            return _answer(client, "get", url, data={name: value})
        return _answer(client, method, url, data={name: value, **extra}, format="json")

    unknown = send(UNKNOWN)
    answers = [(pk, send(pk), unknown) for pk in outside]
    # Equal 500s would prove nothing (an unscoped filter is a configuration error).
    assert all(answer.status_code < 500 for _, answer, _ in answers), url
    assert unknown.status_code < 500, url
    return answers


@pytest.mark.django_db
def test_no_filter_tells_an_unknown_id_from_one_outside_your_scope():
    world = with_series(build_world())
    probes, leaks = 0, []
    for persona in PERSONAS:
        user = world.users[persona]
        client = APIClient()
        client.force_authenticate(user)
        for path, method, operation in _operations():
            if method != "get":
                continue
            url = _path(path, world.ids)
            for parameter in operation.get("parameters", []):
                collection = NAMES.get(parameter["name"])
                if parameter["in"] != "query" or collection not in world.ids:
                    continue
                if (path, parameter["name"]) in OPEN_BY_DESIGN:
                    continue
                outside = set(world.ids[collection]) - visible(collection, user)
                as_list = parameter.get("schema", {}).get("type") == "array"
                for pk, answer, unknown in _probe(
                    client, "get", url, parameter["name"], outside, as_list
                ):
                    probes += 1
                    if not _same(answer, unknown):
                        leaks.append(
                            f"{persona} GET {url}?{parameter['name']}={pk}: "
                            f"{answer.status_code} {answer.content[:120]!r}, unknown: "
                            f"{unknown.status_code} {unknown.content[:120]!r}"
                        )
    assert probes > 100
    assert not leaks, "\n".join(leaks)


@pytest.mark.django_db
def test_no_body_field_tells_an_unknown_object_from_one_outside_your_scope():
    world = with_series(build_world())
    probes, leaks = 0, []
    for persona in PERSONAS:
        user = world.users[persona]
        client = APIClient()
        client.force_authenticate(user)
        for path, method, operation in _operations():
            if method not in {"post", "put", "patch"}:
                continue
            content = operation.get("requestBody", {}).get("content", {})
            media = "application/json" if "application/json" in content else None
            if media is None:
                continue
            url = _path(path, world.ids)
            properties = _resolve(content[media]["schema"]).get("properties", {})
            for name, schema in properties.items():
                collection = NAMES.get(name)
                if collection not in world.ids or (path, name) in OPEN_BY_DESIGN:
                    continue
                outside = set(world.ids[collection]) - visible(collection, user)
                as_list = _resolve(schema).get("type") == "array"
                for pk, answer, unknown in _probe(client, method, url, name, outside, as_list):
                    probes += 1
                    if not _same(answer, unknown):
                        leaks.append(
                            f"{persona} {method.upper()} {url} {name}={pk}: "
                            f"{answer.status_code} {answer.content[:120]!r}, unknown: "
                            f"{unknown.status_code} {unknown.content[:120]!r}"
                        )
    assert probes > 100
    assert not leaks, "\n".join(leaks)


@pytest.mark.django_db
def test_a_submission_for_another_agency_answers_like_one_for_no_agency(api, world):
    from tests.coordination.reporting import open_year

    for agency in (world.home_agency, world.away_agency):
        agency.is_service_provider = True
        agency.save()
    cycle = open_year(world.users["state_admin"], 2024, [world.home_agency, world.away_agency])
    body = {
        "cycle": cycle.pk,
        "services_offered": ["case_management"],
        "parishes_served": [world.home_parish.pk],
        "children_served": 0,
        "adults_served": 0,
        "cases": [],
    }
    client = api("reporter")
    other = client.post("/api/v1/annual-submissions/", body | {"agency": world.away_agency.pk})
    unknown = client.post("/api/v1/annual-submissions/", body | {"agency": UNKNOWN})
    assert other.status_code == unknown.status_code == 400
    assert other.json() == unknown.json() == {"agency": [other.json()["agency"][0]]}
    # Someone who reports for no agency is refused before the body is read.
    for persona in ("state_admin", "coordinator"):
        refused = api(persona).post("/api/v1/annual-submissions/", body | {"agency": UNKNOWN})
        assert refused.status_code == 403


def test_a_filter_that_names_objects_without_a_selector_is_a_configuration_error():
    from django.core.exceptions import ImproperlyConfigured

    from coordination.models import Parish
    from coordination.plumbing.api.filters import ScopedFilterSet

    class Unscoped(ScopedFilterSet):
        class Meta:
            model = Parish
            fields = ["region"]

    with pytest.raises(ImproperlyConfigured, match="scoped_filters"):
        Unscoped(data={}, queryset=Parish.objects.none())
