"""Keyset ("seek") pagination over any ordering: a page is the rows after (or before) the
last row seen, compared on every sort key and then the id, so each page costs the same
however deep it is and however many rows share a sort value (DRF's cursor keeps only the
first key and skips ties by OFFSET, capped at 1,000).

A cursor is the client's to send back, so it is decoded like any input: base64 of a small
JSON object, each value checked against the type of its key; anything else is refused
with ValueError (the API answers 400, a page starts again from the first page)."""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet

BIGINT = 2**63
MAX_CURSOR_LENGTH = 512
MAX_TEXT_KEY = 64


@dataclass(frozen=True)
class Key:
    name: str  # a field or an annotation of the queryset
    descending: bool = False
    kind: str = "int"  # "int", "date" or "text"


@dataclass(frozen=True)
class Keyset:
    """A named ordering; the last key must be unique (the id)."""

    name: str
    keys: Sequence[Key]

    def order_by(self, forward: bool = True) -> list[str]:
        return [("-" if key.descending == forward else "") + key.name for key in self.keys]

    def after(self, values: Sequence, forward: bool = True) -> Q:
        """Rows strictly after `values` in this order (before them when not `forward`):
        the first key beyond, or equal on it and beyond on the next, and so on."""
        condition = Q(pk__in=[])
        equal = Q()
        for key, value in zip(self.keys, values, strict=True):
            beyond = "lt" if key.descending == forward else "gt"
            condition |= equal & Q(**{f"{key.name}__{beyond}": value})
            equal &= Q(**{key.name: value})
        return condition


@dataclass
class Page:
    rows: list
    next: str | None
    previous: str | None


def _value(row, name):
    return row[name] if isinstance(row, dict) else getattr(row, name)


def encode(keyset: Keyset, row, forward: bool) -> str:
    values = []
    for key in keyset.keys:
        value = _value(row, key.name)
        values.append(value.isoformat() if isinstance(value, datetime.date) else value)
    payload = json.dumps({"s": keyset.name, "d": "n" if forward else "p", "k": values})
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _parse(key: Key, value):
    if key.kind == "int":
        if type(value) is not int or not -BIGINT <= value < BIGINT:
            raise ValueError
        return value
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT_KEY or "\x00" in value:
        raise ValueError
    if key.kind == "date":
        return datetime.date.fromisoformat(value)
    return value


def decode(keyset: Keyset, cursor: str) -> tuple[list, bool]:
    """The key values and the direction a cursor holds; ValueError for anything this
    list could not have given out (another sort's cursor included)."""
    if not cursor or len(cursor) > MAX_CURSOR_LENGTH or not cursor.isascii():
        raise ValueError("not a cursor")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise ValueError("not a cursor") from error
    if (
        not isinstance(data, dict)
        or data.get("s") != keyset.name
        or data.get("d") not in {"n", "p"}
    ):
        raise ValueError("not a cursor")
    values = data.get("k")
    if not isinstance(values, list) or len(values) != len(keyset.keys):
        raise ValueError("not a cursor")
    return [_parse(key, value) for key, value in zip(keyset.keys, values, strict=True)], data[
        "d"
    ] == "n"


def page(queryset: QuerySet, keyset: Keyset, cursor: str | None, size: int) -> Page:
    """One page of `queryset` in `keyset`'s order from `cursor` (the first page without
    one). One query: it fetches one row more than the page to know whether more follow."""
    forward, values = True, None
    if cursor:
        values, forward = decode(keyset, cursor)
    rows = queryset.order_by(*keyset.order_by(forward))
    if values is not None:
        rows = rows.filter(keyset.after(values, forward))
    rows = list(rows[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if not forward:
        rows.reverse()
    has_next = more if forward else values is not None
    has_previous = values is not None if forward else more
    return Page(
        rows=rows,
        next=encode(keyset, rows[-1], True) if rows and has_next else None,
        previous=encode(keyset, rows[0], False) if rows and has_previous else None,
    )
