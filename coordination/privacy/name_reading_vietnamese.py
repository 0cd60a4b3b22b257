"""The rules of `_Reading` (name_reading.py) for Vietnamese typed on a phone without marks
or capitals (issue 22), where a given name often stands with no title before it: "tuan tra
loi truoc", "gap hong o cho dem", "goi cho tin 3 lan", "luan, ngoc han, phi". Typed so,
nearly every given name is also a word ("tin": news, "hong": broken), so each rule asks
for what only a person is: the subject of a clause that says or does something, someone
met or called, one of three or more names in a list. And `vietnamese_words`: what the
English reading of such a note took for a name that is a Vietnamese word (`names`)."""

from __future__ import annotations

import functools

from .languages import (
    VIETNAMESE_DEEDS,
    VIETNAMESE_GIVEN,
    VIETNAMESE_NOT_NAMES_FOLDED,
    VIETNAMESE_SURNAMES,
    vietnamese_words_no_name_holds,
    vietnamese_words_of_two,
)
from .lexicons import COMMON_AS_A_NAME
from .name_words import PARTICLES, VIETNAMESE_TITLES, VIETNAMESE_TWO_WORD_TITLES, tokens

# Who introduces themselves, and the word before: "dạ em là hoài", "alo tôi là thắng".
_SELF = frozenset(("tôi", "em", "mình", "con", "cháu", "chị", "anh"))
_GREETING = frozenset(("dạ", "alo", "chào", "ạ", ".", ",", "ơi"))
# Forms of address typed short on a phone, without marks: "a tuan noi", "c lan bao".
TYPED_TITLES = frozenset(
    ("a", "anh", "c", "chi", "e", "em", "co", "chu", "ong", "be", "thang", "bac", "thay")
    + ("bs", "ls")  # bác sĩ, luật sư: "bs khiem o clinic Metairie"
)
# Syllables typed without marks that join or time a clause more often than they name:
# "nhung noi ho chieu bi giu" (nhưng: but), "mai noi lai" (tomorrow), "nhat la ban dem".
JOINING = frozenset(("nhung", "mai", "con", "thi", "ma", "van", "moi", "hay", "nen", "sau", "nhat"))
OPENING = frozenset((",", ".", ";", ":", "!", "?", "'", '"', "(", "-"))  # not "2 lan nhan"
# Here, before a name with no title, also kin ("di", "cau") and more joining syllables.
_TITLES = TYPED_TITLES | {"di", "ba", "cau", "mu"}
_JOINING = JOINING | {"tam", "an", "sang", "hien", "binh", "thu", "tuan", "hai", "nam", "hoa"}
_JOINING |= {"quy", "luc"}
_OPENING = OPENING | {"\n"}
# "toi qua phuong nhan tin", "ca nay son noi": a time or a case, then the clause's subject.
_THIS = frozenset(("nay", "qua", "do"))
_WHEN = frozenset(("toi", "sang", "chieu", "trua", "hom", "ca", "dem", "luc", "bua"))
# What the subject of a clause says or does: "cho biet", "tra loi", "nhan tin" (two words),
# or one ("noi", "ke", "bao", "khai", "tron", "lam").
_STILL = frozenset(("van", "con", "cung", "vua", "moi"))  # vẫn, còn, cũng, vừa, mới
_GREETINGS = frozenset(("thanks", "thank", "thx", "tks", "ty", "ok", "okay", "hi", "hey", "hello"))
_REPORTING = frozenset(("noi", "ke", "bao", "khai"))  # nói, kể, báo, khai (that …)
_SAYS_TWO = frozenset((("cho", "biet"), ("tra", "loi"), ("nhan", "tin"), ("goi", "dien")))
_DOES = frozenset(
    ("noi", "ke", "bao", "khai", "tron", "lam", "bo", "da", "dang", "se", "bi", "dc", "duoc")
    + ("ko", "khong", "chua", "muon", "so", "den", "xin", "hoi", "keu", "khoc", "nho")
)
# Written with marks (`an_unlisted_name`): the compass words of "giọng Bắc", "miền Tây";
# what a person does after their name; and whom one meets, before it.
_COMPASS = frozenset(("bắc", "nam", "trung", "đông", "tây"))
_MARKED_DEEDS = frozenset(
    ("lại", "đã", "đến", "đi", "bỏ", "nói", "kể", "bảo", "khai", "nhắn", "gọi", "hỏi", "tới")
    + ("về", "ra", "vào", "trốn", "khóc", "làm", "sẽ", "không", "chưa", "vẫn", "cũng", "bị")
)
_MEETING = frozenset(("gặp", "với", "hỏi", "thăm", "gọi", "nhờ"))

