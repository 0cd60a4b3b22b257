"""Issue 21 on the annual submission form, on a phone (390×844) and a laptop (1280×800): a
refused case code is marked in its own cell, next to the box, which takes the focus; every
value typed is kept; adding rows keeps them too; axe passes. Screenshots of the refused
form go to /tmp/report_form/ for a person to look at."""

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coordination.models import Parish
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.reporting import a_year_asked_of

PASSWORD = "Reporter-passphrase-9"
SHOTS = Path(tempfile.gettempdir()) / "report_form"
SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 800}}
# Two typed rows, the first with a case code the privacy guard refuses (a word of five
# letters may be a name); the lists' values (each shown by its label).
ROWS = [
    ("MARIA-0315", "sex", "confirmed", "15-17", "Orleans", "receiving_services"),
    ("HA-0002", "labor", "prospective", "25-34", "Orleans", "lost_contact"),
]
SELECTS = ("Trafficking type", "Victim status", "Age band", "Parish", "Status update")


def box(page, row: int, column: str):
    return page.get_by_label(f"Case row {row} {column}", exact=True)


def type_rows(page) -> None:
    for row, (code, *chosen) in enumerate(ROWS, start=1):
        box(page, row, "Case code").fill(code)
        for column, value in zip(SELECTS, chosen, strict=True):
            box(page, row, column).select_option(value)


def expect_rows_kept(page) -> None:
    for row, (code, *chosen) in enumerate(ROWS, start=1):
        expect(box(page, row, "Case code")).to_have_value(code)
        for column, value in zip(SELECTS, chosen, strict=True):
            expect(box(page, row, column)).to_have_value(value)
    expect(page.get_by_label("Case management")).to_be_checked()
    expect(page.get_by_label("Orleans Parish", exact=True)).to_be_checked()
    expect(page.get_by_label("Children served (under 18)")).to_have_value("1")
    expect(page.get_by_label("Adults served")).to_have_value("1")


@pytest.mark.parametrize("size", sorted(SIZES))
def test_a_refused_case_code_is_marked_at_its_box_and_nothing_typed_is_lost(page, size):
    page.set_viewport_size(SIZES[size])
    cycle, asked = a_year_asked_of(1, PASSWORD)
    assert Parish.objects.filter(name="Orleans").exists()

    sign_in(page, asked[0].reporter.username, PASSWORD)
    page.goto(f"/reporting/{cycle.pk}/{asked[0].pk}/")
    page.get_by_label("Case management").check()
    page.get_by_label("Orleans Parish", exact=True).check()
    page.get_by_label("Children served (under 18)").fill("1")
    page.get_by_label("Adults served").fill("1")
    type_rows(page)
    page.get_by_role("button", name="Submit the report").click()

    code = box(page, 1, "Case code")
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(code).to_be_focused()
    error = page.locator("#id_cases-0-case_code_error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Letters only as short abbreviations")
    field, said = code.bounding_box(), error.bounding_box()
    assert abs(said["y"] - (field["y"] + field["height"])) <= 100, (field, said)
    assert abs(said["x"] - field["x"]) <= 100, (field, said)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Case row 1, case code:")
    expect(summary).not_to_contain_text("case_code")
    expect(summary).not_to_contain_text("MARIA")
    expect(box(page, 2, "Case code")).not_to_have_attribute("aria-invalid", "true")
    expect_rows_kept(page)
    assert_accessible(page, f"the refused submission on a {size}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"refused-{size}.png"))
    page.screenshot(path=str(SHOTS / f"refused-{size}-full.png"), full_page=True)

    # The summary's link goes to the box too.
    page.get_by_label("Adults served").focus()
    summary.get_by_role("link", name="Case row 1, case code").click()
    expect(code).to_be_focused()

    page.get_by_role("button", name="Add 10 more case rows").click()
    expect(box(page, 15, "Case code")).to_be_visible()
    expect(box(page, 6, "Case code")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    expect_rows_kept(page)
    assert_accessible(page, f"ten rows added on a {size}")
    page.screenshot(path=str(SHOTS / f"more-rows-{size}.png"))

    box(page, 1, "Case code").fill("HA-0001")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted Provider 1's report for 2024")
    expect(page.locator(".versions")).to_contain_text("(typed on the page or sent by an app)")
