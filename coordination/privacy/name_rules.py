"""What a token may be in a name, and the rules' reading of a text (`NameRules.find`)."""

from __future__ import annotations

import re2

from .languages import COMMON, ROTA_DUTIES, frequent_words, vietnamese_words_no_name_holds
from .lexicons import COMMON_AS_A_NAME, Lexicons
from .name_reading import _Reading
from .name_words import (
    _CAPITAL_PARTICLES,
    _GRAMMAR_ONLY,
    ACRONYMS,
    DONE_TO_A_PERSON,
    HEAD_NOUNS,
    HOLIDAYS,
    INITIALISMS,
    LANGUAGES,
    LONGEST_NAME,
    MONTHS,
    PARTICLES,
    PERSONAL,
    RELATIONS,
    SPEAKING,
    SUFFIXES,
    THING_HEADS,
    WEEKDAYS,
    Token,
)

_PARTICLES_OF_A_COMPOUND = frozenset(
    ("up", "in", "out", "off", "on", "over", "down", "by", "away", "back", "through")
)

# Agencies' acronyms typed in lower case ("dcfs, cac, hsi and the ada"); not those that are
# also names or words ("lea", "gal", "casa").
_ACRONYMS_TYPED_LOW = frozenset(a for a in ACRONYMS if len(a) >= 3) - {"LEA", "GAL", "CASA", "DOL"}
# What a place takes after a hyphen and a person's name does not: "Monroe-area shelters".
_OF_A_PLACE = frozenset(("area", "based", "wide", "bound"))

# What follows an event's or a festival's name in lower case.
_EVENT_HEADS = frozenset(
    ("outreach", "festival", "fest", "weekend", "parade", "parades", "crowd", "crowds", "traffic")
    + ("neighborhood", "neighborhoods", "neighbourhood", "neighbourhoods", "communities")
    + ("branch", "branches", "campuses")  # "the Rosa Keller and Norman Mayer branches"
    + ("disclosures", "material", "violations", "obligations")  # "Brady and Giglio disclosures"
    # "Delgado, Nunez and Fletcher community colleges", "Dillard and Xavier universities"
    + ("colleges", "universities", "schools", "hospitals", "clinics")
)
# Plain words between a list's last name and its plural head: "community colleges".
_BEFORE_A_HEAD = frozenset(("community", "high", "middle", "elementary", "truck", "public"))
# An institution's head, in lower case after "the" and a name: "the E.A. Conway clinic".
_LOWER_HEADS = frozenset(
    ("clinic", "hospital", "school", "college", "university", "academy", "center", "centre")
    + ("library", "stadium", "campus", "infirmary", "chapel", "cathedral", "shelter", "station")
    + ("stop", "casino", "motel", "hotel", "store", "outlet", "plant", "marina", "diner")
    + ("program", "programme", "ministry", "initiative")
)
_HEADS = _LOWER_HEADS | {head + "s" for head in _LOWER_HEADS}  # "the Grace and Faith shelters"
_NOT_OF_A_KIND = frozenset(("at", "in", "on", "of", "to", "for", "from", "with", "by", "and", "or"))
_FOUNDATIONS = frozenset(("foundation", "fund", "trust", "endowment"))
# Between a name and its deed: "Justice never came back", "Faith still texts her".
_NOW_AND_THEN = frozenset(("never", "still", "always", "just", "also", "already", "finally"))
_PERSON_NOUNS = frozenset(("girl", "boy", "man", "woman", "guy", "lady", "person", "dude"))
_GONE = frozenset(("came", "went", "left", "showed", "returned", "answered"))
_MODALS = frozenset(("could", "would", "can", "should", "might", "will", "must"))
# What a person may do, after a modal: "Hope could stay with …" (not "Hope could be").
_WHAT_A_PERSON_MAY_DO = frozenset(
    ("stay", "go", "come", "leave", "live", "move", "visit", "attend", "return", "sleep")
    + ("talk", "speak", "testify", "call", "text", "meet", "sign", "enroll", "work")
)


# Said of a thing, not of a person ("Destiny is needed in court" is a person).
_OF_THINGS = frozenset(
    ("key", "essential", "important", "critical", "recommended", "mandatory", "optional")
    + ("scarce", "limited", "lacking")
)