# Whom one is with, meets, visits, hits or threatens: "di voi nghia", "gap hong o cho",
# "danh hung 2 lan" (not "giu tien": keeps the money); and the verbs that give or send
# "cho" (to) someone: "goi cho tin", "dua giay hen cho duy".
_WITH = frozenset(("voi", "gap", "tham", "vs", "danh", "ep", "doa", "chui", "tim"))
_SEND = frozenset(("goi", "dua", "gui", "nhan", "hen", "nho", "noi", "chuyen", "tra", "ban"))
_SEND |= frozenset(("text", "call", "email", "nt"))  # typed in English: "da text cho hieu"
# What follows someone met or called, not a word of a compound: where, when, that.
_AFTER_SOMEONE = frozenset(("o", "la", "len", "ve", "qua", "luc", "hom", "tai", "roi", "ben"))


def _bare_given(token) -> bool:
    """A given name typed in lower case without marks, not a title, a deed, a numeral or a
    word more often than a name."""
    return (
        _given_in_a_list(token)
        and token.folded not in VIETNAMESE_NOT_NAMES_FOLDED
        and token.folded != "tho"  # thợ, a worker: "noi chuyen voi tho"
    )


def _given_in_a_list(token) -> bool:
    """A given name typed in lower case without marks, a word too or not ("my": Mỹ), as
    it counts among other names ("vinh, sang, my")."""
    return (
        token.text.islower()
        and token.text.isascii()
        and token.text.isalpha()
        and token.folded in VIETNAMESE_GIVEN
        and token.folded not in _TITLES | VIETNAMESE_DEEDS
    )


