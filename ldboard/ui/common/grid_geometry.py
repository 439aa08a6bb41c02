"""Where a 5×5 grid, its cells and its margins sit for a given scene size.

Rows grow upwards and columns to the right, both numbered 1–5, as the axes of
the impact/effort matrix and the stakeholder map read.
"""

from __future__ import annotations

from dataclasses import dataclass

from ldboard.domain.matrix import SCORES, Box

Cell = tuple[int, int]  # (row, column), 1–5 each


@dataclass(frozen=True, slots=True)
class Margins:
    """Room around the grid for the title, the axis labels and a legend."""

    left: float = 118.0
    right: float = 16.0
    top: float = 44.0
    bottom: float = 92.0


@dataclass(frozen=True, slots=True)
class GridGeometry:
    width: float
    height: float
    margins: Margins = Margins()

    @classmethod
    def for_size(
        cls,
        width: float,
        height: float,
        margins: Margins = Margins(),
        minimum: tuple[float, float] = (640.0, 480.0),
    ) -> GridGeometry:
        return cls(max(width, minimum[0]), max(height, minimum[1]), margins)

    @property
    def grid(self) -> Box:
        m = self.margins
        return Box(m.left, m.top, self.width - m.left - m.right, self.height - m.top - m.bottom)

    @property
    def cell_width(self) -> float:
        return self.grid.width / len(SCORES)

    @property
    def cell_height(self) -> float:
        return self.grid.height / len(SCORES)

    def cell(self, row: int, column: int) -> Box:
        """Columns grow to the right, rows grow upwards."""
        grid = self.grid
        return Box(
            grid.x + (column - 1) * self.cell_width,
            grid.y + (len(SCORES) - row) * self.cell_height,
            self.cell_width,
            self.cell_height,
        )

    def cell_at(self, x: float, y: float) -> Cell | None:
        """The (row, column) cell under a point, or ``None`` outside the grid."""
        grid = self.grid
        if not (grid.x <= x < grid.right and grid.y <= y < grid.bottom):
            return None
        column = int((x - grid.x) // self.cell_width) + 1
        row = len(SCORES) - int((y - grid.y) // self.cell_height)
        return row, column
