"""The rules that start from a cue: a title, "named", a relation, talking with someone,
a naming verb, an apposition, a possessive, what a person does."""

from __future__ import annotations

from .languages import ROTA_DUTIES, SIGNING_CUES, SPANISH_KIN
from .lexicons import COMMON_AS_A_NAME, word_set
from .name_context import _BEFORE_A_MONTH
from .name_spanish_cues import _SPANISH_SMALL_AFTER_A_ROLE
from .name_words import (
    _APOSTROPHE_NAME,
    _CUES_BY_FIRST,
    _KIND_OF,
    _ROLES,
    _WHOSE,
    ACRONYMS,
    BELONGINGS,
    HEAD_NOUNS,
    MONTHS,
    NOT_DOERS,
    PEOPLE_NOUNS,
    PERSONAL,
    RELATIONS,
    SOFT_CUES,
    SPEAKING,
    STATES,
    TALKING,
    TITLES,
    VIETNAMESE_TITLES,
    VIETNAMESE_TWO_WORD_TITLES,
    _a_role_mistyped,
)
from .not_people import places

# The cues that are verbs ("ask Landry", "text Mike"), not a heading's "Thanks, Mike".
_VERB_CUES = frozenset(("ask", "contact", "call", "text", "email"))
# Nicknames that are English words, and what a person does after one.
_NICKNAMES = word_set(
    "peanut boo tiny slim bae ghost pooh cookie sunny sugar candy peaches honey smoke bebe "
    "nae dre lil shorty bird pumpkin cupcake"
)
_DOING = (SPEAKING | PERSONAL) - {"was", "is", "has", "had", "shows", "runs"}
# What stands between a Spanish cue and the nickname: an article or "is".
_ARTICLES = frozenset(("la", "el", "es", "era"))
_BEFORE_A_PERSON = frozenset(("younger", "older", "other", "little", "new", "two", "three"))
# Kin words, folded: after "gọi là" in lower case, what to call someone ("gọi là chị").
VIETNAMESE_KIN = frozenset(("anh", "chi", "em", "co", "chu", "bac", "ong", "ba", "di", "cau", "mu"))
_NO_ONE = ROTA_DUTIES | {"phone", "text", "the", "a"}
_SPANISH_KIN_AND_BABY = SPANISH_KIN | {"bebe", "bebes", "nino", "nina", "ninos", "hijos"}


