"""The impact/effort matrix: which cell an item sits in, and how chips fill a cell.

Kept free of Qt so the packing rules (no overlap, nothing silently dropped,
nothing outside the cell) are tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ldboard.domain.rules import Quadrant, Thresholds, quadrant

SCORES = range(1, 6)

#: ``meta`` keys of the board's matrix thresholds (see docs/file-format.md).
IMPACT_THRESHOLD_KEY = "matrix_impact_threshold"
EFFORT_THRESHOLD_KEY = "matrix_effort_threshold"


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle: ``x``, ``y`` is the top-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, other: Box) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right + 1e-9
            and other.bottom <= self.bottom + 1e-9
        )

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )


@dataclass(frozen=True, slots=True)
class CellPacking:
    """Where the chips of one cell go.

    ``slots`` hold the first ``len(slots)`` items in order; the rest
    (``hidden``) are counted on the "+N more" chip at ``overflow``.
    """

    slots: tuple[Box, ...]
    overflow: Box | None
    hidden: int


def pack_cell(
    cell: Box,
    count: int,
    *,
    chip_width: float,
    chip_height: float,
    gap: float = 4.0,
    padding: float = 6.0,
    top: float = 0.0,
) -> CellPacking:
    """Lay out ``count`` chips in rows inside ``cell``, keeping ``top`` free for a label.

    Chips stretch so a row fills the cell's width. When they do not all fit,
    the last place shows "+N more" for the ones left out.
    """
    inner = Box(
        cell.x + padding,
        cell.y + padding + top,
        max(0.0, cell.width - 2 * padding),
        max(0.0, cell.height - 2 * padding - top),
    )
    if count <= 0:
        return CellPacking((), None, 0)
    columns = int((inner.width + gap) // (chip_width + gap))
    rows = int((inner.height + gap) // (chip_height + gap))
    capacity = columns * rows
    if capacity <= 0:
        return CellPacking((), inner if inner.width and inner.height else None, count)
    width = (inner.width - (columns - 1) * gap) / columns
    places = [
        Box(
            inner.x + column * (width + gap),
            inner.y + row * (chip_height + gap),
            width,
            chip_height,
        )
        for row in range(rows)
        for column in range(columns)
    ]
    if count <= capacity:
        return CellPacking(tuple(places[:count]), None, 0)
    shown = capacity - 1
    return CellPacking(tuple(places[:shown]), places[shown], count - shown)


def cell_of(impact: int | None, effort: int | None) -> tuple[int, int] | None:
    """The (impact, effort) cell of an item; ``None`` while it is not scored."""
    if impact in SCORES and effort in SCORES:
        return impact, effort  # type: ignore[return-value]
    return None


@dataclass(frozen=True, slots=True)
class QuadrantTotals:
    count: int = 0
    effort: int = 0


def cell_counts(scores: Iterable[tuple[int | None, int | None]]) -> dict[tuple[int, int], int]:
    """How many scored items sit in each (impact, effort) cell."""
    counts: dict[tuple[int, int], int] = {}
    for impact, effort in scores:
        cell = cell_of(impact, effort)
        if cell is not None:
            counts[cell] = counts.get(cell, 0) + 1
    return counts


def quadrant_totals(
    counts: Mapping[tuple[int, int], int], thresholds: Thresholds
) -> dict[Quadrant, QuadrantTotals]:
    """Items per quadrant and their summed effort, from per-cell counts (25 cells
    at most, however many items the board holds)."""
    items = {q: 0 for q in Quadrant}
    efforts = {q: 0 for q in Quadrant}
    for (impact, effort), count in counts.items():
        found = quadrant(impact, effort, thresholds)
        if found is not None:
            items[found] += count
            efforts[found] += effort * count
    return {q: QuadrantTotals(items[q], efforts[q]) for q in Quadrant}


def thresholds_from_meta(impact: str | None, effort: str | None) -> Thresholds:
    """The board's thresholds from its ``meta`` values, falling back to the defaults
    for missing or unreadable values."""
    default = Thresholds()
    return Thresholds(
        impact=_score_or(impact, default.impact),
        effort=_score_or(effort, default.effort),
    )


def _score_or(value: str | None, fallback: int) -> int:
    try:
        number = int(value) if value is not None else fallback
    except ValueError:
        return fallback
    return number if 2 <= number <= 5 else fallback
