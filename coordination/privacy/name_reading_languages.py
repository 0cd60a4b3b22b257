"""The rules of `_Reading` (name_reading.py) for notes in Spanish and Vietnamese (issue 22):
a Vietnamese name by its shape or with no title, a Spanish name by what follows it, and
the organisations those languages name with a head noun first."""

from __future__ import annotations

import unicodedata

from .languages import (
    HEADS_BEFORE,
    SPANISH_DEEDS,
    SPANISH_SMALL_WORDS,
    VIETNAMESE_DEEDS,
    VIETNAMESE_GIVEN,
    VIETNAMESE_GIVEN_MARKED,
    VIETNAMESE_HEADS_BEFORE,
    VIETNAMESE_HEADS_BEFORE_FOLDED,
    VIETNAMESE_MIDDLE_MARKED,
    VIETNAMESE_NOT_NAMES,
    VIETNAMESE_NOT_NAMES_FOLDED,
    VIETNAMESE_SURNAMES_MARKED,
)
from .lexicons import COMMON_AS_A_NAME, word_set
from .name_words import _STOPS, VIETNAMESE_SURNAMES, Token

VIETNAMESE_MIDDLE = word_set(
    "thi van minh ngoc duc thanh quang huu kim anh xuan hoang cong dinh hong bao gia tuan "
    "phuong thu hai"
)


_SPANISH_PERSONAL = frozenset(("no", "nunca", "ya", "tambien", "le", "se", "me", "nos"))


def _marked_in(token: Token, marked: frozenset[str], folded: frozenset[str], plain: bool) -> bool:
    """Whether a Vietnamese word is in a list: by its marks, or, in a note typed without any
    (`plain`), folded. In a note with marks "cho" is a word of its own (to give); typed
    without them it may be "chợ" (a market)."""
    text = unicodedata.normalize("NFC", token.text.lower())  # marks typed apart too
    return text in marked or (plain and token.bare in folded)


def _a_given_name(token: Token, plain: bool) -> bool:
    return _marked_in(token, VIETNAMESE_GIVEN_MARKED, VIETNAMESE_GIVEN, plain)


def _a_surname(token: Token, plain: bool) -> bool:
    return _marked_in(token, VIETNAMESE_SURNAMES_MARKED, VIETNAMESE_SURNAMES, plain)


def _not_a_name(token: Token, plain: bool) -> bool:
    return _marked_in(token, VIETNAMESE_NOT_NAMES, VIETNAMESE_NOT_NAMES_FOLDED, plain)


def _a_name_syllable(token: Token, plain: bool) -> bool:
    return (
        _a_given_name(token, plain)
        or _a_surname(token, plain)
        or _marked_in(token, VIETNAMESE_MIDDLE_MARKED, VIETNAMESE_MIDDLE, plain)
    )


# Given names that open sentences as words: "Mai" (tomorrow), "Sang" (over to), "An".
_COMMON_OPENERS = frozenset(("mai", "sang", "an", "bình", "tâm", "vui", "hoa", "thu", "xuân"))
_IMPERSONAL = frozenset(("es", "hay", "son", "existe", "basta", "sirve", "alcanza"))


