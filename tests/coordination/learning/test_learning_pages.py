"""Summit, survey, training and practices pages and their API, per role; the anonymous
survey and test links reach nothing else."""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from coordination.learning import instruments
from coordination.learning import services as learning_services
from coordination.models import (
    RegionPractice,
    Summit,
    SurveyInstrument,
    SurveyResponse,
    TestAttempt,
)
from tests.openapi import assert_matches_schema
from tests.phases.factories import FindingFactory, InitiativeFactory

INSTRUMENT = {
    "name": "Page test instrument",
    "source": "Credit line for the test.",
    "categories": [
        {
            "name": "Communication",
            "factors": [
                {
                    "name": "Open communication",
                    "items": [
                        {"text": "We talk often."},
                        {"text": "Messages get lost.", "reverse": True},
                    ],
                }
            ],
        }
    ],
}


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def summit(world):
    instruments.load_survey_instrument(INSTRUMENT)
    return Summit.objects.create(
        region=world.home, held_on=datetime.date(2026, 4, 2), place="Civic Center"
    )


@pytest.fixture
def module(world):
    return learning_services.training_module_create(
        actor=world.users["state_admin"],
        title="Basics",
        questions=[{"text": "Q1", "choices": [{"text": "yes", "correct": True}, {"text": "no"}]}],
    )


@pytest.mark.parametrize(
    ("persona", "summit_page", "may_open_survey"),
    [
        ("coordinator", 200, True),
        ("state_admin", 200, True),
        ("mdt_member", 200, False),  # works in the region: reads the summit
        ("coordinator_away", 404, False),
        ("reporter", 200, False),
        ("no_role", 404, False),
    ],
)
def test_who_opens_a_summit_and_its_survey(world, summit, persona, summit_page, may_open_survey):
    client = client_for(world.users[persona])
    assert client.get(f"/summits/{summit.pk}/").status_code == summit_page
    client.post(f"/summits/{summit.pk}/", {"action": "open-survey"})
    assert summit.survey_links.exists() == may_open_survey


def test_the_anonymous_survey_takes_answers_and_reaches_nothing_else(world, summit):
    client_for(world.users["coordinator"]).post(f"/summits/{summit.pk}/", {"action": "open-survey"})
    link = summit.survey_links.get()
    participant = client_for()
    page = participant.get(f"/s/{link.token}/").content.decode()
    assert "We talk often." in page
    assert "Civic Center" not in page  # the survey, nothing about the summit's records
    items = {
        item.text: item.pk for item in link.instrument.categories.get().factors.get().items.all()
    }
    form_key = page.split('name="form_key" value="')[1].split('"')[0]
    answer = {
        f"item_{items['We talk often.']}": "4",
        f"item_{items['Messages get lost.']}": "2",
        "form_key": form_key,
    }
    assert "recorded, anonymously" in participant.post(f"/s/{link.token}/", answer).content.decode()
    assert "counted once" in participant.post(f"/s/{link.token}/", answer).content.decode()
    assert SurveyResponse.objects.count() == 1
    assert settings.SESSION_COOKIE_NAME not in participant.cookies  # no session to tie it to
    # The link opens nothing else: every other page still asks for sign-in.
    for path in [f"/summits/{summit.pk}/", "/reports/", "/api/v1/summits/"]:
        assert participant.get(path).status_code in (302, 401)
    assert participant.get("/s/not-a-token/").status_code == 404
    scores = (
        client_for(world.users["coordinator"])
        .get(f"/api/v1/summits/{summit.pk}/collaboration-scores/")
        .json()
    )
    factor = scores["categories"][0]["factors"][0]
    assert (factor["score"], factor["n"], factor["band"]) == (4.0, 1, "strength")  # (4 + 6-2) / 2


@pytest.mark.parametrize("other", ["last-year", "1.5", "{'a': 1}"])
def test_comparing_scores_with_something_not_a_summit_id_is_400(api, world, other):
    """Found by the API fuzzer: `?compare=` went to the query unchecked (500)."""
    summit = Summit.objects.create(region=world.home, held_on=datetime.date(2017, 10, 5))
    response = api("coordinator").get(
        f"/api/v1/summits/{summit.pk}/collaboration-scores/", {"compare": other}
    )
    assert response.status_code == 400
    assert "compare" in response.json()


@pytest.mark.parametrize("other", ["last-year", "1.5", "9" * 5000, "99999999999999999999"])
def test_the_summit_page_ignores_a_compare_that_is_not_a_summit_id(world, summit, other):
    """Issue 15, finding 4 (the same int()-of-user-input pattern): the page's `?compare=`
    went to the query unchecked (500)."""
    response = client_for(world.users["coordinator"]).get(
        f"/summits/{summit.pk}/", {"compare": other}
    )
    assert response.status_code == 200
    assert "Change from" not in response.content.decode()


