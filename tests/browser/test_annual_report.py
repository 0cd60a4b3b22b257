"""A provider's reporter submits the year's report by uploading the template; a
coordinator reads the published report with its charts. Every page passes axe."""

import re

from playwright.sync_api import expect

from coordination.models import Parish, Role, RoleAssignment
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import RegionFactory, UserFactory
from tests.coordination.reporting import case_rows, open_year, providers, submit

PASSWORD = "Reporter-passphrase-9"


def test_a_provider_uploads_its_report_and_a_coordinator_reads_it(page, tmp_path):
    region = RegionFactory(name="Greater New Orleans")
    orleans = Parish.objects.get(name="Orleans")
    orleans.region = region
    orleans.save()
    asked = providers(3, prefix="Provider")
    admin = UserFactory(username="ada", password=PASSWORD)
    RoleAssignment.objects.create(user=admin, role=Role.STATE_ADMIN)
    cycle = open_year(admin, 2024, asked)
    submit(
        asked[1], cycle, case_rows([(40, "sex", "confirmed", True)], orleans, start=500), [orleans]
    )
    reporter = asked[0].reporter
    reporter.set_password(PASSWORD)
    reporter.save()
    coordinator = UserFactory(username="cora", password=PASSWORD)
    RoleAssignment.objects.create(user=coordinator, role=Role.COORDINATOR, region=region)

    sign_in(page, reporter.username, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Annual reporting").click()
    page.get_by_role("link", name="Submit Provider 1's 2024 report").click()
    assert_accessible(page, "submission form")
    page.get_by_label("Case management").check()
    page.get_by_label("Orleans Parish", exact=True).check()
    page.get_by_label("Children served (under 18)").fill("2")
    page.get_by_label("Adults served").fill("1")
    bad = tmp_path / "cases.csv"
    bad.write_text(
        "case_code,trafficking_type,victim_status,age_band,parish,status_update\n"
        "P1-0001,sex,confirmed,15-17,Orleans,receiving_services\n"
        "Jane Doe,labor,confirmed,25-34,Orleans,lost_contact\n"
        "P1-0003,sex,at risk,12-14,Orleans,reunified\n"
    )
    page.get_by_label("Case rows as a file (.csv or .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Submit the report").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Row 3, column case_code")
    expect(summary).to_contain_text("Row 4, column victim_status")
    assert_accessible(page, "submission form with errors")

    good = tmp_path / "cases-fixed.csv"
    good.write_text(
        bad.read_text().replace("Jane Doe", "P1-0002").replace("at risk", "prospective")
    )
    page.get_by_label("Case management").check()
    page.get_by_label("Orleans Parish", exact=True).check()
    page.get_by_label("Case rows as a file (.csv or .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted Provider 1's report for 2024")
    expect(page.get_by_role("heading", name="Versions")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "cora", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="2024").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024")
    expect(page.get_by_text("2 of 3", exact=True)).to_be_visible()
    expect(page.locator(".chart svg")).to_have_count(3)
    by_type = page.get_by_role("region", name="By trafficking type")
    expect(by_type.get_by_role("row", name=re.compile("^Labor trafficking"))).to_contain_text("<5")
    assert_accessible(page, "annual report page")
    page.set_viewport_size({"width": 375, "height": 667})
    assert_accessible(page, "annual report page on a phone")
