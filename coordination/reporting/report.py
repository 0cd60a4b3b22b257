"""The statewide annual report for a year, built in the database (GROUP BY over the current
version of each provider's submission), and the same report with small cells suppressed.

Confirmed and prospective cases are kept apart in every breakdown: each table has a column
for each victim status and a total column, and a total row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Case, CharField, Count, Value, When
from django.utils.translation import gettext_noop

from ..cases import ADULT_AGE_BANDS, MINOR_AGE_BANDS
from ..people.models import Region
from .models import ReportingCycle, ServedCase, TraffickingType, VictimStatus
from .suppression import suppressed_cells

STATUSES = [VictimStatus.CONFIRMED, VictimStatus.PROSPECTIVE]
COLUMNS = ["confirmed", "prospective", "total"]
# The report's words are English here (its CSV, PDF and JSON are English); the public
# pages translate them as they draw them (`gettext_noop` lists them for the catalogues).
AGE_GROUPS = [
    ("minor", gettext_noop("Minors (under 18)")),
    ("adult", gettext_noop("Adults")),
    ("unknown", gettext_noop("Age unknown")),
]
NOTES = [
    gettext_noop(
        "Confirmed victims state they are a victim, or law enforcement confirms it. "
        "Prospective (at-risk) victims are in an area known for trafficking, or were referred "
        "by a helpline or a service agency. The two are counted apart."
    ),
    gettext_noop(
        "Each reporting provider counts the people it served in the year under its own "
        "de-identified case codes; a person served by two providers is counted by each."
    ),
    gettext_noop(
        "Minors are the age bands 0–11, 12–14 and 15–17; adults 18–24, 25–34 and 35 and over."
    ),
]


def suppression_note(threshold: int) -> str:
    return (
        f"Counts from 1 to {threshold - 1} are shown as <{threshold} to protect the people "
        "counted. Cells marked * are hidden too, because with the totals they would let a "
        "small count be worked out (complementary suppression). Percentages of hidden cells "
        "are not shown."
    )


COMPLEMENTARY_MARK = "*"


def published_mark(value: int, limit: int) -> str:
    return f"<{limit}" if value < limit else COMPLEMENTARY_MARK


def threshold() -> int:
    return settings.REPORT_SUPPRESSION_THRESHOLD


@dataclass
class Breakdown:
    key: str
    title: str
    labels: list[tuple[str, str]]  # (code, label) of each row, the total row excluded
    grid: list[list[int]]  # rows + a total row; columns confirmed, prospective, total
    hidden: set[tuple[int, int]] = field(default_factory=set)

    def total_row(self) -> list[int]:
        return self.grid[-1]


def _grid(counts: dict[tuple[str, str], int], codes: list[str]) -> list[list[int]]:
    rows = []
    for code in codes:
        confirmed = counts.get((code, VictimStatus.CONFIRMED), 0)
        prospective = counts.get((code, VictimStatus.PROSPECTIVE), 0)
        rows.append([confirmed, prospective, confirmed + prospective])
    rows.append([sum(row[column] for row in rows) for column in range(3)])
    return rows


def _grouped(cases, expression_or_field) -> dict[tuple[str, str], int]:
    if isinstance(expression_or_field, str):
        grouped = cases.values(expression_or_field, "victim_status")
        key = expression_or_field
    else:
        grouped = cases.annotate(group=expression_or_field).values("group", "victim_status")
        key = "group"
    return {
        (row[key], row["victim_status"]): row["n"]
        for row in grouped.annotate(n=Count("id")).order_by()
    }


def current_cases(cycle: ReportingCycle):
    return ServedCase.objects.filter(version__is_current=True, version__submission__cycle=cycle)


AGE_GROUP = Case(
    When(age_band__in=MINOR_AGE_BANDS, then=Value("minor")),
    When(age_band__in=ADULT_AGE_BANDS, then=Value("adult")),
    default=Value("unknown"),
    output_field=CharField(),
)
GROUPINGS = ("trafficking_type", AGE_GROUP, "parish__region__name", "parish__name", "victim_status")


def breakdowns(cycle: ReportingCycle) -> list[Breakdown]:
    cases = current_cases(cycle)
    counts = [_grouped(cases, grouping) for grouping in GROUPINGS]
    return _tables(*counts, regions=_region_names())


def _region_names() -> list:
    return list(Region.objects.order_by("name").values_list("name", flat=True))


def breakdowns_by_year(cycles) -> dict[int, list[Breakdown]]:
    """Each cycle's tables, in one query a grouping whatever the number of years."""
    cases = ServedCase.objects.filter(
        version__is_current=True, version__submission__cycle__in=list(cycles)
    )
    per_cycle: dict[int, list[dict]] = {cycle.pk: [{} for _ in GROUPINGS] for cycle in cycles}
    for index, grouping in enumerate(GROUPINGS):
        grouped = cases.annotate(group=grouping) if not isinstance(grouping, str) else cases
        key = "group" if not isinstance(grouping, str) else grouping
        rows = grouped.values("version__submission__cycle_id", key, "victim_status")
        for row in rows.annotate(n=Count("id")).order_by():
            cycle_counts = per_cycle[row["version__submission__cycle_id"]][index]
            cycle_counts[(row[key], row["victim_status"])] = row["n"]
    regions = _region_names()
    return {pk: _tables(*counts, regions=regions) for pk, counts in per_cycle.items()}


