"""The first rows of a spreadsheet, with a field chooser above each of its columns.

A person sees their own sheet as it was read (so a wrong delimiter or encoding
is obvious at a glance) and says, column by column, which field it feeds (of
an item, or of a measurement for a results file); ldboard's guess from the
headers is the starting point.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QTableWidget, QTableWidgetItem, QWidget

from ldboard.io.csv_import import FIELD_LABELS, Table

#: Rows of the file shown under the choosers.
PREVIEW_ROWS = 8
IGNORE = "— not imported —"


class FieldMapping(Protocol):
    """Which field each column feeds (``csv_import.ColumnMapping``,
    ``results_import.ResultsMapping``)."""

    @property
    def fields(self) -> tuple[str | None, ...]: ...

    def with_field(self, index: int, name: str | None) -> FieldMapping: ...


class MappingPreview(QTableWidget):
    """Row 0: a chooser per column; then the first rows of the file."""

    mapping_changed = Signal(object)  # the new FieldMapping

    def __init__(
        self, parent: QWidget | None = None, *, fields: Mapping[str, str] = FIELD_LABELS
    ) -> None:
        super().__init__(parent)
        #: The fields a column can feed, by name, with the label the chooser shows.
        self.fields = dict(fields)
        self.setObjectName("importPreview")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.mapping: FieldMapping | None = None
        self.choosers: list[QComboBox] = []

    def show_table(self, table: Table, mapping: FieldMapping) -> None:
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
            for name, label in self.fields.items():
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

    def forget(self) -> None:
        """Show nothing (the file could not be read)."""
        self.mapping = None
        self.choosers = []
        self.clear()
        self.setRowCount(0)
        self.setColumnCount(0)

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
