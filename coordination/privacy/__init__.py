"""The privacy guard: Lantern never stores personal information about the people served.

Federal law (34 U.S.C. 12291(b)(2), formerly 42 U.S.C. 13925) bars victim-service
providers from disclosing personally identifying information, even hashed or encoded.
Structured input keeps it out by construction (no name, birth date, address, phone,
e-mail or SSN field exists; unknown fields are rejected by the API's strict serializers;
codes are checked as codes, `codes.code_problem`). Free text is the remaining door: every
service that stores free text passes it through `guard_text`, which refuses the whole
write, naming the field, the kind of data found and where it is, never echoing the value.

The scan is linear in the text and the text itself is bounded (`MAX_TEXT_LENGTH`, beside
each field's own limit), so no input can hold a worker for long: `contact` (e-mail, phone,
handles, URLs, IP addresses), `identifiers` (SSN and labelled ID numbers), `places`
(addresses, intersections), `lodgings` (motels, rooms), `dates` (birth dates) are RE2
patterns on bounded windows; `names` reads tokens with word lists (`lexicons`) and spaCy's
small English model, and drops what `not_people` knows is a place, organisation, law or storm.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from . import contact, dates, identifiers, lodgings, names, places
from .codes import code_problem
from .languages import language_of
from .lexicons import lexicons
from .normalize import fold
from .not_people import not_people, us_towns

__all__ = [
    "BIRTH_DATE",
    "CREDIT",
    "EMAIL",
    "HANDLE",
    "HELP",
    "ID_NUMBER",
    "IP_ADDRESS",
    "MAX_TEXT_LENGTH",
    "NAME",
    "PHONE",
    "SSN",
    "STREET_ADDRESS",
    "URL",
    "Finding",
    "PersonalInformationError",
    "browser_spans",
    "code_problem",
    "find_pii",
    "guard_text",
    "name_finder",
    "scan",
    "warm_up",
]

# What each kind is called in a message (and in `find_pii`'s answer), in the order a
# message lists them.
NAME = "a person's name"
STREET_ADDRESS = (
    "an address or a place where someone can be found (a street address, an intersection, "
    "a motel room)"
)
EMAIL = "an e-mail address"
PHONE = "a phone number"
HANDLE = "a social-media or payment handle"
URL = "a web address (URL)"
IP_ADDRESS = "an IP address"
SSN = "a Social Security number"
ID_NUMBER = (
    "an identifying number (a driver's licence, passport, student, Medicaid or alien "
    "number, a plate, a VIN, a court or police case number)"
)
BIRTH_DATE = (
    "a date that may be a date of birth (a date next to a word like “born” or "
    "“birthday”, or a full date more than six years back; give the month and year of "
    "the event instead)"
)

# The code of each kind, as the API reports it.
KIND_CODES = {
    NAME: "name",
    STREET_ADDRESS: "address",
    EMAIL: "email",
    PHONE: "phone",
    HANDLE: "handle",
    URL: "url",
    IP_ADDRESS: "ip_address",
    SSN: "ssn",
    ID_NUMBER: "id_number",
    BIRTH_DATE: "birth_date",
}
# No free text Lantern keeps is longer (the longest field, meeting minutes, holds this
# much); anything longer is refused unread.
MAX_TEXT_LENGTH = 10_000
# What a published credit may hold: its authors' names, "Mattessich & Johnson".
CREDIT = frozenset((NAME, STREET_ADDRESS))
# How to write about people instead, in every refusal of a name.
ROLE_WORDS = "“the youth”, “her mother”, “the detective”, “the case manager”"
# What every free-text box says above it: the promise the guard keeps.
HELP = (
    "Refer to people by their role (“the youth”, “her mother”, “the detective”). Never a "
    "name — professionals' included —, an address or a place where someone can be found, "
    "a phone number, e-mail or social-media handle, an ID or case number, or a date of "
    "birth. Lantern refuses them where it finds them, and it cannot find every one: read "
    "your text before you save."
)


@dataclass(frozen=True)
class Finding:
    """One piece of personal information: its kind and where it is in the text as typed
    (`start` inclusive, `end` exclusive, in characters)."""

    kind: str
    start: int
    end: int

    @property
    def code(self) -> str:
        return KIND_CODES[self.kind]


_finder_lock = threading.Lock()


def name_finder() -> names.NameFinder:
    """The name finder of this process: the model and the word lists are loaded once, on
    first use (or at start-up, `warm_up`)."""
    finder = getattr(name_finder, "_loaded", None)
    if finder is None:
        with _finder_lock:
            finder = getattr(name_finder, "_loaded", None)
            if finder is None:
                finder = names.NameFinder(lexicons(), names.load_model())
                name_finder._loaded = finder  # type: ignore[attr-defined]
    return finder


def warm_up() -> None:
    """Load the model and the word lists now (a web process at start-up), so that no
    person's first note waits for them."""
    # Not the stored agencies: importing config.asgi must not touch the database (a test
    # process imports it before its test database exists).
    finder = name_finder()
    finder.find("Warm up with Jane Doe.", not_people(stored=False))
    # and a note typed on a phone in Vietnamese without marks (its word sets, `names`)
    finder.find("da text cho chi Lan, chua reply.", not_people(stored=False))
    for language in ("es", "vi"):  # Spanish and Vietnamese word lists (`languages`)
        finder.rules_in(language)
    us_towns()  # every U.S. town, read against a list of places (about 1.5 s to build)