def _tables(by_type, by_age, by_region, by_parish, by_status, *, regions) -> list[Breakdown]:
    regions = list(regions)
    if any(key[0] is None for key in by_region):
        regions.append(None)
    parishes = sorted({key[0] for key in by_parish})
    status_counts = {(s, s): n for (s, _), n in by_status.items()}
    return [
        Breakdown(
            "trafficking_type",
            gettext_noop("By trafficking type"),
            list(TraffickingType.choices),
            _grid(by_type, TraffickingType.values),
        ),
        Breakdown(
            "victim_status",
            gettext_noop("By victim status"),
            [(status.value, status.label) for status in STATUSES],
            _grid(status_counts, [status.value for status in STATUSES]),
        ),
        Breakdown(
            "minor_adult",
            gettext_noop("Minors and adults"),
            AGE_GROUPS,
            _grid(by_age, [code for code, _ in AGE_GROUPS]),
        ),
        Breakdown(
            "region",
            gettext_noop("By region"),
            [(name or "none", name or gettext_noop("No region")) for name in regions],
            _grid(by_region, regions),
        ),
        Breakdown(
            "parish",
            gettext_noop("By parish (parishes with cases)"),
            [(name, f"{name} Parish") for name in parishes],
            _grid(by_parish, parishes),
        ),
    ]


def _suppress_all(tables: list[Breakdown], limit: int) -> None:
    """Suppress each table; a total hidden in one table is hidden in all (they publish
    the same totals), until nothing more changes."""
    margin: set[int] = set()
    while True:
        for table in tables:
            bottom = len(table.grid) - 1
            table.hidden = suppressed_cells(
                table.grid, limit, also_hidden={(bottom, column) for column in margin}
            )
        now = {
            column
            for table in tables
            for (row, column) in table.hidden
            if row == len(table.grid) - 1
        }
        if now <= margin:
            return
        margin |= now


