"""MDT meetings: recurrence across daylight-saving changes, single occurrences moved or
cancelled, agenda and minutes for members only, and the private iCalendar feed."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from coordination.models import Role
from mdt.models import Meeting
from tests.coordination.factories import RoleAssignmentFactory, UserFactory
from tests.mdt.factories import MDTFactory, ReferralFactory
from tests.openapi import assert_matches_schema

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def teams(world):
    away_mdt = MDTFactory(name="Away MDT", region=world.away)
    away_member = UserFactory(username="away_member")
    RoleAssignmentFactory(user=away_member, role=Role.MDT_MEMBER, mdt=away_mdt)
    world.users["away_member"] = away_member
    return world.mdt, away_mdt


def schedule(client, mdt, **extra):
    body = {
        "mdt": mdt.pk,
        "starts_at": "2026-10-27T09:00:00-05:00",  # a Tuesday, before DST ends on Nov 1
        "ends_at": "2026-10-27T10:30:00-05:00",
        "location": "CAC conference room",
    }
    body.update(extra)
    return client.post("/api/v1/meetings/", body, format="json")


def test_a_weekly_series_keeps_its_local_time_across_the_dst_change(api, teams):
    home, _ = teams
    response = schedule(api("mdt_member"), home, rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=4")
    assert response.status_code == 201, response.json()
    meetings = list(Meeting.objects.filter(series=response.json()["series"]).order_by("starts_at"))
    assert len(meetings) == 4
    local = [m.starts_at.astimezone(CHICAGO) for m in meetings]
    assert [(t.month, t.day, t.hour, t.minute) for t in local] == [
        (10, 27, 9, 0),
        (11, 3, 9, 0),
        (11, 10, 9, 0),
        (11, 17, 9, 0),
    ]
    utc_hours = [m.starts_at.astimezone(datetime.UTC).hour for m in meetings]
    assert utc_hours == [14, 15, 15, 15]  # CDT (UTC−5), then CST (UTC−6)
    assert all((m.ends_at - m.starts_at) == datetime.timedelta(minutes=90) for m in meetings)


def test_one_occurrence_moves_or_is_cancelled_alone(api, teams):
    home, _ = teams
    client = api("mdt_member")
    series = schedule(client, home, rrule="FREQ=WEEKLY;COUNT=3").json()["series"]
    first, second, third = Meeting.objects.filter(series=series).order_by("starts_at")
    moved = client.post(
        f"/api/v1/meetings/{second.pk}/reschedule/",
        {"starts_at": "2026-11-04T14:00:00-06:00", "ends_at": "2026-11-04T15:00:00-06:00"},
        format="json",
    )
    assert moved.status_code == 200
    assert client.post(f"/api/v1/meetings/{third.pk}/cancel/").json()["status"] == "cancelled"
    first.refresh_from_db()
    assert first.status == "scheduled"
    assert first.starts_at.astimezone(CHICAGO).hour == 9
    assert client.post(f"/api/v1/meetings/{third.pk}/hold/").status_code == 409


@pytest.mark.parametrize(
    ("rrule", "field"),
    [("FREQ=SOMETIMES", "rrule"), ("not a rule", "rrule")],
)
def test_a_bad_rule_is_400_and_schedules_nothing(api, teams, rrule, field):
    home, _ = teams
    response = schedule(api("mdt_member"), home, rrule=rrule)
    assert response.status_code == 400
    assert field in response.json()
    assert not Meeting.objects.exists()


def test_a_meeting_must_end_after_it_starts(api, teams):
    home, _ = teams
    response = schedule(api("mdt_member"), home, ends_at="2026-10-27T08:00:00-05:00")
    assert response.status_code == 400
    assert "ends_at" in response.json()


@pytest.mark.parametrize(
    ("times", "field"),
    [
        ({"starts_at": "0959-04-27T09:00:00-05:00"}, "starts_at"),
        ({"ends_at": "2207-10-27T10:30:00-05:00"}, "ends_at"),
    ],
)
def test_a_meeting_centuries_away_is_400(api, teams, times, field):
    """Found by the API fuzzer: a meeting in the year 959 was stored, and answered with
    Louisiana's local mean time offset (-05:50:36), which is no ISO 8601 time."""
    home, _ = teams
    response = schedule(api("mdt_member"), home, **times)
    assert response.status_code == 400
    assert field in response.json()
    assert not Meeting.objects.exists()
    schedule(api("mdt_member"), home)
    meeting = Meeting.objects.get()
    moved = api("mdt_member").post(
        f"/api/v1/meetings/{meeting.pk}/reschedule/",
        {"starts_at": "2026-10-27T09:00:00-05:00", "ends_at": "2026-10-27T10:30:00-05:00", **times},
        format="json",
    )
    assert moved.status_code == 400
    assert field in moved.json()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("mdt_member", 201),
        ("state_admin", 201),
        ("away_member", 400),
        ("coordinator", 400),
        ("anonymous", 401),
    ],
)
def test_who_may_schedule_a_meeting(api, teams, persona, status):
    home, _ = teams
    assert schedule(api(persona), home).status_code == status


