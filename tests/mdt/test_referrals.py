"""De-identified referrals: who sees them, what they may hold, their status and the audit
log of every read and write."""

import pytest

from coordination.models import AuditEntry, Role
from mdt.models import CaseTeamMember, Referral, StatusUpdate
from tests.coordination.factories import RoleAssignmentFactory, UserFactory
from tests.mdt.factories import MDTFactory, ReferralFactory
from tests.openapi import assert_matches_schema


@pytest.fixture
def teams(world):
    """The home MDT (world.mdt, with world's mdt_member) and an away MDT with its member."""
    away_mdt = MDTFactory(name="Away MDT", region=world.away)
    away_member = UserFactory(username="away_member")
    RoleAssignmentFactory(user=away_member, role=Role.MDT_MEMBER, mdt=away_mdt)
    world.users["away_member"] = away_member
    home_referral = ReferralFactory(mdt=world.mdt, created_by=world.users["mdt_member"])
    away_referral = ReferralFactory(mdt=away_mdt, created_by=away_member)
    return world.mdt, away_mdt, home_referral, away_referral


def valid_body(world, **overrides):
    body = {
        "mdt": world.mdt.pk,
        "received_on": "2026-11-02",
        "age_band": "15-17",
        "trafficking_type": "sex",
        "victim_status": "prospective",
        "referral_source": "education",
        "parish": world.home_parish.pk,
        "needs": ["safe_housing", "medical"],
        "notes": "Disclosed to a school counselor; counselor called the CAC.",
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize(
    ("persona", "status", "sees"),
    [
        ("anonymous", 401, None),
        ("no_role", 200, []),
        ("state_admin", 200, ["home", "away"]),
        ("coordinator", 200, []),  # the region's schedules, never referral rows
        ("coordinator_away", 200, []),
        ("mdt_member", 200, ["home"]),
        ("away_member", 200, ["away"]),
        ("responder", 200, []),
        ("reporter", 200, []),
    ],
)
def test_referrals_are_seen_only_by_their_mdt_and_state_admins(api, teams, persona, status, sees):
    _, _, home, away = teams
    response = api(persona).get("/api/v1/referrals/")
    assert response.status_code == status
    if sees is not None:
        codes = {row["case_code"] for row in response.json()["results"]}
        assert codes == {{"home": home, "away": away}[name].case_code for name in sees}


@pytest.mark.parametrize(
    ("persona", "home_status", "away_status"),
    [
        ("mdt_member", 200, 404),
        ("away_member", 404, 200),
        ("coordinator", 404, 404),
        ("state_admin", 200, 200),
        ("responder", 404, 404),
    ],
)
def test_another_mdts_referral_is_404(api, teams, persona, home_status, away_status):
    _, _, home, away = teams
    assert api(persona).get(f"/api/v1/referrals/{home.pk}/").status_code == home_status
    assert api(persona).get(f"/api/v1/referrals/{away.pk}/").status_code == away_status
    assert api(persona).get(f"/api/v1/referrals/{away.pk}/updates/").status_code == away_status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 401),
        ("mdt_member", 201),
        ("state_admin", 201),
        ("away_member", 400),  # the home MDT is not one they can name
        ("coordinator", 400),
        ("responder", 400),
    ],
)
def test_who_may_record_a_referral(api, world, teams, persona, status):
    before = Referral.objects.count()
    response = api(persona).post("/api/v1/referrals/", valid_body(world), format="json")
    assert response.status_code == status, response.content
    assert Referral.objects.count() == before + (status == 201)
    if status == 201:
        body = response.json()
        assert body["case_code"].startswith("R-")
        assert len(body["case_code"]) == 10
        assert body["status"] == "received"


def test_case_codes_are_random_and_unique(api, world, teams):
    codes = {
        api("mdt_member")
        .post("/api/v1/referrals/", valid_body(world), format="json")
        .json()["case_code"]
        for _ in range(20)
    }
    assert len(codes) == 20