class _CuedNames:
    """The cue rules of `_Reading` (name_reading.py), holding the text and names found."""

    def skip_title(self, at: int) -> int:
        """Past a title and its full stop: "her aunt Ms. Bev" → Bev."""
        if at < self.count and self.toks[at].bare in TITLES:
            at += 1 + (at + 1 < self.count and self.toks[at + 1].text == ".")
        return at

    def title(self, i: int) -> None:
        """Ms. Robichaux, Det. Boudreaux, Judge Landry, Aunt Bev, Lil Trey, Det. St. Romain;
        in Vietnamese, a kinship word or title and a capitalised name: chị Thu, bà Trần Thị
        Mai, bé Na (whatever the name's syllables mean on their own)."""
        toks, after = self.toks, i + 1
        if after < self.count and f"{toks[i].text} {toks[after].text}".lower() in (
            VIETNAMESE_TWO_WORD_TITLES
        ):
            i, after = after, after + 1  # "Thám tử Lý", "bác sĩ Hạnh"
            if after < self.count and self._a_capitalised_syllable(toks[after]):
                self.found.append((after, after + 1, True))
                return
        # "anh" and "em" bear no mark: titles only in Vietnamese text ("EM Director")
        vietnamese = toks[i].text.lower() in VIETNAMESE_TITLES and (
            self.r.language == "vi"
            or not toks[i].text.isascii()
            or (
                after < self.count
                and not toks[after].text.isascii()  # "anh Dũng"
                and toks[i].bare != "con"  # Spanish "con Ángel" (with)
            )
        )
        if self.typed_title_then_given(i):
            self.found.append((after, after + 1, True))  # "thang Khoa 15t bi keu chay hang"
            return
        if vietnamese and after < self.count:
            end = after
            while end < min(self.count, after + 4) and self._a_capitalised_syllable(toks[end]):
                end += 1
            if end > after and not all(self.covered[after:end]):
                self.found.append((after, end, True))
                return
        # Folded, "đơn" (an application) would read as the Spanish "Don"; so would "đón"
        # (to pick up) typed without marks: "xe dua don. Hien gio …"
        marked = self.r.language == "vi" and (not toks[i].text.isascii() or toks[i].bare == "don")
        title = (toks[i].bare in TITLES and not marked) or vietnamese
        if not title or after >= self.count:
            return
        if toks[after].text == "." and after + 1 < self.count:
            if len(toks[i].bare) > 4 or toks[i].bare not in TITLES:
                # "taken to a doctor. One of the men", "trẻ em. Cách…": a sentence ends
                return
            after += 1
        nxt = toks[after]
        if "\n" in self.text[toks[i].end : nxt.start]:
            return  # "Reporter: a State Police trooper\nTop barrier: …": a new line
        if toks[i].bare == "sheriff" and (nxt.bare,) in places():
            return  # the parish's: "sheriff Terrebonne xac nhan", "Sheriff Jefferson"
        if nxt.bare == "st" and after + 1 < self.count:
            at = after + 1 + (toks[after + 1].text == "." and after + 2 < self.count)
            if self.r.nameish(toks[at], self.case, cue=True):
                self.found.append((after, self.r.extend(toks, at, self.case), True))
        elif (
            self.r.nameish(nxt, self.case, cue=True)
            and nxt.bare not in RELATIONS
            and not self._a_codes_letter(nxt)
            and not (after + 1 < self.count and toks[after + 1].text == "/")  # adv f/u
            and (self.case == "mixed" or self._a_name_unless_plain(after))
        ):
            self.name_at(after, strong=True)

    def _no_one_signs(self, at: int) -> bool:
        """After "resolved by", "acknowledged by": a duty, a role or an agency signs."""
        token = self.toks[min(at, self.count - 1)]
        shouted = token.text.isupper() and len(token.text) > 3  # "JDSO", not initials "KB"
        shouted = shouted and self.case == "mixed" and not self.lex.is_name(token.bare)
        return token.bare in _NO_ONE or token.bare in _ROLES or token.text in ACRONYMS or shouted

    def _a_name_unless_plain(self, at: int) -> bool:
        """Without capitals a plain word (or one no list names) after a title is a name
        only before a surname: "the attorney will", "anh deckhand", "det. mark thibodeaux"."""
        lex, bare = self.lex, self.toks[at].bare
        named = not (lex.is_plain_word(bare) or (lex.is_word(bare) and not lex.is_name(bare)))
        if named or self.toks[at].capitalised:  # "parrain Wade": a capital in lower case
            return True
        if self._addressed_in_spanish(at):
            return True  # "la senora paz", "doña luz"
        nxt = self.toks[at + 1].bare if at + 1 < self.count else ""
        return self.lex.is_name(nxt) and not self.lex.is_word(nxt)

    def cue(self, i: int) -> None:
        """named Kay, goes by Peaches, known as T-Boy, a girl called Brittany."""
        toks = self.toks
        for cue in _CUES_BY_FIRST.get(toks[i].folded, ()):
            end = i + len(cue)
            if [t.folded for t in toks[i:end]] == cue and end < self.count:
                if toks[end].bare in ("him", "her", "them") and end + 1 < self.count:
                    end += 1  # the girls call him "Pelón"
                if toks[end].text in ('"', "'", "“", "‘") and end + 1 < self.count:
                    end += 1  # known as "T"
                if toks[end].folded in _ARTICLES and end + 1 < self.count:
                    end += 1  # "le dicen la Flaca", "su apodo es Güera"
                end = self.skip_title(end)
                kin = end < self.count and toks[end].folded in VIETNAMESE_KIN
                if kin and toks[end].text.islower():
                    continue  # "gọi là chị nhé": what to call her, not her name
                if cue[-1] == "for" and self.case != "mixed" and self.lex.only_a_word(toks, end):
                    continue  # "PT ASKED FOR WATER": in capitals, a thing asked for
                if " ".join(cue) in SIGNING_CUES and self._no_one_signs(end):
                    continue  # "acknowledged by backup", "acked by JDSO"
                if end < self.count and self._named(toks[end]):
                    self.name_at(end, strong=True)
        after = i + 1
        if (
            toks[i].bare == "called"
            and i > 0
            and toks[i - 1].bare in PEOPLE_NOUNS
            and after < self.count
            and self.r.nameish(toks[after], self.case, cue=True)
        ):
            self.name_at(after, strong=True)

    def _named(self, token) -> bool:
        """A name after "named", "se llama", "hola soy": in a note with capitals, one typed
        in lower case too when the lists hold it as a name only ("hola soy maribel")."""
        if self.r.nameish(token, self.case, cue=True):
            return True
        lex = self.lex
        return (
            self.case == "mixed"
            and not self.r.blocked(token)  # "signed by HSI"
            and lex.is_name(token.bare)
            and not lex.is_word(token.bare)
        )

    def soft_cue(self, i: int) -> None:
        """per Landry, attn: Rivet, thanks, Mike — unless a place or organisation covers it."""
        toks, after = self.toks, i + 1
        if toks[i].bare not in SOFT_CUES or after >= self.count:
            return
        if toks[i].bare == "via" and self.r.language == "es":
            return  # "vía Reynosa": by way of a place
        at = after + (toks[after].text in (":", ",", "-") and after + 1 < self.count)
        if toks[after].text == "," and toks[i].bare in _VERB_CUES:
            return  # "survey free text, Orleans": a verb takes its person with no comma
        nxt = toks[at]
        if (
            nxt.bare not in RELATIONS
            and nxt.bare not in TITLES
            and not nxt.text.isupper()
            and self.r.named_after_cue(nxt, self.case)
        ):
            # "per Broussard, the manager…": one word that is a surname and a town's name,
            # with nothing after it that makes it the place, is the person.
            one_word = at + 1 >= self.count or not toks[at + 1].capitalised
            strong = (
                one_word
                and self.lex.is_surname(nxt.bare)
                and nxt.capitalised
                # "Present: Beauregard and Vernon sheriffs' offices": a list of places
                and not (
                    self.covered[at]
                    and (
                        self._in_a_list_of_places(at, at + 1)
                        or (at + 1 < self.count and toks[at + 1].bare in ("and", "&", "/"))
                    )
                )
            )
            self.name_at(at, strong=strong)

    def relation(self, i: int) -> None:
        """her cousin Marcus, client Maria Lopez, aunt, Bernadette; the driver as Ray."""
        toks, at = self.toks, i + 1
        if toks[i].bare not in RELATIONS:
            return
        if self.case == "mixed" and toks[i].capitalised and i > 0 and toks[i - 1].text == "the":
            return  # a thing's name: "the truck parking near the Twin Span"
        if at < self.count and (toks[at].text in (",", "(", ":", "-") or toks[at].bare == "as"):
            at += 1
        at = self.skip_title(at)
        if at >= self.count or toks[at].bare in RELATIONS:
            return
        if self._a_role_after_an_article(at):
            return  # "(LA MAMÁ, EL PATRÓN, LA PROMOTORA)": roles listed, no one named
        if self.r.vietnamese_typed_plain(toks[at]):
            return  # "goi deputy ben sheriff ho tro"
        if self.r.language == "es" and toks[at].text in _SPANISH_SMALL_AFTER_A_ROLE:
            return  # "el manager del car wash", "el foreman les descuenta"
        nickname = (  # "her friend Peanut": a lower-case relation, then a capital
            self.case == "mixed"
            and not toks[i].capitalised
            and toks[at].capitalised
            and not toks[at].text.isupper()
            and not self.r.blocked(toks[at])
            and not self.covered[at]
            and not self._a_numbered_unit(at)  # "DCFS supervisor (Region 2)"
        )
        # "client hector delacroix": a given name that is also a word, then a surname
        # or no word at all.
        pair = (
            at + 1 < self.count
            and self.lex.is_first_name(toks[at].bare)
            and not self.r.blocked(toks[at])
            and not self.r.blocked(toks[at + 1])
            and toks[at + 1].bare.isalpha()
            and not self.lex.is_plain_word(toks[at + 1].bare)
            and not self.covered[at + 1]
        )
        named = self.r.named_after_cue(toks[at], self.case) and not self.covered[at]
        if nickname or pair or named:  # not "school counselor (Lafourche)"
            self.name_at(at, strong=True)

    def talking(self, i: int) -> None:
        """spoke with Tasha, met w/ Landry, follow up w/ Landry."""
        toks, after = self.toks, i + 1
        if after >= self.count or (toks[i].bare, toks[after].bare) not in TALKING:
            return
        at = after + 1
        if at + 1 < self.count and toks[at].bare == "w" and toks[at + 1].text == "/":
            at += 2
        elif at < self.count and toks[at].text == "/":
            at += 1
        if (
            at < self.count
            and self.covered[at]
            and (toks[after].bare == "from" or not self.lex.is_name(toks[at].bare))
        ):
            return  # "driver call from Greenwood", "a joint review w/ Natchitoches": a place
        if (
            at < self.count
            and toks[at].bare not in RELATIONS
            and toks[at].bare not in TITLES
            and (self.r.named_after_cue(toks[at], self.case) or self._a_word_name_met(at))
        ):
            self.name_at(at, strong=True)

    def appositive(self, i: int) -> None:
        """Nook (her best friend) told…, was Journey, a girl from her old school; Keke,
        the youth's cousin: a name, then in brackets or after a comma who the person is."""
        toks, token = self.toks, self.toks[i]
        if self.covered[i] or self.r.blocked(token) or not self.r.nameish(token, self.case):
            return
        if (
            token.bare in RELATIONS
            or token.bare in TITLES
            or token.text.isupper()
            or (self.lex.is_plain_word(token.bare) and not self.lex.is_first_name(token.bare))
        ):
            return  # "9:00 Welcome (the Chair)", "Thanks,\nthe coordinator"
        end = self.r.extend(toks, i, self.case)
        if end >= self.count or toks[end].text not in ("(", ","):
            return
        at, limit = end + 1, min(self.count, end + 5)
        while at < limit and (toks[at].bare in _WHOSE or toks[at].bare in _KIND_OF):
            at += 1
        if (
            at < limit
            and at > end + 1
            and (toks[at].bare in RELATIONS or toks[at].bare in PEOPLE_NOUNS)
            and "\n" not in self.text[toks[end].end : toks[at].start]  # a sign-off's role
        ) or self._spanish_kin_after(end + 1):
            self.found.append((i, end, True))

    def possessive(self, i: int) -> None:
        """Tay's cousin, N'Dea's mom, Lafleur's phone: a capitalised word owning a
        person's relation or belongings."""
        toks, token = self.toks, self.toks[i]
        if not token.folded.endswith("'s") or not token.capitalised or self.covered[i]:
            return
        if self.r.blocked(token) or token.text.isupper() or token.bare in RELATIONS:
            return
        if token.bare in HEAD_NOUNS:
            return  # "the Coushatta Tribe's clinic"
        if token.text[:-2].isupper():
            return  # an office's: "the DA's investigator"
        nxt = toks[i + 1].bare if i + 1 < self.count else ""
        if self.case == "mixed" and i + 1 < self.count and self.r.a_head_noun(toks[i + 1], "mixed"):
            return  # a shelter's or a place's name: "Hagar's House" (not "Kayla's Mom")
        owned = nxt in RELATIONS or nxt in BELONGINGS
        if owned and (self.lex.is_name(token.bare) or not self.lex.is_word(token.bare)):
            self.found.append((i, i + 1, True))

    def doer(self, i: int) -> None:
        """Pooh drove the van, Ka'Mya says…: a capitalised word that is no English word
        (or a name with an apostrophe, De'Asia), doing what a person does."""
        toks, token = self.toks, self.toks[i]
        if self._spelling_unsure(i):
            self.found.append((i, i + 1, True))  # "Jaquline (sp?) didn't show"
            return
        if not token.capitalised or token.text.isupper() or self.r.blocked(token):
            return
        if self.covered[i] or token.bare in RELATIONS or token.bare in TITLES:
            return
        if token.bare in NOT_DOERS or self.r.head_follows(toks, i + 1, self.case):
            return
        if token.bare in _ROLES or (i > 0 and toks[i - 1].bare == "the"):
            return  # "Student says her manager…", "The Ritz sent two managers"
        if self._after_place_or_storm(i):
            return  # "Lake D'Arbonne", "Bayou D'Inde"
        if self._a_words_name_ends(i):
            return  # "the Coast Guard says", "the Parish School Board paid"
        brand = i > 0 and self.covered[i - 1] and toks[i - 1].text.isupper()
        if brand and len(toks[i - 1].text) >= 4 and self.lex.is_word(token.bare):
            return  # a brand's branch: "CHRISTUS Highland sent social workers"
        if _APOSTROPHE_NAME.fullmatch(token.text.removesuffix("'s").removesuffix("’s")):
            self.found.append((i, self.r.extend(toks, i, self.case), True))
            return
        if not self.lex.is_name(token.bare) and self._an_unlisted_place(i):
            return  # "a boat out of Leeville says", "from Dulac, Montegut and Cocodrie said"
        acts = i + 1 < self.count and toks[i + 1].bare in PERSONAL
        # Not an organisation's last word ("…Trafficking Prevention sent"), nor a role
        # mistyped ("Youht disclosed").
        if (
            acts
            and (not self.lex.is_word(token.bare) or self.lex.is_name(token.bare))
            and not _a_role_mistyped(token.bare)
        ):
            self.found.append((i, i + 1, True))

    def with_someone(self, i: int) -> None:
        """Shug and the youth, Ka'Mya and the youth, Tyler and his brother."""
        toks = self.toks
        if i + 2 >= self.count or toks[i + 1].bare not in ("and", "y"):
            return  # also in Spanish: "Luz y su bebé están en el albergue"
        token, then = toks[i], toks[i + 2]
        if not token.capitalised or token.text.isupper() or self.r.blocked(token):
            return
        if (
            token.bare in RELATIONS
            or token.bare in TITLES
            or self.r.head_follows(toks, i + 1, self.case)
        ):
            return
        # "Precious and the younger girl", "Destiny and her younger brother"
        at = i + 3 + (i + 4 < self.count and toks[i + 3].bare in _BEFORE_A_PERSON)
        person_after = (
            then.bare in ("her", "his", "their", "su", "sus")
            and at < self.count
            and (toks[at].bare in RELATIONS or toks[at].bare in _SPANISH_KIN_AND_BABY)
        )
        youth_after = (
            then.bare == "the"
            and at < self.count
            and (toks[at].bare in RELATIONS or toks[at].bare in PEOPLE_NOUNS)
        )
        if self._two_names(i):
            return
        if i > 0 and self.covered[i] and self.covered[i - 1]:
            return  # "after Hurricane Laura and the youth missed school"
        if token.bare in STATES:
            return  # "moved to Texas and the youth is back in classes"
        if (person_after or youth_after) and (
            not self.covered[i] or self.lex.is_first_name(token.bare)
        ):
            self.found.append((i, i + 1, True))

    def _two_names(self, i: int) -> bool:
        """Essence and Treasure were both at the party: two capitalised first names,
        common as names, joined by "and" and doing something together."""
        toks, lex = self.toks, self.lex
        if i + 3 >= self.count or self.case != "mixed":
            return False
        pair = (toks[i], toks[i + 2])
        if not all(
            t.capitalised
            and not t.text.isupper()
            and not self.r.blocked(t)
            and lex.is_first_name(t.bare)
            and lex.births.get(t.bare, 0) >= COMMON_AS_A_NAME
            for t in pair
        ) or (self.covered[i] or self.covered[i + 2]):
            return False
        if toks[i + 3].bare in SPEAKING or toks[i + 3].bare in ("were", "are", "both"):
            self.found += [(i, i + 1, True), (i + 2, i + 3, True)]
            return True
        return False

    def _a_month_or_title_acting(self, i: int) -> None:
        """ "April said", "June texted her" (not "in April said"); "Justice never came back"
        (a judge's title too)."""
        token, dated = self.toks[i], i > 0 and self.toks[i - 1].bare in _BEFORE_A_MONTH
        month = token.bare in MONTHS and self._acts(i + 1) and not dated
        title = token.bare in TITLES and self.r.word_name_acts(self.toks, i)
        # a title inside a sentence, not "Deacon drove the family", "the ADA met"
        title = title and i > 0 and self.toks[i - 1].text.islower() and token.text.istitle()
        if token.capitalised and (month or title):
            self.found.append((i, i + 1, True))

    def _acts(self, at: int) -> bool:
        return at < self.count and self.toks[at].bare in PERSONAL

    def _a_nickname_acting(self, i: int) -> bool:
        """A nickname that is an English word, doing what a person does: "Peanut keeps the
        money", "Boo texted the youth" (not "Red flags were raised": no deed of a person)."""
        token = self.toks[i]
        if self.r.language != "en" or token.bare not in _NICKNAMES or not token.text.istitle():
            return False
        nxt = self.toks[i + 1] if i + 1 < self.count else None
        return nxt is not None and nxt.text.islower() and nxt.bare in _DOING
