"""Where a person can be found: street addresses (a house number a few words before a
street suffix, a P.O. box, an apartment; a house number and a street name after "at",
"lives", "staying" even with no suffix; a highway address), intersections ("corner of
Airline and Williams", "Tulane & Broad", "Canal St and N Rampart") and motels or hotels
placed in a location or with a room ("room 212 at the Super 8 on Airline Hwy").

Words are cut by one RE2 pass; each rule looks a bounded number of words around each
word, so a scan stays linear."""

from __future__ import annotations

from collections.abc import Iterator

import re2

from .lexicons import word_set
from .name_words import WEEKDAYS
from .not_people import a_town_or_parish
from .places_languages import _CROSSING, kind_first_streets

Span = tuple[int, int]

# --- street addresses -------------------------------------------------------------------
SUFFIXES = word_set(
    "street st avenue ave road rd boulevard blvd drive dr lane ln court ct highway hwy "
    "parkway pkwy place pl way terrace ter circle cir trail trl square sq alley aly "
    "expressway expy freeway fwy loop row plaza plz pike"
)
# Words that make "3 blocks down the road" or "a 2 hour drive" ordinary speech, not a place.
NOT_STREET_WORDS = word_set(
    "the a an of to down up on in at across from by for and or with this that more other "
    "block blocks mile miles hour hours minute minutes day days week weeks month months "
    "year years time times long short way ways out back toward towards into onto through past "
    "via"
)
_WORD = re2.compile(r"\S+")
_HOUSE_NUMBER = re2.compile(r"\d{1,6}[A-Za-z]?")
_DIRECTION = re2.compile(r"(?i)[nsew]\.?")
_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand)"
)
# "twenty-one eleven Desire Street": a house number said in words.
_SPOKEN_ADDRESS = re2.compile(
    rf"\b(?i:{_NUMBER_WORDS}(?:[- ]{_NUMBER_WORDS}){{0,4}})\s+(?:[A-Z][\w'.-]*\s+){{1,3}}"
    r"(?i:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|highway|hwy)\b"
)
# A house number said as two pairs, as people say one, then a street's name with no
# suffix: "forty-one twelve Elysian Fields", "el cuarenta y dos diecisiete de la Chef
# Menteur". Not a year said so ("twenty twenty-five", "nineteen ninety"): its first pair
# is "twenty" or "nineteen" alone.
_TENS = r"(?:thirty|forty|fifty|sixty|seventy|eighty|ninety|twenty)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen)"
_PAIR = rf"(?:{_TENS}[- ]{_UNITS}|{_TENS}|{_TEENS}|nineteen|oh[- ]{_UNITS})"
_DECENAS = r"(?:treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)"
_UNIDADES = r"(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
_PAR = (
    rf"(?:{_DECENAS}(?: y {_UNIDADES})?|veinti\pL+|diez|once|doce|trece|catorce|quince"
    r"|dieci\pL+|veinte)"
)
_SPOKEN_HOUSE = re2.compile(
    rf"\b(?i:(?:{_TENS}[- ]{_UNITS}|(?:thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    rf"|{_TEENS}|oh[- ]{_UNITS})[- ]{_PAIR}"
    rf"|(?:{_DECENAS}(?: y {_UNIDADES})?|veinti\pL+|diez|once|doce|trece|catorce|quince"
    rf"|dieci\pL+) {_PAR}(?: (?:de la|del|de|en la|on))?)"
    r" (?:[A-Z][\w'.-]*)(?: [A-Z][\w'.-]*)?"
)
_BARE_TENS = frozenset(
    ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "veinte")
    + ("treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa")
)
_BOX_OR_APARTMENT = re2.compile(
    r"(?i)\bp\.?\s*o\.?\s*box\s+\d+|\bapt\.?\s*#?\s*\d+[a-z]?\b|\bapartment\s+#\s*\d+"
    # RR 2 Box 145, Rt. 1 Box 44-B
    r"|\b(?:r\.?r\.?|hc|rt\.?|rte\.?|rural route|star route|route)\s*\d+\s*,?\s*box\s*\d+"
)
# "at twenty-one hundred Caffin": a house number in words after "at", then a street name.
_SPOKEN_AT = re2.compile(
    rf"\b(?i:at)\s+(?i:{_NUMBER_WORDS}(?:[- ]{_NUMBER_WORDS}){{1,4}})\s+[A-Z][a-z]+"
)
_STREET_WORDS_MAX = 4
_PUNCTUATION = ".,;:()[]'\"“”"


