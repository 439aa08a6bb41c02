"""The matrix as a graphics scene: initiatives on the shared 5×5 grid.

``ui/common/grid_scene.GridScene`` lays chips out, packs crowded cells behind a
"+N more" chip and turns a chip dropped on another cell into a move; this
subclass says what the matrix shows: cards by impact (rows) and effort
(columns), quadrants from the board's thresholds with their totals, stage
colours and their legend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from ldboard.domain.cards import Card
from ldboard.domain.matrix import SCORES, Box, QuadrantTotals, quadrant_totals
from ldboard.domain.rules import EFFORT_NAMES, IMPACT_NAMES, Quadrant, Thresholds, quadrant
from ldboard.ui.common import theme
from ldboard.ui.common.grid_geometry import Cell
from ldboard.ui.common.grid_items import GridChip
from ldboard.ui.common.grid_scene import GridScene
from ldboard.ui.matrix.geometry import MARGINS, MINIMUM_SIZE
from ldboard.ui.matrix.items import ChipItem

#: Where each quadrant's name is written: its outermost cell.
QUADRANT_CORNERS = {
    Quadrant.QUICK_WINS: (5, 1),
    Quadrant.BIG_BETS: (5, 5),
    Quadrant.FILL_INS: (1, 1),
    Quadrant.MONEY_PITS: (1, 5),
}
QUADRANT_FILLS = {
    Quadrant.QUICK_WINS: QColor("#ecfdf3"),
    Quadrant.BIG_BETS: QColor("#eef4ff"),
    Quadrant.FILL_INS: QColor("#f6f7f9"),
    Quadrant.MONEY_PITS: QColor("#fff1f1"),
}


class MatrixScene(GridScene):
    rescore_requested = Signal(int, int, int)  # item id, impact, effort

    MARGINS = MARGINS
    MINIMUM_SIZE = MINIMUM_SIZE
    NOUN = "initiatives"

    def __init__(self, font: QFont, parent: object | None = None) -> None:
        super().__init__(font, parent)
        self.thresholds = Thresholds()
        self.title = "Impact / effort"
        self.today = date.today()
        self._stages: dict[int, tuple[int, str]] = {}
        self._totals: dict[Quadrant, QuadrantTotals] = {}
        #: Whether cells are ordered by the weighted score (set by the page
        #: from the board's choice of score, before the cards).
        self.by_weighted_score = False
        #: Reads an item's hypothesis for its tooltip (set by the page).
        self.hypothesis_of: Callable[[int], str] = lambda _item_id: ""

    # --- what an entry is --------------------------------------------------------------

    def entry_id(self, entry: Any) -> int:
        return entry.id

    def entry_cell(self, entry: Any) -> Cell | None:
        if entry.impact in SCORES and entry.effort in SCORES:
            return entry.impact, entry.effort
        return None

    def entry_order(self, entry: Any) -> tuple[int, float, int, float]:
        """Within a cell, cards keep their board order (stage, then priority),
        unless the board prioritises by the weighted score: then the best
        weighted score comes first (all cards in a cell share impact and effort,
        so only the evidence — audience, risk, cost of inaction — tells them
        apart), ties and cards without one keeping the board order."""
        stage = self._stages.get(entry.column_id, (999, ""))[0]
        weighted = entry.weighted if self.by_weighted_score else None
        if weighted is None:
            return 1 if self.by_weighted_score else 0, 0.0, stage, entry.rank
        return 0, -weighted, stage, entry.rank

    def make_chip(self, entry: Any) -> GridChip:
        position, stage = self._stages.get(entry.column_id, (0, ""))
        return ChipItem(entry, theme.stage_color(position), stage, self.small_font)

    def refresh_chip(self, chip: GridChip, entry: Any) -> None:
        assert isinstance(chip, ChipItem)
        position, stage = self._stages.get(entry.column_id, (0, ""))
        chip.set_card(entry, theme.stage_color(position), stage)

    def request_move(self, entry_id: int, row: int, column: int) -> None:
        self.rescore_requested.emit(entry_id, row, column)

    # --- what is shown ---------------------------------------------------------------

    def set_stages(self, stages: Mapping[int, tuple[int, str]]) -> None:
        """Stage of each column id: (position on the board, name)."""
        self._stages = dict(stages)
        self.invalidate()

    def set_thresholds(self, thresholds: Thresholds) -> None:
        self.thresholds = thresholds
        self.invalidate()

    def set_cards(self, cards: Iterable[Card]) -> None:
        """Show exactly these cards (scored ones in their cells; others are ignored)."""
        self.set_entries(cards)

    def update_cards(self, changed: Mapping[int, Card | None]) -> None:
        """Cards that changed: their new state, or ``None`` if they no longer show."""
        self.update_entries(changed)

    def repaint_cells(self, cells: Iterable[Cell]) -> None:
        """The touched cells, and the quadrant labels, whose totals follow every cell."""
        super().repaint_cells(cells)
        for corner in QUADRANT_CORNERS.values():
            self.update(self.header_rect(self.geometry.cell(*corner)))

    # --- queries (views, dialogs and tests) -----------------------------------------------

    def cell_cards(self, impact: int, effort: int) -> list[Card]:
        return self.entries(impact, effort)

    def hidden_cards(self, impact: int, effort: int) -> list[Card]:
        return self.hidden_entries(impact, effort)

    def totals(self) -> dict[Quadrant, QuadrantTotals]:
        return quadrant_totals(self.counts(), self.thresholds)

    # --- painting --------------------------------------------------------------------------

    def cell_fill(self, row: int, column: int) -> QColor:
        found = quadrant(row, column, self.thresholds)
        assert found is not None
        return QUADRANT_FILLS[found]

    def splits(self) -> Cell:
        return self.thresholds.impact, self.thresholds.effort

    def paint_headers(self, painter: QPainter, exposed: QRectF) -> None:
        self._totals = self.totals()  # once per paint, not once per cell
        super().paint_headers(painter, exposed)

    def paint_cell_header(self, painter: QPainter, box: Box, row: int, column: int) -> None:
        super().paint_cell_header(painter, box, row, column)  # the count
        found = quadrant(row, column, self.thresholds)
        assert found is not None
        if QUADRANT_CORNERS[found] != (row, column):
            return
        # A quadrant's corner cell is always its own, whatever the thresholds (2 to 5).
        header = self.header_box(box)
        count = len(self.entries(row, column))
        metrics = QFontMetricsF(self.small_font)
        count_width = metrics.horizontalAdvance(str(count)) + 8 if count else 0.0
        room = header.width() - count_width
        name_width = QFontMetricsF(self.bold_font).horizontalAdvance(found.label)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setFont(self.bold_font)
        painter.setPen(theme.QUADRANT_COLORS[found][1])
        painter.drawText(header, left, found.label)
        total = self._totals.get(found, QuadrantTotals())
        for detail in (
            f"{total.count} items · {total.effort} effort",
            f"{total.count} · {total.effort} effort",
            f"{total.count} · Σ{total.effort}",
        ):
            if name_width + 8 + metrics.horizontalAdvance(detail) <= room:
                painter.setFont(self.small_font)
                painter.drawText(header.adjusted(name_width + 8, 0, 0, 0), left, detail)
                break

    def paint_margins(self, painter: QPainter) -> None:
        self.paint_axes(
            painter,
            lambda score: f"{score}\n{IMPACT_NAMES[score]}",
            lambda score: f"{score} · {EFFORT_NAMES[score]}",
            "Impact →",
            "Effort →",
        )
        self.paint_title(painter, f"{self.today.day} {self.today:%b %Y}")
        self._paint_legend(painter)

    def _paint_legend(self, painter: QPainter) -> None:
        """The stage colours, along the bottom."""
        metrics = QFontMetricsF(self.small_font)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setFont(self.small_font)
        x = self.geometry.grid.x
        y = self.geometry.height - 26
        for position, name in sorted(self._stages.values()):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.stage_color(position))
            painter.drawRoundedRect(QRectF(x, y + 4, 12, 12), 3, 3)
            painter.setPen(theme.MUTED_TEXT)
            painter.drawText(QRectF(x + 16, y, 400, 20), left, name)
            x += 16 + metrics.horizontalAdvance(name) + 18
