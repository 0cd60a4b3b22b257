"""What is not a person: Louisiana's parishes and places, the organisations, laws, events
and storms in `data/not_people.txt`, and the agencies, MDTs and regions Lantern stores.
A name the model or the word lists found is dropped when one of these phrases covers it
whole ("Hope House", "St. Tammany Parish", "Lafayette", "the Adam Walsh Act"); a name
found after a strong cue ("named …", "Officer …", "her cousin …") is kept whatever it is.
"""

from __future__ import annotations

import functools
import threading
import time
from pathlib import Path

import re2
import zipcodes

from .cued_places import (
    a_heading_place,
    after_a_given_name,
    heads_a_list_of_places,
    reads_as_a_place,
)
from .lexicons import COMMON_AS_A_NAME, fold, word_set
from .unlisted_places import a_mistyped_town, an_unlisted_place, one_letter_apart

DATA = Path(__file__).resolve().parent / "data" / "not_people.txt"
# Stored names change rarely (a state admin adds an agency); read again after this long.
STORED_NAMES_SECONDS = 300
_WORD = re2.compile(r"[\pL\pM0-9]+(?:['’.&-][\pL\pM0-9]+)*")


def words_of(phrase: str) -> tuple[str, ...]:
    """A phrase as the words the matcher compares: folded, "St." and "Saint" alike, a
    possessive's "'s" dropped ("Megan's Law" → megan law)."""
    found = []
    for match in _WORD.finditer(phrase):
        word = fold(match.group()).replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        found.append("st" if word in ("saint", "st") else word)
    return tuple(found)


PARISHES = Path(__file__).resolve().parent.parent / "data" / "louisiana_parishes.csv"


@functools.cache
def _parishes() -> frozenset[tuple[str, ...]]:
    phrases = set()
    for row in PARISHES.read_text().splitlines()[1:]:  # fips_code,name
        parish = row.split(",", 1)[1].strip()
        phrases |= {words_of(parish), words_of(f"{parish} Parish")}
    return frozenset(phrases)


@functools.cache
def _sections() -> dict[str, frozenset[tuple[str, ...]]]:
    """The data file's phrases by section ("## U.S. states and territories …")."""
    sections: dict[str, set] = {}
    heading = ""
    for line in DATA.read_text().splitlines():
        line = line.strip()
        if line.startswith("## "):
            heading = line[3:]
        elif line and not line.startswith("#"):
            sections.setdefault(heading, set()).add(words_of(line))
    return {heading: frozenset(phrases) for heading, phrases in sections.items()}


