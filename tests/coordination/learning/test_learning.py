"""Collaboration survey scores and training outcomes, against values worked out by hand."""

import datetime
import math
import statistics

import pytest
from django.core.exceptions import ValidationError

from coordination.learning import instruments
from coordination.learning import services as learning_services
from coordination.learning.survey_scores import collaboration_scores, compare
from coordination.learning.training_results import paired_outcome, training_outcomes
from coordination.models import Summit, SurveyResponse
from coordination.plumbing.errors import Conflict

SMALL_INSTRUMENT = {
    "name": "Hand-scored test instrument",
    "version": 1,
    "source": "Made up for the test.",
    "categories": [
        {
            "name": "Category A",
            "factors": [
                {"name": "F1", "items": [{"text": "i1"}, {"text": "i2", "reverse": True}]},
                {"name": "F2", "items": [{"text": "i3"}]},
            ],
        },
        {"name": "Category B", "factors": [{"name": "F3", "items": [{"text": "i4"}]}]},
    ],
}


@pytest.fixture
def surveyed(world):
    instrument = instruments.load_survey_instrument(SMALL_INSTRUMENT)
    items = {
        item.text: item.pk
        for category in instrument.categories.all()
        for factor in category.factors.all()
        for item in factor.items.all()
    }
    summit = Summit.objects.create(
        region=world.home, held_on=datetime.date(2026, 3, 5), place="Hall"
    )
    link = learning_services.survey_link_open(
        actor=world.users["coordinator"], summit=summit, instrument=instrument
    )
    sheets = [
        {"i1": 5, "i2": 2, "i3": 3},  # i4 left unanswered
        {"i1": 4, "i3": 2, "i4": 5},  # i2 left unanswered
        {"i1": 3, "i2": 1, "i4": 4},  # i3 left unanswered
    ]
    for number, sheet in enumerate(sheets):
        learning_services.survey_response_submit(
            link=link,
            answers={items[text]: value for text, value in sheet.items()},
            form_key=f"key-{number}",
        )
    return summit, link, items


def test_factor_and_category_scores_match_the_hand_computed_ones(surveyed):
    summit, _, _ = surveyed
    scores = collaboration_scores(summit)
    assert scores["responses"] == 3
    category_a, category_b = scores["categories"]
    f1, f2 = category_a["factors"]
    # F1: 5, (6-2)=4, 4, 3, (6-1)=5 → 21/5 = 4.2; missing answers are left out, not zeros.
    assert (f1["score"], f1["n"], f1["band"]) == (4.2, 3, "strength")
    # F2: 3, 2 → 2.5
    assert (f2["score"], f2["n"], f2["band"]) == (2.5, 2, "concern")
    # Category A: the mean of its factors, (4.2 + 2.5) / 2 = 3.35 → 3.4, borderline.
    assert (category_a["score"], category_a["n"], category_a["band"]) == (3.4, 3, "borderline")
    assert (category_b["score"], category_b["n"], category_b["band"]) == (4.5, 2, "strength")
    assert category_b["factors"][0]["score"] == 4.5


def test_two_summits_compare_factor_by_factor(surveyed, world):
    summit, link, items = surveyed
    later = Summit.objects.create(
        region=world.home, held_on=datetime.date(2026, 9, 1), place="Hall"
    )
    later_link = learning_services.survey_link_open(
        actor=world.users["coordinator"], summit=later, instrument=link.instrument
    )
    learning_services.survey_response_submit(
        link=later_link,
        answers={items["i1"]: 5, items["i2"]: 1, items["i3"]: 4, items["i4"]: 5},
        form_key="k",
    )
    rows = {
        row["factor"]: row
        for row in compare(collaboration_scores(summit), collaboration_scores(later))
    }
    assert rows["F1"] == {"factor": "F1", "before": 4.2, "after": 5.0, "change": 0.8}
    assert rows["F2"]["change"] == 1.5


def test_a_response_keeps_nothing_about_who_answered(surveyed):
    fields = {field.name for field in SurveyResponse._meta.get_fields()}
    assert fields == {"id", "link", "submitted_on", "form_key", "answers"}


def test_the_same_form_counts_once_and_a_closed_survey_takes_nothing(surveyed, world):
    _, link, items = surveyed
    with pytest.raises(Conflict):
        learning_services.survey_response_submit(
            link=link, answers={items["i1"]: 4}, form_key="key-0"
        )
    with pytest.raises(ValidationError):
        learning_services.survey_response_submit(
            link=link, answers={items["i1"]: 6}, form_key="new"
        )
    learning_services.survey_link_close(actor=world.users["coordinator"], link=link)
    with pytest.raises(Conflict):
        learning_services.survey_response_submit(
            link=link, answers={items["i1"]: 4}, form_key="newer"
        )
    assert SurveyResponse.objects.count() == 3


