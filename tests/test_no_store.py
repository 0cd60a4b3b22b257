"""No browser or proxy keeps what Lantern answers (issue 15, finding 5): every page and every
API answer carries `Cache-Control: no-store, private` (refusals and errors too), so that a
referral, a screen or an alert is not left in a shared computer's cache or a proxy's.
Static files, which hold no data, stay cacheable."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.test_api_fuzz import build_world
from tests.test_no_echo import _operations, _pages, _path


def stores_nothing(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


@pytest.mark.django_db
def test_every_page_about_cases_and_people_is_not_stored():
    world = build_world()
    ids = {kind: rows[0] for kind, rows in world.ids.items()}
    pages = _pages(world)
    pages["mdt_member"] += [
        "/",
        "/mdts/",
        f"/mdts/{ids['mdts']}/",
        "/screenings/",
        "/screenings/statistics/",
        "/alerts/",
    ]
    pages["coordinator"] += ["/initiatives/", "/summits/", "/reports/", "/regions/", "/agencies/"]
    pages["state_admin"] += [f"/reports/{ids['annual']}/", "/admin/"]
    checked = []
    for persona, urls in pages.items():
        client = Client()
        if world.users.get(persona):
            client.force_login(world.users[persona])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (persona, url, response.status_code)
            assert stores_nothing(response), (persona, url, response.get("Cache-Control"))
            checked.append(url)
    # Refusals too: a page out of scope, and the sign-in redirect.
    client = Client()
    client.force_login(world.users["mdt_member_away"])
    assert stores_nothing(client.get(f"/referrals/{ids['referrals']}/"))
    assert stores_nothing(Client().get("/referrals/"))
    assert len(checked) > 40


@pytest.mark.django_db
def test_every_api_answer_is_not_stored():
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.users["state_admin"])
    checked = 0
    for path, method, _ in _operations():
        if method != "get":
            continue
        url = _path(path, world.ids)
        response = client.get(url)
        assert response.status_code < 500, url
        assert stores_nothing(response), (url, response.status_code, response.get("Cache-Control"))
        checked += 1
    assert checked > 50
    # Anonymous, refused, not found.
    for response in (
        APIClient().get("/api/v1/referrals/"),
        client.get("/api/v1/referrals/987654321/"),
        client.get("/api/v1/not-a-route/"),
    ):
        assert stores_nothing(response), response.status_code


@pytest.mark.django_db
def test_static_files_stay_cacheable(client):
    response = client.get("/static/lantern/lantern.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
