"""Contact information in free text: e-mail, web and IP addresses, phone numbers (judged
by Google's libphonenumber on bounded windows that RE2 picked out), social-media and
payment handles, and numbers spelled out in words ("five zero four, five five five…").
Every pattern is RE2's (linear in the text by construction)."""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Iterator

import phonenumbers
import re2

from .dates import dates
from .lexicons import word_set

Span = tuple[int, int]

# Top-level domains seen in case notes (ads, profiles, job offers), RFC 2606's reserved
# names among them; a dotted name with a path ("linktr.example/kaylaaa") is a web address
# whatever its domain.
_TLDS = (
    r"(?:com|org|net|edu|gov|mil|us|info|io|co|biz|me|ly|app|xyz|tv|gg|link|site|online|"
    r"store|club|live|ai|ws|to|cc|la|ca|mx|hn|gt|sv|vn|ph|uk|de|fr|es|ru|cn|in|br|fm|am|"
    r"top|vip|xxx|sex|dating|chat|social|page|blog|news|shop|dev|cloud|one|life|world|"
    r"example|test|invalid|localhost|onion)"
)

# --- e-mail, web and IP addresses -----------------------------------------------------
_EMAIL = re2.compile(
    # "@" or "(at)", "[arroba]", "{a còng}"; "." or "(dot)", "(punto)", "[chấm]"
    r"(?i)[\w.%+-]+\s*(?:@|[(\[{]\s*(?:at|@|arroba|a còng|a cong)\s*[)\]}])\s*[\w-]+"
    r"(?:\s*(?:\.|[(\[{]\s*(?:dot|\.|punto|chấm|cham)\s*[)\]}])\s*[\w-]+)+"
    rf"|\b[\w.%+-]+\s+at\s+[\w-]+\s+dot\s+{_TLDS}\b"
    # read out in Spanish or Vietnamese: "arroba … punto com", "a còng … chấm com"
    rf"|\b[\w.%+-]+\s+(?:arroba|a còng|a cong)\s+[\w.-]+"
    rf"(?:\s+(?:punto|chấm|cham)\s+[\w-]+)*?\s+(?:punto|chấm|cham)\s+{_TLDS}\b"
)
_URL = re2.compile(
    rf"(?i)\b(?:h[tx][tx]ps?://|ftp://|www\.)\S+"  # hxxps:// is a defanged https://
    rf"|\b[\w-]+(?:(?:\.|\[\.\]|\(\.\))[\w-]+)*(?:\.|\[\.\]|\(\.\)){_TLDS}(?:/\S*)?\b"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}/[\w%#?=&/.~+-]+"
)
# Read out over the phone: "www dot sugarbayou dot example slash girls".
_SPOKEN_URL = re2.compile(
    r"(?i)\b(?:www|[\w-]+)\s+dot\s+[\w-]+(?:\s+dot\s+[\w-]+)*(?:\s+slash\s+[\w-]+)*"
)
_SPOKEN_URL_MARK = re2.compile(rf"(?i)^www\s|\sslash\s|\sdot\s+{_TLDS}\b")
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
    for match in _SPOKEN_URL.finditer(text):
        if _SPOKEN_URL_MARK.search(match.group()):
            yield match.span()


# Written to dodge a filter: 198.51.100[.]201, 203 . 0 . 113 . 90.
_LOOSE_IPV4 = re2.compile(r"\b\d{1,3}(?:\s*(?:\.|\[\.\]|\(\.\))\s*\d{1,3}){3}\b")


def ip_addresses(text: str) -> Iterator[Span]:
    for match in _LOOSE_IPV4.finditer(text):
        octets = [int(part) for part in re2.findall(r"\d+", match.group())]
        if (
            len(octets) == 4
            and all(octet <= 255 for octet in octets)
            and not _IPV4_SHAPE.fullmatch(match.group())
        ):
            yield match.span()
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
    if v4.count(":") == 1 and _IPV4_SHAPE.fullmatch(v4.split(":")[0]):
        v4 = v4.split(":")[0]  # an address with its port: 203.0.113.15:50412
    if _IPV4_SHAPE.fullmatch(v4):
        yield v4, 4
    v6 = run.rstrip(".")
    if v6.count(":") >= 2:  # not a time of day ("10:30")
        yield v6, 6
        if v6.endswith(":"):
            yield v6[:-1], 6


