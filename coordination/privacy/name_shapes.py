"""Names known by their shape alone, rules of `_Reading` (name_reading.py): initials ("K.D.
said", "JT drove her"), a nickname said twice ("Boo-Boo") and a Korean given name of two
syllables ("Jin-woo"); and names by what people call someone ("the guy they call Peanut")."""

from __future__ import annotations

import re2

from .lexicons import word_set
from .name_words import (
    _QUOTES,
    A_CLASS,
    ACRONYMS,
    INITIALISMS,
    NICKNAMED,
    PEOPLE_NOUNS,
    PERSONAL,
    RELATIONS,
    STATES,
    TITLES,
)
from .outlines import an_outline_letter, numbered_in_roman

_DOUBLED = re2.compile(r"(\p{Lu}\p{Ll}{1,8})-(\p{Lu}\p{Ll}{1,8})")
_KOREAN_GIVEN = re2.compile(r"\p{Lu}\p{Ll}{1,4}-\p{Ll}{2,4}")
# Abbreviations written in lower case with full stops: no one's initials.
_ABBREVIATIONS = word_set(
    "p.t. f.t. b.f. g.f. u.k. o.k. n.b. q.a. f.y.i. b.i.d. t.i.d. q.i.d. p.r.n. q.d. h.s. "
    "v.v. a.s.a.p. r.s.v.p. e.t.a. t.b.d. t.b.a. i.v. o.d."
)
_LOWER_INITIALS = re2.compile(r"[a-z]\.[a-z]\.(?:[a-z]\.)?")

_COUNTRIES = frozenset(("us", "usa", "uk", "dc", "am", "pm"))
# Roles written with two capitals, no one's initials: caseworker, team lead, informant.
_ROLES_SHORT = frozenset(("CW", "TL", "CI", "IO", "SA", "AP", "GM", "HR", "IT", "TA"))
_WHO_CALLS = frozenset(("she", "he", "they", "we", "i", "everyone", "people", "youth"))

# An institution's word before a name it is named after: "trường L.W. Higgins" (a school),
# "la escuela J.F. Kennedy".
_SCHOOL_BEFORE = frozenset(("truong", "escuela", "colegio", "universidad", "iglesia"))


