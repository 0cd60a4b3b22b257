"""Heavy work off the request path (issue 15): parsing and checking a case file, a typed
submission's rows, the annual report's PDF and a region's export run in the task worker
(django-tasks on the database), while the request waits for the outcome without the CPU
or a database connection, and answers as if it had done the work itself.

The rest of the suite runs the same views on django-tasks' immediate backend (the task
runs inside the request); here the real database backend and a real `db_worker` process
do it, and nothing of the heavy work may run in the test's own process."""

import os
import subprocess
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

import config.region_export
from coordination.models import AnnualSubmission, ServedCase
from coordination.plumbing import background
from coordination.reporting import exports, submissions
from tests.coordination.reporting import case_rows, open_year
from tests.coordination.reporting.test_annual_submissions import as_csv, content
from tests.live import ROOT, database_env, workdir  # noqa: F401

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def year(world):
    world.home_agency.is_service_provider = True
    world.home_agency.save()
    return open_year(world.users["state_admin"], 2024, [world.home_agency])


@pytest.fixture
def on_the_database(settings):
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def worker(workdir, on_the_database):  # noqa: F811
    """A real `manage.py db_worker` on the test database; its log, to read what it ran."""
    log = workdir / "db_worker.log"
    env = {**os.environ, **database_env(), "TASK_BACKEND": "database"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.05"]
    command += ["--no-startup-delay", "--no-reload"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    yield log
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def nothing_heavy_here(monkeypatch):
    """The heavy functions fail if called in this process (the worker has its own)."""

    def refuse(*args, **kwargs):
        raise AssertionError("heavy work ran in the web process")

    monkeypatch.setattr(submissions, "read_case_file", refuse)
    monkeypatch.setattr(exports, "pdf_bytes", refuse)
    monkeypatch.setattr(config.region_export, "region_export", refuse)


@pytest.fixture
def no_connection_while_waiting(monkeypatch):
    """Every pause of a waiting request is taken without a database connection."""
    pauses = []
    real_sleep = time.sleep

    def sleep(seconds):
        pauses.append(connection.connection is None)
        real_sleep(seconds)

    monkeypatch.setattr(background.time, "sleep", sleep)
    return pauses


def rows(world, count=6):
    return case_rows([(count, "sex", "confirmed", True)], world.home_parish)


def upload_body(world, year, data, cases):
    body = content(world, cases, cycle=year.pk, agency=world.home_agency.pk)
    body.pop("cases")
    body["file"] = SimpleUploadedFile("cases.csv", data)
    return body


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_does_the_heavy_work_and_the_request_answers_as_before(
    world, year, worker, nothing_heavy_here, no_connection_while_waiting
):
    reporter = APIClient()
    reporter.force_authenticate(world.users["reporter"])
    cases = rows(world)
    uploaded = reporter.post(
        "/api/v1/annual-submissions/upload/",
        upload_body(world, year, as_csv(cases), cases),
        format="multipart",
    )
    assert uploaded.status_code == 201, uploaded.content
    current = uploaded.json()["current"]
    assert (current["number"], current["source"], current["case_count"]) == (1, "upload", 6)

    bad = [dict(cases[0], age_band="sixteen"), *cases[1:]]
    refused = reporter.post(
        "/api/v1/annual-submissions/upload/",
        upload_body(world, year, as_csv(bad), bad),
        format="multipart",
    )
    assert refused.status_code == 400
    assert refused.json()["cases"][0].startswith("Row 2, column age_band")

    typed = reporter.put(
        f"/api/v1/annual-submissions/{uploaded.json()['id']}/",
        content(world, rows(world, 8)),
        format="json",
    )
    assert typed.status_code == 200, typed.content
    assert typed.json()["current"]["case_count"] == 8

    admin = APIClient()
    admin.force_authenticate(world.users["state_admin"])
    pdf = admin.get("/api/v1/reports/annual/2024.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    export = admin.get(f"/api/v1/regions/{world.home.pk}/export/")
    assert export.status_code == 200
    assert export.json()["region"]["slug"] == "home"

    assert ServedCase.objects.filter(version__is_current=True).count() == 8
    ran = worker.read_text()
    for path in [
        "coordination.reporting.tasks.submit_annual_report",
        "coordination.reporting.tasks.submit_typed_annual_report",
        "coordination.reporting.tasks.annual_report_pdf",
        "config.tasks.region_export_document",
    ]:
        assert f"path={path} state=SUCCESSFUL" in ran, ran
    # Each result was read and removed: the queue keeps no one's upload.
    assert not DBTaskResult.objects.exists()
    assert no_connection_while_waiting
    assert all(no_connection_while_waiting)


def test_with_no_worker_the_request_gives_up_in_time_and_nothing_is_done(
    world, year, on_the_database, settings
):
    settings.TASK_WAIT_SECONDS = 0.3
    reporter = APIClient()
    reporter.force_authenticate(world.users["reporter"])
    cases = rows(world)
    response = reporter.post(
        "/api/v1/annual-submissions/upload/",
        upload_body(world, year, as_csv(cases), cases),
        format="multipart",
    )
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "nothing was stored" in response.json()["detail"]
    # The waiting task was withdrawn: a worker that comes back later will not run it.
    assert not DBTaskResult.objects.exists()
    assert not AnnualSubmission.objects.exists()


def test_with_no_worker_the_page_says_so(world, year, on_the_database, settings):
    settings.TASK_WAIT_SECONDS = 0.3
    client = Client()
    client.force_login(world.users["reporter"])
    cases = rows(world)
    body = upload_body(world, year, as_csv(cases), cases)
    body.update({"cases-TOTAL_FORMS": "0", "cases-INITIAL_FORMS": "0"})
    page = client.post(f"/reporting/{year.pk}/{world.home_agency.pk}/", body)
    assert page.status_code == 503
    assert "nothing was stored" in page.content.decode()
    assert not AnnualSubmission.objects.exists()


def test_retention_removes_task_rows_left_over_a_day(world, year, on_the_database):
    """A request that gave up (or died) leaves its task's row, with its input; the daily
    retention run removes it, whatever became of the task."""
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from coordination.reporting import tasks

    old = tasks.annual_report_pdf.enqueue(cycle=year.pk)
    fresh = tasks.annual_report_pdf.enqueue(cycle=year.pk)
    DBTaskResult.objects.filter(id=old.id).update(
        enqueued_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "1 background task(s) left over a day ago" in out.getvalue()
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [fresh.db_result.id]


def test_the_workers_answer_is_sent_as_drf_would_render_it(world, year):
    """The task renders the answer; the web process sends it as it is, byte for byte what
    DRF would have rendered, and still renders other formats (the browsable API)."""
    from rest_framework.renderers import JSONRenderer

    from coordination.reporting.api.serializers import AnnualSubmissionSerializer

    reporter = APIClient()
    reporter.force_authenticate(world.users["reporter"])
    cases = rows(world)
    response = reporter.post(
        "/api/v1/annual-submissions/upload/",
        upload_body(world, year, as_csv(cases), cases),
        format="multipart",
    )
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    submission = AnnualSubmission.objects.get()
    assert response.content == JSONRenderer().render(AnnualSubmissionSerializer(submission).data)
    browsable = reporter.put(
        f"/api/v1/annual-submissions/{submission.pk}/",
        content(world, cases),
        format="json",
        HTTP_ACCEPT="text/html",
    )
    assert browsable.status_code == 200
    assert browsable["Content-Type"].startswith("text/html")


def test_a_pdf_goes_before_uploads_waiting_in_the_queue(world, year, on_the_database):
    """Shortest first: a report's PDF takes a second, an upload of 20,000 rows several."""
    from coordination.reporting import tasks

    upload = tasks.submit_annual_report.enqueue(
        actor=world.users["reporter"].pk, cycle=year.pk, agency=world.home_agency.pk,
        services_offered=["legal"], parishes_served=[world.home_parish.pk],
        children_served=0, adults_served=0, cases=[],
    )  # fmt: skip
    pdf = tasks.annual_report_pdf.enqueue(cycle=year.pk)
    first = DBTaskResult.objects.ready().first()
    assert str(first.id) == pdf.id
    assert {str(row.id) for row in DBTaskResult.objects.all()} == {upload.id, pdf.id}