def test_members_see_their_meetings_coordinators_the_schedule_others_nothing(api, world, teams):
    home, away = teams
    schedule(api("mdt_member"), home)
    schedule(api("away_member"), away)
    meeting = Meeting.objects.get(mdt=home)
    referral = ReferralFactory(mdt=home)
    api("mdt_member").put(
        f"/api/v1/meetings/{meeting.pk}/agenda/", {"referrals": [referral.case_code]}, format="json"
    )

    member_view = api("mdt_member").get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert member_view["agenda"] == [referral.case_code]
    coordinator_view = api("coordinator").get(f"/api/v1/meetings/{meeting.pk}/")
    assert coordinator_view.status_code == 200
    assert "agenda" not in coordinator_view.json()
    assert "minutes" not in coordinator_view.json()
    # Found by the API fuzzer: the schema required the members-only fields.
    assert_matches_schema(coordinator_view, method="GET", path="/api/v1/meetings/{id}/")
    assert api("coordinator").get("/api/v1/referrals/").json()["results"] == []
    assert api("away_member").get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert api("coordinator_away").get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    assert api("responder").get("/api/v1/meetings/").json()["results"] == []
    assert [m["mdt"] for m in api("coordinator").get("/api/v1/meetings/").json()["results"]] == [
        home.pk
    ]
    assert api("away_member").get(f"/api/v1/mdts/{home.pk}/").status_code == 404
    assert api("coordinator").get(f"/api/v1/mdts/{home.pk}/").status_code == 200


def test_an_mdt_without_a_chair_answers_as_the_schema_says(api, teams):
    """Found by the API fuzzer: `chair` is null until one is named; the schema said text."""
    home, _ = teams
    shown = api("mdt_member").get(f"/api/v1/mdts/{home.pk}/")
    assert shown.json()["chair"] is None
    assert_matches_schema(shown, method="GET", path="/api/v1/mdts/{id}/")


def test_the_agenda_takes_only_the_mdts_own_referrals(api, teams):
    home, away = teams
    schedule(api("mdt_member"), home)
    meeting = Meeting.objects.get(mdt=home)
    foreign = ReferralFactory(mdt=away)
    response = api("mdt_member").put(
        f"/api/v1/meetings/{meeting.pk}/agenda/", {"referrals": [foreign.case_code]}, format="json"
    )
    assert response.status_code == 400
    assert not meeting.agenda.exists()


def test_minutes_are_pii_guarded(api, teams):
    home, _ = teams
    schedule(api("mdt_member"), home)
    meeting = Meeting.objects.get(mdt=home)
    url = f"/api/v1/meetings/{meeting.pk}/minutes/"
    bad = api("mdt_member").put(
        url, {"minutes": "Reached the mother at 504-555-0142"}, format="json"
    )
    assert bad.status_code == 400
    assert "a phone number" in bad.json()["minutes"][0]
    meeting.refresh_from_db()
    assert meeting.minutes == ""
    good = api("mdt_member").put(url, {"minutes": "4 referrals reviewed, 2 closed."}, format="json")
    assert good.json()["minutes"] == "4 referrals reviewed, 2 closed."


