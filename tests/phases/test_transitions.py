"""Every transition, allowed and blocked by each gate, for each role."""

import datetime
import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from phases.models import Initiative, Phase, PhaseTransition
from tests.openapi import assert_matches_schema

# Who may transition a home-region initiative: its coordinator and state admins; others
# do not see it (404); anonymous is 401.
ROLE_STATUS = [
    ("anonymous", 401),
    ("no_role", 404),
    ("state_admin", 200),
    ("superuser", 200),
    ("coordinator", 200),
    ("coordinator_away", 404),
    ("mdt_member", 404),
    ("responder", 404),
    ("reporter", 404),
]

# transition → (phase it starts from, phase it ends in, body)
TRANSITIONS = {
    "advance": (Phase.IDENTIFICATION, Phase.DEFINITION, {}),
    "return": (Phase.ANALYSIS, Phase.INFORMATION_GATHERING, {"note": "Need more data"}),
    "close": (Phase.EVALUATION, Phase.CLOSED, {}),
    "abandon": (Phase.ACTION, Phase.ABANDONED, {"note": "Merged into another initiative"}),
}


def post(client, initiative, transition, body=None):
    return client.post(
        f"/api/v1/initiatives/{initiative.pk}/{transition}/", body or {}, format="json"
    )


@pytest.mark.parametrize("transition", sorted(TRANSITIONS))
@pytest.mark.parametrize(("persona", "status"), ROLE_STATUS)
def test_who_may_transition(api, initiative_in, transition, persona, status):
    start, end, body = TRANSITIONS[transition]
    initiative = initiative_in(start, ready=True)
    response = post(api(persona), initiative, transition, body)
    assert response.status_code == status
    initiative.refresh_from_db()
    assert initiative.phase == (end if status == 200 else start)
    assert PhaseTransition.objects.filter(initiative=initiative).count() == (status == 200)
    if status == 200:
        assert response.json()["phase"] == end
        row = PhaseTransition.objects.get(initiative=initiative)
        assert (row.transition, row.from_phase, row.to_phase) == (transition, start, end)
        assert row.note == body.get("note", "")


def test_the_away_coordinator_manages_their_own_region(api, initiative_in, world):
    initiative = initiative_in(Phase.IDENTIFICATION, ready=True, region=world.away)
    # make_ready used the away region's agency
    assert post(api("coordinator_away"), initiative, "advance").status_code == 200
    assert post(api("coordinator"), initiative, "advance").status_code == 404


# Each gate, unmet, blocks its transition by name and changes nothing.
GATE_CASES = [
    (
        Phase.IDENTIFICATION,
        "advance",
        ["A need statement is written.", "At least one partner agency is engaged."],
    ),
    (
        Phase.DEFINITION,
        "advance",
        [
            "The victim categories in use are chosen (confirmed, prospective).",
            "The parishes in scope are chosen.",
        ],
    ),
    (
        Phase.INFORMATION_GATHERING,
        "advance",
        [
            "At least one information activity is complete: a summit of the region held "
            "with attendance, collaboration-survey responses from one of its summits, or a "
            "data request answered."
        ],
    ),
    (Phase.ANALYSIS, "advance", ["At least one finding is recorded."]),
    (
        Phase.ACTION,
        "advance",
        [
            "The action plan has at least one action item, each with an owning agency and a due date."
        ],
    ),
    (
        Phase.EVALUATION,
        "close",
        ["At least one outcome measure is defined, and every outcome measure has a result."],
    ),
]


@pytest.mark.parametrize(("phase", "transition", "gates"), GATE_CASES)
@pytest.mark.parametrize("persona", ["coordinator", "state_admin"])
def test_each_unmet_gate_blocks_with_409_naming_it(
    api, initiative_in, persona, phase, transition, gates
):
    initiative = initiative_in(phase)
    response = post(api(persona), initiative, transition)
    assert response.status_code == 409
    assert response.json()["unmet_gates"] == gates
    initiative.refresh_from_db()
    assert initiative.phase == phase
    assert not PhaseTransition.objects.exists()
    checklist = api(persona).get(f"/api/v1/initiatives/{initiative.pk}/gates/").json()
    option = next(o for o in checklist if o["name"] == transition)
    assert not option["ready"]
    assert [g["description"] for g in option["gates"] if not g["met"]] == gates


