"""Every demo user signs in through the real page in Chromium and sees their own
dashboard; every page they open passes axe-core's WCAG 2.1 AA checks."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, go_to, sign_in, sign_out

DEMO_PASSWORD = "Browser-demo-passphrase-1"

# username → (a heading their dashboard must show, a heading it must not)
DEMO_USERS = {
    "demo-admin": ("Statewide administration", "Your MDTs"),
    "demo-coordinator": ("Regions you coordinate", "Statewide administration"),
    "demo-mdt": ("Your MDTs", "Regions you coordinate"),
    "demo-responder": ("Your rapid-response duty", "Statewide administration"),
    "demo-backup": ("Your rapid-response duty", "Your MDTs"),
    "demo-reporter": ("You report for", "Your rapid-response duty"),
}


@pytest.fixture
def demo(shipped_data):
    # A dozen referrals instead of 240: these tests look at pages, not volumes (the full
    # demo is tested in tests/coordination/test_seed_demo.py).
    call_command(
        "seed_demo", "--password", DEMO_PASSWORD, "--referrals", "12", stdout=io.StringIO()
    )


def test_the_login_page_is_accessible_and_says_what_went_wrong(page, demo):
    page.goto("/")
    assert page.url.endswith("/accounts/login/?next=/")
    assert_accessible(page, "login page")
    sign_in(page, "demo-admin", "wrong password")
    assert page.get_by_role("alert").inner_text().startswith("Your username and password")
    assert_accessible(page, "login page with an error")


@pytest.mark.parametrize("username", sorted(DEMO_USERS))
def test_each_demo_user_signs_in_and_sees_their_own_dashboard(page, demo, username):
    shows, hides = DEMO_USERS[username]
    sign_in(page, username, DEMO_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == f"Welcome, {username}"
    expect(page.get_by_role("heading", name=shows)).to_be_visible()
    assert page.get_by_role("heading", name=hides).count() == 0
    assert_accessible(page, f"dashboard of {username}")

    go_to(page, "Agencies")
    assert page.get_by_role("heading", level=1).inner_text() == "Agencies"
    assert_accessible(page, f"agencies as {username}")
    page.get_by_role("table").get_by_role("link").first.click()
    assert_accessible(page, f"an agency as {username}")

    sign_out(page, username)
    assert "/accounts/login/" in page.url


def test_a_coordinator_walks_their_region(page, demo):
    sign_in(page, "demo-coordinator", DEMO_PASSWORD)
    go_to(page, "Regions")
    rows = page.get_by_role("table").get_by_role("row")
    assert rows.count() == 2  # the header and the one region they coordinate
    page.get_by_role("link", name="Region 1 — Greater New Orleans").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Region 1 — Greater New Orleans")
    expect(page.get_by_text("Orleans", exact=True)).to_be_visible()
    expect(page.get_by_text("demo-responder", exact=True)).to_be_visible()
    assert_accessible(page, "region page")


def test_the_state_admin_reaches_the_admin_and_a_coordinator_cannot(page, demo):
    sign_in(page, "demo-admin", DEMO_PASSWORD)
    page.get_by_role("link", name="Administration").click()
    expect(page.get_by_role("heading", name="State administration")).to_be_visible()
    page.context.clear_cookies()
    sign_in(page, "demo-coordinator", DEMO_PASSWORD)
    assert page.get_by_role("link", name="Administration").count() == 0
    response = page.goto("/admin/")
    assert response.status == 403


def test_keyboard_only_sign_in_and_skip_link(page, demo):
    page.goto("/accounts/login/")
    # The username field has focus on arrival; type, tab, type, enter.
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type("demo-mdt")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, demo-mdt")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/", "/regions/", "/agencies/"])
def test_pages_fit_a_phone_screen(phone_page, demo, path):
    sign_in(phone_page, "demo-admin", DEMO_PASSWORD)
    phone_page.goto(path)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    assert_accessible(phone_page, f"{path} on a phone")


def test_the_api_docs_render_under_the_content_security_policy(page):
    """Swagger UI's script is served as a file; its own <style> is allowed on that page
    only. The `page` fixture fails the test on anything the policy refuses."""
    page.goto("/api/v1/docs/")
    expect(page.get_by_role("heading", name="Lantern API")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()  # the operations rendered

    def style_sources(path):
        policy = page.request.get(path).headers["content-security-policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        return directives["style-src"]

    assert style_sources("/api/v1/docs/") == "'self' 'unsafe-inline'"
    assert style_sources("/accounts/login/") == "'self'"  # every other page
