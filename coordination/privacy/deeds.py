"""Whether a lower-case word after a capitalised one reads as what a person did or does
("Hunter drives", "Grace texted", "Chase paid"), not as the noun it names ("Hunter
education", "Miles driven")."""

from __future__ import annotations

from .lexicons import word_set
from .name_words import PERSONAL, SPEAKING

# Past forms that end in neither -s nor -ed: "Chase paid for the room".
_IRREGULAR_DEEDS = word_set(
    "paid took got went came left told ran drove brought sent gave met made kept sold "
    "bought knew saw put let set hit beat fled lost found hid stole threw wrote spoke "
    "will would can could should must may might did does"
)


def a_deed(word: str) -> bool:
    return (
        word in SPEAKING
        or word in PERSONAL
        or word in _IRREGULAR_DEEDS
        or word.endswith(("ed", "s"))
    )
