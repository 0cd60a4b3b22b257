"""Issue 20: a state admin sets up an MDT on the pages, adds a member and names the chair,
on a phone; every page passes axe."""

from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import AgencyFactory, RegionFactory, UserFactory

PASSWORD = "Admin-passphrase-9"


def test_a_state_admin_sets_up_an_mdt_on_a_phone(phone_page):
    page = phone_page
    region = RegionFactory(name="Capital")
    AgencyFactory(name="Capital Advocacy Center", regions=[region])
    admin = UserFactory(username="ada", password=PASSWORD)
    RoleAssignment.objects.create(user=admin, role=Role.STATE_ADMIN)
    UserFactory(username="nurse-1")

    sign_in(page, "ada", PASSWORD)
    page.goto("/mdts/")
    page.get_by_role("link", name="Set up an MDT").click()
    assert_accessible(page, "set up an MDT")
    page.get_by_label("Name").fill("Baton Rouge MDT")
    page.get_by_label("Region").select_option(label="Capital")
    page.get_by_role("button", name="Set up the MDT").click()
    expect(page.get_by_role("status")).to_contain_text("Baton Rouge MDT is set up")

    page.get_by_text("Add a member").click()
    page.get_by_label("Person").select_option(label="nurse-1")
    page.get_by_label("Agency").select_option(label="Capital Advocacy Center")
    page.get_by_label("Discipline").select_option(label="Health care")
    page.get_by_role("button", name="Add the member").click()
    expect(page.get_by_role("status")).to_contain_text("nurse-1 is a member of Baton Rouge MDT")
    expect(page.get_by_role("row", name="nurse-1")).to_be_visible()
    assert_accessible(page, "an MDT's page with its members")

    page.get_by_role("link", name="Edit Baton Rouge MDT or name its chair").click()
    page.get_by_label("Chair").select_option(label="nurse-1")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("chaired by nurse-1")
