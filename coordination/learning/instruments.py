"""Instruments defined as data: a collaboration survey or a training module's knowledge
test, read from a YAML (or JSON) file the user supplies, checked whole, stored in one
transaction. Nothing of an instrument's wording lives in the code.

Every text of an instrument goes through the privacy guard (`guarded_text`): a
training's texts are shown to anyone with its anonymous link, a survey's items likewise,
a screening instrument's to every screener. A refusal names where the text was
(`{"question 2, choice 1": [...]}`) and the kind, never the text."""

from __future__ import annotations

import secrets
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from ..privacy import CREDIT, guard_text
from .models import (
    SurveyCategory,
    SurveyFactor,
    SurveyInstrument,
    SurveyItem,
    TrainingChoice,
    TrainingModule,
    TrainingQuestion,
)


def read(path: str | Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ValidationError(f"Cannot read {path}: {error}") from error
    if not isinstance(data, dict):
        raise ValidationError(f"{path}: expected a mapping at the top.")
    return data


def text_field(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{where}: a non-empty text is needed.")
    return value.strip()


def guarded_text(
    value, where: str, *, required: bool = True, credit: bool = False, language: str | None = None
) -> str:
    """A text of an instrument (`required`: not empty), refused as {where: [...]} if it
    holds personal information. A `credit` cites the instrument's published authors: it
    may name them, and is checked for contact details, numbers and dates."""
    text = text_field(value, where) if required else str(value or "").strip()
    guard_text({where: text}, allow=CREDIT if credit else frozenset(), language=language)
    return text


def mapping_field(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise ValidationError(f"{where}: a mapping (name: value) is needed.")
    return value


def describe(error: ValidationError) -> str:
    """A refusal in one line, each message with where it was (for the load commands)."""
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{where}: {message}"
            for where, messages in error.message_dict.items()
            for message in messages
        )
    return "; ".join(error.messages)


def list_field(value, where: str) -> list:
    if not isinstance(value, list) or not value:
        raise ValidationError(f"{where}: a non-empty list is needed.")
    return value


def whole_number(value, where: str, minimum: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValidationError(f"{where}: a whole number from {minimum}.")
    return value


@transaction.atomic
def load_survey_instrument(data: dict) -> SurveyInstrument:
    """Store a survey instrument: name, version, source (its credit), and categories of
    factors of items; an item may be `reverse: true`. A name and version loaded before is
    refused (responses keep the version they answered)."""
    name = guarded_text(data.get("name"), "name")
    version = whole_number(data.get("version", 1), "version", 1)
    if SurveyInstrument.objects.filter(name=name, version=version).exists():
        raise ValidationError(f"{name} version {version} is already loaded; raise the version.")
    instrument = SurveyInstrument.objects.create(
        name=name, version=version, source=guarded_text(data.get("source"), "source", credit=True)
    )
    order = 0
    for c, category in enumerate(list_field(data.get("categories"), "categories"), start=1):
        where = f"category {c}"
        category = mapping_field(category, where)
        stored = SurveyCategory.objects.create(
            instrument=instrument, name=guarded_text(category.get("name"), where), order=c
        )
        for f, factor in enumerate(
            list_field(category.get("factors"), f"{where} factors"), start=1
        ):
            where_factor = f"{where}, factor {f}"
            factor = mapping_field(factor, where_factor)
            stored_factor = SurveyFactor.objects.create(
                category=stored, name=guarded_text(factor.get("name"), where_factor), order=f
            )
            for i, item in enumerate(list_field(factor.get("items"), f"{where_factor} items"), 1):
                order += 1
                item = mapping_field(item, f"{where_factor}, item {i}")
                reverse = item.get("reverse", False)
                if not isinstance(reverse, bool):
                    raise ValidationError(f"{where_factor}, item {i}: reverse is true or false.")
                SurveyItem.objects.create(
                    factor=stored_factor,
                    text=guarded_text(item.get("text"), f"{where_factor}, item {i}"),
                    reverse_scored=reverse,
                    order=order,
                )
    return instrument


@transaction.atomic
def load_training_module(data: dict) -> TrainingModule:
    """Store a training module and its knowledge test: questions, each with two or more
    choices of which exactly one is `correct: true`."""
    title = guarded_text(data.get("title"), "title")
    description = guarded_text(data.get("description"), "description", required=False)
    if TrainingModule.objects.filter(title=title).exists():
        raise ValidationError("A module with this title is already loaded.")
    module = TrainingModule.objects.create(
        title=title, description=description, token=secrets.token_urlsafe(16)
    )
    for q, question in enumerate(list_field(data.get("questions"), "questions"), start=1):
        where = f"question {q}"
        question = mapping_field(question, where)
        stored = TrainingQuestion.objects.create(
            module=module, text=guarded_text(question.get("text"), where), order=q
        )
        choices = [
            mapping_field(choice, f"{where}, choice {n}")
            for n, choice in enumerate(list_field(question.get("choices"), f"{where} choices"), 1)
        ]
        correct = [choice for choice in choices if choice.get("correct") is True]
        if len(choices) < 2 or len(correct) != 1:
            raise ValidationError(f"{where}: two or more choices, exactly one correct.")
        for n, choice in enumerate(choices, start=1):
            TrainingChoice.objects.create(
                question=stored,
                text=guarded_text(choice.get("text"), f"{where}, choice {n}"),
                is_correct=choice.get("correct") is True,
            )
    return module
