"""The first rows of a spreadsheet, with a field chooser above each of its columns.

A person sees their own sheet as it was read (so a wrong delimiter or encoding
is obvious at a glance) and says, column by column, which field of an item it
feeds; ldboard's guess from the headers is the starting point.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QTableWidget, QTableWidgetItem, QWidget

from ldboard.io.csv_import import FIELD_LABELS, ColumnMapping, Table

#: Rows of the file shown under the choosers.
PREVIEW_ROWS = 8
IGNORE = "— not imported —"


class MappingPreview(QTableWidget):
    """Row 0: a chooser per column; then the first rows of the file."""

    mapping_changed = Signal(object)  # ColumnMapping

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.mapping: ColumnMapping | None = None
        self.choosers: list[QComboBox] = []

    def show_table(self, table: Table, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        rows = table.rows[:PREVIEW_ROWS]
        self.clear()
        self.setColumnCount(len(table.header))
        self.setRowCount(1 + len(rows))
        self.setHorizontalHeaderLabels([h or f"Column {n + 1}" for n, h in enumerate(table.header)])
        self.choosers = []
        for column in range(len(table.header)):
            chooser = QComboBox(self)
            chooser.setObjectName(f"importField{column}")
            chooser.addItem(IGNORE, "")
            for name, label in FIELD_LABELS.items():
                chooser.addItem(label, name)
            chooser.setCurrentIndex(max(chooser.findData(mapping.fields[column] or ""), 0))
            chooser.currentIndexChanged.connect(lambda _index, column=column: self._chosen(column))
            self.setCellWidget(0, column, chooser)
            self.choosers.append(chooser)
        for n, row in enumerate(rows, start=1):
            for column, text in enumerate(row.cells[: len(table.header)]):
                cell = QTableWidgetItem(text.replace("\n", " ⏎ "))
                cell.setToolTip(text)
                self.setItem(n, column, cell)
        self.resizeColumnsToContents()
        for column in range(self.columnCount()):
            self.setColumnWidth(column, min(max(self.columnWidth(column), 150), 320))

    def _chosen(self, column: int) -> None:
        if self.mapping is None:
            return
        name = self.choosers[column].currentData() or None
        self.mapping = self.mapping.with_field(column, name)
        # Another column that fed this field feeds nothing now: show it.
        for other, chooser in enumerate(self.choosers):
            wanted = self.mapping.fields[other] or ""
            if chooser.currentData() != wanted:
                chooser.blockSignals(True)
                chooser.setCurrentIndex(max(chooser.findData(wanted), 0))
                chooser.blockSignals(False)
        self.mapping_changed.emit(self.mapping)
