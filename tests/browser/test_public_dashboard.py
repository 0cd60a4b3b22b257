"""Issue 19: an anonymous visitor reads the published figures on a phone, and no cell the
report hides can be read from the page, its CSV or its charts' data. Every page passes axe."""

import csv
import io

from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from coordination.reporting import services
from coordination.reporting.report import COLUMNS, annual_report
from tests.browser.conftest import assert_accessible
from tests.coordination.factories import UserFactory
from tests.coordination.reporting import case_rows, open_year, providers, submit

MARKS = {"<5", "*"}
# How many bars a chart draws: bars with a length.
BARS = """bars => bars.filter(bar => bar.getBoundingClientRect().width > 0.5).length"""


# The size, in CSS pixels, of the smallest text of any chart.
SMALLEST_CHART_TEXT = """Math.min(...[...document.querySelectorAll(".bar-chart *")]
  .filter(element => [...element.childNodes].some(node => node.nodeType === 3 && node.textContent.trim()))
  .map(element => parseFloat(getComputedStyle(element).fontSize)))"""


def a_year_with_small_cells(world_parish):
    admin = UserFactory(username="ada")
    RoleAssignment.objects.create(user=admin, role=Role.STATE_ADMIN)
    asked = providers(4, prefix="Provider")
    cycle = open_year(admin, 2017, asked)
    rows = case_rows(
        [
            (38, "sex", "confirmed", True),
            (2, "sex", "prospective", True),
            (3, "labor", "confirmed", False),
            (12, "sex_and_labor", "confirmed", False),
        ],
        world_parish,
    )
    submit(asked[0], cycle, rows, [world_parish])
    services.reporting_cycle_close(actor=admin, cycle=cycle)
    services.reporting_cycle_publish(actor=admin, cycle=cycle, published=True)
    return cycle


def hidden_cells(cycle):
    """(table title, row label, column) → the true count of every cell the report hides."""
    report = annual_report(cycle, suppress=False)
    cells = {}
    for table in report.tables:
        labels = [str(label) for _, label in table.labels] + ["Total"]
        for row, column in table.hidden:
            cells[(table.title, labels[row], COLUMNS[column])] = table.grid[row][column]
    return cells


def test_a_visitor_reads_the_published_figures_and_no_hidden_cell_can_be_read(phone_page):
    from coordination.models import Parish

    page = phone_page
    orleans = Parish.objects.get(name="Orleans")
    cycle = a_year_with_small_cells(orleans)
    hidden = hidden_cells(cycle)
    assert hidden  # the data has small cells to hide

    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Statewide figures"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("the statewide figures")
    expect(page.locator("p.figure").filter(has_text="1 of 4")).to_be_visible()
    assert_accessible(page, "public dashboard on a phone")
    page.get_by_role("link", name="All of 2017's figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Human trafficking in Louisiana, 2017"
    )
    assert_accessible(page, "a published year on a phone")
    # Issue 21: a chart's text stays readable on a phone (it once shrank to about 6 px;
    # tests/browser/test_charts.py checks every chart at two sizes).
    smallest = page.evaluate(SMALLEST_CHART_TEXT)
    assert smallest >= 12, smallest

    # The tables: every hidden cell shows its mark.
    for (title, label, column), _ in hidden.items():
        section = page.locator("section").filter(
            has=page.get_by_role("heading", name=title, exact=True)
        )
        row = section.get_by_role("row").filter(
            has=page.get_by_role("rowheader", name=label, exact=True)
        )
        index = {"confirmed": 1, "prospective": 2, "total": 3}[column]
        assert row.locator("td").nth(index - 1).inner_text().strip() in MARKS, (
            title,
            label,
            column,
        )

    # The charts' data: a bar for each published count, none for a hidden one (a bar's
    # length would tell its count), and the hidden ones labelled with their mark.
    public = annual_report(cycle, public=True)
    for number, key in enumerate(["trafficking_type", "region"]):
        table = next(table for table in public.tables if table.key == key)
        totals = [row["total"] for row in public.rows(table) if row["code"] != "total"]
        drawn = [total for total in totals if isinstance(total, int) and total > 0]
        chart = page.locator(".bar-chart").nth(number)
        bars = chart.locator(".bar").evaluate_all(BARS)
        assert bars == len(drawn), (key, bars, totals)
        labels = {text.strip() for text in chart.locator(".bar-figure").all_text_contents()}
        assert {total for total in totals if isinstance(total, str)} <= labels

    # The CSV: the same marks, row by row.
    answer = page.request.get("/public/2017.csv")
    assert answer.ok
    rows = list(csv.reader(io.StringIO(answer.text())))
    by_cell = {(row[0], row[1]): row for row in rows if len(row) >= 5}
    for (title, label, column), _ in hidden.items():
        row = by_cell[(title, label)]
        assert row[2 + COLUMNS.index(column)] in MARKS, (title, label, column)
