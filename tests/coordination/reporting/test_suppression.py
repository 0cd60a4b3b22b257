"""Small-cell suppression: counts under the threshold are hidden, and so are enough other
cells that no hidden count can be worked out from the published totals."""

from fractions import Fraction

import pytest

from coordination.reporting.suppression import suppressed_cells


def _rank(matrix: list[list[Fraction]]) -> int:
    rows = [row[:] for row in matrix]
    rank, columns = 0, len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def recoverable(grid, hidden, *, totals_row=True) -> set:
    """Hidden cells an attacker can solve for exactly from the published cells: each line
    (a row, or a column when there is a total row) says its inner cells sum to its total."""
    n_rows, n_cols = len(grid), len(grid[0])
    unknowns = sorted(hidden)
    lines = [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
    if totals_row:
        lines += [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
    equations = []
    for line in lines:
        *inner, total = line
        coefficients = {cell: Fraction(1) for cell in inner}
        coefficients[total] = coefficients.get(total, 0) - 1
        equations.append([coefficients.get(cell, Fraction(0)) for cell in unknowns])
    base = _rank(equations)
    found = set()
    for index, cell in enumerate(unknowns):
        probe = [Fraction(int(k == index)) for k in range(len(unknowns))]
        if _rank([*equations, probe]) == base:
            found.add(cell)
    return found


def primary_only(grid, threshold=5):
    return {
        (i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if 0 < value < threshold
    }


# rows: categories then the total row; columns: confirmed, prospective, total
UNDONE_BY_TOTALS = [
    [3, 10, 13],
    [20, 7, 27],
    [40, 12, 52],
    [63, 29, 92],
]


def test_primary_suppression_alone_can_be_undone_from_the_totals():
    hidden = primary_only(UNDONE_BY_TOTALS)
    assert hidden == {(0, 0)}
    assert recoverable(UNDONE_BY_TOTALS, hidden) == {(0, 0)}  # 13 - 10 = 3


def test_complementary_suppression_leaves_nothing_to_work_out():
    hidden = suppressed_cells(UNDONE_BY_TOTALS, 5)
    assert (0, 0) in hidden
    assert len(hidden) >= 4  # a rectangle at least
    assert recoverable(UNDONE_BY_TOTALS, hidden) == set()
    assert all(UNDONE_BY_TOTALS[i][j] for i, j in hidden)  # zeros need no hiding


@pytest.mark.parametrize(
    "grid",
    [
        [[173, 0, 173], [23, 0, 23], [10, 0, 10], [206, 0, 206]],  # nothing small
        [[2, 0, 2], [40, 1, 41], [42, 1, 43]],  # small totals too
        [[4, 3, 7], [6, 2, 8], [1, 50, 51], [11, 55, 66]],
        [[0, 0, 0], [3, 0, 3], [9, 0, 9], [12, 0, 12]],
        [[120, 4, 124], [0, 0, 0], [120, 4, 124]],  # a small column total
    ],
)
def test_no_hidden_count_can_be_worked_out(grid):
    hidden = suppressed_cells(grid, 5)
    assert primary_only(grid) <= hidden
    assert recoverable(grid, hidden) == set()


def test_a_table_without_small_cells_is_published_whole():
    assert suppressed_cells([[173, 0, 173], [33, 0, 33], [206, 0, 206]], 5) == set()


def test_rows_without_a_total_row():
    trend = [[150, 3, 153], [200, 40, 240]]
    hidden = suppressed_cells(trend, 5, totals_row=False)
    assert {(0, 1), (0, 0)} <= hidden
    assert recoverable(trend, hidden, totals_row=False) == set()


def test_the_trend_hides_the_years_totals_that_its_tables_hide(world):
    """Region X: 7 confirmed, 3 prospective; region Y: 20 prospective. The year's tables
    hide X's 3 and, to protect it, the year's confirmed and prospective totals; the trend
    must not show them, or X's 3 could be worked out (10 - 7)."""
    from coordination.models import Parish, Region
    from coordination.reporting.report import annual_report
    from tests.coordination.reporting import case_rows, open_year, providers, submit

    x, y = Region.objects.create(name="X", slug="x"), Region.objects.create(name="Y", slug="y")
    in_x, in_y = Parish.objects.all()[:2]
    in_x.region, in_y.region = x, y
    in_x.save()
    in_y.save()
    (agency,) = providers(1)
    cycle = open_year(world.users["state_admin"], 2020, [agency])
    rows = case_rows([(7, "sex", "confirmed", True), (3, "sex", "prospective", True)], in_x)
    rows += case_rows([(20, "sex", "prospective", True)], in_y, start=100)
    submit(agency, cycle, rows, [in_x, in_y])
    report = annual_report(cycle, suppress=True)
    headline = report.headline()
    (trend,) = report.trend
    assert any(isinstance(value, str) for value in headline.values())  # the case at hand
    for column in ("confirmed", "prospective", "total"):
        if isinstance(headline[column], str):
            assert isinstance(trend[column], str), (column, trend)
