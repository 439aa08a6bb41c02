"""The view on the matrix scene: keyboard rescoring, drops from lists, export menu."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QResizeEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QMenu, QWidget

from ldboard.domain.matrix import SCORES
from ldboard.ui.cards.card_mime import decode_items
from ldboard.ui.matrix.items import ChipItem
from ldboard.ui.matrix.scene import MatrixScene

#: Shift+arrow: (impact step, effort step).
RESCORE_KEYS = {
    Qt.Key.Key_Up: (1, 0),
    Qt.Key.Key_Down: (-1, 0),
    Qt.Key.Key_Right: (0, 1),
    Qt.Key.Key_Left: (0, -1),
}


class MatrixView(QGraphicsView):
    """Shows the whole matrix, sized to the view; never scrolls."""

    rescore_requested = Signal(int, int, int)  # item id, impact, effort
    open_requested = Signal(int)
    export_requested = Signal(str)  # "png", "svg" or "clipboard"

    def __init__(self, scene: MatrixScene, token: str, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("matrixView")
        self.setAccessibleName("Impact and effort matrix")
        self._token = token
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

    def matrix(self) -> MatrixScene:
        scene = self.scene()
        assert isinstance(scene, MatrixScene)
        return scene

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = self.viewport().size()
        self.matrix().set_size(size.width(), size.height())
        self.setSceneRect(self.matrix().sceneRect())

    # --- keyboard ------------------------------------------------------------------------

    def selected_chip(self) -> ChipItem | None:
        chips = [i for i in self.matrix().selectedItems() if isinstance(i, ChipItem)]
        return chips[0] if chips else None

    def select_item(self, item_id: int) -> bool:
        chip = self.matrix().chip(item_id)
        if chip is None:
            return False
        self.matrix().clearSelection()
        chip.setSelected(True)
        chip.setFocus()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        chip = self.selected_chip()
        key, modifiers = event.key(), event.modifiers()
        if (
            chip is not None
            and key in RESCORE_KEYS
            and modifiers & Qt.KeyboardModifier.ShiftModifier
            and not self.matrix().read_only
        ):
            impact_step, effort_step = RESCORE_KEYS[key]  # type: ignore[index]
            card = chip.card
            impact = min(max(card.impact + impact_step, SCORES[0]), SCORES[-1])  # type: ignore[operator]
            effort = min(max(card.effort + effort_step, SCORES[0]), SCORES[-1])  # type: ignore[operator]
            if (impact, effort) != (card.impact, card.effort):
                self.rescore_requested.emit(card.id, impact, effort)
            event.accept()
            return
        if key in RESCORE_KEYS and not modifiers & Qt.KeyboardModifier.ShiftModifier:
            self._walk(key)
            event.accept()
            return
        if chip is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit(chip.card_id)
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            self.matrix().clearSelection()
            event.accept()
            return
        super().keyPressEvent(event)

    def _walk(self, key: Qt.Key) -> None:
        """Select the nearest chip in the arrow's direction (the first one if none is)."""
        chips = self.matrix().chips()
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
        self.select_item(target.card_id)
        self.ensureVisible(target)

    # --- context menu -------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.context_menu(self.itemAt(event.pos())).exec(event.globalPos())

    def context_menu(self, item: object = None) -> QMenu:
        """The right-click menu, for the chip ``item`` if the click was on one."""
        menu = QMenu(self)
        if isinstance(item, ChipItem):
            menu.addAction(f"Open {item.card.key}…", lambda: self.open_requested.emit(item.card_id))
            menu.addSeparator()
        menu.addAction("Export as PNG…", lambda: self.export_requested.emit("png"))
        menu.addAction("Export as SVG…", lambda: self.export_requested.emit("svg"))
        menu.addAction("Copy as Image", lambda: self.export_requested.emit("clipboard"))
        return menu

    # --- drops from lists ------------------------------------------------------------------------

    def _dropped(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[int]:
        return decode_items(event.mimeData(), self._token)

    def _cell_under(self, event: QDragMoveEvent | QDropEvent) -> tuple[int, int] | None:
        return self.matrix().cell_at(self.mapToScene(event.position().toPoint()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event) and not self.matrix().read_only:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        cell = self._cell_under(event) if self._dropped(event) else None
        self.matrix().drop_highlight(cell)
        if cell is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.matrix().drop_highlight(None)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        ids = self._dropped(event)
        cell = self._cell_under(event)
        self.matrix().drop_highlight(None)
        if not ids or cell is None:
            event.ignore()
            return
        for item_id in ids:
            self.rescore_requested.emit(item_id, cell[0], cell[1])
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.select_item(ids[0])

    def map_cell_to_view(self, impact: int, effort: int) -> QPointF:
        """Where a cell's centre is in viewport coordinates (tests, tours)."""
        return QPointF(self.mapFromScene(self.matrix().cell_center(impact, effort)))
