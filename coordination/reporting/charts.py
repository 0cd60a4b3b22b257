"""The annual report's charts on the web pages (the report and the public dashboard), as
HTML bar charts (`plumbing/charts.py`). They show the published figures: a hidden count
("<5", "*") draws no bar, whose length would tell it, and shows its mark. The PDF draws
the same figures with reportlab (`exports.py`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..plumbing.charts import BarChart, Figure, bar_chart
from .report import AnnualReport


def _totals(report: AnnualReport, key: str) -> list[dict]:
    table = next(table for table in report.tables if table.key == key)
    return report.rows(table)[:-1]  # the total row has a figure of its own


def type_chart(report: AnnualReport) -> BarChart:
    return bar_chart(
        _("Cases by trafficking type, %(year)s") % {"year": report.year},
        [(row["label"], [row["total"]]) for row in _totals(report, "trafficking_type")],
    )


def region_chart(report: AnnualReport) -> BarChart:
    return bar_chart(
        _("Cases by region, %(year)s") % {"year": report.year},
        [(row["label"], [row["total"]]) for row in _totals(report, "region")],
    )


def trend_chart(report: AnnualReport) -> BarChart:
    """Each year's confirmed and prospective cases, grouped by year."""
    return bar_chart(
        _("Cases reported each year"),
        [
            (str(entry["year"]), [entry["confirmed"], entry["prospective"]])
            for entry in report.trend
        ],
        series=(_("Confirmed"), _("Prospective")),
    )


def participation_chart(report: AnnualReport) -> BarChart:
    """The share of the providers asked that reported, each year of the trend."""
    rows = []
    for entry in report.trend:
        asked, reported = entry["providers_asked"], entry["providers_reported"]
        share = round(100 * reported / asked) if asked else 0
        of = _("%(reported)s of %(asked)s") % {"reported": reported, "asked": asked}
        rows.append((str(entry["year"]), [Figure(share, f"{share}% ({of})")]))
    return bar_chart(_("Providers that reported each year"), rows, top=100)
