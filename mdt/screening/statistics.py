"""Screening statistics: screens by discipline, parish and month, each split by result
band, counted in the database, with the annual report's small-cell suppression."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.db.models.functions import TruncMonth

from coordination.models import Discipline
from coordination.reporting.report import published_mark, threshold
from coordination.reporting.suppression import suppressed_cells

from ..models import BAND_ORDER, Screening, ScreeningBand

COLUMNS = [*BAND_ORDER, "total"]


def _table(key: str, title: str, counts: dict[tuple, int], rows: list[tuple], suppress: bool):
    grid = []
    for code, _ in rows:
        cells = [counts.get((code, band), 0) for band in BAND_ORDER]
        grid.append([*cells, sum(cells)])
    grid.append([sum(row[column] for row in grid) for column in range(len(COLUMNS))])
    limit = threshold()
    hidden = suppressed_cells(grid, limit) if suppress else set()
    labelled = [*rows, ("total", "Total")]
    return {
        "key": key,
        "title": title,
        "columns": COLUMNS,
        "rows": [
            {
                "code": str(code),
                "label": str(label),
                **{
                    name: published_mark(grid[i][j], limit) if (i, j) in hidden else grid[i][j]
                    for j, name in enumerate(COLUMNS)
                },
            }
            for i, (code, label) in enumerate(labelled)
        ],
    }


def screening_statistics(*, suppress: bool = True) -> dict:
    screenings = Screening.objects.all()

    def grouped(field: str) -> dict[tuple, int]:
        return {
            (row[field], row["band"]): row["n"]
            for row in screenings.values(field, "band").annotate(n=Count("id")).order_by()
        }

    by_discipline = grouped("discipline")
    by_parish = grouped("parish__name")
    by_month = {
        (row["month"].strftime("%Y-%m"), row["band"]): row["n"]
        for row in screenings.annotate(month=TruncMonth("screened_at"))
        .values("month", "band")
        .annotate(n=Count("id"))
        .order_by()
    }
    disciplines = [
        (code, label)
        for code, label in Discipline.choices
        if any(k[0] == code for k in by_discipline)
    ]
    parishes = [(name, f"{name} Parish") for name in sorted({k[0] for k in by_parish})]
    # The month by its name on the page ("November 2026"); "2026-11" stays its code.
    months = [
        (month, datetime.date(int(month[:4]), int(month[5:7]), 1).strftime("%B %Y"))
        for month in sorted({k[0] for k in by_month})
    ]
    return {
        "suppressed": suppress,
        "threshold": threshold(),
        "bands": dict(ScreeningBand.choices),
        "tables": [
            _table(
                "discipline", "By the screener's discipline", by_discipline, disciplines, suppress
            ),
            _table("parish", "By parish", by_parish, parishes, suppress),
            _table("month", "By month", by_month, months, suppress),
        ],
    }
