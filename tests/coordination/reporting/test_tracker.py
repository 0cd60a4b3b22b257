"""Issue 19: who has reported — each provider asked is submitted, in progress, declined
with a coded reason, overdue, or not started — and reminder e-mails before and after the
deadline, each logged, stopping once the provider submits or declines."""

import datetime

import pytest
from django.core import mail
from django.test import Client

from coordination.models import ReportingReminder
from coordination.reporting import selectors, services
from tests.coordination.reporting import case_rows, open_year, providers, submit

DEADLINE = datetime.date(2025, 3, 31)  # open_year(…, 2024) sets March 31 of the next year


@pytest.fixture
def year(world):
    asked = providers(3)
    for agency in asked:
        agency.reporter.email = f"{agency.reporter.username}@provider.example"
        agency.reporter.save()
    cycle = open_year(world.users["state_admin"], 2024, asked)
    cycle.asked = asked
    return cycle


@pytest.fixture(autouse=True)
def remind(django_capture_on_commit_callbacks):
    """`reminders_send` with its after-commit sends run (the task worker runs at once in
    the tests)."""

    def send(today):
        with django_capture_on_commit_callbacks(execute=True):
            return services.reminders_send(today=today)

    return send


def states(cycle, today):
    return {row.agency.name: row.state for row in selectors.completeness(cycle, today)}


def test_each_provider_stands_as_submitted_in_progress_declined_overdue_or_not_started(world, year):
    first, second, third = year.asked
    submit(
        first,
        year,
        case_rows([(2, "sex", "confirmed", True)], world.home_parish),
        [world.home_parish],
    )
    services.provider_response_set(
        actor=second.reporter, cycle=year, agency=second, status="in_progress"
    )
    before = DEADLINE - datetime.timedelta(days=1)
    assert states(year, before) == {
        "Provider 1": "submitted",
        "Provider 2": "in_progress",
        "Provider 3": "asked",
    }
    after = DEADLINE + datetime.timedelta(days=10)
    assert states(year, after) == {
        "Provider 1": "submitted",
        "Provider 2": "overdue",
        "Provider 3": "overdue",
    }
    assert selectors.overdue_count(year, after) == 2
    services.provider_response_set(
        actor=world.users["state_admin"],
        cycle=year,
        agency=third,
        status="declined",
        reason="not_required",
    )
    rows = {row.agency.name: row for row in selectors.completeness(year, after)}
    assert (rows["Provider 3"].state, rows["Provider 3"].reason) == (
        "declined",
        "Not required to report",
    )
    assert rows["Provider 2"].days_overdue == 10
    assert selectors.overdue_count(year, after) == 1


def test_a_decline_needs_a_coded_reason_and_a_submitted_provider_cannot_decline(world, year):
    first, second, _ = year.asked
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.provider_response_set(
            actor=second.reporter, cycle=year, agency=second, status="declined"
        )
    with pytest.raises(ValidationError):
        services.provider_response_set(
            actor=second.reporter, cycle=year, agency=second, status="declined", reason="busy"
        )
    submit(
        first,
        year,
        case_rows([(1, "sex", "confirmed", True)], world.home_parish),
        [world.home_parish],
    )
    from coordination.plumbing.errors import Conflict

    with pytest.raises(Conflict):
        services.provider_response_set(
            actor=first.reporter, cycle=year, agency=first, status="declined", reason="other"
        )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # another provider's reporter
        services.provider_response_set(
            actor=first.reporter, cycle=year, agency=second, status="in_progress"
        )