class NameRules:
    def __init__(self, lexicons: Lexicons, language: str = "en"):
        self.lex = lexicons
        self.language = language  # of the texts these rules read ("en", "es", "vi")
        # That language's common words, names among them ("Esperanza", "Consuelo").
        self.common_there = (
            frozenset(frequent_words(language)[: COMMON[language]])
            if language != "en"
            else frozenset()
        )

    # --- what a token may be ------------------------------------------------------------
    def blocked(self, token: Token, allow_month: bool = False) -> bool:
        """Never (part of) a name."""
        word = token.bare
        return (
            not token.has_letters
            or word in _GRAMMAR_ONLY
            or (word in MONTHS and not allow_month)
            or word in WEEKDAYS
            or word in HOLIDAYS
            or word in HEAD_NOUNS
            or ("-" in word and word.rsplit("-", 1)[1] in HEAD_NOUNS)  # "Brown-funded"
            or ("-" in word and word.rsplit("-", 1)[1] in _OF_A_PLACE)  # "the Tyler-area sheriffs"
            or word in LANGUAGES
            # "the Vietnamese-speaking family", "Haitian-born" (not "French-Lopez")
            or (word.split("-")[0] in LANGUAGES and token.text.split("-")[-1].islower())
            or word + "'" in LANGUAGES  # K'iche', its closing mark read as a quote
            or token.folded in INITIALISMS
            or token.text in ACRONYMS
            or (token.text.islower() and token.text.upper() in _ACRONYMS_TYPED_LOW)  # "hsi"
            or self._a_compound_word(token)
            or token.text.lower() == "thánh"  # Saint, in Vietnamese ("Thanh" is a name)
            or (self.language == "es" and word in _SPANISH_ARTICLES)  # "Un Mercedes negro"
            or _days_joined(word)  # "THU–SUN", "Mon-Fri"
        )

    def vietnamese_typed_plain(self, token: Token) -> bool:
        """In Vietnamese typed without marks, a word in lower case that Vietnamese writes
        with marks and no name holds, which no name opens: "goi deputy ben sheriff" (bên:
        of, at)."""
        return (
            self.language == "vi"
            and token.text.islower()
            and token.text.isascii()
            and token.bare in vietnamese_words_no_name_holds()
        )

    def _a_compound_word(self, token: Token) -> bool:
        """ "Jack-up rig", "Drop-off", "Roll-Call": no name's parts ("Mary-Kate", "Jae-in")."""
        head, dash, tail = token.text.partition("-")
        parts = token.bare.split("-") if self.language == "en" else []  # not "Thu-Hà"
        named = max((self.lex.births.get(p, 0) for p in parts), default=0) >= COMMON_AS_A_NAME
        if len(set(parts)) > 1 and not named and all(map(self.lex.is_plain_word, parts)):
            return True  # "Roll-Call Version" (not "Man-Man", "Middle-Brooks": a given name)
        if dash and len(head) == 1 and tail.lower() in ("visa", "visas"):
            return True  # "the T-visa application", "U-visa"
        return (
            bool(dash)
            and head[:1].isupper()
            and tail in _PARTICLES_OF_A_COMPOUND
            and len(head) >= 3
            and self.lex.is_word(head.lower())
        )

    def nameish(self, token: Token, case: str, cue: bool = False) -> bool:
        """Could this token be (part of) a person's name, written in this case? `cue`: a
        strong cue ("named", a title) came before it."""
        if self.blocked(token):
            return False
        word = token.bare
        listed = self.lex.is_name(word)
        if case == "mixed":
            if not token.capitalised:
                return False
            # Not an acronym (DCFS, SSI), unless a cue or the name lists say so.
            return not (token.text.isupper() and len(token.text) > 1 and not cue and not listed)
        # In capitals or lower case the letters carry no signal: the word lists decide.
        if listed and not self.lex.is_plain_word(word):
            return True
        if cue:
            return listed or not self.lex.is_plain_word(word)
        return not self.lex.is_word(word)

    @staticmethod
    def is_initials(token: Token) -> bool:
        text = token.text
        letters = text.replace(".", "")
        return (
            text.endswith(".")
            and 1 <= len(letters) <= 3
            and letters.isalpha()
            and letters.isupper()
            and token.folded not in INITIALISMS
        )

    def mistyped(self, word: str) -> bool:
        """A word the lists call a rare name (fewer than COMMON_AS_A_NAME children given
        it) that is one letter added, dropped or changed from a plain English word
        ("sumit", "atendees"). Bounded: words of 4 to 12 letters."""
        if not 4 <= len(word) <= 12 or self.lex.births.get(word, 0) >= COMMON_AS_A_NAME:
            return False
        if not word.isalpha():
            return False
        letters = "abcdefghijklmnopqrstuvwxyz"
        for k in range(len(word) + 1):
            head, tail = word[:k], word[k:]
            for c in letters:
                if self.lex.is_plain_word(head + c + tail):
                    return True
                if tail and self.lex.is_plain_word(head + c + tail[1:]):
                    return True
            if tail and len(word) > 4 and self.lex.is_plain_word(head + tail[1:]):
                return True
        return False

    def head_follows(self, toks: list[Token], index: int, case: str) -> bool:
        """A head noun right after, or after one or two more capitalised words ("Hope
        House", "Morris Jeff Community School", "Ernest Morial Convention Center")."""
        # Without capitals nothing ties the words between: only the next word counts.
        for step in (0, 1, 2) if case == "mixed" else (0,):
            at = index + step
            if at >= len(toks):
                return False
            if toks[at].text in ("St.", "ST.") and at + 1 < len(toks) and toks[at + 1].capitalised:
                return False  # "St. Germain": a saint's name, not a street
            if self.a_head_noun(toks[at], case):
                return True
            if toks[at].bare in THING_HEADS:
                return True
            if step == 0 and toks[at].bare in _EVENT_HEADS:
                return True  # "Essence outreach", "Jazz Fest crowds"
            if case == "mixed" and not toks[at].capitalised:
                return False
        return False

    @staticmethod
    def the_thing_named(toks: list[Token], start: int, end: int) -> bool:
        """ "the E.A. Conway clinic", "Wossman, Neville and Carroll high schools": an
        institution's head in lower case after "the" and a name, or after "high" and the
        like closing a list of three (not "the Smith house": a family's home is no
        institution; not "Kayla and Destiny high schools")."""
        if end >= len(toks) or not toks[end].text.islower():
            return False
        listed = start > 2 and toks[start - 1].bare == "and" and toks[start - 3].text == ","
        if listed and toks[end].bare in _BEFORE_A_HEAD and end + 1 < len(toks):
            head = toks[end + 1].bare  # "Wossman, Neville and Carroll high schools"
            return head in _LOWER_HEADS or head in _EVENT_HEADS
        if start > 1 and toks[start - 1].text[:1].isupper() and toks[start - 1].text[-1] == ".":
            start -= 1  # its initials: "the E.A. Conway clinic"
        if start > 2 and toks[start - 1].bare == "and" and toks[start - 2].capitalised:
            start -= 2  # "the Grace and Faith shelters"
        at = end  # one or two words of its kind between: "the Destiny transitional housing program"
        while at < min(end + 2, len(toks) - 1) and toks[at].bare not in _HEADS:
            word = toks[at].text
            if not (word.isalpha() and word.islower()) or word in _NOT_OF_A_KIND:
                return False  # "the Landry twins at school": no kind of institution
            at += 1
        return start > 0 and toks[start - 1].bare == "the" and toks[at].bare in _HEADS

    def head_after_a_list(self, toks: list[Token], index: int, case: str) -> bool:
        """A head noun after the word, or a plural one in lower case after "and" and the
        next name: "Cedar Grove and Mooretown neighborhoods" (not "Kayla and Hope House
        staff": a singular head names the last one only)."""
        if self.head_follows(toks, index, case) or self._a_couples_foundation(toks, index):
            return True
        if index >= len(toks) or toks[index].bare not in ("and", "&"):
            return False
        for at in range(index + 2, min(len(toks), index + 5)):
            if toks[at].bare in _EVENT_HEADS and toks[at].text.islower():
                between = toks[index + 1 : at]
                return between[0].capitalised and all(
                    t.capitalised or t.bare in _BEFORE_A_HEAD for t in between
                )
        return False

    def _a_couples_foundation(self, toks: list[Token], index: int) -> bool:
        """ "the Irene W. and C.B. Pennington Foundation", "Huey and Angelina Wilson
        Foundation": a given name (and an initial), "and", then capitalised words up to the
        foundation's or the fund's head; without the initial, the second name whole (a given
        name, then a surname) before it, not "Kayla and Hope Foundation staff"."""
        initial = index < len(toks) and self.is_initials(toks[index]) and len(toks[index].text) == 2
        at = index + initial
        if at + 1 >= len(toks) or toks[at].bare not in ("and", "&"):
            return False
        run = toks[at + 1 : at + 7]
        for k, token in enumerate(run):
            if not token.capitalised:
                return False
            if token.bare in _FOUNDATIONS:
                return initial or (
                    k >= 2
                    and self.lex.is_first_name(run[0].bare)
                    and self.lex.is_surname(run[k - 1].bare)
                )
        return False

    @staticmethod
    def a_head_noun(token: Token, case: str) -> bool:
        """ "House", "Center"; the last part of a joined one: "Fisher Middle-High"."""
        head = token.bare.rsplit("-", 1)[-1]
        return head in HEAD_NOUNS and (case != "mixed" or token.capitalised)

    # --- growing a name ------------------------------------------------------------------
    def extend(self, toks: list[Token], first: int, case: str) -> int:
        """The end (exclusive) of a name that starts at `first`, at most LONGEST_NAME
        tokens long."""
        end = first + 1
        limit = min(len(toks), first + LONGEST_NAME)
        while end < limit:
            token = toks[end]
            if token.text == "." and toks[end - 1].bare in ("st", "jr", "sr"):
                end += 1
                continue
            if (  # "Odile St. Germain", "Dale St. Pierre"
                token.bare == "st"
                and end + 1 < limit
                and self.nameish(toks[end + 1], case, cue=True)
            ):
                end += 2
                continue
            if token.bare in SUFFIXES:
                end += 1
                continue
            if (
                token.bare in PARTICLES
                and end + 1 < limit
                and (
                    case != "mixed"
                    or not token.text[:1].isupper()
                    or token.text in _CAPITAL_PARTICLES
                )
                and self.nameish(toks[end + 1], case, cue=True)
            ):
                end += 2
                continue
            if case == "mixed":
                if (
                    self.nameish(token, case)
                    and not self.a_head_noun(token, case)
                    and not self.head_follows(toks, end + 1, case)
                ):
                    end += 1
                    continue
                # A middle initial: "Ernest N. Morial", "Mary J. Blige".
                if (
                    self.is_initials(token)
                    and len(token.text) == 2
                    and end + 1 < limit
                    and self.nameish(toks[end + 1], case)
                ):
                    end += 2  # the callers look for a head noun after the whole name
                    continue
            elif (
                (self.lex.is_name(token.bare) or token.bare in self.lex.vietnamese_middle_names)
                and not self.blocked(token)
                and not self.lex.is_plain_word(token.bare)
            ):
                end += 1
                continue
            break
        return end

    # --- the rules ------------------------------------------------------------------------
    def find(
        self, toks: list[Token], covered: list[bool], text: str = ""
    ) -> list[tuple[int, int, bool]]:
        """(first token, end token, strong) of each name the rules see; `strong` names
        were found after a cue and are kept even where a place's name covers them."""
        reading = _Reading(self, toks, covered, text)
        for i in range(len(toks)):
            for rule in reading.rules:
                rule(i)
        return reading.found

    def named_after_cue(self, token: Token, case: str) -> bool:
        """After a relation or talking cue: in mixed case any name-like word; in capitals
        or lower case a word the name lists know (an unknown word there is as likely a
        typo: "mom refuesd services")."""
        if self.is_initials(token):
            return True
        if case == "mixed":  # not "Child Exploitation", "Youth Services"
            return self.nameish(token, case) and (
                self.lex.is_name(token.bare) or not self.lex.is_word(token.bare)
            )
        return (
            self.lex.is_name(token.bare)
            and not self.lex.is_plain_word(token.bare)
            and not self.blocked(token)  # "the therapist friday"
        )

    def word_name_acts(self, toks: list[Token], at: int) -> bool:
        """A first name that is also a word, common as a name, doing what only a person
        does: "Precious said", "Faith texted her"."""
        if self.lex.births.get(toks[at].bare, 0) < COMMON_AS_A_NAME:
            return False
        nxt = toks[at + 1].bare if at + 1 < len(toks) else ""
        if nxt in PERSONAL:
            return True
        if toks[at].bare == "will" and nxt in ("is", "was", "has", "had"):
            return True  # the modal is never followed so: "Will is the older youth"
        then = toks[at + 2].bare if at + 2 < len(toks) else ""
        if nxt in _NOW_AND_THEN and (then in PERSONAL or then in _GONE):
            return True  # "Justice never came back", "Faith still texts her"
        if nxt in _MODALS and then in _WHAT_A_PERSON_MAY_DO:
            return True  # "whether Hope could stay with the host family"
        # "Precious was moved to the shelter", "Destiny is placed with her aunt".
        return nxt in ("was", "is", "got") and then in DONE_TO_A_PERSON

    def said_of_a_person(self, toks: list[Token], at: int) -> bool:
        """What is said only of a person after a word: "is the one who took the pictures",
        "is the one holding the phones", "is what the men at the camp call the boss"."""
        words = [t.bare for t in toks[at : at + 12]]
        if words[:1] and words[0] in ('"', "”", "'"):
            words = words[1:]  # '"Unique" is the girl who…'
        if words[:2] == ["is", "the"] and len(words) > 2 and words[2] in _PERSON_NOUNS:
            words[2] = "one"  # "is the girl who set up the dates"
        if words[:3] != ["is", "the", "one"] and words[:2] != ["is", "what"]:
            return False
        if words[1] == "what":  # "is what the men call the boss", not "… the first talk"
            calls = [k for k, w in enumerate(words) if w in ("call", "calls", "called")]
            named = words[calls[0] + 1 : calls[0] + 3] if calls else []
            return any(w in RELATIONS or w in ("him", "her", "them", "man", "guy") for w in named)
        nxt = words[3] if len(words) > 3 else ""
        return nxt == "who" or (nxt.endswith("ing") and len(nxt) > 4)

    @staticmethod
    def holds_a_duty(toks: list[Token], at: int) -> bool:
        """ "has primary", "took backup": only a person holds a rota's duty."""
        return at + 1 < len(toks) and toks[at].bare in _HOLDING and toks[at + 1].bare in ROTA_DUTIES

    def person_follows(self, toks: list[Token], at: int) -> bool:
        """What follows a person's name: a verb of speech or doing ("said", "rents"), or an
        age or a relation in brackets or after a comma ("(19)", "(mother)", ", 16,")."""
        if at >= len(toks):
            return False
        nxt = toks[at]
        said = at + 1 + (at + 2 < len(toks) and toks[at + 1].bare == "not")  # "is not key"
        if nxt.bare in ("is", "was") and said < len(toks) and toks[said].bare in _OF_THINGS:
            return False  # "Patience is needed", "Unity is key"
        if nxt.bare in SPEAKING:
            return True
        if self.holds_a_duty(toks, at):
            return True  # a hand-off: "Guidry has primary until 1900", "Art took backup"
        if nxt.text in ("(", ",") and at + 1 < len(toks):
            inside = toks[at + 1]
            if inside.bare in _AGE_WORDS and at + 3 < len(toks) and toks[at + 3].text in ",)":
                inside = toks[at + 2]  # "Dallas, age 19, told the advocate"
            if inside.bare in ("a", "an") and at + 2 < len(toks):
                return toks[at + 2].bare.endswith("-year-old")  # "Tyler, a 15-year-old"
            counted = at + 2 < len(toks) and toks[at + 2].bare.isalpha()
            counted = counted and toks[at + 2].bare not in _AGE_AFTER  # "domingo, 12 horas"
            return (inside.text.isdigit() and not counted) or inside.bare in RELATIONS
        return False


# Who holds a duty in a hand-off: "… has primary", "… took backup", "… is on call".
_HOLDING = frozenset(("has", "had", "took", "takes", "taking", "have"))
_AGE_WORDS = frozenset(("age", "aged", "edad"))
# What may follow an age after a name and a comma: "Kayla, 16 yo", "Yeni, 15 años".
_AGE_AFTER = frozenset(("yo", "y", "years", "year", "yrs", "yr", "anos", "años", "tuoi", "tuổi"))
# Articles that open no name in Spanish: "Un Mercedes negro" ("Una": an English name).
_SPANISH_ARTICLES = frozenset(("un", "una", "unos", "unas"))
_DASHES = re2.compile(r"[-–—/]")


def _days_joined(word: str) -> bool:
    """Days or months joined by a dash or a slash: "thu–sun", "mon-fri", "jan-mar"."""
    parts = _DASHES.split(word, maxsplit=3) if len(word) <= 24 else []
    return len(parts) > 1 and all(part in WEEKDAYS or part in MONTHS for part in parts)