class _NamesInOtherLanguages:
    """Mixed into `_Reading`, which holds the text, its tokens and the names found."""

    def _head_before(self, index: int) -> bool:
        """A Spanish head noun before, past the organisation's own words: "Iglesia San
        Juan Bautista", "Parroquia Nuestra Señora de Guadalupe", "Día de Reyes"."""
        before = index - 1
        while before >= max(0, index - 6):
            token = self.toks[before]
            if token.bare in HEADS_BEFORE and token.capitalised:
                return True
            if not (token.capitalised or token.bare in ("de", "del", "la", "el", "los", "las")):
                return False
            before -= 1
        return False

    def vietnamese(self, i: int) -> None:
        """Nguyen Thi Lan, TRAN VAN HUNG: surname, middle name, given name."""
        toks = self.toks
        if (
            toks[i].bare in VIETNAMESE_SURNAMES
            and i + 2 < self.count
            and toks[i + 1].bare in VIETNAMESE_MIDDLE
            and toks[i + 2].text.isalpha()
            # With capitals in the text a name has them ("phần thành viên" is a phrase), and
            # then its given name may be any syllable ("Đặng Thị Thu", not Thursday).
            and (
                all(t.capitalised for t in toks[i : i + 3])
                if self.case == "mixed"
                else not self.r.blocked(toks[i + 2])
            )
            and not all(self.covered[i : i + 3])  # "St. Agnes Le Thi Thanh", a church
        ):
            self.found.append((i, i + 3, True))

    def vietnamese_untitled(self, i: int) -> None:
        """In a Vietnamese note, a name with no title before it: a surname and a given name
        ("Trần Khoa"), two given names ("gặp Minh Khoa"), or a given name the list knows
        inside a sentence ("đã gặp Khoa") or doing what a person does ("Hoàng không đến")."""
        toks, plain = self.toks, self.text.isascii()  # typed without marks
        if self.r.language != "vi" or self.case != "mixed" or not self._vietnamese_word(i):
            return
        if i > 0 and (
            self._vietnamese_word(i - 1)
            or _marked_in(
                toks[i - 1], VIETNAMESE_HEADS_BEFORE, VIETNAMESE_HEADS_BEFORE_FOLDED, plain
            )
        ):
            return  # read from the proper noun's first word; "chùa Bồ Đề", "tiếng Việt"
        end = i + 1
        while end < min(self.count, i + 4) and self._vietnamese_word(end):
            end += 1
        if (
            all(self.covered[i:end])
            or (end > i + 1 and all(self.covered[i + 1 : end]))
            or (
                # "Phạm Nhật Minh", "Lê Nam" are names; "Chu Nhat" (Chủ Nhật) is Sunday
                not (_a_surname(toks[i], plain) and not _not_a_name(toks[i], plain))
                and any(_not_a_name(t, plain) for t in toks[i:end])
            )
        ):
            return  # "Thái Lan", "Hà Nội", "Châu Âu", "Công An"
        opens = i == 0 or toks[i - 1].text in _STOPS or not toks[i - 1].text.islower()
        deed = end < self.count and toks[end].folded in VIETNAMESE_DEEDS
        if end - i > 1:
            known = _a_surname(toks[i], plain) or all(
                _a_name_syllable(t, plain) for t in toks[i:end]
            )
        else:
            # Opening a sentence, a given name that is a common word needs more: "Mai sẽ có…"
            common = toks[i].text.lower() in _COMMON_OPENERS
            known = (
                _a_given_name(toks[i], plain) and ((deed and not common) or not opens)
            ) or self._called(i)
        if known:
            self.found.append((i, end, False))

    def _called(self, i: int) -> bool:
        """ "gọi con nhỏ là Bống": what someone is called, "là" after "gọi"."""
        toks = self.toks
        return (
            i > 0
            and toks[i - 1].folded == "la"
            and any(t.folded == "goi" for t in toks[max(0, i - 6) : i - 1])
        )

    def _vietnamese_word(self, at: int) -> bool:
        """A capitalised syllable, not an acronym (MDT, NOPD)."""
        token = self.toks[at]
        return token.capitalised and token.text.isalpha() and not token.text.isupper()

    def _spanish_alone(self, i: int, middle: bool) -> bool:
        """Whether a Spanish note's capitalised word is settled (True: found or not a name):
        a word that is not Spanish, then what a person does ("Nolvia contó"), is a name; a
        common Spanish word opening a sentence ("Esperanza es lo que…", "Amparo legal") or
        ending an organisation's name ("Puentes de Esperanza", "San Vicente de Paúl") is
        not."""
        toks, word = self.toks, self.toks[i].bare
        deed = i + 1 < self.count and toks[i + 1].bare in SPANISH_DEEDS
        blocked = self.r.blocked(toks[i])
        # A given name, not "Ella", "Él", "Nadie", "Hoy" (some lists hold them as names)
        given = (
            self.lex.births.get(word, 0) >= COMMON_AS_A_NAME
            and word not in SPANISH_SMALL_WORDS
            and not blocked
        )
        if deed and (word not in self.r.common_there or given) and not blocked:
            self.found.append((i, i + 1, False))
            return True
        # "Luz no vino", "que Luz le prometió": a person's words after a given name that is
        # also a word (not "Consuelo no es…", "Milagros no hay": said of a thing)
        personal = (
            i + 1 < self.count
            and toks[i + 1].bare in _SPANISH_PERSONAL
            and not (i + 2 < self.count and toks[i + 2].bare in _IMPERSONAL)
        )
        if personal and given:
            self.found.append((i, i + 1, False))
            return True
        if not middle and word in self.r.common_there and not deed:
            return True
        return (
            i >= 2
            and toks[i - 1].bare in ("de", "del")
            and toks[i - 2].capitalised
            and (self.covered[i - 2] or not self.lex.is_first_name(toks[i - 2].bare))
        )