def test_reminders_go_before_on_and_after_the_deadline_once_each_and_stop_on_submitting(
    world, year, remind
):
    first, second, third = year.asked
    day = datetime.timedelta(days=1)
    assert remind(today=DEADLINE - 15 * day) == 0  # none due yet
    assert remind(today=DEADLINE - 14 * day) == 3
    assert len(mail.outbox) == 3
    assert "is due on March 31, 2025" in mail.outbox[0].body
    assert remind(today=DEADLINE - 14 * day) == 0  # once each
    submit(
        first,
        year,
        case_rows([(1, "sex", "confirmed", True)], world.home_parish),
        [world.home_parish],
    )
    services.provider_response_set(
        actor=second.reporter, cycle=year, agency=second, status="declined", reason="no_cases"
    )
    assert remind(today=DEADLINE) == 1  # the 3-day one, to the third only
    assert mail.outbox[-1].to == [third.reporter.email]
    assert remind(today=DEADLINE + day) == 1  # overdue now
    assert "overdue" in mail.outbox[-1].subject
    # A worker that was down a month sends only the latest reminder due, once.
    assert remind(today=DEADLINE + 40 * day) == 1
    assert remind(today=DEADLINE + 41 * day) == 0
    logged = ReportingReminder.objects.filter(agency=third).order_by("days")
    assert [(r.days, r.skipped) for r in logged] == [
        (-14, False),
        (-3, False),
        (1, False),
        (7, True),
        (30, False),
    ]
    assert not ReportingReminder.objects.filter(agency=first, days__gt=-14).exists()
    assert len(mail.outbox) == 6


def test_a_closed_year_sends_no_reminders(world, year, remind):
    services.reporting_cycle_close(actor=world.users["state_admin"], cycle=year)
    assert remind(today=DEADLINE + datetime.timedelta(days=1)) == 0


def test_the_pages_say_who_is_overdue(world, year, settings):
    first, second, _ = year.asked
    year.deadline = datetime.date(2020, 3, 31)  # long past
    year.save()
    admin = Client()
    admin.force_login(world.users["state_admin"])
    reporting = admin.get("/reporting/").content.decode()
    assert "3 overdue" in reporting
    tracker = admin.get(f"/reporting/{year.pk}/tracker/").content.decode()
    assert tracker.count('data-state="overdue"') == 3
    declined = admin.post(
        f"/reporting/{year.pk}/tracker/", {"agency": second.pk, "reason": "confidentiality"}
    )
    assert declined.status_code == 302
    assert "2 overdue" in admin.get("/reporting/").content.decode()
    reporter = Client()
    reporter.force_login(first.reporter)
    own = reporter.get(f"/reporting/{year.pk}/{first.pk}/").content.decode()
    assert "Overdue" in own
    assert "Overdue" in reporter.get("/reporting/").content.decode()
    assert "overdue" in reporter.get("/").content.decode()
    said = reporter.post(f"/reporting/{year.pk}/{first.pk}/respond/", {"status": "in_progress"})
    assert said.status_code == 302
    assert reporter.get(f"/reporting/{year.pk}/tracker/").status_code == 403


def test_the_api_tracks_and_takes_a_providers_word(world, year, api):
    from rest_framework.test import APIClient

    first = year.asked[0]
    tracked = api("state_admin").get(f"/api/v1/reporting-cycles/{year.pk}/tracker/")
    assert tracked.status_code == 200
    assert {row["state"] for row in tracked.json()} == {"overdue"}  # due March 2025
    client = APIClient()
    client.force_authenticate(first.reporter)
    said = client.post(
        f"/api/v1/reporting-cycles/{year.pk}/respond/",
        {"agency": first.pk, "status": "declined", "reason": "no_capacity"},
        format="json",
    )
    assert said.status_code == 200, said.json()
    assert (said.json()["state"], said.json()["reason"]) == ("declined", "No staff time to report")
    other = client.post(
        f"/api/v1/reporting-cycles/{year.pk}/respond/",
        {"agency": year.asked[1].pk, "status": "in_progress"},
        format="json",
    )
    assert other.status_code == 400  # another provider answers like one that does not exist
    assert client.get(f"/api/v1/reporting-cycles/{year.pk}/tracker/").status_code == 403


def test_the_report_pages_say_a_late_year_is_overdue(world, year):
    reader = Client()
    reader.force_login(world.users["coordinator"])
    listed = reader.get("/reports/").content.decode()
    assert "due Mar 31, 2025" in listed
    assert "3 providers overdue" in listed
    assert "3 providers are overdue" in reader.get("/reports/2024/").content.decode()