def _spans(
    plain: str, today: datetime.date, names_too: bool, language: str | None = None
) -> list[tuple[str, int, int]]:
    emails = list(contact.emails(plain))
    found: list[tuple[str, int, int]] = [(EMAIL, *span) for span in emails]
    words = places.words(plain)
    language = language or language_of([word.strip(".,;:()!?\"'") for _, _, word in words])
    if names_too:
        found += [
            (NAME, *span) for span in name_finder().find(plain, not_people(), language=language)
        ]
    found += [(STREET_ADDRESS, *span) for span in places.addresses(plain)]
    found += [
        (STREET_ADDRESS, *span)
        for span in places.addresses_without_suffix(plain, words, lexicons().is_word)
    ]
    found += [(STREET_ADDRESS, *span) for span in places.intersections(plain)]
    found += [(STREET_ADDRESS, *span) for span in places.coordinates(plain)]
    found += [(STREET_ADDRESS, *span) for span in lodgings.lodgings(plain)]
    found += [(PHONE, *span) for span in contact.phones(plain, today)]
    found += [(PHONE, *span) for span in contact.split_phones(plain)]
    found += [(PHONE, *span) for span in contact.labelled_phones(plain)]
    for span, digits in contact.spelled_numbers(plain, language):
        found.append((SSN if digits == 9 else PHONE, *span))
    found += [(HANDLE, *span) for span in contact.handles(plain, lexicons().is_word)]
    found += [(URL, *span) for span in contact.urls(plain, emails)]
    found += [(IP_ADDRESS, *span) for span in contact.ip_addresses(plain)]
    found += [(SSN, *span) for span in identifiers.ssns(plain)]
    for span, kind in [*identifiers.labelled_numbers(plain), *identifiers.shaped_numbers(plain)]:
        found.append((SSN if kind == "ssn" else ID_NUMBER, *span))
    found += [(BIRTH_DATE, *span) for span in dates.birth_dates(plain, today)]
    found += [(BIRTH_DATE, *span) for span in dates.partial_birth_dates(plain)]
    found += [(BIRTH_DATE, *span) for span in dates.birth_years(plain)]
    return found


_ORDER = {kind: position for position, kind in enumerate(KIND_CODES)}


def scan(
    text: str,
    *,
    today: datetime.date | None = None,
    names_too: bool = True,
    language: str | None = None,
) -> list[Finding]:
    """Every piece of personal information in `text`, by kind (in the order of
    KIND_CODES), then by position. (`names_too=False`: the patterns alone, the baseline
    `make bench` measures the whole guard against. `language`: "en", "es" or "vi" when
    it is known, as for a translation; else the guard tells from the text.)"""
    if not text:
        return []
    folded = fold(text[:MAX_TEXT_LENGTH])
    found = _spans(folded.text, today or timezone.localdate(), names_too, language)
    unique = sorted(set(found), key=lambda item: (_ORDER[item[0]], item[1], item[2]))
    return [Finding(kind, *folded.span(start, end)) for kind, start, end in unique]


def browser_spans(text: str, found: list[Finding]) -> str:
    """The findings' spans as a browser's text box counts them ("12-26,40-45"): in UTF-16
    code units, a form's "\r\n" counted as one character, for `setSelectionRange`."""

    def offset(position: int) -> int:
        return len(text[:position].replace("\r\n", "\n").encode("utf-16-le")) // 2

    return ",".join(f"{offset(f.start)}-{offset(f.end)}" for f in found)


def find_pii(text: str, *, today: datetime.date | None = None) -> list[str]:
    """The kinds of personal information found in `text`, each once, in a fixed order."""
    return list(dict.fromkeys(finding.kind for finding in scan(text, today=today)))


class PersonalInformationError(ValidationError):
    """A refused write: `findings` holds, per field, what was found and where."""

    def __init__(self, messages: dict[str, list[str]], findings: dict[str, list[Finding]]):
        super().__init__(messages)
        self.findings = findings


def _listed(kinds: list[str]) -> str:
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]


def refusal(found: list[Finding]) -> str:
    """The message for a refused text: the kinds, where the first of each is (never what
    it says), and what to write instead."""
    kinds = list(dict.fromkeys(finding.kind for finding in found))
    where = ", ".join(
        f"characters {first.start + 1}–{first.end}"
        for first in (next(f for f in found if f.kind == kind) for kind in kinds)
    )
    advice = (
        f" Refer to people by their role ({ROLE_WORDS}): Lantern never stores a person's "
        "name, professionals' included."
        if NAME in kinds
        else ""
    )
    return (
        f"This text contains {_listed(kinds)} ({where}).{advice} Remove it: Lantern never "
        "stores personal information about the people served."
    )


def guard_text(
    fields: Mapping[str, str | None],
    *,
    allow: frozenset[str] = frozenset(),
    language: str | None = None,
) -> None:
    """Refuse the write if any of `fields` ({name: text}) holds personal information, or
    is longer than any free text Lantern keeps. `allow`: kinds a field may hold (an
    instrument's credit names its published authors, and "&" between them).

    Raises PersonalInformationError (a ValidationError: {name: [message]}) naming each
    field, the kinds found and where; the message never repeats the text.
    """
    messages: dict[str, list[str]] = {}
    findings: dict[str, list[Finding]] = {}
    for name, text in fields.items():
        text = text or ""
        if len(text) > MAX_TEXT_LENGTH:
            messages[name] = [f"Keep this text under {MAX_TEXT_LENGTH:,} characters."]
            continue
        found = [f for f in scan(text, language=language) if f.kind not in allow]
        if found:
            findings[name] = found
            messages[name] = [refusal(found)]
    if messages:
        raise PersonalInformationError(messages, findings)
