"""Published forms of the annual report: CSV, a PDF fit to hand to a legislative committee,
and the charts (reportlab graphics: the same drawing goes into the PDF and, as SVG, into
the web page). Exports are built from a suppressed report only."""

from __future__ import annotations

import io
import math
import re
import secrets
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.renderbase import renderScaledDrawing
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
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
from .report import COLUMNS, AnnualReport, Breakdown

INK = colors.HexColor("#1d2433")
CONFIRMED = colors.HexColor("#00376f")
TITLE = "Statistical Report to the Louisiana Legislature on Human Trafficking"
FONT, FONT_SIZE, LEADING = "Helvetica", 10, 12
WIDTH = 520  # of every chart: the page scales the SVG, the PDF fits it to the frame
LABEL_COLUMN = 175  # room for a category's name left of a horizontal chart's axis
NUDGE = 5  # between a bar's end and its figure


def _value(shown) -> float:
    return 0 if isinstance(shown, str) else shown  # a hidden cell draws no bar


def _axis(axis, values: list[float]) -> None:
    """Whole-number ticks from zero, even when every bar is empty or hidden."""
    top = max([*values, 1])
    step = max(1, math.ceil(top / 5))
    axis.valueMin, axis.valueMax, axis.valueStep = 0, step * math.ceil(top / step), step
    axis.labelTextFormat = "%d"
    axis.labels.fontSize = FONT_SIZE
    axis.labels.fillColor = INK


def _width(text: str) -> float:
    return stringWidth(text, FONT, FONT_SIZE)


def _wrap(label: str, width: float) -> list[str]:
    """The label in lines no wider than `width`: broken at spaces, and inside a word only
    when the word alone is too wide. Nothing of it is dropped."""
    lines = []
    for line in simpleSplit(label, FONT, FONT_SIZE, width) or [""]:
        while len(line) > 1 and _width(line) > width:
            cut = len(line) - 1
            while cut > 1 and _width(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _horizontal(labels: list[str], shown: list) -> tuple[Drawing, HorizontalBarChart]:
    """A row a category, each tall enough for its wrapped name; the plot ends where the
    widest figure still fits to the right of a full-length bar."""
    names = [_wrap(label, LABEL_COLUMN) for label in labels]
    lines = max((len(name) for name in names), default=1)
    row = max(34, LEADING * lines + 12)
    height = 70 + row * max(len(labels), 1)
    figures = NUDGE + max((_width(str(value)) for value in shown), default=0) + 6
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = LABEL_COLUMN + 15, 30  # 10 of margin, 5 between a name and the axis
    chart.width, chart.height = WIDTH - chart.x - figures, height - 75
    chart.categoryAxis.categoryNames = ["\n".join(name) for name in names]
    chart.categoryAxis.labels.leading = LEADING
    chart.categoryAxis.labels.textAnchor = "end"  # wrapped lines keep to the axis
    chart.barLabels.boxAnchor = "w"  # the figure starts past the bar, however wide it is
    return drawing, chart


def _vertical(labels: list[str]) -> tuple[Drawing, VerticalBarChart]:
    drawing = Drawing(WIDTH, 260)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 50, 40, 440, 170
    chart.categoryAxis.categoryNames = labels
    chart.barLabels.boxAnchor = "s"
    return drawing, chart


def _bars(title: str, labels: list[str], shown: list, *, horizontal: bool = True) -> Drawing:
    """One bar a category, labelled with its published figure ("<5" and "*" draw no bar)."""
    if horizontal:  # drawn bottom-up: reverse, so the first category is on top
        labels, shown = labels[::-1], shown[::-1]
    values = [_value(value) for value in shown]
    drawing, chart = _horizontal(labels, shown) if horizontal else _vertical(labels)
    chart.data = [values]
    chart.categoryAxis.labels.fontSize = FONT_SIZE
    chart.categoryAxis.labels.fillColor = INK
    _axis(chart.valueAxis, values)
    chart.bars[0].fillColor = CONFIRMED
    chart.barLabelArray = [[str(value) for value in shown]]
    chart.barLabelFormat = "values"
    chart.barLabels.fontSize = FONT_SIZE
    chart.barLabels.fillColor = INK
    chart.barLabels.nudge = NUDGE
    drawing.add(chart)
    drawing.add(String(10, drawing.height - 22, title, fontSize=13, fillColor=INK))
    return drawing


def bar_chart(title: str, labels: list[str], values: list, *, horizontal: bool = True) -> Drawing:
    """A bar chart in the reports' style, for any room's figures (MDT growth)."""
    return _bars(title, labels, values, horizontal=horizontal)


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
        [row["label"] for row in rows],
        [row["total"] for row in rows],
    )


