"""The privacy guard: Lantern never stores personal information about the people served.

Federal law (34 U.S.C. 12291(b)(2), formerly 42 U.S.C. 13925) bars victim-service
providers from disclosing personally identifying information, even hashed or encoded.
Structured input keeps it out by construction (no name, birth date, address, phone,
e-mail or SSN field exists; unknown fields are rejected by the API's strict serializers).
Free text is the remaining door: every service that stores free text passes it through
`guard_text`, which refuses the whole write, naming the field and the kind of data found,
never echoing the value.

Phone numbers are found with Google's libphonenumber (`phonenumbers`); the other patterns
have no well-kept detector for free text, so they are written here, each as narrow as
the notes of professionals allow (see tests/coordination/test_privacy.py and the false-
positive corpus in tests/coordination/pii_free_notes.txt).
"""

from __future__ import annotations

import datetime
import ipaddress
import re
import unicodedata
from collections.abc import Mapping

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone

EMAIL = "an e-mail address"
PHONE = "a phone number"
SSN = "a Social Security number"
BIRTH_DATE = (
    "a full date that may be a date of birth (a date next to a word like “born”, or more "
    "than 18 months back; give the month and year instead)"
)
STREET_ADDRESS = "a street address"
URL = "a web address (URL)"
IP_ADDRESS = "an IP address"

_TLDS = r"(?:com|org|net|edu|gov|us|info|io|co|biz|me|ly|app|xyz)"
_EMAIL = re.compile(
    r"[\w.%+-]+\s*(?:@|\(at\)|\[at\]|\{at\})\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+"
    rf"|[\w.%+-]+\s+at\s+[\w-]+\s+dot\s+{_TLDS}\b",
    re.IGNORECASE,
)
_SSN = re.compile(r"(?<![\w-])\d{3}([-.\s]?)\d{2}\1\d{4}(?![\w-])")
_URL = re.compile(
    rf"\b(?:https?://|ftp://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.{_TLDS}(?:/\S*)?\b", re.IGNORECASE
)
_IPV4 = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:]*(?![\w:])")

_SUFFIXES = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|highway|hwy|"
    r"parkway|pkwy|place|pl|way|terrace|ter|circle|cir|trail|trl|square|sq|alley|aly|"
    r"expressway|expy|freeway|fwy|loop|row|plaza|plz"
)
_ADDRESS = re.compile(
    # 1500 Poydras Street · 12 N. Main St · 4500 Old Spanish Trail: a house number, one to
    # four street words, a street suffix. The words are checked in `_has_address`.
    # Inside a look-ahead, so that matches may overlap: in "in 2 weeks. 1 Main Street"
    # the candidate at "2" fails the word check and the one at "1" must still be tried.
    rf"(?=\b\d{{1,6}}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?((?:[\w'.-]+\s+){{1,4}}?)(?:{_SUFFIXES})\b)",
    re.IGNORECASE,
)
_BOX_OR_APARTMENT = re.compile(
    r"\bp\.?\s*o\.?\s*box\s+\d+|\bapt\.?\s*#?\s*\d+[a-z]?\b|\bapartment\s+#\s*\d+",
    re.IGNORECASE,
)
# Words that make "3 blocks down the road" or "a 2 hour drive" ordinary speech, not a place.
_NOT_STREET_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "down",
        "up",
        "on",
        "in",
        "at",
        "across",
        "from",
        "by",
        "for",
        "and",
        "or",
        "with",
        "this",
        "that",
        "more",
        "other",
        "block",
        "blocks",
        "mile",
        "miles",
        "hour",
        "hours",
        "minute",
        "minutes",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "time",
        "times",
        "long",
        "short",
        "way",
        "ways",
        "out",
        "back",
    ]
)


