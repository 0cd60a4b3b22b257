"""Uploads of case rows are bounded (issue 15): who may upload is checked before the body
is parsed, a body or file over `UPLOAD_MAX_BYTES` is refused with 413 before it is parsed,
reading stops at the row limit, and a workbook that would unpack to far more than any
real template is refused before it is opened."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import multipartparser
from django.test import Client

from coordination.models import AnnualSubmission
from coordination.reporting import submissions
from coordination.reporting.uploads import MULTIPART_SLACK
from tests.coordination.reporting import test_annual_submissions as submitting
from tests.coordination.reporting.test_annual_submissions import (
    as_csv,
    as_xlsx,
    content,
    good_rows,
    upload,
)

UPLOAD_URL = "/api/v1/annual-submissions/upload/"
year = submitting.year  # the fixture: 2024, the world's reporter's agency asked


@pytest.fixture
def parsing_forbidden(monkeypatch):
    """Any parse of a multipart body fails the test."""

    def refuse(self):
        raise AssertionError("the multipart body was parsed")

    monkeypatch.setattr(multipartparser.MultiPartParser, "parse", refuse)


@pytest.fixture
def small_limit(settings):
    settings.UPLOAD_MAX_BYTES = 4096
    return settings.UPLOAD_MAX_BYTES


@pytest.mark.parametrize("persona", ["no_role", "coordinator", "mdt_member", "state_admin"])
def test_who_may_not_upload_is_refused_before_the_body_is_parsed(
    api, world, year, persona, parsing_forbidden
):
    rows = good_rows(world)
    response = upload(api(persona), world, year, "cases.csv", as_csv(rows), rows)
    assert response.status_code == 403


def test_another_providers_reporter_is_refused_before_the_file_is_read(
    api, world, year, monkeypatch
):
    def refuse(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(submissions, "read_case_file", refuse)
    other = api("reporter")
    other.force_authenticate(year.other.reporter)
    rows = good_rows(world)
    response = upload(other, world, year, "cases.csv", as_csv(rows), rows)
    # Another provider answers like one that does not exist (no existence probing).
    assert response.status_code == 400
    assert "agency" in response.json()


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_parsed(
    api, world, year, small_limit, parsing_forbidden
):
    rows = good_rows(world)
    data = as_csv(rows) + b"\n" * (small_limit + MULTIPART_SLACK)
    response = upload(api("reporter"), world, year, "cases.csv", data, rows)
    assert response.status_code == 413
    assert "4 KB" in response.json()["detail"]
    assert not AnnualSubmission.objects.exists()


def test_a_file_over_the_limit_is_refused_with_413(api, world, year, small_limit):
    rows = good_rows(world)
    data = as_csv(rows) + b"\n" * (small_limit + 1 - len(as_csv(rows)))
    assert small_limit < len(data) < small_limit + 1000  # the body is within its slack
    response = upload(api("reporter"), world, year, "cases.csv", data, rows)
    assert response.status_code == 413
    assert not AnnualSubmission.objects.exists()


def test_the_page_refuses_a_file_over_the_limit_on_its_field(world, year, small_limit):
    client = Client()
    client.force_login(world.users["reporter"])
    rows = good_rows(world)
    data = as_csv(rows) + b"\n" * small_limit
    body = content(world, rows)
    body.pop("cases")
    body.update({"cases-TOTAL_FORMS": "0", "cases-INITIAL_FORMS": "0"})
    body["file"] = SimpleUploadedFile("cases.csv", data)
    page = client.post(f"/reporting/{year.pk}/{world.home_agency.pk}/", body)
    assert page.status_code == 200
    assert "The file is larger than 4 KB" in page.content.decode()
    assert not AnnualSubmission.objects.exists()


# --- reading -----------------------------------------------------------------------------------
def test_reading_a_csv_stops_at_the_row_limit(api, world, year, monkeypatch):
    """Nothing past the limit is even decoded: the bytes there are not UTF-8."""
    monkeypatch.setattr(submissions, "MAX_ROWS", 10)
    rows = good_rows(world, 12)
    data = as_csv(rows) + b"\xff\xfe not text \xff" * 100
    response = upload(api("reporter"), world, year, "cases.csv", data, rows)
    assert response.status_code == 400
    assert response.json() == {"file": ["At most 10 rows per file."]}


def test_reading_a_workbook_stops_at_the_row_limit(api, world, year, monkeypatch):
    monkeypatch.setattr(submissions, "MAX_ROWS", 10)
    rows = good_rows(world, 12)
    response = upload(api("reporter"), world, year, "cases.xlsx", as_xlsx(rows), rows)
    assert response.status_code == 400
    assert response.json() == {"file": ["At most 10 rows per file."]}


def zip_bomb(rows) -> bytes:
    """A real workbook with one more member: 200 MB of zeros, a few hundred KB packed."""
    source = zipfile.ZipFile(io.BytesIO(as_xlsx(rows)))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        with bomb.open("xl/media/padding.bin", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(200):
                member.write(chunk)
    return packed.getvalue()


def test_a_workbook_that_unpacks_to_far_more_than_a_template_is_refused(api, world, year):
    rows = good_rows(world)
    data = zip_bomb(rows)
    assert len(data) < 2 * 2**20
    response = upload(api("reporter"), world, year, "cases.xlsx", data, rows)
    assert response.status_code == 400
    assert "unpacks to more than" in " ".join(response.json()["file"])
    assert not AnnualSubmission.objects.exists()


def test_a_full_template_of_20000_rows_is_within_every_limit(world):
    """The limits leave room for the largest real file: 20,000 rows with long parish
    names, as .csv and as .xlsx."""
    rows = [
        {
            "case_code": f"PRV-{n:06d}",
            "trafficking_type": "sex_and_labor",
            "victim_status": "prospective",
            "age_band": "15-17",
            "parish": "East Baton Rouge Parish",
            "status_update": "declined_services",
        }
        for n in range(submissions.MAX_ROWS)
    ]
    from django.conf import settings

    for name, data in (("cases.csv", as_csv(rows)), ("cases.xlsx", as_xlsx(rows))):
        assert len(data) <= settings.UPLOAD_MAX_BYTES, name
        read = submissions.read_case_file(SimpleUploadedFile(name, data))
        assert len(read) == submissions.MAX_ROWS


@pytest.mark.django_db(transaction=True)
def test_a_submission_is_stored_whole_or_not_at_all(world, monkeypatch):
    """Outside any request's transaction (as in the task worker), a failure while storing
    the rows leaves no version behind."""
    from coordination.models import ServedCase, SubmissionVersion
    from coordination.reporting import services as reporting_services
    from tests.coordination.reporting import open_year

    world.home_agency.is_service_provider = True
    world.home_agency.save()
    cycle = open_year(world.users["state_admin"], 2024, [world.home_agency])

    def fail(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(ServedCase.objects, "bulk_create", fail)
    body = content(world, good_rows(world))
    body["parishes_served"] = [world.home_parish]
    with pytest.raises(RuntimeError):
        reporting_services.submission_submit(
            actor=world.users["reporter"], cycle=cycle, agency=world.home_agency, **body
        )
    assert not SubmissionVersion.objects.exists()
