"""Addresses as Spanish and Vietnamese notes write them (`places` reads them): the street
after its kind, Central America's avenues, zones, blocks and lots, and corners."""

from __future__ import annotations

from collections.abc import Iterator

import re2

# Spanish and Vietnamese name the street after its kind: "1234 calle Tchoupitoulas",
# "4512 đường Chef Menteur".
_KIND_FIRST_STREET = re2.compile(
    r"\b\d{1,6}\s+(?i:calle|avenida|av\.|camino|carretera|bulevar|đường|phố|duong)\s+"
    r"\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,2}"
    # the number after the street: "la calle Elysian Fields número 2218", "đường Alcee
    # Fortier số 4410"
    r"|\b(?i:calle|avenida|av\.|camino|carretera|bulevar|đường|phố)\s+"
    r"\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,2},?\s+"
    r"(?i:n[uú]mero|num\.?|no\.?|#|số)\s*\d{1,6}\b"
    # Central America: "4a. avenida 11-28, zona 3", "colonia Planeta, bloque 14, casa 22",
    # "el 3309 de la Gentilly"; a trailer's lot: "el lote 27 del parque de trailas"
    r"|\b\d{1,2}\.?(?i:a|o|ra|va)\.?\s+(?i:avenida|calle)\s+\d{1,3}-\d{1,3}\b"  # "4.ª"
    r"|\b(?i:bloque|block|manzana|pasaje|sector)\s+\d{1,4}\s*,\s*(?i:casa|lote)\s+\d{1,4}\b"
    r"|\b(?i:lote|espacio|trailer|traila)\s+(?i:n[uú]mero\s+|#\s*)?\d{1,4}\b"
)
# A house after its neighbourhood: "Residencial Los Pinos, casa 14"; "số nhà 45"; an
# apartment: "apartamento 4B", "căn hộ 3C"; Viet Nam's: "số 112 tổ 5 ấp Bình Thạnh".
_HOUSE = re2.compile(
    r",\s*(?i:casa|lote)\s+(?:#\s*)?\d{1,4}\b|(?i:số nhà|\bso nha)\s+\d{1,5}\b"
    r"|\b(?i:apartamento|apto\.?|căn hộ|can ho|phòng trọ|phong tro)\s*#?\s*(?i:số\s*|so\s+)?"
    r"\d{1,4}[A-Za-z]?\b"
    r"|(?i:số)\s+\d{1,5}[A-Za-z/0-9]*\s*,?\s+"
    r"(?i:tổ|ấp|hẻm|ngõ|ngách|khu phố|thôn|xóm)(?:\s+\d{1,5}|[\s,])"
)
# The house number after the street's name: "calle 5 de Mayo #214", "la calle Duhon 311"
# (not a year). Patterns of their own: joined in one, RE2's DFA outgrew its memory and
# fell back to its slower (still linear) matcher, logging each time.
_STREET_THEN_NUMBER = re2.compile(
    r"\b(?i:calle|avenida|av\.|callej[oó]n)\s+\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,2}"
    r"\s+(?:\d{2,3}|\d{5,6}|[03-9]\d{3}|1[0-8]\d{2}|2[1-9]\d{2})\b"
    r"|\b(?i:calle|avenida|av\.|callej[oó]n)\s+[^,.;:\n#]{1,30}#\s?\d{1,5}\b"
    # "el 3309 de la Gentilly", "en la 2810 de Gentilly" (not a year: "el 2024 de la temporada")
    r"|\b(?i:el|al|la)\s+(?:\d{3}|\d{5}|[03-9]\d{3}|1[0-8]\d{2}|2[1-9]\d{2})"
    r"\s+(?:(?i:de la|del)\s+\pL{4,}|de\s+\p{Lu}\pL{3,})"
)
# South America's and Puerto Rico's numbered streets: "Carrera 45 # 72-18", "Cl. 10 No.
# 43A-25", "Calle Ceiba 2B-17".
_NUMBERED_STREET = re2.compile(
    r"\b(?i:carrera|cra\.?|kr\.?|calle|cl\.?|avenida|av\.?|diagonal|dg\.?|transversal|tv\.?)"
    r"\s*\d{1,3}[A-Za-z]?(?:\s+(?i:bis|sur|norte))?\s*(?:#|(?i:no\.?|n[uú]mero|nro\.?))\s*"
    r"\d{1,3}[A-Za-z]?\s*-\s*\d{1,3}\b"
    r"|\b(?i:calle|avenida|av\.)\s+\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*){0,2}"
    r"\s+\d{1,4}[A-Za-z]?-\d{1,4}\b"
)
# Nicaragua's addresses, from a landmark: "de la iglesia La Recolección 2 cuadras al sur".
_FROM_A_LANDMARK = re2.compile(
    r"\b(?i:de|del)\s+[^,.;:\n]{2,40}?\s+(?i:\d{1,2}|una|dos|tres|cuatro|cinco|media)\s+"
    r"(?i:cuadras?|c\.)\s+(?i:al|hacia el)\s+(?i:norte|sur|este|oeste|lago|arriba|abajo)\b"
)

# "donde se cruzan la Tchoupitoulas y la Napoleon", "ngã tư Chef Menteur và Alcee Fortier"
_CROSSING = re2.compile(
    r"(?i:\b(?:se cruzan|cruce de|esquina de|esquina con)\s+|ngã tư\s+)"
    r"((?:(?i:la|el)\s+)?\p{Lu}[\pL'.-]*(?:\s+\p{Lu}[\pL'.-]*){0,2}\s+(?i:y|con|và)\s+"
    r"(?:(?i:la|el)\s+)?\p{Lu}[\pL'.-]*(?:\s+\p{Lu}[\pL'.-]*){0,2})"
)


# What a number before it counts: "Avenida Veterans 300 trabajadores marcharon".
_COUNTED = frozenset(
    ("personas", "trabajadores", "trabajadoras", "hombres", "mujeres", "jóvenes", "jovenes")
    + ("niños", "ninos", "niñas", "familias", "veces", "días", "dias", "semanas", "meses")
    + ("años", "anos", "dólares", "dolares", "millas", "người", "nguoi")
)


def kind_first_streets(text: str) -> Iterator[tuple[int, int]]:
    """Addresses that name the street after its kind (`_KIND_FIRST_STREET`), not a count."""
    patterns = (_KIND_FIRST_STREET, _STREET_THEN_NUMBER, _HOUSE, _NUMBERED_STREET, _FROM_A_LANDMARK)
    for match in [match for pattern in patterns for match in pattern.finditer(text)]:
        following = text[match.end() : match.end() + 16].split(None, 1)
        if not following or following[0].lower().strip(".,;:") not in _COUNTED:
            yield match.span()
