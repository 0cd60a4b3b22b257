"""Small-cell suppression for published statistics.

A count of people above zero but under the threshold is hidden (primary suppression).
Hiding one cell is not enough where totals are published: a row or column with exactly one
hidden entry gives it away by subtraction. So, until no line has exactly one hidden entry,
another entry of that line is hidden too (complementary suppression) — the smallest
non-zero inner cell, or the line's total when no inner cell is left. A table is a grid
whose last column holds the row totals and, when it has one, whose last row holds the
column totals.
"""

from __future__ import annotations

from collections.abc import Iterable

Cell = tuple[int, int]


def _lines(n_rows: int, n_cols: int, totals_row: bool) -> list[list[Cell]]:
    rows = [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
    if not totals_row:
        return rows
    return rows + [[(i, j) for i in range(n_rows)] for j in range(n_cols)]


def suppressed_cells(
    grid: list[list[int]],
    threshold: int,
    *,
    totals_row: bool = True,
    also_hidden: Iterable[Cell] = (),
) -> set[Cell]:
    """The cells of `grid` to hide. `also_hidden` are cells that must be hidden whatever
    their value (a margin hidden in another table that publishes the same figure)."""
    n_rows, n_cols = len(grid), len(grid[0]) if grid else 0
    hidden = {(i, j) for i in range(n_rows) for j in range(n_cols) if 0 < grid[i][j] < threshold}
    hidden |= set(also_hidden)
    last_row, last_col = (n_rows - 1 if totals_row else None), n_cols - 1

    def is_total(cell: Cell) -> bool:
        return cell[0] == last_row or cell[1] == last_col

    lines = _lines(n_rows, n_cols, totals_row)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) != 1:
                continue
            candidates = [cell for cell in line if cell not in hidden and grid[cell[0]][cell[1]]]
            if not candidates:
                continue  # every other entry is zero: nothing to hide it among
            hidden.add(min(candidates, key=lambda cell: (is_total(cell), grid[cell[0]][cell[1]])))
            changed = True
    return hidden
