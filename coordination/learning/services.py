"""Every write to summits, collaboration surveys, training and practices."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..people.access import access_for
from ..people.models import Discipline, Region
from ..plumbing.errors import Conflict
from ..plumbing.records import model_create, model_update, validate
from ..plumbing.translations import store_translation, translated_instrument, translates
from ..privacy import code_problem, guard_text
from .instruments import guarded_text, load_survey_instrument, load_training_module
from .models import (
    Practice,
    RegionPractice,
    Summit,
    SummitAttendance,
    SurveyAnswer,
    SurveyInstrument,
    SurveyItem,
    SurveyLink,
    SurveyResponse,
    SurveyTranslation,
    TestAttempt,
    TestKind,
    TrainingModule,
    TrainingTranslation,
)


# --- Summits -------------------------------------------------------------------------
def _require_coordinator(actor, region: Region) -> None:
    if not access_for(actor).coordinates(region.pk):
        raise PermissionDenied("Only the region's coordinator or a state admin may do this.")


def _validate_attendance(attendance: Mapping[str, int]) -> dict[str, int]:
    errors = []
    unknown = [discipline for discipline in attendance if discipline not in Discipline.values]
    if unknown:
        # The keys are the client's: counted, not repeated.
        errors.append(
            f"{len(unknown)} key(s) are not disciplines; use {', '.join(Discipline.values)}."
        )
    for discipline, count in attendance.items():
        if discipline in Discipline.values and (
            not isinstance(count, int) or isinstance(count, bool) or count < 0
        ):
            errors.append(f"{discipline}: give a whole number of people, 0 or more.")
    if errors:
        raise ValidationError({"attendance": errors})
    return {discipline: count for discipline, count in attendance.items() if count}


@transaction.atomic
def summit_create(
    *,
    actor,
    region: Region,
    held_on,
    place: str,
    organisers: str = "",
    attendance: Mapping[str, int] | None = None,
) -> Summit:
    """Record a summit of `region` with its attendance by discipline."""
    _require_coordinator(actor, region)
    guard_text({"place": place, "organisers": organisers})
    counts = _validate_attendance(attendance or {})
    summit = model_create(
        Summit,
        data={"region": region, "held_on": held_on, "place": place, "organisers": organisers},
    )
    SummitAttendance.objects.bulk_create(
        SummitAttendance(summit=summit, discipline=discipline, count=count)
        for discipline, count in counts.items()
    )
    return summit


@transaction.atomic
def summit_update(*, actor, summit: Summit, data: Mapping[str, Any]) -> Summit:
    """Change a summit; `attendance`, when given, replaces the counts."""
    _require_coordinator(actor, summit.region)
    if "region" in data:
        _require_coordinator(actor, data["region"])
    guard_text({name: data[name] for name in ("place", "organisers") if name in data})
    counts = _validate_attendance(data["attendance"]) if "attendance" in data else None
    model_update(instance=summit, fields=("region", "held_on", "place", "organisers"), data=data)
    if counts is not None:
        summit.attendance.all().delete()
        SummitAttendance.objects.bulk_create(
            SummitAttendance(summit=summit, discipline=discipline, count=count)
            for discipline, count in counts.items()
        )
    return summit


# --- collaboration surveys ----------------------------------------------------------------
def survey_link_open(*, actor, summit: Summit, instrument: SurveyInstrument) -> SurveyLink:
    """The summit's anonymous survey link (the open one, or a new one). The region's
    coordinator or a state admin."""
    _require_coordinator(actor, summit.region)
    existing = SurveyLink.objects.filter(summit=summit, instrument=instrument, is_open=True)
    return existing.first() or SurveyLink.objects.create(
        summit=summit, instrument=instrument, token=secrets.token_urlsafe(24), created_by=actor
    )


def survey_link_close(*, actor, link: SurveyLink) -> SurveyLink:
    _require_coordinator(actor, link.summit.region)
    link.is_open = False
    link.save(update_fields=["is_open"])
    return link


def form_key_digest(form_key: str) -> str:
    return hashlib.sha256(form_key.encode()).hexdigest()


@transaction.atomic
def survey_response_submit(*, link: SurveyLink, answers: Mapping[int, int | None], form_key: str):
    """One anonymous response: answers by item id, 1 to 5; items left out are missing,
    never zero. Nothing about the respondent is stored, and the day only. The same form
    sent twice (its one-time `form_key`) counts once."""
    if not link.is_open:
        raise Conflict(_("This survey is closed."))
    items = set(
        SurveyItem.objects.filter(factor__category__instrument=link.instrument_id).values_list(
            "pk", flat=True
        )
    )
    given = {item: value for item, value in answers.items() if value not in (None, "")}
    errors = []
    if set(given) - items:
        errors.append("Some answers are for items of another survey.")
    if any(not isinstance(value, int) or not 1 <= value <= 5 for value in given.values()):
        errors.append("Answers are on the scale from 1 (strongly disagree) to 5 (strongly agree).")
    if not given:
        errors.append("Answer at least one statement.")
    if errors:
        raise ValidationError({"answers": errors})
    digest = form_key_digest(form_key)
    if SurveyResponse.objects.filter(form_key=digest).exists():
        raise Conflict(_("This form was already sent: your answers are counted once."))
    response = SurveyResponse.objects.create(
        link=link, submitted_on=timezone.localdate(), form_key=digest
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, item_id=item, value=value) for item, value in given.items()
    )
    return response


# --- training -----------------------------------------------------------------------------
# A participant's made-up code may hold a whole word ("RIVER-2024"): it is chosen, not
# issued, and pairs the pre- and post-test only.
PARTICIPANT_CODE_WORD = 20


@transaction.atomic
def survey_instrument_load(*, actor, data: dict) -> SurveyInstrument:
    """A collaboration-survey instrument from its data (`load_instrument survey`): a state
    admin's, as every survey's items are shown at anonymous links."""
    if not access_for(actor).may_edit_reference_data:
        raise PermissionDenied("Survey instruments are loaded by state admins.")
    return load_survey_instrument(data)


@transaction.atomic
def training_module_load(*, actor, data: dict) -> TrainingModule:
    """A training module with its knowledge test from its data (`load_instrument
    training`, and the API's `training_module_create`)."""
    if not access_for(actor).coordinates_somewhere:
        raise PermissionDenied("Training modules are made by state admins and coordinators.")
    return load_training_module(data)


@transaction.atomic
def survey_translation_load(*, actor, data: dict) -> SurveyTranslation:
    """A survey instrument's texts in Spanish or Vietnamese (`load_instrument
    survey-translation`): a state admin's, like the instrument. The instrument is unchanged."""
    if not access_for(actor).may_edit_reference_data:
        raise PermissionDenied("Translations of survey instruments are loaded by state admins.")
    instrument = translated_instrument(SurveyInstrument.objects.all(), data)
    return store_translation(SurveyTranslation, "instrument", instrument, data, guard=guarded_text)


@transaction.atomic
def training_translation_load(*, actor, data: dict) -> TrainingTranslation:
    """A training module's texts in Spanish or Vietnamese (`load_instrument
    training-translation`). The module and its answer key are unchanged."""
    if not access_for(actor).coordinates_somewhere:
        raise PermissionDenied("Translations of training modules are loaded by coordinators.")
    title, _version = translates(data)
    module = TrainingModule.objects.filter(title=title).first()
    return store_translation(TrainingTranslation, "module", module, data, guard=guarded_text)


@transaction.atomic
def training_module_create(
    *, actor, title: str, description: str = "", questions
) -> TrainingModule:
    """A module with its knowledge test, by a state admin or a coordinator. Its title,
    description, questions and choices go through the privacy guard (in the loader, which
    `load_instrument training` shares): they are shown at the anonymous `/t/<token>/`."""
    return training_module_load(
        actor=actor,
        data={"title": title, "description": description, "questions": list(questions)},
    )


@transaction.atomic
def training_attempt_submit(
    *,
    module: TrainingModule,
    participant_code: str,
    kind: str,
    discipline: str,
    answers: Mapping[int, int],
) -> TestAttempt:
    """Score a pre- or post-test at once. No sign-in: the participant's own code (letters,
    digits and dashes, at least one digit; never a name or a contact) pairs the two tests.
    Unanswered questions count as wrong. One attempt per code and test."""
    if not module.is_open:
        raise Conflict(_("This training is closed."))
    code = (participant_code or "").strip().upper()
    errors = {}
    problem = code_problem(
        code, min_length=4, longest_letter_run=PARTICIPANT_CODE_WORD, refuse_names=False
    )
    if problem:
        errors["participant_code"] = [
            _(
                "Not a participant code: %(problem)s. Make one up, such as BLUE-4821 (never a "
                "name or a contact)."
            )
            % {"problem": problem}
        ]
    if kind not in TestKind.values:
        errors["kind"] = [_("Choose the pre-test or the post-test.")]
    if discipline not in Discipline.values:
        errors["discipline"] = [_("Choose your discipline.")]
    if errors:
        raise ValidationError(errors)
    questions = {question.pk: question for question in module.questions.prefetch_related("choices")}
    if set(answers) - set(questions):
        raise ValidationError({"answers": ["Some answers are for questions of another module."]})
    correct = 0
    for question_id, choice_id in answers.items():
        choices = {choice.pk: choice for choice in questions[question_id].choices.all()}
        if choice_id not in choices:
            raise ValidationError({"answers": ["An answer is not one of its question's choices."]})
        correct += choices[choice_id].is_correct
    if TestAttempt.objects.filter(module=module, participant_code=code, kind=kind).exists():
        raise Conflict(_("This participant code has already taken this test."))
    return TestAttempt.objects.create(
        module=module,
        participant_code=code,
        kind=kind,
        discipline=discipline,
        correct=correct,
        questions=len(questions),
        taken_on=timezone.localdate(),
    )


# --- practices ----------------------------------------------------------------------------
@transaction.atomic
def practices_set(*, actor, region: Region, in_use: Iterable[str], other: str = "") -> None:
    """Record which listed practices a region uses now (the rest: not in use), and add an
    "other" practice by name. The region's coordinator or a state admin."""
    _require_coordinator(actor, region)
    in_use = set(in_use)
    listed = [code for code in Practice.values if code != Practice.CUSTOM]
    if in_use - set(listed):
        raise ValidationError({"practices": ["Choose among the listed practices."]})
    guard_text({"other": other})
    for code in listed:
        row = RegionPractice.objects.filter(region=region, practice=code).first()
        if row is None and code not in in_use:
            continue
        row = row or RegionPractice(region=region, practice=code, since=timezone.localdate())
        if row.in_use != (code in in_use) or row.pk is None:
            row.in_use = code in in_use
            validate(row)
            row.save()
    other = other.strip()
    if (
        other
        and not RegionPractice.objects.filter(
            region=region, practice=Practice.CUSTOM, custom_name=other
        ).exists()
    ):
        row = RegionPractice(
            region=region, practice=Practice.CUSTOM, custom_name=other, since=timezone.localdate()
        )
        validate(row)
        row.save()
