"""What covers a capitalised word as a place or a thing before the name rules read it
(`names`): a town where someone is, goes or comes from, and a vessel's name. Like
`name_context.cover_storms`, each looks a bounded number of words back."""

from __future__ import annotations

from .lexicons import word_set
from .name_context import _CONFIDED
from .not_people import us_towns

# Where a town is, not a person: "the shelter in Camden", "the MDT near Kilgore"; and where
# one goes or comes from ("moved to Camden", "a runaway from Prichard"; not "a text from
# Tyler", "talked to Austin").
_IN_A_PLACE = frozenset(("in", "near", "outside", "around", "throughout", "across", "within"))
_IN_A_PLACE |= frozenset(("ở", "tại"))  # in Vietnamese: "ở Tyler"
_GOING = word_set(
    "moved move moving relocated drove driven drive driving taken take transported sent went "
    "go going traveled travelled travel flew bus ride ticket trip runaway ran came coming "
    "returned recruited trafficked brought headed heading shipped"
)


def cover_towns_where_one_is(toks, covered: list[bool]) -> None:
    """A town the postal service knows anywhere in the country, after a word that says
    where someone is, goes or comes from (not "Tyler's car": a possessive is a person's)."""
    towns = us_towns()
    for at in range(1, len(toks)):
        token, before = toks[at], toks[at - 1].bare
        if covered[at] or not token.capitalised or token.folded.endswith(("'s", "’s")):
            continue
        if (token.bare,) not in towns or token.text.isupper():
            continue
        said = toks[at - 1].text.lower()  # with its marks: "ở", not "o" ("or" in Spanish)
        inside = said in _IN_A_PLACE and not (at > 1 and toks[at - 2].bare in _CONFIDED)
        going = before in ("to", "from") and any(
            t.bare in _GOING for t in toks[max(0, at - 3) : at - 1]
        )
        if inside or going:
            covered[at] = True


# A vessel's name follows what it is: "the shrimp trawler Lady Pearl", "the F/V Miss Ruby"
# (not "boat" or "ship": "the boat Kayla was on" names a person).
_VESSELS = frozenset(
    ("trawler", "shrimper", "vessel", "tugboat", "towboat", "lugger", "yacht", "f/v", "m/v")
    + ("crewboat", "liftboat", "dredge", "trawlers", "shrimpers", "vessels")
)


def cover_vessels(toks, covered: list[bool]) -> None:
    """A vessel's name after what it is: "the shrimp trawler Lady Pearl", "the F/V Miss
    Ruby" (a boat named after a person is still a boat)."""
    for at in range(len(toks) - 1):
        if toks[at].bare not in _VESSELS or toks[at].capitalised and toks[at].bare != "f/v":
            continue
        end = at + 1
        while end < min(len(toks), at + 4) and toks[end].capitalised and toks[end].has_letters:
            covered[end] = True
            end += 1
