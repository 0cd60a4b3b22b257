"""Bar charts on the web pages, drawn in HTML and CSS (`includes/bar_chart.html`): their
text is the page's own, so it keeps the page's size on a phone and on a laptop, wraps
instead of being cut, and a screen reader reads it as a list. Each row is a label, a bar
whose length is the value's share of the chart's top, and the value in words; a chart of
several series (before and after, confirmed and prospective) shows grouped bars, each
named in words beside its figure, with a legend. The PDF exports keep their reportlab
drawings (`reporting/exports.py`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One value to draw: a number draws a bar; anything else (a published mark such as
    "<5" or "*", or None) draws none, and only its text is shown."""

    value: Any
    text: str | None = None
    tone: str = ""  # a CSS modifier of the bar (a band), always said in `text` too


@dataclass(frozen=True)
class Bar:
    text: str
    share: float  # 0–1 of the chart's top; 0 draws no bar
    series: int = 0
    name: str = ""  # the series, in words (grouped charts)
    tone: str = ""

    @property
    def width(self) -> str:
        """The share for the `--share` custom property (a dot decimal whatever the locale)."""
        return f"{self.share:.4f}"


@dataclass(frozen=True)
class Row:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    title: str
    rows: tuple[Row, ...]
    series: tuple[str, ...] = ()
    note: str = ""  # how to read the bars ("a full bar is an hour or more")

    @property
    def grouped(self) -> bool:
        return len(self.series) > 1


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _figure(value: Any) -> Figure:
    return value if isinstance(value, Figure) else Figure(value)


def bar_chart(
    title: str,
    rows: Iterable[tuple[str, Sequence[Any]]],
    *,
    series: Sequence[str] = (),
    top: float | None = None,
    note: str = "",
) -> BarChart:
    """A chart of `rows`, each (label, values): one value a series, in the order of
    `series` (a single value needs no series). A value is a number, a mark, None or a
    `Figure` with its own text. Bars are drawn against `top`, or the largest value; a
    value beyond `top` draws a full bar."""
    rows = [(str(label), [_figure(value) for value in values]) for label, values in rows]
    numbers = [_number(figure.value) or 0.0 for _, figures in rows for figure in figures]
    scale = top if top is not None else max(numbers, default=0.0)
    built = []
    for label, figures in rows:
        bars = []
        for index, figure in enumerate(figures):
            number = _number(figure.value)
            share = min(max(number or 0.0, 0.0) / scale, 1.0) if scale > 0 else 0.0
            text = figure.text if figure.text is not None else _text(figure.value)
            name = series[index] if len(series) > 1 else ""
            bars.append(Bar(text, share, index, name, figure.tone))
        built.append(Row(label, tuple(bars)))
    return BarChart(title, tuple(built), tuple(series), note)


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
