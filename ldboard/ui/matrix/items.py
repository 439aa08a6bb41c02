"""The initiative chips of the matrix (the "+N more" chip is ``ui/common/grid_items``)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionGraphicsItem, QWidget

from ldboard.domain.cards import Card
from ldboard.ui.common import theme
from ldboard.ui.common.grid_items import CHIP_HEIGHT, CHIP_MIN_WIDTH, GridChip, OverflowItem

__all__ = ["CHIP_HEIGHT", "CHIP_MIN_WIDTH", "ChipItem", "OverflowItem", "chip_tooltip"]


class ChipItem(GridChip):
    """One initiative: key and title on a chip tinted with its stage's colour.

    Dragging is ``GridChip``'s; the matrix scene turns a drop on another cell
    into a rescore request.
    """

    def __init__(self, card: Card, color: QColor, stage: str, font: QFont) -> None:
        super().__init__()
        self.card = card
        self.color = color
        self.stage = stage
        self._font = font

    @property
    def card_id(self) -> int:
        return self.card.id

    @property
    def entry_id(self) -> int:
        return self.card.id

    def set_card(self, card: Card, color: QColor, stage: str) -> None:
        # Written again on the next hover: even the same card may have a new
        # weighted score (the board switched scores, its weights changed).
        self.setToolTip("")
        self.card, self.color, self.stage = card, color, stage
        self.update()

    def tooltip_text(self) -> str:
        scene = self.scene()
        lookup = getattr(scene, "hypothesis_of", None)
        return chip_tooltip(self.card, self.stage, lookup(self.card_id) if lookup else "")

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        width, height = self.size
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


def chip_tooltip(card: Card, stage: str, hypothesis: str) -> str:
    """Key, title, stage, scores and hypothesis of a chip's initiative.

    The weighted score is there only when the board prioritises by it (the
    board model fills ``card.weighted`` then), since it is what orders the cell.
    """
    lines = [f"{card.key} — {card.title}", f"Stage: {stage}"]
    lines.append(f"Impact {card.impact} · Effort {card.effort}")
    if card.weighted is not None:
        lines.append(f"Weighted score {card.weighted:.2f}")
    if hypothesis:
        lines.append(hypothesis)
    return "\n".join(lines)
