"""How a note is laid out, read so that its layout is not taken for names: an outline
lettered "A.", "B.", "C." at the start of its lines, a list numbered in Roman numerals, and
a line's bullet."""

from __future__ import annotations

import functools

import re2

from .name_words import Token

# An outline lettered A., B., C. at the start of its lines: "B. Data from DCFS".
_LETTERED_LINE = re2.compile(r"(?m)^[ \t]*([A-H])\.[ \t]")


def an_outline_letter(text: str, token) -> bool:
    """Whether the token is a letter opening an item of an outline lettered on at least
    three lines ("A. Why we are here\nB. Data …\nC. Small groups"), not an initial."""
    if len(token.text) != 2 or token.text[1] != "." or not token.text[0].isupper():
        return False
    before = token.start - 1
    while before >= 0 and token.start - before <= _FARTHEST_INDENT and text[before] in " \t":
        before -= 1
    if before >= 0 and text[before] != "\n":
        return False
    letters = outline_letters(text)
    return len(letters) >= 3 and token.text[0] in letters


_FARTHEST_INDENT = 16


@functools.lru_cache(maxsize=8)
def outline_letters(text: str) -> frozenset[str]:
    """The letters that open lines of the text ("A.", "B." …), read once per text: each
    letter of a 10,000-character outline asks."""
    return frozenset(match.group(1) for match in _LETTERED_LINE.finditer(text))


@functools.lru_cache(maxsize=8)
def numbered_in_roman(text: str) -> bool:
    """Whether a line of the text opens with a Roman numeral ("II.", "IV."), read once per
    text."""
    return _ROMAN_NUMBERED.search(text) is not None


# An agenda or outline numbered in Roman numerals: a line opening "II." or "IV.".
_ROMAN_NUMBERED = re2.compile(r"(?m)^[ \t]*(?:II|III|IV|VI|VII|VIII|IX)\.[ \t]")


# A list's bullets: "- Faith partners want in" opens a line as a sentence does.
_BULLETS = frozenset(("-", "*", "•", "–", "—", "·", "+", ">"))


def a_bullet(text: str, token: Token) -> bool:
    """Whether `token` is a bullet opening a line (only blanks before it on its line)."""
    if token.text not in _BULLETS:
        return False
    before = text[max(0, token.start - 8) : token.start]  # bounded: no scan back over a line
    line = before.rsplit("\n", 1)
    return (len(line) == 2 or token.start <= 8) and not line[-1].strip()