class _ShapedNames:
    """Mixed into `_Reading`, which holds the text, its tokens and the names found."""

    def signed(self, i: int) -> None:
        """A note signed with a dash, a name, a comma and a role, in any language: "…
        outreach Saturday. -- Trang, case manager", "— Ngân, điều phối viên"; or with a dash
        and a given name in lower case at its very end ("avisale a la jefa porfa --santi")."""
        toks, dash = self.toks, i - 1
        while dash >= 0 and toks[dash].text == "-":
            dash -= 1
        if dash == i - 1 or self.covered[i] or self.r.blocked(toks[i]):
            return
        if toks[i].text.islower():  # a given name alone ends a message: "… porfa --santi"
            word, last = toks[i].bare, all(not t.text.isalnum() for t in toks[i + 1 :])
            unlisted = not self.lex.is_word(word) and word not in self.r.common_there
            if last and unlisted and self.lex.is_first_name(word):
                self.found.append((i, i + 1, True))
            return
        gap = self.text[toks[dash].end : toks[i].start] if dash >= 0 else "\n"
        opens = "\n" in gap or toks[dash].text[-1:] in ".!?"  # "Bay.": a word and its stop
        end = i + 2 if i + 2 < self.count and toks[i + 1].capitalised else i + 1
        role = toks[end + 1 :]
        if not opens or end >= self.count or toks[end].text != "," or not 0 < len(role) <= 4:
            return
        if self.lex.is_word(toks[i].bare) and not self.lex.is_first_name(toks[i].bare):
            return  # "— Intake, case manager"
        if all((t.text.isalpha() and t.text.islower()) or t.text.isupper() for t in role):
            self.found.append((i, end, True))

    def initials(self, i: int) -> None:
        """K.D. said, T.J. Williams, M. Nguyen (not "Huey P. Long": a place covers it)."""
        toks, after = self.toks, i + 1
        if _LOWER_INITIALS.fullmatch(toks[i].text):
            # "per t.l. the rides come from…"; not an abbreviation ("works p.t.", "b.i.d.")
            if toks[i].folded not in INITIALISMS and toks[i].folded not in _ABBREVIATIONS:
                self.found.append((i, after, True))
            return
        if self._two_capitals_acting(i):
            self.found.append((i, after, True))
            return
        if not self.r.is_initials(toks[i]):
            return
        glued = i > 0 and toks[i - 1].end == toks[i].start
        if glued and (toks[i - 1].text.isdigit() or toks[i - 1].text == "-"):
            return  # a code's last letter: "visa H-2B. Varias dicen"
        if toks[i].text in ("I.", "V.", "X.") and numbered_in_roman(self.text):
            return  # an agenda's item: "I. Welcome", "V. Training calendar"
        if an_outline_letter(self.text, toks[i]) or (i > 0 and toks[i - 1].bare in A_CLASS):
            return  # "B. Data from DCFS", "C. Small groups"; "la visa T. Próximo paso"
        nxt = toks[after] if after < self.count else None
        if self._a_law_article(after):
            return  # "Ch.C. Art. 725": the Children's Code, article 725
        if (
            nxt is not None
            and self.r.nameish(nxt, self.case)
            and (self.case == "mixed" or self.lex.is_name(nxt.bare))
        ):
            end = self.r.extend(toks, after, self.case)
            if not all(self.covered[i:end]) and not (
                self.r.head_follows(toks, end, self.case)
                or self.r.the_thing_named(toks, i, end)
                or (i > 0 and toks[i - 1].folded in _SCHOOL_BEFORE)  # "trường L.W. Higgins"
            ):
                self.found.append((i, end, False))
        elif len(toks[i].text.replace(".", "")) >= 2 and not self.r.head_follows(
            toks, after, self.case
        ):
            # Dotted initials that are no abbreviation Lantern knows: "Victims A.B. and C.R.
            # were interviewed", "per M.G. the girls were moved", "K.D. said".
            self.found.append((i, after, True))
        elif nxt is not None and nxt.bare == "as":
            self.found.append((i, after, True))  # identified J. as the driver
        elif nxt is not None and self.r.is_initials(nxt) and len(toks[i].text) == 2:
            end = after + 1  # spaced initials: "K. Y. M.", "K. D. and the worker"
            while end < min(self.count, i + 4) and self.r.is_initials(toks[end]):
                end += 1
            letters = "".join(t.text.rstrip(".") for t in toks[i:end]).lower()
            if letters not in INITIALISMS | _ABBREVIATIONS | _COUNTRIES:  # "U. S."
                self.found.append((i, end, True))

    def _two_capitals_acting(self, i: int) -> bool:
        """Two capitals no list knows as an acronym, doing what a person does: "JT drove
        her", "LJ keeps texting" (not "DA said", "CW drove her", "BF texted")."""
        toks, token = self.toks, self.toks[i]
        text = token.text
        if self.case != "mixed" or len(text) != 2 or not (text.isalpha() and text.isupper()):
            return False
        if text in ACRONYMS or text in _ROLES_SHORT or token.bare in STATES:
            return False
        if token.bare in RELATIONS or token.bare in TITLES or (i and toks[i - 1].text == "the"):
            return False
        nxt = toks[i + 1].bare if i + 1 < self.count else ""
        then = toks[i + 2].bare if i + 2 < self.count else ""
        return nxt in PERSONAL or (nxt in ("keeps", "kept") and then.endswith("ing"))

    def _doubled(self, i: int) -> bool:
        """A nickname said twice: "Boo-Boo", "Man-Man", "Nae-Nae" (found, and True)."""
        match = _DOUBLED.fullmatch(self.toks[i].text)
        if match is None or match.group(1).lower() != match.group(2).lower():
            return False
        if self.lex.is_word(self.toks[i].bare):
            return False  # "Pom-Pom", "Yo-Yo", "So-So"
        self.found.append((i, i + 1, True))
        return True

    def _korean_given(self, i: int) -> bool:
        """Jin-woo Park (found, and True)."""
        token, lex = self.toks[i], self.lex
        if not _KOREAN_GIVEN.fullmatch(token.text) or self.covered[i]:
            return False
        given = token.bare.split("-", 1)[0]
        if lex.is_first_name(given) and not lex.is_word(token.bare) and given != "will":
            self.found.append((i, self.r.extend(self.toks, i, self.case), False))
            return True
        return False

    def inverted(self, i: int) -> None:
        """A form's order, surname in capitals first: "NGUYEN, Duc Tri", "DUPRE, Kayla"."""
        toks, after = self.toks, i + 2
        if self.case == "caps" or after >= self.count or toks[i + 1].text != ",":
            return
        surname, given = toks[i], toks[after]
        if not (surname.text.isupper() and len(surname.text) > 1 and given.capitalised):
            return
        if self.covered[after] or surname.text in ACRONYMS:
            return  # "LAFAYETTE, Louisiana", "SANE, Lourdes SW", "SO, Jennings PD"
        if not all(self.lex.is_surname(part) for part in surname.bare.split("-")):
            return
        initial = len(given.text) == 1 and given.text.isupper()  # "MARTINEZ-OROZCO, J"
        # in capitals only before a middle initial, as a form has it: "BOUDREAUX, KAYLEE M."
        middle = after + 1 < self.count and len(toks[after + 1].text.rstrip(".")) == 1
        shouted = given.text.isupper() and not (middle and toks[after + 1].text[0].isupper())
        if initial or (self.lex.is_first_name(given.bare) and not shouted):
            self.found.append((i, self.r.extend(toks, after, self.case), True))

    def called(self, i: int) -> None:
        """The girls called the woman Precious; he calls her Baby Girl: a naming verb, the
        person, then a capitalised name; 'an older male called "Boo Man"', "the guy they
        call Peanut", "A MALE CALLED DOOBIE": the name right after who calls."""
        toks = self.toks
        if toks[i].bare not in ("called", "calls", "call", "nicknamed", "named"):
            return
        at, limit = i + 1, min(self.count, i + 4)
        while at < limit and (
            toks[at].bare in ("her", "him", "them", "herself", "himself", "the", "a", "this")
            or toks[at].bare in PEOPLE_NOUNS
        ):
            at += 1
        calling = i > 0 and (toks[i - 1].bare in NICKNAMED or toks[i - 1].bare in _WHO_CALLS)
        if at == i + 1 and calling and at < self.count:
            if at + 1 < self.count and toks[at].text in _QUOTES and toks[at + 1].capitalised:
                self.name_at(at + 1, strong=True)  # 'an older male called "Boo Man"'
            elif self._called_so(at):
                self.name_at(at, strong=True)  # "the guy they call Peanut"
            return
        if at == i + 1 or at >= self.count or toks[at - 1].bare in ("the", "a", "this"):
            return  # "to call the Port of New Orleans": no one called so after "the"
        if toks[at].text in _QUOTES and at + 1 < self.count:
            at += 1  # everybody calls her “Cookie”
        if self.case == "mixed" and toks[at].capitalised and self.r.nameish(toks[at], self.case):
            self.name_at(at, strong=True)

    def _called_so(self, at: int) -> bool:
        """A name with no quotes after who calls: capitalised, or in a note in capitals or
        lower case a word that is no English word (not "they call DCFS", "people call
        Houma", "she calls Region 4")."""
        token = self.toks[at]
        if self.covered[at] or self.r.blocked(token) or token.bare in RELATIONS:
            return False
        if token.bare in TITLES or not token.has_letters:
            return False
        if at + 1 < self.count and self.toks[at + 1].text[:1].isdigit():
            return False  # "she calls Region 4"
        if token.capitalised and not token.text.isupper():
            return True  # "the guy they call Peanut", in any note not written in capitals
        if token.text.isupper() and self.case == "mixed":
            return False  # an acronym: "they call DCFS"
        return not self.lex.is_word(token.bare)  # "A MALE CALLED DOOBIE"
