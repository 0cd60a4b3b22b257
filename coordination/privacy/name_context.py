"""The rules of `_Reading` (name_reading.py) that read what stands around a word: a place's
prefix, a storm, a head noun, an article or "in" before it, a devotion ("Our Lady of"),
or a person taken somewhere ("drove Justice to court")."""

from __future__ import annotations

from .lexicons import COMMON_AS_A_NAME, a_mistyped_month, lexicons, word_set
from .name_words import (
    FAMILY_NOUNS,
    HEAD_NOUNS,
    PLACE_PREFIXES,
    RELATIONS,
    STATES,
    STORMS,
    TITLES,
)
from .not_people import STORM_WORDS, places, storm_names, us_towns
from .unlisted_places import AND_OR, in_a_list_of_places

# What follows "and" after a person's name, not after a word: "Destiny and her mom".
_NOT_A_THING = RELATIONS | word_set(
    "her his their my your our its the a an this that these those other some two three"
)
# What follows a person met: "spoke w/ joy at the rink", "met with hope today".
_WHERE_OR_WHEN = frozenset(
    ("at", "about", "on", "in", "today", "yesterday", "again", "and", ",", ".", ";", "—", "-")
)
# What is done at a person, not at a place: "yelled at Tasha", "looked at Kayla".
_AT_SOMEONE = word_set(
    "mad angry upset yelled yelling yell yells screamed screaming scream look looked looking "
    "laughed laughing pointed pointing threw throw throwing shot shooting swung staring "
    "stared glared glaring aimed directed lashed snapped cussed cursed"
)
_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "his", "her", "their", "our", "my"))
_STAFF = frozenset(("SW", "RN", "ED", "ER", "ICU", "CM", "NP", "LPN", "SANE"))
# What a sentence, a quote or an aside opens after ("… said. Hope is …").
SENTENCE_OPENERS = frozenset((".", "!", "?", ":", ";", '"', "("))
# Words after which only a place goes, a word no list holds included: "out of Leeville".
_ONLY_A_PLACE_AFTER = word_set("in near nr outside")
_BEFORE_A_MONTH = word_set(
    "in of since by until from during last next this early late for through to after each "
    "every the on"
)
_PLACE_ADJECTIVES = frozenset(("petit", "petite", "grand", "grande", "little", "big", "old"))
_PLACE_ADJECTIVES |= frozenset(("fausse", "false", "bois", "upper", "lower"))  # Lake Fausse Pointe
OF_WHOM = frozenset(("lady", "sisters", "daughters", "brothers", "knights", "friends", "sons"))
OF_WHOM |= frozenset(("krewe", "krewes"))  # "the Krewe of King Arthur"
# "the Cathedral of the Immaculate Conception", "the Church of St. Rita"
OF_WHOM |= frozenset(("cathedral", "church", "basilica", "shrine", "chapel", "parish"))
_TAKES_SOMEONE = frozenset(
    ("drove", "drives", "took", "takes", "brought", "brings", "picked", "dropped", "walked")
    + ("sent", "moved", "transported", "escorted", "accompanied", "driving", "taking")
    + ("put", "puts", "putting", "get", "got", "bring")  # "put Sincere back on the agenda"
)
_SAINTS = frozenset(("st", "saint", "san", "santa", "santo", "sainte"))
_FARTHEST_BACK = 4
_NEAR = frozenset(("near", "nr", "outside", "toward", "towards"))
_CONFIDED = frozenset(("confided", "confides", "trust", "trusts", "believe", "believes"))
_CONFIDED |= frozenset(("interested", "interest", "faith", "confidence", "involved"))
# Verbs whose "in" takes a person: "checked in Tasha", "loop in Comeaux", "brought in Dre".
_CONFIDED |= word_set(
    "check checked checks sign signed signs bring brought brings call called calls fill filled "
    "loop looped let take took pull pulled keep kept rope roped buzz buzzed"
)


def a_devotion_before(toks, first: int) -> bool:
    """Whether "Our Lady of", "Sisters of", "the Krewe of" stands up to three words before;
    or a capitalised plural that is no name: "Hearts of Hope", "Friends of Lafitte"."""
    lex = lexicons()
    for back in range(max(1, first - 3), first):
        # "of", or the French "du", "des": "Krewe du Vieux", "Krewe des Fleurs"
        if toks[back].bare not in ("of", "du", "des") or not toks[back - 1].capitalised:
            continue
        whom = toks[back - 1].bare
        if whom in OF_WHOM:
            return True
        if whom.endswith("s") and lex.is_word(whom) and not lex.is_name(whom):
            return True
    return False


