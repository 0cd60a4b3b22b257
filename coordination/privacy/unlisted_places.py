"""Places no list holds: a word in a list of places that a locative opens ("in Thibodeaux
and Houma"), and a Louisiana town mistyped by one letter ("nr Rayn", "Pointe Coupe").
Each check looks a bounded number of words around one word, so a scan stays linear."""

from __future__ import annotations

import functools

from .deeds import a_deed
from .lexicons import COMMON_AS_A_NAME, word_set

# "and" and "or" joining places, in English, Spanish ("y", "o") and Vietnamese ("và", "hoặc").
AND_OR = ("and", "or", "y", "o", "va", "hoac")

# Words after which a place, listed or not, is a place: not "to" or "at", which a person
# follows as often ("talked to Rayn").
_WHERE = word_set("in near nr from outside around toward towards between across into through via")
# A list of places may also open with "at" ("at Raising Cane's and Whataburger"), and hold
# a direction before a place ("Lake Charles, North Lake Charles and Goosport").
_OPENS_A_LIST = _WHERE | {"at"}
_DIRECTIONS = word_set("north south east west new old upper lower")
# How far back a list of places may run to the word that opens it.
_LONGEST_LIST = 12


def an_unlisted_place(plain, firm, stopped, listed, at) -> bool:
    """A word no list holds that reads as a place: one in a list of places opened by a
    locative ("in Thibodeaux and Houma", "from Meaux and Forked Island", "in Houma and
    Chauvin"), or a listed town mistyped after one ("nr Rayn", "in Pinevile"). Not a given
    name many were given ("from Houma and Keisha"), nor a word a person's deed follows
    ("in Houma and Thibodeaux said")."""
    from .lexicons import lexicons

    word, after = plain[at], at + 1
    if not word.isalpha() or len(word) < 4 or lexicons().births.get(word, 0) >= COMMON_AS_A_NAME:
        return False
    opened = at > 0 and not stopped[at] and plain[at - 1] in _WHERE
    if opened and a_mistyped_town(word):
        return True  # even when what follows is a deed: "DCFS in Marksvile says"
    if after < len(plain) and not stopped[after] and a_deed(plain[after]):
        return False
    joined_after = (after < len(plain) and listed[after] and firm[after]) or (
        after + 1 < len(plain)
        and plain[after] in AND_OR
        and not stopped[after]
        and not stopped[after + 1]
        and firm[after + 1]
    )
    before = at - 1
    joined_before = (before >= 0 and listed[at] and firm[before]) or (
        before >= 1
        and plain[before] in AND_OR
        and not stopped[at]
        and not stopped[before]
        and firm[before - 1]
    )
    if not (joined_after or joined_before):
        return False
    # Back over the list to the word that opens it.
    back = at - 1
    while (
        back >= 0
        and at - back <= _LONGEST_LIST
        and not stopped[back + 1]
        and (firm[back] or plain[back] in AND_OR or plain[back] in _DIRECTIONS)
    ):
        back -= 1
    return back >= 0 and not stopped[back + 1] and plain[back] in _OPENS_A_LIST


@functools.cache
def _towns_mistyped() -> tuple[frozenset, frozenset, frozenset, frozenset]:
    """Louisiana's one-word towns of five letters or more, and what one letter left out
    of each leaves, with and without its place."""
    from .not_people import _towns

    towns = frozenset(phrase[0] for phrase in _towns() if len(phrase) == 1 and len(phrase[0]) >= 5)
    shortened = frozenset(town[:k] + town[k + 1 :] for town in towns for k in range(len(town)))
    changed = frozenset((k, town[:k] + town[k + 1 :]) for town in towns for k in range(len(town)))
    swapped = frozenset(_swapped(town, k) for town in towns for k in range(len(town) - 1))
    return towns, shortened, changed, swapped


def _swapped(word: str, k: int) -> str:
    return word[:k] + word[k + 1] + word[k] + word[k + 2 :]


def a_mistyped_town(word: str) -> bool:
    """One letter left out, added, changed or two swapped: Rayn (Rayne), Pinevile
    (Pineville), Thibodeaux (Thibodaux), Natchitochs (Natchitoches), Charels (Charles)."""
    towns, shortened, changed, swapped = _towns_mistyped()
    if len(word) > 24 or word in towns:
        return False
    cuts = [word[:k] + word[k + 1 :] for k in range(len(word))]
    return (
        word in shortened
        or word in swapped
        or any(cut in towns for cut in cuts)
        or any((k, cut) in changed for k, cut in enumerate(cuts))
    )


