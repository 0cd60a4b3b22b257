"""Refusals that never repeat what the client sent.

Django, DRF and django-filter word many refusals with the refused value itself: `"x" is
not a valid choice`, `Invalid pk "7" - object does not exist`, `“x” value must be an
integer`. What a client sends can be anything, a name or a phone number included, and an
answer that repeats it hands it back to logs, proxies and screens. `install()` rewords
those defaults once, at start-up, before any form or serializer is built, so that every
field of every app, new ones included, inherits the wording. The messages say what is
accepted instead: choices are the server's own codes, so an API refusal lists them.

`tests/test_no_echo.py` sends a marker in every field of every operation and form, and
checks that no class still words a message with the value.
"""

from __future__ import annotations

import re

from django import forms
from django.core import validators
from django.db import models
from django.db.models.fields import related
from rest_framework import fields as api_fields
from rest_framework import relations
from rest_framework.exceptions import ErrorDetail, ValidationError

# Placeholders that carry the client's own value (the rest name the server's limits,
# formats, types or field names).
ECHOING = re.compile(r"%\((?:value|pk|extension)\)|\{(?:input|pk_value|value)\}")

ONE_OF = "Not one of the allowed choices: {choices}."
MANY_CHOICES = "Not one of the allowed choices (the API schema lists them)."
LISTED_AT_MOST = 30
NO_SUCH_ID = "No such object, or not one you may name here."
FORM_CHOICE = "Select a valid choice. That choice is not one of the available choices."
FORM_CHOICES = "Select valid choices. One of them is not one of the available choices."
FALLBACK = "This value is not valid here."

API_FIELDS = {
    api_fields.ChoiceField: {"invalid_choice": ONE_OF},
    api_fields.MultipleChoiceField: {"invalid_choice": ONE_OF},
    api_fields.FilePathField: {"invalid_choice": "Not one of the allowed paths."},
    relations.PrimaryKeyRelatedField: {"does_not_exist": NO_SUCH_ID},
    relations.SlugRelatedField: {
        "does_not_exist": "No such object with this {slug_name}, or not one you may name here."
    },
}
FORM_FIELDS = {
    forms.ChoiceField: {"invalid_choice": FORM_CHOICE},
    forms.MultipleChoiceField: {"invalid_choice": FORM_CHOICES},
    forms.ModelMultipleChoiceField: {
        "invalid_choice": FORM_CHOICES,
        "invalid_pk_value": FORM_CHOICES,
    },
}
MODEL_FIELDS = {
    models.Field: {"invalid_choice": "Not one of the allowed choices."},
    models.BooleanField: {
        "invalid": "Must be true or false.",
        "invalid_nullable": "Must be true, false or empty.",
    },
    models.DateField: {
        "invalid": "Not a date: use YYYY-MM-DD.",
        "invalid_date": "Not a real date (YYYY-MM-DD).",
    },
    models.DateTimeField: {
        "invalid": "Not a date and time: use YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ].",
        "invalid_date": "Not a real date (YYYY-MM-DD).",
        "invalid_datetime": "Not a real date and time.",
    },
    models.TimeField: {
        "invalid": "Not a time: use HH:MM[:ss[.uuuuuu]].",
        "invalid_time": "Not a real time.",
    },
    models.DurationField: {"invalid": "Not a duration: use [DD] [[HH:]MM:]ss[.uuuuuu]."},
    models.DecimalField: {"invalid": "Must be a decimal number."},
    models.FloatField: {"invalid": "Must be a number."},
    models.IntegerField: {"invalid": "Must be a whole number."},
    models.UUIDField: {"invalid": "Not a valid UUID."},
    related.ForeignKey: {"invalid": "No such %(model)s."},
}


def _listed(choices) -> str | None:
    codes = [str(code) for code in choices]
    return ", ".join(codes) if len(codes) <= LISTED_AT_MOST else None


def _fail_naming_choices(self, key, **kwargs):
    """`ChoiceField.fail`, with the field's own codes to list instead of the input."""
    if key == "invalid_choice":
        listed = _listed(self.choices)
        if listed is None:
            raise ValidationError(MANY_CHOICES, code=key)
        kwargs["choices"] = listed
    return api_fields.Field.fail(self, key, **kwargs)


def _flatten(detail) -> list[ErrorDetail]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [detail]


def _run_child_validation_without_keys(self, data):
    """`DictField`'s check of its values, with the refusals listed without the keys: a
    dictionary's keys are the client's (DRF keys each refusal by them)."""
    result, problems = {}, []
    for key, value in data.items():
        try:
            result[str(key)] = self.child.run_validation(value)
        except ValidationError as error:
            problems.extend(m for m in _flatten(error.detail) if m not in problems)
    if problems:
        raise ValidationError(problems)
    return result


def _subclasses(root: type) -> list[type]:
    found, stack = [], [root]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return found


def echoing_messages() -> list[str]:
    """Every default message of a loaded field class that still quotes the client's value
    (`install()` leaves none; a test holds it there)."""
    found = []
    for root in (api_fields.Field, forms.Field, models.Field):
        for cls in _subclasses(root):
            for key, message in vars(cls).get("default_error_messages", {}).items():
                if ECHOING.search(str(message)):
                    found.append(f"{cls.__module__}.{cls.__qualname__}: {key}")
    for cls in _subclasses(validators.RegexValidator) + [validators.FileExtensionValidator]:
        if ECHOING.search(str(getattr(cls, "message", ""))):
            found.append(f"{cls.__module__}.{cls.__qualname__}: message")
    return found


def install() -> None:
    """Reword the echoing defaults (idempotent). Called from the app configs' `ready()`,
    before the admin builds its forms."""
    for table in (API_FIELDS, FORM_FIELDS, MODEL_FIELDS):
        for cls, messages in table.items():
            cls.default_error_messages.update(messages)
    validators.FileExtensionValidator.message = (
        "This kind of file is not allowed. Allowed extensions are: %(allowed_extensions)s."
    )
    api_fields.ChoiceField.fail = _fail_naming_choices
    api_fields.DictField.run_child_validation = _run_child_validation_without_keys
    # Field classes of any other package loaded by now (django-filter's, django-fsm's…):
    # whatever still quotes the value gets a plain refusal.
    for root in (api_fields.Field, forms.Field, models.Field):
        for cls in _subclasses(root):
            own = vars(cls).get("default_error_messages", {})
            for key, message in own.items():
                if ECHOING.search(str(message)):
                    own[key] = FALLBACK
