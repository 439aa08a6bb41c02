"""A plain list of initiatives whose entries can be dragged onto the matrix or a column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetricsF, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.cards.card_list_view import CardListView
from ldboard.ui.cards.card_mime import MIME_TYPE, encode_items
from ldboard.ui.cards.column_model import ITEM_ID_ROLE
from ldboard.ui.common import theme

Index = QModelIndex | QPersistentModelIndex
KEY_TITLE_ROLE = Qt.ItemDataRole.UserRole + 10


class CardListModel(QAbstractListModel):
    def __init__(self, board_model: BoardModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._board_model = board_model
        self._ids: list[int] = []
        self._swatches: dict[int, QPixmap] = {}

    def set_ids(self, ids: Sequence[int]) -> None:
        if list(ids) == self._ids:
            return
        self.beginResetModel()
        self._ids = list(ids)
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        card = self._board_model.card(self._ids[index.row()])
        if card is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.key}  {card.title}"
        if role == KEY_TITLE_ROLE:
            return (card.key, card.title)
        if role == ITEM_ID_ROLE:
            return card.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{card.key} — {card.title}\nDrag onto the matrix to score it."
        if role == Qt.ItemDataRole.DecorationRole:
            column = self._board_model.column(card.column_id)
            position = self._board_model.columns.index(column) if column else 0
            return self._swatch(position)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [self._ids[i.row()] for i in indexes if i.isValid()]
        return encode_items(self._board_model.session.token, ids)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def _swatch(self, position: int) -> QPixmap:
        pixmap = self._swatches.get(position)
        if pixmap is None:
            pixmap = QPixmap(10, 10)
            pixmap.fill(QColor(theme.stage_color(position)))
            self._swatches[position] = pixmap
        return pixmap


class InitiativeDelegate(QStyledItemDelegate):
    """One line per initiative: stage swatch, key, then the title, elided."""

    ROW_HEIGHT = 26

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = QRectF(option.rect).adjusted(0, 1, 0, -1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(theme.SELECTION, 1.5))
            painter.setBrush(QColor("#eff6ff"))
        else:
            painter.setPen(QPen(theme.CARD_BORDER, 1))
            painter.setBrush(theme.CARD_BACKGROUND)
        painter.drawRoundedRect(rect, 4, 4)
        swatch = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(swatch, QPixmap):
            painter.drawPixmap(int(rect.left()) + 6, int(rect.center().y()) - 5, swatch)
        key, title = index.data(KEY_TITLE_ROLE) or ("", "")
        metrics = QFontMetricsF(option.font)
        text = rect.adjusted(22, 0, -6, 0)
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.setFont(option.font)
        painter.setPen(theme.MUTED_TEXT)
        painter.drawText(text, flags, key)
        painter.setPen(theme.TEXT)
        shift = metrics.horizontalAdvance(key) + 6
        room = text.adjusted(shift, 0, 0, 0)
        painter.drawText(
            room, flags, metrics.elidedText(title, Qt.TextElideMode.ElideRight, room.width())
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), self.ROW_HEIGHT)


class InitiativeList(CardListView):
    """A list of initiatives to drag onto the matrix; double-click or Enter opens one.

    Geometry is arithmetic (see ``CardListView``), so a list of thousands of
    unscored initiatives costs nothing until its rows are on screen.
    """

    open_requested = Signal(int)

    def __init__(self, model: CardListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, row_height=InitiativeDelegate.ROW_HEIGHT)
        self.setModel(model)
        self.setItemDelegate(InitiativeDelegate(self))
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.doubleClicked.connect(self._open)
        self.activated.connect(self._open)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(int(index.data(ITEM_ID_ROLE)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)