def one_letter_apart(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with one letter left out, added, changed, or two
    neighbours swapped ("Coupe" for Coupee, "Charels" for Charles). Linear."""
    if typed == word or abs(len(typed) - len(word)) > 1:
        return False
    start = 0
    while start < min(len(typed), len(word)) and typed[start] == word[start]:
        start += 1
    a, b = typed[start:], word[start:]
    return (
        a[1:] == b[1:]
        or a == b[1:]
        or a[1:] == b
        or (len(a) >= 2 and len(a) == len(b) and a[0] == b[1] and a[1] == b[0] and a[2:] == b[2:])
    )


# --- a name the model found, in a list of places ----------------------------------------
_JOINERS = frozenset((",", "&")) | frozenset(AND_OR)
_BETWEEN_ITEMS = _JOINERS | {"the"}  # ", and the Lower Ninth Ward"
# Given names this common are a person's even in a list of places ("Kayla, Houma and …").
_A_PERSON_IN_ANY_LIST = 20_000
# The last word of a neighbourhood's name: "Pontchartrain Park", "Mills Addition".
PLACE_HEADS = word_set(
    "park ward village heights acres addition estates gardens hills forest point landing "
    "subdivision neighborhood neighbourhood hill grove springs ridge creek bluff bend meadows "
    "manor"
)
# The first word of a place's name: "Port Lavaca", "Bayou Vista", "Fort Polk".
_PLACE_OPENERS = word_set("lake fort port mount mt point pointe bayou isle new")
_ITEMS_EACH_SIDE = 4
_LONGEST_ITEM = 4


_IN = frozenset(("in", "near", "from", "around"))


def a_neighbourhood_after_in(toks, first: int, last_word) -> bool:
    """ "the library branch in Cedar Grove", "from Pecan Acres": after "in", "near",
    "from" or "around", two words or more ending in a place's last word."""
    return last_word.bare in PLACE_HEADS and first > 0 and toks[first - 1].bare in _IN


def in_a_list_of_places(toks, first: int, last: int, places: frozenset) -> bool:
    """A name found with no cue, an item of a list joined by "and" or "or" ("y", "và")
    whose other items include a place Lantern knows: "Little Woods, Pontchartrain Park and
    the Lower Ninth Ward", "from Truman and Mills Addition". A list joins
    like things; a given name many bear stays a person's ("Kayla, Houma and Hammond"),
    and so does one that acts or owns ("Houma and Truman said", "Truman's")."""
    from .lexicons import lexicons

    births = lexicons().births
    span = toks[first:last]
    if span[-1].folded.endswith(("'s", "’s")):
        return False
    right, right_joined = _items(toks, last, +1)
    left, left_joined = _items(toks, first - 1, -1)
    # "La Ceiba, Tela y Trujillo": the rules read "Tela y Trujillo" as one name, its "y"
    # joins the list
    inside = any(t.bare in AND_OR for t in span[1:-1])
    if not (right_joined or left_joined or inside):
        return False
    # "Tyler, Longview and Kilgore crews", "Victoria, Corpus Christi and Katy": every item
    # a town, one of them a place Lantern knows, and the town a person's name too is one
    # more; "Kayla, Houma and Hammond" holds a name no town bears.
    # Two, a deed after: "Jackson and Houma said".
    items = [*left, (first, last), *right]
    acts = last < len(toks) and toks[last].text.islower() and a_deed(toks[last].bare)
    if (
        (len(items) >= 3 or not acts)
        and _every_item_a_town(toks, items)
        and any(_a_known_place(toks, a, b, places) for a, b in items)
    ):
        return True
    others = [*left, *right]
    if (
        len(others) >= 2
        and not any(lexicons().is_name(t.bare) for t in span)
        and _every_item_a_town(toks, others)
        and any(_a_known_place(toks, a, b, places) for a, b in others)
    ):
        return True  # no one's name closing a list of towns, even acting: "Dulac, Montegut
        # and Cocodrie said" (the deckhands from them said)
    if acts or any(births.get(t.bare, 0) >= _A_PERSON_IN_ANY_LIST for t in span):
        return False
    return any(_a_known_place(toks, a, b, places) for a, b in right + left)


def _every_item_a_town(toks, items) -> bool:
    from .not_people import us_towns, words_of

    def a_town(a: int, b: int) -> bool:
        if toks[a].bare == "the":  # "The Tyler, Longview and Kilgore crews"
            a += 1
        return a < b and words_of(" ".join(t.text for t in toks[a:b])) in us_towns()

    return len(items) >= 2 and all(a_town(a, b) for a, b in items)


def _items(toks, at: int, step: int) -> tuple[list[tuple[int, int]], bool]:
    """The items of a list beside a span, walking from `at` in the direction of `step`
    over joiners and capitalised words, at most _ITEMS_EACH_SIDE items; and whether an
    "and" or "or" joins them."""
    items, joined = [], False
    for _ in range(_ITEMS_EACH_SIDE):
        moved, edge = False, at
        while 0 <= at < len(toks) and abs(at - edge) < 3 and toks[at].bare in _BETWEEN_ITEMS:
            joined = joined or toks[at].bare in AND_OR or toks[at].bare == "&"
            moved = moved or toks[at].bare in _JOINERS
            at += step
        if not moved:
            break
        edge = at
        while 0 <= at < len(toks) and abs(at - edge) < _LONGEST_ITEM and toks[at].capitalised:
            at += step
        if at == edge:
            break
        items.append((min(edge, at - step), max(edge, at - step) + 1))
    return items, joined


def _a_known_place(toks, a: int, b: int, places: frozenset) -> bool:
    from .not_people import words_of

    if b - a > 1 and (toks[b - 1].bare in PLACE_HEADS or toks[a].bare in _PLACE_OPENERS):
        return True  # "Pontchartrain Park", "Pines Village", "Port Lavaca"
    return words_of(" ".join(t.text for t in toks[a:b])) in places