@functools.cache
def _possessive_only() -> frozenset[tuple[str, ...]]:
    """Shops named with a possessive (Claire's, Wendy's, Levi's): a place only when written
    so ("at Claire's"); "Claire" alone is a person."""
    lines = [line.strip() for line in DATA.read_text().splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    possessive = {
        words_of(line) for line in lines if line.endswith(("'s", "’s")) and len(line.split()) == 1
    }
    # Listed bare as well ("Dillard", the university): a place however written.
    bare = {words_of(line) for line in lines if not line.endswith(("'s", "’s"))}
    return frozenset(possessive - bare)


_STORMS_HEADING = "Storms of the Gulf, by their name alone (in a note about storms only)"


def a_town_or_parish(phrase: str) -> bool:
    """ "Houma", "St. Mary": a Louisiana post-office town (`zipcodes`) or parish, not the
    streets and corridors the lists also hold ("Tulane", "Broad")."""
    words = words_of(phrase)
    return words in _all_towns() or words in _parishes()


@functools.cache
def _listed() -> frozenset[tuple[str, ...]]:
    listed = (p for heading, p in _sections().items() if heading != _STORMS_HEADING)
    return frozenset().union(*listed) | _parishes()


@functools.cache
def storm_names() -> frozenset[str]:
    """ "Ida", "Allison", "Juan": storms in a note that speaks of storms."""
    return frozenset(phrase[0] for phrase in _sections()[_STORMS_HEADING])


# A note that holds one of these speaks of storms ("huracán" folded).
STORM_WORDS = word_set(
    "hurricane hurricanes storm storms tropical landfall ashore huracan huracanes tormenta "
    "tormentas contraflow surge rainfall evacuation evacuations"
)


@functools.cache
def regions() -> frozenset[tuple[str, ...]]:
    """States, provinces and departments, here and where Louisiana's workers come from: a
    place before one, after a comma, is a place ("Tierra Blanca, Veracruz")."""
    return frozenset().union(
        *(
            phrases
            for heading, phrases in _sections().items()
            if heading.startswith(
                ("U.S. states", "Vietnamese provinces", "Where Louisiana", "Countries")
            )
        )
    )


@functools.cache
def places() -> frozenset[tuple[str, ...]]:
    """Places alone, no organisation: Louisiana's towns and parishes, the states and the
    places people come from (a list that holds one is a list of places)."""
    other = next(p for heading, p in _sections().items() if heading.startswith("Other places"))
    return _towns() | other | regions() | _neighbouring_towns()


# Words of institutions written short: "Reg." (Regional), "Par." (Parish), "Hosp.".
_INSTITUTION_WORDS = (
    "region regional parish county district hospital medical center office department "
    "division police sheriff juvenile court shelter services"
)


@functools.cache
def place_abbreviations() -> frozenset[str]:
    """The first three letters or more of a Louisiana parish's or town's first word, or of
    an institution's word, as busy notes write them before a full stop: "Jeff." "Terr."
    "Tangi." "Hou." "Thib." "Reg."."""
    words = {phrase[0] for phrase in _towns() if phrase} | set(_INSTITUTION_WORDS.split())
    return frozenset(word[:end] for word in words if word.isalpha() for end in range(3, len(word)))


def _states() -> frozenset[tuple[str, ...]]:
    return next(
        phrases for heading, phrases in _sections().items() if heading.startswith("U.S. states")
    )


@functools.cache
def _all_towns() -> frozenset[tuple[str, ...]]:
    return frozenset(words_of(place["city"]) for place in zipcodes.filter_by(state="LA"))


# The neighbouring states, where Louisiana's workers and youth are moved: "Port Lavaca",
# "Seadrift", "Gulf Shores", "Pascagoula".
NEIGHBOURING_STATES = ("TX", "MS", "AR", "AL", "FL")


@functools.cache
def _neighbouring_towns() -> frozenset[tuple[str, ...]]:
    """Their towns, and Louisiana's communities the postal service knows by another name
    than the town's ("Moss Bluff", "Cypremort Point", "Johnson Bayou", "Bawcomville"),
    but those a person's name could be: "Bay" (Arkansas) or "Hatfield" would hide "anh
    Bảy" and "her PO, Hatfield", "Ben Wheeler" (Texas) a man, "Mitchell" (Louisiana)."""
    from .lexicons import lexicons

    lex = lexicons()
    towns = {
        words_of(place["city"])
        for state in NEIGHBOURING_STATES
        for place in zipcodes.filter_by(state=state)
    }
    towns |= {
        words_of(city)
        for place in zipcodes.filter_by(state="LA")
        for city in (place.get("acceptable_cities") or [])
        if all(len(word) >= 3 for word in city.split())  # not "Pt A La Hache"
    }

    def a_name(town: tuple[str, ...]) -> bool:
        if len(town) == 1:
            return lex.is_name(town[0]) or lex.is_word(town[0])
        return lex.is_first_name(town[0]) and lex.is_surname(town[-1])  # "Ben Wheeler"

    return frozenset(town for town in towns if not a_name(town))


@functools.cache
def us_towns() -> frozenset[tuple[str, ...]]:
    """Every town the postal service knows, in every state, names included ("Tyler",
    "Katy", "Savannah"): only a list whose every item is a town reads them as towns."""
    # State by state: `zipcodes.list_all()` keeps all 42,000 records (about 90 MiB) alive.
    return (
        frozenset(
            words_of(place["city"])
            for state in STATE_CODES
            for place in zipcodes.filter_by(state=state)
        )
        | _towns()
    )


STATE_CODES = word_set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
)


