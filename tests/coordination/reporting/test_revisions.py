"""Issue 19: revising a submission starts from its current rows and edits them; nothing is
replaced silently (a version that leaves rows out names them and asks first), and every
version's rows can be read, with what each version changed."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from coordination.models import ServedCase
from coordination.reporting import selectors
from tests.coordination.reporting import case_rows, open_year, providers, submit


@pytest.fixture
def year(world):
    world.home_agency.is_service_provider = True
    world.home_agency.save()
    world.home_agency.reporter = world.users["reporter"]
    cycle = open_year(world.users["state_admin"], 2024, [world.home_agency, *providers(1)])
    rows = case_rows([(3, "sex", "confirmed", True)], world.home_parish)
    submit(world.home_agency, cycle, rows, [world.home_parish])
    return cycle


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_revision_that_leaves_rows_out_names_them_and_stores_nothing(world, year):
    fewer = case_rows([(2, "sex", "confirmed", True)], world.home_parish)
    with pytest.raises(ValidationError) as refused:
        submit(world.home_agency, year, fewer, [world.home_parish])
    (message,) = refused.value.message_dict["drop_rows"]
    assert "leaves out 1 case row of version 1 (C-00003)" in message
    assert world.home_agency.submissions.get().versions.count() == 1
    version = submit(world.home_agency, year, fewer, [world.home_parish], drop_rows=True)
    assert (version.number, version.cases.count()) == (2, 2)


def test_a_revision_that_keeps_every_row_needs_no_confirmation(world, year):
    more = case_rows([(4, "sex", "confirmed", True)], world.home_parish)
    assert submit(world.home_agency, year, more, [world.home_parish]).cases.count() == 4


def test_the_revise_page_starts_from_the_current_rows_and_shows_each_versions_changes(world, year):
    rows = case_rows([(3, "sex", "confirmed", True)], world.home_parish)
    rows[0]["status_update"] = "services_completed"
    rows.append({**rows[1], "case_code": "C-00009"})
    submit(world.home_agency, year, rows, [world.home_parish])
    client = signed_in(world.users["reporter"])
    page = client.get(f"/reporting/{year.pk}/{world.home_agency.pk}/").content.decode()
    for code in ("C-00001", "C-00002", "C-00003", "C-00009"):
        assert f'value="{code}"' in page  # in the typed table, ready to edit
    assert "Against version 1: 1 added, 0 dropped, 1 changed" in page
    assert "Added: C-00009" in page
    assert "Changed: C-00001" in page
    (newest, changes), (first, nothing) = selectors.version_history(
        world.home_agency.submissions.get()
    )
    assert (newest.number, changes.added, changes.removed, changes.changed) == (
        2,
        ["C-00009"],
        [],
        ["C-00001"],
    )
    assert (first.number, nothing) == (1, None)


def test_resubmitting_the_page_unchanged_keeps_every_row(world, year):
    client = signed_in(world.users["reporter"])
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/"
    form = {
        "services_offered": ["case_management"],
        "parishes_served": [world.home_parish.pk],
        "children_served": "3",
        "adults_served": "0",
        "cases-TOTAL_FORMS": "3",
        "cases-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(
        selectors.version_rows(selectors.current_version(year.submissions.get()))
    ):
        form.update({f"cases-{index}-{name}": value for name, value in row.items()})
    assert client.post(url, form).status_code == 302
    current = ServedCase.objects.filter(version__is_current=True, version__number=2)
    assert current.count() == 3


def test_a_versions_rows_download_as_the_template_for_its_reporter_only(world, year):
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/versions/1/rows.csv"
    answer = signed_in(world.users["reporter"]).get(url)
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    assert [row["case_code"] for row in rows] == ["C-00001", "C-00002", "C-00003"]
    assert rows[0]["parish"] == world.home_parish.name
    for persona, status in [("coordinator", 404), ("no_role", 404), ("state_admin", 403)]:
        assert signed_in(world.users[persona]).get(url).status_code == status
    missing = url.replace("versions/1/", "versions/9/")
    assert signed_in(world.users["reporter"]).get(missing).status_code == 404


def test_the_api_asks_before_a_revision_drops_rows(world, year, api):
    submission = world.home_agency.submissions.get()
    body = {
        "services_offered": ["case_management"],
        "parishes_served": [world.home_parish.pk],
        "children_served": 1,
        "adults_served": 0,
        "cases": case_rows([(1, "sex", "confirmed", True)], world.home_parish),
    }
    url = f"/api/v1/annual-submissions/{submission.pk}/"
    refused = api("reporter").put(url, body, format="json")
    assert refused.status_code == 400
    assert "leaves out 2 case rows" in str(refused.json()["drop_rows"])
    accepted = api("reporter").put(url, {**body, "drop_rows": True}, format="json")
    assert accepted.status_code == 200
    assert accepted.json()["current"]["case_count"] == 1


def test_the_page_lists_the_rows_of_any_version(world, year):
    more = case_rows([(4, "sex", "confirmed", True)], world.home_parish)
    submit(world.home_agency, year, more, [world.home_parish])
    client = signed_in(world.users["reporter"])
    url = f"/reporting/{year.pk}/{world.home_agency.pk}/"
    current = client.get(url).content.decode()
    assert "Case rows of version 2</h3>" in current
    first = client.get(url, {"version": "1"}).content.decode()
    assert "Case rows of version 1 (not the current one)" in first
    listed = first.split('id="rows"')[1]
    assert "C-00003" in listed
    assert "C-00004" not in listed
    assert client.get(url, {"version": "nine"}).status_code == 200  # falls back to current


def test_every_version_stays_listed_and_the_latest_few_are_compared(world, year):
    for extra in range(4, 10):
        rows = case_rows([(extra, "sex", "confirmed", True)], world.home_parish)
        submit(world.home_agency, year, rows, [world.home_parish])
    history = selectors.version_history(world.home_agency.submissions.get())
    assert [version.number for version, _ in history] == list(range(7, 0, -1))
    assert [changes is not None for _, changes in history] == [True] * 5 + [False] * 2
    page = signed_in(world.users["reporter"]).get(f"/reporting/{year.pk}/{world.home_agency.pk}/")
    assert "Version 1," in page.content.decode()


def test_another_providers_reporter_reaches_none_of_its_rows_or_receipts(world, year, api):
    from rest_framework.test import APIClient

    (other,) = providers(1, prefix="Other")
    base = f"/reporting/{year.pk}/{world.home_agency.pk}"
    outsider = signed_in(other.reporter)
    for path in (
        "/",
        "/versions/1/rows.csv",
        "/versions/1/receipt.json",
        "/versions/1/receipt.pdf",
    ):
        assert outsider.get(base + path).status_code == 404, path
    assert outsider.post(base + "/respond/", {"status": "in_progress"}).status_code == 404
    client = APIClient()
    client.force_authenticate(other.reporter)
    submission = world.home_agency.submissions.get()
    for path in ("", "receipt/", "versions/"):
        answer = client.get(f"/api/v1/annual-submissions/{submission.pk}/{path}")
        assert answer.status_code == 404, path
