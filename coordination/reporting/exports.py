"""Published forms of the annual report: CSV, a PDF fit to hand to a legislative committee,
and the charts (reportlab graphics: the same drawing goes into the PDF and, as SVG, into
the web page). Exports are built from a suppressed report only."""

from __future__ import annotations

import io
import math

from django.utils import timezone
from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..plumbing import spreadsheet
from .report import COLUMNS, AnnualReport

INK = colors.HexColor("#1d2433")
CONFIRMED = colors.HexColor("#00376f")
TITLE = "Statistical Report to the Louisiana Legislature on Human Trafficking"


def _value(shown) -> float:
    return 0 if isinstance(shown, str) else shown  # a hidden cell draws no bar


def _axis(axis, values: list[float]) -> None:
    """Whole-number ticks from zero, even when every bar is empty or hidden."""
    top = max([*values, 1])
    step = max(1, math.ceil(top / 5))
    axis.valueMin, axis.valueMax, axis.valueStep = 0, step * math.ceil(top / step), step
    axis.labelTextFormat = "%d"
    axis.labels.fontSize = 10
    axis.labels.fillColor = INK


def _bars(title: str, labels: list[str], shown: list, *, horizontal: bool = True) -> Drawing:
    """One bar a category, labelled with its published figure ("<5" and "*" draw no bar)."""
    if horizontal:  # drawn bottom-up: reverse, so the first category is on top
        labels, shown = labels[::-1], shown[::-1]
    values = [_value(value) for value in shown]
    if horizontal:
        height = 70 + 34 * max(len(labels), 1)
        drawing = Drawing(520, height)
        chart = HorizontalBarChart()
        chart.x, chart.y, chart.width, chart.height = 190, 30, 290, height - 75
    else:
        height = 260
        drawing = Drawing(520, height)
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 50, 40, 440, height - 90
    chart.data = [values]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontSize = 10
    chart.categoryAxis.labels.fillColor = INK
    _axis(chart.valueAxis, values)
    chart.bars[0].fillColor = CONFIRMED
    chart.barLabelArray = [[str(value) for value in shown]]
    chart.barLabelFormat = "values"
    chart.barLabels.fontSize = 10
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = 10
    drawing.add(chart)
    drawing.add(String(10, height - 22, title, fontSize=13, fillColor=INK))
    return drawing


def _totals(report: AnnualReport, key: str) -> list[dict]:
    table = next(table for table in report.tables if table.key == key)
    return report.rows(table)[:-1]


def type_chart(report: AnnualReport) -> Drawing:
    rows = _totals(report, "trafficking_type")
    return _bars(
        f"Cases by trafficking type, {report.year}",
        [row["label"] for row in rows],
        [row["total"] for row in rows],
    )


def region_chart(report: AnnualReport) -> Drawing:
    rows = _totals(report, "region")
    return _bars(
        f"Cases by region, {report.year}",
        [row["label"][:30] for row in rows],
        [row["total"] for row in rows],
    )


def trend_chart(report: AnnualReport) -> Drawing:
    years = report.trend or [{"year": report.year, "total": 0}]
    return _bars(
        "Cases reported each year",
        [str(entry["year"]) for entry in years],
        [entry["total"] for entry in years],
        horizontal=False,
    )


BAND_COLORS = {
    "strength": colors.HexColor("#2f6b45"),
    "borderline": colors.HexColor("#b45309"),
    "concern": colors.HexColor("#b91c1c"),
}


