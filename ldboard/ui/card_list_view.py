"""A vertical list of equally tall cards whose geometry is arithmetic.

``QListView`` lays out every row again after each insertion or removal, and
for each row it calls the model's ``rowCount()`` — a Python call — twice.
With 10,000 cards in a column that alone costs more than a frame. Cards here
all have the same height, so a row's rectangle is ``row × height``: layout is
free, hit-testing is a division and painting touches only the visible rows.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QRect,
    Qt,
)
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QRegion, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QWidget

from ldboard.ui import theme

MARGIN_TOP = 4
MARGIN_SIDE = 8
MARGIN_BOTTOM = 4


class CardListView(QAbstractItemView):
    """Shows a one-column list model as a stack of equal rows painted by the delegate."""

    def __init__(
        self, parent: QWidget | None = None, *, row_height: int = theme.CARD_HEIGHT
    ) -> None:
        super().__init__(parent)
        self.row_height = row_height
        self.setMouseTracking(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._hover_row = -1

    # --- geometry -------------------------------------------------------------------------

    def _count(self) -> int:
        model = self.model()
        return model.rowCount() if model is not None else 0

    def _row_rect(self, row: int) -> QRect:
        top = MARGIN_TOP + row * self.row_height - self.verticalScrollBar().value()
        width = self.viewport().width() - 2 * MARGIN_SIDE
        return QRect(MARGIN_SIDE, top, max(width, 0), self.row_height)

    def _row_at(self, y: int) -> int:
        offset = y + self.verticalScrollBar().value() - MARGIN_TOP
        return offset // self.row_height if offset >= 0 else -1

    def visualRect(self, index: QModelIndex) -> QRect:
        if not index.isValid() or index.model() is not self.model():
            return QRect()
        return self._row_rect(index.row())

    def indexAt(self, point: QPoint) -> QModelIndex:
        row = self._row_at(point.y())
        inside = MARGIN_SIDE <= point.x() < self.viewport().width() - MARGIN_SIDE
        if inside and 0 <= row < self._count():
            return self.model().index(row, 0)
        return QModelIndex()

    def scrollTo(
        self,
        index: QModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if not index.isValid():
            return
        bar = self.verticalScrollBar()
        top = MARGIN_TOP + index.row() * self.row_height
        bottom = top + self.row_height
        height = self.viewport().height()
        if hint == QAbstractItemView.ScrollHint.PositionAtTop:
            bar.setValue(top)
        elif hint == QAbstractItemView.ScrollHint.PositionAtBottom:
            bar.setValue(bottom - height)
        elif hint == QAbstractItemView.ScrollHint.PositionAtCenter:
            bar.setValue(top - (height - self.row_height) // 2)
        elif top < bar.value():
            bar.setValue(top - MARGIN_TOP)
        elif bottom > bar.value() + height:
            bar.setValue(bottom - height + MARGIN_BOTTOM)

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: QModelIndex) -> bool:
        return False

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        count = self._count()
        if not count:
            return QModelIndex()
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        page = max(1, self.viewport().height() // self.row_height)
        cursor = QAbstractItemView.CursorAction
        targets = {
            cursor.MoveUp: current - 1 if current > 0 else 0,
            cursor.MovePrevious: current - 1 if current > 0 else 0,
            cursor.MoveDown: current + 1,
            cursor.MoveNext: current + 1,
            cursor.MovePageUp: current - page,
            cursor.MovePageDown: current + page,
            cursor.MoveHome: 0,
            cursor.MoveEnd: count - 1,
        }
        row = targets.get(action, current)
        return self.model().index(max(0, min(row, count - 1)), 0)

    def setSelection(self, rect: QRect, command: QItemSelectionModel.SelectionFlag) -> None:
        count = self._count()
        if not count:
            return
        first = max(0, self._row_at(rect.top()))
        last = min(count - 1, self._row_at(rect.bottom()))
        if first > last or self.selectionModel() is None:
            return
        model = self.model()
        selection = QItemSelection(model.index(first, 0), model.index(last, 0))
        self.selectionModel().select(selection, command)

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        region = QRegion()
        for selected in selection:
            top = self._row_rect(selected.top())
            bottom = self._row_rect(selected.bottom())
            region += QRect(top.topLeft(), bottom.bottomRight())
        return region

    # --- keeping the scroll range right ------------------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.rowsRemoved.disconnect(self._rows_removed)
        super().setModel(model)
        if model is not None:
            # Qt has no virtual for "rows removed", only for "about to be removed".
            model.rowsRemoved.connect(self._rows_removed)

    def _rows_removed(self, _parent: QModelIndex, first: int, _last: int) -> None:
        self.updateGeometries()
        self._update_from(first)

    def _update_from(self, row: int) -> None:
        """Repaint from ``row`` down: rows above an insertion or removal did not move."""
        top = max(0, self._row_rect(row).top())
        viewport = self.viewport()
        if top < viewport.height():
            viewport.update(QRect(0, top, viewport.width(), viewport.height() - top))

    def updateGeometries(self) -> None:
        content = MARGIN_TOP + self._count() * self.row_height + MARGIN_BOTTOM
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, content - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(self.row_height // 4)
        super().updateGeometries()

    def rowsInserted(self, parent: QModelIndex, first: int, last: int) -> None:
        super().rowsInserted(parent, first, last)
        self.updateGeometries()
        self._update_from(first)

    def rowsAboutToBeRemoved(self, parent: QModelIndex, first: int, last: int) -> None:
        super().rowsAboutToBeRemoved(parent, first, last)
        self._hover_row = -1

    def reset(self) -> None:
        super().reset()
        self._hover_row = -1
        self.updateGeometries()
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometries()

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        count = self._count()
        delegate = self.itemDelegate()
        if not count or delegate is None:
            return
        area = event.rect()
        first = max(0, self._row_at(area.top()))
        last = min(count - 1, self._row_at(area.bottom()))
        if first > last:
            return
        painter = QPainter(self.viewport())
        model = self.model()
        selection = self.selectionModel()
        current = self.currentIndex()
        focused = self.hasFocus()
        for row in range(first, last + 1):
            index = model.index(row, 0)
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            option.rect = self._row_rect(row)
            state = QStyle.StateFlag.State_Enabled
            if selection is not None and selection.isSelected(index):
                state |= QStyle.StateFlag.State_Selected
            if row == self._hover_row:
                state |= QStyle.StateFlag.State_MouseOver
            if focused and index == current:
                state |= QStyle.StateFlag.State_HasFocus
            option.state = state
            delegate.paint(painter, option, index)
        painter.end()

    # --- hover ---------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        self._set_hover(self.indexAt(event.position().toPoint()).row())

    def leaveEvent(self, event: object) -> None:  # QEvent
        super().leaveEvent(event)  # type: ignore[arg-type]
        self._set_hover(-1)

    def _set_hover(self, row: int) -> None:
        if row == self._hover_row:
            return
        for old_or_new in (self._hover_row, row):
            if old_or_new >= 0:
                self.viewport().update(self._row_rect(old_or_new))
        self._hover_row = row