# What follows "thang" (tháng: month) and "chu" (chủ nhật: Sunday) typed without marks,
# and is no name there: "thang Tu" is April, "chu Nhat" Sunday.
_MONTH_WORDS = frozenset(
    ("gieng", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi", "chap", "nhat")
)


class _UnmarkedVietnameseNames:
    """Mixed into `_Reading`, which holds the text, its tokens and the names found."""

    def _dictated(self, i: int, acts: bool, given: bool) -> bool:
        """With its marks in a note without capitals (dictated): a title and a given name,
        then a deed or where the person is ("chị hạnh ở tiệm", "cô liên nói", "bác sĩ trang
        ở phòng khám"); a given name after "tên", or introducing oneself ("dạ em là hoài").
        True when the word is settled (`given`: a given name the lists know)."""
        toks, after = self.toks, i + 1
        before = [t.text.lower() for t in toks[max(0, i - 2) : i]]
        if " ".join([*before[-1:], toks[i].text.lower()]) in VIETNAMESE_TWO_WORD_TITLES:
            return True  # the title's own second word: "bác sĩ nói"
        titled = bool(before) and before[-1] in VIETNAMESE_TITLES | {"captain"}
        titled = titled or " ".join(before) in VIETNAMESE_TWO_WORD_TITLES
        if titled and (acts or (after < self.count and toks[after].text == "ở")):
            if given:
                self.found.append((i, after, False))
            return True
        introduced = len(before) == 2 and before[1] == "là" and before[0] in _SELF
        introduced = introduced and (i == 2 or toks[i - 3].text.lower() in _GREETING)
        if given and (before[-1:] == ["tên"] or introduced):
            self.found.append((i, after, False))
            return True
        return False

    def _a_capitalised_syllable(self, token) -> bool:
        """A name's syllable after a Vietnamese title: not an acronym in a note with
        lower case ("nhân viên DCFS"), a visa's letter ("mấy em H-2B") or an English word."""
        shouted = token.text.isupper() and len(token.text) > 1 and self.case == "mixed"
        coded = self._a_codes_letter(token)
        # an English word in lower case: "mấy anh deckhand đi cả tuần" (not "anh kevin")
        worded = token.text.islower() and len(token.text) > 3 and token.text.isascii()
        worded = worded and self.lex.is_word(token.bare) and not self.lex.is_name(token.bare)
        return token.capitalised and token.text.isalpha() and not (shouted or coded or worded)

    def _a_codes_letter(self, token) -> bool:
        """One letter joined to what follows by a dash, a visa's class ("H-2B", "T-visa"), or
        a column's after "col" (no colonel's: "col F note", not "Col. F. Landry")."""
        column = self.text[max(0, token.start - 4) : token.start].lower() == "col "
        return len(token.text) == 1 and (self.text[token.end : token.end + 1] == "-" or column)

    def _an_english_given_name(self, i: int) -> bool:
        """ "c tiffany o tiem nail": an English given name many bear, no Vietnamese word."""
        word = self.toks[i].bare
        return (
            self.lex.births.get(word, 0) >= COMMON_AS_A_NAME
            and word not in self.r.common_there
            and len(word) > 3
        )

    def typed_title_then_given(self, i: int) -> bool:
        """A form of address typed without marks, then a capitalised given name: "thang
        Khoa 15t", "chi Thu noi" (not "thang Tu", April; not "chu Nhat", Sunday)."""
        toks, after = self.toks, i + 1
        title = toks[i].text.lower()  # typed without marks; opening a sentence: "Ong Tien noi…"
        if self.r.language != "vi" or after >= self.count or title not in TYPED_TITLES:
            return False
        opening = i == 0 or toks[i - 1].text in (".", "!", "?", ":", "\n")
        if not (toks[i].text.islower() or (opening and toks[i].text.istitle())):
            return False
        name = toks[after]
        return (
            name.capitalised
            and name.text.isascii()
            and name.text.isalpha()
            and not name.text.isupper()
            and name.folded in VIETNAMESE_GIVEN
            and not (title in ("thang", "chu") and name.folded in _MONTH_WORDS)
        )

    def an_unlisted_name(self, i: int, deed: bool) -> bool:
        """Inside a sentence Vietnamese capitalises only a proper noun: a marked syllable no
        list holds, after a plain word, is someone's when a deed follows or a meeting word
        comes before ("em gặp Mít ở chợ", "Sáng nay Chiến lại tới"; not "giọng Bắc")."""
        token, before = self.toks[i], self.toks[i - 1]
        if token.text.isascii() or not token.text.isalpha() or before.capitalised:
            return False
        if token.text.lower() in _COMPASS:
            return False  # "giọng Bắc", "miền Tây"
        # the deed read with its marks: folded, "Nạn nhân" (victim) would read "nhận" (gets)
        after = self.toks[i + 1].text.lower() if i + 1 < self.count else ""
        return (deed and after in _MARKED_DEEDS) or before.text.lower() in _MEETING

    def english_order(self, i: int) -> None:
        """In a note written with marks, a given name then a surname written without them,
        as on American papers: "Linh Tran bên Catholic Charities", "ghi tên Thao Pham"."""
        toks, after = self.toks, i + 1
        if self.r.language != "vi" or self.text.isascii() or after >= self.count:
            return
        given, surname = toks[i], toks[after]
        if not all(t.text.isascii() and t.text.istitle() for t in (given, surname)):
            return
        if self.covered[i] or self.covered[after]:
            return
        if given.folded in VIETNAMESE_GIVEN and surname.folded in VIETNAMESE_SURNAMES:
            self.found.append((i, after + 1, False))

    def unmarked_untitled(self, i: int) -> bool:
        """Typed without marks or capitals, a given name with no title: the subject of a
        clause, someone met or called, or a list of three names or more (found, and
        True)."""
        if self._greeted(i):
            self.found.append((i, i + 1, False))
            return True
        if self.covered[i] or not _bare_given(self.toks[i]) or self._in_a_word_of_two(i):
            return False
        if self._a_list_of_names(i):
            return True
        joining = self.toks[i].folded in _JOINING  # "tuan sau", "mai noi lai": then only
        if self._subject(i, joining) or (not joining and self._met_or_called(i)):
            self.found.append((i, i + 1, False))
            return True
        return False

    def _in_a_word_of_two(self, i: int) -> bool:
        """ "hai long", "hoa don": the syllable and a neighbour make one word."""
        toks = self.toks
        pairs = []
        if i > 0:
            pairs.append((toks[i - 1].folded, toks[i].folded))
        if i + 1 < self.count:
            pairs.append((toks[i].folded, toks[i + 1].folded))
        return any(pair in vietnamese_words_of_two() for pair in pairs)

    def _greeted(self, i: int) -> bool:
        """Thanked or greeted in English by a given name, then a comma: "thanks nga, da ack
        roi", "ok hai, e se goi lai"."""
        toks = self.toks
        return (
            0 < i < self.count - 1
            and toks[i - 1].text.lower() in _GREETINGS
            and toks[i + 1].text in (",", "!")
            and not self.covered[i]
            and _given_in_a_list(toks[i])
        )

    def _opening_a_word_of_two(self, i: int) -> bool:
        """Capitalised only as a sentence's first word, a syllable and the one after in lower
        case that make one word: "Trung thuc ma noi", "Hieu roi"."""
        toks = self.toks
        opens = i == 0 or toks[i - 1].text in (".", "!", "?", ":", "\n")
        return (
            opens
            and i + 1 < self.count
            and toks[i + 1].text.islower()
            and (toks[i].folded, toks[i + 1].folded) in vietnamese_words_of_two()
        )

    def _opens_a_clause(self, i: int) -> bool:
        toks = self.toks
        if i == 0 or toks[i - 1].text in _OPENING:
            return True
        if i > 1 and toks[i - 1].folded in _REPORTING and toks[i - 2].text.isalpha():
            return True  # a reported clause: "client noi lan cung bi giu passport"
        return i > 1 and toks[i - 1].folded in _THIS and toks[i - 2].folded in _WHEN

    def _subject(self, i: int, joining: bool) -> bool:
        """ "tuan tra loi truoc", "toi qua phuong nhan tin", "sang 17 tuoi, …" (a syllable
        that mostly joins or times a clause, only before two words that say or an age)."""
        toks, after = self.toks, i + 1
        if after >= self.count or not self._opens_a_clause(i):
            return False
        while after + 1 < self.count and toks[after].folded in _STILL and after < i + 3:
            after += 1  # "khanh van con lam o tiem": still works there
        nxt = toks[after].folded
        then = toks[after + 1].folded if after + 1 < self.count else ""
        return (nxt, then) in _SAYS_TWO or (nxt in _DOES and not joining) or self.an_age_at(after)

    def an_age_at(self, at: int) -> bool:
        """ "17 tuoi", and typed short "15t": a person's age."""
        if at >= self.count:
            return False
        said = self.toks[at].text
        if len(said) in (2, 3) and said[-1] in "tT" and said[:-1].isdigit():
            return True  # "thang Khoa 15t bi keu chay hang"
        return (
            at + 1 < self.count
            and said.isdigit()
            and len(said) <= 2
            and self.toks[at + 1].folded == "tuoi"
        )

    def _met_or_called(self, i: int) -> bool:
        """ "gap hong o cho dem", "di voi nghia len toa", "goi cho tin 3 lan"."""
        toks, after = self.toks, i + 1
        before = toks[i - 1].folded if i > 0 else ""
        sent = before == "cho" and any(t.folded in _SEND for t in toks[max(0, i - 4) : i - 1])
        if before not in _WITH and not sent:
            return False
        if after >= self.count:
            return True
        nxt = toks[after]
        return (
            nxt.text in _OPENING
            or nxt.text.isdigit()
            or nxt.folded in _AFTER_SOMEONE
            or nxt.folded in _DOES
        )

    def _a_list_of_names(self, i: int) -> bool:
        """ "nhom lam o tiem: dinh, tuyet, sen va 1 nguoi nua": three names or more, each of
        one or two given names, after a colon or opening the note (found, and True)."""
        toks = self.toks
        if not (i == 0 or toks[i - 1].text == ":"):
            return False
        items, at = [], i
        while at < self.count and len(items) < 8:
            end = at
            while end < min(self.count, at + 2) and _given_in_a_list(toks[end]):
                end += 1
            if end == at:
                break
            items.append((at, end))
            if end < self.count and toks[end].text.lower() in (",", "va"):
                at = end + 1
            else:
                break
        # a syllable that is also a word counts in a list of names ("vinh, sang, my")
        sure = sum(all(_bare_given(t) for t in toks[a:b]) for a, b in items)
        if len(items) < 3 or sure < 2:
            return False
        self.found.extend((a, b, False) for a, b in items)
        return True

    def titled_then_where(self, i: int) -> bool:
        """A title, one or two given names, then where they are: "c huyen ben shelter", "ls
        ngoc ha ben legal aid" (found, and True)."""
        toks = self.toks
        if i == 0 or toks[i - 1].folded not in _TITLES or not _bare_given(toks[i]):
            return False
        end = i + 1
        if end < self.count and _bare_given(toks[end]):
            end += 1
        if end < self.count and toks[end].folded in ("o", "ben"):
            self.found.append((i, end, False))
            return True
        return False


def _a_word_of_two(words: list[str], before: list[str], after: list[str]) -> bool:
    """Whether a span in lower case is, or ends or begins, a two-syllable Vietnamese word:
    "hai long", "hoa don", "thanh toan" ("hoc vien hai long voi …")."""
    opening = not before or before[-1][-1:] in ".!?:"  # a sentence's first word: "Hieu roi"
    if opening and words and words[0][:1].isupper() and words[0][1:].islower():
        words = [words[0].lower(), *words[1:]]
    if not words or not all(word.islower() for word in words):
        return False
    pairs = list(zip(words, words[1:], strict=False))
    if before:
        pairs.append((before[-1].lower(), words[0]))
    if after:
        pairs.append((words[-1], after[0].lower().strip(".,;:!?")))
    return any(pair in vietnamese_words_of_two() for pair in pairs)


_NAMING_HEADS = frozenset(("tieng", "thu", "thang", "mien", "nuoc", "nganh"))


@functools.cache
def _vietnamese_words_and_no_particle() -> frozenset[str]:
    return vietnamese_words_no_name_holds() - PARTICLES  # not "de", "la": "María de la Cruz"


def vietnamese_words(text: str, span: tuple[int, int]) -> bool:
    """In a note partly typed in Vietnamese without marks, whether a span holds a word in
    lower case that Vietnamese writes with marks and no name holds: "nhung chua thay danh
    ai" (but no one has been hit yet), "theo doi" (follow up), "di hoc" (go to school)."""
    no_name = _vietnamese_words_and_no_particle()
    words = [t.text for t in tokens(text[span[0] : span[1]])]
    if any(word.islower() and word in no_name for word in words):
        return True
    before = text[max(0, span[0] - 12) : span[0]].split()
    after = text[span[1] : span[1] + 8].split()
    if _a_word_of_two(words, before, after):
        return True
    # a language's, a weekday's, a month's or a region's word before ("tieng Anh", "thu Hai",
    # "mien Nam"; not "cho", which is as often "to" as "market": "goi cho hieu"), or "lúc"
    # before an hour ("luc 7h")
    return bool(before and before[-1].lower() in _NAMING_HEADS) or (
        words == ["luc"] and bool(after) and after[0][:1].isdigit()
    )