@pytest.mark.parametrize(
    "field",
    ["name", "first_name", "last_name", "dob", "date_of_birth", "ssn", "address", "phone", "email"],
)
def test_identity_fields_are_refused_not_ignored(api, world, teams, field):
    before = Referral.objects.count()
    response = api("mdt_member").post(
        "/api/v1/referrals/", valid_body(world, **{field: "x"}), format="json"
    )
    assert response.status_code == 400
    # Refused as an unknown field: counted, never named back.
    assert response.json()["non_field_errors"][0].startswith("1 unknown field(s) refused")
    assert field not in response.json()
    assert Referral.objects.count() == before


@pytest.mark.parametrize(
    ("notes", "kind"),
    [
        ("Mother's cell is 504-555-0134, call after 5", "a phone number"),
        ("Youth's email is kid.name@example.com", "an e-mail address"),
        ("SSN 123-45-6789 on the intake form", "a Social Security number"),
        ("Born 04/12/2011; in 9th grade", "date of birth"),
        ("Staying at 2300 Tulane Ave with an aunt", "a street address"),
        ("Profile at https://social.example/kid", "a web address"),
    ],
)
def test_pii_in_notes_is_refused_naming_the_kind_and_nothing_is_stored(
    api, world, teams, notes, kind
):
    before = Referral.objects.count()
    response = api("mdt_member").post(
        "/api/v1/referrals/", valid_body(world, notes=notes), format="json"
    )
    assert response.status_code == 400
    message = response.json()["notes"][0]
    assert kind in message
    assert notes not in message
    assert Referral.objects.count() == before
    assert not AuditEntry.objects.filter(action="create").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"age_band": "16"}, "age_band"),
        ({"trafficking_type": "other"}, "trafficking_type"),
        ({"victim_status": "maybe"}, "victim_status"),
        ({"referral_source": "aliens"}, "referral_source"),
        ({"parish": "AWAY"}, "parish"),
        ({"needs": ["pony"]}, "needs"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"notes": "x" * 501}, "notes"),
    ],
)
def test_bad_referral_input_is_400_naming_the_field(api, world, teams, overrides, field):
    if overrides.get("parish") == "AWAY":
        overrides["parish"] = world.away_parish.pk
    response = api("mdt_member").post(
        "/api/v1/referrals/", valid_body(world, **overrides), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_status_moves_through_its_transitions_with_dated_updates(api, teams):
    _, _, home, _ = teams
    client = api("mdt_member")
    url = f"/api/v1/referrals/{home.pk}"
    assert client.post(f"{url}/engage/", {}, format="json").status_code == 409
    assert (
        client.post(
            f"{url}/review/", {"note": "On the agenda", "on": "2026-11-18"}, format="json"
        ).json()["status"]
        == "in_review"
    )
    assert (
        client.post(f"{url}/engage/", {"on": "2026-11-20"}, format="json").json()["status"]
        == "services_engaged"
    )
    assert (
        client.post(
            f"{url}/updates/", {"note": "Weekly counseling started"}, format="json"
        ).status_code
        == 201
    )
    assert (
        client.post(f"{url}/close/", {"note": "Goals met"}, format="json").json()["status"]
        == "closed"
    )
    updates = client.get(f"{url}/updates/").json()
    assert [row["status"] for row in updates] == [
        "in_review",
        "services_engaged",
        "services_engaged",
        "closed",
    ]
    assert client.patch(f"{url}/", {"age_band": "18-24"}, format="json").status_code == 409


def test_a_member_of_another_mdt_cannot_change_the_referral(api, teams):
    _, _, home, _ = teams
    assert (
        api("away_member")
        .post(f"/api/v1/referrals/{home.pk}/review/", {}, format="json")
        .status_code
        == 404
    )
    assert (
        api("coordinator")
        .patch(f"/api/v1/referrals/{home.pk}/", {"notes": "x"}, format="json")
        .status_code
        == 404
    )
    home.refresh_from_db()
    assert home.status == "received"


def test_the_status_and_case_code_cannot_be_written(api, teams):
    _, _, home, _ = teams
    for field, value in [("status", "closed"), ("case_code", "R-AAAAAAAA"), ("mdt", home.mdt_id)]:
        response = api("mdt_member").patch(
            f"/api/v1/referrals/{home.pk}/", {field: value}, format="json"
        )
        assert response.status_code == 400
        assert field in response.json()


def test_pii_in_a_status_update_is_refused(api, teams):
    _, _, home, _ = teams
    response = api("mdt_member").post(
        f"/api/v1/referrals/{home.pk}/updates/", {"note": "new number 225-555-0177"}, format="json"
    )
    assert response.status_code == 400
    assert not StatusUpdate.objects.exists()


def test_a_status_update_without_a_note_is_400_naming_it(api, teams):
    """Found by the API fuzzer: `{}` reached the service without a note (500)."""
    _, _, home, _ = teams
    response = api("mdt_member").post(f"/api/v1/referrals/{home.pk}/updates/", {}, format="json")
    assert response.status_code == 400
    assert "note" in response.json()
    assert not StatusUpdate.objects.exists()


def test_status_updates_answer_as_the_schema_says(api, teams):
    """Found by the API fuzzer: the schema had the list paginated and the POST a list."""
    _, _, home, _ = teams
    url = f"/api/v1/referrals/{home.pk}/updates/"
    added = api("mdt_member").post(url, {"note": "Intake call held."}, format="json")
    assert added.status_code == 201
    assert_matches_schema(added, method="POST", path="/api/v1/referrals/{id}/updates/")
    listed = api("mdt_member").get(url)
    assert [row["note"] for row in listed.json()] == ["Intake call held."]
    assert_matches_schema(listed, method="GET", path="/api/v1/referrals/{id}/updates/")


def test_filters_and_cursor_pagination(api, world, teams):
    for n in range(5):
        ReferralFactory(mdt=world.mdt, trafficking_type="labor", received_on=f"2026-0{n + 1}-15")
    client = api("mdt_member")
    labor = client.get("/api/v1/referrals/", {"trafficking_type": "labor"}).json()["results"]
    assert len(labor) == 5
    dated = client.get(
        "/api/v1/referrals/", {"received_after": "2026-03-01", "received_before": "2026-04-30"}
    ).json()["results"]
    assert len(dated) == 2
    first = client.get("/api/v1/referrals/", {"page_size": 2}).json()
    assert "cursor=" in first["next"]
    second = client.get(first["next"]).json()
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_referral_list_queries_do_not_grow_with_the_page(
    api, world, teams, django_assert_max_num_queries
):
    for _ in range(30):
        ReferralFactory(mdt=world.mdt)
    client = api("mdt_member")
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/referrals/", {"page_size": 2}).json()["results"]) == 2
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/referrals/", {"page_size": 30}).json()["results"]) == 30


def test_the_list_shows_each_referral_as_its_own_page_does(api, world, teams):
    """The list reads plain rows for speed; each row must be exactly what the referral's
    own page (the serializer) shows: dates, times in the local zone, case team, nulls."""
    _, _, home, _ = teams
    client = api("mdt_member")
    client.post(f"/api/v1/referrals/{home.pk}/join/", {"discipline": "advocacy"}, format="json")
    CaseTeamMember.objects.create(
        referral=home, user=UserFactory(username="coworker"), discipline="health"
    )
    closed = ReferralFactory(mdt=world.mdt, needs=[])
    client.post(f"/api/v1/referrals/{closed.pk}/close/", {"note": "Services complete"})
    listed = client.get("/api/v1/referrals/").json()["results"]
    assert [row["id"] for row in listed] == [closed.pk, home.pk]
    for row in listed:
        assert row == client.get(f"/api/v1/referrals/{row['id']}/").json()
    assert listed[0]["closed_at"] is not None
    assert [seat["user"] for seat in listed[1]["case_team"]] == ["mdt_member", "coworker"]


# --- Audit ---------------------------------------------------------------------------
def test_every_read_and_write_is_audited_without_free_text(api, world, teams):
    _, _, home, _ = teams
    client = api("mdt_member")
    created = client.post("/api/v1/referrals/", valid_body(world), format="json").json()
    client.get("/api/v1/referrals/")
    client.get(f"/api/v1/referrals/{home.pk}/")
    client.patch(
        f"/api/v1/referrals/{home.pk}/",
        {"notes": "Second disclosure at school", "age_band": "12-14"},
        format="json",
    )
    client.post(
        f"/api/v1/referrals/{home.pk}/review/", {"note": "Added to the agenda"}, format="json"
    )
    entries = list(AuditEntry.objects.order_by("id"))
    assert [(e.action, e.user.username) for e in entries] == [
        ("create", "mdt_member"),
        ("read_list", "mdt_member"),
        ("read_detail", "mdt_member"),
        ("update", "mdt_member"),
        ("transition", "mdt_member"),
    ]
    assert entries[0].object_ids == [created["id"]]
    assert set(entries[1].object_ids) == {created["id"], home.pk}
    assert entries[3].detail == "fields: age_band, notes"
    assert entries[4].detail == "review"
    texts = " ".join(f"{e.detail} {e.object_type} {e.object_ids}" for e in entries)
    for note in ["Disclosed to a school counselor", "Second disclosure", "Added to the agenda"]:
        assert note not in texts


def test_a_refused_read_leaves_no_audit_entry(api, teams):
    _, _, _, away = teams
    api("mdt_member").get(f"/api/v1/referrals/{away.pk}/")
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("state_admin", 200), ("coordinator", 403), ("mdt_member", 403), ("anonymous", 401)],
)
def test_the_audit_log_is_for_state_admins(api, teams, persona, status):
    api("mdt_member").get("/api/v1/referrals/")
    response = api(persona).get("/api/v1/audit-entries/")
    assert response.status_code == status
    if status == 200:
        assert response.json()["results"][0]["action"] == "read_list"


