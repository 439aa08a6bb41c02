"""The matrix as a graphics scene.

The grid, quadrant shading, axes, title and legend are painted as the scene's
background; only chips are items, and a cell shows only as many chips as fit
(the rest are counted on a "+N more" chip), so even a 10,000-item board keeps
a few hundred items at most. A change to some cards relays out only the cells
they left or entered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from ldboard.domain.cards import Card
from ldboard.domain.matrix import SCORES, Box, QuadrantTotals, pack_cell, quadrant_totals
from ldboard.domain.rules import EFFORT_NAMES, IMPACT_NAMES, Quadrant, Thresholds, quadrant
from ldboard.ui.common import theme
from ldboard.ui.matrix.geometry import CELL_HEADER, MatrixGeometry
from ldboard.ui.matrix.items import CHIP_HEIGHT, CHIP_MIN_WIDTH, ChipItem, OverflowItem

Cell = tuple[int, int]

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


class MatrixScene(QGraphicsScene):
    rescore_requested = Signal(int, int, int)  # item id, impact, effort
    open_requested = Signal(int)
    overflow_requested = Signal(int, int)  # impact, effort

    def __init__(self, font: QFont, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        #: A read-only board is shown, never rescored: chips do not move.
        self.read_only = False
        self.geometry = MatrixGeometry.for_size(900, 640)
        self.thresholds = Thresholds()
        self.title = "Impact / effort"
        self.today = date.today()
        self._stages: dict[int, tuple[int, str]] = {}
        self._cells: dict[Cell, list[Card]] = {}
        self._cell_of: dict[int, Cell] = {}
        self._chips: dict[int, ChipItem] = {}
        self._overflow: dict[Cell, OverflowItem] = {}
        self._highlight: Cell | None = None
        #: Reads an item's hypothesis for its tooltip (set by the page).
        self.hypothesis_of: Callable[[int], str] = lambda _item_id: ""
        self._font = QFont(font)
        self._small = QFont(font)
        self._small.setPointSizeF(max(7.5, font.pointSizeF() * 0.86))
        self._bold = QFont(font)
        self._bold.setWeight(QFont.Weight.DemiBold)
        self._title_font = QFont(font)
        self._title_font.setPointSizeF(font.pointSizeF() * 1.25)
        self._title_font.setWeight(QFont.Weight.DemiBold)
        self.setSceneRect(0, 0, self.geometry.width, self.geometry.height)

    # --- what is shown ---------------------------------------------------------------

    def set_stages(self, stages: Mapping[int, tuple[int, str]]) -> None:
        """Stage of each column id: (position on the board, name)."""
        self._stages = dict(stages)
        self.invalidate()

    def set_size(self, width: float, height: float) -> None:
        geometry = MatrixGeometry.for_size(width, height)
        if geometry == self.geometry:
            return
        self.geometry = geometry
        self.setSceneRect(0, 0, geometry.width, geometry.height)
        self._layout(self._cells.keys())
        self.invalidate()

    def set_thresholds(self, thresholds: Thresholds) -> None:
        self.thresholds = thresholds
        self.invalidate()

    def set_cards(self, cards: Iterable[Card]) -> None:
        """Show exactly these cards (scored ones in their cells; others are ignored)."""
        previous = set(self._cells)
        self._cells = {}
        self._cell_of = {}
        for card in cards:
            cell = _cell(card)
            if cell is not None:
                self._cells.setdefault(cell, []).append(card)
                self._cell_of[card.id] = cell
        for cell_cards in self._cells.values():
            cell_cards.sort(key=self._order)
        self._layout(previous | set(self._cells))
        self.update()

    def update_cards(self, changed: Mapping[int, Card | None]) -> None:
        """Cards that changed: their new state, or ``None`` if they no longer show."""
        touched: set[Cell] = set()
        for item_id, card in changed.items():
            old = self._cell_of.pop(item_id, None)
            if old is not None:
                self._cells[old] = [c for c in self._cells[old] if c.id != item_id]
                touched.add(old)
            new = _cell(card) if card is not None else None
            if card is not None and new is not None:
                self._cells.setdefault(new, []).append(card)
                self._cells[new].sort(key=self._order)
                self._cell_of[item_id] = new
                touched.add(new)
        for cell in [c for c in touched if not self._cells.get(c)]:
            self._cells.pop(cell, None)
        self._layout(touched)
        self._repaint_cells(touched)

    def _repaint_cells(self, cells: Iterable[Cell]) -> None:
        """Repaint only what a change can alter: the touched cells' counts and the
        quadrant labels, whose totals follow every cell. Both are foreground, so
        the cached background (grid, axes, legend) stays valid."""
        for cell in cells:
            self.update(_rect(self.geometry.cell(*cell)))
        for corner in QUADRANT_CORNERS.values():
            self.update(self._header_rect(self.geometry.cell(*corner)))

    def _order(self, card: Card) -> tuple[int, float]:
        """Within a cell, cards keep their board order: stage, then priority."""
        return self._stages.get(card.column_id, (999, ""))[0], card.rank

    # --- queries (views, dialogs and tests) -----------------------------------------------

    def cell_cards(self, impact: int, effort: int) -> list[Card]:
        return list(self._cells.get((impact, effort), ()))

    def hidden_cards(self, impact: int, effort: int) -> list[Card]:
        overflow = self._overflow.get((impact, effort))
        if overflow is None or not overflow.isVisible():
            return []
        cards = self._cells.get((impact, effort), [])
        return cards[len(cards) - overflow.hidden :]

    def chip(self, item_id: int) -> ChipItem | None:
        chip = self._chips.get(item_id)
        return chip if chip is not None and chip.isVisible() else None

    def chips(self) -> list[ChipItem]:
        return [chip for chip in self._chips.values() if chip.isVisible()]

    def overflow_item(self, impact: int, effort: int) -> OverflowItem | None:
        item = self._overflow.get((impact, effort))
        return item if item is not None and item.isVisible() else None

    def cell_of(self, item_id: int) -> Cell | None:
        return self._cell_of.get(item_id)

    def totals(self) -> dict[Quadrant, QuadrantTotals]:
        counts = {cell: len(cards) for cell, cards in self._cells.items()}
        return quadrant_totals(counts, self.thresholds)

    def cell_at(self, point: QPointF) -> Cell | None:
        return self.geometry.cell_at(point.x(), point.y())

    def cell_center(self, impact: int, effort: int) -> QPointF:
        box = self.geometry.cell(impact, effort)
        return QPointF(box.x + box.width / 2, box.y + box.height / 2)

    # --- layout ------------------------------------------------------------------------

    def _layout(self, cells: Iterable[Cell]) -> None:
        for cell in set(cells):
            self._layout_cell(cell)

    def _layout_cell(self, cell: Cell) -> None:
        cards = self._cells.get(cell, [])
        box = self.geometry.cell(*cell)
        packing = pack_cell(
            box,
            len(cards),
            chip_width=CHIP_MIN_WIDTH,
            chip_height=CHIP_HEIGHT,
            gap=4,
            padding=5,
            top=CELL_HEADER,
        )
        shown = cards[: len(packing.slots)]
        for card, slot in zip(shown, packing.slots, strict=True):
            chip = self._chips.get(card.id)
            position, stage = self._stages.get(card.column_id, (0, ""))
            color = theme.stage_color(position)
            if chip is None:
                chip = self._chips[card.id] = ChipItem(card, color, stage, self._small)
                self.addItem(chip)
            else:
                chip.set_card(card, color, stage)
            chip.setPos(slot.x, slot.y)
            chip.set_size(slot.width, slot.height)
            chip.setVisible(True)
        shown_ids = {card.id for card in shown}
        for item_id, chip in list(self._chips.items()):
            if item_id in shown_ids:
                continue
            if self._cell_of.get(item_id) == cell or item_id not in self._cell_of:
                self._drop_chip(item_id, chip)
        self._layout_overflow(cell, packing.overflow, packing.hidden)

    def _drop_chip(self, item_id: int, chip: ChipItem) -> None:
        if chip.dragging:
            return
        del self._chips[item_id]
        self.removeItem(chip)
        chip.deleteLater()

    def _layout_overflow(self, cell: Cell, place: Box | None, hidden: int) -> None:
        item = self._overflow.get(cell)
        if place is None or hidden == 0:
            if item is not None:
                item.setVisible(False)
            return
        if item is None:
            item = self._overflow[cell] = OverflowItem(cell[0], cell[1], self._small)
            item.clicked.connect(self.overflow_requested)
            self.addItem(item)
        item.set_hidden(hidden, place.width, place.height)
        item.setPos(place.x, place.y)
        item.setVisible(True)

    # --- dragging chips -------------------------------------------------------------------

    def chip_dragged(self, chip: ChipItem, point: QPointF) -> None:
        self.drop_highlight(self.cell_at(point))

    def chip_released(self, chip: ChipItem, point: QPointF) -> None:
        """Rescore for the cell under the pointer, or put the chip back."""
        target = self.cell_at(point)
        self.drop_highlight(None)
        origin = self._cell_of.get(chip.card_id)
        if target is not None and target != origin:
            self.rescore_requested.emit(chip.card_id, target[0], target[1])
        if self._cell_of.get(chip.card_id) == origin and origin is not None:
            self._layout_cell(origin)  # not rescored (same cell, outside, or refused)

    def drop_highlight(self, cell: Cell | None) -> None:
        """Mark the cell a dragged chip (or list entry) would land on."""
        if cell == self._highlight:
            return
        for old_or_new in (self._highlight, cell):
            if old_or_new is not None:
                self.update(_rect(self.geometry.cell(*old_or_new)))
        self._highlight = cell

    # --- painting --------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF | object) -> None:
        # Exports render background and items with one painter: leave its state as found.
        exposed = rect if isinstance(rect, QRectF) and not rect.isEmpty() else self.sceneRect()
        painter.save()
        try:
            self._paint_background(painter, exposed)
        finally:
            painter.restore()

    def _paint_background(self, painter: QPainter, exposed: QRectF) -> None:
        """Paint only what the exposed area touches: a rescore repaints a few cells."""
        painter.fillRect(exposed, theme.CARD_BACKGROUND)
        geometry = self.geometry
        for impact in SCORES:
            for effort in SCORES:
                box = geometry.cell(impact, effort)
                if not _rect(box).intersects(exposed):
                    continue
                found = quadrant(impact, effort, self.thresholds)
                assert found is not None
                painter.fillRect(_rect(box), QUADRANT_FILLS[found])
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(exposed)
        self._paint_grid(painter)
        if not _rect(geometry.grid).contains(exposed):
            self._paint_axes(painter)
            self._paint_title_and_legend(painter)

    def drawForeground(self, painter: QPainter, rect: QRectF | object) -> None:
        """Cell counts and quadrant labels (they change with every rescore, so they
        are not part of the cached background), then the drop highlight."""
        exposed = rect if isinstance(rect, QRectF) and not rect.isEmpty() else self.sceneRect()
        painter.save()
        try:
            self._paint_headers(painter, exposed)
            self._paint_highlight(painter)
        finally:
            painter.restore()

    def _paint_headers(self, painter: QPainter, exposed: QRectF) -> None:
        totals = self.totals()
        for impact in SCORES:
            for effort in SCORES:
                box = self.geometry.cell(impact, effort)
                if self._header_rect(box).intersects(exposed):
                    found = quadrant(impact, effort, self.thresholds)
                    assert found is not None
                    self._paint_cell_header(painter, box, impact, effort, found, totals)

    def _header_rect(self, box: Box) -> QRectF:
        return QRectF(box.x, box.y, box.width, CELL_HEADER + 4)

    def _paint_highlight(self, painter: QPainter) -> None:
        if self._highlight is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = _rect(self.geometry.cell(*self._highlight)).adjusted(2, 2, -2, -2)
        painter.setPen(QPen(theme.SELECTION, 3))
        fill = QColor(theme.SELECTION)
        fill.setAlpha(25)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 6, 6)

    def _paint_cell_header(
        self,
        painter: QPainter,
        box: Box,
        impact: int,
        effort: int,
        found: Quadrant,
        totals: dict[Quadrant, QuadrantTotals],
    ) -> None:
        header = QRectF(box.x + 6, box.y + 3, box.width - 12, CELL_HEADER)
        painter.setFont(self._small)
        count = len(self._cells.get((impact, effort), ()))
        count_width = 0.0
        if count:
            painter.setPen(theme.MUTED_TEXT)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(header, align, str(count))
            count_width = QFontMetricsF(self._small).horizontalAdvance(str(count)) + 8
        if QUADRANT_CORNERS[found] != (impact, effort):
            return
        # A quadrant's corner cell is always its own, whatever the thresholds (2 to 5).
        room = header.width() - count_width
        name_width = QFontMetricsF(self._bold).horizontalAdvance(found.label)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setFont(self._bold)
        painter.setPen(theme.QUADRANT_COLORS[found][1])
        painter.drawText(header, left, found.label)
        total = totals[found]
        metrics = QFontMetricsF(self._small)
        for detail in (
            f"{total.count} items · {total.effort} effort",
            f"{total.count} · {total.effort} effort",
            f"{total.count} · Σ{total.effort}",
        ):
            if name_width + 8 + metrics.horizontalAdvance(detail) <= room:
                painter.setFont(self._small)
                painter.drawText(header.adjusted(name_width + 8, 0, 0, 0), left, detail)
                break

    def _paint_grid(self, painter: QPainter) -> None:
        geometry = self.geometry
        grid = geometry.grid
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp 1-px lines
        painter.setPen(QPen(QColor("#d8dee8"), 1))
        for step in range(1, len(SCORES)):
            x = grid.x + step * geometry.cell_width
            y = grid.y + step * geometry.cell_height
            painter.drawLine(QPointF(x, grid.y), QPointF(x, grid.bottom))
            painter.drawLine(QPointF(grid.x, y), QPointF(grid.right, y))
        painter.setPen(QPen(QColor("#64748b"), 2))
        effort_split = grid.x + (self.thresholds.effort - 1) * geometry.cell_width
        impact_split = grid.y + (len(SCORES) - self.thresholds.impact + 1) * geometry.cell_height
        painter.drawLine(QPointF(effort_split, grid.y), QPointF(effort_split, grid.bottom))
        painter.drawLine(QPointF(grid.x, impact_split), QPointF(grid.right, impact_split))
        painter.setPen(QPen(QColor("#94a3b8"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(_rect(grid))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def _paint_axes(self, painter: QPainter) -> None:
        geometry = self.geometry
        grid = geometry.grid
        painter.setFont(self._small)
        painter.setPen(theme.MUTED_TEXT)
        for score in SCORES:
            box = geometry.cell(score, score)
            label = QRectF(grid.x - 92, box.y, 86, box.height)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(label, align, f"{score}\n{IMPACT_NAMES[score]}")
            tick = QRectF(box.x, grid.bottom + 4, box.width, 30)
            centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(tick, centre, f"{score} · {EFFORT_NAMES[score]}")
        painter.setFont(self._bold)
        painter.setPen(theme.TEXT)
        painter.drawText(
            QRectF(grid.x, grid.bottom + 24, grid.width, 20),
            Qt.AlignmentFlag.AlignCenter,
            "Effort →",
        )
        painter.save()
        painter.translate(18, grid.y + grid.height / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-grid.height / 2, -10, grid.height, 20), Qt.AlignmentFlag.AlignCenter, "Impact →"
        )
        painter.restore()

    def _paint_title_and_legend(self, painter: QPainter) -> None:
        geometry = self.geometry
        painter.setFont(self._title_font)
        painter.setPen(theme.TEXT)
        title_box = QRectF(geometry.grid.x, 8, geometry.grid.width, 28)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(title_box, left, self.title)
        painter.setFont(self._small)
        painter.setPen(theme.MUTED_TEXT)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(title_box, right, f"{self.today.day} {self.today:%b %Y}")
        metrics = QFontMetricsF(self._small)
        x = geometry.grid.x
        y = geometry.height - 26
        for position, name in sorted(self._stages.values()):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.stage_color(position))
            painter.drawRoundedRect(QRectF(x, y + 4, 12, 12), 3, 3)
            painter.setPen(theme.MUTED_TEXT)
            painter.drawText(QRectF(x + 16, y, 400, 20), left, name)
            x += 16 + metrics.horizontalAdvance(name) + 18


def _cell(card: Card) -> Cell | None:
    if card.impact in SCORES and card.effort in SCORES:
        return card.impact, card.effort  # type: ignore[return-value]
    return None


def _rect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.width, box.height)
