"""The web pages: sign-in, each role's dashboard, the directory pages and the admin."""

import pytest
from django.urls import reverse

from coordination.models import Role, RoleAssignment
from tests.coordination.factories import UserFactory
from tests.coordination.reporting import open_year, providers


def page_as(client, world, persona, url):
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_login_page_has_labelled_fields(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_username">Username</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert 'autocomplete="current-password"' in html


def test_signing_in_leads_to_the_dashboard(client, world):
    response = client.post(
        reverse("login"),
        {"username": "coordinator", "password": "a-Long-test-passphrase"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "Regions you coordinate" in response.content.decode()


def test_a_wrong_password_says_so_and_signs_no_one_in(client, world):
    response = client.post(reverse("login"), {"username": "coordinator", "password": "nope"})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_takes_a_post_and_ends_the_session(client, world):
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.parametrize("url", ["/", "/regions/", "/agencies/", "/regions/1/", "/agencies/1/"])
def test_pages_send_anonymous_visitors_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "shows", "hides"),
    [
        ("no_role", ["You hold no role"], ["Statewide administration", "Regions you coordinate"]),
        ("state_admin", ["Statewide administration"], ["Regions you coordinate", "Your MDTs"]),
        ("superuser", ["Statewide administration"], ["Your MDTs"]),
        ("coordinator", ["Regions you coordinate", "Home Region"], ["Statewide administration"]),
        ("coordinator_away", ["Away Region"], ["Home Region", "Statewide administration"]),
        ("mdt_member", ["Your MDTs", "Home MDT"], ["Regions you coordinate"]),
        ("responder", ["Your rapid-response duty", "primary"], ["Your MDTs"]),
        ("reporter", ["You report for", "Home Advocacy Center"], ["Your rapid-response duty"]),
    ],
)
def test_each_role_sees_its_own_dashboard(client, world, persona, shows, hides):
    html = page_as(client, world, persona, reverse("dashboard")).content.decode()
    for text in shows:
        assert text in html
    for text in hides:
        assert text not in html


def test_a_coordinator_is_warned_when_the_region_lacks_a_contact(client, world):
    html = page_as(client, world, "coordinator", reverse("dashboard")).content.decode()
    assert "no backup rapid-response contact" in html
    RoleAssignment.objects.create(
        user=UserFactory(username="backup"), role=Role.RESPONDER, region=world.home, duty="backup"
    )
    html = client.get(reverse("dashboard")).content.decode()
    assert "rapid-response contact: alerts could go unanswered" not in html


@pytest.mark.parametrize(
    ("persona", "links", "missing"),
    [
        ("state_admin", ["Regions", "Agencies", "Administration"], []),
        ("coordinator", ["Regions", "Agencies"], ["Administration"]),
        ("mdt_member", ["Regions", "Agencies"], ["Administration"]),
        ("no_role", ["Agencies"], ["Administration", ">Regions<"]),
    ],
)
def test_navigation_shows_each_role_its_own_work(client, world, persona, links, missing):
    html = page_as(client, world, persona, reverse("dashboard")).content.decode()
    nav = html.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    for link in links:
        assert link in nav
    for link in missing:
        assert link not in nav


@pytest.mark.parametrize(
    ("persona", "visible", "hidden"),
    [
        ("state_admin", ["Home Region", "Away Region"], []),
        ("coordinator", ["Home Region"], ["Away Region"]),
        ("reporter", ["Home Region"], ["Away Region"]),
        ("no_role", ["No region is visible to you"], ["Home Region"]),
    ],
)
def test_region_pages_are_scoped(client, world, persona, visible, hidden):
    html = page_as(client, world, persona, reverse("region-list")).content.decode()
    for text in visible:
        assert text in html
    for text in hidden:
        assert text not in html


def test_a_region_outside_scope_is_404_and_inside_shows_its_parishes(client, world):
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("region-detail", args=[world.away.pk])).status_code == 404
    html = client.get(reverse("region-detail", args=[world.home.pk])).content.decode()
    assert "Home Parish" in html
    assert "Home Advocacy Center" in html