def a_place_after_near(toks, i: int, lex) -> bool:
    """ "a casino near Toomey": after "near", "outside" or "toward", a word no list holds
    as a first name is a place (not "sat near Landry")."""
    return i > 0 and toks[i - 1].text in _NEAR and not lex.is_first_name(toks[i].bare)


def _a_prefix(token) -> bool:
    """A place's or a storm's first word: "Lake", "St.", "Hurricane", "Thánh", "bão"."""
    return (
        token.bare in PLACE_PREFIXES
        or token.bare in STORMS
        or token.text.lower() in ("thánh", "bão")  # Saint, storm (not Thanh, Bao)
    )


class _WhatStandsAround:
    """Mixed into `_Reading`, which holds the text, its tokens and the names found."""

    def _an_article_in_capitals(self, i: int) -> bool:
        """ "LA CAÑA DE AZÚCAR" in a Spanish note in capitals; "¡Jesús!", an exclamation."""
        toks = self.toks
        if i > 0 and toks[i - 1].text in ("¡", "!") and i + 1 < self.count:
            return toks[i + 1].text in ("!", "!,")
        return self.case == "caps" and i > 0 and toks[i - 1].text in ("EL", "LA", "LOS", "LAS")

    def _only_a_person_there(self, i: int) -> bool:
        """Taken somewhere, holding a rota's duty, or with a role after a comma in Spanish,
        even a word a place is ("Broussard has primary until 1900")."""
        duty = i + 2 < self.count and self.r.holds_a_duty(self.toks, i + 1)
        duty = duty and not self.lex.is_plain_word(self.toks[i].bare)  # "You have primary"
        # in Spanish, a town is no "el defensor público": "Broussard, el defensor…"
        role = i + 2 < self.count and self.toks[i + 1].text == "," and self.r.language == "es"
        # not "LA JOVEN, EL PATRÓN", "Gracias, la…", "de HSI, la fiscal", "Tangipahoa, el…"
        word, shouted = self.toks[i].bare, self.toks[i].text.isupper()
        named = self.lex.is_first_name(word) or not self.lex.is_word(word)
        placed = self.covered[i] and self.lex.is_name(word) and not (i and self.covered[i - 1])
        named = named and not self.covered[i]
        role = role and self.case == "mixed" and not shouted and (placed or named)
        role = role and self._spanish_kin_after(i + 2)
        return duty or role or (i > 0 and self._taken_somewhere(i))

    def _taken_somewhere(self, i: int) -> bool:
        """A given name many bear, taken or brought somewhere: "drove Justice to court",
        "took Hope home"."""
        toks, after = self.toks, i + 1
        return (
            self.lex.births.get(toks[i].bare, 0) >= COMMON_AS_A_NAME
            and toks[i - 1].bare in _TAKES_SOMEONE
            and after < self.count
            and toks[after].bare in ("to", "home", "back", "from", "out")
        )

    def _a_thing_by_what_is_before(self, i: int) -> bool:
        """ "Holiday in Dixie": "in" before a word no list holds as a surname makes it a
        place or a thing, not "in Kayla's car", "loop in Comeaux" or "confided in Destiny".
        An article alone does too ("the Ritz", "the Petro and the TA"), but not before a noun:
        "the Landry boy", "the Tasha situation"."""
        toks, after = self.toks, i + 1
        if self.case != "mixed" or i == 0 or toks[i].folded.endswith(("'s", "’s")):
            return False
        owned = [t.folded.endswith(("'s", "’s")) for t in toks[after : after + 2]]
        if after < self.count and (toks[after].bare in FAMILY_NOUNS or any(owned)):
            return False  # "in Kayla's car", "in Kayla and Tasha's room"
        if toks[i - 1].text in _NEAR:
            return a_place_after_near(toks, i, self.lex)
        if toks[i - 1].text == "the" and (
            after >= self.count or not toks[after].text.isalpha() or toks[after].bare in AND_OR
        ):
            return True  # no one is "the Kayla": "the Petro and the TA", "the Ritz."
        if toks[i - 1].text == "the" and self._an_english_word_before_a_plural(i):
            return True  # "the Faith leaders cohort" (not "the Landry twins")
        if toks[i - 1].text in ("Project", "Operation", "Camp", "Mission"):
            return True  # a programme's name: "Project Destiny", "Operation Safe Harbor"
        if toks[i - 1].text == "at" and (i < 2 or toks[i - 2].bare not in _AT_SOMEONE):
            return True  # where, not whom: "ELL tutoring at Delgado" (not "yelled at Tasha")
        return (
            toks[i - 1].text == "in"
            and not self.lex.is_surname(toks[i].bare)  # "loop in Comeaux"
            and (i < 2 or toks[i - 2].bare not in _CONFIDED)
        )

    def _an_english_word_before_a_plural(self, i: int) -> bool:
        after, lex = i + 1, self.lex
        if after >= self.count or not lex.is_word(self.toks[i].bare):
            return False
        plural = self.toks[after].text
        return plural.islower() and plural.endswith("s") and lex.is_word(plural[:-1])

    def _an_organisation_after_a_cue(self, index: int, end: int) -> bool:
        """After a cue, a brand's name or an English word that is no name, then a head noun
        or "of" and a capitalised word: "Hilton Garden Inn", "Family Promise of Acadiana"."""
        toks, word = self.toks, self.toks[index].bare
        if not (self.covered[index] or (self.lex.is_word(word) and not self.lex.is_name(word))):
            return False
        of = end + 1 < self.count and toks[end].bare == "of" and toks[end + 1].capitalised
        return of or self.r.head_follows(toks, end, self.case)

    def _in_a_list_of_places(self, first: int, end: int) -> bool:
        return self.case == "mixed" and in_a_list_of_places(self.toks, first, end, places())

    def _an_unlisted_place(self, i: int) -> bool:
        """A word no list holds where only a place goes: after "in", "near" or "out of"
        (not "from" or "to", which a person follows as often: "a text from …"), or
        closing a list of places."""
        before = self.toks[i - 1].bare if i > 0 else ""
        out_of = before == "of" and i > 1 and self.toks[i - 2].bare == "out"
        return before in _ONLY_A_PLACE_AFTER or out_of or self._in_a_list_of_places(i, i + 1)

    def _spelling_unsure(self, i: int) -> bool:
        """A word whose spelling the writer doubts, "(sp?)": only a name is so doubted."""
        toks, after = self.toks, i + 1
        return (
            after + 1 < self.count
            and toks[after].text == "("
            and toks[after + 1].bare == "sp"
            and toks[i].has_letters
            and not self.r.blocked(toks[i])
            and not self.covered[i]  # a place's spelling is doubted too: "Plaquemine (sp?)"
            and (self.lex.is_name(toks[i].bare) or not self.lex.is_word(toks[i].bare))
        )

    def _a_words_name_ends(self, i: int) -> bool:
        """A capitalised English word after a plain one (more a word than a name): the two
        end an organisation's or a thing's name, not a person's ("Coast Guard", "School
        Board")."""
        toks, lex = self.toks, self.lex
        before = toks[i - 1] if i > 0 else None
        return (
            self.case == "mixed"
            and before is not None
            and before.capitalised
            and not before.text.isupper()
            and lex.is_plain_word(before.bare)
            and lex.is_word(toks[i].bare)
            and before.bare not in TITLES
            and before.bare not in RELATIONS
            # not a sentence's first word: "Yesterday Hunter said"
            and i > 1
            and toks[i - 2].text not in SENTENCE_OPENERS
            and toks[i - 2].text != "-"
        )

    def _cue_covered(self, index: int) -> bool:
        before = index - 1
        if before >= 0 and self.toks[before].text == ".":
            before -= 1
        return before >= 0 and self.covered[before]

    def _a_thing_around(self, i: int) -> bool:
        """Words around that make the word at `i` a place's or a thing's: a head noun
        after ("Hope House"), a place's prefix or a storm before ("Lake Charles",
        "Hurricane Ida"), or, in Spanish, a head noun or an article before ("la Iglesia
        San Juan", "el Rosario"); or a month mistyped where a month goes ("the Aprill
        meeting", "since Febuary")."""
        before = self.toks[i - 1].bare if i > 0 else ""
        return (
            self.r.head_follows(self.toks, i + 1, self.case)
            or self._after_place_or_storm(i)
            or self._of_a_devotion(i)
            or self._head_before(i)
            or (
                i > 0
                and self.toks[i - 1].text in ("el", "la", "los", "las", "un", "una", "Un", "Una")
            )
            or (self.r.language == "es" and self._an_article_in_capitals(i))
            or (before in _BEFORE_A_MONTH and a_mistyped_month(self.toks[i].bare))
            or self._a_word_and_a_word(i)
            # a hospital's staff: "Glenwood SW says", "Lourdes ED called"
            or (i + 1 < self.count and self.toks[i + 1].text in _STAFF)
            or (self.r.language == "es" and self._a_colour(i))  # "una troca blanca"
        )

    def _a_numbered_unit(self, at: int) -> bool:
        """A word no list gives as a first name, then a number: "Region 2", "Troop F"."""
        toks = self.toks
        return (
            at + 1 < self.count
            and (toks[at + 1].text.isdigit() or len(toks[at + 1].text) == 1)
            and self.lex.is_word(toks[at].bare)
            and not self.lex.is_first_name(toks[at].bare)
        )

    def _a_word_name_met(self, at: int) -> bool:
        """ "spoke w/ joy at the rink": in lower case, a word many bear as a given name, then
        where or when (not "met with faith leaders")."""
        token, after = self.toks[at], at + 1
        return (
            token.text.islower()
            and self.lex.births.get(token.bare, 0) >= COMMON_AS_A_NAME
            and (after >= self.count or self.toks[after].bare in _WHERE_OR_WHEN)
        )

    def _a_common_name_acting(self, i: int, capitalised_name: bool, acts: bool) -> bool:
        """A given name many bear, capitalised, doing what a person does ("Precious said");
        in a note all in lower case no capital tells: "grant says the boss holds their pay"
        (not "the bill says")."""
        toks, lex = self.toks, self.lex
        bare = self.case == "lower" and not (i > 0 and toks[i - 1].bare in _DETERMINERS)
        bare = bare and lex.is_first_name(toks[i].bare)
        common = lex.births.get(toks[i].bare, 0) >= COMMON_AS_A_NAME
        return (capitalised_name or bare) and acts and common

    def _a_word_and_a_word(self, i: int) -> bool:
        """A word that is also a name, opening a line, "and" a plain word in lower case:
        "- Patience and trust high, money low" (not "Destiny and her mom", "Hope and
        Faith")."""
        toks, lex = self.toks, self.lex
        if i + 2 >= self.count or toks[i + 1].bare != "and" or not lex.is_word(toks[i].bare):
            return False
        if i > 0 and toks[i - 1].text not in ("-", "*", "•", "\n", ".", ":"):
            return False
        then = toks[i + 2]
        return (
            then.text.islower()
            and lex.is_word(then.bare)
            and lex.births.get(then.bare, 0) < COMMON_AS_A_NAME
            and then.bare not in _NOT_A_THING
        )

    def _after_place_or_storm(self, i: int) -> bool:
        """St. Landry, Lake Charles, Hurricane Ida, Tropical Storm Francine, Thánh Têrêsa;
        a saint's place after "de": St. Vincent de Paul, St. Martin de Tours, Isle de Jean
        Charles; a saint of two names: St. Jean Vianney. Walks back a few words at most, so
        "de Ana de Ana …" costs no more than "de Ana"."""
        toks = self.toks
        for _ in range(_FARTHEST_BACK):
            before = i - 1
            if before < 0:
                return False
            if i >= 2 and toks[before].text in ("de", "du"):
                if toks[i - 2].bare in PLACE_PREFIXES:
                    return True  # "Isle de Jean"
                i -= 2  # is the word before "de" a place's? "St. Vincent de Paul"
                continue
            if i >= 2 and toks[before].bare in _PLACE_ADJECTIVES and toks[before].capitalised:
                before -= 1  # "Bayou Petit Caillou", "Lake Little Bayou"
            elif (
                i >= 2
                and toks[before].capitalised
                and self.lex.is_first_name(toks[before].bare)
                and not _a_prefix(toks[before])
            ):
                if toks[before - 1].bare in _SAINTS:
                    return True  # "St. Jean Vianney", "St. Peter Claver"
                i = before  # "Isle de Jean Charles": is "Jean" a place's?
                continue
            if before >= 0 and toks[before].text == ".":
                before -= 1
            return before >= 0 and _a_prefix(toks[before])
        return False

    def _of_an_organisation(self, i: int) -> bool:
        """Department of Justice, Office of Juvenile Justice."""
        toks = self.toks
        for back in range(max(0, i - 3), i):
            if toks[back].bare == "of" and back > 0 and toks[back - 1].bare in HEAD_NOUNS:
                return True
        return False

    def _of_a_devotion(self, i: int) -> bool:
        """ "Our Lady of Guadalupe", "Sisters of St. Joseph", "Knights of Peter Claver" (an
        order's word is capitalised: not "the sisters of Jasmine")."""
        return a_devotion_before(self.toks, i)


