"""Timeliness: referrals past their MDT's targets are flagged (list, page, "action needed",
API), and each MDT's time to review and to services engaged, month by month, matches
medians and 90th percentiles worked out by hand. The clock is frozen."""

import datetime

import pytest
from django.urls import reverse

from mdt import services
from mdt.timeliness.selectors import percentile, timeliness_by_month
from tests.mdt.factories import ReferralFactory
from tests.openapi import assert_matches_schema

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)


def referral(world, received: str, *steps: tuple[str, str]):
    made = ReferralFactory(
        mdt=world.mdt, parish=world.home_parish, received_on=datetime.date.fromisoformat(received)
    )
    for transition, on in steps:
        made = services.referral_transition(
            actor=world.users["mdt_member"],
            referral=made,
            transition=transition,
            on=datetime.date.fromisoformat(on),
        )
    return made


@pytest.fixture
def waiting(world, freeze):
    """Targets 2 days to review and 14 to services; the clock at noon on Nov 20, 2026."""
    freeze(TODAY)
    w = world
    return {
        "a": referral(w, "2026-11-19"),  # 1 day: within both
        "b": referral(w, "2026-11-18"),  # 2 days: not past 2 (past means more than)
        "c": referral(w, "2026-11-17"),  # 3 days, not reviewed: 1 day late for review
        "d": referral(w, "2026-11-01", ("review", "2026-11-02")),  # 19 days: 5 late for services
        "e": referral(w, "2026-11-01"),  # 19 days, never reviewed: both, 17 and 5 late
        "f": referral(w, "2026-11-01", ("review", "2026-11-02"), ("engage", "2026-11-10")),
        "g": referral(w, "2026-10-01", ("close", "2026-10-05")),
    }


def flags_of(row) -> list[tuple]:
    return [(flag["target"], flag["days_late"]) for flag in row["flags"]]


def test_referrals_past_a_target_are_flagged_in_the_api(api, world, waiting):
    client = api("mdt_member")
    rows = {row["case_code"]: row for row in client.get("/api/v1/referrals/").json()["results"]}
    by_name = {name: flags_of(rows[r.case_code]) for name, r in waiting.items()}
    assert by_name == {
        "a": [],
        "b": [],
        "c": [("review", 1)],
        "d": [("services", 5)],
        "e": [("review", 17), ("services", 5)],
        "f": [],
        "g": [],
    }
    overdue = client.get("/api/v1/referrals/", {"overdue": "true"}).json()["results"]
    assert {row["case_code"] for row in overdue} == {
        waiting[name].case_code for name in ("c", "d", "e")
    }
    detail = client.get(f"/api/v1/referrals/{waiting['e'].pk}/")
    assert flags_of(detail.json()) == [("review", 17), ("services", 5)]
    assert detail.json()["reviewed_on"] is None
    assert client.get(f"/api/v1/referrals/{waiting['d'].pk}/").json()["reviewed_on"] == "2026-11-02"


def test_new_targets_move_the_flags(api, world, waiting):
    client = api("mdt_member")
    changed = client.patch(
        f"/api/v1/mdts/{world.mdt.pk}/timeliness/",
        {"target_review_days": 3, "target_engaged_days": 20},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert_matches_schema(changed, path="/api/v1/mdts/{id}/timeliness/", method="patch")
    overdue = client.get("/api/v1/referrals/", {"overdue": "true"}).json()["results"]
    assert {row["case_code"] for row in overdue} == {waiting["e"].case_code}  # 19 > 3 only


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("mdt_member", 200, 200),
        ("state_admin", 200, 200),
        ("coordinator", 200, 403),  # numbers only: the region's coordinators read them
        ("coordinator_away", 404, 404),
        ("responder", 404, 404),
        ("anonymous", 401, 401),
    ],
)
def test_who_reads_and_sets_an_mdts_timeliness(api, world, persona, read, write):
    client = api(persona)
    path = f"/api/v1/mdts/{world.mdt.pk}/timeliness/"
    assert client.get(path).status_code == read
    body = {"target_review_days": 1, "target_engaged_days": 7}
    assert client.patch(path, body, format="json").status_code == write


def test_services_cannot_be_due_before_review(api, world):
    refused = api("mdt_member").patch(
        f"/api/v1/mdts/{world.mdt.pk}/timeliness/",
        {"target_review_days": 10, "target_engaged_days": 5},
        format="json",
    )
    assert refused.status_code == 400
    assert "target_engaged_days" in refused.json()