def test_one_gate_met_leaves_only_the_other_unmet(api, initiative_in):
    initiative = initiative_in(Phase.IDENTIFICATION)
    initiative.need_statement = "Written"
    initiative.save()
    response = post(api("coordinator"), initiative, "advance")
    assert response.json()["unmet_gates"] == ["At least one partner agency is engaged."]


def test_a_summit_counts_only_once_held_with_attendance(api, initiative_in, held_summit, world):
    initiative = initiative_in(Phase.INFORMATION_GATHERING)
    held_summit(attendance=0)
    held_summit(held_on=datetime.date.today() + datetime.timedelta(days=30))
    held_summit(region=world.away)
    assert post(api("coordinator"), initiative, "advance").status_code == 409
    held_summit()
    assert post(api("coordinator"), initiative, "advance").status_code == 200


def test_collaboration_survey_responses_count_as_information(api, initiative_in, world):
    from coordination.learning import instruments
    from coordination.learning import services as learning_services
    from coordination.models import Summit, SurveyItem

    initiative = initiative_in(Phase.INFORMATION_GATHERING)
    instrument = instruments.load_survey_instrument(
        {
            "name": "Gate test",
            "source": "test",
            "categories": [{"name": "C", "factors": [{"name": "F", "items": [{"text": "i"}]}]}],
        }
    )
    summit = Summit.objects.create(
        region=world.home, held_on=datetime.date.today() + datetime.timedelta(days=3), place="X"
    )  # not held yet: only its survey can count
    link = learning_services.survey_link_open(
        actor=world.users["coordinator"], summit=summit, instrument=instrument
    )
    assert post(api("coordinator"), initiative, "advance").status_code == 409
    item = SurveyItem.objects.get()
    learning_services.survey_response_submit(link=link, answers={item.pk: 4}, form_key="gate")
    assert post(api("coordinator"), initiative, "advance").status_code == 200


def test_an_unanswered_data_request_does_not_count(api, initiative_in, world):
    from tests.phases.factories import DataRequestFactory

    initiative = initiative_in(Phase.INFORMATION_GATHERING)
    request = DataRequestFactory(initiative=initiative, agency=world.home_agency)
    assert post(api("coordinator"), initiative, "advance").status_code == 409
    api("coordinator").patch(
        f"/api/v1/initiatives/{initiative.pk}/data-requests/{request.pk}/",
        {"answered_on": "2018-02-01"},
        format="json",
    )
    assert post(api("coordinator"), initiative, "advance").status_code == 200


def test_an_action_item_without_a_due_date_blocks(api, initiative_in, world):
    from tests.phases.factories import ActionItemFactory

    initiative = initiative_in(Phase.ACTION)
    ActionItemFactory(initiative=initiative, owner_agency=world.home_agency)
    ActionItemFactory(initiative=initiative, owner_agency=world.home_agency, due_on=None)
    assert post(api("coordinator"), initiative, "advance").status_code == 409


@pytest.mark.parametrize("transition", ["return", "abandon"])
@pytest.mark.parametrize("note", [None, "", "   "])
def test_return_and_abandon_need_a_reason(api, initiative_in, transition, note):
    initiative = initiative_in(Phase.ANALYSIS, ready=True)
    body = {} if note is None else {"note": note}
    response = post(api("coordinator"), initiative, transition, body)
    assert response.status_code == 400
    assert "note" in response.json()
    initiative.refresh_from_db()
    assert initiative.phase == Phase.ANALYSIS


@pytest.mark.parametrize(
    ("phase", "transition"),
    [
        (Phase.IDENTIFICATION, "return"),
        (Phase.ANALYSIS, "close"),
        (Phase.EVALUATION, "advance"),
        (Phase.CLOSED, "advance"),
        (Phase.CLOSED, "abandon"),
        (Phase.ABANDONED, "return"),
    ],
)
def test_transitions_the_phase_does_not_allow_are_409(api, initiative_in, phase, transition):
    initiative = initiative_in(phase)
    response = post(api("coordinator"), initiative, transition, {"note": "why"})
    assert response.status_code == 409
    initiative.refresh_from_db()
    assert initiative.phase == phase


def test_return_goes_back_exactly_one_phase(api, initiative_in):
    initiative = initiative_in(Phase.EVALUATION)
    body = {"note": "Results came in late"}
    assert post(api("coordinator"), initiative, "return", body).json()["phase"] == "action"
    assert post(api("coordinator"), initiative, "return", body).json()["phase"] == "analysis"