def _has_address(text: str) -> bool:
    if _BOX_OR_APARTMENT.search(text):
        return True
    for match in _ADDRESS.finditer(text):
        words = [word.strip(".").lower() for word in match.group(1).split()]
        if words and not any(word in _NOT_STREET_WORDS for word in words):
            return True
    return False


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = [
    # 3/4/2010, 03-04-10, 3.4.2010 (month first, as in the US)
    (re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])"), "mdy"),
    # 2010-03-04, 2010/3/4
    (re.compile(r"(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?![\d/.-])"), "ymd"),
    # March 4, 2010 · Mar. 4th 2010
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "Mdy"),
    # 4 March 2010 · 4th of March, 2010
    (
        re.compile(
            rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b", re.I
        ),
        "dMy",
    ),
]
_BIRTH_WORDS = re.compile(r"\b(?:born|birth\w*|dob|d\.o\.b|b[- ]?day|bday)\b", re.IGNORECASE)
# A full date this long ago is taken for a birth date even without a birth word: case
# notes speak of recent events (intake, meetings), people's birth dates lie years back.
_RECENT = datetime.timedelta(days=548)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= timezone.localdate().year % 100 else 1900
    return year


def _dates(text: str):
    for pattern, order in _DATES:
        for match in pattern.finditer(text):
            groups = match.groups()
            try:
                if order == "mdy":
                    date = datetime.date(_year(groups[3]), int(groups[0]), int(groups[2]))
                elif order == "ymd":
                    date = datetime.date(int(groups[0]), int(groups[2]), int(groups[3]))
                elif order == "Mdy":
                    date = datetime.date(int(groups[2]), _MONTHS[groups[0].lower()], int(groups[1]))
                else:
                    date = datetime.date(int(groups[2]), _MONTHS[groups[1].lower()], int(groups[0]))
            except ValueError:
                continue  # not a calendar date
            yield match, date


def _has_birth_date(text: str, today: datetime.date) -> bool:
    for match, date in _dates(text):
        if date > today or date < today - datetime.timedelta(days=365 * 120):
            continue
        window = text[max(0, match.start() - 40) : match.end() + 20]
        if _BIRTH_WORDS.search(window) or date < today - _RECENT:
            return True
    return False


def _has_ip(text: str) -> bool:
    ipv6 = _IPV6.findall(text)
    # A sentence may end right after an address: try "…::1:" also as "…::1".
    candidates = _IPV4.findall(text) + ipv6 + [c[:-1] for c in ipv6 if c.endswith(":")]
    for candidate in candidates:
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            continue
        return True
    return False


def _has_phone(text: str) -> bool:
    # libphonenumber gives up on a candidate that runs into a date or another number
    # ("on 10/28/2026. 504-555-0100"): blank the dates out, then also try each clause.
    for match, _ in _dates(text):
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    for part in [text, *re.split(r"[.;,:]\s+|\n", text)]:
        matcher = phonenumbers.PhoneNumberMatcher(
            part, "US", leniency=phonenumbers.Leniency.POSSIBLE
        )
        if matcher.has_next():
            return True
    return False


def find_pii(text: str, *, today: datetime.date | None = None) -> list[str]:
    """The kinds of personal information found in `text`, in a fixed order."""
    if not text:
        return []
    # Fold look-alike characters (full-width digits, odd dashes and spaces) first.
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    today = today or timezone.localdate()
    found = []
    if _EMAIL.search(text):
        found.append(EMAIL)
    if _SSN.search(text):
        found.append(SSN)
    if _has_phone(text):
        found.append(PHONE)
    if _has_birth_date(text, today):
        found.append(BIRTH_DATE)
    if _has_address(text):
        found.append(STREET_ADDRESS)
    if _URL.search(_EMAIL.sub(" ", text)):
        found.append(URL)
    if _has_ip(text):
        found.append(IP_ADDRESS)
    return found


def guard_text(fields: Mapping[str, str | None]) -> None:
    """Refuse the write if any of `fields` ({name: text}) holds personal information.

    Raises ValidationError({name: [message]}) naming each field and the kinds found; the
    message never repeats the text.
    """
    errors = {}
    for name, text in fields.items():
        kinds = find_pii(text or "")
        if kinds:
            listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
            errors[name] = [
                f"This text contains {listed}. Remove it: Lantern never stores personal "
                "information about the people served."
            ]
    if errors:
        raise ValidationError(errors)