def words(text: str) -> list[tuple[int, int, str]]:
    """The text's whitespace-separated words, with where each is."""
    return [(match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]


def addresses(text: str) -> Iterator[Span]:
    for match in _BOX_OR_APARTMENT.finditer(text):
        yield match.span()
    yield from kind_first_streets(text)
    for match in _SPOKEN_ADDRESS.finditer(text):
        yield match.span()
    for match in _SPOKEN_AT.finditer(text):
        yield match.start() + 3, match.end()
    for match in _SPOKEN_HOUSE.finditer(text):
        said = match.group().lower().split()
        if said[-1] in _NOT_STREET_NAMES or set(said[:2]) <= _BARE_TENS:
            continue  # "fifty sixty Hispanic workers": a count between two, not a house
        yield match.span()
    cut = words(text)
    for index, (start, _, word) in enumerate(cut):
        if not _HOUSE_NUMBER.fullmatch(word.strip(_PUNCTUATION)) or word.endswith((".", ")")):
            continue  # "4. Grace Place bed still open": an item's number, not a house's
        # 1500 Poydras Street · 12 N. Main St · 4500 Old Spanish Trail: one to four street
        # words after the number (a direction may lead), then a suffix.
        following = cut[index + 1 : index + 3 + _STREET_WORDS_MAX]
        if following and _DIRECTION.fullmatch(following[0][2]):
            following = following[1:]
        for position, (begin, end, candidate) in enumerate(following):
            bare = candidate.strip(_PUNCTUATION).lower()
            if candidate.startswith(("(", "'", '"', "‘", "“")) or "|" in candidate:
                break  # "health 2 (St. Francis, …)", "row 9 parish 'St Tammany'", a table's cell
            if "\n" in text[start:begin]:
                break  # a new line: no street
            before = following[position - 1][2] if position else ""
            if before.endswith(".") and len(before.strip(_PUNCTUATION)) >= 5:
                break  # "Region 9 section. St. Tammany": a sentence ended, no street goes on
            if position >= 1 and bare in SUFFIXES:
                street = [word.strip(_PUNCTUATION).lower() for _, _, word in following[:position]]
                if not any(word in NOT_STREET_WORDS for word in street):
                    yield start + len(word) - len(word.lstrip(_PUNCTUATION)), end
                break
            if position >= _STREET_WORDS_MAX or candidate[-1:] in ",;:)":
                break  # too far, or the clause ended before any suffix


# --- an address with no street suffix -------------------------------------------------------
# After a word that says where someone is: "staying at 812 Gravier", "lives w/ grandma 1508
# Johnston", "moved to 14001 Hwy 90".
LOCATING = word_set(
    "at on lives living live stays staying stay moved to house home address behind near known "
    "across from w/ grandma grandmother aunt uncle cousin mom mother dad father point spot "
    "pickup dropoff drop-off location "
    "boyfriend's girlfriend's chỉ dirección direccion domicilio vive viven vivía vivia "
    "tại tai ở"  # Vietnamese: "ở tại 30125 Hwy 23, Buras"
)
# What follows a number in ordinary speech: "3 referrals", "14 days", "2300 hrs".
COUNTED = word_set(
    "referrals referral cases case youth youths girls boys women men people workers kids "
    "children adults victims beds bed rooms calls hours hrs hr minutes mins days weeks "
    "months years yo yrs miles mi blocks times percent pm am points of and or to in on at "
    "for per a the nguoi ngay thang tuan tieng buoi chiec luot personas dias semanas meses "
    "veces trabajadores "  # typed Vietnamese, Spanish: "12 nguoi hoi", "15 dias sin pago"
    "tháng tuần ngày người tiếng buổi giờ"  # and with marks: "on 12 tháng 4"
)
_HIGHWAY = re2.compile(r"(?i)^(?:hwy|highway|la|us|i|rt|route|state|sr)-?\d{0,4}$")


def addresses_without_suffix(
    text: str, words: list[tuple[int, int, str]], is_word=lambda word: False
) -> Iterator[Span]:
    """`is_word(word)`: whether a lower-case word is an English word ("11 parishes")."""
    for index, (start, _, word) in enumerate(words):
        number = word.strip(_PUNCTUATION)
        if not (_HOUSE_NUMBER.fullmatch(number) and 2 <= len(number) <= 6):
            continue
        # "5531 N Claiborne is where he keeps them": a compass letter after a house number
        # says street even with no word before that says where.
        directed = (
            index + 2 < len(words)
            and words[index + 1][2].rstrip(".") in ("N", "S", "E", "W")
            and words[index + 2][2][:1].isupper()
        )
        if not directed and not any(
            previous.strip(_PUNCTUATION).lower() in LOCATING
            for _, _, previous in words[max(0, index - 2) : index]
        ):
            continue
        if index + 1 >= len(words) or word[-1:] in ",;:.)":  # "up from 52. Sex trafficking…"
            continue
        if "\n" in text[start : words[index + 1][0]]:
            continue  # "(Fri 6p to Mon 7a)\nPrimary: CAC": a line ends after the number
        _, name_end, name = words[index + 1]
        if _DIRECTION.fullmatch(name) and index + 2 < len(words):
            _, name_end, name = words[index + 2]  # "2713 n claiborne", "812 S. Rampart"
        bare = name.strip(_PUNCTUATION)
        if not bare or bare.lower() in COUNTED or bare.lower() in NOT_STREET_WORDS:
            continue
        if (
            _HIGHWAY.fullmatch(bare)
            or (bare[0].isupper() and bare.isalpha())
            or (bare.isalpha() and bare.islower() and len(bare) > 3 and not is_word(bare))
        ):
            if bare.lower() in _NOT_STREET_NAMES or bare.lower().replace(".", "") in _CITATIONS:
                continue
            yield start, name_end


# A law's citation: "the regulations at 20 CFR 655", "under 34 USC 12291", "at 14 RS 46".
_CITATIONS = word_set("cfr usc rs lrs stat ccrp crp chc pl fr")
# Capitalised words after a number that are not streets: months, units of time.
_NOT_STREET_NAMES = word_set(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec "
    "hrs hours am pm"
)
# Days, whole or short: no street's ("from 0700 Mon."), no corner's ("Sat/Sun").
_DAYS = WEEKDAYS | {"weds"}
_NOT_STREET_NAMES |= _DAYS


# --- intersections -------------------------------------------------------------------------
_CROSS = re2.compile(
    r"(?i)(?:\b(?:corner|intersection|cross ?streets?|esquina|cruce)\s+(?:of\s+|de\s+)?"
    # "góc đường Westbank Expy và Barataria Blvd", "chỗ giao Lapalco Blvd và Manhattan Blvd"
    r"|ngã (?:tư|ba)\s+|góc(?: đường)?\s+|\bgoc\s+|chỗ giao\s+|giao lộ\s+)"
    r"((?:[A-Z][\w'.-]*\s+){0,2}[A-Z][\w'.-]*\s+(?:and|&|at|x|/|y|con|và|va|vs\.?|với|voi)\s+"
    r"(?:[A-Z][\w'.-]*\s*){1,3})"
)
# Two capitalised street names joined by "&", "/" or " x ": "Tulane & Broad",
# "Gentilly/Franklin", "Florida x Plank", "Johnston St x Ambassador Caffery".
_JOINED = re2.compile(
    r"\b((?:[A-Z][a-z'.]+[ \t]+){0,2}[A-Z][a-z'.]+)[ \t]*(?:&|/|@|[ \t][xX][ \t])[ \t]*"
    r"((?:[NSEW]\.?[ \t]+)?\d{1,3}(?:st|nd|rd|th)\b|(?:[A-Z][a-z'.]+[ \t]*){1,3})"
)
# Two highways: "HWY 190 & LA 21", "Hwy 90 at LA 182".
_HIGHWAYS = re2.compile(
    r"(?i)\b(?:hwy|highway|la|us|i|route|rt)[- ]?\d{1,4}\s*(?:&|and|@|/|x|at)\s*"
    r"(?:hwy|highway|la|us|i|route|rt)[- ]?\d{1,4}\b"
)
# "where Government meets Acadian"
_MEETS = re2.compile(
    r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:meets|crosses|runs into|dead-ends into)\s+"
    r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
# Two streets joined by "and" when at least one carries a suffix: "Gause Blvd and Front St",
# "CANAL ST AND N RAMPART", "broad and orleans ave".
# "ryan st at prien lake rd", "florida blvd / n acadian", "CHEF MENTEUR HWY X MICHOUD BLVD".
# "Veterans Blvd y Clearview Pkwy", "Lapalco Blvd và Manhattan Blvd" join as "and" does.
_JOINER = re2.compile(r"(?i)\s(?:and|at|x|y|và|vs\.?)\s|\s?[&@]\s?|\s/\s")
# "at Broad and Washington" after seeing or leaving someone.
_AT_AND = re2.compile(
    r"\b(?:at|near|on)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:and|at)\s+[A-Z][a-z]+)\b"
)
_SEEN = re2.compile(
    r"(?i)\b(?:seen|found|picked|dropped|waits?|waiting|lives?|living|stays?|staying|"
    r"located|recovered|pickup|pick up|met|meets?|meeting|hangs? out|work(?:s|ed|ing)?|strip|"
    r"track|stroll|blade|stop|corner|parks?|parked|pulled|grabbed|taken|waited)\b"
)


def _end_of_words(text: str, words: str) -> int:
    """Where `words` (joined by single spaces) end in `text`, whatever the spaces between
    them there ("Canal St and  N  Rampart")."""
    position = 0
    for word in words.split():
        position = text.index(word, position) + len(word)
    return position


# A place by its map coordinates, as a phone shares a pin: "29.5958, -90.7195". Four
# decimals or more on both and neither below one (not rates: "0.1234, 0.5678").
_COORDINATES = re2.compile(r"(?:^|[^\d.])(-?\d{1,3}\.\d{4,8}\s*,\s*-?\d{1,3}\.\d{4,8})(?:[^\d.]|$)")


def coordinates(text: str) -> Iterator[Span]:
    for match in _COORDINATES.finditer(text):
        latitude, longitude = (abs(float(part)) for part in match.group(1).split(","))
        if 1 <= latitude <= 90 and 1 <= longitude <= 180:
            yield match.span(1)


def intersections(text: str) -> Iterator[Span]:
    for match in _CROSS.finditer(text):
        yield match.span(1)
    for match in _JOINED.finditer(text):
        left, right = match.group(1), match.group(2).strip()
        after = match.start(2) + len(right)
        if text[after : after + 1].isalpha():
            continue  # a word RE2's ASCII classes cut short: "Minutes / Biên bản"
        # Not "Boys & Girls Club", "Dillard and Southern University"; nor parishes listed
        # with "/" ("Iberia/St. Mary/St. Martin MDT", "(Caddo/Bossier)"), where
        # "Canal/St. Claude" is a corner.
        listed = _PARISHES_GO_ON.match(text[match.end(2) : match.end(2) + 12]) or (
            _a_parish(left) and _a_parish(right)
        )
        listed = listed or (_a_place_written_short(left) and _a_place_written_short(right))
        # two towns ("Houma/Thibodaux"), or two days ("Sat/Sun")
        listed = listed or (a_town_or_parish(left) and a_town_or_parish(right))
        listed = listed or (left.lower() in _DAYS and right.lower().rstrip(".") in _DAYS)
        if not (_is_org(left) or _is_org(right) or listed):
            yield match.start(1), match.start(2) + len(right)
    for match in _JOINER.finditer(text):
        # The street names on either side, within a few words: "lives near broad" →
        # "broad", "orleans ave in" → "orleans ave"; "up and down the Highway" has none.
        before = text[max(0, match.start() - 60) : match.start()]
        after = text[match.end() : match.end() + 60]
        left = _street_tail(" ".join(before.split()[-3:]))
        right = _street_head(" ".join(after.split()[:3]))
        if not (left and right) or _is_org(left) or _is_org(right):
            continue
        if " ".join(before.split()[-4:]).lower().endswith(f"along {left.lower()}"):
            continue  # "the motels along Pinhook Road and Kaliste Saloom Road": a stretch
        # "and" needs one street suffix; "at" both ("ryan st at prien lake rd").
        ends = (_ends_in_suffix(left), _ends_in_suffix(right))
        if left[:1].isupper() and right[:1].islower() and not ends[1]:
            continue  # "on Jefferson Highway and gets into an SUV": no street after "and"
        joiner = match.group().strip().lower()
        if joiner in ("y", "và"):
            if not (left[:1].isupper() and right[:1].isupper()):
                continue  # "Airline Highway và khu vực Bossier City" (and the area of)
            joiner = "and"
        if joiner == "and" and all(ends):
            ahead = before[: before.rindex(left.split()[0])].split()
            if ahead and ahead[-1].isalpha() and ahead[-1].lower() not in _CORNER_BEFORE:
                continue  # "mention Florida Boulevard and Plank Road"
        if all(ends) if joiner == "at" else any(ends):
            start = match.start() - (len(before) - before.rindex(left.split()[0]))
            yield start, match.end() + _end_of_words(after, right)
    for pattern in (_HIGHWAYS, _MEETS):
        for match in pattern.finditer(text):
            if not _INTERSTATES.fullmatch(match.group()):
                yield match.span()
    for match in _CROSSING.finditer(text):
        yield match.start(1), match.end(1) - match.group(1).endswith(".")
    for match in _AT_AND.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        left, _, right = match.group(1).replace(" at ", " and ").rpartition(" and ")
        towns = a_town_or_parish(left) and a_town_or_parish(right)  # "met at Houma and Thibodaux"
        if _SEEN.search(before) and not _is_org(match.group(1)) and not towns:
            yield match.span(1)


_NOT_IN_A_STREET_NAME = (
    NOT_STREET_WORDS
    | LOCATING
    | word_set(
        "along near into onto is was are were be she he they we it her his their our its "
        "motels hotels girls youth moved"
    )
)


# Two interstates meet at an interchange, not a corner: "truck stops on I-20 and I-49".
_INTERSTATES = re2.compile(r"(?i)i[- ]?\d{1,3}\s*(?:and|&|/|@|at|x)\s*i[- ]?\d{1,3}")


_PARISHES_GO_ON = re2.compile(r"^\s*(?:/|MDT\b|[Pp]arish|[Rr]egion|team\b)")


def _a_parish(phrase: str) -> bool:
    """ "Caddo", "Jefferson Davis", "St. Mary": one of Louisiana's parishes."""
    from .not_people import _parishes, words_of

    return words_of(phrase) in _parishes()


def _a_place_written_short(phrase: str) -> bool:
    """ "Boss.", "Webs.", "Terr.": a parish or a town written short ("(Boss./Webs.)")."""
    from .not_people import place_abbreviations

    return phrase.endswith(".") and phrase[:-1].lower() in place_abbreviations()


def _street_tail(phrase: str) -> str:
    kept: list[str] = []
    for word in reversed(phrase.split()):
        if word.strip(_PUNCTUATION).lower() in _NOT_IN_A_STREET_NAME:
            break
        # "mention Florida Boulevard": a capitalised street does not start in lower case.
        if kept and word[:1].islower() and any(k[:1].isupper() for k in kept):
            break
        kept.insert(0, word)
    return " ".join(kept)


# Before the first of two streets joined by "and", what makes them a corner, not a list
# ("covered Judge Perez Drive and Paris Road" is two streets).
_CORNER_BEFORE = word_set(
    "at on near of by off from to around outside behind corner intersection "
    "cruzan cruza entre frente esquina giao gần ở tại"  # "donde se cruzan …", "ở", "tại": at
)


# Street suffixes that are no verb: written in lower case after a capitalised name they
# still end a street ("Broad st"), where "drive", "park" or "court" may be the verb.
_SUFFIXES_NO_VERB = word_set(
    "st ave av blvd rd dr ln hwy pkwy ct pl cir street avenue boulevard road highway lane parkway"
)

# "GREENWELL ST NB": a heading after a street, not a saint's name.
_HEADINGS = word_set("n s e w ne nw se sw nb sb eb wb")


def _street_head(phrase: str) -> str:
    kept: list[str] = []
    words = phrase.split()
    for index, word in enumerate(words):
        bare = word.strip(_PUNCTUATION).lower()
        if bare in _NOT_IN_A_STREET_NAME:
            break
        # "Homer and Arcadia drive an hour": a capitalised street goes on in capitals, or
        # with a suffix no verb shares ("Broad st", "Canal ave").
        lowered = word[:1].islower() and bare not in _SUFFIXES_NO_VERB
        if kept and lowered and any(k[:1].isupper() for k in kept):
            break
        kept.append(word)
        saint = (
            bare == "st"
            and index + 1 < len(words)
            and words[index + 1][:1].isupper()
            and words[index + 1].strip(_PUNCTUATION).lower() not in _HEADINGS
        )
        if bare in SUFFIXES and not saint:  # "St. Martinville" is a saint, not a street
            break
    return " ".join(kept)


def _ends_in_suffix(phrase: str) -> bool:
    words = phrase.split()
    if len(words) < 2:
        return False  # a suffix alone names no street: "Pilot Flying J and Circle K"
    last = words[-1].strip(_PUNCTUATION).lower()
    if last == "st" and words[-1].endswith("."):
        return False  # "…and St." at a clause's end is more likely "St. Mary" cut short
    return last in SUFFIXES and last not in ("way", "place", "row", "loop", "court", "square")


_ORG_WORDS = word_set(
    "parish city university college school church hospital center centre house general "
    "club girls boys health medicine medical department office county team commission "
    "convention bureau council board authority association foundation society festival "
    "fest fair parade"  # "Shrimp & Petroleum Festival"
)


def _is_org(phrase: str) -> bool:
    return any(word.strip(_PUNCTUATION).lower() in _ORG_WORDS for word in phrase.split())
