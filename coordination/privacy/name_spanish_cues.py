"""Spanish cues around a word, read by the rules of `_Reading` (name_reading.py): how
Spanish addresses a person ("la senora paz"), who a person is after a comma ("Jesús, el
mayor de los tres hermanos"), and the small words after a role that open no name."""

from __future__ import annotations

from .languages import SPANISH_KIN, SPANISH_SMALL_WORDS

# How Spanish addresses a person before a given name ("la senora paz", "don beto").
_SPANISH_ADDRESS = frozenset(("senora", "sra", "senor", "sr", "don", "dona"))
# Spanish words that follow a role and open no name: "of the", and the clitics.
_SPANISH_SMALL_AFTER_A_ROLE = frozenset(("del", "al", "les", "le", "lo", "se", "me", "nos"))
# Who a person is, after their name and a comma: "Amparo, la mesera de más edad".
_WHO_AFTER_A_COMMA = frozenset(
    ("mesera", "mesero", "cocinera", "cocinero", "trabajadora", "trabajador", "empleada")
    + ("empleado", "esposa", "esposo", "novia", "novio", "vecina", "vecino", "amiga", "amigo")
    + ("compañera", "companera", "compañero", "companero", "encargada", "encargado", "dueña")
    + ("duena", "dueño", "dueno", "patrona", "patrón", "patron", "muchacha", "muchacho")
    + ("señora", "senora", "señor", "senor", "joven", "niña", "nina", "niño", "nino")
)


class _SpanishCues:
    """Mixed into `_Reading` (through `_SpanishNames`), which holds the text and tokens."""

    def _addressed_in_spanish(self, at: int) -> bool:
        """After "señora", "don", "doña", a word the lists give as a first name, plain in
        Spanish or not: "la senora paz", "doña luz" (not "la señora de la tienda")."""
        word = self.toks[at].bare
        return (
            self.r.language == "es"
            and at > 0
            and self.toks[at - 1].bare in _SPANISH_ADDRESS
            and self.lex.is_first_name(word)
            and word not in SPANISH_SMALL_WORDS
            and not self.r.blocked(self.toks[at])
        )

    def _spanish_kin_after(self, at: int) -> bool:
        """After a name and a comma, in Spanish, who the person is: "Jesús, el mayor de los
        tres hermanos", "Maribel, su prima"."""
        toks = self.toks
        return (
            self.r.language == "es"
            and at + 1 < self.count
            and toks[at].bare in ("el", "la", "su", "una", "un")
            and (
                toks[at + 1].bare in SPANISH_KIN
                or toks[at + 1].bare in ("mayor", "menor")
                or toks[at + 1].bare in _WHO_AFTER_A_COMMA
            )
        )
