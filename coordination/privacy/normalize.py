"""Text as the detectors read it: look-alike characters folded (full-width digits, odd
dashes and spaces), with a map back to the person's own text, so that a refusal can
point at the characters they typed."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Dashes and minus signs people paste from word processors read as "-".
_DASHES = {chr(code): "-" for code in (*range(0x2010, 0x2016), 0x2212)}


@dataclass(frozen=True)
class Folded:
    """`text` folded; `origin[i]` is the index in the original text of folded character i
    (one past the end maps to the original's length)."""

    text: str
    origin: tuple[int, ...] | None  # None: folding changed nothing, indexes are the same
    length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span of the folded span [start, end)."""
        if self.origin is None:
            return start, end
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last


def fold(text: str) -> Folded:
    """NFKC, character by character (linear; a character's compatibility form may be
    several characters, each mapped back to it), and dashes to "-"."""
    if text.isascii():
        return Folded(text, None, len(text))
    parts: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        folded = _DASHES.get(character) or unicodedata.normalize("NFKC", character)
        parts.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return Folded("".join(parts), tuple(origin), len(text))