def test_a_funders_quarterly_cycle_runs_beside_the_annual_one(world, year, api):
    from django.core.exceptions import ValidationError

    admin = world.users["state_admin"]
    quarter = services.reporting_cycle_open(
        actor=admin,
        year=2024,
        cadence="quarterly",
        period=3,
        funder="OVC trafficking services grant",
        providers=year.asked[:2],
        deadline=datetime.date(2024, 10, 30),
    )
    assert quarter.label == "2024, Q3"
    first = year.asked[0]
    version = submit(
        first,
        quarter,
        case_rows([(2, "sex", "confirmed", True)], world.home_parish),
        [world.home_parish],
    )
    assert version.receipt.document["reporting_cycle"] == "2024, Q3"
    assert states(quarter, datetime.date(2024, 11, 1)) == {
        "Provider 1": "submitted",
        "Provider 2": "overdue",
    }
    # The annual report counts the annual cycle only.
    assert api("coordinator").get("/api/v1/reports/annual/2024/").json()["cases"]["total"] == 0
    with pytest.raises(ValidationError):
        services.reporting_cycle_open(
            actor=admin,
            year=2024,
            cadence="quarterly",
            period=5,
            providers=year.asked,
            deadline=DEADLINE,
        )
    with pytest.raises(ValidationError):  # the same quarter twice
        services.reporting_cycle_open(
            actor=admin,
            year=2024,
            cadence="quarterly",
            period=3,
            providers=year.asked,
            deadline=DEADLINE,
        )
    with pytest.raises(ValidationError):
        services.reporting_cycle_publish(actor=admin, cycle=quarter, published=True)
    measured = api("state_admin").get(f"/api/v1/reporting-cycles/{quarter.pk}/measures/")
    assert measured.status_code == 200
    assert "2024-Q3" in measured["Content-Disposition"]
    assert (
        api("reporter").get(f"/api/v1/reporting-cycles/{quarter.pk}/measures/").status_code == 403
    )
    listed = api("state_admin").get("/api/v1/reporting-cycles/").json()
    labels = (
        {cycle["label"] for cycle in listed["results"]}
        if "results" in listed
        else {c["label"] for c in listed}
    )
    assert {"2024", "2024, Q3"} <= labels


def test_the_state_admin_sets_the_reminder_days(world, year, api, remind):
    url = f"/api/v1/reporting-cycles/{year.pk}/"
    changed = api("state_admin").patch(
        url, {"remind_days_before": [7, 21], "remind_days_after": [2]}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["remind_days_before"], changed.json()["remind_days_after"]) == (
        [21, 7],
        [2],
    )
    too_many = api("state_admin").patch(
        url, {"remind_days_after": [1, 2, 3, 4, 5, 6]}, format="json"
    )
    assert too_many.status_code == 400
    year.refresh_from_db()
    day = datetime.timedelta(days=1)
    assert remind(today=DEADLINE - 22 * day) == 0
    assert remind(today=DEADLINE - 21 * day) == 3
    assert remind(today=DEADLINE - 7 * day) == 3
    assert remind(today=DEADLINE + day) == 0  # no reminder on day 1 now
    assert remind(today=DEADLINE + 2 * day) == 3


def test_a_moved_deadline_brings_its_own_reminder_dates(world, year, remind):
    day = datetime.timedelta(days=1)
    assert remind(today=DEADLINE + 7 * day) == 3  # overdue a week
    services.reporting_cycle_update(
        actor=world.users["state_admin"], cycle=year, data={"deadline": DEADLINE + 60 * day}
    )
    assert remind(today=DEADLINE + 8 * day) == 0
    assert remind(today=DEADLINE + 46 * day) == 3  # 14 days before the new deadline


def test_a_reminder_that_reached_nobody_is_not_counted_as_sent(world, year, remind):
    first = year.asked[0]
    first.reporter.email = ""
    first.reporter.save()
    assert remind(today=DEADLINE) == 3
    rows = {row.agency.name: row for row in selectors.completeness(year, DEADLINE)}
    assert rows["Provider 1"].reminders == 0
    assert rows["Provider 2"].reminders == 1
