"""The painted pieces of the matrix: initiative chips and "+N more" chips."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsObject,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ldboard.domain.cards import Card
from ldboard.ui.common import theme

CHIP_HEIGHT = 22.0
CHIP_MIN_WIDTH = 118.0


class ChipItem(QGraphicsObject):
    """One initiative: key and title on a chip tinted with its stage's colour.

    Pressing and dragging moves the chip with the pointer; releasing it asks
    the scene to rescore the item for the cell under the pointer.
    """

    def __init__(self, card: Card, color: QColor, stage: str, font: QFont) -> None:
        super().__init__()
        self.card = card
        self.color = color
        self.stage = stage
        self._font = font
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
    def card_id(self) -> int:
        return self.card.id

    def set_card(self, card: Card, color: QColor, stage: str) -> None:
        if card is not self.card:
            self.setToolTip("")  # written again on the next hover
        self.card, self.color, self.stage = card, color, stage
        self.update()

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        if not self.toolTip():
            self.setToolTip(self.tooltip_text())
        super().hoverEnterEvent(event)

    def tooltip_text(self) -> str:
        scene = self.scene()
        lookup = getattr(scene, "hypothesis_of", None)
        return chip_tooltip(self.card, self.stage, lookup(self.card_id) if lookup else "")

    def set_size(self, width: float, height: float) -> None:
        if (width, height) != self._size:
            self.prepareGeometryChange()
            self._size = (width, height)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, *self._size)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        width, height = self._size
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QPainterPath()
        outline.addRoundedRect(QRectF(0.5, 0.5, width - 1, height - 1), 5, 5)
        fill = QColor(self.color)
        fill.setAlpha(40)
        painter.fillPath(outline, theme.CARD_BACKGROUND)
        painter.fillPath(outline, fill)
        painter.fillRect(QRectF(1, 3, 4, height - 6), self.color)
        painter.setPen(QPen(theme.SELECTION, 2) if selected else QPen(self.color.darker(115), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)  # never inherit a brush from earlier painting
        painter.drawPath(outline)
        painter.setFont(self._font)
        metrics = QFontMetricsF(self._font)
        marker = theme.VERDICT_MARKERS.get(self.card.verdict)
        right = width - 6
        if marker:
            glyph, _label, color = marker
            painter.setPen(color)
            box = QRectF(right - 12, 0, 12, height)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, glyph)
            right -= 14
        painter.setPen(theme.MUTED_TEXT)
        key_width = metrics.horizontalAdvance(self.card.key) + 6
        text_box = QRectF(9, 0, right - 9, height)
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(text_box, flags, self.card.key)
        painter.setPen(theme.TEXT)
        title_box = text_box.adjusted(key_width, 0, 0, 0)
        title = metrics.elidedText(self.card.title, Qt.TextElideMode.ElideRight, title_box.width())
        painter.drawText(title_box, flags, title)

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
            scene.open_requested.emit(self.card_id)  # type: ignore[attr-defined]


def chip_tooltip(card: Card, stage: str, hypothesis: str) -> str:
    """Key, title, stage, scores and hypothesis of a chip's initiative."""
    lines = [f"{card.key} — {card.title}", f"Stage: {stage}"]
    lines.append(f"Impact {card.impact} · Effort {card.effort}")
    if hypothesis:
        lines.append(hypothesis)
    return "\n".join(lines)


class OverflowItem(QGraphicsObject):
    """ "+N more": clicking it lists the initiatives that did not fit in the cell."""

    clicked = Signal(int, int)  # impact, effort

    def __init__(self, impact: int, effort: int, font: QFont) -> None:
        super().__init__()
        self.impact, self.effort = impact, effort
        self.hidden = 0
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
        self.setToolTip(f"{hidden} more initiatives here — click to list them")
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
            self.clicked.emit(self.impact, self.effort)
