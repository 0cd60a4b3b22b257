"""Issue 21: on a phone the header is one row (the brand and a Menu button that opens the
links, and closes with Escape); on a laptop the links show as they are. axe passes both."""

import pytest
from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import UserFactory

PASSWORD = "Admin-passphrase-9"


@pytest.fixture
def admin(shipped_data):
    person = UserFactory(username="ada", password=PASSWORD)
    RoleAssignment.objects.create(user=person, role=Role.STATE_ADMIN)
    return person


def test_the_phone_header_is_one_row_with_a_menu(phone_page, admin):
    page = phone_page
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "ada", PASSWORD)
    header = page.locator("header.site-header")
    assert header.bounding_box()["height"] <= 80  # one row: the brand and Menu
    links = page.locator("#nav-links")
    expect(links).to_be_hidden()
    menu = page.get_by_role("button", name="Menu")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Referrals")).to_be_visible()
    assert_accessible(page, "the phone menu, open")
    page.keyboard.press("Escape")
    expect(links).to_be_hidden()
    expect(menu).to_be_focused()
    menu.click()
    page.get_by_role("link", name="Referrals").click()
    expect(page).to_have_url(page.url.split("/referrals")[0] + "/referrals/")


def test_the_laptop_header_shows_the_links(page, admin):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, "ada", PASSWORD)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("link", name="Referrals")).to_be_visible()
    assert_accessible(page, "the laptop header")