def _word_character(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


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


# A seven-digit local number is written 555-0184; four digits then three is a year and a
# sequence number, a case code ("2024-118").
_LOCAL_NUMBER = re2.compile(r"\d{3}[-.\s]?\d{4}")


def _phone_in(piece: str) -> Span | None:
    for offset, window in _windows(piece):
        matcher = phonenumbers.PhoneNumberMatcher(
            window, "US", leniency=phonenumbers.Leniency.POSSIBLE
        )
        while matcher.has_next():
            found = matcher.next()
            digits = sum(c.isdigit() for c in found.raw_string)
            if digits == 7 and not _LOCAL_NUMBER.fullmatch(found.raw_string.strip()):
                continue
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


# A phone told in parts, words between, after a word that says it is a phone: "Dejó su
# número en un papel: primero 504, después 555 y al final 0137", "le marcan al 985 555 y
# los ultimos cuatro son 01 58", "her number is 504 then 555 then 0137". The parts come in
# a phone's order: three digits, three, then four (or two and two).
_SPLIT_PHONE = re2.compile(
    r"(?i)(?:\b(?:su|mi|tu|her|his|my|their) (?:n[uú]mero|number|cel|celular|phone)"
    r"|\b(?:marcan|marcar|m[aá]rcale|llamar|ll[aá]male)\b"
    r"|\b(?:call|text) (?:her|him|them|me|us)\b)"
    r"[^\d\n]{0,40}?\b(\d{3}\b[^\d\n]{1,30}?\b\d{3}\b[^\d\n]{1,40}?\b(?:\d{4}|\d\d \d\d))\b"
)


_A_YEAR_LAST = re2.compile(r"(?:19|20)\d\d$")
_COUNTED = re2.compile(r"(?i)^\S+ (?:n[uú]mero|number) (?:de|of)\b")  # "su número de casos"


# A number after a word that says it is a phone, in any country's shape ("El WhatsApp de
# la mamá es 9876-5432, en Honduras", "Zalo: 0912 345 678", "sđt chị ấy 0903.123.456"):
# seven to fifteen digits in groups, a few words at most between.
_LABELLED_PHONE = re2.compile(
    r"(?i)(?:\b(?:whats ?app|wsp|wa|cel|celular|tel[eé]fono|telefono|tel|phone|cell|viber|zalo"
    r"|line|signal|telegram|dt|sdt|đt|dien thoai|n[uú]mero)\b|número|điện thoại|sđt|số máy)"
    r"[^\d\n]{0,30}?(\+?\(?\d[\d\s().-]{5,20}\d)"
)


def labelled_phones(text: str) -> Iterator[Span]:
    for match in _LABELLED_PHONE.finditer(text):
        number = match.group(1)
        digits = sum(c.isdigit() for c in number)
        if 7 <= digits <= 15 and not _A_YEAR_LAST.search(number.strip()):
            yield match.span(1)


def split_phones(text: str) -> Iterator[Span]:
    for match in _SPLIT_PHONE.finditer(text):
        told = match.group(1)
        if not (_A_YEAR_LAST.search(told) or _COUNTED.match(match.group())):
            yield match.span(1)


# --- handles --------------------------------------------------------------------------------
# @tina_nola2008 (not an e-mail's @, not "@ 3pm"); $KaylaD504 (a cashtag, not "$200").
_AT_HANDLE = re2.compile(r"(?:^|[^\w@.])(@[A-Za-z0-9_][A-Za-z0-9_.\-]{1,29})")
_CASHTAG = re2.compile(
    r"(?:^|[^\w$])((?:\$ ?|(?i:dollar sign )\s*)[A-Za-z][A-Za-z0-9_\-]{1,29})"
)  # "$KaylaD504", "cash app dollar sign bigmoneyjay504"
_TIME = re2.compile(r"(?i)@\d{1,2}(?::\d\d)?(?:am|pm)?")
# A handle named by its app or by the word: "snap: kaylaaa.x", "kik: lil.trey.504",
# "username ghostlyboi#4471", "her handle on the dating app is sugarbaby_lafayette".
_APPS = (
    r"instagram|insta|ig|snapchat|snap|sc|tiktok|tik tok|facebook|fb|twitter|telegram|"
    r"discord|kik|whatsapp|signal|venmo|cash ?app|cashapp|zelle|paypal|chime|apple cash|"
    r"onlyfans|only fans|skout|tinder|grindr|meetme|badoo|wizz|yubo|twitch|roblox|xbox|"
    r"psn|steam|username|user name|user|handle|screen name|gamertag|profile|account|cash|"
    # Spanish and Vietnamese speakers' apps and words (issue 22): "Zalo, tài khoản tuan.88"
    r"zalo|viber|wechat|line id|messenger|cuenta|usuario|perfil|tài khoản|nick"
)
_NAMED_HANDLE = re2.compile(
    rf"(?i)\b(?P<app>{_APPS})\b(?P<filler>(?:\s+(?:username|user|name|handle|account|profile|"
    rf"id|is|was|on|the|dating|app|as|under|my|@|es|en|de|su|là|của|la|cua)){{0,6}})\s*(?P<said>[:=]?)\s*"
    rf"(?P<handle>@?[A-Za-z0-9_][A-Za-z0-9_.#\-]{{2,30}})"
)
# An app, a comma, then a handle marked as one (`_marked`): "a man on snap, dripking_504"
# (not "Snapchat, Kik, MeetMe": a list of apps).
_APP_COMMA_HANDLE = re2.compile(
    rf"(?i)\b(?:{_APPS}),[ \t]*(@?[A-Za-z0-9_][A-Za-z0-9_.#\-]{{2,30}})"
)
_APPS_NO_WORD = word_set(
    "instagram insta ig snapchat sc tiktok facebook fb kik whatsapp venmo cashapp zelle "
    "paypal onlyfans skout tinder grindr meetme badoo wizz yubo roblox psn zalo viber wechat"
)
# The words that say what follows is a handle.
_NAMES_A_HANDLE = ("username", "user name", "screen name", "gamertag")
_NAMING = re2.compile(r"(?i)\b(?:username|user|name|handle|profile|account|gamertag)\b")


# A handle after what says someone goes by it: "an account called BigTymeNola225", "where
# he goes by cajunvibes#4471", "plays as xXBayouBoyXx" (shaped as a handle: `_handle_shaped`).
_CALLED_HANDLE = re2.compile(
    r"(?i:\b(?:goes by|go by|went by|plays as|posts as|posting as|called|named|known as)\s+)"
    r"(@?[A-Za-z0-9_][A-Za-z0-9_.#]{3,30})"
)
# A gamer's tag with its four-digit discriminator: "cajunvibes#4471".
_DISCRIMINATED = re2.compile(r"(?:^|[^\w#@])([A-Za-z][A-Za-z0-9_.]{1,31}#\d{4})\b")


# Words that follow an app's name without being a handle: "Snapchat and Cash App".
_NOT_HANDLES = word_set(
    "and the app account profile user name handle is was to on in with for her his their "
    "it she he they links linked "
    # Vietnamese small words typed without marks: "nhom Zalo cua tho nail" (of the workers)
    "cua va voi vs cho tren nhom ban "
    # and the particles that end a Vietnamese request: "gửi qua Zalo nha c", "Zalo nhé"
    "nha nhe nhé nhen ha hen luon luôn di đi"
)


# A Zalo ID a few words after "Zalo", or after "kết bạn với" (befriended), or an app's
# name: a handle's inner dot or underscore ("ID Zalo của chủ ghe là ghetom.grandisle",
# "ket ban vs thonail.mobile05", "nick fb cua e la hoang.yen.1208").
_ZALO_ID = re2.compile(
    r"(?i)(?:\bzalo\b|\bket ban\b|kết bạn|\bfb\b|\bfacebook\b|\big\b|\binsta(?:gram)?\b"
    r"|\bsnap(?:chat)?\b|\btik ?tok\b|\bnick\b)[^.\n]{0,40}?"
    r"(?:^|[^\w.@])([a-z][a-z0-9]*[._][a-z0-9][a-z0-9._]*[a-z0-9])\b"
)


def handles(text: str, is_word=lambda word: False) -> Iterator[Span]:
    """`is_word(word)`: whether a word is an English word, so never a handle unmarked."""
    for match in _AT_HANDLE.finditer(text):
        if not _TIME.fullmatch(match.group(1)):
            yield match.span(1)
    for match in _ZALO_ID.finditer(text):
        if len(match.group(1)) >= 6:
            yield match.span(1)
    for match in _CASHTAG.finditer(text):
        said = match.group(1)
        if said[:1] != "$" and is_word(said.split()[-1].lower()):
            continue  # "she drew a dollar sign on the card"
        yield match.span(1)
    for match in _CALLED_HANDLE.finditer(text):
        if _handle_shaped(match.group(1)):
            yield match.span(1)
    for match in _DISCRIMINATED.finditer(text):
        yield match.span(1)
    for match in _APP_COMMA_HANDLE.finditer(text):
        if _marked(match.group(1)) and any(c.isalpha() for c in match.group(1)):
            yield match.span(1)
    for match in _NAMED_HANDLE.finditer(text):
        handle = match.group("handle")
        # A handle has something a word has not: a digit, an underscore, an inner dot, a
        # '#'; or it follows an app's name and a colon ("snap: kaylaaa", "fb: Curtis…");
        # or a word says it is one ("her handle is…", "Wizz app name…"), and it is no
        # English word ("will handle the vacatur", "cash app account was closed").
        marked = _marked(handle)
        said = bool(match.group("said"))
        if not said and not any(c.isalpha() for c in handle):
            continue  # "la cuenta es de 3000 dólares", "paid cash 200": an amount
        named = bool(_NAMING.search(match.group("filler"))) or (
            match.group("app").lower() in _NAMES_A_HANDLE
        )
        if handle.lower() in _NOT_HANDLES:
            continue
        # An app that is no English word, then a word that is none either: "kik
        # swtcajungrl", "ig lil.trey" (not "snap yesterday", "signal strength").
        unmarked_app = match.group("app").lower() in _APPS_NO_WORD and not match.group("filler")
        if marked or said or ((named or unmarked_app) and not is_word(handle.lower())):
            yield match.span(_NAMED_HANDLE.groupindex["handle"])


def _handle_shaped(handle: str) -> bool:
    """Three letters or more, and a handle's marks, or capitals rising twice from small
    letters ("xXBayouBoyXx"; not "911", "10am", "DeShawn", "LaCHIP")."""
    letters = sum(c.isalpha() for c in handle)
    rises = sum(a.islower() and b.isupper() for a, b in zip(handle, handle[1:], strict=False))
    return letters >= 3 and (_marked(handle) or rises >= 2)


def _marked(handle: str) -> bool:
    """What a word has not: a digit, an underscore, an inner dot, a '#' or an '@'."""
    return any(c.isdigit() or c in "_.#@" for c in handle.rstrip("."))


# --- numbers in words ------------------------------------------------------------------
# "five zero four, five five five, one two one two", "985 five five five 0 1 4 3",
# "504five550one99", "two oh three dot zero dot one one three dot nine".
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|\d)"
# In a Spanish or Vietnamese note, its own digit words (issue 22); only there: "Green Bay
# 2019", "DOS 03-14-2024" are English.
_DIGIT_WORD_IN = {
    "es": r"(?:cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|\d)",
    "vi": r"(?:không|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|khong|mot|bon|nam|sau|bay|tam|chin|\d)",
}


