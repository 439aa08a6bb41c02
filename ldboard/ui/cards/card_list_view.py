"""A vertical list of cards whose geometry is kept as prefix sums.

``QListView`` lays out every row again after each insertion or removal, and
for each row it calls the model's ``rowCount()`` — a Python call — twice.
With 10,000 cards in a column that alone costs more than a frame. Here a
row's rectangle comes from a ``RowGeometry`` (heights and their running
totals): layout after an insertion is a C-level prefix sum, hit-testing is a
binary search and painting touches only the visible rows.

By default every row is ``row_height`` tall. A subclass whose rows differ
(a card with a one-line title is shorter) sets ``variable_heights`` and
implements :meth:`CardListView.measure_row`; rows are then measured only
when they come into view, and until then count as ``row_height`` (the
tallest card), so opening a huge column never measures every card.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QRegion, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QWidget

from ldboard.ui.cards.row_geometry import RowGeometry
from ldboard.ui.common import theme

MARGIN_TOP = 4
MARGIN_SIDE = 8
MARGIN_BOTTOM = 4
#: Rows inserted at once that are measured straight away (a change adds one or two).
MEASURE_ON_INSERT = 64


class CardListView(QAbstractItemView):
    """Shows a one-column list model as a stack of rows painted by the delegate."""

    #: Rows may differ in height (see :meth:`measure_row`).
    variable_heights = False

    def __init__(
        self, parent: QWidget | None = None, *, row_height: int = theme.CARD_HEIGHT
    ) -> None:
        super().__init__(parent)
        self.row_height = row_height
        self.rows = RowGeometry(row_height)
        self._measuring = False
        self._geometry_pending = False
        self.setMouseTracking(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._hover_row = -1

    def measure_row(self, row: int) -> int:
        """The height ``row`` needs (only called when ``variable_heights`` is set)."""
        return self.row_height

    # --- geometry -------------------------------------------------------------------------

    def _count(self) -> int:
        return len(self.rows)

    def _row_rect(self, row: int) -> QRect:
        top = MARGIN_TOP + self.rows.top(row) - self.verticalScrollBar().value()
        width = self.viewport().width() - 2 * MARGIN_SIDE
        return QRect(MARGIN_SIDE, top, max(width, 0), self.rows.height(row))

    def _row_at(self, y: int) -> int:
        return self.rows.row_at(y + self.verticalScrollBar().value() - MARGIN_TOP)

    def visualRect(self, index: QModelIndex | QPersistentModelIndex) -> QRect:
        if not index.isValid() or index.model() is not self.model():
            return QRect()
        if not 0 <= index.row() < self._count():
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
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if not index.isValid() or not 0 <= index.row() < self._count():
            return
        row = index.row()
        self._measure(row, row)
        bar = self.verticalScrollBar()
        top = MARGIN_TOP + self.rows.top(row)
        height = self.rows.height(row)
        bottom = top + height
        viewport = self.viewport().height()
        if hint == QAbstractItemView.ScrollHint.PositionAtTop:
            bar.setValue(top)
        elif hint == QAbstractItemView.ScrollHint.PositionAtBottom:
            bar.setValue(bottom - viewport)
        elif hint == QAbstractItemView.ScrollHint.PositionAtCenter:
            bar.setValue(top - (viewport - height) // 2)
        elif top < bar.value():
            bar.setValue(top - MARGIN_TOP)
        elif bottom > bar.value() + viewport:
            bar.setValue(bottom - viewport + MARGIN_BOTTOM)

    def horizontalOffset(self) -> int:
        return 0

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: QModelIndex | QPersistentModelIndex) -> bool:
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

    # --- keeping the rows and the scroll range right -------------------------------------------

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.rowsRemoved.disconnect(self._rows_removed)
            old.layoutChanged.disconnect(self._layout_changed)
        super().setModel(model)
        if model is not None:
            # Qt has no virtual for "rows removed", only for "about to be removed".
            model.rowsRemoved.connect(self._rows_removed)
            model.layoutChanged.connect(self._layout_changed)
        self._reset_rows()

    def _reset_rows(self) -> None:
        model = self.model()
        count = model.rowCount() if model is not None else 0
        self.rows.reset(count, measured=not self.variable_heights)

    def _rows_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.rows.remove(first, last)
        self.updateGeometries()
        self._update_from(first)

    def _layout_changed(self, *_args: object) -> None:
        self._reset_rows()
        # Measure the rows now in view before anything paints, so a filter
        # keystroke costs one paint, not a paint and a second one once the
        # heights are known.
        self._measure_visible(anchor=False)
        self.updateGeometries()
        self.viewport().update()

    def _update_from(self, row: int) -> None:
        """Repaint from ``row`` down: rows above an insertion or removal did not move."""
        top = max(0, self._row_rect(row).top()) if row < self._count() else 0
        viewport = self.viewport()
        if top < viewport.height():
            viewport.update(QRect(0, top, viewport.width(), viewport.height() - top))

    def doItemsLayout(self) -> None:
        """Qt's delayed relayout after a model change. The slots above have already
        laid out and repainted exactly what changed; repainting the whole
        viewport again here would paint every filter keystroke twice."""
        self.updateGeometries()

    def updateGeometries(self) -> None:
        content = MARGIN_TOP + self.rows.total() + MARGIN_BOTTOM
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, content - self.viewport().height()))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(self.row_height // 4)
        super().updateGeometries()

    def rowsInserted(
        self, parent: QModelIndex | QPersistentModelIndex, first: int, last: int
    ) -> None:
        count = last - first + 1
        self.rows.insert(first, count, measured=not self.variable_heights)
        super().rowsInserted(parent, first, last)
        if self.variable_heights and count <= MEASURE_ON_INSERT:
            self._measure(first, last)
        self.updateGeometries()
        self._update_from(first)

    def rowsAboutToBeRemoved(
        self, parent: QModelIndex | QPersistentModelIndex, first: int, last: int
    ) -> None:
        super().rowsAboutToBeRemoved(parent, first, last)
        self._hover_row = -1

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        super().dataChanged(top_left, bottom_right, roles)
        if not self.variable_heights or not top_left.isValid() or not bottom_right.isValid():
            return
        first, last = top_left.row(), bottom_right.row()
        if not 0 <= first <= last < self._count():
            return
        self.rows.forget(first, last)
        # A hidden list (the board behind another screen) measures the rows when
        # it is shown again: planning 500 cards must not lay out 500 cards.
        if not self.isVisible():
            return
        if last - first < MEASURE_ON_INSERT and self._measure(first, last):
            self.updateGeometries()
            self._update_from(first)

    def reset(self) -> None:
        super().reset()
        self._hover_row = -1
        self._reset_rows()
        self.updateGeometries()
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.variable_heights and event.size().width() != event.oldSize().width():
            self.rows.forget()  # titles wrap differently: measure again as rows show
        self.updateGeometries()

    # --- measuring rows as they come into view ---------------------------------------------

    def _measure(self, first: int, last: int) -> bool:
        """Measure the unmeasured rows ``first``..``last``; whether any height changed."""
        if not self.variable_heights:
            return False
        changed = False
        rows = self.rows
        for row in range(first, last + 1):
            if not rows.is_measured(row) and rows.set_height(row, self.measure_row(row)):
                changed = True
        return changed

    def _measure_visible(self, *, anchor: bool) -> bool:
        """Measure the rows in view; whether any height changed.

        With ``anchor``, a row that starts above the viewport and changes height
        moves the scroll position by as much, so the cards in view stay put.
        """
        if not self.variable_heights or self._measuring or self.rows.all_measured():
            return False
        self._measuring = True
        try:
            rows, count = self.rows, self._count()
            bar = self.verticalScrollBar()
            value = bar.value()
            height = self.viewport().height()
            row = max(0, rows.row_at(value - MARGIN_TOP))
            changed = False
            while row < count and MARGIN_TOP + rows.top(row) < value + height:
                if not rows.is_measured(row):
                    delta = rows.set_height(row, self.measure_row(row))
                    if delta:
                        changed = True
                        if anchor and MARGIN_TOP + rows.top(row) < value:
                            value += delta
                row += 1
            if changed and anchor:
                self.updateGeometries()
                bar.setValue(value)
            return changed
        finally:
            self._measuring = False

    def _settle_geometry(self) -> None:
        """After rows were measured while painting: the scroll range and a full repaint."""
        self._geometry_pending = False
        self.updateGeometries()
        self.viewport().update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._measure_visible(anchor=True)

    def showEvent(self, event: object) -> None:  # QShowEvent
        super().showEvent(event)  # type: ignore[arg-type]
        self._measure_visible(anchor=True)

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
        if self._measure_visible(anchor=False):
            # Heights are right now; the scroll range catches up after this paint.
            last = min(count - 1, self._row_at(area.bottom()))
            if not self._geometry_pending:
                self._geometry_pending = True
                QTimer.singleShot(0, self, self._settle_geometry)
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
