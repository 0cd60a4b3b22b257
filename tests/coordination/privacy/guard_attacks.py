"""Inputs built to make a backtracking matcher take super-linear time, one family per
pattern the privacy guard has (and the probe's own), each at the longest text the guard
reads. Used by the hang test (tests/coordination/privacy/test_privacy_hang.py) and by
`make bench` (the guard's p99 on them)."""

from coordination.privacy import MAX_TEXT_LENGTH


def _fill(unit: str, tail: str = "") -> str:
    """`unit` repeated up to the limit, then `tail` (the character that makes a
    backtracking matcher give up and retry from every earlier position)."""
    room = MAX_TEXT_LENGTH - len(tail)
    return (unit * (room // len(unit) + 1))[:room] + tail


ATTACKS = {
    # The probe's: IPv6 candidates backtracked cubically, e-mail and URL quadratically.
    "probe: 1: repeated, then g (IPv6)": _fill("1:", "g"),
    "probe: a. repeated, then ! (need statement)": _fill("a.", "!"),
    "e-mail: a local part with no domain": _fill("a", "@"),
    "e-mail: a domain of endless labels": "a@" + _fill("a.", "!")[2:],
    "e-mail: spaced-out at and dot": _fill("a at a dot "),
    "e-mail: (at) (at) (at)": _fill("a (at) "),
    "URL: labels with no TLD": _fill("a-", "."),
    "URL: www. repeated": _fill("www."),
    "URL: http:// with no end": "http://" + _fill("a/")[7:],
    "IPv4: dotted digits": _fill("1."),
    "IPv6: colons and hex": _fill("a:"),
    "IPv6: colons alone": _fill(":"),
    "SSN: digits with separators": _fill("123-45-"),
    "SSN: one long number": _fill("1"),
    "phone: digits and spaces": _fill("1 "),
    "phone: digits and dashes": _fill("5-"),
    "phone: parentheses": _fill("(5"),
    "phone: extensions": _fill("504 555 0100 ext "),
    "date: slashes": _fill("1/1/"),
    "date: month names": _fill("March 1 "),
    "date: birth words and dates": _fill("born 12/25/2010 "),
    "address: numbers before words": _fill("12 a "),
    "address: street words with no suffix": _fill("1 Main "),
    "address: P.O. box without a number": _fill("p.o. box "),
    "everything at once": _fill("born 1/1/1990 504-555-0100 a@b.com 1 Main St 10.0.0.1 "),
    "full-width digits": _fill("\uff15"),
    "nested brackets": _fill("("),
    # The name rules read a few words back; a chain of "de" and given names once made
    # that look recurse a word at a time (RecursionError at 10,000 characters).
    "name rules: de Ana de Ana …": _fill("de Ana "),
    "name rules: St. Jean de Jean de …": "St. " + _fill("Jean de ")[4:],
    "name rules: Lake Petit Petit …": "Lake " + _fill("Petit ")[5:],
    # Each letter of an outline, each Roman "I.", asks about the whole text's lines; each
    # item of a list of places looks at its neighbours: all must stay bounded.
    "name rules: an outline of letters": _fill("A. Kayla\nB. Tasha\nC. Data\n"),
    "name rules: Roman I. I. I. …": _fill("I. Welcome "),
    "name rules: a list of places": _fill("Little Woods, Houma and "),
    "name rules: abbreviations Jeff. Terr. …": _fill("Jeff. Terr. "),
}
