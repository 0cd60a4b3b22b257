"""The annual report to the legislature, from providers' de-identified submissions."""

import io

import pytest
from pypdf import PdfReader
from rest_framework.test import APIClient

from coordination.reporting.report import annual_report
from tests.coordination.reporting import CHILD_BANDS, case_rows, open_year, providers, submit


@pytest.fixture
def year_2014(world):
    """Louisiana's first report: 206 cases (173 sex, 23 labor, 10 both), 15 of 47 providers."""
    asked = providers(47)
    cycle = open_year(world.users["state_admin"], 2014, asked)
    rows = case_rows(
        [
            (120, "sex", "confirmed", True),
            (53, "sex", "confirmed", False),
            (15, "labor", "confirmed", True),
            (8, "labor", "confirmed", False),
            (10, "sex_and_labor", "confirmed", True),
        ],
        world.home_parish,
    )
    for index, agency in enumerate(asked[:15]):
        share = rows[index::15]
        parish = world.home_parish if index % 2 else world.away_parish
        for row in share:
            row["parish"] = parish.name
        submit(agency, cycle, share, [parish])
    cycle.asked = asked
    return cycle


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_2014_worked_example(year_2014, api):
    body = api("coordinator").get("/api/v1/reports/annual/2014/").json()
    assert body["cases"]["total"] == 206
    assert body["providers"]["text"] == "15 of 47"
    by_type = {row["code"]: row["percent"] for row in body["breakdowns"][0]["rows"]}
    assert (by_type["sex"], by_type["labor"], by_type["sex_and_labor"]) == (84, 11, 5)

    csv_text = api("coordinator").get("/api/v1/reports/annual/2014.csv").content.decode()
    for expected in ["206", "84%", "11%", "5%", "15 of 47"]:
        assert expected in csv_text

    pdf = api("coordinator").get("/api/v1/reports/annual/2014.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    for expected in ["206", "84%", "11%", "5%", "15 of 47", "Statistical Report"]:
        assert expected in text


def test_a_revision_adds_a_version_and_the_report_counts_the_current_one(year_2014, world, api):
    agency = year_2014.asked[0]
    first = agency.submissions.get().versions.get()
    revised = submit(
        agency,
        year_2014,
        case_rows([(6, "labor", "confirmed", False)], world.away_parish),
        [world.away_parish],
        drop_rows=True,
    )
    assert revised.number == 2
    report = annual_report(year_2014, suppress=False)
    assert report.headline()["total"] == 206 - first.cases.count() + 6
    client = api("state_admin")
    versions = client.get(f"/api/v1/annual-submissions/{revised.submission_id}/versions/").json()
    assert [version["number"] for version in versions] == [2, 1]


def test_a_closed_year_takes_no_revision(year_2014, world, api):
    agency = year_2014.asked[0]
    assert (
        api("state_admin").post(f"/api/v1/reporting-cycles/{year_2014.pk}/close/").status_code
        == 200
    )
    client = APIClient()
    client.force_authenticate(agency.reporter)
    submission = agency.submissions.get()
    response = client.put(
        f"/api/v1/annual-submissions/{submission.pk}/",
        submission_body(world, case_rows([(5, "sex", "confirmed", False)], world.away_parish)),
        format="json",
    )
    assert response.status_code == 409
    assert submission.versions.count() == 1


def submission_body(world, rows, **extra):
    body = {
        "services_offered": ["case_management"],
        "parishes_served": [world.home_parish.pk, world.away_parish.pk],
        "children_served": sum(row["age_band"] in CHILD_BANDS for row in rows),
        "adults_served": sum(row["age_band"] not in CHILD_BANDS for row in rows),
        "cases": rows,
    }
    body.update(extra)
    return body


@pytest.fixture
def small_year(world):
    """A year with small cells: 3 labor cases beside 40 sex cases, 2 prospective."""
    asked = providers(3, prefix="Small")
    cycle = open_year(world.users["state_admin"], 2017, asked)
    rows = case_rows(
        [
            (38, "sex", "confirmed", True),
            (2, "sex", "prospective", True),
            (3, "labor", "confirmed", False),
            (12, "sex_and_labor", "confirmed", False),
        ],
        world.home_parish,
    )
    submit(asked[0], cycle, rows, [world.home_parish])
    return cycle


def test_small_cells_are_suppressed_for_everyone_but_state_admins(small_year, api):
    published = api("coordinator").get("/api/v1/reports/annual/2017/").json()
    by_type = {row["code"]: row for row in published["breakdowns"][0]["rows"]}
    assert by_type["labor"]["confirmed"] == "<5"
    assert by_type["labor"]["percent"] is None
    assert by_type["sex"]["prospective"] == "<5"
    # Complementary: the labor row's total (3) and another cell of each line are hidden too.
    assert by_type["labor"]["total"] == "<5"
    assert (
        sum(
            value == "<5"
            for row in by_type.values()
            for value in (row["confirmed"], row["prospective"], row["total"])
        )
        >= 4
    )

    admin = api("state_admin").get("/api/v1/reports/annual/2017/").json()
    admin_type = {row["code"]: row for row in admin["breakdowns"][0]["rows"]}
    assert admin["suppressed"] is False
    assert (admin_type["labor"]["confirmed"], admin_type["sex"]["prospective"]) == (3, 2)
    assert "labor" in [row["code"] for row in admin["breakdowns"][0]["rows"] if row["suppressed"]]
    again = api("state_admin").get("/api/v1/reports/annual/2017/?suppressed=true").json()
    assert again["breakdowns"] == published["breakdowns"]

    csv_text = api("state_admin").get("/api/v1/reports/annual/2017.csv").content.decode()
    assert ",<5," in csv_text
    assert "Labor trafficking,3," not in csv_text
    text = pdf_text(api("state_admin").get("/api/v1/reports/annual/2017.pdf").content)
    assert "<5" in text


def test_the_trend_covers_every_year_on_record(year_2014, small_year, api):
    trend = api("coordinator").get("/api/v1/reports/annual/2017/").json()["trend"]
    assert [(row["year"], row["providers_asked"], row["providers_reported"]) for row in trend] == [
        (2014, 47, 15),
        (2017, 3, 1),
    ]
    assert trend[0]["total"] == 206


def test_the_report_is_aggregated_in_the_database(year_2014, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(18):  # six of them: every year's totals, for the trend
        report = annual_report(year_2014, suppress=True)
        report.as_dict()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("no_role", 200),
        ("reporter", 200),
        ("coordinator", 200),
        ("state_admin", 200),
    ],
)
def test_who_reads_the_published_report(small_year, api, persona, status):
    assert api(persona).get("/api/v1/reports/annual/2017/").status_code == status
    assert api(persona).get("/api/v1/reports/annual/2017.csv").status_code == status
    if status == 200:
        assert api(persona).get("/api/v1/reports/annual/1999/").status_code == 404
