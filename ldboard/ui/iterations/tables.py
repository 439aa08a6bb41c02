"""The two planning tables: multi-select, sortable, rows dragged between them,
impact and effort chosen from a list in place."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QRegion, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ldboard.domain.rules import EFFORT_NAMES, IMPACT_NAMES
from ldboard.ui.iterations.planning_model import (
    DRIVER,
    EFFORT,
    IMPACT,
    KEY,
    PLANNED_IN,
    SCORE,
    STAGE,
    TITLE,
    PlanningTableModel,
)

Index = QModelIndex | QPersistentModelIndex
NOT_SET = "Not set"
TITLE_MIN_WIDTH = 220
#: Past this many separate selected ranges a selection change repaints the view.
MANY_RANGES = 32


class ScaleDelegate(QStyledItemDelegate):
    """Impact and effort are picked from their five named steps."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        names = IMPACT_NAMES if index.column() == IMPACT else EFFORT_NAMES
        editor = QComboBox(parent)
        editor.setObjectName("scaleEditor")
        editor.addItem(NOT_SET, 0)
        for value, name in names.items():
            editor.addItem(f"{value} · {name}", value)
        editor.activated.connect(lambda _row: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole) or 0
        editor.setCurrentIndex(max(0, editor.findData(value)))
        editor.showPopup()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PlanningTable(QTableView):
    """A planning table. Return opens the current item in the card editor."""

    open_requested = Signal(int)

    def __init__(self, model: PlanningTableModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSortingEnabled(True)
        header = self.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click goes back to board order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.verticalHeader().hide()
        # Every row is one line: Qt then never measures 10,000 rows.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setItemDelegateForColumn(IMPACT, ScaleDelegate(self))
        self.setItemDelegateForColumn(EFFORT, ScaleDelegate(self))
        widths = {KEY: 60, STAGE: 84, IMPACT: 56, EFFORT: 52, SCORE: 50, DRIVER: 96, PLANNED_IN: 96}
        for column in range(model.columnCount()):
            if column != TITLE:
                self.setColumnWidth(column, widths.get(column, 104))
        header.setMinimumSectionSize(40)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.doubleClicked.connect(self._double_clicked)

    def _header_menu(self, where: QPoint) -> None:
        """Right click on the header: show or hide columns, or go back to board order."""
        header = self.horizontalHeader()
        menu = QMenu(self)
        menu.setObjectName("planningHeaderMenu")
        board_order = menu.addAction("Sort in &Board Order")
        board_order.triggered.connect(
            lambda: header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        )
        menu.addSeparator()
        model = self.planning_model()
        for column in range(model.columnCount()):
            if column in (KEY, TITLE):
                continue
            name = str(model.headerData(column, Qt.Orientation.Horizontal))
            toggle = menu.addAction(name)
            toggle.setCheckable(True)
            toggle.setChecked(not self.isColumnHidden(column))
            toggle.toggled.connect(lambda shown, c=column: self._show_column(c, shown))
        self.header_menu = menu
        menu.popup(header.mapToGlobal(where))

    def planning_model(self) -> PlanningTableModel:
        model = self.model()
        assert isinstance(model, PlanningTableModel)
        return model

    def selected_ids(self) -> list[int]:
        """The selected items, in table order. Read from the selection's row ranges:
        ``selectedRows()`` would ask for the flags of every selected cell."""
        model = self.planning_model()
        rows: set[int] = set()
        for selected in self.selectionModel().selection():
            rows.update(range(selected.top(), selected.bottom() + 1))
        return [model.item_id(row) for row in sorted(rows)]

    def select_ids(self, ids: list[int]) -> None:
        """Select the rows of ``ids`` in one go (one selection change however many)."""
        model = self.planning_model()
        rows = sorted(r for r in (model.row_of_many(ids)) if r >= 0)
        selection = QItemSelection()
        last_column = model.columnCount() - 1
        for first, last in _runs(rows):
            selection.select(model.index(first, 0), model.index(last, last_column))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().select(selection, flags)
        if rows:
            self.selectionModel().setCurrentIndex(
                model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.scrollTo(model.index(rows[0], 0))

    def has_selection(self) -> bool:
        return self.selectionModel().hasSelection()

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() not in (IMPACT, EFFORT) or self.planning_model().read_only:
            self.open_requested.emit(self.planning_model().item_id(index.row()))

    def _show_column(self, column: int, shown: bool) -> None:
        self.setColumnHidden(column, not shown)
        self.fit_title()

    def fit_title(self) -> None:
        """The title takes the width the other columns leave, but never less than
        ``TITLE_MIN_WIDTH``: below that the table scrolls sideways instead of
        squeezing the one column a person reads."""
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != TITLE and not header.isSectionHidden(c)
        )
        self.setColumnWidth(TITLE, max(TITLE_MIN_WIDTH, self.viewport().width() - others))

    def visualRegionForSelection(self, selection: QItemSelection) -> QRegion:
        """Qt unites one rectangle per selected range to repaint; for hundreds of
        scattered rows (planning a large selection) repainting the whole viewport
        is cheaper."""
        if len(selection) > MANY_RANGES:
            return QRegion(self.viewport().rect())
        return super().visualRegionForSelection(selection)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_title()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and index.isValid():
            self.open_requested.emit(self.planning_model().item_id(index.row()))
            return
        super().keyPressEvent(event)

    def startDrag(self, supported: Qt.DropAction) -> None:
        if not self.planning_model().read_only:
            super().startDrag(supported)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