def percent(part: int, whole: int) -> int | None:
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass
class AnnualReport:
    year: int
    status: str
    providers_asked: int
    providers_reported: int
    tables: list[Breakdown]
    trend: list[dict]
    suppressed: bool
    threshold: int

    @property
    def providers_text(self) -> str:
        return f"{self.providers_reported} of {self.providers_asked}"

    @property
    def totals(self) -> list[int]:
        return self.tables[0].total_row()

    def shown(self, table: Breakdown, row: int, column: int):
        """A cell as published: its count; `<5` when it is a small count; `*` when it is
        hidden only so that a small count cannot be worked out from it."""
        value = table.grid[row][column]
        if self.suppressed and (row, column) in table.hidden:
            return published_mark(value, self.threshold)
        return value

    def shown_percent(self, table: Breakdown, row: int) -> int | None:
        """The row's share of all cases, unless its total is hidden."""
        if self.suppressed and (row, 2) in table.hidden:
            return None
        return percent(table.grid[row][2], self.totals[2])

    def rows(self, table: Breakdown) -> list[dict]:
        """The table as published, one dict a row, the total row last."""
        labels = [*table.labels, ("total", gettext_noop("Total"))]
        return [
            {
                "code": code,
                "label": str(label),
                **{name: self.shown(table, index, column) for column, name in enumerate(COLUMNS)},
                "percent": self.shown_percent(table, index),
                "suppressed": [
                    name for column, name in enumerate(COLUMNS) if (index, column) in table.hidden
                ],
            }
            for index, (code, label) in enumerate(labels)
        ]

    def headline(self) -> dict:
        table = self.tables[0]
        bottom = len(table.grid) - 1
        return {name: self.shown(table, bottom, column) for column, name in enumerate(COLUMNS)}

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "status": self.status,
            "suppressed": self.suppressed,
            "threshold": self.threshold,
            "providers": {
                "asked": self.providers_asked,
                "reported": self.providers_reported,
                "text": self.providers_text,
            },
            "cases": self.headline(),
            "breakdowns": [
                {"key": table.key, "title": table.title, "rows": self.rows(table)}
                for table in self.tables
            ],
            "trend": self.trend,
            "notes": [*NOTES, suppression_note(self.threshold)],
        }


def _trend(suppress: bool, limit: int, public: bool = False) -> list[dict]:
    """Every year on record (every published year, for the public): providers asked and
    reported, cases by victim status. Each year's row is suppressed on its own (the
    trend has no totals across years), so leaving years out changes no row."""
    cycles = (
        ReportingCycle.objects.filter(cadence="annual")
        .order_by("year")
        .annotate(
            asked=Count("providers", distinct=True),
            reported=Count("submissions", distinct=True),
        )
    )
    cases = ServedCase.objects.filter(
        version__is_current=True, version__submission__cycle__cadence="annual"
    )
    if public:
        cycles = cycles.filter(published_at__isnull=False)
        cases = cases.filter(version__submission__cycle__published_at__isnull=False)
    counts = {
        (row["version__submission__cycle__year"], row["victim_status"]): row["n"]
        for row in cases.values("version__submission__cycle__year", "victim_status")
        .annotate(n=Count("id"))
        .order_by()
    }
    years = [cycle.year for cycle in cycles]
    grid = _grid(counts, years)[:-1]  # no total across years
    hidden = set()
    if suppress:
        # A year's row is that year's totals: whatever its own tables hide of them (to
        # protect a small cell elsewhere in the year) stays hidden here too, or the trend
        # would give back what the year's page hides.
        tables = breakdowns_by_year(cycles)
        margins = {
            (index, column)
            for index, cycle in enumerate(cycles)
            for column in _hidden_totals(tables[cycle.pk], limit)
        }
        hidden = suppressed_cells(grid, limit, totals_row=False, also_hidden=margins)
    trend = []
    for index, cycle in enumerate(cycles):
        entry = {
            "year": cycle.year,
            "providers_asked": cycle.asked,
            "providers_reported": cycle.reported,
        }
        for column, name in enumerate(COLUMNS):
            hide = (index, column) in hidden
            value = grid[index][column]
            entry[name] = published_mark(value, limit) if hide else value
        trend.append(entry)
    return trend


def _hidden_totals(tables: list[Breakdown], limit: int) -> set[int]:
    """The columns of the year's totals that its published tables hide."""
    _suppress_all(tables, limit)
    bottom = len(tables[0].grid) - 1
    return {column for row, column in tables[0].hidden if row == bottom}


def annual_report(
    cycle: ReportingCycle, *, suppress: bool = True, public: bool = False
) -> AnnualReport:
    """The year's report. `public`: as the public dashboard shows it (suppressed, its
    trend of published years only)."""
    suppress = suppress or public
    limit = threshold()
    tables = breakdowns(cycle)
    _suppress_all(tables, limit)
    reported = cycle.submissions.filter(versions__is_current=True).count()
    return AnnualReport(
        year=cycle.year,
        status=cycle.status,
        providers_asked=cycle.providers.count(),
        providers_reported=reported,
        tables=tables,
        trend=_trend(suppress, limit, public),
        suppressed=suppress,
        threshold=limit,
    )
