"""One text read by the name rules: the rules that start from a name's own shape."""

from __future__ import annotations

from typing import TYPE_CHECKING

import re2

from .languages import HEADS_BEFORE
from .lexicons import COMMON_AS_A_NAME, word_set
from .name_context import (
    SENTENCE_OPENERS,
    _WhatStandsAround,
)
from .name_cues import _CuedNames
from .name_reading_languages import _NamesInOtherLanguages
from .name_reading_spanish import _SpanishNames
from .name_shapes import _ShapedNames
from .name_words import (
    _CONTRACTIONS,
    _STOPS,
    FAMILY_NOUNS,
    GIVEN_TO_VERY_MANY,
    HEAD_NOUNS,
    MONTHS,
    PERSONAL,
    RARELY_A_NAME,
    RELATIONS,
    STATES,
    TITLES,
    Token,
    _case_of,
)
from .not_people import storm_names
from .outlines import a_bullet
from .unlisted_places import a_neighbourhood_after_in

if TYPE_CHECKING:
    from .name_rules import NameRules


_COMPASS = frozenset(("north", "south", "east", "west", "central", "upper", "lower"))
_LOWER_APOSTROPHE_NAME = re2.compile(r"(\pL{1,3})['’](\pL{3,})")
# What comes before a Mayan calendar's day or era, not before a person: "el día B'atz'".
_A_DAYS = frozenset(("dia", "el", "un", "los", "del", "cada"))


_ORDINALS = word_set(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth"
)


