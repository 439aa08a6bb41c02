"""The list of cards of one column, with drag and drop and keyboard moves."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QMimeData, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QPaintEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QWidget

from ldboard.ui.cards.card_delegate import CardDelegate
from ldboard.ui.cards.card_list_view import MARGIN_SIDE, CardListView
from ldboard.ui.cards.column_model import CARD_ROLE, ColumnModel
from ldboard.ui.common import theme
from ldboard.ui.common.drop_line import DropLine


class ColumnView(DropLine, CardListView):
    """Shows a ``ColumnModel``; a drop asks the model to move the card in front of
    the gap under the pointer, which a blue line marks while dragging.

    Each card is as tall as its title needs (see ``CardPainter.height_for``).
    """

    variable_heights = True

    #: The user asked to go to the neighbouring column (-1 left, +1 right).
    neighbour_requested = Signal(int)
    #: Enter / double-click on a card.
    open_requested = Signal(int)
    #: A card became current (item id), so window-level actions act on it.
    current_card_changed = Signal(object)
    #: A card was selected here, so no other column may show a selected card.
    selection_taken = Signal()
    #: Right click or the Menu key on a card: (item id, global position for the menu).
    card_menu_requested = Signal(int, QPoint)

    def __init__(
        self, model: ColumnModel, delegate: CardDelegate, parent: QWidget | None = None
    ) -> None:
        self.card_painter = delegate.card_painter
        super().__init__(parent, row_height=self.card_painter.card_height(2))
        self.setObjectName(f"column:{model.column_id}")
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)  # we draw our own line between cards
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        #: Set by the column panel while the board is read-only: no drags, no drops.
        self.read_only = False
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)
        self.doubleClicked.connect(self._open_index)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.selectionModel().selectionChanged.connect(self._selection_changed)

    def column_model(self) -> ColumnModel:
        model = self.model()
        assert isinstance(model, ColumnModel)
        return model

    # --- selection helpers ---------------------------------------------------------

    def current_item_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.column_model().item_id(index.row())

    def select_item(self, item_id: int) -> bool:
        row = self.column_model().row_of(item_id)
        if row < 0:
            return False
        index = self.column_model().index(row)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def select_row(self, row: int) -> None:
        count = self.column_model().rowCount()
        if count:
            index = self.column_model().index(max(0, min(row, count - 1)))
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.column_model().item_id(index.row()))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.column_model().item_id(current.row()) if current.isValid() else None
        self.current_card_changed.emit(item)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if not selected.isEmpty():
            self.selection_taken.emit()

    def clear_highlight(self) -> None:
        """Show no selected card here (another column has the selection now)."""
        if self.selectionModel().hasSelection():
            self.selectionModel().clearSelection()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Coming back by keyboard selects the current card again, so the card that
        window actions act on is the one that looks selected."""
        super().focusInEvent(event)
        current = self.currentIndex()
        if (
            event.reason() != Qt.FocusReason.MouseFocusReason
            and current.isValid()
            and not self.selectionModel().isSelected(current)
        ):
            self.selectionModel().select(
                current, self.selectionModel().SelectionFlag.ClearAndSelect
            )

    # --- heights ----------------------------------------------------------------------

    def measure_row(self, row: int) -> int:
        card = self.column_model().card_at(row)
        if card is None:
            return self.row_height
        return self.card_painter.height_for(card, self.viewport().width() - 2 * MARGIN_SIDE)

    # --- context menu -----------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() != QContextMenuEvent.Reason.Mouse:
            self._menu_for_current()
            event.accept()
            return
        index = self.indexAt(event.pos())
        if not index.isValid():
            event.ignore()
            return
        self.setCurrentIndex(index)
        self.card_menu_requested.emit(self.column_model().item_id(index.row()), event.globalPos())
        event.accept()

    def _menu_for_current(self) -> bool:
        index = self.currentIndex()
        if not index.isValid():
            return False
        rect = self.visualRect(index)
        where = self.viewport().mapToGlobal(QPoint(rect.left() + 24, rect.top() + 24))
        self.card_menu_requested.emit(self.column_model().item_id(index.row()), where)
        return True

    # --- keyboard ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.neighbour_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
            return
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.current_item_id()
            if item is not None:
                self.open_requested.emit(item)
                return
        menu_key = key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and modifiers == Qt.KeyboardModifier.ShiftModifier
        )
        if menu_key and self._menu_for_current():
            event.accept()
            return
        super().keyPressEvent(event)

    # --- drag -------------------------------------------------------------------------

    def startDrag(self, supported: Qt.DropAction) -> None:
        """Carry the card's id; the drop target performs the move (nothing is
        removed here afterwards, unlike Qt's default)."""
        indexes = self.selectedIndexes()
        if not indexes or self.read_only:
            return
        model = self.column_model()
        drag = QDrag(self)
        drag.setMimeData(model.mimeData(indexes))
        delegate = self.itemDelegate()
        card = indexes[0].data(CARD_ROLE)
        if isinstance(delegate, CardDelegate) and card is not None:
            rect = self.visualRect(indexes[0])
            pixmap = delegate.card_painter.pixmap(card, rect.width(), self.devicePixelRatioF())
            drag.setPixmap(pixmap)
            cursor = self.viewport().mapFromGlobal(self.cursor().pos())
            drag.setHotSpot(cursor - rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    # --- drop -------------------------------------------------------------------------

    def accepts_drop(self, mime: QMimeData) -> bool:
        return not self.read_only and bool(self.column_model().dropped_items(mime))

    def dropEvent(self, event: QDropEvent) -> None:
        items = self.column_model().dropped_items(event.mimeData())
        if self.take_drop(event) is not None and items:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            self.select_item(items[0])

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.paint_drop_line()

    def drop_line_y(self, row: int) -> int:
        model = self.column_model()
        count = model.rowCount()
        if count == 0:
            return 4
        if row < count:
            return self.visualRect(model.index(row)).top() - theme.CARD_SPACING // 2 + 2
        last: QRect = self.visualRect(model.index(count - 1))
        return last.bottom() - theme.CARD_SPACING // 2 + 2

    def sizeHint(self) -> QSize:
        return QSize(theme.COLUMN_MIN_WIDTH, 400)