def test_the_summit_page_compares_with_another_summit_by_id(world, summit):
    coordinator = world.users["coordinator"]
    earlier = Summit.objects.create(
        region=world.home, held_on=datetime.date(2025, 4, 2), place="Library"
    )
    for held in (summit, earlier):
        link = learning_services.survey_link_open(
            actor=coordinator, summit=held, instrument=SurveyInstrument.objects.get()
        )
        item = link.instrument.categories.get().factors.get().items.first()
        learning_services.survey_response_submit(
            link=link, answers={item.pk: 4}, form_key=f"k{held.pk}"
        )
    response = client_for(coordinator).get(f"/summits/{summit.pk}/", {"compare": earlier.pk})
    assert "Change from Home Region, Apr 2, 2025" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("state_admin", 200),
        ("mdt_member", 403),
        ("reporter", 403),
        ("anonymous", 302),
    ],
)
def test_who_sees_training_outcomes(world, module, persona, status):
    client = client_for(world.users[persona])
    assert client.get("/trainings/").status_code == status
    assert client.get(f"/trainings/{module.pk}/").status_code == (404 if status == 403 else status)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 401), ("mdt_member", 403), ("coordinator", 201), ("state_admin", 201)],
)
def test_who_creates_a_training_module(api, persona, status):
    body = {
        "title": "New module",
        "questions": [{"text": "Q", "choices": [{"text": "a", "correct": True}, {"text": "b"}]}],
    }
    assert api(persona).post("/api/v1/trainings/", body, format="json").status_code == status


def test_a_module_with_no_correct_answer_is_refused(api):
    body = {
        "title": "Broken",
        "questions": [{"text": "Q", "choices": [{"text": "a"}, {"text": "b"}]}],
    }
    response = api("coordinator").post("/api/v1/trainings/", body, format="json")
    assert response.status_code == 400


def test_a_participant_takes_a_test_without_signing_in(world, module):
    participant = client_for()
    question = module.questions.get()
    right = question.choices.get(is_correct=True)
    page = participant.post(
        f"/t/{module.token}/",
        {
            "participant_code": "blue-4821",
            "kind": "pre",
            "discipline": "health_care",
            f"question_{question.pk}": right.pk,
        },
    ).content.decode()
    assert "1 of 1 correct" in page
    attempt = TestAttempt.objects.get()
    assert attempt.participant_code == "BLUE-4821"
    named = participant.post(
        f"/t/{module.token}/",
        {"participant_code": "Jane Doe", "kind": "post", "discipline": "health_care"},
    ).content.decode()
    assert "never a name" in named.lower() or "letters, digits or dashes" in named
    assert TestAttempt.objects.count() == 1
    outcomes = (
        client_for(world.users["coordinator"])
        .get(f"/api/v1/trainings/{module.pk}/outcomes/")
        .json()
    )
    assert (outcomes["participants"], outcomes["completed"]) == (1, 0)


def test_coordinators_record_their_regions_practices(api, world):
    response = api("coordinator").post(
        "/api/v1/practices/",
        {"region": world.home.pk, "practices": ["mdts", "john_schools"], "other": "Hotel outreach"},
        format="json",
    )
    assert response.status_code == 200
    home = next(row for row in response.json() if row["region"] == world.home.pk)
    assert (home["practices"], home["other"]) == (["john_schools", "mdts"], ["Hotel outreach"])
    # Found by the API fuzzer: the schema said an object; the inventory is a list of rows.
    assert_matches_schema(response, method="POST", path="/api/v1/practices/")
    listed = api("reporter").get("/api/v1/practices/")
    assert_matches_schema(listed, method="GET", path="/api/v1/practices/")
    refused = api("coordinator_away").post(
        "/api/v1/practices/", {"region": world.home.pk, "practices": ["mdts"]}, format="json"
    )
    assert refused.status_code == 400  # a region they cannot see: as if it did not exist
    assert (
        api("mdt_member")
        .post("/api/v1/practices/", {"region": world.home.pk, "practices": ["mdts"]}, format="json")
        .status_code
        == 403
    )
    api("coordinator").post(
        "/api/v1/practices/", {"region": world.home.pk, "practices": ["mdts"]}, format="json"
    )
    assert not RegionPractice.objects.get(practice="john_schools").in_use
    page = client_for(world.users["reporter"]).get("/practices/").content.decode()
    assert "Hotel outreach" in page
    assert api("anonymous").get("/api/v1/practices/").status_code == 401


# --- issue 15, finding 7: a summit's findings only to those who see the initiatives -------
@pytest.mark.parametrize(
    ("persona", "sees_findings"),
    [
        ("coordinator", True),
        ("state_admin", True),
        ("mdt_member", False),  # reads the region's summits, not its initiatives
        ("responder", False),
        ("reporter", False),
    ],
)
def test_a_summit_page_shows_findings_only_to_who_sees_the_initiative(
    world, summit, persona, sees_findings
):
    initiative = InitiativeFactory(region=world.home, title="Truck-stop outreach plan")
    FindingFactory(
        initiative=initiative, summit=summit, statement="Few referrals come from clinics"
    )
    response = client_for(world.users[persona]).get(f"/summits/{summit.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Civic Center" in html  # the summit itself is theirs to read
    assert ("Truck-stop outreach plan" in html) == sees_findings
    assert ("Few referrals come from clinics" in html) == sees_findings
    assert ("Findings from this summit" in html) == sees_findings
