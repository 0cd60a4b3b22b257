"""Issue 19's pages in Chromium, each through axe: a reporter revises from the current rows
and reads what each version changed, with its receipt; the state admin reads who has
reported; anyone verifies a receipt without signing in."""

import datetime

from playwright.sync_api import expect

from coordination.models import Parish, Role, RoleAssignment
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import UserFactory
from tests.coordination.reporting import a_year_asked_of, case_rows, open_year, providers, submit

PASSWORD = "Reporter-passphrase-9"


def test_revise_track_and_verify(page, tmp_path):
    orleans = Parish.objects.get(name="Orleans")
    admin = UserFactory(username="ada", password=PASSWORD)
    RoleAssignment.objects.create(user=admin, role=Role.STATE_ADMIN)
    asked = providers(3, prefix="Provider")
    cycle = open_year(admin, 2024, asked)
    cycle.deadline = datetime.date.today() - datetime.timedelta(days=5)
    cycle.save()
    submit(asked[0], cycle, case_rows([(3, "sex", "confirmed", True)], orleans), [orleans])
    reporter = asked[0].reporter
    reporter.set_password(PASSWORD)
    reporter.save()

    sign_in(page, reporter.username, PASSWORD)
    page.goto(f"/reporting/{cycle.pk}/{asked[0].pk}/")
    expect(page.get_by_label("Case row 1 case code")).to_have_value("C-00001")
    page.get_by_label("Case row 2 case code").fill("")
    for column in ("trafficking type", "victim status", "age band", "parish", "status update"):
        page.get_by_label(f"Case row 2 {column}").select_option("")
    page.get_by_label("Children served (under 18)").fill("2")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("body")).to_contain_text("leaves out 1 case row of version 1 (C-00002)")
    assert_accessible(page, "a revision that would drop a row")
    page.get_by_label("Drop the case rows this version leaves out").check()
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted Provider 1's report")
    page.get_by_text("Against version 1: 0 added, 1 dropped, 0 changed").click()
    expect(page.get_by_text("Dropped: C-00002")).to_be_visible()
    assert_accessible(page, "the submission's versions")
    receipt = tmp_path / "receipt.json"
    with page.expect_download() as download:
        page.get_by_role("link", name="JSON receipt of version 2").click()
    download.value.save_as(receipt)

    page.context.clear_cookies()
    sign_in(page, "ada", PASSWORD)
    page.goto(f"/reporting/{cycle.pk}/tracker/")
    expect(page.locator('tr[data-state="overdue"]')).to_have_count(2)
    assert_accessible(page, "who has reported")

    page.context.clear_cookies()
    page.goto("/receipts/verify/")
    page.get_by_label("The receipt's JSON file").set_input_files(str(receipt))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("status")).to_contain_text("Verified.")
    assert_accessible(page, "a verified receipt")


def test_the_parish_list_filters_as_you_type(page):
    orleans = Parish.objects.get(name="Orleans")
    admin = UserFactory(username="ada", password=PASSWORD)
    RoleAssignment.objects.create(user=admin, role=Role.STATE_ADMIN)
    asked = providers(1, prefix="Provider")
    cycle = open_year(admin, 2024, asked)
    submit(asked[0], cycle, case_rows([(1, "sex", "confirmed", True)], orleans), [orleans])
    reporter = asked[0].reporter
    reporter.set_password(PASSWORD)
    reporter.save()
    sign_in(page, reporter.username, PASSWORD)
    page.goto(f"/reporting/{cycle.pk}/{asked[0].pk}/")
    page.get_by_label("Type to find in this list").fill("cadd")
    expect(page.get_by_label("Caddo Parish", exact=True)).to_be_visible()
    expect(page.get_by_label("Jefferson Parish", exact=True)).to_be_hidden()
    expect(page.get_by_label("Orleans Parish", exact=True)).to_be_visible()  # ticked: stays in view
    expect(page.locator("body")).to_contain_text("2 of 64 shown")
    assert_accessible(page, "the parish list, filtered")


def test_typed_case_rows_fit_a_phone(phone_page):
    """Issue 21: on a 390-px screen each typed case row is a card whose every box, under
    its visible label, is on the screen; nothing scrolls sideways."""
    page = phone_page
    page.set_viewport_size({"width": 390, "height": 844})
    cycle, asked = a_year_asked_of(1, PASSWORD)
    sign_in(page, asked[0].reporter.username, PASSWORD)
    page.goto(f"/reporting/{cycle.pk}/{asked[0].pk}/")
    for column in ("case code", "trafficking type", "victim status", "age band", "parish"):
        box = page.get_by_label(f"Case row 1 {column}")
        expect(box).to_be_visible()
        edge = box.bounding_box()
        assert edge["x"] >= 0, column
        assert edge["x"] + edge["width"] <= 390, column
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390
    expect(page.locator(".case-rows tbody tr").first.locator("label").first).to_have_text(
        "Case row 1 Case code"
    )
    assert_accessible(page, "typed case rows on a phone")