def participation_chart(report: AnnualReport) -> Drawing:
    """The share of the providers asked that reported, each year of the trend."""
    years = report.trend or [{"year": report.year, "providers_asked": 0, "providers_reported": 0}]
    shares = [
        round(100 * entry["providers_reported"] / entry["providers_asked"])
        if entry["providers_asked"]
        else 0
        for entry in years
    ]
    return _bars(
        "Providers that reported, % of those asked",
        [str(entry["year"]) for entry in years],
        shares,
        horizontal=False,
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


REFERENCE = re.compile(r"url\((['\"]?)#([^)'\"]+)\1\)")


def _prefix_ids(root, prefix: str) -> None:
    """Give every id under `root` the prefix, and every reference to one of them. (A
    reference to anything outside the drawing, say a link into the page, stays as it is.)"""
    elements = [root, *root.getElementsByTagName("*")]
    ids = {element.getAttribute("id") for element in elements} - {""}

    def renamed(target: str) -> str:
        return prefix + target if target in ids else target

    for element in elements:
        for name, value in list(element.attributes.items()):
            if name == "id":
                value = prefix + value
            elif name in ("href", "xlink:href") and value.startswith("#"):
                value = "#" + renamed(value[1:])
            else:
                value = REFERENCE.sub(lambda found: f"url(#{renamed(found[2])})", value)
            element.setAttribute(name, value)


def svg(drawing: Drawing) -> str:
    """The drawing as inline SVG for a page (the XML prolog dropped). renderSVG names every
    drawing's clip path "clip": on a page of several charts, each would be clipped by the
    first one's. So each drawing's ids get a prefix of their own."""
    drawing = renderScaledDrawing(drawing)
    canvas = renderSVG.SVGCanvas((drawing.width, drawing.height))
    renderSVG.draw(drawing, canvas, 0, 0)
    for placeholder in ("title", "desc"):  # renderSVG's "..." would only be noise
        for element in canvas.svg.getElementsByTagName(placeholder):
            element.parentNode.removeChild(element)
    _prefix_ids(canvas.svg, f"chart-{secrets.token_hex(4)}-")
    out = io.StringIO()
    canvas.save(out)
    text = out.getvalue()
    return text[text.index("<svg") :]


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
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ]
        )
    )
    return table


# A category's name wraps inside its column, so it never runs into the figures.
ROW_LABEL = ParagraphStyle("row-label", fontName="Helvetica", fontSize=9, leading=11, textColor=INK)
TOTAL_LABEL = ParagraphStyle("total-label", parent=ROW_LABEL, fontName="Helvetica-Bold")
BREAKDOWN_WIDTHS = [2.9 * inch, 0.95 * inch, 0.95 * inch, 0.8 * inch, 0.7 * inch]


def _breakdown_table(report: AnnualReport, table: Breakdown) -> Table:
    rows = [["", "Confirmed", "Prospective", "Total", "Share"]]
    for row in report.rows(table):
        share = "—" if row["percent"] is None else f"{row['percent']}%"
        style = TOTAL_LABEL if row["code"] == "total" else ROW_LABEL
        label = Paragraph(escape(row["label"]), style)
        rows.append([label, *(str(row[c]) for c in COLUMNS), share])
    return _table(rows, BREAKDOWN_WIDTHS)


def _fitted(drawing: Drawing, document: SimpleDocTemplate) -> Drawing:
    """The drawing scaled down to fit the page's frame: charts are drawn 520 wide, and a
    region chart grows with the regions."""
    room = document.width - 12, document.height - 12  # the frame's padding
    scale = min(room[0] / drawing.width, room[1] / drawing.height)
    if scale < 1:
        drawing.scale(scale, scale)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing


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
    charts = {"trafficking_type": type_chart, "region": region_chart}
    for table in report.tables:
        heading = Paragraph(table.title, styles["Heading2"])
        story.append(KeepTogether([heading, _breakdown_table(report, table)]))
        if table.key in charts:
            story.append(_fitted(charts[table.key](report), document))
    story.append(Paragraph("Year over year", styles["Heading2"]))
    trend_rows = [["Year", "Providers asked", "Reported", "Confirmed", "Prospective", "Total"]]
    for entry in report.trend:
        trend_rows.append(
            [str(entry["year"]), str(entry["providers_asked"]), str(entry["providers_reported"])]
            + [str(entry[column]) for column in COLUMNS]
        )
    story.append(_table(trend_rows, [0.8 * inch, 1.2 * inch, 0.9 * inch] + [1 * inch] * 3))
    story.append(_fitted(trend_chart(report), document))
    story.append(Paragraph("Definitions and suppression", styles["Heading2"]))
    story.extend(Paragraph(note, styles["Normal"]) for note in report.as_dict()["notes"])
    document.build(story)
    return out.getvalue()
