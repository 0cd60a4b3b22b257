"""Louisiana's statewide effort, walked from phase 1 to closed through the API alone.

The story follows the presentation: the Legislature's Act 564 asks for an annual
statistical report; providers and advocacy centres join; victims are defined as confirmed
or prospective; regional summits gather information; the finding is a need for basic
training and a statewide screening tool; MDTs are started; MDT growth is the outcome.
"""


def test_a_coordinator_walks_an_initiative_from_need_to_outcome(api, world):
    coordinator = api("coordinator")
    advance = lambda initiative_id, **body: coordinator.post(  # noqa: E731
        f"/api/v1/initiatives/{initiative_id}/advance/", body, format="json"
    )

    # Phase 1 — the need, as the community frames it.
    created = coordinator.post(
        "/api/v1/initiatives/",
        {
            "region": world.home.pk,
            "title": "Know the size of human trafficking in our region",
            "need_statement": "Act 564 requires an annual statistical report on human "
            "trafficking of adults and juveniles; nobody yet counts the cases.",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    initiative = created.json()
    assert (initiative["phase"], initiative["phase_number"]) == ("identification", 1)

    blocked = advance(initiative["id"])
    assert blocked.status_code == 409
    assert blocked.json()["unmet_gates"] == ["At least one partner agency is engaged."]

    coordinator.patch(
        f"/api/v1/initiatives/{initiative['id']}/",
        {"partner_agencies": [world.home_agency.pk]},
        format="json",
    )
    assert advance(initiative["id"], note="Advocacy centres will lead").json()["phase_number"] == 2

    # Phase 2 — two categories of victims, and where.
    blocked = advance(initiative["id"])
    assert len(blocked.json()["unmet_gates"]) == 2
    coordinator.patch(
        f"/api/v1/initiatives/{initiative['id']}/",
        {"victim_categories": ["confirmed", "prospective"], "parishes": [world.home_parish.pk]},
        format="json",
    )
    assert advance(initiative["id"]).json()["phase"] == "information_gathering"

    # Phase 3 — a regional summit, attended across disciplines.
    assert advance(initiative["id"]).status_code == 409
    summit = coordinator.post(
        "/api/v1/summits/",
        {
            "region": world.home.pk,
            "held_on": "2017-10-05",
            "place": "Regional summit, community college hall",
            "organisers": "Governor's Office, DCFS, Children's Advocacy Centers",
            "attendance": {"law_enforcement": 14, "child_welfare": 11, "health_care": 6},
        },
        format="json",
    )
    assert summit.status_code == 201, summit.json()
    assert summit.json()["total_attendance"] == 31
    assert advance(initiative["id"]).json()["phase"] == "analysis"

    # Phase 4 — what the summit found.
    assert advance(initiative["id"]).status_code == 409
    finding = coordinator.post(
        f"/api/v1/initiatives/{initiative['id']}/findings/",
        {
            "statement": "Common theme: a need for basic training and a statewide "
            "risk-assessment (screening) tool.",
            "summit": summit.json()["id"],
            "recorded_on": "2018-03-01",
        },
        format="json",
    )
    assert finding.status_code == 201, finding.json()
    assert advance(initiative["id"]).json()["phase"] == "action"

    # Phase 5 — a plan of action, each step owned and dated.
    item = coordinator.post(
        f"/api/v1/initiatives/{initiative['id']}/action-items/",
        {"description": "Start a trafficking MDT in the region"},
        format="json",
    ).json()
    assert advance(initiative["id"]).json()["unmet_gates"] == [
        "The action plan has at least one action item, each with an owning agency and a due date."
    ]
    coordinator.patch(
        f"/api/v1/initiatives/{initiative['id']}/action-items/{item['id']}/",
        {"owner_agency": world.home_agency.pk, "due_on": "2019-06-30"},
        format="json",
    )
    assert advance(initiative["id"]).json()["phase"] == "evaluation"

    # Phase 6 — did it work? MDTs: two before the summits.
    measure = coordinator.post(
        f"/api/v1/initiatives/{initiative['id']}/outcome-measures/",
        {"name": "Trafficking MDTs in the region", "baseline": "2", "target": "5"},
        format="json",
    ).json()
    close = f"/api/v1/initiatives/{initiative['id']}/close/"
    assert coordinator.post(close, {}, format="json").status_code == 409
    coordinator.patch(
        f"/api/v1/initiatives/{initiative['id']}/outcome-measures/{measure['id']}/",
        {"result": "4"},
        format="json",
    )
    closed = coordinator.post(close, {"note": "Two new MDTs and three in training"}, format="json")
    assert closed.status_code == 200
    assert (closed.json()["phase"], closed.json()["phase_number"]) == ("closed", None)
    assert closed.json()["closed_at"]

    history = coordinator.get(f"/api/v1/initiatives/{initiative['id']}/history/").json()
    assert [(row["from_phase"], row["to_phase"]) for row in history] == [
        ("identification", "definition"),
        ("definition", "information_gathering"),
        ("information_gathering", "analysis"),
        ("analysis", "action"),
        ("action", "evaluation"),
        ("evaluation", "closed"),
    ]
    assert {row["by"] for row in history} == {"coordinator"}
    assert history[0]["note"] == "Advocacy centres will lead"

    # A closed initiative is a record now: it no longer changes.
    again = coordinator.patch(
        f"/api/v1/initiatives/{initiative['id']}/", {"title": "x"}, format="json"
    )
    assert again.status_code == 409


def test_a_state_admin_opens_an_initiative_in_any_region(api, world):
    response = api("state_admin").post(
        "/api/v1/initiatives/",
        {"region": world.away.pk, "title": "Labor trafficking in agriculture"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["coordinator"] is None
