"""The learning pages' charts as HTML bar charts (`plumbing/charts.py`): a summit's
collaboration scores and a training's scores before and after. The figures are in the
tables beside them too."""

from __future__ import annotations

from ..plumbing.charts import BarChart, Figure, bar_chart

BAND_NOTE = (
    "Scores run from 1 to 5 (a full bar is 5): 4.0 and up is a strength, 3.0–3.9 "
    "borderline, under 3.0 a concern; each score says its band."
)


def scores_chart(scores: dict) -> BarChart:
    """Each factor's score, in the instrument's order, its band in words and in the bar's
    colour."""
    rows = []
    for category in scores["categories"]:
        for factor in category["factors"]:
            score, band = factor["score"], factor["band"]
            text = "no answers" if score is None else f"{score:.1f} {band}"
            rows.append((factor["name"], [Figure(score, text, band or "")]))
    count = scores["responses"]
    title = (
        f"Collaboration factor scores from {count} response{'' if count == 1 else 's'} "
        "(the figures are in the table below)"
    )
    return bar_chart(title, rows, top=5, note=BAND_NOTE)


def _percent(value: float | None) -> Figure:
    return Figure(value, "—" if value is None else f"{value:g}%")


def training_chart(outcomes: dict) -> BarChart:
    """Mean scores before and after, for everyone who took both tests and by discipline."""
    rows = [("Everyone who took both tests", outcomes)] + [
        (row["label"], row) for row in outcomes["by_discipline"]
    ]
    return bar_chart(
        "Mean score before and after the training (% correct)",
        [(label, [_percent(row["mean_pre"]), _percent(row["mean_post"])]) for label, row in rows],
        series=("Before", "After"),
        top=100,
    )
