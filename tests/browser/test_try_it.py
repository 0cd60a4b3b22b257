"""Issue 21: each role's day starts on the dashboard, whose first item is one click from
the page where the work is done — on a phone (390×844, the header one row high) and on a
laptop (1280×800), the header one row on both and axe passing. The README's "Try it" screenshots are made here,
so that they show Lantern as it is (docs/screenshots/)."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, header_is_one_row, sign_in

PASSWORD = "Try-it-passphrase-1"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}

# role → (the dashboard section of the day's work, its first link's place, the heading
# that link leads to)
FIRST_TASKS = {
    "demo-admin": ("Statewide administration", "#state-heading ~ .cards a", "Regions"),
    "demo-coordinator": ("Your initiatives", ".initiative-work a", None),
    "demo-mdt": ("Your MDT work", "#member-work-heading ~ ul a", "Meeting on"),
    "demo-responder": ("Your rapid-response duty", "#duty-heading ~ p a", "Alert console"),
    "demo-reporter": ("You report for", "#reporter-heading ~ ul a", None),
}


@pytest.fixture
def demo(shipped_data):
    call_command("seed_demo", "--password", PASSWORD, "--referrals", "12", stdout=io.StringIO())


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("username", sorted(FIRST_TASKS))
def test_the_days_first_task_is_one_click_from_the_dashboard(page, demo, username, size):
    page.set_viewport_size(SIZES[size])
    sign_in(page, username, PASSWORD)
    section, first_link, leads_to = FIRST_TASKS[username]
    expect(page.get_by_role("heading", name=section, exact=True)).to_be_visible()
    assert header_is_one_row(page)
    if size == "phone":
        assert page.locator("header.site-header").bounding_box()["height"] <= 80
    assert_accessible(page, f"{username}'s dashboard on a {size}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{username}-{size}.png"))
    link = page.locator(first_link).first
    expect(link).to_be_visible()
    text = link.inner_text()
    link.click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(leads_to or text.split(",")[0].strip())
    assert_accessible(page, f"{username}'s first task on a {size}")
