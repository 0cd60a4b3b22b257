"""Structured codes (a provider's case code, a training participant's code) are checked as
codes, not as free text: a shape of their own, and nothing in them that is a name, a
phone number, a Social Security number or a date. "CC-2025-001" and "2024-118" are codes;
"MARIA-LOPEZ-7", "504-555-0100" and "2011-04-12" are not."""

from __future__ import annotations

import datetime

import phonenumbers
import re2
from django.utils.translation import gettext as _

from . import dates

_CODE = re2.compile(r"[A-Z0-9][A-Z0-9-]*")
_LETTERS = re2.compile(r"[A-Z]+")
# Abbreviations in codes are short ("CC", "NOLA", "HT"); a longer run of letters is a word,
# and may be a name.
LONGEST_LETTER_RUN = 4
_SSN_SHAPE = re2.compile(r"\d{3}-?\d{2}-?\d{4}")
_PHONE_SHAPE = re2.compile(r"\+?1?-?\(?\d{3}\)?-?\d{3}-?\d{4}")
_COMPACT_DATE = re2.compile(r"(\d{4})(\d{2})(\d{2})")
_DIGIT_RUN = re2.compile(r"[0-9-]+")
# A short letter group that is a common given name ("KIM-2024", "JOSE-7") reads as a name:
# refused unless it is also an English word ("CASE", "HOPE") or one of the state's place
# abbreviations that happen to be names.
NAME_BIRTHS = 5_000
PLACE_ABBREVIATIONS = frozenset({"NOLA", "ALEX"})


def code_problem(
    value: str,
    *,
    min_length: int = 3,
    max_length: int = 20,
    longest_letter_run: int = LONGEST_LETTER_RUN,
    refuse_names: bool = True,
) -> str | None:
    """None when `value` (upper-cased) is a de-identified code; otherwise why it is not,
    in words that never repeat it. `longest_letter_run` is how many letters may follow
    each other (a participant's made-up code may hold a word: "RIVER-2024");
    `refuse_names` refuses a letter group that is a common given name."""
    code = value.upper()
    if not (min_length <= len(code) <= max_length) or not _CODE.fullmatch(code):
        return _(
            "%(least)s to %(most)s letters, digits or dashes, starting with a letter or digit"
        ) % {"least": min_length, "most": max_length}
    if not any(character.isdigit() for character in code):
        return _("a code needs at least one digit (a de-identified code, never a name)")
    if any(len(run) > longest_letter_run for run in _LETTERS.findall(code)):
        return _(
            "letters only as short abbreviations (at most %(run)s in a row): a longer word "
            "may be a name"
        ) % {"run": longest_letter_run}
    if refuse_names and any(_is_a_name(run) for run in _LETTERS.findall(code)):
        return _("a group of letters in it reads as a person's name")
    # Letters around digits hide nothing: "A123-45-6789" holds an SSN, "D2011-04-12" a
    # date. Each run of digits and dashes is read on its own, and so is every stretch of
    # it that starts and ends at a dash or its ends ("2011-04-12-7" holds a date).
    for run in _DIGIT_RUN.findall(code):
        for stretch in _stretches(run.strip("-")):
            problem = _number_problem(stretch)
            if problem:
                return problem
    return None


def _stretches(run: str) -> list[str]:
    """`run` and each sub-run between dashes ("1-2-3": 1-2-3, 1-2, 2-3, 1, 2, 3), longest
    first; a run holds at most a few dashes, so this stays small."""
    parts = run.split("-")[:8]
    return [
        "-".join(parts[start:end])
        for length in range(len(parts), 0, -1)
        for start in range(len(parts) - length + 1)
        for end in [start + length]
    ]


def _number_problem(digits: str) -> str | None:
    if _SSN_SHAPE.fullmatch(digits):
        return _("this has the shape of a Social Security number")
    if _PHONE_SHAPE.fullmatch(digits) and _possible_phone(digits):
        return _("this has the shape of a phone number")
    if _is_date(digits):
        return _("this holds a full date, which may be a date of birth")
    return None


def _is_a_name(letters: str) -> bool:
    if len(letters) < 3 or letters in PLACE_ABBREVIATIONS:
        return False  # initials are how providers abbreviate their programmes
    from .lexicons import lexicons  # loaded once per process, only when a code has letters

    words = lexicons()
    word = letters.lower()
    return words.births.get(word, 0) >= NAME_BIRTHS and not words.is_word(word)


def _possible_phone(code: str) -> bool:
    try:
        number = phonenumbers.parse(code, "US")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def _is_date(code: str) -> bool:
    today = datetime.date.today()
    if any(span == (0, len(code)) for span, _ in dates.dates(code, today)):
        return True
    compact = _COMPACT_DATE.fullmatch(code)
    if compact:
        try:
            date = datetime.date(*(int(part) for part in compact.groups()))
        except ValueError:
            return False
        return today.year - 120 <= date.year <= today.year
    return False
