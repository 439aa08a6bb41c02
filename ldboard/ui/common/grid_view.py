"""The view on a ``GridScene``: sized to fit, keyboard moves, drops from lists.

Plain arrows walk from chip to chip, Shift+arrows move the selected chip one
cell (what a drag does), Return opens its entry and Esc clears the selection.
Entries dragged from a list beside the grid (``dropped_ids``, per subclass)
land in the cell under the pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QResizeEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from ldboard.domain.matrix import SCORES
from ldboard.ui.common.grid_geometry import Cell
from ldboard.ui.common.grid_items import GridChip
from ldboard.ui.common.grid_scene import GridScene

#: Shift+arrow: (row step, column step).
MOVE_KEYS = {
    Qt.Key.Key_Up: (1, 0),
    Qt.Key.Key_Down: (-1, 0),
    Qt.Key.Key_Right: (0, 1),
    Qt.Key.Key_Left: (0, -1),
}


class GridView(QGraphicsView):
    """Shows the whole grid, sized to the view; never scrolls."""

    move_requested = Signal(int, int, int)  # entry id, row, column
    open_requested = Signal(int)

    def __init__(self, scene: GridScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        # The grid, labels and legend change rarely; the scene invalidates what does.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)

    def grid(self) -> GridScene:
        scene = self.scene()
        assert isinstance(scene, GridScene)
        return scene

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = self.viewport().size()
        self.grid().set_size(size.width(), size.height())
        self.setSceneRect(self.grid().sceneRect())

    # --- keyboard ------------------------------------------------------------------------

    def selected_chip(self) -> GridChip | None:
        chips = [i for i in self.grid().selectedItems() if isinstance(i, GridChip)]
        return chips[0] if chips else None

    def select_item(self, entry_id: int) -> bool:
        chip = self.grid().chip(entry_id)
        if chip is None:
            return False
        self.grid().clearSelection()
        chip.setSelected(True)
        chip.setFocus()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        chip = self.selected_chip()
        key, modifiers = event.key(), event.modifiers()
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if chip is not None and key in MOVE_KEYS and shift and not self.grid().read_only:
            self._step(chip, *MOVE_KEYS[key])  # type: ignore[index]
            event.accept()
            return
        if key in MOVE_KEYS and not shift:
            self._walk(key)  # type: ignore[arg-type]
            event.accept()
            return
        if chip is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(chip.entry_id)
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.grid().clearSelection()
            event.accept()
            return
        super().keyPressEvent(event)

    def _step(self, chip: GridChip, row_step: int, column_step: int) -> None:
        cell = self.grid().cell_of(chip.entry_id)
        if cell is None:
            return
        row = min(max(cell[0] + row_step, SCORES[0]), SCORES[-1])
        column = min(max(cell[1] + column_step, SCORES[0]), SCORES[-1])
        if (row, column) != cell:
            self.move_requested.emit(chip.entry_id, row, column)

    def _walk(self, key: Qt.Key) -> None:
        """Select the nearest chip in the arrow's direction (the first one if none is)."""
        chips = self.grid().chips()
        if not chips:
            return
        current = self.selected_chip()
        if current is None:
            target = min(chips, key=lambda c: (c.pos().y(), c.pos().x()))
        else:
            here = current.sceneBoundingRect().center()
            dx, dy = {
                Qt.Key.Key_Left: (-1, 0),
                Qt.Key.Key_Right: (1, 0),
                Qt.Key.Key_Up: (0, -1),
                Qt.Key.Key_Down: (0, 1),
            }[key]
            candidates = []
            for chip in chips:
                offset = chip.sceneBoundingRect().center() - here
                along = offset.x() * dx + offset.y() * dy
                if along <= 0.5:
                    continue
                across = abs(offset.x() * dy) + abs(offset.y() * dx)
                candidates.append((along + 2 * across, chip))
            if not candidates:
                return
            target = min(candidates, key=lambda pair: pair[0])[1]
        self.select_item(target.entry_id)
        self.ensureVisible(target)

    # --- drops from lists ------------------------------------------------------------------------

    def dropped_ids(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[int]:
        """The entries a drag carries that this grid can place (none by default)."""
        return []

    def _cell_under(self, event: QDragMoveEvent | QDropEvent) -> Cell | None:
        return self.grid().cell_at(self.mapToScene(event.position().toPoint()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dropped_ids(event) and not self.grid().read_only:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        cell = self._cell_under(event) if self.dropped_ids(event) else None
        self.grid().drop_highlight(cell)
        if cell is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.grid().drop_highlight(None)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = self.dropped_ids(event)
        cell = self._cell_under(event)
        self.grid().drop_highlight(None)
        if not ids or cell is None:
            event.ignore()
            return
        for entry_id in ids:
            self.move_requested.emit(entry_id, cell[0], cell[1])
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.select_item(ids[0])

    def map_cell_to_view(self, row: int, column: int) -> QPointF:
        """Where a cell's centre is in viewport coordinates (tests, tours)."""
        return QPointF(self.mapFromScene(self.grid().cell_center(row, column)))