@functools.cache
def _cued() -> frozenset[tuple[str, ...]]:
    """One-word places and things that are also a first name many were given: Marion,
    Cecilia (towns), Chase (a bank), Hurricane Barry. They count as a place only where a
    place reads ("in Marion", "Jennings, Kinder and Elton", "after Katrina"): the guard
    must not miss "the youth and Marion". (Shops named with a possessive, "Claire's",
    are `_possessive_only`.)
    The parishes and the states are always places: they fill Lantern's notes ("Savannah,
    Georgia"), and a youth named Virginia is missed (README, known limits)."""
    from .lexicons import lexicons

    births = lexicons().births
    return frozenset(
        phrase
        for phrase in (_listed() | _all_towns()) - _parishes() - _states()
        if len(phrase) == 1 and births.get(phrase[0], 0) >= COMMON_AS_A_NAME
    )


_stored: tuple[float, frozenset[tuple[str, ...]]] = (0.0, frozenset())
_stored_lock = threading.Lock()


def _stored_names() -> frozenset[tuple[str, ...]]:
    """Parishes ("St. Landry" and "St. Landry Parish"), regions, agencies and MDTs."""
    global _stored
    read_at, phrases = _stored
    if time.monotonic() - read_at < STORED_NAMES_SECONDS and phrases:
        return phrases
    with _stored_lock:
        from coordination.people.models import Agency, Parish, Region

        names = [*Region.objects.values_list("name", flat=True)]
        names += Agency.objects.values_list("name", flat=True)
        for parish in Parish.objects.values_list("name", flat=True):
            names += [parish, f"{parish} Parish"]
        for source in _name_sources:
            names += source()
        phrases = frozenset(words_of(name) for name in names if name)
        _stored = (time.monotonic(), phrases)
    return phrases


_name_sources: list = []


def add_name_source(source) -> None:
    """An app above the ground adds the names it stores that are not people (mdt: its
    MDTs' names), from its AppConfig.ready: the ground imports nothing upward."""
    if source not in _name_sources:
        _name_sources.append(source)