# What a person, not a storm, does next: "Ida said", "Michael was placed", "Juan, 16,".
_SAID = word_set(
    "said says told tells disclosed admitted denied denies texted messaged cried answered "
    "reported stated asked called calls explained"
)
_DONE = word_set(
    "moved placed seen picked returned taken found interviewed arrested referred released "
    "located transported screened enrolled"
)


def cover_storms(toks, covered: list[bool], lex) -> None:
    """In a note that speaks of storms, a storm's name alone is the storm ("Ida repeated
    the pattern", "Allison's rains", "later Cristobal pushed water"); not one a person's
    marks follow: a surname ("Isaac Thibodeaux"), speech, what is done to a person, an age
    or a relation ("Michael was placed", "Juan, 16,")."""
    if not any(STORM_WORDS.intersection(t.bare.split("-")) for t in toks):  # "storm-season"
        return
    storms = storm_names()
    for at, token in enumerate(toks):
        if not token.capitalised or token.bare not in storms or covered[at]:
            continue
        if not _a_person_after(toks, at, lex):
            covered[at] = True


def _a_person_after(toks, at: int, lex) -> bool:
    nxt = toks[at + 1 : at + 4]
    if not nxt:
        return False
    first = nxt[0]
    owned = toks[at].folded.endswith("'s")
    if not owned and first.capitalised and lex.is_surname(first.bare) and first.has_letters:
        return not lex.is_plain_word(first.bare)
    if first.bare in _SAID or first.bare in RELATIONS:
        return True
    words = [t.bare for t in nxt]
    if words[0] in ("was", "is", "got", "has", "had") and len(words) > 1:
        return words[1] in _DONE or words[1] in _SAID
    if words[0] in (",", "(") and len(nxt) > 1:  # an age, not a year: "Isaac (2012)"
        age = nxt[2] if nxt[1].bare in ("age", "aged") and len(nxt) > 2 else nxt[1]
        return (age.text.isdigit() and len(age.text) <= 2) or nxt[1].bare in RELATIONS
    return words[0] == "and" and len(words) > 1 and words[1] in ("her", "his", "their")


