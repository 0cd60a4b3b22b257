"""Issue 15, finding 9: the texts of training modules, collaboration surveys and screening
instruments go through the privacy guard like every other free text. A training's
title, description, questions and choices are shown to anyone with its anonymous
`/t/<token>/` link; a survey's items at `/s/<token>/`; a screening instrument's
indicators to every screener. Refused text names where it was and the kind, never the
value, and nothing of the instrument is stored."""

import copy
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.test import Client

from coordination.models import SurveyInstrument, TrainingModule
from mdt.models import ScreeningInstrument

PHONE = "504-555-0142"
EMAIL = "jane.doe@example.com"
SSN = "123-45-6789"

DEMO_TRAINING = "coordination/data/training_module_demo.yaml"
DEMO_SURVEY = "coordination/data/collaboration_survey_demo.yaml"
DEMO_SCREENING = "mdt/data/screening_instrument_demo.yaml"


def module_body(**changes):
    body = {
        "title": "Labor trafficking signs",
        "description": "What professionals see first.",
        "questions": [
            {
                "text": "Who holds the worker's documents?",
                "choices": [{"text": "The employer", "correct": True}, {"text": "The worker"}],
            },
            {
                "text": "Which is a sign of control?",
                "choices": [{"text": "A curfew set by a boss", "correct": True}, {"text": "Pay"}],
            },
        ],
    }
    for path, value in changes.items():
        target = body
        *steps, last = path.split(".")
        for step in steps:
            target = target[int(step)] if step.isdigit() else target[step]
        target[int(last) if last.isdigit() else last] = value
    return body


@pytest.mark.parametrize(
    ("change", "where", "kind"),
    [
        ({"title": f"Call {PHONE} to book"}, "title", "a phone number"),
        ({"description": f"Questions to {EMAIL}"}, "description", "an e-mail address"),
        ({"questions.1.text": f"Whose SSN is {SSN}?"}, "question 2", "a Social Security"),
        (
            {"questions.0.choices.1.text": f"Write to {EMAIL}"},
            "question 1, choice 2",
            "an e-mail address",
        ),
    ],
)
def test_a_training_with_personal_information_is_refused_whole(api, world, change, where, kind):
    client = api("coordinator")
    response = client.post("/api/v1/trainings/", module_body(**change), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) - {"personal_information"} == {where}
    assert kind in errors[where][0]
    for value in (PHONE, EMAIL, SSN):
        assert value not in response.content.decode()
    assert not TrainingModule.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("coordinator", 201), ("reporter", 403)])
def test_a_clean_training_is_made_and_shown_at_its_anonymous_link(api, world, persona, status):
    response = api(persona).post("/api/v1/trainings/", module_body(), format="json")
    assert response.status_code == status
    if status == 201:
        page = Client().get(f"/t/{TrainingModule.objects.get().token}/").content.decode()
        assert "Labor trafficking signs" in page
        assert "A curfew set by a boss" in page


def write(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "instrument.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def demo(path: str) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def test_load_instrument_refuses_a_training_with_personal_information(db, tmp_path):
    data = demo(DEMO_TRAINING)
    data["questions"][2]["choices"][0]["text"] = f"Anything {EMAIL} asks for"
    with pytest.raises(CommandError) as refused:
        call_command("load_instrument", "training", write(tmp_path, data))
    assert "question 3, choice 1" in str(refused.value)
    assert "an e-mail address" in str(refused.value)
    assert EMAIL not in str(refused.value)
    assert not TrainingModule.objects.exists()


@pytest.mark.parametrize(
    ("path", "where"),
    [
        (("name",), "name"),
        (("source",), "source"),
        (("categories", 0, "name"), "category 1"),
        (("categories", 1, "factors", 0, "name"), "category 2, factor 1"),
        (("categories", 0, "factors", 2, "items", 1, "text"), "category 1, factor 3, item 2"),
    ],
)
def test_load_instrument_refuses_a_survey_with_personal_information(db, tmp_path, path, where):
    data = demo(DEMO_SURVEY)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = f"Ask the counselor at {PHONE}"
    with pytest.raises(CommandError) as refused:
        call_command("load_instrument", "survey", write(tmp_path, data))
    assert f"{where}: " in str(refused.value)
    assert "a phone number" in str(refused.value)
    assert PHONE not in str(refused.value)
    assert not SurveyInstrument.objects.exists()


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("sections", 0, "name"), f"Call {PHONE}", "section 1"),
        (("sections", 1, "indicators", 0, "text"), f"Is {SSN} theirs?", "section 2, indicator 1"),
        (("sections", 0, "indicators", 1, "code"), "5045550142", "section 1, indicator 2 code"),
        (("sections", 0, "indicators", 1, "code"), "not a code!", "section 1, indicator 2 code"),
    ],
)
def test_load_screening_instrument_refuses_personal_information(db, tmp_path, path, value, where):
    data = copy.deepcopy(demo(DEMO_SCREENING))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(CommandError) as refused:
        call_command("load_screening_instrument", write(tmp_path, data))
    assert f"{where}: " in str(refused.value)
    assert value not in str(refused.value)
    assert not ScreeningInstrument.objects.exists()


def test_the_demo_instruments_still_load(db):
    call_command("load_instrument", "training", DEMO_TRAINING)
    call_command("load_instrument", "survey", DEMO_SURVEY)
    call_command("load_screening_instrument", DEMO_SCREENING)
    assert TrainingModule.objects.count() == 1
    assert SurveyInstrument.objects.count() == 1
    assert ScreeningInstrument.objects.count() == 1
