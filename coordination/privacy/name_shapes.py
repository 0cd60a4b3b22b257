"""Names known by their shape alone, rules of `_Reading` (name_reading.py): a nickname said
twice ("Boo-Boo") and a Korean given name of two syllables ("Jin-woo")."""

from __future__ import annotations

import re2

_DOUBLED = re2.compile(r"(\p{Lu}\p{Ll}{1,8})-(\p{Lu}\p{Ll}{1,8})")
_KOREAN_GIVEN = re2.compile(r"\p{Lu}\p{Ll}{1,4}-\p{Ll}{2,4}")


class _ShapedNames:
    """Mixed into `_Reading`, which holds the text, its tokens and the names found."""

    def _doubled(self, i: int) -> bool:
        """A nickname said twice: "Boo-Boo", "Man-Man", "Nae-Nae" (found, and True)."""
        match = _DOUBLED.fullmatch(self.toks[i].text)
        if match is None or match.group(1).lower() != match.group(2).lower():
            return False
        if self.lex.is_word(self.toks[i].bare):
            return False  # "Pom-Pom", "Yo-Yo", "So-So"
        self.found.append((i, i + 1, True))
        return True

    def _korean_given(self, i: int) -> bool:
        """Jin-woo Park (found, and True)."""
        token, lex = self.toks[i], self.lex
        if not _KOREAN_GIVEN.fullmatch(token.text) or self.covered[i]:
            return False
        given = token.bare.split("-", 1)[0]
        if lex.is_first_name(given) and not lex.is_word(token.bare) and given != "will":
            self.found.append((i, self.r.extend(self.toks, i, self.case), False))
            return True
        return False
