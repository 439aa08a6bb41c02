"""A 5×5 grid as a graphics scene: shaded quadrants, packed chips, drag to re-place.

The impact/effort matrix and the stakeholder map are the same thing seen
twice: entries placed by two 1–5 scores, four quadrants, chips packed in their
cell with a "+N more" chip when they do not fit, and a chip dragged to another
cell asking for a new place. This module holds that machinery once; a subclass
says what an entry is (its id, cell and order, the chip that shows it), how a
cell is shaded and labelled, and what a move means (``request_move``).

The grid, shading, axes, title and legend are painted as the scene's
background; only chips are items, and a cell shows only as many chips as fit,
so even a 10,000-item board keeps a few hundred items at most. A change to
some entries relays out only the cells they left or entered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from ldboard.domain.matrix import SCORES, Box, pack_cell
from ldboard.ui.common import theme
from ldboard.ui.common.grid_geometry import Cell, GridGeometry, Margins
from ldboard.ui.common.grid_items import CHIP_HEIGHT, CHIP_MIN_WIDTH, GridChip, OverflowItem

CELL_HEADER = 18.0  # per-cell strip: quadrant name in the corners, entry count


class GridScene(QGraphicsScene):
    """Entries laid out on a 5×5 grid; subclasses fill in the hooks below."""

    open_requested = Signal(int)
    overflow_requested = Signal(int, int)  # row, column

    MARGINS: ClassVar[Margins] = Margins()
    MINIMUM_SIZE: ClassVar[tuple[float, float]] = (640.0, 480.0)
    CHIP_WIDTH: ClassVar[float] = CHIP_MIN_WIDTH
    #: What the "+N more" chip counts ("initiatives", "people").
    NOUN: ClassVar[str] = "entries"

    def __init__(self, font: QFont, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        #: A read-only board is shown, never changed: chips do not move.
        self.read_only = False
        self.geometry = GridGeometry.for_size(900, 640, self.MARGINS, self.MINIMUM_SIZE)
        self.title = ""
        self._cells: dict[Cell, list[Any]] = {}
        self._cell_of: dict[int, Cell] = {}
        self._chips: dict[int, GridChip] = {}
        self._overflow: dict[Cell, OverflowItem] = {}
        self._highlight: Cell | None = None
        self.font = QFont(font)
        self.small_font = QFont(font)
        self.small_font.setPointSizeF(max(7.5, font.pointSizeF() * 0.86))
        self.bold_font = QFont(font)
        self.bold_font.setWeight(QFont.Weight.DemiBold)
        self.title_font = QFont(font)
        self.title_font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_font.setWeight(QFont.Weight.DemiBold)
        self.setSceneRect(0, 0, self.geometry.width, self.geometry.height)

    # --- hooks ---------------------------------------------------------------------------

    def entry_id(self, entry: Any) -> int:
        raise NotImplementedError

    def entry_cell(self, entry: Any) -> Cell | None:
        """Where ``entry`` sits, or ``None`` if it is not placed (then it is not shown)."""
        raise NotImplementedError

    def entry_order(self, entry: Any) -> Any:
        """Sort key of entries within a cell."""
        return self.entry_id(entry)

    def make_chip(self, entry: Any) -> GridChip:
        raise NotImplementedError

    def refresh_chip(self, chip: GridChip, entry: Any) -> None:
        """Show ``entry`` (a newer state of the chip's entry) on ``chip``."""
        raise NotImplementedError

    def request_move(self, entry_id: int, row: int, column: int) -> None:
        """A chip was dropped on another cell (emit the subclass's signal)."""
        raise NotImplementedError

    def cell_fill(self, row: int, column: int) -> QColor:
        return QColor(theme.CARD_BACKGROUND)

    def splits(self) -> Cell:
        """The first high row and the first high column: the thick quadrant lines."""
        return 3, 3

    def paint_cell_header(self, painter: QPainter, box: Box, row: int, column: int) -> None:
        """The strip atop a cell (default: how many entries it holds, on the right)."""
        count = len(self._cells.get((row, column), ()))
        if count:
            painter.setFont(self.small_font)
            painter.setPen(theme.MUTED_TEXT)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(self.header_box(box), align, str(count))

    def paint_margins(self, painter: QPainter) -> None:
        """Axes, title and legend around the grid."""

    # --- what is shown ---------------------------------------------------------------------

    def set_size(self, width: float, height: float) -> None:
        geometry = GridGeometry.for_size(width, height, self.MARGINS, self.MINIMUM_SIZE)
        if geometry == self.geometry:
            return
        self.geometry = geometry
        self.setSceneRect(0, 0, geometry.width, geometry.height)
        self._layout(self._cells.keys())
        self.invalidate()

    def set_entries(self, entries: Iterable[Any]) -> None:
        """Show exactly these entries (placed ones in their cells; others are ignored)."""
        previous = set(self._cells)
        self._cells = {}
        self._cell_of = {}
        for entry in entries:
            cell = self.entry_cell(entry)
            if cell is not None:
                self._cells.setdefault(cell, []).append(entry)
                self._cell_of[self.entry_id(entry)] = cell
        for cell_entries in self._cells.values():
            cell_entries.sort(key=self.entry_order)
        self._layout(previous | set(self._cells))
        self.update()

    def update_entries(self, changed: Mapping[int, Any | None]) -> None:
        """Entries that changed: their new state, or ``None`` if they no longer show."""
        touched: set[Cell] = set()
        for entry_id, entry in changed.items():
            old = self._cell_of.pop(entry_id, None)
            if old is not None:
                self._cells[old] = [e for e in self._cells[old] if self.entry_id(e) != entry_id]
                touched.add(old)
            new = self.entry_cell(entry) if entry is not None else None
            if entry is not None and new is not None:
                self._cells.setdefault(new, []).append(entry)
                self._cells[new].sort(key=self.entry_order)
                self._cell_of[entry_id] = new
                touched.add(new)
        for cell in [c for c in touched if not self._cells.get(c)]:
            self._cells.pop(cell, None)
        self._layout(touched)
        self.repaint_cells(touched)

    def repaint_cells(self, cells: Iterable[Cell]) -> None:
        """Repaint the touched cells' headers (foreground): the cached background
        (grid, axes, legend) stays valid."""
        for cell in cells:
            self.update(_rect(self.geometry.cell(*cell)))

    # --- queries (views, dialogs and tests) -----------------------------------------------

    def entries(self, row: int, column: int) -> list[Any]:
        return list(self._cells.get((row, column), ()))

    def hidden_entries(self, row: int, column: int) -> list[Any]:
        overflow = self._overflow.get((row, column))
        if overflow is None or not overflow.isVisible():
            return []
        entries = self._cells.get((row, column), [])
        return entries[len(entries) - overflow.hidden :]

    def counts(self) -> dict[Cell, int]:
        return {cell: len(entries) for cell, entries in self._cells.items()}

    def chip(self, entry_id: int) -> GridChip | None:
        chip = self._chips.get(entry_id)
        return chip if chip is not None and chip.isVisible() else None

    def chips(self) -> list[GridChip]:
        return [chip for chip in self._chips.values() if chip.isVisible()]

    def overflow_item(self, row: int, column: int) -> OverflowItem | None:
        item = self._overflow.get((row, column))
        return item if item is not None and item.isVisible() else None

    def cell_of(self, entry_id: int) -> Cell | None:
        return self._cell_of.get(entry_id)

    def cell_at(self, point: QPointF) -> Cell | None:
        return self.geometry.cell_at(point.x(), point.y())

    def cell_center(self, row: int, column: int) -> QPointF:
        box = self.geometry.cell(row, column)
        return QPointF(box.x + box.width / 2, box.y + box.height / 2)

    # --- layout ------------------------------------------------------------------------

    def _layout(self, cells: Iterable[Cell]) -> None:
        for cell in set(cells):
            self._layout_cell(cell)

    def _layout_cell(self, cell: Cell) -> None:
        entries = self._cells.get(cell, [])
        packing = pack_cell(
            self.geometry.cell(*cell),
            len(entries),
            chip_width=self.CHIP_WIDTH,
            chip_height=CHIP_HEIGHT,
            gap=4,
            padding=5,
            top=CELL_HEADER,
        )
        shown = entries[: len(packing.slots)]
        for entry, slot in zip(shown, packing.slots, strict=True):
            entry_id = self.entry_id(entry)
            chip = self._chips.get(entry_id)
            if chip is None:
                chip = self._chips[entry_id] = self.make_chip(entry)
                self.addItem(chip)
            else:
                self.refresh_chip(chip, entry)
            chip.setPos(slot.x, slot.y)
            chip.set_size(slot.width, slot.height)
            chip.setVisible(True)
        shown_ids = {self.entry_id(entry) for entry in shown}
        for entry_id, chip in list(self._chips.items()):
            if entry_id in shown_ids:
                continue
            if self._cell_of.get(entry_id) == cell or entry_id not in self._cell_of:
                self._drop_chip(entry_id, chip)
        self._layout_overflow(cell, packing.overflow, packing.hidden)

    def _drop_chip(self, entry_id: int, chip: GridChip) -> None:
        if chip.dragging:
            return
        del self._chips[entry_id]
        self.removeItem(chip)
        chip.deleteLater()

    def _layout_overflow(self, cell: Cell, place: Box | None, hidden: int) -> None:
        item = self._overflow.get(cell)
        if place is None or hidden == 0:
            if item is not None:
                item.setVisible(False)
            return
        if item is None:
            item = self._overflow[cell] = OverflowItem(cell[0], cell[1], self.small_font, self.NOUN)
            item.clicked.connect(self.overflow_requested)
            self.addItem(item)
        item.set_hidden(hidden, place.width, place.height)
        item.setPos(place.x, place.y)
        item.setVisible(True)

    # --- dragging chips -------------------------------------------------------------------

    def chip_dragged(self, chip: GridChip, point: QPointF) -> None:
        self.drop_highlight(self.cell_at(point))

    def chip_released(self, chip: GridChip, point: QPointF) -> None:
        """Ask to move the entry to the cell under the pointer, or put the chip back."""
        target = self.cell_at(point)
        self.drop_highlight(None)
        origin = self._cell_of.get(chip.entry_id)
        if target is not None and target != origin:
            self.request_move(chip.entry_id, target[0], target[1])
        if self._cell_of.get(chip.entry_id) == origin and origin is not None:
            self._layout_cell(origin)  # not moved (same cell, outside, or refused)

    def drop_highlight(self, cell: Cell | None) -> None:
        """Mark the cell a dragged chip (or list entry) would land on."""
        if cell == self._highlight:
            return
        for old_or_new in (self._highlight, cell):
            if old_or_new is not None:
                self.update(_rect(self.geometry.cell(*old_or_new)))
        self._highlight = cell

    # --- painting --------------------------------------------------------------------------

    def header_box(self, box: Box) -> QRectF:
        """Where a cell's header text goes."""
        return QRectF(box.x + 6, box.y + 3, box.width - 12, CELL_HEADER)

    def header_rect(self, box: Box) -> QRectF:
        """What to repaint when a cell's header changes."""
        return QRectF(box.x, box.y, box.width, CELL_HEADER + 4)

    def drawBackground(self, painter: QPainter, rect: QRectF | object) -> None:
        # Exports render background and items with one painter: leave its state as found.
        exposed = rect if isinstance(rect, QRectF) and not rect.isEmpty() else self.sceneRect()
        painter.save()
        try:
            self._paint_background(painter, exposed)
        finally:
            painter.restore()

    def _paint_background(self, painter: QPainter, exposed: QRectF) -> None:
        """Paint only what the exposed area touches: a move repaints a few cells."""
        painter.fillRect(exposed, theme.CARD_BACKGROUND)
        for row in SCORES:
            for column in SCORES:
                box = _rect(self.geometry.cell(row, column))
                if box.intersects(exposed):
                    painter.fillRect(box, self.cell_fill(row, column))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(exposed)
        self._paint_grid(painter)
        if not _rect(self.geometry.grid).contains(exposed):
            self.paint_margins(painter)

    def drawForeground(self, painter: QPainter, rect: QRectF | object) -> None:
        """Cell headers (they change with every move, so they are not part of the
        cached background), then the drop highlight."""
        exposed = rect if isinstance(rect, QRectF) and not rect.isEmpty() else self.sceneRect()
        painter.save()
        try:
            self.paint_headers(painter, exposed)
            self._paint_highlight(painter)
        finally:
            painter.restore()

    def paint_headers(self, painter: QPainter, exposed: QRectF) -> None:
        for row in SCORES:
            for column in SCORES:
                box = self.geometry.cell(row, column)
                if self.header_rect(box).intersects(exposed):
                    self.paint_cell_header(painter, box, row, column)

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
        high_row, high_column = self.splits()
        column_split = grid.x + (high_column - 1) * geometry.cell_width
        row_split = grid.y + (len(SCORES) - high_row + 1) * geometry.cell_height
        painter.drawLine(QPointF(column_split, grid.y), QPointF(column_split, grid.bottom))
        painter.drawLine(QPointF(grid.x, row_split), QPointF(grid.right, row_split))
        painter.setPen(QPen(QColor("#94a3b8"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(_rect(grid))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def paint_axes(
        self,
        painter: QPainter,
        row_label: Callable[[int], str],
        column_label: Callable[[int], str],
        row_title: str,
        column_title: str,
    ) -> None:
        """Tick labels left of the rows and under the columns, and the axis titles."""
        geometry = self.geometry
        grid = geometry.grid
        painter.setFont(self.small_font)
        painter.setPen(theme.MUTED_TEXT)
        for score in SCORES:
            box = geometry.cell(score, score)
            label = QRectF(
                grid.x - geometry.margins.left + 26, box.y, geometry.margins.left - 32, box.height
            )
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(label, align, row_label(score))
            tick = QRectF(box.x, grid.bottom + 4, box.width, 30)
            centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(tick, centre, column_label(score))
        painter.setFont(self.bold_font)
        painter.setPen(theme.TEXT)
        painter.drawText(
            QRectF(grid.x, grid.bottom + 24, grid.width, 20),
            Qt.AlignmentFlag.AlignCenter,
            column_title,
        )
        painter.save()
        painter.translate(18, grid.y + grid.height / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-grid.height / 2, -10, grid.height, 20), Qt.AlignmentFlag.AlignCenter, row_title
        )
        painter.restore()

    def paint_title(self, painter: QPainter, right_text: str = "") -> None:
        """The scene's title above the grid, with ``right_text`` (a date) on the right."""
        grid = self.geometry.grid
        painter.setFont(self.title_font)
        painter.setPen(theme.TEXT)
        title_box = QRectF(grid.x, 8, grid.width, 28)
        painter.drawText(
            title_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title
        )
        if right_text:
            painter.setFont(self.small_font)
            painter.setPen(theme.MUTED_TEXT)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(title_box, align, right_text)


def _rect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.width, box.height)


def box_rect(box: Box) -> QRectF:
    """A domain ``Box`` as a Qt rectangle."""
    return _rect(box)
