"""Where the grid, its cells and its labels sit for a given scene size."""

from __future__ import annotations

from dataclasses import dataclass

from ldboard.domain.matrix import SCORES, Box

LEFT = 118.0  # impact tick labels and axis title
RIGHT = 16.0
TOP = 44.0  # title
BOTTOM = 92.0  # effort tick labels, axis title, legend
CELL_HEADER = 18.0  # per-cell strip: quadrant name in the corners, item count
MINIMUM_SIZE = (640.0, 480.0)


@dataclass(frozen=True, slots=True)
class MatrixGeometry:
    width: float
    height: float

    @classmethod
    def for_size(cls, width: float, height: float) -> MatrixGeometry:
        return cls(max(width, MINIMUM_SIZE[0]), max(height, MINIMUM_SIZE[1]))

    @property
    def grid(self) -> Box:
        return Box(LEFT, TOP, self.width - LEFT - RIGHT, self.height - TOP - BOTTOM)

    @property
    def cell_width(self) -> float:
        return self.grid.width / len(SCORES)

    @property
    def cell_height(self) -> float:
        return self.grid.height / len(SCORES)

    def cell(self, impact: int, effort: int) -> Box:
        """Effort grows to the right, impact grows upwards."""
        grid = self.grid
        return Box(
            grid.x + (effort - 1) * self.cell_width,
            grid.y + (len(SCORES) - impact) * self.cell_height,
            self.cell_width,
            self.cell_height,
        )

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The (impact, effort) cell under a point, or ``None`` outside the grid."""
        grid = self.grid
        if not (grid.x <= x < grid.right and grid.y <= y < grid.bottom):
            return None
        effort = int((x - grid.x) // self.cell_width) + 1
        impact = len(SCORES) - int((y - grid.y) // self.cell_height)
        return impact, effort