def cover_towns_before_a_state(toks, covered: list[bool], lex) -> None:
    """One sense in one note: a town written with its state ("in Tyler, Texas") is the
    town wherever the note names it again ("The Tyler provider confirmed intake"), unless
    a person's marks follow it there ("Tyler said", "Tyler, 16,")."""
    # a town of two words first: "the El Dorado, Arkansas police"
    for at in range(1, len(toks) - 2):
        pair = (toks[at - 1].bare, toks[at].bare)
        named = toks[at - 1].capitalised and toks[at].capitalised and toks[at + 1].text == ","
        if (
            named
            and toks[at + 2].bare in STATES
            and toks[at + 2].capitalised
            and pair in us_towns()
        ):
            covered[at - 1] = covered[at] = True
    towns = {
        toks[at].bare
        for at in range(len(toks) - 2)
        if toks[at].capitalised
        and toks[at + 1].text == ","
        and toks[at + 2].bare in STATES
        and toks[at + 2].capitalised
        # not a state that is a given name, nor a list of people: "Kayla, Georgia and …"
        and lex.births.get(toks[at + 2].bare, 0) < COMMON_AS_A_NAME
        and (len(toks[at + 2].text) > 2 or toks[at + 2].text.isupper())
        and not (at and toks[at - 1].capitalised)
    }
    # "a ticket to Marshall TX": a U.S. town, then its state's two capitals
    towns |= {
        toks[at].bare
        for at in range(len(toks) - 1)
        if toks[at].capitalised
        and len(toks[at + 1].text) == 2
        and toks[at + 1].text.isupper()
        and toks[at + 1].bare in STATES
        and (toks[at].bare,) in us_towns()
    }
    if not towns:
        return
    for at, token in enumerate(toks):
        if token.capitalised and token.bare in towns and not _a_person_after(toks, at, lex):
            covered[at] = True