def scores_chart(scores: dict) -> Drawing:
    """Each factor's score on the 1–5 scale, coloured by its band, top to bottom in the
    instrument's order."""
    factors = [factor for category in scores["categories"] for factor in category["factors"]]
    factors = factors[::-1]  # drawn bottom-up
    height = 70 + 22 * max(len(factors), 1)
    drawing = Drawing(560, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 300, 30, 230, height - 75
    chart.data = [[factor["score"] or 0 for factor in factors]]
    chart.categoryAxis.categoryNames = [factor["name"][:48] for factor in factors]
    chart.categoryAxis.labels.fontSize = 9
    chart.categoryAxis.labels.fillColor = INK
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 5, 1
    chart.valueAxis.labels.fontSize = 9
    chart.barLabelArray = [
        ["—" if factor["score"] is None else f"{factor['score']:.1f}" for factor in factors]
    ]
    chart.barLabelFormat = "values"
    chart.barLabels.fontSize = 9
    chart.barLabels.nudge = 10
    for index, factor in enumerate(factors):
        chart.bars[(0, index)].fillColor = BAND_COLORS.get(factor["band"], colors.grey)
    drawing.add(chart)
    drawing.add(
        String(
            10,
            height - 22,
            "Collaboration factors (green ≥ 4.0 strength, amber 3.0–3.9, red < 3.0 concern)",
            fontSize=11,
            fillColor=INK,
        )
    )
    return drawing


def svg(drawing: Drawing) -> str:
    """The drawing as inline SVG for a page (the XML prolog dropped)."""
    text = renderSVG.drawToString(drawing)
    return (
        text[text.index("<svg") :].replace("<title>...</title>", "").replace("<desc>...</desc>", "")
    )


def csv_bytes(report: AnnualReport) -> bytes:
    assert report.suppressed, "exports are always suppressed"
    out = io.StringIO()
    writer = spreadsheet.csv_writer(out)  # names become text, never formulas
    writer.writerow([TITLE, report.year])
    writer.writerow(["Providers reported", report.providers_text])
    writer.writerow([])
    writer.writerow(["table", "category", *COLUMNS, "percent of all cases"])
    for table in report.tables:
        for row in report.rows(table):
            share = "" if row["percent"] is None else f"{row['percent']}%"
            writer.writerow([table.title, row["label"], *(row[c] for c in COLUMNS), share])
    writer.writerow([])
    writer.writerow(["year", "providers asked", "providers reported", *COLUMNS])
    for entry in report.trend:
        writer.writerow(
            [entry["year"], entry["providers_asked"], entry["providers_reported"]]
            + [entry[column] for column in COLUMNS]
        )
    writer.writerow([])
    for note in report.as_dict()["notes"]:
        writer.writerow(["Note", note])
    return out.getvalue().encode("utf-8")


def _table(rows: list[list], widths) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, INK),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ]
        )
    )
    return table


def pdf_bytes(report: AnnualReport) -> bytes:
    assert report.suppressed, "exports are always suppressed"
    styles = getSampleStyleSheet()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=LETTER, title=f"{TITLE} — {report.year}", author="Lantern"
    )
    headline = report.headline()
    story = [
        Spacer(1, 2 * inch),
        Paragraph(TITLE, styles["Title"]),
        Paragraph(str(report.year), styles["Title"]),
        Spacer(1, 0.5 * inch),
        Paragraph(f"Number of cases: <b>{headline['total']}</b>", styles["Heading2"]),
        Paragraph(
            f"Confirmed: {headline['confirmed']} · Prospective (at risk): "
            f"{headline['prospective']}",
            styles["Normal"],
        ),
        Paragraph(
            f"Providers that reported data: <b>{report.providers_text}</b>", styles["Heading2"]
        ),
        Spacer(1, inch),
        Paragraph(
            f"Prepared {timezone.localdate():%B %-d, %Y} from providers' de-identified "
            "submissions. No name, birth date, address, phone number, e-mail address or SSN "
            "of any person served was collected.",
            styles["Normal"],
        ),
        PageBreak(),
    ]
    for table in report.tables:
        rows = [["", "Confirmed", "Prospective", "Total", "Share"]]
        for row in report.rows(table):
            share = "—" if row["percent"] is None else f"{row['percent']}%"
            rows.append([row["label"], *(str(row[c]) for c in COLUMNS), share])
        widths = [2.9 * inch, 0.95 * inch, 0.95 * inch, 0.8 * inch, 0.7 * inch]
        story.append(
            KeepTogether([Paragraph(table.title, styles["Heading2"]), _table(rows, widths)])
        )
        if table.key == "trafficking_type":
            story.append(type_chart(report))
        if table.key == "region":
            story.append(region_chart(report))
    story.append(Paragraph("Year over year", styles["Heading2"]))
    trend_rows = [["Year", "Providers asked", "Reported", "Confirmed", "Prospective", "Total"]]
    for entry in report.trend:
        trend_rows.append(
            [str(entry["year"]), str(entry["providers_asked"]), str(entry["providers_reported"])]
            + [str(entry[column]) for column in COLUMNS]
        )
    story.append(_table(trend_rows, [0.8 * inch, 1.2 * inch, 0.9 * inch] + [1 * inch] * 3))
    story.append(trend_chart(report))
    story.append(Paragraph("Definitions and suppression", styles["Heading2"]))
    story.extend(Paragraph(note, styles["Normal"]) for note in report.as_dict()["notes"])
    document.build(story)
    return out.getvalue()
