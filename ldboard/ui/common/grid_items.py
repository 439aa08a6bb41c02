"""The movable pieces of a 5×5 grid: chips and the "+N more" chip of a crowded cell.

Shared by the impact/effort matrix and the stakeholder map. A chip only knows
how to be dragged: pressing and moving it follows the pointer, releasing it
hands the point to its scene (``GridScene.chip_released``), which decides what
the drop means. What a chip shows is the subclass's ``paint``.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsObject,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ldboard.ui.common import theme

CHIP_HEIGHT = 22.0
CHIP_MIN_WIDTH = 118.0


class GridChip(QGraphicsObject):
    """One entry on the grid (an initiative, a person), dragged to another cell.

    Subclasses implement ``entry_id``, ``paint`` and optionally
    ``tooltip_text`` (written on the first hover, not for every chip laid out).
    """

    def __init__(self) -> None:
        super().__init__()
        self._size = (CHIP_MIN_WIDTH, CHIP_HEIGHT)
        self._press: QPointF | None = None
        self._origin = QPointF()
        self.dragging = False
        self.setFlag(QGraphicsObject.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsObject.GraphicsItemFlag.ItemIsFocusable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        # Repainting a neighbour must not lay this chip's text out again.
        self.setCacheMode(QGraphicsObject.CacheMode.DeviceCoordinateCache)

    @property
    def entry_id(self) -> int:
        raise NotImplementedError

    def tooltip_text(self) -> str:
        return ""

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if not self.toolTip():
            self.setToolTip(self.tooltip_text())
        super().hoverEnterEvent(event)

    def set_size(self, width: float, height: float) -> None:
        if (width, height) != self._size:
            self.prepareGeometryChange()
            self._size = (width, height)

    @property
    def size(self) -> tuple[float, float]:
        return self._size

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, *self._size)

    # --- dragging ---------------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)  # selects the chip
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.scenePos()
            self._origin = self.pos()
            event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._press is None:
            return
        offset = event.scenePos() - self._press
        if not self.dragging and offset.manhattanLength() < QApplication.startDragDistance():
            return
        if getattr(self.scene(), "read_only", False):
            return
        if not self.dragging:
            self.dragging = True
            self.setZValue(10)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.setPos(self._origin + offset)
        scene = self.scene()
        if scene is not None:
            scene.chip_dragged(self, event.scenePos())  # type: ignore[attr-defined]

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        was_dragging = self.dragging
        self._press = None
        self.dragging = False
        self.setZValue(0)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        scene = self.scene()
        if was_dragging and scene is not None:
            scene.chip_released(self, event.scenePos())  # type: ignore[attr-defined]
        else:
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if scene is not None:
            scene.open_requested.emit(self.entry_id)  # type: ignore[attr-defined]


class OverflowItem(QGraphicsObject):
    """ "+N more": clicking it lists the entries that did not fit in the cell."""

    clicked = Signal(int, int)  # row, column

    def __init__(self, row: int, column: int, font: QFont, noun: str = "entries") -> None:
        super().__init__()
        self.row, self.column = row, column
        self.hidden = 0
        self._noun = noun
        self._font = font
        self._size = (CHIP_MIN_WIDTH, CHIP_HEIGHT)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsObject.CacheMode.DeviceCoordinateCache)

    @property
    def text(self) -> str:
        return f"+{self.hidden} more"

    def set_hidden(self, hidden: int, width: float, height: float) -> None:
        self.hidden = hidden
        self.setToolTip(f"{hidden} more {self._noun} here — click to list them")
        if (width, height) != self._size:
            self.prepareGeometryChange()
            self._size = (width, height)
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, *self._size)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(theme.MUTED_TEXT, 1, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(rect, 5, 5)
        painter.setFont(self._font)
        painter.setPen(theme.TEXT)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.boundingRect().contains(event.pos()):
            self.clicked.emit(self.row, self.column)
