"""Outcome measures that fill in from Lantern's own data. An app that owns the data
registers a source (a code, words for people, and how to count it for a region); an
initiative's outcome measure (`phases`) may be bound to a source, and its result is then
counted, not typed. When the data changes, the owning app's service calls `changed`
after commit, and whoever keeps bound results (`phases`) recounts them; the upkeep pass
recounts them hourly too (a 12-month window moves on by itself)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    code: str
    label: str
    count: Callable[[int], int | Decimal]  # count(region_id) → the value today


_SOURCES: dict[str, Source] = {}
_LISTENERS: list[Callable[[int], object]] = []


def register_source(code: str, label: str, count: Callable[[int], int | Decimal]) -> None:
    _SOURCES[code] = Source(code, label, count)


def sources() -> list[Source]:
    return list(_SOURCES.values())


def source(code: str) -> Source | None:
    return _SOURCES.get(code)


def on_change(listener: Callable[[int], object]) -> None:
    """Call `listener(region_id)` whenever a source's data changes in a region."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def changed(region_id: int) -> None:
    """The data behind the sources changed in this region (call it after commit). A
    listener that fails is logged; the hourly recount catches up."""
    for listener in _LISTENERS:
        try:
            listener(region_id)
        except Exception:
            log.exception("Recounting bound outcome measures failed; the hourly pass retries")