class _Reading(_CuedNames, _NamesInOtherLanguages, _SpanishNames, _WhatStandsAround, _ShapedNames):
    """One text read by the rules: its tokens, which of them a place or organisation
    covers, its case, and the names found so far. Each rule looks at token `i` and at most
    a few tokens around it."""

    def __init__(self, rules: NameRules, toks: list[Token], covered: list[bool], text: str):
        self.r, self.lex, self.text = rules, rules.lex, text
        self.toks, self.covered, self.count = toks, covered, len(toks)
        self.case = _case_of(toks)
        self.found: list[tuple[int, int, bool]] = []
        self.rules = [
            self.title,
            self.cue,
            self.soft_cue,
            self.relation,
            self.talking,
            self.initials,
            self.vietnamese,
            self.vietnamese_untitled,
            self.english_order,
            self.spanish_nickname,
            self.family,
            self.first_and_surname,
            self.alone,
            self.possessive,
            self.with_someone,
            self.doer,
            self.apostrophe,
            self.appositive,
            self.called,
            self.inverted,
            self.signed,
        ]

    def name_at(self, index: int, strong: bool) -> None:
        toks, end = self.toks, self.r.extend(self.toks, index, self.case)
        if self._head_before(index):
            return  # "la Iglesia San Juan Bautista", "el Día de Reyes"
        if (
            self.r.head_follows(toks, end, self.case)
            and (
                not strong  # after a cue only a head noun right after, on the same line, counts
                or (
                    self.text[toks[end - 1].end : toks[end].start] == " "
                    and toks[end].bare in HEAD_NOUNS
                )
            )
        ):
            return  # "Captain Shreve High", "Officer Mike Foundation"
        if strong and self._an_organisation_after_a_cue(index, end):
            return  # "staff, Hilton Garden Inn", "owner: Metropolitan Human Services District"
        if self.covered[index] and end - index > 1 and toks[index + 1].bare in ("st", "saint"):
            return  # a branch named for a saint: "met with Ochsner St. Anne"
        if not strong and self._in_a_list_of_places(index, end):
            return  # "Little Woods, Pontchartrain Park and the Lower Ninth Ward"
        if not strong and end - index > 1 and a_neighbourhood_after_in(toks, index, toks[end - 1]):
            return  # "the library branch in Cedar Grove"
        whole = all(self.covered[index:end])
        if whole and end < self.count and self.covered[end] and not toks[end].capitalised:
            return  # "asked for Brady material": the phrase goes on past the name
        if all(self.covered[index:end]) and (
            not strong or self._cue_covered(index) or end - index >= 2
        ):
            # "Brother Martin" (a school), "Archbishop Rummel": the cue is in it; "met with
            # Fort Johnson family advocacy": a place of two words or more, whatever the cue
            return
        self.found.append((index, end, strong))

    def family(self, i: int) -> None:
        """the Boudreaux family, the Washingtons are…; in Spanish "los Cárcamo"."""
        toks, after = self.toks, i + 1
        if self.r.language == "es":
            self._spanish_family(i)
        if toks[i].bare != "the" or after + 1 >= self.count:
            return
        surname, then = toks[after].bare, toks[after + 1].bare
        if self.r.blocked(toks[after]) or not toks[after].capitalised:
            return  # "the CAC family advocate"
        if self.r.head_follows(toks, after + 2, self.case):
            return  # "the Methodist Children's Home"
        if self.covered[after] and (
            self.covered[i]  # "Our Lady of the Lake Children's Health"
            or then not in FAMILY_NOUNS
            or not self.lex.is_surname(surname)
        ):
            return  # "the Theriot brothers" (also a town), not "the Lafayette school"
        if then in FAMILY_NOUNS or (
            surname.endswith("s")
            and self.lex.is_surname(surname[:-1])
            and then in ("are", "were", "have", "had")
        ):
            self.found.append((after, after + 1, True))

    def first_and_surname(self, i: int) -> None:
        """A first name and a surname from the lists: maria lopez, JANELLE THOMAS; two
        common words only when a person's marks follow (Dawn Price (mother))."""
        toks, after, case, lex = self.toks, i + 1, self.case, self.lex
        if self._no_pair_at(i) or self._after_place_or_storm(i) or self._a_saint(i):
            return  # "Bayou La Batre", "San Simón"
        if self.r.language == "es" and toks[i].bare in HEADS_BEFORE and not self._given(i):
            return  # "Cristo Negro de Esquipulas", "Inmaculada Concepción" (not "Rosario Pérez")
        if self.r.language == "vi" and not self.toks[i].text.isascii():
            return  # a syllable with its marks is no English given name: "Bão Francine", "Tôm"
        if self.r.vietnamese_typed_plain(toks[i]):
            return
        if self.r.language == "es" and (
            self._an_article_in_capitals(i)
            or (self.case == "caps" and self.toks[i].bare in ("al", "del", "el"))
        ):
            return  # "EN LA CAÑA DE AZÚCAR", "SE CAMBIA AL SALÓN"
        token, nxt = toks[i], toks[after]
        if case == "mixed" and token.text.islower() and nxt.text.islower():
            if self._typed_in_lower_case(i):
                self.found.append((i, after + 1, False))
            return
        # A given name that is also a noun (Maria, Tiffany) counts only in a pair standing
        # alone between stops, as a signature or a list item stands.
        standalone = (i == 0 or not toks[i - 1].has_letters) and (
            after + 1 >= self.count or toks[after + 1].text in _STOPS
        )
        given = self._given_then_no_plain_word(i, standalone)
        shouted = self._shouted(i, standalone)
        if (
            case == "mixed"
            and not shouted
            and not (token.capitalised and self.r.nameish(nxt, case))
        ):
            return
        if not (
            lex.is_name(nxt.bare)
            or (case == "mixed" and not lex.is_word(nxt.bare))
            or given
            or shouted
        ):
            return
        common = lex.is_plain_word
        end = self.r.extend(toks, after, case)
        if self.r.head_after_a_list(toks, end, case) or self._of_a_devotion(i):
            return  # "Cedar Grove and Mooretown neighborhoods", "the Krewe of King Arthur"
        if not (common(token.bare) and common(nxt.bare)) or self.r.person_follows(toks, end):
            self.name_at(i, strong=False)

    def _no_pair_at(self, i: int) -> bool:
        """Whether the word at `i` cannot open a first name and a surname."""
        toks, after, lex = self.toks, i + 1, self.lex
        token = toks[i]
        if after >= self.count or not lex.is_first_name(token.bare):
            return True
        if self.a_spanish_noun_in_lower_case(i):
            return True  # "la tia esta preocupada", "la misa de la virgen"
        if i > 0 and toks[i - 1].text.isdigit() and lex.is_word(token.bare):
            return True  # "40 miles round trip": a count, then what is counted
        if token.bare in MONTHS and toks[after].bare in _ORDINALS:
            return True  # "DUE BY JUNE FIRST": a date
        if (
            self.case != "mixed"
            and lex.is_word(token.bare)
            and lex.births.get(token.bare, 0) < RARELY_A_NAME
        ):
            return True  # "crew boss keeps their ids": a word rarely given as a name
        if after + 1 < self.count and self.covered[after] and self.covered[after + 1]:
            return True  # "Silver Nissan Altima": what follows is a thing or a place
        if i > 0 and (toks[i - 1].bare in ("st", "saint") or toks[i - 1].text.lower() == "thánh"):
            return True  # "ochsner st anne ed": a saint's name, then the emergency department
        if token.bare in _COMPASS and (
            self.covered[after] or toks[after].bare in STATES or toks[after].capitalised
        ):
            return True  # "North Louisiana", "South Lafourche", "North Delta"
        # … or a place's last word: "safe harbor laws"
        return (
            self.r.blocked(token, allow_month=True)
            or self.r.blocked(toks[after])
            or self.covered[i]
        )

    def _typed_in_lower_case(self, i: int) -> bool:
        """ "…for the forensic interview. jasmine carter.": a name typed in lower case in a
        mixed note; two words that are no plain words, the first a common name."""
        lex, token, nxt = self.lex, self.toks[i], self.toks[i + 1]
        return (
            (lex.births.get(token.bare, 0) >= COMMON_AS_A_NAME or not lex.is_word(token.bare))
            and not lex.is_plain_word(token.bare)  # "crew leader", "foster mom"
            and not token.text.endswith(("'s", "’s"))  # "a mason's helper"
            and not self.covered[i]
            and nxt.bare.isalpha()
            and (
                not lex.is_word(nxt.bare)
                or (lex.is_surname(nxt.bare) and not lex.is_plain_word(nxt.bare))
                # a given name that is no English word at all, then a noun that is no
                # plain word: "aaliyah delacroix" (WordNet lists the painter)
                or (not lex.is_word(token.bare) and not lex.is_plain_word(nxt.bare))
            )
        )

    def _given_then_no_plain_word(self, i: int, standalone: bool) -> bool:
        """KAYLA DELACROIX, maria thibodaux: a common given name, then no plain word."""
        lex, token, nxt = self.lex, self.toks[i], self.toks[i + 1]
        return (
            lex.births.get(token.bare, 0) >= COMMON_AS_A_NAME
            and (standalone or not lex.is_word(token.bare))
            and (
                not lex.is_plain_word(token.bare)
                or (standalone and lex.births.get(token.bare, 0) >= GIVEN_TO_VERY_MANY)
            )
            and nxt.bare.isalpha()
            and len(nxt.bare) > 2
            and not lex.is_plain_word(nxt.bare)
            and not self.covered[i + 1]
        )

    def _shouted(self, i: int, standalone: bool) -> bool:
        """In a note with small letters, a given name and a word, both in capitals and
        neither a plain word: NGOZI DELACROIX."""
        lex, token, nxt = self.lex, self.toks[i], self.toks[i + 1]
        return (
            token.text.isupper()
            and nxt.text.isupper()
            and lex.is_first_name(token.bare)
            and (
                not lex.is_plain_word(token.bare)
                or (standalone and lex.births.get(token.bare, 0) >= GIVEN_TO_VERY_MANY)
            )
            and len(token.bare) > 2
            and nxt.bare.isalpha()
            and len(nxt.bare) > 2
            and not lex.is_plain_word(nxt.bare)
            and not self.covered[i + 1]
        )

    def alone(self, i: int) -> None:
        """A first name alone (DeShawn was at the party, that Tasha not be told, kaitlyn
        15 yo: the lists say it is a first name and it is no English word), a common first
        name that is otherwise only a noun, capitalised in the middle of a sentence ("the
        youth and Destiny", "Ferdinand (backup)"), a first name that is also a word or a
        place when only a person would do what follows (Precious said, Jackson met her),
        or a surname alone in the middle of a sentence (ask Thibodeaux about it)."""
        toks, case, lex = self.toks, self.case, self.lex
        token, word, after = toks[i], toks[i].bare, i + 1
        if token.capitalised and self._only_a_person_there(i):
            self.found.append((i, i + 1, True))  # "drove Justice to her hearing"
            return
        if self.r.blocked(token) or word in TITLES or word in RELATIONS:
            self._a_month_or_title_acting(i)
            return
        if self._a_law_article(i) or _an_acronym_owning(token.text):
            return  # "Art. 725", "ULM's social work program"
        if self.r.vietnamese_typed_plain(token):
            return
        if self._of_a_devotion(i):
            return  # "the Krewe of King Arthur asked", "Sisters of Mercy said"
        if self._an_apodo_acting(i) or self._a_nickname_acting(i):
            self.found.append((i, i + 1, False))  # "el Cuervo manejaba", "Peanut keeps…"
            return
        if self._korean_given(i) or self._doubled(i) or self._a_thing_around(i):
            return
        if after + 1 < self.count and toks[after].text == "," and toks[after + 1].bare in STATES:
            return  # Tyler, Texas
        if self.covered[i] and i > 0 and toks[i - 1].bare in ("in", "from", "of", "near"):
            return  # a town after "in", even doing something: "the consulate in Houston sent"
        if self.covered[i] and word in storm_names():
            return  # a storm in a note about storms: "Lili hit Vermilion" (`cover_storms`)
        capital = token.capitalised and not token.text.isupper()
        first_name = lex.is_first_name(word)
        acts = after < self.count and toks[after].bare in PERSONAL or self.a_person_did(after)
        if self._a_common_name_acting(i, capital and first_name, acts):
            if not self._in_a_list_of_places(i, i + 1):  # "Gramercy, Lutcher and Paulina said"
                self.found.append((i, self.r.extend(toks, i, case), True))
            return
        if self.covered[i]:
            return
        if (token.capitalised or token.text.isupper()) and self.r.said_of_a_person(toks, after):
            self.found.append((i, i + 1, True))  # "Peanut is the one holding the phones"
            return
        middle = i > 0 and toks[i - 1].text not in SENTENCE_OPENERS
        middle = middle and not a_bullet(self.text, toks[i - 1])  # "- Faith partners want in"
        if self.r.language == "en" and self._a_thing_by_what_is_before(i):
            return
        if self.r.language == "es" and capital and self._spanish_alone(i, middle):
            return
        if case != "mixed" and not capital and self.r.mistyped(word):
            return  # "sumit in lake charls": a rare name one letter from a word is a typo
        if self._alone_a_name(i, middle, capital, first_name):
            end = self.r.extend(toks, i, case)
            # "Ernest N. Morial Convention Center", "the E.A. Conway clinic"
            if self.r.head_after_a_list(toks, end, case) or self.r.the_thing_named(toks, i, end):
                return
            if not self._in_a_list_of_places(i, end):  # "from Truman and Mills Addition"
                self.found.append((i, end, False))

    def _a_law_article(self, i: int) -> bool:
        toks = self.toks
        return (
            i + 1 < self.count
            and toks[i].text in ("Art.", "art.", "Arts.")
            and toks[i + 1].text[:1].isdigit()
        )

    def _alone_a_name(self, i: int, middle: bool, capital: bool, first_name: bool) -> bool:
        """The word at `i`, alone, by the lists and what follows it (see `alone`)."""
        toks, case, lex = self.toks, self.case, self.lex
        word, after = toks[i].bare, i + 1
        found = (
            first_name
            and (case != "mixed" or capital)
            and (
                not lex.is_word(word)
                or self.r.word_name_acts(toks, i)
                or (
                    lex.births.get(word, 0) >= COMMON_AS_A_NAME
                    # A plain word opening a sentence ("Case was opened") needs a deed.
                    and (middle or not lex.is_plain_word(word))
                    and self.r.person_follows(toks, after)
                )
            )
        )
        found = found or (
            first_name
            and capital
            and middle
            and not lex.is_plain_word(word)
            and lex.births.get(word, 0) >= COMMON_AS_A_NAME
            and not self._of_an_organisation(i)
        )
        found = found or (
            capital and (middle or case == "lower") and lex.is_name(word) and not lex.is_word(word)
        )
        return found

    def apostrophe(self, i: int) -> None:
        """ty'shawn, de'andre, ka'mya in a note typed in lower case: a letter or three, an
        apostrophe, then letters that are no English word and no contraction."""
        token = self.toks[i]
        match = _LOWER_APOSTROPHE_NAME.fullmatch(token.text)
        if match is None or self.covered[i] or self.r.blocked(token):
            return
        if self._after_place_or_storm(i):
            return  # "Lake D'Arbonne"
        head, tail = match.group(1).lower(), match.group(2).lower()
        if head == "l" or (head in ("y", "o") and self.lex.is_word(tail)):
            return  # l'auberge, y'know, o'clock
        glottal = head[-1] == "q" or head in ("b", "k", "tz", "ch")  # a Mayan word's
        thing = token.text[0].islower() or any(
            t.bare in _A_DAYS for t in self.toks[max(0, i - 3) : i]
        )
        if glottal and thing:
            return  # "b'alam", "ajq'ij", "el día Wajxaqib' B'atz'" (not "se presenta como Q'anil")
        if tail in _CONTRACTIONS or (self.lex.is_word(tail) and not self.lex.is_name(tail)):
            return
        self.found.append((i, i + 1, True))


def _an_acronym_owning(text: str) -> bool:
    """An acronym with "'s": "ULM's", "DCFS's" (a name in capitals has no lower-case "s")."""
    bare = text.removesuffix("'s").removesuffix("’s")
    return bare != text and len(bare) >= 2 and bare.isupper()
