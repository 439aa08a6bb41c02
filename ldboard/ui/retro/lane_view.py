"""The list of one lane: painted cards, drag and drop, keys, and an empty hint.

A drag carries the entry's id; the lane it is dropped on asks the session to
move the entry there (``EntryListModel.move_here``), and both lanes then
follow the change notification. Nothing is removed at the source after the
drag, unlike Qt's default, since the model changes only with the board.

Keys on a selected entry: F2 or double-click edits the text, Enter opens an
action's details (and edits any other entry's text), Space ticks an action,
Delete removes the entry, Ctrl+Up/Down reorders it and Ctrl+Left/Right moves
it to the neighbouring lane.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QWidget

from ldboard.ui.common import theme
from ldboard.ui.common.drop_line import DropLine
from ldboard.ui.retro.entry_delegate import EntryDelegate
from ldboard.ui.retro.lane_model import ENTRY_ID_ROLE, ROW_ROLE, EntryListModel
from ldboard.ui.retro.rows import EntryRow

#: A see-through list with the slim scroll bar of the board's columns.
STYLE = """
LaneView { background: transparent; }
LaneView QScrollBar:vertical { background: transparent; width: 8px; margin: 2px 0 2px 0; }
LaneView QScrollBar::handle:vertical { background: #b6c0ce; border-radius: 4px; min-height: 32px; }
LaneView QScrollBar::handle:vertical:hover { background: #94a3b8; }
LaneView QScrollBar::add-line:vertical, LaneView QScrollBar::sub-line:vertical { height: 0; }
LaneView QScrollBar::add-page:vertical, LaneView QScrollBar::sub-page:vertical {
    background: transparent;
}
"""


class LaneView(DropLine, QListView):
    DROP_LINE_INSET = 8
    #: The view got the keyboard focus (the page remembers the current lane).
    focused = Signal()
    #: A key asked for something done to an entry: ("delete" | "toggle" | "details" |
    #: "up" | "down" | "left" | "right", entry id).
    entry_requested = Signal(str, int)
    #: The context menu of an entry (``None``: of the empty lane) at a global point.
    menu_requested = Signal(object, QPoint)

    def __init__(
        self, model: EntryListModel, delegate: EntryDelegate, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet(STYLE)
        draggable = model.kind is not None
        self.setDragEnabled(draggable)
        self.setAcceptDrops(draggable)
        self.setDragDropMode(
            QAbstractItemView.DragDropMode.DragDrop
            if draggable
            else QAbstractItemView.DragDropMode.NoDragDrop
        )
        self.setDropIndicatorShown(False)  # the drop line is drawn here
        self.hint = ""
        model.dataChanged.connect(lambda *_: self.scheduleDelayedItemsLayout())

    def lane_model(self) -> EntryListModel:
        model = self.model()
        assert isinstance(model, EntryListModel)
        return model

    def current_row(self) -> EntryRow | None:
        index = self.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, EntryRow) else None

    def select_entry(self, entry_id: int) -> bool:
        row = self.lane_model().row_of(entry_id)
        if row < 0:
            return False
        index = self.lane_model().index(row)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def content_height(self) -> int:
        """Height of every card, for a list that shows all of its rows."""
        model = self.lane_model()
        total = sum(self.sizeHintForRow(r) for r in range(model.rowCount()))
        return total + 2 * self.frameWidth() + 2

    # --- keys, mouse and menu ------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.current_row()
        request = self._request_for(event, row)
        if (
            row is not None
            and request is not None
            and self.state() != QAbstractItemView.State.EditingState
        ):
            if request == "edit":
                self.edit(self.currentIndex())
            else:
                self.entry_requested.emit(request, row.id)
            event.accept()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _request_for(event: QKeyEvent, row: EntryRow | None) -> str | None:
        key, modifiers = event.key(), event.modifiers()
        control = modifiers & Qt.KeyboardModifier.ControlModifier
        if control:
            arrows = {
                Qt.Key.Key_Up: "up",
                Qt.Key.Key_Down: "down",
                Qt.Key.Key_Left: "left",
                Qt.Key.Key_Right: "right",
            }
            return arrows.get(Qt.Key(key))
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return "delete"
        if key == Qt.Key.Key_Space and row is not None and row.is_action:
            return "toggle"
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return "details" if row is not None and row.is_action else "edit"
        return None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        index = self.currentIndex() if keyboard else self.indexAt(event.pos())
        if index.isValid():
            self.setCurrentIndex(index)
        point = self.visualRect(index).center() if keyboard and index.isValid() else event.pos()
        shown = index if index.isValid() else None
        self.menu_requested.emit(shown, self.viewport().mapToGlobal(point))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        point = event.position().toPoint()
        index = self.indexAt(point)
        part = self.part_at(point)
        writable = index.isValid() and bool(index.flags() & Qt.ItemFlag.ItemIsEditable)
        clickable = part == "link" or (part == "check" and writable)
        shape = Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        self.viewport().setCursor(shape)

    def part_at(self, point: QPoint) -> str | None:
        """The part of the card under a viewport point ("check", "link", "text", …)."""
        index = self.indexAt(point)
        delegate = self.itemDelegate()
        if not index.isValid() or not isinstance(delegate, EntryDelegate):
            return None
        layout = delegate.layout_for(self, index)
        return layout.part_at(point.x(), point.y()) if layout else None

    def part_rect(self, entry_id: int, part: str) -> QRect | None:
        """Where a part of an entry's card is painted, in viewport coordinates."""
        row = self.lane_model().row_of(entry_id)
        delegate = self.itemDelegate()
        if row < 0 or not isinstance(delegate, EntryDelegate):
            return None
        layout = delegate.layout_for(self, self.lane_model().index(row))
        if layout is None:
            return None
        if part == "check":
            return layout.check
        if part == "text":
            return layout.text
        chip = layout.chip(part)
        return chip.rect if chip else None

    # --- drag ----------------------------------------------------------------------------

    def startDrag(self, supported: Qt.DropAction) -> None:
        """Carry the entry's id; the lane it is dropped on performs the move."""
        indexes = self.selectedIndexes()
        if not indexes or self.lane_model().kind is None:
            return
        if not self.lane_model().flags(indexes[0]) & Qt.ItemFlag.ItemIsDragEnabled:
            return
        drag = QDrag(self)
        drag.setMimeData(self.lane_model().mimeData(indexes))
        rect = self.visualRect(indexes[0])
        pixmap = self.viewport().grab(rect)
        drag.setPixmap(pixmap)
        drag.setHotSpot(self.viewport().mapFromGlobal(self.cursor().pos()) - rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    def accepts_drop(self, mime: QMimeData) -> bool:
        return bool(self.lane_model().dropped_entries(mime))

    def dropEvent(self, event: QDropEvent) -> None:
        self.take_drop(event)

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.lane_model()
        if not model.rowCount() and self.hint:
            painter = QPainter(self.viewport())
            painter.setPen(theme.MUTED_TEXT)
            area = self.viewport().rect().adjusted(16, 14, -16, -14)
            flags = int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            )
            painter.drawText(area, flags, self.hint)
        self.paint_drop_line()

    def drop_line_y(self, row: int) -> int:
        model = self.lane_model()
        if not model.rowCount():
            return 4
        if row < model.rowCount():
            return self.visualRect(model.index(row)).top() + 2
        return self.visualRect(model.index(model.rowCount() - 1)).bottom() - 1

    def entry_id(self, index: QModelIndex) -> int | None:
        value = index.data(ENTRY_ID_ROLE) if index.isValid() else None
        return value if isinstance(value, int) else None