def test_the_demo_instrument_loads_with_its_credit(world):
    from django.core.management import call_command

    call_command("load_instrument", "survey", "coordination/data/collaboration_survey_demo.yaml")
    from coordination.models import SurveyFactor, SurveyInstrument

    instrument = SurveyInstrument.objects.get()
    assert "Wilder" in instrument.source
    assert SurveyFactor.objects.filter(category__instrument=instrument).count() == 22
    assert instrument.categories.count() == 6


# --- training outcomes ----------------------------------------------------------------------------
PRE = [40, 60, 60, 80, 40, 60]
POST = [80, 80, 60, 100, 60, 100]


def test_paired_statistics_match_an_independent_computation():
    result = paired_outcome(PRE, POST)
    gains = [b - a for a, b in zip(PRE, POST, strict=True)]
    mean, spread, n = statistics.fmean(gains), statistics.stdev(gains), len(gains)
    t = mean / (spread / math.sqrt(n))  # the paired t statistic, by its formula
    assert result["mean_gain"] == round(mean, 1) == 23.3
    assert result["t"] == pytest.approx(t, abs=0.001)
    assert result["t"] == pytest.approx(3.796, abs=0.001)
    # t(0.975, 5) = 2.5706 from the printed table
    margin = 2.5706 * spread / math.sqrt(n)
    assert result["gain_ci95"] == [
        pytest.approx(mean - margin, abs=0.1),
        pytest.approx(mean + margin, abs=0.1),
    ]
    assert result["effect_size_d"] == round(mean / spread, 2) == 1.55
    assert (
        0.01 < result["p_value"] < 0.02
    )  # two-sided, df = 5 (table: t = 3.365 at 0.02, 4.032 at 0.01)
    assert (result["mean_pre"], result["mean_post"]) == (56.7, 80.0)


def test_too_few_participants_get_no_p_value():
    result = paired_outcome(PRE[:3], POST[:3])
    assert result["p_value"] is None
    assert "too few for a significance test" in result["note"]
    assert result["mean_gain"] == 20.0


@pytest.fixture
def module(world):
    return learning_services.training_module_create(
        actor=world.users["state_admin"],
        title="Five questions",
        questions=[
            {"text": f"Q{n}", "choices": [{"text": "right", "correct": True}, {"text": "wrong"}]}
            for n in range(5)
        ],
    )


def answer(module, right: int) -> dict:
    answers = {}
    for number, question in enumerate(module.questions.all()):
        choices = list(question.choices.all())
        pick = next(c for c in choices if c.is_correct == (number < right))
        answers[question.pk] = pick.pk
    return answers


def _both_tests_taken(module):
    for number, (before, after) in enumerate(zip(PRE, POST, strict=True)):
        code = f"P-{number:03d}"
        discipline = "health_care" if number < 3 else "law_enforcement"
        for kind, percent in (("pre", before), ("post", after)):
            learning_services.training_attempt_submit(
                module=module,
                participant_code=code,
                kind=kind,
                discipline=discipline,
                answers=answer(module, percent // 20),
            )


def test_module_outcomes_from_scored_attempts(module):
    _both_tests_taken(module)
    learning_services.training_attempt_submit(
        module=module, participant_code="ONLY-1", kind="pre", discipline="education", answers={}
    )
    outcomes = training_outcomes(module)
    assert (outcomes["participants"], outcomes["completed"], outcomes["completion_rate"]) == (
        7,
        6,
        85.7,
    )
    assert outcomes["t"] == pytest.approx(3.796, abs=0.001)
    health = next(row for row in outcomes["by_discipline"] if row["discipline"] == "health_care")
    assert health["completed"] == 3
    assert health["p_value"] is None  # three pairs: too few


@pytest.mark.parametrize("code", ["Jane Doe", "504-555-0199", "jane@example.org", "ABC"])
def test_a_participant_code_is_never_an_identity(module, code):
    with pytest.raises(ValidationError) as refused:
        learning_services.training_attempt_submit(
            module=module, participant_code=code, kind="pre", discipline="health_care", answers={}
        )
    assert "participant_code" in refused.value.message_dict


def test_a_code_takes_each_test_once(module):
    learning_services.training_attempt_submit(
        module=module, participant_code="BLUE-1", kind="pre", discipline="legal", answers={}
    )
    with pytest.raises(Conflict):
        learning_services.training_attempt_submit(
            module=module, participant_code="blue-1", kind="pre", discipline="legal", answers={}
        )


@pytest.mark.parametrize(
    ("persona", "shown"), [("coordinator", True), ("state_admin", True), ("mdt_member", False)]
)
def test_the_dashboard_lists_training_outcomes_to_read(client, world, module, persona, shown):
    """Issue 21: those who read training outcomes find each taken training on their
    dashboard, its outcome in words, one click from its page."""
    _both_tests_taken(module)
    client.force_login(world.users[persona])
    html = client.get("/").content.decode()
    assert ("Training outcomes to read" in html) is shown
    assert (f'href="/trainings/{module.pk}/"' in html) is shown
    if shown:
        assert "6 took both tests. A clear gain: 95% sure the true gain is between" in html
