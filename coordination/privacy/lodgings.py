"""Motels, hotels, boarding houses and camps where a person can be found: a lodging with a
room or lot number near it ("room 212 at the Super 8"), or placed somewhere ("the Super 8
on Airline Hwy"), and a room someone rents or is kept in ("rented room 117")."""

from __future__ import annotations

from collections.abc import Iterator

import re2

Span = tuple[int, int]


LODGING = re2.compile(
    r"(?i)\b(?:super ?8|motel ?6|studio ?6|red roof(?: inn)?|days inn|scottish inn|quality inn|"
    r"extended stay(?: america)?|la quinta|econo ?lodge|best western|holiday inn(?: express)?|"
    r"comfort inn|comfort suites|hampton inn|travelodge|knights inn|america'?s best value(?: inn)?|"
    r"budget inn|howard johnson|rodeway inn|intown suites|baymont|microtel|sleep inn|"
    r"candlewood|red carpet inn|motel|hotel|inn|trailer park|mobile home park|rv park|"
    r"campground|labor camp|work camp|fish camp|bunkhouse|extended[- ]stay|motor court|"
    r"motor lodge|tourist court|front desk)\b"
    r"|(?i:\b(?:pensi[oó]n|casa de hu[eé]spedes|hostal|posada)\b)"  # "la pensión de la calle …"
    r"|nhà nghỉ|khách sạn|nhà trọ|ở trọ|(?i:\bnha nghi\b|\bkhach san\b|\bnha tro\b)"  # ASCII \b
)
# A room in English, Spanish ("cuarto 212", "habitación 9") or Vietnamese ("phòng 118",
# typed "phong 12"); a room counts only beside a lodging (`lodgings`).
_ROOM = re2.compile(
    r"(?i)\b(?:rooms?|rm|units?|suites?|ste|apt|lots?|cabins?|trailers?|cuartos?|habitaci[oó]n"
    r"|hab|phòng|phong)\.?\s*#?\s*"
    r"(?:(?:số|n[uú]mero|no\.?)\s*)?"
    # "cabins 11 and 12", "rooms 114 & 116"
    r"(?:\d{1,4}[a-z]?\b(?:\s*(?:,|and|&|y|và)\s*\d{1,4}[a-z]?\b)?"
    r"|(?:one|two|three|four|five|six|seven|eight|nine)(?:[- ](?:oh|o|zero|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty)){1,3}\b)"  # "room three-oh-six"
)
# "p.214": phòng (a room) typed short, the number glued to it (not "p. 12", a page).
_ROOM_TYPED_SHORT = re2.compile(r"\bp\.\d{1,4}\b")
# A lodging placed somewhere: "on Airline Hwy", "in Bossier", "by the airport", ", Shreveport".
_PLACED = re2.compile(
    r"^(?:\s+(?:on|in|by|near|off|at)\s+(?:the\s+)?[A-Za-z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}"
    r"|,\s*[A-Z][\w'.-]+|\s+[A-Z][A-Za-z]+\b)"
)


# What opens a sentence or a note before a lodging it is about, not where someone is.
_HEADING = re2.compile(r"(?:^|[.;!?\n])\s*(?:(?i:the)\s+)?$")
# …placed in a town or by a landmark, not on a road ("the Super 8 on Airline Hwy is where…").
_IN_A_TOWN = re2.compile(r"^(?:\s+(?:in|by|near)\s|,)")
# A lodging only with a room or lot number near it: "the trailer park …, lot 22".
_UNNAMED = ("motel", "hotel", "inn", "trailer park", "mobile home park", "rv park", "campground")
_UNNAMED += ("labor camp", "work camp", "fish camp", "bunkhouse", "front desk")
# A room someone rents, stays or is kept in, with no lodging named: "rented room 117".
_TAKEN_ROOM = re2.compile(
    r"(?i)\b(?:rent(?:s|ed|ing)?|stay(?:s|ed|ing)?\s+in|sleep(?:s|ing)?\s+in|slept\s+in|"
    r"liv(?:e|es|ed|ing)\s+in|locked\s+in|"
    # where someone is kept or found: "the two women are still in cabin 9"
    r"(?:still|kept|held|hid|hiding|hidden)\s+in)\s+(?:the\s+)?"
    r"((?:room|rm\.?|cabin|unit|trailer|cuarto|habitaci[oó]n)[ \t]*#?[ \t]*\d{1,4}[a-z]?)\b"
)


def lodgings(text: str) -> Iterator[Span]:
    for match in _TAKEN_ROOM.finditer(text):
        yield match.span(1)
    rooms = [match.span() for match in _ROOM.finditer(text)]
    rooms += [match.span() for match in _ROOM_TYPED_SHORT.finditer(text)]
    for match in LODGING.finditer(text):
        start, end = match.span()
        named = match.group().lower() not in _UNNAMED
        park = match.group().lower().endswith("park")
        near_room = [
            span
            for span in rooms
            if (abs(span[0] - end) < 40 or abs(start - span[1]) < 40)
            and (park or text[span[0] : span[0] + 3].lower() != "lot")  # a parking lot
        ]
        placed = _PLACED.search(text[end : end + 40]) if named else None
        if (
            placed
            and _IN_A_TOWN.match(placed.group())
            and _HEADING.search(text[max(0, start - 12) : start])
            and text[end + placed.end() : end + placed.end() + 1] in (":", ",")
        ):
            placed = None  # the lodging is what the note is about: "Motel 6 in Sulphur: the pool…"
        if placed and LODGING.match(text[end : end + 40].lstrip(", ")):
            placed = None  # a list of chains: "the Motel 6, Super 8 and Red Roof Inn"
        if near_room:
            first = min([start] + [span[0] for span in near_room])
            last = max([end] + [span[1] for span in near_room])
            yield first, last
        elif placed:
            yield start, end + placed.end()
