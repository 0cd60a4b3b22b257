"""The annual report's charts and PDF tables: on a page of three charts each SVG stands
alone (ids of its own), every region with cases gets a bar inside its chart's clip, and no
label is cut or runs into the bars or the figures."""

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from coordination.reporting import exports
from coordination.reporting.report import annual_report
from tests.coordination.factories import ParishFactory, RegionFactory
from tests.coordination.reporting import case_rows, open_year, providers, submit

LONG_NAME = "Region 10 — Greater New Orleans, the River Parishes and the Northshore"
REGIONS = [
    ("Region 1 — Greater New Orleans", 40),
    ("Region 2 — Capital Area", 36),
    ("Region 3 — South Central", 31),
    ("Region 4 — Acadiana", 27),
    ("Region 5 — Southwest", 3),  # shown as <5: no bar
    ("Region 6 — Central", 22),
    ("Region 7 — Northwest", 18),
    ("Region 8 — Northeast", 14),
    ("Region 9 — Northshore", 11),
    (LONG_NAME, 8),
]
CHARTS = [exports.trend_chart, exports.type_chart, exports.region_chart]
ID = re.compile(r'\sid="([^"]+)"')
REFERENCE = re.compile(r'url\(#([^)]+)\)|href="#([^"]+)"')
# A bar: a rect filled with exports.CONFIRMED, as renderSVG writes it.
BAR = re.compile(
    r'<rect x="([-\d.]+)" y="([-\d.]+)" width="([-\d.]+)" height="([-\d.]+)"'
    r' style="[^"]*fill: rgb\(0%,21%,43%\)'
)


@pytest.fixture
def many_regions(world):
    """2024, with cases in ten regions besides the world's two empty ones."""
    asked = providers(1)
    cycle = open_year(world.users["state_admin"], 2024, asked)
    rows, parishes = [], []
    for index, (name, count) in enumerate(REGIONS):
        parish = ParishFactory(region=RegionFactory(name=name))
        rows += case_rows([(count, "sex", "confirmed", False)], parish, start=100 * index + 1)
        parishes.append(parish)
    submit(asked[0], cycle, rows, parishes)
    return annual_report(cycle, suppress=True)


def region_rows(report) -> list[dict]:
    table = next(table for table in report.tables if table.key == "region")
    return report.rows(table)[:-1]


def regions_with_bars(report) -> list[dict]:
    rows = region_rows(report)
    return [row for row in rows if not isinstance(row["total"], str) and row["total"] > 0]


def test_no_id_is_shared_across_the_charts_and_each_reference_stays_in_its_own(many_regions):
    svgs = [exports.svg(chart(many_regions)) for chart in CHARTS]
    ids = [found for text in svgs for found in ID.findall(text)]
    assert ids
    assert len(ids) == len(set(ids))
    for text in svgs:
        references = {url or href for url, href in REFERENCE.findall(text)}
        assert references  # the clip path, at least
        assert references <= set(ID.findall(text))


def test_every_region_with_cases_has_a_bar_inside_the_clip_the_page_gives_it(many_regions):
    with_bars = regions_with_bars(many_regions)
    assert len(with_bars) >= 8  # the <5 region, and the cell hidden beside it, draw none
    drawing = exports.region_chart(many_regions)
    charts = [exports.svg(chart(many_regions)) for chart in CHARTS[:2]]
    region = exports.svg(drawing)
    page = "".join([*charts, region])
    # As a browser does: a url(#id) means the first element of that id on the page.
    clip_id = re.search(r"clip-path: url\(#([^)]+)\)", region)[1]
    clip = re.search(
        rf'<clipPath id="{re.escape(clip_id)}">\s*<rect x="([\d.]+)" y="([\d.]+)"'
        r' width="([\d.]+)" height="([\d.]+)"',
        page,
    )
    left, bottom, width, height = (float(value) for value in clip.groups())
    bars = [[float(value) for value in bar] for bar in BAR.findall(region)]
    assert len(bars) == len(with_bars)
    for x, y, bar_width, bar_height in bars:
        assert bar_width > 0
        assert left <= x
        assert x + bar_width <= left + width
        assert bottom <= y
        assert y + bar_height <= bottom + height


def test_a_long_region_name_is_wrapped_whole_beside_the_bars(many_regions):
    drawing = exports.region_chart(many_regions)
    chart = drawing.contents[0]
    names = chart.categoryAxis.categoryNames[::-1]  # drawn bottom-up
    assert [name.replace("\n", " ") for name in names] == [
        row["label"] for row in region_rows(many_regions)
    ]
    assert "\n" in names[[row["label"] for row in region_rows(many_regions)].index(LONG_NAME)]
    for name in names:
        for line in name.split("\n"):
            # 10 of margin on the left, 5 between a name and the axis the bars start at
            assert stringWidth(line, exports.FONT, exports.FONT_SIZE) <= chart.x - 15
    text = " ".join(re.findall(r">([^<]+)</text>", exports.svg(drawing)))
    assert LONG_NAME in text


def test_every_chart_keeps_its_labels_and_figures_inside_the_drawing(many_regions):
    for chart in CHARTS:
        drawing = chart(many_regions)
        left, bottom, right, top = drawing.getBounds()
        assert left >= 0, chart.__name__
        assert right <= drawing.width, chart.__name__
        assert bottom >= 0, chart.__name__
        assert top <= drawing.height, chart.__name__


def text_runs(pdf: bytes) -> list[tuple]:
    """(page, x, y, font size, text) of each piece of text the PDF draws."""
    runs = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):

        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                x, y = cm[4] + tm[4], cm[5] + tm[5]
                runs.append((number, x, y, size * cm[0] * tm[0], text.strip()))

        page.extract_text(visitor_text=visit)
    return runs


def test_the_pdf_wraps_a_long_row_label_clear_of_its_figures(many_regions):
    label = "Confirmed (states they are a victim, or law enforcement confirms)"
    runs = text_runs(exports.pdf_bytes(many_regions))
    lines = [run for run in runs if " " in run[4] and run[4] in label]
    assert " ".join(run[4] for run in lines) == label
    page = lines[0][0]
    tops, bottoms = max(run[2] for run in lines), min(run[2] for run in lines)
    beside = [run for run in runs if run[0] == page and bottoms - 1 <= run[2] <= tops + 1]
    figures = [run for run in beside if run not in lines]
    assert figures  # the row's confirmed, prospective, total and share
    for _, x, _, size, text in lines:
        assert x + stringWidth(text, "Helvetica", size) < min(run[1] for run in figures)