def test_agency_pages_are_scoped(client, world):
    client.force_login(world.users["coordinator"])
    html = client.get(reverse("agency-list")).content.decode()
    assert "Home Advocacy Center" in html
    assert "Away Safe House" not in html
    assert client.get(reverse("agency-detail", args=[world.away_agency.pk])).status_code == 404
    assert client.get(reverse("agency-detail", args=[world.home_agency.pk])).status_code == 200


# --- Admin screens -------------------------------------------------------------------
ADMIN_SCREENS = [
    "/admin/",
    "/admin/coordination/region/",
    "/admin/coordination/parish/",
    "/admin/coordination/agency/",
    "/admin/coordination/roleassignment/",
    "/admin/auth/user/",
    "/admin/mdt/mdt/",
    "/admin/phases/initiative/",
    "/admin/mdt/membership/",
    "/admin/coordination/auditentry/",
    "/admin/phases/phasetransition/",
]


@pytest.mark.parametrize("url", ADMIN_SCREENS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("state_admin", 200),
        ("superuser", 200),
        ("no_role", 403),
        ("coordinator", 403),
        ("mdt_member", 403),
        ("responder", 403),
        ("reporter", 403),
    ],
)
def test_admin_screens_are_for_state_admins_only(client, world, persona, status, url):
    assert page_as(client, world, persona, url).status_code == status


@pytest.mark.parametrize("url", ADMIN_SCREENS)
def test_admin_screens_send_anonymous_visitors_to_the_one_sign_in_page(client, db, url):
    response = client.get(url, follow=True)
    final_url, _ = response.redirect_chain[-1]
    assert final_url.startswith(reverse("login"))
    assert "Sign in to Lantern" in response.content.decode()


def test_a_state_admin_grants_a_role_in_the_admin(client, world):
    client.force_login(world.users["state_admin"])
    target = world.users["no_role"]
    response = client.post(
        "/admin/coordination/roleassignment/add/",
        {"user": target.pk, "role": "coordinator", "region": world.away.pk, "duty": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RoleAssignment.objects.get(user=target).region == world.away


def test_the_admin_refuses_a_role_without_its_scope(client, world):
    client.force_login(world.users["state_admin"])
    target = world.users["no_role"]
    response = client.post(
        "/admin/coordination/roleassignment/add/",
        {"user": target.pk, "role": "coordinator", "duty": ""},
    )
    assert response.status_code == 200
    assert "The Regional coordinator role needs a region." in response.content.decode()
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_a_state_admin_edits_a_region_in_the_admin(client, world):
    client.force_login(world.users["state_admin"])
    response = client.post(
        f"/admin/coordination/region/{world.home.pk}/change/",
        {
            "name": "Home Region",
            "slug": "home",
            "escalation_minutes": 12,
            "parishes-TOTAL_FORMS": 1,
            "parishes-INITIAL_FORMS": 1,
            "parishes-MIN_NUM_FORMS": 0,
            "parishes-MAX_NUM_FORMS": 1000,
            "parishes-0-id": world.home_parish.pk,
            "parishes-0-region": world.home.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    world.home.refresh_from_db()
    assert world.home.escalation_minutes == 12


def test_a_state_admin_sees_open_years_and_the_late_providers_on_the_dashboard(client, world):
    """Issue 21: due and overdue submissions on the state admin's first screen, one click
    from the tracker."""
    admin = world.users["state_admin"]
    cycle = open_year(admin, 2024, providers(2, prefix="Late"))  # due Mar 31, 2025: past
    html = page_as(client, world, "state_admin", reverse("dashboard")).content.decode()
    assert "Annual reports open" in html
    assert f'href="/reporting/{cycle.pk}/tracker/"' in html
    assert "2 providers overdue" in html
    coordinator = page_as(client, world, "coordinator", reverse("dashboard")).content.decode()
    assert "providers overdue" not in coordinator
