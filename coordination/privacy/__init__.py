"""The privacy guard: Lantern never stores personal information about the people served.

Federal law (34 U.S.C. 12291(b)(2), formerly 42 U.S.C. 13925) bars victim-service
providers from disclosing personally identifying information, even hashed or encoded.
Structured input keeps it out by construction (no name, birth date, address, phone,
e-mail or SSN field exists; unknown fields are rejected by the API's strict serializers;
codes are checked as codes, `codes.code_problem`). Free text is the remaining door: every
service that stores free text passes it through `guard_text`, which refuses the whole
write, naming the field, the kind of data found and where it is, never echoing the value.

The scan is linear in the text (`detectors`: RE2 patterns, bounded windows) and the text
itself is bounded (`MAX_TEXT_LENGTH`, beside each field's own limit), so no input can
hold a worker for long.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from . import detectors
from .codes import code_problem
from .normalize import fold

__all__ = [
    "BIRTH_DATE",
    "EMAIL",
    "IP_ADDRESS",
    "MAX_TEXT_LENGTH",
    "PHONE",
    "SSN",
    "STREET_ADDRESS",
    "URL",
    "Finding",
    "PersonalInformationError",
    "code_problem",
    "find_pii",
    "guard_text",
    "scan",
]

# What each kind is called in a message (and in `find_pii`'s answer).
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

# The code of each kind, as the API reports it.
KIND_CODES = {
    EMAIL: "email",
    PHONE: "phone",
    SSN: "ssn",
    BIRTH_DATE: "birth_date",
    STREET_ADDRESS: "address",
    URL: "url",
    IP_ADDRESS: "ip_address",
}
# No free text Lantern keeps is longer (the longest field, meeting minutes, holds this
# much); anything longer is refused unread.
MAX_TEXT_LENGTH = 10_000


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


def scan(text: str, *, today: datetime.date | None = None) -> list[Finding]:
    """Every piece of personal information in `text`, in the order of the kinds above,
    then by position."""
    if not text:
        return []
    folded = fold(text[:MAX_TEXT_LENGTH])
    plain = folded.text
    today = today or timezone.localdate()
    emails = list(detectors.emails(plain))
    spans = [
        (EMAIL, emails),
        (SSN, detectors.ssns(plain)),
        (PHONE, detectors.phones(plain, today)),
        (BIRTH_DATE, detectors.birth_dates(plain, today)),
        (STREET_ADDRESS, detectors.addresses(plain)),
        (URL, detectors.urls(plain, emails)),
        (IP_ADDRESS, detectors.ip_addresses(plain)),
    ]
    return [
        Finding(kind, *folded.span(start, end))
        for kind, found in spans
        for start, end in sorted(set(found))
    ]


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


def guard_text(fields: Mapping[str, str | None]) -> None:
    """Refuse the write if any of `fields` ({name: text}) holds personal information, or
    is longer than any free text Lantern keeps.

    Raises PersonalInformationError (a ValidationError: {name: [message]}) naming each
    field and the kinds found; the message never repeats the text.
    """
    messages: dict[str, list[str]] = {}
    findings: dict[str, list[Finding]] = {}
    for name, text in fields.items():
        text = text or ""
        if len(text) > MAX_TEXT_LENGTH:
            messages[name] = [f"Keep this text under {MAX_TEXT_LENGTH:,} characters."]
            continue
        found = scan(text)
        if found:
            findings[name] = found
            kinds = list(dict.fromkeys(finding.kind for finding in found))
            messages[name] = [
                f"This text contains {_listed(kinds)}. Remove it: Lantern never stores "
                "personal information about the people served."
            ]
    if messages:
        raise PersonalInformationError(messages, findings)
