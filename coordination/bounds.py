"""Bounds on what people type: how long free text may be, and which dates are plausible.

Every text field has a length limit in the model, which the API's serializers and the
pages' forms inherit, so no input is unbounded (the privacy guard has its own ceiling
behind these). Dates are kept to Lantern's era: a referral received in the year 1 or a
summit in 9999 is a typing slip or a probe, never a record.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible

# How long each kind of free text may be, in characters.
SHORT_TEXT = 500  # a note, a reason, a summary
LONG_TEXT = 2_000  # a need statement, a finding, a description
MINUTES = 10_000  # a meeting's minutes: the longest text Lantern keeps


def bounded_text(max_length: int, **options) -> models.TextField:
    """A TextField whose limit forms and serializers show and model validation enforces
    (Django leaves a TextField's max_length to forms alone)."""
    return models.TextField(
        max_length=max_length, validators=[MaxLengthValidator(max_length)], **options
    )


EARLIEST = datetime.date(1990, 1, 1)
YEARS_AHEAD = 10


@deconstructible
class PlausibleDate:
    """A date (or a date and time) between 1990 and ten years from today."""

    message = "Give a date between 1990 and {latest}."

    def __call__(self, value) -> None:
        day = value.date() if isinstance(value, datetime.datetime) else value
        today = timezone.localdate()
        latest = today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))
        if not EARLIEST <= day <= latest:
            raise ValidationError(self.message.format(latest=latest.year), code="implausible_date")

    def __eq__(self, other) -> bool:
        return isinstance(other, PlausibleDate)

    def __hash__(self) -> int:
        return hash(PlausibleDate)


plausible_date = PlausibleDate()
