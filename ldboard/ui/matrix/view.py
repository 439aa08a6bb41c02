"""The view on the matrix scene: drops of initiatives from lists, the context menu.

Sizing, keyboard rescoring (Shift+arrows), walking between chips and drops
are the shared ``ui/common/grid_view.GridView``'s: a move there is a rescore here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMenu, QWidget

from ldboard.ui.cards.card_mime import decode_items
from ldboard.ui.common.grid_view import GridView
from ldboard.ui.matrix.items import ChipItem
from ldboard.ui.matrix.scene import MatrixScene


class MatrixView(GridView):
    """Shows the whole matrix, sized to the view; never scrolls.

    ``move_requested`` (item id, impact, effort) is a rescore.
    """

    export_requested = Signal(str)  # "png", "svg" or "clipboard"

    def __init__(self, scene: MatrixScene, token: str, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("matrixView")
        self.setAccessibleName("Impact and effort matrix")
        self._token = token

    def matrix(self) -> MatrixScene:
        scene = self.scene()
        assert isinstance(scene, MatrixScene)
        return scene

    def dropped_ids(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[int]:
        return decode_items(event.mimeData(), self._token)

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
