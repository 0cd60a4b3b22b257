"""The rules of `_Reading` (name_reading.py) for notes in Vietnamese (issue 22): a name by
its shape or with no title; and the organisations Spanish and Vietnamese name with a head
noun first. The Spanish names are `name_reading_spanish`'s."""

from __future__ import annotations

import unicodedata

from .languages import (
    VIETNAMESE_DEEDS,
    VIETNAMESE_GIVEN,
    VIETNAMESE_GIVEN_MARKED,
    VIETNAMESE_HEADS_BEFORE,
    VIETNAMESE_HEADS_BEFORE_FOLDED,
    VIETNAMESE_MIDDLE_MARKED,
    VIETNAMESE_NOT_NAMES,
    VIETNAMESE_NOT_NAMES_FOLDED,
    VIETNAMESE_SURNAMES,
    VIETNAMESE_SURNAMES_MARKED,
)
from .lexicons import word_set
from .name_cues import VIETNAMESE_KIN
from .name_reading_vietnamese import JOINING as _JOINING
from .name_reading_vietnamese import OPENING as _OPENING
from .name_reading_vietnamese import TYPED_TITLES as _TYPED_TITLES
from .name_reading_vietnamese import _UnmarkedVietnameseNames
from .name_words import _STOPS, HEAD_NOUNS, VIETNAMESE_TITLES, Token

VIETNAMESE_MIDDLE = word_set(
    "thi van minh ngoc duc thanh quang huu kim anh xuan hoang cong dinh hong bao gia tuan "
    "phuong thu hai"
)


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


def _a_middle_name(token: Token, plain: bool) -> bool:
    return _marked_in(token, VIETNAMESE_MIDDLE_MARKED, VIETNAMESE_MIDDLE, plain)


def _a_name_syllable(token: Token, plain: bool) -> bool:
    return _a_given_name(token, plain) or _a_surname(token, plain) or _a_middle_name(token, plain)