class NotPeople:
    """The phrases, indexed by their first word, longest first."""

    def __init__(
        self, phrases, cued=frozenset(), surnames=frozenset(), possessive=frozenset(), towns=()
    ):
        # Towns of two words or more: still a town with the last word mistyped.
        self.towns = frozenset(towns)
        # Phrases that cover only after a locative word or in a list of places.
        self.cued = cued
        # One-word places that are also surnames (Broussard, Delacroix, Washington): not a
        # place right after a given name ("Kayla Broussard").
        self.surnames = surnames
        self.possessive = possessive  # phrases that cover only a possessive: "Claire's"
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            if phrase:
                self.by_first.setdefault(phrase[0], []).append(phrase)
        for candidates in self.by_first.values():
            candidates.sort(key=len, reverse=True)
        self.longest = max((len(p) for p in phrases if p), default=1)

    def covered(
        self,
        words: list[str | None],
        possessive: list[bool] | None = None,
        plain_there: frozenset[str] = frozenset(),
    ) -> list[bool]:
        """For each token of a text (its word as `words_of` gives it, None for
        punctuation, which phrases skip over), whether a phrase covers it. Linear: each
        word tries the phrases that start with it, each bounded; a cued phrase (one word)
        is judged once the others are placed, by its neighbours on both sides.
        `possessive`: for each token, whether it was written with "'s"; `plain_there`: the
        plain words of the note's language, other than English ("lên", folded "len", is
        no given name in Vietnamese)."""
        positions = [index for index, word in enumerate(words) if word]
        plain = [words[index] for index in positions]
        # A stop between two words ("" in `words`: a full stop, a dash, a bracket) ends a
        # list of places: "…Orleans and Jefferson. — Brittany Washington".
        stopped = [False] * len(plain)
        # A comma (or other mark that is no stop) between two words: "Angie, Varnado".
        listed = [False] * len(plain)
        for at in range(1, len(plain)):
            between = words[positions[at - 1] + 1 : positions[at]]
            stopped[at] = "" in between
            listed[at] = bool(between) and not stopped[at]
        covered = [False] * len(words)
        placed = [False] * len(plain)  # by plain word: a phrase, cued or not, holds it
        cued: list[int] = []
        for start, word in enumerate(plain):
            if "-" in word and self._all_places(word):
                # One token of places joined by a hyphen: "Houma-Thibodaux".
                covered[positions[start]] = placed[start] = True
                continue
            for phrase in self.by_first.get(word, ()):
                end = start + len(phrase)
                words_here = tuple(plain[start:end])
                if words_here != phrase and not self._mistyped(words_here, phrase):
                    continue
                if phrase in self.possessive and not (possessive and possessive[positions[start]]):
                    break  # "Claire said", not "at Claire's"
                if phrase in self.cued:
                    cued.append(start)
                elif (
                    phrase in self.surnames
                    and start > 0
                    and positions[start] == positions[start - 1] + 1  # "Savannah, Georgia"
                    and after_a_given_name(plain, placed, start)
                    and plain[start - 1] not in plain_there  # "lên Hammond" (up to)
                ):
                    break  # "Kayla Broussard"
                else:
                    for index in range(positions[start], positions[end - 1] + 1):
                        covered[index] = True
                for at in range(start, end):
                    placed[at] = True
                break
        self._judge_the_rest(plain, positions, placed, stopped, listed, cued, covered, plain_there)
        return covered

    def _judge_the_rest(
        self, plain, positions, placed, stopped, listed, cued, covered, plain_there=frozenset()
    ) -> None:
        """The cued words, by their neighbours, then the words no list holds."""
        # A surname after it reads as a person: "Claire Broussard", "Virginia Jackson".
        beside = [placed[at] and (word,) not in self.surnames for at, word in enumerate(plain)]
        places = {
            plain[start]
            for start in cued
            if reads_as_a_place(plain, placed, beside, stopped, start, plain_there)
            or heads_a_list_of_places(plain, placed, stopped, listed, start)
            or a_heading_place(plain, stopped, listed, start)
        }
        # One sense in one note: "the group home in Walker; DCFS prefers Walker".
        for start in cued:
            if plain[start] in places:
                covered[positions[start]] = True
        cued_at = set(cued)
        firm = [
            placed[at] and (at not in cued_at or word in places) for at, word in enumerate(plain)
        ]
        for at in range(len(plain)):
            if not placed[at] and an_unlisted_place(plain, firm, stopped, listed, at):
                covered[positions[at]] = placed[at] = True
            # "Ouachitta Parrish", "the Vermillion Parrish school board": "parish" mistyped
            # after a place, or after a parish's name mistyped
            parish = at and (plain[at] == "parish" or one_letter_apart(plain[at], "parish"))
            if parish and (placed[at - 1] or a_mistyped_town(plain[at - 1])):
                covered[positions[at - 1]] = covered[positions[at]] = True

    def _mistyped(self, words: tuple, phrase: tuple) -> bool:
        """A town of two words or more with its last word mistyped: "Pointe Coupe"."""
        return (
            phrase in self.towns
            and len(words) == len(phrase)
            and words[:-1] == phrase[:-1]
            and len(phrase[-1]) >= 4  # "Morgan Citty"
            and one_letter_apart(words[-1], phrase[-1])
        )

    def _all_places(self, joined: str) -> bool:
        parts = joined.split("-")
        return len(parts) <= 3 and all(
            (part,) in self.by_first.get(part, ()) and (part,) not in self.cued for part in parts
        )


def not_people(*, stored: bool = True) -> NotPeople:
    """What is not a person; `stored=False`: the shipped lists alone, without asking the
    database (a process warming up as it imports, before any database is chosen)."""
    names = frozenset()
    if stored:
        try:
            names = _stored_names()
        except Exception:  # no database at hand (a management command before migrate)
            names = frozenset()
    return _index(_listed() | _all_towns() | _neighbouring_towns() | names)


@functools.lru_cache(maxsize=4)
def _index(phrases: frozenset) -> NotPeople:
    from .lexicons import lexicons

    surnames = lexicons().surnames
    return NotPeople(
        phrases,
        cued=_cued() - _possessive_only(),
        possessive=_possessive_only(),
        surnames=frozenset(p for p in phrases if len(p) == 1 and p[0] in surnames),
        towns=(p for p in _towns() if len(p) > 1),
    )


_TOWNS_HEADING = "Louisiana cities, towns, villages and places (U.S. Census places)"


@functools.cache
def _towns() -> frozenset[tuple[str, ...]]:
    """Louisiana's towns, villages, census places and parishes."""
    return _all_towns() | _sections()[_TOWNS_HEADING] | _parishes()
