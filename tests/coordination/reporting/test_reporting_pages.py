"""Pages of the annual report: the report with its charts, what a provider has due, the
submission form (typed rows or a file), and the state admin's reporting years."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from coordination.models import ReportingCycle, ServedCase
from tests.coordination.reporting import case_rows, open_year, providers, submit


def browser_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def year(world):
    world.home_agency.is_service_provider = True
    world.home_agency.save()
    world.home_agency.reporter = world.users["reporter"]
    cycle = open_year(world.users["state_admin"], 2024, [world.home_agency, *providers(2)])
    rows = case_rows(
        [(30, "sex", "confirmed", True), (3, "labor", "confirmed", False)], world.home_parish
    )
    submit(world.home_agency, cycle, rows, [world.home_parish])
    return cycle


@pytest.mark.parametrize(
    ("persona", "reports", "reporting"),
    [
        ("anonymous", 302, 302),
        ("no_role", 200, 403),
        ("coordinator", 200, 403),
        ("reporter", 200, 200),
        ("state_admin", 200, 200),
    ],
)
def test_who_opens_the_reporting_pages(world, year, persona, reports, reporting):
    client = browser_for(world.users[persona])
    assert client.get("/reports/").status_code == reports
    assert client.get("/reports/2024/").status_code == reports
    assert client.get("/reporting/").status_code == reporting


def test_the_report_page_shows_the_published_figures_with_charts(world, year):
    page = browser_for(world.users["coordinator"]).get("/reports/2024/").content.decode()
    assert "1 of 3" in page
    assert "&lt;5" in page  # 3 labor cases
    assert page.count('<figure class="bar-chart') == 3  # trend, type, region
    assert "(hidden)" not in page
    admin = browser_for(world.users["state_admin"]).get("/reports/2024/").content.decode()
    assert "(hidden)" in admin
    assert ">3 <span" in admin  # the true count, marked as hidden when published
    published = browser_for(world.users["state_admin"]).get("/reports/2024/?published=1")
    assert "(hidden)" not in published.content.decode()


def test_a_provider_sees_what_is_due_and_revises_with_typed_rows(world, year):
    client = browser_for(world.users["reporter"])
    due = client.get("/reporting/").content.decode()
    assert "Revise" in due
    assert "Home Advocacy Center" in due
    form = {
        "services_offered": ["case_management"],
        "parishes_served": [world.home_parish.pk],
        "children_served": "1",
        "adults_served": "1",
        "cases-TOTAL_FORMS": "3",
        "cases-INITIAL_FORMS": "0",
        "cases-0-case_code": "HA-0001",
        "cases-0-trafficking_type": "sex",
        "cases-0-victim_status": "confirmed",
        "cases-0-age_band": "15-17",
        "cases-0-parish": world.home_parish.name,
        "cases-0-status_update": "receiving_services",
        "cases-1-case_code": "HA-0002",
        "cases-1-trafficking_type": "labor",
        "cases-1-victim_status": "prospective",
        "cases-1-age_band": "25-34",
        "cases-1-parish": world.home_parish.name,
        "cases-1-status_update": "lost_contact",
    }
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/"
    refused = client.post(url, form).content.decode()  # it leaves out the 33 rows submitted
    assert "leaves out 33 case rows of version 1" in refused
    assert world.home_agency.submissions.get().versions.count() == 1
    form["drop_rows"] = "on"
    response = client.post(url, form)
    assert response.status_code == 302
    submission = world.home_agency.submissions.get()
    assert submission.versions.count() == 2
    assert ServedCase.objects.filter(version__is_current=True).count() == 2
    bad = dict(form, **{"cases-1-case_code": "504-555-0199"})
    page = client.post(url, bad).content.decode()
    summary = page.split("data-error-summary")[1].split("</div>")[0]
    assert "Case row 2, case code:" in summary  # the row and the box as the page shows them
    assert "case_code" not in re.sub(r"<[^>]+>", "", summary)  # in words, not the column's code
    assert "504-555-0199" not in page.split("<form")[0]  # not echoed in the error summary
    assert "504-555-0199" not in summary
    assert submission.versions.count() == 2


def test_a_provider_uploads_a_file_from_the_page(world, year):
    client = browser_for(world.users["reporter"])
    csv = (
        "case_code,trafficking_type,victim_status,age_band,parish,status_update\n"
        f"HA-0100,sex,confirmed,12-14,{world.home_parish.name},reunified\n"
    ).encode()
    response = client.post(
        f"/reporting/{year.pk}/{world.home_agency.pk}/",
        {
            "services_offered": ["legal"],
            "parishes_served": [world.home_parish.pk],
            "children_served": "1",
            "adults_served": "0",
            "cases-TOTAL_FORMS": "0",
            "cases-INITIAL_FORMS": "0",
            "file": SimpleUploadedFile("cases.csv", csv),
            "drop_rows": "on",
        },
    )
    assert response.status_code == 302
    assert world.home_agency.submissions.get().versions.get(is_current=True).source == "upload"


def test_the_state_admin_opens_and_closes_a_year_from_the_page(world, year):
    client = browser_for(world.users["state_admin"])
    response = client.post(
        "/reporting/",
        {"year": "2025", "deadline": "2026-03-31", "providers": [world.home_agency.pk]},
    )
    assert response.status_code == 302
    cycle = ReportingCycle.objects.get(year=2025)
    client.post(f"/reporting/{cycle.pk}/close/")
    cycle.refresh_from_db()
    assert cycle.status == "closed"
    assert (
        browser_for(world.users["reporter"]).post(f"/reporting/{year.pk}/close/").status_code == 302
    )
    year.refresh_from_db()
    assert year.status == "open"  # refused: only state admins close


def test_the_reporters_dashboard_says_what_is_open(world, year):
    page = browser_for(world.users["reporter"]).get("/").content.decode()
    assert "Annual reports open" in page
    assert "Home Advocacy Center, 2024" in page
    assert (
        "Annual reports open"
        not in browser_for(world.users["coordinator"]).get("/").content.decode()
    )


def test_a_bad_rows_parameter_falls_back_to_five_rows(world, year):
    page = browser_for(world.users["reporter"]).get(
        f"/reporting/{year.pk}/{world.home_agency.pk}/?rows=lots"
    )
    assert page.status_code == 200
    # The 33 rows submitted, then five blank ones.
    assert 'name="cases-TOTAL_FORMS" value="38"' in page.content.decode()
