"""Recommendations: made at a meeting for a referral on its agenda, carried to every later
meeting until done or dropped, on their owner's dashboard, guarded like every free text,
and seen only by the referral's MDT (a coordinator of the region sees counts)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mdt.models import Recommendation
from mdt.recommendations import selectors
from tests.mdt.recommending import fresh
from tests.openapi import assert_matches_schema

pytestmark = pytest.mark.django_db


def recommend(client, world, meeting=None, **extra):
    body = {
        "case_code": world.referral.case_code,
        "meeting": (meeting or world.meetings[0]).pk,
        "kind": "safety_planning",
        "owner_discipline": "advocacy",
        "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "notes": "Update the plan with the shelter's new curfew.",
    }
    body.update(extra)
    return client.post("/api/v1/recommendations/", body, format="json")


def agenda_codes(client, meeting) -> str:
    return client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()


def test_a_recommendation_is_carried_to_every_later_meeting_until_it_is_done(
    api, mdt_world, client
):
    w = mdt_world
    made = recommend(api("mdt_member"), w)
    assert made.status_code == 201, made.json()
    assert_matches_schema(made, path="/api/v1/recommendations/", method="post")
    rec = made.json()
    assert rec["referral"] == w.referral.case_code
    assert rec["status"] == "open"
    first, second, third = w.meetings
    client.force_login(w.users["mdt_member"])
    # Made at the first meeting; carried to the second and the third (never held between).
    assert list(selectors.carried_forward(meeting=fresh(first))) == []
    for later in (second, third):
        carried = list(selectors.carried_forward(meeting=fresh(later)))
        assert [r.pk for r in carried] == [rec["id"]]
        page = agenda_codes(client, later)
        assert "Carried forward" in page
        assert f"recommendation-{rec['id']}" in page
    # The referral can get more recommendations at the later meeting (it is carried there).
    assert recommend(api("colleague"), w, meeting=second, kind="medical").status_code == 201
    done = api("mdt_member").post(f"/api/v1/recommendations/{rec['id']}/done/")
    assert done.status_code == 200
    assert done.json()["status"] == "done"
    assert rec["id"] not in [r.pk for r in selectors.carried_forward(meeting=fresh(third))]
    assert f"recommendation-{rec['id']}" not in agenda_codes(client, second)
    # Done twice: the state forbids it now.
    again = api("mdt_member").post(f"/api/v1/recommendations/{rec['id']}/done/")
    assert again.status_code == 409


def test_dropping_needs_a_reason_and_takes_it_off_the_agenda(api, mdt_world):
    w = mdt_world
    rec = recommend(api("mdt_member"), w).json()
    client = api("mdt_member")
    assert client.post(f"/api/v1/recommendations/{rec['id']}/drop/", {}).status_code == 400
    dropped = client.post(
        f"/api/v1/recommendations/{rec['id']}/drop/",
        {"reason": "The youth moved out of state; the new team plans safety."},
        format="json",
    )
    assert dropped.status_code == 200
    assert dropped.json()["status"] == "dropped"
    assert dropped.json()["drop_reason"]
    assert not selectors.carried_forward(meeting=fresh(w.meetings[1])).exists()


def test_a_recommendation_is_for_a_referral_on_the_agenda_at_a_meeting_not_cancelled(
    api, mdt_world
):
    w = mdt_world
    # The second meeting's agenda is empty and nothing is carried to it yet.
    off = recommend(api("mdt_member"), w, meeting=w.meetings[1])
    assert off.status_code == 400
    assert "agenda" in str(off.json()["referral"])
    api("mdt_member").post(f"/api/v1/meetings/{w.meetings[0].pk}/cancel/")
    cancelled = recommend(api("mdt_member"), w)
    assert cancelled.status_code == 409
    assert not Recommendation.objects.exists()


def test_the_owner_is_an_agency_a_discipline_or_a_member_of_the_mdt(api, mdt_world):
    w = mdt_world
    client = api("mdt_member")
    none = recommend(client, w, owner_discipline="")
    assert none.status_code == 400
    assert "owner" in str(none.json()).lower()
    stranger = recommend(client, w, owner=w.users["away_member"].pk, owner_discipline="")
    assert stranger.status_code == 400
    assert "owner" in stranger.json()
    named = recommend(client, w, owner=w.users["colleague"].pk, owner_discipline="")
    assert named.status_code == 201, named.json()
    # The member's membership fills the agency and the discipline.
    assert named.json()["owner_agency"] == w.home_agency.pk
    assert named.json()["owner_discipline"] == "law_enforcement"
    assert named.json()["owner_username"] == "colleague"
    assert Recommendation.objects.count() == 1


@pytest.mark.parametrize(
    ("notes", "kind"),
    [
        ("Call Maria Gonzalez about the plan.", "name"),
        ("Her number is 504-555-1212.", "phone"),
        ("Meet at 1234 Tchoupitoulas St.", "address"),
    ],
)
def test_notes_with_personal_information_are_refused_and_nothing_is_stored(
    api, mdt_world, notes, kind
):
    response = recommend(api("mdt_member"), mdt_world, notes=notes)
    assert response.status_code == 400
    body = str(response.json())
    assert "notes" in response.json()
    assert notes not in body
    assert not Recommendation.objects.exists()


def test_a_drop_reason_with_a_name_is_refused(api, mdt_world):
    rec = recommend(api("mdt_member"), mdt_world).json()
    refused = api("mdt_member").post(
        f"/api/v1/recommendations/{rec['id']}/drop/",
        {"reason": "Kayla Dupre refused services."},
        format="json",
    )
    assert refused.status_code == 400
    assert "Kayla" not in str(refused.json())
    assert Recommendation.objects.get().status == "open"


# --- who sees what -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "listed", "detail", "create", "done"),
    [
        ("mdt_member", 1, 200, 201, 200),
        ("colleague", 1, 200, 201, 200),
        ("state_admin", 1, 200, 201, 200),
        ("away_member", 0, 404, 400, 404),  # another MDT: the meeting does not exist for them
        ("coordinator", 0, 404, 403, 404),  # counts, not rows; writes refused before parsing
        ("responder", 0, 404, 403, 404),
        ("no_role", 0, 404, 403, 404),
        ("anonymous", None, 401, 401, 401),
    ],
)
def test_who_sees_and_changes_recommendations(
    api, mdt_world, persona, listed, detail, create, done
):
    w = mdt_world
    rec = recommend(api("mdt_member"), w).json()
    client = api(persona)
    listing = client.get("/api/v1/recommendations/")
    if listed is None:
        assert listing.status_code == 401
    else:
        assert listing.status_code == 200
        assert listing.json()["count"] == listed
    assert client.get(f"/api/v1/recommendations/{rec['id']}/").status_code == detail
    assert recommend(client, w, kind="housing").status_code == create
    assert client.post(f"/api/v1/recommendations/{rec['id']}/done/").status_code == done


def test_a_coordinator_of_the_region_sees_counts_not_rows(api, mdt_world, client, freeze):
    w = mdt_world
    member = api("mdt_member")
    late = recommend(member, w, kind="medical").json()
    recommend(member, w, kind="housing")
    dropped = recommend(member, w, kind="legal").json()
    member.post(f"/api/v1/recommendations/{dropped['id']}/drop/", {"reason": "Not needed."})
    freeze(timezone.localdate() + datetime.timedelta(days=8))  # both open ones are past due
    Recommendation.objects.filter(pk=late["id"])  # (the clock moved; the rows did not)
    counts = api("coordinator").get(f"/api/v1/mdts/{w.mdt.pk}/recommendation-counts/")
    assert counts.status_code == 200
    assert counts.json() == {"open": 2, "overdue": 2, "done": 0, "dropped": 1}
    assert (
        api("coordinator_away").get(f"/api/v1/mdts/{w.mdt.pk}/recommendation-counts/").status_code
        == 404
    )
    assert (
        api("away_member").get(f"/api/v1/mdts/{w.mdt.pk}/recommendation-counts/").status_code == 404
    )
    client.force_login(w.users["coordinator"])
    page = client.get(reverse("mdt-detail", args=[w.mdt.pk])).content.decode()
    assert "2 past due" in page
    assert w.referral.case_code not in page
    meeting = client.get(reverse("meeting-detail", args=[w.meetings[1].pk])).content.decode()
    assert w.referral.case_code not in meeting
    assert "Carried forward" not in meeting


def test_the_owners_dashboard_lists_theirs_past_due_first(api, mdt_world, client, freeze):
    w = mdt_world
    member = api("mdt_member")
    soon = timezone.localdate() + datetime.timedelta(days=3)
    later = timezone.localdate() + datetime.timedelta(days=20)
    mine_late = recommend(member, w, owner=w.users["mdt_member"].pk, due_on=soon.isoformat()).json()
    mine_later = recommend(
        member, w, owner=w.users["mdt_member"].pk, due_on=later.isoformat(), kind="legal"
    ).json()
    theirs = recommend(member, w, owner=w.users["colleague"].pk, kind="medical").json()
    freeze(soon + datetime.timedelta(days=1))
    client.force_login(w.users["mdt_member"])
    page = client.get(reverse("dashboard")).content.decode()
    assert "1 recommendation past due" in page
    assert page.index(f"recommendation-{mine_late['id']}") < page.index(
        f"recommendation-{mine_later['id']}"
    )
    assert f"recommendation-{theirs['id']}" not in page
    mine = api("mdt_member").get("/api/v1/recommendations/", {"mine": "true"}).json()["results"]
    assert [r["id"] for r in mine] == [mine_late["id"], mine_later["id"]]
    overdue = api("mdt_member").get("/api/v1/recommendations/", {"overdue": "true"}).json()
    assert [r["id"] for r in overdue["results"]] == [mine_late["id"]]
    assert overdue["results"][0]["overdue"] is True
    # The colleague sees theirs, not the member's.
    client.force_login(w.users["colleague"])
    theirs_page = client.get(reverse("dashboard")).content.decode()
    assert f"recommendation-{theirs['id']}" in theirs_page
    assert f"recommendation-{mine_late['id']}" not in theirs_page


def test_recording_and_closing_on_the_pages(mdt_world, client):
    w = mdt_world
    client.force_login(w.users["mdt_member"])
    meeting = w.meetings[0]
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    form = {
        "referral": w.referral.pk,
        "kind": "forensic_interview",
        "owner_discipline": "law_enforcement",
        "due_on": due,
        "notes": "Ms. Brittany Landry to schedule it.",
    }
    refused = client.post(reverse("recommendation-add", args=[meeting.pk]), form)
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Ms. Brittany Landry to schedule it." in text  # kept in the box to fix
    assert "data-refused-spans" in text
    assert not Recommendation.objects.exists()
    form["notes"] = "The detective schedules it with the CAC."
    saved = client.post(reverse("recommendation-add", args=[meeting.pk]), form)
    assert saved.status_code == 302
    rec = Recommendation.objects.get()
    assert rec.owner_discipline == "law_enforcement"
    assert rec.created_by == w.users["mdt_member"]
    page = client.get(reverse("meeting-detail", args=[meeting.pk])).content.decode()
    assert "Forensic interview" in page
    assert "Made at this meeting" in page
    next_page = reverse("meeting-detail", args=[w.meetings[1].pk])
    closed = client.post(
        reverse("recommendation-close", args=[rec.pk]), {"outcome": "done", "next": next_page}
    )
    assert closed.status_code == 302
    assert closed["Location"] == next_page
    assert Recommendation.objects.get().status == "done"
    # An off-site `next` is never followed.
    other = Recommendation.objects.create(
        referral=w.referral,
        meeting=meeting,
        kind="housing",
        owner_discipline="advocacy",
        due_on=timezone.localdate(),
        created_by=w.users["mdt_member"],
    )
    away = client.post(
        reverse("recommendation-close", args=[other.pk]),
        {"outcome": "dropped", "reason": "Housed already.", "next": "https://evil.example/"},
    )
    assert away["Location"] == reverse("dashboard")


def test_the_referral_page_lists_its_recommendations(api, mdt_world, client):
    w = mdt_world
    recommend(api("mdt_member"), w, kind="housing")
    client.force_login(w.users["mdt_member"])
    page = client.get(reverse("referral-detail", args=[w.referral.pk])).content.decode()
    assert "Housing" in page
    assert "Mark done" in page
    client.force_login(w.users["away_member"])
    assert client.get(reverse("referral-detail", args=[w.referral.pk])).status_code == 404
