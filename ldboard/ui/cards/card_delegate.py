"""Item delegate that paints board cards, keeping recent renderings as pixmaps.

A drop, a keystroke in the filter or a hover repaints many cards that did not
change. Each rendering is kept (a bounded, least-recently-used set), so such
repaints copy an image instead of laying out text again. A card is re-rendered
when its ``Card`` object is replaced (every change to an item replaces it), its
size or state changes, or the day changes (the overdue marker).

Tooltips come from here too: over an avatar, the person's name and role on
this card; elsewhere, the card's summary, wrapped to a readable width.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QHelpEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from ldboard.domain.cards import Card
from ldboard.ui.cards.card_painter import CardPainter
from ldboard.ui.cards.column_model import CARD_ROLE
from ldboard.ui.cards.tooltips import readable_tooltip
from ldboard.ui.common import theme

#: Renderings kept: a few screens of cards (about 130 KB each).
CACHE_SIZE = 160


class CardDelegate(QStyledItemDelegate):
    def __init__(self, painter: CardPainter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_painter = painter
        self._cache: OrderedDict[tuple[Any, ...], tuple[Card, QPixmap]] = OrderedDict()

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
        flags = (
            bool(state & QStyle.StateFlag.State_Selected),
            bool(state & QStyle.StateFlag.State_MouseOver),
            bool(state & QStyle.StateFlag.State_HasFocus),
        )
        rect = option.rect
        ratio = painter.device().devicePixelRatioF()
        key = (
            card.id,
            rect.width(),
            rect.height(),
            ratio,
            flags,
            self.card_painter.today(),
            self.card_painter.is_done(card.column_id),
        )
        hit = self._cache.get(key)
        if hit is not None and hit[0] is card:
            self._cache.move_to_end(key)
            painter.drawPixmap(rect.topLeft(), hit[1])
            return
        pixmap = self._render(card, rect.width(), rect.height(), ratio, flags)
        self._cache[key] = (card, pixmap)
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        painter.drawPixmap(rect.topLeft(), pixmap)

    def _render(
        self, card: Card, width: int, height: int, ratio: float, flags: tuple[bool, bool, bool]
    ) -> QPixmap:
        pixmap = QPixmap(QSize(width, height) * ratio)
        pixmap.setDevicePixelRatio(ratio)
        # Opaque, in the column's colour, so text keeps its sharpest antialiasing.
        pixmap.fill(theme.COLUMN_BACKGROUND)
        painter = QPainter(pixmap)
        selected, hovered, focused = flags
        self.card_painter.paint(
            painter,
            QRectF(0, 0, width, height),
            card,
            selected=selected,
            hovered=hovered,
            focused=focused,
        )
        painter.end()
        return pixmap

    def clear_cache(self) -> None:
        """Forget every rendering (e.g. after the prioritisation thresholds change)."""
        self._cache.clear()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = max(option.rect.width(), theme.COLUMN_MIN_WIDTH - 24)
        card = index.data(CARD_ROLE)
        if card is None:
            return QSize(width, self.card_painter.card_height(2))
        return self.card_painter.size_hint(card, width)

    def tooltip_at(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, pos: QPoint
    ) -> str:
        """What the tooltip says at ``pos`` (viewport coordinates) over this card."""
        card = index.data(CARD_ROLE)
        if card is not None:
            spot = self.card_painter.avatar_at(QRectF(option.rect), card, QPointF(pos))
            if spot is not None:
                return spot.tooltip()
        text = index.data(Qt.ItemDataRole.ToolTipRole)
        return text if isinstance(text, str) else ""

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        text = self.tooltip_at(option, index, event.pos())
        if not text:
            QToolTip.hideText()
            event.ignore()
            return False
        QToolTip.showText(event.globalPos(), readable_tooltip(text), view, option.rect)
        return True
