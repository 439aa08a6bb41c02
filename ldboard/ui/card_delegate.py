"""Item delegate that paints board cards with ``CardPainter``."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ldboard.ui import theme
from ldboard.ui.card_painter import CardPainter
from ldboard.ui.column_model import CARD_ROLE


class CardDelegate(QStyledItemDelegate):
    def __init__(self, painter: CardPainter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_painter = painter

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card = index.data(CARD_ROLE)
        if card is None:
            return
        state = option.state
        self.card_painter.paint(
            painter,
            QRectF(option.rect),
            card,
            selected=bool(state & QStyle.StateFlag.State_Selected),
            hovered=bool(state & QStyle.StateFlag.State_MouseOver),
            focused=bool(state & QStyle.StateFlag.State_HasFocus),
        )

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(max(option.rect.width(), theme.COLUMN_WIDTH - 24), theme.CARD_HEIGHT)
