"""Issue 21: the header groups the pages by task ("Cases and teams", "Community action",
"Reporting"). On a phone it is one row (the brand and a Menu button that opens every
group, and closes with Escape); on a laptop it is one row too, even for a state admin
with fifteen pages, each group opening on its own. axe passes each state."""

import pytest
from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from tests.browser.conftest import assert_accessible, header_is_one_row, sign_in
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
    assert header_is_one_row(page)  # the brand and Menu
    assert page.locator("header.site-header").bounding_box()["height"] <= 80
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


def test_the_laptop_header_is_one_row_of_task_groups(page, admin):
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, "ada", PASSWORD)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    assert header_is_one_row(page)  # fifteen pages in it
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="Alerts")).to_be_visible()
    referrals = navigation.get_by_role("link", name="Referrals")
    expect(referrals).to_be_hidden()
    cases = navigation.locator("summary", has_text="Cases and teams")
    cases.click()
    expect(referrals).to_be_visible()
    # Fully shown at once: a list still fading in fails contrast (axe caught one mid-fade).
    list_style = "el => getComputedStyle(el.closest('ul')).transitionDuration"
    assert referrals.evaluate(list_style) == "0s"
    assert_accessible(page, "the laptop header, a group open")
    # One group at a time; Escape closes it and returns to it.
    navigation.locator("summary", has_text="Community action").click()
    expect(referrals).to_be_hidden()
    expect(navigation.get_by_role("link", name="Initiatives")).to_be_visible()
    page.keyboard.press("Escape")
    expect(navigation.get_by_role("link", name="Initiatives")).to_be_hidden()
    cases.click()
    referrals.click()
    expect(page).to_have_url(page.url.split("/referrals")[0] + "/referrals/")
    # The group holding the page is marked, and so is the page.
    expect(navigation.locator("summary.current")).to_have_text("Cases and teams")
    cases.click()
    expect(referrals).to_have_attribute("aria-current", "page")
    assert_accessible(page, "the laptop header")