def _spelled(digit: str):
    return re2.compile(
        rf"(?i)\b{digit}(?:(?:[\s,.\-]+|\s+dot\s+|\s+dash\s+)?{digit})+\b"
    ), re2.compile(rf"(?i){digit}")


_SPELLED, _DIGIT_WORDS = _spelled(_DIGIT_WORD)
_SPELLED_IN = {language: _spelled(digit) for language, digit in _DIGIT_WORD_IN.items()}
# A Spanish number read out in pairs: "nueve ochenta y cinco, cinco cincuenta y cinco, cero
# uno, treinta y ocho". A tens word is two digits, or one with the unit after its "y".
_SPANISH_TENS = (
    r"(?:diez|once|doce|trece|catorce|quince|dieci\w+|veinte|veinti\w+|treinta|cuarenta|"
    r"cincuenta|sesenta|setenta|ochenta|noventa)"
)
_SPANISH_PAIRS = re2.compile(
    rf"(?i)\b(?:{_SPANISH_TENS}|{_DIGIT_WORD_IN['es']})"
    rf"(?:(?:[\s,.\-]+|\s+y\s+)(?:{_SPANISH_TENS}|{_DIGIT_WORD_IN['es']}))+\b"
)
_SPANISH_TEN = re2.compile(rf"(?i)\b{_SPANISH_TENS}(\s+y\s+)?")
# An age band, as case counts give them: "12-14", "15-17", "18-24".
_AGE_BANDS = re2.compile(r"\b(?:[1-9]|1\d|2[0-4])-(?:1\d|2\d)\b")
# "tháng 12 năm 2019": "năm" before a year is the year, not the digit five.
_A_YEAR = re2.compile(r"(?i)(?:năm|nam)[\s,.\-]+(?:19|20)\d\d\b")
# Letters typed for digits in an ad: 5O4-5S5-O1Z7.
_LOOKALIKE = re2.compile(
    r"\(?\b[0-9OoSsZzIlBb]{3}\)?[-. ]*[0-9OoSsZzIlBb]{3}[-. ][0-9OoSsZzIlBb]{4}\b"
)
# A vanity number in an ad: 504-555-KAYY.
_VANITY = re2.compile(r"\b\(?\d{3}\)?[-. ]?\d{3}[-. ][A-Z0-9]{4}\b")
# Any number written with its country code: +52 1 55 5555 0134.
_INTERNATIONAL = re2.compile(r"\+\d[\d\s().-]{8,22}\d")
_LOOKALIKE_DIGITS = str.maketrans("OoSsZzIlBb", "0055221188")


