"""Providers' annual submissions: who may submit, the checks on every row, uploads of a
CSV or spreadsheet (every problem listed, nothing stored), and the reporting years."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from coordination.models import AnnualSubmission, ReportingCycle, ServedCase
from coordination.reporting.submissions import COLUMNS
from tests.coordination.reporting import CHILD_BANDS, case_rows, open_year, providers
from tests.openapi import assert_matches_schema


@pytest.fixture
def year(world):
    """2024, asking two providers; the world's reporter's agency is made a provider too."""
    world.home_agency.is_service_provider = True
    world.home_agency.save()
    others = providers(1, prefix="Other")
    cycle = open_year(world.users["state_admin"], 2024, [world.home_agency, *others])
    cycle.other = others[0]
    return cycle


def content(world, rows, **extra):
    body = {
        "services_offered": ["case_management", "legal"],
        "parishes_served": [world.home_parish.pk],
        "children_served": sum(row["age_band"] in CHILD_BANDS for row in rows),
        "adults_served": sum(row["age_band"] not in CHILD_BANDS for row in rows),
        "cases": rows,
    }
    body.update(extra)
    return body


def good_rows(world, count=6):
    return case_rows(
        [
            (count // 2, "sex", "confirmed", True),
            (count - count // 2, "labor", "prospective", False),
        ],
        world.home_parish,
    )


def submit_json(client, year, world, rows, **extra):
    body = content(world, rows, cycle=year.pk, agency=world.home_agency.pk, **extra)
    return client.post("/api/v1/annual-submissions/", body, format="json")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("no_role", 403),
        ("coordinator", 403),
        ("mdt_member", 403),
        ("responder", 403),
        ("state_admin", 403),  # the state reads submissions; providers make them
        ("reporter", 201),
    ],
)
def test_who_may_submit_for_a_provider(api, world, year, persona, status):
    response = submit_json(api(persona), year, world, good_rows(world))
    assert response.status_code == status, response.content
    assert AnnualSubmission.objects.count() == (status == 201)
    if status == 201:
        current = response.json()["current"]
        assert (current["number"], current["source"], len(current["cases"])) == (1, "form", 6)


def test_a_provider_not_asked_and_another_providers_reporter_are_refused(api, world, year):
    other_reporter = APIClient()
    other_reporter.force_authenticate(year.other.reporter)
    # Another provider's agency answers like one that does not exist (a 403 told them apart).
    refused = submit_json(other_reporter, year, world, good_rows(world))
    assert refused.status_code == 400
    assert list(refused.json()) == ["agency"]
    year.providers.remove(world.home_agency)
    response = submit_json(api("reporter"), year, world, good_rows(world))
    assert response.status_code == 400
    # A year their agency is not asked in is not one of their years.
    assert "cycle" in response.json()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"children_served": 9}, "children_served"),  # the totals must agree with the rows
        ({"adults_served": 0}, "adults_served"),
        ({"services_offered": ["massage"]}, "services_offered"),
        ({"services_offered": []}, "services_offered"),
        ({"parishes_served": []}, "parishes_served"),
        # Unknown fields are refused, counted but never named (the name is the client's).
        ({"name": "Jane Doe"}, "non_field_errors"),
    ],
)
def test_bad_submissions_are_refused_and_nothing_is_stored(api, world, year, change, field):
    response = submit_json(api("reporter"), year, world, good_rows(world), **change)
    assert response.status_code == 400
    assert field in response.json()
    assert "Jane" not in response.content.decode()
    assert not ServedCase.objects.exists()


def test_every_bad_row_is_listed_by_row_and_column(api, world, year):
    rows = good_rows(world)
    rows[0]["age_band"] = "sixteen"
    rows[1]["case_code"] = "JANE DOE"
    rows[2]["parish"] = "Atlantis"
    rows[3]["case_code"] = rows[4]["case_code"]
    rows[5]["trafficking_type"] = ""
    response = submit_json(api("reporter"), year, world, rows)
    assert response.status_code == 400
    problems = response.json()["cases"]
    assert len(problems) == 5
    assert problems[0].startswith("Row 2, column age_band")
    assert problems[1].startswith("Row 3, column case_code")
    assert problems[2].startswith("Row 4, column parish")
    assert problems[3] == "Row 6, column case_code: the same case code as row 5."
    assert problems[4].startswith("Row 7, column trafficking_type: empty")
    assert "JANE" not in " ".join(problems)  # a refused value is never echoed
    assert not AnnualSubmission.objects.exists()


def test_cases_outside_the_parishes_served_are_refused(api, world, year):
    rows = good_rows(world)
    rows[0]["parish"] = world.away_parish.name
    response = submit_json(api("reporter"), year, world, rows)
    assert response.status_code == 400
    assert "Away Parish" in response.json()["cases"][0]


# --- uploads ------------------------------------------------------------------------------------
def as_csv(rows, columns=COLUMNS) -> bytes:
    data = tablib.Dataset(headers=columns)
    for row in rows:
        data.append([row.get(column, "") for column in columns])
    return data.export("csv").encode()


def as_xlsx(rows) -> bytes:
    data = tablib.Dataset(headers=COLUMNS)
    for row in rows:
        data.append([row[column] for column in COLUMNS])
    return data.export("xlsx")


def upload(client, world, year, name, data, rows):
    body = content(world, rows, cycle=year.pk, agency=world.home_agency.pk)
    body.pop("cases")
    body["file"] = SimpleUploadedFile(name, data)
    return client.post("/api/v1/annual-submissions/upload/", body, format="multipart")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_good_file_is_taken_whole(api, world, year, kind):
    rows = good_rows(world, 8)
    data = as_csv(rows) if kind == "csv" else as_xlsx(rows)
    response = upload(api("reporter"), world, year, f"cases-2024.{kind}", data, rows)
    assert response.status_code == 201, response.content
    current = response.json()["current"]
    assert (current["source"], current["case_count"]) == ("upload", 8)


def test_a_file_with_several_bad_rows_lists_them_all_and_stores_nothing(api, world, year):
    rows = good_rows(world, 8)
    rows[1]["victim_status"] = "maybe"
    rows[4]["status_update"] = "fine"
    rows[6]["parish"] = ""
    response = upload(api("reporter"), world, year, "cases.csv", as_csv(rows), rows)
    assert response.status_code == 400
    assert response.json()["cases"] == [
        "Row 3, column victim_status: not a code of the template; use one of confirmed, prospective.",
        "Row 6, column status_update: not a code of the template; use one of "
        "receiving_services, services_completed, referred_elsewhere, reunified, "
        "declined_services, lost_contact, other.",
        "Row 8, column parish: not a Louisiana parish; give its name (Orleans) or FIPS code (22071).",
    ]
    assert not AnnualSubmission.objects.exists()


@pytest.mark.parametrize(
    "identity", ["504-555-0199", "Jane Doe", "jane@example.org", "DOB 3/4/2009"]
)
def test_a_file_with_a_name_or_phone_number_is_refused(api, world, year, identity):
    rows = good_rows(world)
    rows[2]["case_code"] = identity
    response = upload(api("reporter"), world, year, "cases.csv", as_csv(rows), rows)
    assert response.status_code == 400
    [problem] = response.json()["cases"]
    assert problem.startswith("Row 4, column case_code")
    assert identity not in problem
    assert not ServedCase.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cases.txt", b"case_code\nC-1\n", "Upload the template as a .csv file"),
        ("cases.xlsx", b"%PDF-1.4 not a workbook", "not a readable xlsx file"),
        ("cases.csv", b"code,kind\nC-1,sex\n", "Missing columns"),
    ],
)
def test_a_file_in_the_wrong_format_is_refused(api, world, year, name, data, message):
    response = upload(api("reporter"), world, year, name, data, good_rows(world))
    assert response.status_code == 400
    assert message in " ".join(response.json()["file"])
    assert not AnnualSubmission.objects.exists()


def test_unknown_columns_are_refused_without_echoing_them(api, world, year):
    rows = good_rows(world)
    data = as_csv(rows, [*COLUMNS, "Victim name"])
    response = upload(api("reporter"), world, year, "cases.csv", data, rows)
    assert response.status_code == 400
    assert "Victim name" not in str(response.json())


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_downloads_with_the_columns(api, kind):
    response = api("reporter").get(f"/api/v1/annual-submissions/template.{kind}")
    assert response.status_code == 200
    data = tablib.Dataset().load(
        response.content.decode() if kind == "csv" else io.BytesIO(response.content).read(),
        format=kind,
    )
    assert data.headers == COLUMNS


def test_download_formats_are_exactly_the_ones_served(client):
    """Found by the API fuzzer: the schema read `^csv|xlsx$` from the URL pattern, which
    admits "csv-and-more" (a 404)."""
    paths = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    formats = {
        path: next(p for p in paths[path]["get"]["parameters"] if p["name"] == "file_format")
        for path in [
            "/api/v1/annual-submissions/template.{file_format}",
            "/api/v1/reports/annual/{year}.{file_format}",
        ]
    }
    assert [parameter["schema"]["enum"] for parameter in formats.values()] == [
        ["csv", "xlsx"],
        ["csv", "pdf"],
    ]


def test_a_submissions_versions_answer_as_the_schema_says(api, world, year):
    """Found by the API fuzzer: the schema had the versions paginated; they are a list."""
    submitted = submit_json(api("reporter"), year, world, good_rows(world)).json()
    response = api("reporter").get(f"/api/v1/annual-submissions/{submitted['id']}/versions/")
    assert [version["number"] for version in response.json()] == [1]
    assert_matches_schema(response, method="GET", path="/api/v1/annual-submissions/{id}/versions/")


# --- reporting years -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 401), ("reporter", 403), ("coordinator", 403), ("state_admin", 201)],
)
def test_who_opens_a_reporting_year(api, world, persona, status):
    world.home_agency.is_service_provider = True
    world.home_agency.save()
    body = {"year": 2025, "providers": [world.home_agency.pk], "deadline": "2026-03-31"}
    response = api(persona).post("/api/v1/reporting-cycles/", body, format="json")
    assert response.status_code == status
    assert ReportingCycle.objects.count() == (status == 201)


def test_only_service_providers_are_asked(api, world):
    body = {"year": 2025, "providers": [world.away_agency.pk], "deadline": "2026-03-31"}
    response = api("state_admin").post("/api/v1/reporting-cycles/", body, format="json")
    assert response.status_code == 400
    assert not ReportingCycle.objects.exists()


@pytest.mark.parametrize(
    ("persona", "visible", "may_close"),
    [("reporter", 1, 403), ("coordinator", 0, 404), ("state_admin", 1, 200)],
)
def test_who_sees_and_closes_a_reporting_year(api, world, year, persona, visible, may_close):
    assert len(api(persona).get("/api/v1/reporting-cycles/").json()["results"]) == visible
    assert api(persona).post(f"/api/v1/reporting-cycles/{year.pk}/close/").status_code == may_close
    again = api("state_admin").post(f"/api/v1/reporting-cycles/{year.pk}/close/")
    assert again.status_code == (409 if may_close == 200 else 200)


def test_submissions_are_seen_by_their_provider_and_the_state_only(api, world, year):
    assert submit_json(api("reporter"), year, world, good_rows(world)).status_code == 201
    other = APIClient()
    other.force_authenticate(year.other.reporter)
    assert len(api("reporter").get("/api/v1/annual-submissions/").json()["results"]) == 1
    assert len(api("state_admin").get("/api/v1/annual-submissions/").json()["results"]) == 1
    assert len(other.get("/api/v1/annual-submissions/").json()["results"]) == 0
    assert len(api("coordinator").get("/api/v1/annual-submissions/").json()["results"]) == 0
