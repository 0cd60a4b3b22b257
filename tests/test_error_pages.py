"""Issue 21: the error pages (400, 403, 404, 500, 503, an expired form) wear the site's
layout, with its navigation and a way back, in production settings and with DEBUG on
(`make run`), where Django would show its technical pages; the API keeps its JSON. Signing
out says so, and signing in asks for a two-factor code only when it is needed."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def crash(*args, **kwargs):
    raise RuntimeError("a bug")


def in_layout(response, heading: str) -> str:
    body = response.content.decode()
    assert heading in body
    assert 'href="/"' in body
    assert "Go to your dashboard" in body
    assert '<nav aria-label="Main">' in body
    assert "Traceback" not in body
    assert "Using the URLconf" not in body
    return body


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make run"])
def test_a_missing_page(world, debug):
    with override_settings(DEBUG=debug):
        answer = signed_in(world.users["coordinator"]).get("/no-such-page/")
    assert answer.status_code == 404
    body = in_layout(answer, "We cannot find that page")
    assert "Sign out coordinator" in body  # the signed-in navigation


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make run"])
def test_a_refusal_says_why(world, debug):
    with override_settings(DEBUG=debug):
        answer = signed_in(world.users["coordinator"]).get("/mdts/new/")
    assert answer.status_code == 403
    in_layout(answer, "You cannot do this here")


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make run"])
def test_a_crash(world, debug):
    with (
        override_settings(DEBUG=debug),
        mock.patch("coordination.people.views.selectors.dashboard_for", crash),
    ):
        answer = signed_in(world.users["coordinator"]).get("/")
    assert answer.status_code == 500
    body = in_layout(answer, "Something went wrong on Lantern's side")
    assert "a bug" not in body


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make run"])
def test_the_database_out_of_reach(world, debug):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    with (
        override_settings(DEBUG=debug),
        mock.patch("coordination.people.views.selectors.dashboard_for", unreachable),
    ):
        answer = signed_in(world.users["coordinator"]).get("/")
    assert answer.status_code == 503
    in_layout(answer, "Lantern is unavailable for a moment")


def test_a_nul_in_the_address(world):
    answer = signed_in(world.users["coordinator"]).get("/referrals/?case_code=%00")
    assert answer.status_code == 400
    in_layout(answer, "Lantern could not read that request")


def test_an_expired_form(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["coordinator"])
    answer = client.post("/mdts/new/", {"name": "x"})
    assert answer.status_code == 403
    in_layout(answer, "This form had expired")


@override_settings(DEBUG=True)
def test_the_api_keeps_its_json_answers(api):
    answer = api("coordinator").get("/api/v1/no-such-thing/")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not found."}


def test_signing_out_says_so(world):
    client = Client()
    client.force_login(world.users["coordinator"])
    answer = client.post("/accounts/logout/", follow=True)
    assert answer.request["PATH_INFO"] == "/accounts/login/"
    assert "You are signed out" in answer.content.decode()
    assert "Sign out coordinator" not in answer.content.decode()


def test_the_sign_in_page_asks_for_a_code_only_when_it_is_needed():
    page = Client().get("/accounts/login/").content.decode()
    assert "Two-factor code" not in page
    assert 'name="otp_token"' not in page


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make run"])
def test_a_host_lantern_does_not_serve(world, debug):
    """A request for another host (a forged Host header) is a 400 in the site's layout, not
    Django's technical page naming the host list (issue 21)."""
    with override_settings(DEBUG=debug, ALLOWED_HOSTS=["lantern.example"]):
        answer = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "ALLOWED_HOSTS" not in body
    assert "DisallowedHost" not in body
    assert '<nav aria-label="Main">' in body