# Given names that open sentences as words: "Mai" (tomorrow), "Sang" (over to), "An".
_COMMON_OPENERS = frozenset(("mai", "sang", "an", "bình", "tâm", "vui", "hoa", "thu", "xuân"))
# Speech, which settles even those: "Mai nói sáng mai sẽ đi khám".
_SAYS = frozenset(("nói", "kể", "khai", "nhắn"))
# Place among siblings, then a nickname: "Hai Lúa", "Út Hột Vịt" (not "Ba Mẹ", mum and dad)
_BIRTH_ORDER = frozenset(("hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "út"))
_KIN = frozenset(("mẹ", "má", "ba", "con", "em", "anh", "chị", "ông", "bà", "cô", "chú", "dì"))
# Surnames typed without marks that are no common word (not "le", "ho", "do", "vo", "mai")
_SURNAMES_NO_WORD_SHARES = word_set(
    "nguyen tran pham hoang huynh phan vu dang bui doan duong truong dinh ngo luong trinh quach"
)
# What someone is said to be: "… la nguoi dua e vo tiem", "… là chủ tiệm".
_WHO = frozenset(("nguoi", "chu", "thang", "con", "vo", "chong", "ban", "ma"))
# Words that point, not names: "cô ấy là chủ tiệm" (she is the owner).
_POINTING = frozenset(("ay", "nay", "do", "kia", "ta", "minh", "ho", "nao"))
# Whose name "tên … là" gives: "Tên ở nhà của em là Mít", "tên thật của chị là …".
_WHOSE_NAME = frozenset(
    ("em", "chi", "anh", "co", "chu", "ong", "ba", "no", "toi", "con", "be", "chau", "nha", "that")
)
_MET = frozenset(("gap", "hoi", "voi", "thay", "goi", "cung"))
_UNITS = frozenset(("huyện", "tỉnh", "xã", "quận", "phường", "đường", "phố", "trường", "huyen"))
_JUST = frozenset(("vừa", "đã", "mới", "cũng", "vẫn"))  # before a deed: "khánh vừa gọi"
_SAYING = frozenset(("noi", "ke", "bao", "khai", "nhan"))  # nói, kể, bảo, khai, nhắn


class _NamesInOtherLanguages(_UnmarkedVietnameseNames):
    """Mixed into `_Reading`, which holds the text, its tokens and the names found."""

    def vietnamese(self, i: int) -> None:
        """Nguyen Thi Lan, TRAN VAN HUNG: surname, middle name, given name."""
        toks = self.toks
        if (
            i + 2 < self.count
            # By its marks where it has them: "trình báo động" is no Trịnh Bảo Đông
            and self._a_vietnamese_surname_before(i)
            and _a_middle_name(toks[i + 1], toks[i + 1].text.isascii())
            and toks[i + 2].text.isalpha()
            # With capitals in the text a name has them ("phần thành viên" is a phrase), and
            # then its given name may be any syllable ("Đặng Thị Thu", not Thursday).
            and (
                all(t.capitalised for t in toks[i : i + 3]) or self._typed_after_its_name(i)
                if self.case == "mixed"
                # "MỸ" is no English "my": a marked syllable is no English word
                else not (toks[i + 2].text.isascii() and self.r.blocked(toks[i + 2]))
                and not self._thi_then_no_given_name(i)
            )
            and not all(self.covered[i : i + 3])  # "St. Agnes Le Thi Thanh", a church
            and not (i > 0 and toks[i - 1].text.lower() in _UNITS)  # "huyện Trần Văn Thời"
        ):
            self.found.append((i, i + 3, True))

    def _thi_then_no_given_name(self, i: int) -> bool:
        """Typed without marks, "thi" is as often "thì" (then): "giay to thi goi dau"
        (papers, then call where), "gia dinh thi e im lang"; a name's third syllable is
        then a given name, not a title or a deed."""
        third = self.toks[i + 2]
        return (
            self.toks[i + 1].text == "thi"
            and third.text.isascii()
            and (
                third.folded not in VIETNAMESE_GIVEN
                or third.folded in VIETNAMESE_DEEDS | _TYPED_TITLES
            )
        )

    def _a_vietnamese_surname_before(self, i: int) -> bool:
        """A listed surname, or before "Thị" any capitalised syllable: "Thị" is a woman's
        middle name and nothing else, so "Lạc Thị Thu Oanh", "Diep Thi Cam Tu"."""
        token, middle = self.toks[i], self.toks[i + 1]
        if _a_surname(token, token.text.isascii()):
            return True
        return middle.bare == "thi" and token.capitalised and token.text.isalpha()

    def vietnamese_untitled(self, i: int) -> None:
        """In a Vietnamese note, a name with no title before it: a surname and a given name
        ("Trần Khoa"), two given names ("gặp Minh Khoa", "Trâm Anh"), a middle name between
        two syllables ("Kha Minh Triết"), or a given name the list knows inside a sentence
        ("đã gặp Khoa"), doing what a person does ("Hoàng không đến") or after "Theo"."""
        toks, plain = self.toks, self.text.isascii()  # typed without marks
        if self.r.language != "vi":
            return
        if self._after_ho(i) or self._called_out(i) or self._titled_owner(i):
            self.found.append((i, i + 1, False))  # "nhà họ Dương", "Thịnh ơi tiệm còn…"
            return
        # also a name typed without marks in lower case: "chu phuc cho biet … Quang Tri"
        if self.case != "mixed" or (plain and toks[i].text.islower()):
            self._vietnamese_uncapitalised(i, plain)
            return
        if not self._vietnamese_word(i):
            return
        if plain and self._opening_a_word_of_two(i):
            return  # "Trung thuc ma noi" (trung thực: honest), "Nghia la …" (that means)
        if _marked_in(toks[i], VIETNAMESE_HEADS_BEFORE, VIETNAMESE_HEADS_BEFORE_FOLDED, plain):
            return  # "Chùa Quang Minh", "Bão Francine" open a sentence
        aside = i + 1 < self.count and toks[i + 1].text == ","  # "ở Slidell, Sương, nói"
        if i > 1 and toks[i - 1].text.lower() in ("và", ",") and self.covered[i - 2] and not aside:
            return  # the last of a list of places: "Biên Hòa và Xuân Lộc"
        if i > 0 and (
            (self._vietnamese_word(i - 1) and toks[i - 1].text != "Theo")
            or _marked_in(
                toks[i - 1], VIETNAMESE_HEADS_BEFORE, VIETNAMESE_HEADS_BEFORE_FOLDED, plain
            )
        ):
            return  # read from the proper noun's first word; "chùa Bồ Đề", "tiếng Việt"
        end = i + 1
        while end < min(self.count, i + 4) and self._vietnamese_word(end):
            end += 1
        if any(t.bare in HEAD_NOUNS for t in toks[i + 1 : end]):
            return  # "Thành Công Seafood", "Kim Long Market": a business
        if self._birth_order_name(i, end, plain):
            return
        deed = self._a_deed_at(end)
        # Typed without marks, a given name and a syllable that is also a place's ("Han":
        # Hân or Hàn) are a person when a deed follows: "Ngoc Han di lam"
        acting_pair = plain and end - i == 2 and deed and _a_given_name(toks[i], plain)
        # "Em nói Trung là người đón em": said to be the one who (not "miền Trung")
        acting_pair = acting_pair or (
            end + 1 < self.count
            and toks[end].folded == "la"
            and toks[end + 1].folded in _WHO
            and _a_given_name(toks[i], plain)
        )
        if (
            all(self.covered[i:end])
            or (end > i + 1 and all(self.covered[i + 1 : end]))
            or (self._not_a_name_here(i, end, plain) and not acting_pair)
        ):
            return  # "Thái Lan", "Hà Nội", "Châu Âu", "Công An"
        opens = i == 0 or toks[i - 1].text in _STOPS or not toks[i - 1].text.islower()
        if end + 1 < self.count and toks[end].text == "," and i > 0 and toks[i - 1].text == ",":
            deed = toks[end + 1].folded in VIETNAMESE_DEEDS  # "ở Slidell, Sương, nói"
        if self._vietnamese_known(i, end, plain, deed, opens):
            self.found.append((i, end, False))

    def _a_deed_at(self, at: int) -> bool:
        """What a person does, or their age: "không đến", "bảo", "Khanh 17 tuoi"."""
        return at < self.count and (
            self.toks[at].folded in VIETNAMESE_DEEDS
            or self.toks[at].text.lower() == "bảo"  # told
            or self.an_age_at(at)
        )

    def _called_out(self, i: int) -> bool:
        """A name called out: "Thịnh ơi, tiệm còn thiếu thợ" ("ơi" follows only a person);
        typed without marks, a given name in lower case: "'bi oi, e bi giu o tiem'"."""
        after, token = i + 1, self.toks[i]
        if after >= self.count:
            return False
        if self.toks[after].text.lower() == "ơi":  # not "Chị ơi, …", a form of address
            return self._vietnamese_word(i) and token.text.lower() not in VIETNAMESE_TITLES
        return (
            self.toks[after].text.lower() == "oi"
            and self.text.isascii()
            and (token.text.islower() or token.text.istitle())  # "Sinh oi, cuoi tuan…"
            and token.folded in VIETNAMESE_GIVEN
            and token.folded not in (*_TYPED_TITLES, "chau")  # "chi oi", "Chau oi": address
        )

    def _typed_after_its_name(self, i: int) -> bool:
        """Three syllables in lower case after "tên … là" or "tên": "Chủ ghe tên là duong
        minh hieu", "nguoi cho e di nho xe ten dang van luc"."""
        toks = self.toks
        return all(t.text.islower() and t.text.isalpha() for t in toks[i : i + 3]) and (
            self._called(i)
            or (i > 0 and toks[i - 1].folded == "ten")
            # a surname no word shares, "van" or "thi", a given name: "doan van thang"
            or (
                toks[i].text in _SURNAMES_NO_WORD_SHARES
                and toks[i + 1].text in ("van", "thi")
                and toks[i + 2].folded in VIETNAMESE_GIVEN
            )
        )

    def _speaks(self, i: int) -> bool:
        """Typed without marks, a given name before what a person says, opening a clause:
        "…, tam noi muon goi ve cho me" (not "mai noi chuyen": talk tomorrow)."""
        toks, after = self.toks, i + 1
        opens = i == 0 or toks[i - 1].text in _OPENING or toks[i - 1].folded in _TYPED_TITLES
        return (
            opens
            and after < self.count
            and toks[after].folded in _SAYING
            and not (after + 1 < self.count and toks[after + 1].folded == "chuyen")
            and toks[i].folded in VIETNAMESE_GIVEN
            and toks[i].folded not in VIETNAMESE_DEEDS | _TYPED_TITLES | _JOINING
        )

    def _titled_owner(self, i: int) -> bool:
        """Typed without marks, a title, a word, then "la chu …" or "la nguoi …": "ong Nam la
        chu bai ghe", "di nam la chu tiem" (not "co ay la chu tiem": she is)."""
        toks = self.toks
        return (
            0 < i < self.count - 2
            and toks[i - 1].folded in _TYPED_TITLES | {"di"}
            and toks[i].text.isascii()
            and toks[i].text.isalpha()
            and toks[i].folded not in _POINTING
            and toks[i + 1].folded == "la"
            and toks[i + 2].folded in _WHO
        )

    def _after_ho(self, i: int) -> bool:
        """A surname with its marks after "họ" (the family name) or "gia đình" (family)."""
        token = self.toks[i]
        return (
            i > 0
            and self.toks[i - 1].text.lower() in ("họ", "đình")
            and not token.text.isascii()
            and _a_surname(token, False)
            and token.capitalised
        )

    def _vietnamese_known(self, i: int, end: int, plain: bool, deed: bool, opens: bool) -> bool:
        """Whether the capitalised syllables from `i` to `end` are a person's name, by the
        lists and what stands around them (see `vietnamese_untitled`)."""
        toks = self.toks
        if end - i > 1:
            # "nói chuyện với Hồng Nhạn": with, met or asked someone, a given name first
            met = i > 0 and toks[i - 1].text.lower() in ("với", "gặp", "hỏi", "thăm")
            known = (
                self._called(i)
                or _a_surname(toks[i], plain)
                or all(_a_name_syllable(t, plain) for t in toks[i:end])
                or (end - i == 3 and _a_middle_name(toks[i + 1], plain))
                or (met and _a_given_name(toks[i], plain))
            )
        else:
            # Opening a sentence, a given name that is a common word needs more: "Mai sẽ có…"
            says = end < self.count and toks[end].text.lower() in _SAYS
            common = toks[i].text.lower() in _COMMON_OPENERS and not says
            if plain and opens and toks[i].folded in VIETNAMESE_KIN:
                return False  # a pronoun typed without marks: "Chi noi …" (chị nói: she says)
            known = (
                (_a_given_name(toks[i], plain) and ((deed and not common) or not opens))
                or (not (plain or opens) and self.an_unlisted_name(i, deed))
                or self._called(i)
                or self._according_to(i, plain)
            )
        return known

    def _not_a_name_here(self, i: int, end: int, plain: bool) -> bool:
        """A syllable that makes the words a country, a language or a feast ("Thái Lan",
        "Tết Trung Thu"); not "Phạm Nhật Minh" (a surname first) or "Trâm Anh" (a given name,
        then "Anh")."""
        toks = self.toks
        if _a_surname(toks[i], plain) and not _not_a_name(toks[i], plain):
            return False
        given_first = _a_given_name(toks[i], plain) and not _not_a_name(toks[i], plain)
        return any(
            _not_a_name(t, plain) and not (k and given_first and t.text.lower() == "anh")
            for k, t in enumerate(toks[i:end])
        )

    def _according_to(self, i: int, plain: bool) -> bool:
        """ "Theo Thọ, ghe tôm ra khơi…": according to a person."""
        toks = self.toks
        return (
            i > 0
            and toks[i - 1].text.lower() == "theo"
            and i + 1 < self.count
            and toks[i + 1].text == ","
            and _a_given_name(toks[i], plain)
        )

    def _birth_order_name(self, i: int, end: int, plain: bool) -> bool:
        """ "Hai Lúa", "Tư Ếch", "Út Hột Vịt" (found, and True); in a note with marks."""
        toks = self.toks
        if (
            plain
            or end - i < 2
            or toks[i].text.lower() not in _BIRTH_ORDER
            or toks[i + 1].text.lower() in _KIN
            or all(self.covered[i:end])
        ):
            return False
        self.found.append((i, end, False))
        return True

    def _vietnamese_uncapitalised(self, i: int, plain: bool) -> None:
        """In capitals, a name with its marks before what a person does ("CẬP NHẬT: HUỲNH
        ĐÃ RỜI KHỎI GHE"); typed without capitals or marks, a short form of address, a
        given name and a deed ("a tuan noi e ko dc ra khoi tiem")."""
        toks, after = self.toks, i + 1
        lower = toks[i].text.islower()
        if lower and plain and (self._said_to_be_someone(i) or self._in_a_word_of_two(i)):
            return  # "tin nhan bi loi": tin nhắn, a message
        if lower and plain and (self.unmarked_untitled(i) or self.titled_then_where(i)):
            return
        if lower and plain and self._speaks(i) and not self.covered[i]:
            self.found.append((i, after, False))
            return
        # "gap be ngan o cho": met, asked or was with someone by a form of address
        met = i > 1 and toks[i - 2].folded in _MET and toks[i - 1].folded in _TYPED_TITLES
        acts = after < self.count and (
            toks[after].folded in VIETNAMESE_DEEDS or toks[after].text == "bao"  # bảo, typed
        )
        # where a titled person is: "bs khiem o clinic", "c tiffany o tiem nail Kenner"
        acts = acts or (plain and after < self.count and toks[after].text == "o")
        # with its marks, opening a note, then "just", "already" and a deed, or what is said:
        # "khánh vừa gọi", "ngọc nói hôm thứ bảy…" (not "mai nói": tomorrow)
        just = after < self.count and toks[after].text.lower() in _JUST
        says = after < self.count and toks[after].text.lower() in _SAYS
        if lower and not plain and i == 0 and ((just and self._a_deed_at(after + 1)) or says):
            common = says and not just and toks[i].text.lower() in _COMMON_OPENERS
            if _a_given_name(toks[i], False) and not self.covered[i] and not common:
                self.found.append((i, after, False))
            return
        given = _a_given_name(toks[i], False)
        if lower and not plain and self._dictated(i, acts or just, given and not self.covered[i]):
            return
        if not (acts or (met and lower)) or self.covered[i]:
            return
        opens = i == 0 or toks[i - 1].text in _STOPS
        if self.case == "caps":
            if (
                opens
                and not toks[i].text.isascii()
                and (_a_surname(toks[i], False) or _a_given_name(toks[i], False))
            ):
                self.found.append((i, after, False))
        elif (
            plain
            and i > 0
            and toks[i - 1].folded in _TYPED_TITLES
            and (toks[i].folded in VIETNAMESE_GIVEN or self._an_english_given_name(i))
            and toks[i].folded not in VIETNAMESE_DEEDS
            and toks[i].folded != "an"  # ăn, to eat: "e an dc 2 bua"
            and not self._co_then_a_word(i)
        ):
            self.found.append((i, after, False))

    def _co_then_a_word(self, i: int) -> bool:
        """Among capitals, "co" is as often "có" (has) as "cô": "co tu van vien" (has a
        counsellor); there it titles a name only before what a person says. (In a note
        all in lower case it still titles one before any deed: "co lan van o tiem".)"""
        after = i + 1
        return (
            self.case == "mixed"
            and self.toks[i - 1].folded == "co"
            and not (after < self.count and self.toks[after].folded in _SAYING)
        )

    def _said_to_be_someone(self, i: int) -> bool:
        """Typed without marks, one or two given names, then "la nguoi …" or "la chu …" (is
        the one who, is the owner): "e noi thuy tien la nguoi dua e vo tiem" (found, and
        True)."""
        toks = self.toks
        end = i + 1
        if end < self.count and toks[end].folded in VIETNAMESE_GIVEN and toks[end].folded != "la":
            end += 1
        if not all(toks[k].folded in VIETNAMESE_GIVEN for k in range(i, end)):
            return False
        if toks[i].folded in _JOINING:
            return False
        before = toks[i - 1].folded if i > 0 else ""
        if before in VIETNAMESE_GIVEN and before not in _KIN | _TYPED_TITLES | {"di"}:
            return False  # read from the name's first syllable ("di": dì, an aunt)
        if end + 1 < self.count and toks[end].folded == "la" and toks[end + 1].folded in _WHO:
            self.found.append((i, end, False))
            return True
        return False

    def _called(self, i: int) -> bool:
        """ "gọi con nhỏ là Bống": what someone is called, "là" after "gọi"."""
        toks = self.toks
        if i == 0 or toks[i - 1].folded != "la":
            return False
        before = [t.folded for t in toks[max(0, i - 6) : i - 1]]
        if "goi" in before or "danh" in before or "hieu" in before:
            return True  # gọi …, biệt danh, biệt hiệu
        # "Tên ở nhà của em là Mít", not "Tên chương trình là Bình Minh"
        named = before[before.index("ten") + 1 :] if "ten" in before else None
        return named is not None and (not named or bool(_WHOSE_NAME.intersection(named)))

    def _vietnamese_word(self, at: int) -> bool:
        """A capitalised syllable, not an acronym (MDT, NOPD); its marks may be typed apart."""
        token = self.toks[at]
        # A sentence's last word may hold its full stop: "… là Tư Mập."
        letters = unicodedata.normalize("NFC", token.text).removesuffix(".")
        return token.capitalised and letters.isalpha() and not token.text.isupper()
