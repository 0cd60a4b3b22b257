"""The pages' bar charts (coordination/plumbing/charts.py, issue 21): a bar's length is
its value's share of the chart's top; a published mark draws no bar but shows its text;
a grouped chart names each bar's series in words."""

from django.template.loader import render_to_string

from coordination.plumbing.charts import Figure, bar_chart


def test_a_bar_is_its_share_of_the_largest_value_and_a_mark_draws_none():
    chart = bar_chart("Cases by region, 2024", [("North", [40]), ("South", [10]), ("East", ["<5"])])
    north, south, east = (row.bars[0] for row in chart.rows)
    assert (north.share, south.share, east.share) == (1.0, 0.25, 0.0)
    assert (north.text, east.text) == ("40", "<5")
    assert not chart.grouped


def test_a_given_top_caps_the_bars_and_a_figure_keeps_its_own_words():
    chart = bar_chart(
        "Mean minutes to acknowledge",
        [("North", [Figure(90, "90 min")]), ("South", [Figure(None, "no acknowledgements")])],
        top=60,
    )
    north, south = (row.bars[0] for row in chart.rows)
    assert (north.share, north.text) == (1.0, "90 min")
    assert (south.share, south.text) == (0.0, "no acknowledgements")


def test_a_grouped_chart_names_each_series_beside_its_figure():
    chart = bar_chart(
        "Mean score before and after", [("Everyone", [40, 80])], series=("Before", "After"), top=100
    )
    html = render_to_string("includes/bar_chart.html", {"chart": chart})
    assert chart.grouped
    assert "Before: 40" in html
    assert "After: 80" in html
    assert html.count('class="bar-swatch') == 2  # the legend
    assert 'style="--share: 0.8000"' in html


def test_nothing_to_draw_draws_no_bar():
    chart = bar_chart("Cases reported each year", [("2024", [0]), ("2025", [None])])
    html = render_to_string("includes/bar_chart.html", {"chart": chart})
    assert 'class="bar ' not in html
    assert "—" in html  # no figure says so