def test_a_stale_expected_phase_is_409_and_changes_nothing(api, initiative_in):
    initiative = initiative_in(Phase.DEFINITION, ready=True)
    response = post(api("coordinator"), initiative, "advance", {"expected_phase": "identification"})
    assert response.status_code == 409
    assert response.json()["phase"] == "definition"
    initiative.refresh_from_db()
    assert initiative.phase == Phase.DEFINITION


def test_unknown_fields_in_a_transition_are_400(api, initiative_in):
    initiative = initiative_in(Phase.IDENTIFICATION, ready=True)
    response = post(api("coordinator"), initiative, "advance", {"phase": "closed"})
    assert response.status_code == 400
    assert "unknown field" in response.json()["non_field_errors"][0]


def test_the_phase_cannot_be_written_directly(api, initiative_in):
    initiative = initiative_in(Phase.IDENTIFICATION, ready=True)
    response = api("coordinator").patch(
        f"/api/v1/initiatives/{initiative.pk}/", {"phase": "closed"}, format="json"
    )
    assert response.status_code == 400
    initiative.refresh_from_db()
    assert initiative.phase == Phase.IDENTIFICATION
    with pytest.raises(AttributeError):
        initiative.phase = Phase.CLOSED


def test_history_is_visible_to_whoever_sees_the_initiative(api, initiative_in):
    initiative = initiative_in(Phase.IDENTIFICATION, ready=True)
    post(api("coordinator"), initiative, "advance", {"note": "Ready"})
    for persona, status in [
        ("coordinator", 200),
        ("state_admin", 200),
        ("mdt_member", 404),
        ("anonymous", 401),
    ]:
        response = api(persona).get(f"/api/v1/initiatives/{initiative.pk}/history/")
        assert response.status_code == status
    row = api("coordinator").get(f"/api/v1/initiatives/{initiative.pk}/history/").json()[0]
    assert set(row) == {"id", "transition", "from_phase", "to_phase", "by", "at", "note"}


@pytest.mark.parametrize("action", ["history", "gates"])
def test_history_and_gates_answer_as_the_schema_says(api, initiative_in, action):
    """Found by the API fuzzer: the schema had both paginated; they are plain lists."""
    initiative = initiative_in(Phase.IDENTIFICATION, ready=True)
    post(api("coordinator"), initiative, "advance", {"note": "Ready"})
    response = api("coordinator").get(f"/api/v1/initiatives/{initiative.pk}/{action}/")
    assert isinstance(response.json(), list)
    assert response.json()
    assert_matches_schema(response, method="GET", path=f"/api/v1/initiatives/{{id}}/{action}/")


# --- Concurrency ---------------------------------------------------------------------
def _race(world, initiative, bodies):
    """POST `advance` from several threads at once; each thread has its own connection."""
    barrier = threading.Barrier(len(bodies))
    statuses = []

    def attempt(body):
        client = APIClient()
        client.force_authenticate(world.users["coordinator"])
        barrier.wait()
        try:
            statuses.append(post(client, initiative, "advance", body).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(statuses)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(5))
def test_two_simultaneous_advances_exactly_one_wins(world, initiative_in, round_):
    """Both saw phase 1 and say so: one advances, the other gets 409 — on PostgreSQL the
    row lock orders them, and the loser sees the winner's phase."""
    initiative = initiative_in(Phase.IDENTIFICATION, ready=True)
    # The definition gates are met too, so a second advance could pass them: only the
    # lock and `expected_phase` stand between the loser and a phase it never saw.
    initiative.victim_categories = ["confirmed"]
    initiative.save()
    initiative.parishes.add(world.home_parish)
    statuses = _race(world, initiative, [{"expected_phase": "identification"}] * 2)
    assert statuses == [200, 409]
    initiative.refresh_from_db()
    assert initiative.phase == Phase.DEFINITION
    assert PhaseTransition.objects.filter(initiative=initiative).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_advances_never_skip_or_lose_history(world, initiative_in):
    """Without `expected_phase`, each advance applies to the phase it finds under the lock:
    the history has one row per phase actually passed, with no gaps."""
    initiative = initiative_in(Phase.IDENTIFICATION, ready=True)
    statuses = _race(world, initiative, [{}] * 4)
    initiative.refresh_from_db()
    rows = list(PhaseTransition.objects.filter(initiative=initiative).order_by("id"))
    assert statuses.count(200) == len(rows) == 1  # definition's gates are not met
    assert statuses.count(409) == 3
    assert (rows[0].from_phase, rows[0].to_phase) == ("identification", "definition")
    assert Initiative.objects.get(pk=initiative.pk).phase == Phase.DEFINITION