def test_the_pages_flag_them_and_the_queue_lists_them_longest_waiting_first(client, world, waiting):
    client.force_login(world.users["mdt_member"])
    listing = client.get(reverse("referral-list")).content.decode()
    assert "Not in review within 2 days (1 day late)" in listing
    page = client.get(reverse("referral-detail", args=[waiting["e"].pk])).content.decode()
    assert "Not in review within 2 days (17 days late)" in page
    assert "Not services engaged within 14 days (5 days late)" in page
    queue = client.get(reverse("action-needed")).content.decode()
    codes = [waiting[name].case_code for name in ("d", "e", "c")]  # received Nov 1, 1, 17
    positions = [queue.index(code) for code in codes]
    assert positions == sorted(positions)
    assert waiting["a"].case_code not in queue
    assert waiting["f"].case_code not in queue
    client.force_login(world.users["coordinator"])
    assert waiting["c"].case_code not in client.get(reverse("action-needed")).content.decode()


def test_percentiles_are_those_of_a_spreadsheet():
    assert percentile([1, 2, 10], 0.5) == 2
    assert percentile([1, 2, 10], 0.9) == pytest.approx(8.4)
    assert percentile([5, 20], 0.5) == 12.5
    assert percentile([5, 20], 0.9) == pytest.approx(18.5)
    assert percentile([4], 0.9) == 4
    assert percentile([], 0.5) is None


def test_medians_by_month_match_the_hand_count(api, world, freeze, client):
    freeze(TODAY)
    w = world
    referral(w, "2026-10-01", ("review", "2026-10-02"), ("engage", "2026-10-06"))  # 1, 5
    referral(w, "2026-10-05", ("review", "2026-10-07"), ("engage", "2026-10-25"))  # 2, 20
    referral(w, "2026-10-10", ("review", "2026-10-20"))  # 10, still waiting for services
    referral(w, "2026-11-03", ("review", "2026-11-03"))  # 0
    referral(w, "2025-06-01", ("review", "2025-06-09"))  # outside the 12 months shown
    months = {row["month"]: row for row in timeliness_by_month(mdt=w.mdt)}
    assert list(months)[0] == datetime.date(2025, 12, 1)
    assert list(months)[-1] == datetime.date(2026, 11, 1)
    october = months[datetime.date(2026, 10, 1)]
    assert october["received"] == 3
    assert october["still_waiting_for_services"] == 1
    assert october["review"] == {
        "reached": 3,
        "median_days": 2,
        "p90_days": pytest.approx(8.4),
        "within_target": 2,
    }
    assert october["services"] == {
        "reached": 2,
        "median_days": 12.5,
        "p90_days": pytest.approx(18.5),
        "within_target": 1,
    }
    november = months[datetime.date(2026, 11, 1)]
    assert november["review"]["median_days"] == 0
    assert november["services"]["reached"] == 0
    answer = api("coordinator").get(f"/api/v1/mdts/{w.mdt.pk}/timeliness/")
    assert_matches_schema(answer, path="/api/v1/mdts/{id}/timeliness/", method="get")
    october_api = next(m for m in answer.json()["months"] if m["month"] == "2026-10-01")
    assert october_api["review"]["p90_days"] == pytest.approx(8.4)
    client.force_login(w.users["coordinator"])
    page = client.get(reverse("mdt-timeliness", args=[w.mdt.pk])).content.decode()
    assert "October 2026" in page
    assert "8.4" in page
    assert "18.5" in page
    assert "Save the targets" not in page  # a coordinator reads; members set them


def test_members_set_the_targets_on_the_page(client, world):
    client.force_login(world.users["mdt_member"])
    path = reverse("mdt-timeliness", args=[world.mdt.pk])
    shown = client.get(path)
    assert "<title>Timeliness of Home MDT" in shown.content.decode()
    assert b"Save the targets" in shown.content
    refused = client.post(path, {"target_review_days": 9, "target_engaged_days": 3})
    assert refused.status_code == 400
    assert client.post(path, {"target_review_days": 1, "target_engaged_days": 7}).status_code == 302
    world.mdt.refresh_from_db()
    assert (world.mdt.target_review_days, world.mdt.target_engaged_days) == (1, 7)
