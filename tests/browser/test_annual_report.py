"""A provider's reporter submits the year's report by uploading the template; a
coordinator reads the published report with its charts. Every page passes axe."""

import json
import re
from pathlib import Path

from playwright.sync_api import expect

from coordination.models import Parish, Role, RoleAssignment
from coordination.reporting.report import annual_report
from tests.browser.conftest import assert_accessible, go_to, sign_in
from tests.coordination.factories import ParishFactory, RegionFactory, UserFactory
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
    go_to(page, "Annual reporting")
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
    go_to(page, "Reports")
    page.get_by_role("link", name="2024").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024")
    expect(page.get_by_text("2 of 3", exact=True)).to_be_visible()
    expect(page.locator(".bar-chart")).to_have_count(3)
    by_type = page.get_by_role("region", name="By trafficking type")
    expect(by_type.get_by_role("row", name=re.compile("^Labor trafficking"))).to_contain_text("<5")
    assert_accessible(page, "annual report page")
    page.set_viewport_size({"width": 375, "height": 667})
    assert_accessible(page, "annual report page on a phone")


DEMO_REGIONS = Path(__file__).parents[2] / "coordination/data/demo_regions.json"
# For each region named in a row of the table: does its row in the chart hold a bar, and
# is that bar what the browser paints at the bar's centre (not clipped away, not covered)?
BARS_PAINTED = """(chart, names) => {
  const rows = [...chart.querySelectorAll(".bar-rows > li")];
  return names.map((name) => {
    const row = rows.find((li) => li.querySelector(".bar-label").textContent.trim() === name);
    if (!row) return `${name}: no label`;
    const bar = row.querySelector(".bar");
    if (!bar || bar.getBoundingClientRect().width < 1) return `${name}: no bar`;
    bar.scrollIntoView({block: "center"});
    const edges = bar.getBoundingClientRect();
    const hit = document.elementFromPoint(
      edges.left + edges.width / 2, edges.top + edges.height / 2
    );
    return hit === bar ? `${name}: painted` : `${name}: hidden`;
  });
}"""


def test_every_region_with_cases_has_its_bar_painted(page):
    """Louisiana's nine demo regions, each with cases: the region chart, the third chart
    on the page, paints a bar for each (once, when the charts were SVG, a clip path of
    another chart hid the top ones)."""
    names = [region["name"] for region in json.loads(DEMO_REGIONS.read_text())["regions"]]
    parishes = [ParishFactory(region=RegionFactory(name=name)) for name in names]
    asked = providers(1)
    admin = UserFactory(username="ada", password=PASSWORD)
    RoleAssignment.objects.create(user=admin, role=Role.STATE_ADMIN)
    cycle = open_year(admin, 2024, asked)
    rows = []
    for index, parish in enumerate(parishes):
        count = 50 - 5 * index  # 10 and more: nothing suppressed
        rows += case_rows([(count, "sex", "confirmed", False)], parish, start=100 * index + 1)
    submit(asked[0], cycle, rows, parishes)
    report = annual_report(cycle, suppress=True)
    table = next(table for table in report.tables if table.key == "region")
    with_cases = [row["label"] for row in report.rows(table)[:-1] if row["total"] != 0]
    assert len(with_cases) == 9
    coordinator = UserFactory(username="cora", password=PASSWORD)
    RoleAssignment.objects.create(
        user=coordinator, role=Role.COORDINATOR, region=parishes[0].region
    )

    sign_in(page, "cora", PASSWORD)
    page.goto("/reports/2024/")
    chart = page.locator("figure.bar-chart").filter(has_text="Cases by region, 2024")
    expect(chart).to_have_count(1)
    painted = chart.evaluate(BARS_PAINTED, with_cases)
    assert painted == [f"{name}: painted" for name in with_cases]
    assert_accessible(page, "annual report page with nine regions")