# --- iCalendar feed ------------------------------------------------------------------
def test_the_feed_parses_keeps_local_time_across_dst_and_shows_only_my_mdts(api, client, teams):
    home, away = teams
    schedule(api("mdt_member"), home, rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=3")
    schedule(api("away_member"), away)
    on_agenda = ReferralFactory(mdt=home)
    Meeting.objects.filter(mdt=home).first().agenda.add(on_agenda)
    url = api("mdt_member").get("/api/v1/me/calendar-feed/").json()["url"]
    response = client.get(url.replace("http://testserver", ""))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 3
    assert {str(e["summary"]) for e in events} == {"Home MDT meeting"}
    starts = sorted(e.decoded("dtstart") for e in events)
    assert [(s.hour, s.utcoffset()) for s in starts] == [
        (9, datetime.timedelta(hours=-5)),
        (9, datetime.timedelta(hours=-6)),
        (9, datetime.timedelta(hours=-6)),
    ]
    assert events[0]["dtstart"].params["TZID"] == "America/Chicago"
    assert calendar.walk("VTIMEZONE")
    assert on_agenda.case_code.encode() not in response.content  # no case codes in a calendar


def test_renewing_the_feed_revokes_the_old_url(api, client, teams):
    first = (
        api("mdt_member")
        .get("/api/v1/me/calendar-feed/")
        .json()["url"]
        .replace("http://testserver", "")
    )
    second = (
        api("mdt_member")
        .post("/api/v1/me/calendar-feed/")
        .json()["url"]
        .replace("http://testserver", "")
    )
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_a_deactivated_members_feed_stops(api, client, world, teams):
    url = (
        api("mdt_member")
        .get("/api/v1/me/calendar-feed/")
        .json()["url"]
        .replace("http://testserver", "")
    )
    world.users["mdt_member"].is_active = False
    world.users["mdt_member"].save()
    assert client.get(url).status_code == 404


def test_members_answer_and_attendance_is_recorded(api, world, teams):
    home, _ = teams
    schedule(api("mdt_member"), home)
    meeting = Meeting.objects.get(mdt=home)
    url = f"/api/v1/meetings/{meeting.pk}"
    assert (
        api("mdt_member").post(f"{url}/rsvp/", {"answer": "attending"}, format="json").status_code
        == 200
    )
    assert (
        api("mdt_member").post(f"{url}/rsvp/", {"answer": "maybe"}, format="json").status_code
        == 400
    )
    assert (
        api("coordinator").post(f"{url}/rsvp/", {"answer": "attending"}, format="json").status_code
        == 403
    )
    assert (
        api("away_member").post(f"{url}/rsvp/", {"answer": "attending"}, format="json").status_code
        == 404
    )
    member = world.users["mdt_member"]
    recorded = api("mdt_member").put(f"{url}/attendance/", {"present": [member.pk]}, format="json")
    assert recorded.json()["attendance"] == [
        {"user": "mdt_member", "rsvp": "attending", "present": True}
    ]
    stranger = api("mdt_member").put(
        f"{url}/attendance/", {"present": [world.users["coordinator"].pk]}, format="json"
    )
    assert stranger.status_code == 400
    assert "attendance" not in api("coordinator").get(f"{url}/").json()


@pytest.mark.django_db
def test_a_video_link_is_clickable_and_the_end_defaults_to_an_hour(world, client):
    client.force_login(world.users["mdt_member"])
    form = client.get(f"/mdts/{world.mdt.pk}/meetings/new/").content.decode()
    assert 'name="starts_at" value="' in form
    assert 'name="ends_at" value="' in form
    made = client.post(
        f"/mdts/{world.mdt.pk}/meetings/new/",
        {"starts_at": "2026-12-03T09:00", "location": "https://meet.example.org/mdt-home"},
    )
    assert made.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=1)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert '<a href="https://meet.example.org/mdt-home"' in page