# --- Case teams and sharing ----------------------------------------------------------
def test_members_join_and_leave_the_case_team(api, world, teams):
    _, _, home, _ = teams
    client = api("mdt_member")
    joined = client.post(
        f"/api/v1/referrals/{home.pk}/join/", {"discipline": "advocacy"}, format="json"
    )
    assert joined.json()["case_team"][0]["user"] == "mdt_member"
    assert joined.json()["case_team"][0]["discipline"] == "advocacy"
    assert (
        api("away_member").post(f"/api/v1/referrals/{home.pk}/join/", {}, format="json").status_code
        == 404
    )
    left = client.post(f"/api/v1/referrals/{home.pk}/leave/", {}, format="json")
    assert left.json()["case_team"] == []


def test_sharing_without_consent_is_400_and_shares_nothing(api, teams):
    _, away_mdt, home, _ = teams
    response = api("mdt_member").post(
        f"/api/v1/referrals/{home.pk}/share/", {"mdt": away_mdt.pk}, format="json"
    )
    assert response.status_code == 400
    assert "consent" in response.json()
    assert api("away_member").get(f"/api/v1/referrals/{home.pk}/").status_code == 404


def test_sharing_with_consent_lets_the_other_mdt_read_it(api, teams):
    _, away_mdt, home, _ = teams
    response = api("mdt_member").post(
        f"/api/v1/referrals/{home.pk}/share/",
        {"mdt": away_mdt.pk, "consent": "verbal"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["consent_recorded_by"] == "mdt_member"
    assert api("away_member").get(f"/api/v1/referrals/{home.pk}/").status_code == 200
    # shared to read, not to change: the owning MDT keeps the referral
    assert (
        api("away_member")
        .post(f"/api/v1/referrals/{home.pk}/review/", {}, format="json")
        .status_code
        == 403
    )
    assert api("mdt_member").get(f"/api/v1/referrals/{home.pk}/").status_code == 200


def test_a_transfer_with_consent_moves_the_referral(api, teams):
    _, away_mdt, home, _ = teams
    response = api("mdt_member").post(
        f"/api/v1/referrals/{home.pk}/share/",
        {"mdt": away_mdt.pk, "consent": "written", "transfer": True},
        format="json",
    )
    assert response.status_code == 201
    home.refresh_from_db()
    assert home.mdt == away_mdt
    assert (
        api("away_member")
        .post(f"/api/v1/referrals/{home.pk}/review/", {}, format="json")
        .status_code
        == 200
    )
    entry = AuditEntry.objects.filter(detail__startswith="transfer").get()
    assert entry.detail == f"transfer to MDT {away_mdt.pk} (written consent)"
