"""What the guard looks for in free text, each detector yielding the spans it finds.

Every pattern is compiled by RE2 (`google-re2`), which runs in time linear in the text by
construction: no backtracking, no look-around, no back-references. Where a rule needs
more than a pattern (a house number a few words before a street suffix, a date that is a
birth date), the pattern finds bounded candidates and plain code with a bounded window
decides, so a whole scan stays linear. Phone numbers are judged by Google's
libphonenumber (`phonenumbers`) on bounded windows that RE2 picked out.
"""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Iterator

import phonenumbers
import re2

Span = tuple[int, int]

_TLDS = r"(?:com|org|net|edu|gov|us|info|io|co|biz|me|ly|app|xyz)"

# --- e-mail, web and IP addresses -----------------------------------------------------
_EMAIL = re2.compile(
    r"(?i)[\w.%+-]+\s*(?:@|\(at\)|\[at\]|\{at\})\s*[\w-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[\w-]+)+"
    rf"|\b[\w.%+-]+\s+at\s+[\w-]+\s+dot\s+{_TLDS}\b"
)
_URL = re2.compile(
    rf"(?i)\b(?:https?://|ftp://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.{_TLDS}(?:/\S*)?\b"
)
# Runs of the characters an IP address is written with; ipaddress judges each run.
# Stretches of the characters IP addresses are written with, holding a "." or ":";
# ipaddress judges each.
_IP_RUN = re2.compile(r"[0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]*")
_IPV4_SHAPE = re2.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def emails(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        yield match.span()


def urls(text: str, emails_found: list[Span]) -> Iterator[Span]:
    for match in _URL.finditer(text):
        start, end = match.span()
        # The domain of an e-mail address is not a web address of its own.
        if not any(start < e_end and e_start < end for e_start, e_end in emails_found):
            yield start, end


def ip_addresses(text: str) -> Iterator[Span]:
    for match in _IP_RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        if len(run) > 48:
            continue
        for core, version in _ip_cores(run):
            if version == 6 and (_word_character(text, start - 1) or _word_character(text, end)):
                continue  # part of a longer word or code
            try:
                address = ipaddress.ip_address(core)
            except ValueError:
                continue
            if address.version == 6 and address.is_unspecified:
                continue  # "::" is nobody's address
            offset = start + run.find(core)
            yield offset, offset + len(core)
            break


def _ip_cores(run: str) -> Iterator[tuple[str, int]]:
    """What in a stretch could be an address. A sentence may end right after one:
    "…at 10.0.0.1." or "…::1:"."""
    v4 = run.strip(".:")
    if _IPV4_SHAPE.fullmatch(v4):
        yield v4, 4
    v6 = run.rstrip(".")
    if v6.count(":") >= 2:  # not a time of day ("10:30")
        yield v6, 6
        if v6.endswith(":"):
            yield v6[:-1], 6


def _word_character(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


# --- Social Security numbers ------------------------------------------------------------
_SSN = re2.compile(r"\b(?:\d{3}-\d{2}-\d{4}|\d{3}\.\d{2}\.\d{4}|\d{3}\s\d{2}\s\d{4}|\d{9})\b")


def ssns(text: str) -> Iterator[Span]:
    for match in _SSN.finditer(text):
        start, end = match.span()
        # "12-345-67-8901" or "123-45-6789-0" is some other code, not an SSN.
        if text[start - 1 : start] == "-" or text[end : end + 1] == "-":
            continue
        yield start, end


# --- dates, and the ones that are birth dates -------------------------------------------
_MONTH_NAMES = [
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
]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# Numeric dates with one separator used twice (3/4/2010, 2010-03-04, 3.4.10): RE2 has no
# back-references, so each separator is its own alternative.
_NUMERIC_DATE = re2.compile(
    r"\d{1,4}/\d{1,2}/\d{1,4}|\d{1,4}-\d{1,2}-\d{1,4}|\d{1,4}\.\d{1,2}\.\d{1,4}"
)
_NAMED_DATES = [
    # March 4, 2010 · Mar. 4th 2010
    (re2.compile(rf"(?i)\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), "Mdy"),
    # 4 March 2010 · 4th of March, 2010
    (
        re2.compile(
            rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b"
        ),
        "dMy",
    ),
]
_DATE_NEIGHBOURS = "0123456789/.-"


def _year(digits: str, today: datetime.date) -> int:
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year <= today.year % 100 else 1900
    return year


def _numeric_date(written: str, today: datetime.date) -> datetime.date | None:
    separator = next(character for character in written if character in "/.-")
    parts = written.split(separator)
    lengths = [len(part) for part in parts]
    try:
        if lengths[0] <= 2 and lengths[2] in (2, 4):  # month first, as in the US
            return datetime.date(_year(parts[2], today), int(parts[0]), int(parts[1]))
        if lengths[0] == 4 and lengths[2] <= 2:
            return datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:  # not a calendar date
        return None
    return None


def dates(text: str, today: datetime.date) -> Iterator[tuple[Span, datetime.date]]:
    """Every full calendar date written in `text`, with where it is."""
    for match in _NUMERIC_DATE.finditer(text):
        start, end = match.span()
        if text[start - 1 : start] and text[start - 1] in _DATE_NEIGHBOURS:
            continue
        if text[end : end + 1] and text[end] in _DATE_NEIGHBOURS:
            continue
        date = _numeric_date(match.group(), today)
        if date is not None:
            yield (start, end), date
    for pattern, order in _NAMED_DATES:
        for match in pattern.finditer(text):
            groups = match.groups()
            try:
                if order == "Mdy":
                    date = datetime.date(int(groups[2]), MONTHS[groups[0].lower()], int(groups[1]))
                else:
                    date = datetime.date(int(groups[2]), MONTHS[groups[1].lower()], int(groups[0]))
            except ValueError:
                continue
            yield match.span(), date


_BIRTH_WORDS = re2.compile(r"(?i)\b(?:born|birth\w*|dob|d\.o\.b|b[- ]?day|bday)\b")
# A full date this long ago is taken for a birth date even without a birth word: case
# notes speak of recent events (intake, meetings), people's birth dates lie years back.
RECENT = datetime.timedelta(days=548)


def birth_dates(text: str, today: datetime.date) -> Iterator[Span]:
    for (start, end), date in dates(text, today):
        if date > today or date < today - datetime.timedelta(days=365 * 120):
            continue
        window = text[max(0, start - 40) : end + 20]
        if date < today - RECENT or _BIRTH_WORDS.search(window):
            yield start, end


# --- phone numbers ----------------------------------------------------------------------
# Stretches written with the characters of a phone number; libphonenumber judges windows
# of them, each of bounded length, so its own matching never sees a long text.
_PHONE_RUN = re2.compile(r"[+(]?\d[\d\s().+/-]*\d(?:\s*(?:ext\.?|x)\s*\d{1,5})?")
_CLAUSE = re2.compile(r"[.;,:]\s+|\n")
_WINDOW = 48


def _windows(run: str) -> Iterator[tuple[int, str]]:
    if len(run) <= _WINDOW:
        yield 0, run
        return
    for offset in range(0, len(run) - _WINDOW // 2, _WINDOW // 2):
        yield offset, run[offset : offset + _WINDOW]


def _phone_in(piece: str) -> Span | None:
    for offset, window in _windows(piece):
        matcher = phonenumbers.PhoneNumberMatcher(
            window, "US", leniency=phonenumbers.Leniency.POSSIBLE
        )
        if matcher.has_next():
            found = matcher.next()
            return offset + found.start, offset + found.end
    return None


def _pieces(run: str) -> Iterator[tuple[int, str]]:
    """The stretch, then each of its clauses."""
    yield 0, run
    position = 0
    for boundary in _CLAUSE.finditer(run):
        yield position, run[position : boundary.start()]
        position = boundary.end()
    if position:
        yield position, run[position:]


def phones(text: str, today: datetime.date) -> Iterator[Span]:
    # libphonenumber gives up on a candidate that runs into a date or another number
    # ("on 10/28/2026. 504-555-0100"): blank the dates out (same length, so indexes
    # hold), then also try each clause of a stretch on its own.
    characters = list(text)
    for (start, end), _ in dates(text, today):
        characters[start:end] = " " * (end - start)
    text = "".join(characters)
    for match in _PHONE_RUN.finditer(text):
        run = match.group()
        if sum(character.isdigit() for character in run) < 7:
            continue
        for offset, piece in _pieces(run):
            found = _phone_in(piece)
            if found:
                yield match.start() + offset + found[0], match.start() + offset + found[1]
                break


# --- street addresses -------------------------------------------------------------------
# (Word lists as one string each: a list literal would stand one word to a line.)
SUFFIXES = frozenset(
    "street st avenue ave road rd boulevard blvd drive dr lane ln court ct highway hwy "  # noqa: SIM905
    "parkway pkwy place pl way terrace ter circle cir trail trl square sq alley aly "
    "expressway expy freeway fwy loop row plaza plz".split()
)
# Words that make "3 blocks down the road" or "a 2 hour drive" ordinary speech, not a place.
NOT_STREET_WORDS = frozenset(
    "the a an of to down up on in at across from by for and or with this that more other "  # noqa: SIM905
    "block blocks mile miles hour hours minute minutes day days week weeks month months "
    "year years time times long short way ways out back".split()
)
_WORD = re2.compile(r"\S+")
_HOUSE_NUMBER = re2.compile(r"\d{1,6}[A-Za-z]?")
_DIRECTION = re2.compile(r"(?i)[nsew]\.?")
_BOX_OR_APARTMENT = re2.compile(
    r"(?i)\bp\.?\s*o\.?\s*box\s+\d+|\bapt\.?\s*#?\s*\d+[a-z]?\b|\bapartment\s+#\s*\d+"
)
_STREET_WORDS_MAX = 4
_PUNCTUATION = ".,;:()[]'\"“”"


def addresses(text: str) -> Iterator[Span]:
    for match in _BOX_OR_APARTMENT.finditer(text):
        yield match.span()
    words = [(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]
    for index, (start, _, word) in enumerate(words):
        if not _HOUSE_NUMBER.fullmatch(word.strip(_PUNCTUATION)):
            continue
        # 1500 Poydras Street · 12 N. Main St · 4500 Old Spanish Trail: one to four street
        # words after the number (a direction may lead), then a suffix.
        following = words[index + 1 : index + 3 + _STREET_WORDS_MAX]
        if following and _DIRECTION.fullmatch(following[0][2]):
            following = following[1:]
        for position, (_, end, candidate) in enumerate(following):
            bare = candidate.strip(_PUNCTUATION).lower()
            if position >= 1 and bare in SUFFIXES:
                street = [word.strip(_PUNCTUATION).lower() for _, _, word in following[:position]]
                if not any(word in NOT_STREET_WORDS for word in street):
                    yield start + len(word) - len(word.lstrip(_PUNCTUATION)), end
                break
            if position >= _STREET_WORDS_MAX or candidate[-1:] in ",;:)":
                break  # too far, or the clause ended before any suffix