def spelled_numbers(text: str, language: str = "en") -> Iterator[tuple[Span, int]]:
    """Numbers of seven digits or more written at least partly in words, with how many
    digits they hold (9: a Social Security number; otherwise a phone or another number);
    in a Spanish or Vietnamese note, in its words too, three of them at least."""
    for match in _SPELLED.finditer(text):
        written = match.group()
        digits = len(_DIGIT_WORDS.findall(written))
        dots = written.lower().count(" dot ")
        if _AGE_BANDS.search(written) and sum(c.isalpha() for c in written) <= 6:
            continue  # counts of age bands: "two 12-14, two 15-17"
        if (digits >= 7 or dots >= 3) and any(c.isalpha() for c in written):
            yield match.span(), digits
    spelled, digit_words = _SPELLED_IN.get(language, (None, None))
    for match in spelled.finditer(text) if spelled else ():
        written = match.group()
        digits = digit_words.findall(written)
        spelled_out = [digit for digit in digits if not digit.isdigit()]
        if len(digits) >= 7 and len(spelled_out) >= 3 and not _A_YEAR.search(written):
            yield match.span(), len(digits)
    for match in _SPANISH_PAIRS.finditer(text) if language == "es" else ():
        written = match.group()
        tens = _SPANISH_TEN.findall(written)
        if not tens:
            continue
        units = len(_SPELLED_IN["es"][1].findall(written))
        digits = units + sum(1 if joined else 2 for joined in tens)
        if digits >= 7:
            yield match.span(), digits
    for match in _LOOKALIKE.finditer(text):
        written = match.group()
        if sum(c.isdigit() for c in written) >= 4 and any(c.isalpha() for c in written):
            number = written.translate(_LOOKALIKE_DIGITS)
            if _phone_in(number):
                yield match.span(), 10
    for match in _VANITY.finditer(text):
        if any(c.isalpha() for c in match.group()):
            yield match.span(), 10
    for match in _INTERNATIONAL.finditer(text):
        if sum(c.isdigit() for c in match.group()) >= 10:
            yield match.span(), 10
