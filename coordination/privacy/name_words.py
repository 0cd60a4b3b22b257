"""The words and marks the name rules read: tokens, titles, relations, cues, heads of
places and organisations, and the other word lists (coordination/privacy/names.py says
how they are used)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import re2

from .languages import FOREIGN_CUES, SIGNING_CUES
from .lexicons import fold, word_set

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


HOLIDAYS = word_set("christmas easter lent thanksgiving juneteenth halloween pascua navidad")


TITLES = word_set(
    "mr mrs ms miss mister sra sr srta dr doctor prof professor officer ofc deputy dep sgt "
    "sergeant cpl corporal det detective inv investigator agent trooper judge justice pastor "
    "rev reverend father fr lt lieutenant capt captain chief sheriff marshal nurse coach "
    "counselor principal aunt auntie uncle cousin granny grandma grandpa grandmother "
    "grandfather nana papa mawmaw pawpaw maw-maw paw-paw tante nonc parrain nanan mama "
    "big lil coach deacon elder bishop minister imam rabbi brother sister sis bro tee "
    "marraine meemaw peepaw gran pops nannie dean ada ausa sa tfo trp tpr constable "
    "ranger warden sro cpt maj col gen adv atty attorney "
    "senora senor senorita don dona licenciado licenciada lic ingeniero profe seno "  # Spanish
    "comadre compadre madrina padrino prima primo cunada cunado vecina vecino "
    "juez jueza magistrada magistrado senoria"  # "la magistrada Villalobos", "Su Señoría …"
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
    "office bureau division unit task force commission department museum "
    # places, venues, a brand's or church's last word: "Ledbetter Heights", "Bethel AME"
    "heights pond coliseum arena stadium gardens acres estates landing marina terrace manor "
    "cove beach harbor harbour ranch farms commons crossing usa ame cme umc addition tribe "
    "house church parish street st avenue ave boulevard blvd road rd drive dr highway hwy "
    "lane ln center centre hospital clinic school college university academy elementary "
    "bank club company inc llc park library office court department dept authority "
    "services program programme foundation ministries ministry shelter apartments apts "
    "commission council health medical memorial fund project station thruway expressway "
    "bridge lake bayou basin campus cathedral chapel temple association agency group home "
    "homes hall plaza mall market store pharmacy institute general regional act law alert "
    "day festival fest bowl hurricane storm network team mdt cac village city town county "
    "airport casino downs hotel motel inn parkway corridor high charter middle prep magnet camp "
    "episcopal baptist methodist catholic lutheran springs square charger transit odyssey "
    "soul app bank fest tigers saints pelicans cajuns troop infirmary tvpra tvpa wings "
    # what an organisation or a programme is called: "Legal Society", "Foster Care"
    "society alliance coalition partnership league trust mission haven refuge sanctuary "
    "outreach collaborative consortium federation fellowship care loop plantation ctr "
    "district districts parishes kitchen pantry offshore lunchroom diner cafe grill bakery "
    "river creek island bay coast gulf shipyard refinery funded sponsored seafood crimes system"
)


# Things named after a person, in lower case after the name: "a Paul Coverdell grant",
# "Ryan White program funds", "Jordan sneakers", "the Truman community center".
THING_HEADS = word_set(
    "grant grants program programs award awards act parade parish scholarship fund funds "
    "funding wage wages sneakers shoes bag bags purse boots jeans perfume krewe ball mill plant "
    "foundation memorial rig branch branches campus mills properties summit community motel "
    "motels emergency reauthorization disclosures disclosure waiver warnings"
)  # "Dauterive emergency department", "Eden Isles motel calls"


# Capitals that are an office or a phrase, never initials: "w/ DA", "DEPUTY EN ROUTE".
ACRONYMS = word_set(
    "DA ADA AUSA AG LE PD SO EN PO SRO DCFS CPS DSS OJJ FBI HSI ICE DHS CBP DOJ DOL CAC MDT "
    "GAL CASA ER ED ICU EMS RN NP PA SW CM USCIS NCMEC TVPA LA "
    "SANE CPI FI JPO LEA BOLO CID OMV OD OK"  # nurse examiner, investigator, interview, …
)

# A letter after these is a class, not a person's initial: "visa T", "Section K".
A_CLASS = frozenset(("visa", "visas", "class", "type", "section", "tier", "level", "grade"))

PLACE_PREFIXES = word_set(
    "st saint lake fort port mount mt new point pointe bayou north south east west isle chez "
    # Spanish: San Juan Bautista, Santa Rosa de Copán, Nuestra Señora de Guadalupe
    "san santa santo nuestra virgen"  # "Nuestra Señora": "señora" alone is a title
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
        "knows him only as",
        "knows her only as",
        "knew him as",
        "knew her as",
        "knows them as",
        "know him as",  # "the girls only know him as Slim"
        "know her as",
        "know them as",
        "refers to him as",
        "refers to her as",
    )
] + [cue.split() for cue in FOREIGN_CUES + SIGNING_CUES]


# Weaker cues: what follows is a name if it looks like one and no place or organisation
# covers it ("per Landry", "attn: Rivet", but "per DCFS", "call Catholic Charities").
SOFT_CUES = word_set("per via attn cc c/o present thanks thx ask contact call text email")


# What only a person does: after a first name that is also a word ("Precious said", "Hope
# texted"), these make it a name; "is", "was" or "moved" would not ("Hope is the goal").
PERSONAL = word_set(
    "said says told tells disclosed admitted denied denies texted texts messaged dmed "
    "cried ran drove drives threatened insists insisted claims claimed answered met meets "
    "pays paid called calls took takes sent hit picked walked"
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


STORMS = word_set("hurricane hurricanes storm storms tropical depression huracan tormenta")


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
    "family household kids children brothers sisters boys girls home's residence girl boy kid"
)


# Languages and peoples: "Interpreter (Spanish) needed", "client (Honduran) speaks Mam".
LANGUAGES = word_set(
    "spanish english french creole kreyol haitian vietnamese arabic mandarin cantonese "
    "chinese portuguese tagalog filipino korean russian ukrainian polish german italian "
    "japanese hindi urdu punjabi bengali nepali burmese thai khmer lao hmong farsi persian "
    "dari pashto turkish greek hebrew romanian albanian somali amharic swahili tigrinya "
    "asl k'iche' kiche quiche mam q'anjob'al kanjobal mixteco zapoteco nahuatl garifuna "
    "q'eqchi' qeqchi kekchi kaqchikel chuj akateko ixil tzotzil triqui quechua "
    "honduran guatemalan mexican salvadoran nicaraguan cuban dominican venezuelan "
    "colombian hispanic latino latina latinx cajun telugu tamil sudanese asian african "
    "nigerian ghanaian yoruba igbo hausa brazilian levantine egyptian iraqi syrian afghan"
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
    letters = [  # NFC: marks typed apart ("Hôm" as "Ho" and a circumflex) are letters too
        w
        for w in (unicodedata.normalize("NFC", t.text.rstrip(".")) for t in toks)
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
    "tel ph cell fax ext juv juvenile female male rcvd recd "  # "Rcvd Mon 0800 from …"
    "caller reporter victim survivor youth client subject suspect minor patient resident "
    "denied northeast northwest southeast southwest chez"  # "Chez Hope": "at the home of"
)


_CAPITAL_PARTICLES = frozenset(("St", "Van", "Von", "De", "Del", "La", "Le", "Mac", "Mc", "Du"))


_CUES_BY_FIRST: dict[str, list[list[str]]] = {}


for _cue in STRONG_CUES:
    _CUES_BY_FIRST.setdefault(_cue[0], []).append(_cue)


# Vietnamese forms of address, with their accents ("cô Hằng", "chị Lan"; a child's nickname:
# "Cu Tí", "con Mít"); the bare letters ("co", "chi", "ba") are English or Spanish words.
VIETNAMESE_TITLES = word_set("cô chị bà ông chú bác dì thầy cậu anh em bé cháu dượng mợ thím thằng")
VIETNAMESE_TITLES |= {"cu", "con", "bs", "ls"}  # "con": Spanish "with"; bác sĩ, luật sư
# Professions said before a name: "Thám tử Lý", "bác sĩ Hạnh", "luật sư Trâm".
VIETNAMESE_TWO_WORD_TITLES = frozenset(
    (
        "thám tử", "bác sĩ", "luật sư", "cán bộ", "cô giáo", "thầy giáo", "mục sư",
        "linh mục", "công an", "cảnh sát", "điều tra viên", "thẩm phán", "y tá",
        "dịch viên", "nhân viên", "giáo viên", "vấn viên", "chủ tiệm", "chủ ghe",
    )
)  # fmt: skip


STATES = word_set(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida "
    "georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland "
    "massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio "
    "oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington "
    "wisconsin wyoming la tx ms al ar fl ga ca ny mexico honduras guatemala"
)
