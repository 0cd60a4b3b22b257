"""How a one-word place that is also a given name many bear ("Marion", "Alexandria",
"Katrina") is judged in a note: by the words beside it (`NotPeople.covered`). Each test
looks a bounded number of words either side."""

from __future__ import annotations

from .languages import SPANISH_KIN
from .lexicons import COMMON_AS_A_NAME, word_set
from .unlisted_places import AND_OR

# Words after which a town's name is a place: "in Marion", "from Cecilia", "near Elton",
# "a Kia".
LOCATIVE = word_set(
    "in from near to around outside through toward towards at of between by via a an the "
    "across into onto past within "
    # a storm's: "Hurricane Barry", "after Katrina", "Hurricanes Zeta and Barry"
    "hurricane hurricanes storm storms after before since during "
    # a state after its county: "Escambia County, Florida"
    "county parish "
    # Spanish and Vietnamese (folded): "en Harvey", "desde Houma", "ở Harvey", "tại Gretna"
    "en desde hasta hacia cerca por o tai tu gan qua len sang ve den"
)
# Words after which a one-word place reads as one: "Alexandria team", "Zachary police".
BEFORE = word_set(
    "team police pd sheriff office area city parish parishes region regions county school "
    "schools hospital mall "
    "hotels motels neighborhood neighborhoods neighbourhood neighbourhoods residents "
    "store location branch campus district court jail shelter airport shipyard shipyards "
    "yard yards plant plants dock docks harbor fleet "  # "two Amelia shipyards"
    "flooded hit destroyed damaged struck"  # "Isaac flooded the old group home"
)


def heads_a_list_of_places(plain, placed, stopped, listed, start) -> bool:
    """A cued word heading a list of places set off by commas: "Angie, Varnado and
    Franklinton" (a surname-like town after a comma is still a place there), "Glenwood,
    St. Francis, OCSO" (a listed place of two words, then the list goes on)."""
    after = start + 1
    if after >= len(plain) or not listed[after] or not placed[after]:
        return False
    end = after + 1  # past the place after the comma, however many words it has
    while end < len(plain) and end - after < 6 and placed[end] and not listed[end]:
        if stopped[end]:
            return False
        end += 1
    if end >= len(plain) or stopped[end]:
        return False
    if end - after > 1:  # a place of two words or more, and the list goes on
        return listed[end] or plain[end] in AND_OR
    return (listed[end] and placed[end]) or (
        plain[end] in AND_OR and end + 1 < len(plain) and not stopped[end + 1] and placed[end + 1]
    )


_WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
# A heading's event, then its town: "(summit, Alexandria):", "MDT training, Eunice."
_EVENTS = word_set(
    "summit summits meeting meetings training trainings minutes conference workshop forum "
    "retreat roundtable mdt"
)


def a_heading_place(plain, stopped, listed, start) -> bool:
    """A heading's day or event and town: "Cenla MDT minutes, Monday, Alexandria.",
    "(summit, Alexandria)" (a person after the day would do something: "Monday, Alexandria
    told the worker")."""
    after = start + 1
    return (
        start > 0
        and (plain[start - 1] in _WEEKDAYS or plain[start - 1] in _EVENTS)
        and listed[start]
        and (after >= len(plain) or stopped[after])
    )


def reads_as_a_place(plain, placed, beside, stopped, start, plain_there=frozenset()) -> bool:
    """A cued word with a place beside it in the same sentence: "in Marion", "Jennings,
    Kinder and Elton", "Virginia and Georgia", in Spanish "la planta de Eunice" (not
    "María de Jesús"). `beside`: a place that makes the word before it one too."""
    before, after = start - 1, start + 1
    if before >= 0 and not stopped[start]:
        if plain[before] in LOCATIVE or placed[before]:
            return True
        if plain[before] == "de" and before >= 1 and plain[before - 1] in plain_there:
            return plain[before - 1] not in SPANISH_KIN  # not "la hija de Eunice"
        joined = before >= 1 and plain[before] in AND_OR and not stopped[before]
        if joined and placed[before - 1]:
            return True
    if after < len(plain) and not stopped[after]:
        if beside[after] or plain[after] in BEFORE:
            return True
        joined = after + 1 < len(plain) and plain[after] in AND_OR
        if joined and not stopped[after + 1] and placed[after + 1]:
            return True
    return False


def after_a_given_name(plain, placed, start) -> bool:
    from .lexicons import lexicons

    if start == 0 or placed[start - 1]:
        return False
    before = plain[start - 1]
    lex = lexicons()
    return lex.births.get(before, 0) >= COMMON_AS_A_NAME and not lex.is_plain_word(before)
