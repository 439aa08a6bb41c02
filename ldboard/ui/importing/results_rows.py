"""The results of a file as they will be recorded: each row's item, date and value.

The file names items by key or by title and writes dates and numbers its own
way ("15/01/2026", "9,5", "Level 2"); this table shows what ldboard made of
them (the item found, the date read, the number parsed), so a day and month
read the wrong way round or a title matched to the wrong item is seen before
anything is written. It is a ``QTableWidget`` (its cells live in Qt), which
keeps Python ``data()`` out of the picture (DESIGN.md §7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ldboard.ops.measuring import MeasurementRow
from ldboard.ui.editor.results_table import level_text
from ldboard.ui.editor.widgets import format_day, format_number

#: Rows shown (a file of thousands is checked by its problems and counts, not read).
SHOWN_ROWS = 500
HEADERS = ("Line", "Key", "Item", "Date", "Label", "Value", "Source", "Level")
LINE, KEY, TITLE, DATE, LABEL, VALUE, SOURCE, LEVEL = range(len(HEADERS))
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class RecordedRows(QTableWidget):
    """One row per measurement the import would record, in the file's order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("resultsRows")
        self.setHorizontalHeaderLabels(list(HEADERS))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)

    def show_rows(
        self, rows: Sequence[MeasurementRow], items: Mapping[int, tuple[str, str]]
    ) -> None:
        """Show ``rows`` (the first :data:`SHOWN_ROWS`); ``items`` gives each item
        id's key and title."""
        shown = rows[:SHOWN_ROWS]
        self.setRowCount(0)
        self.setRowCount(len(shown))
        for number, row in enumerate(shown):
            key, title = items.get(row.item_id, ("", ""))
            texts = (
                str(row.line),
                key,
                title,
                format_day(row.measured_on),
                row.label,
                format_number(row.value),
                row.source,
                level_text(row.level),
            )
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if column in (LINE, VALUE):
                    cell.setTextAlignment(_RIGHT)
                if column == TITLE:
                    cell.setToolTip(f"{key} {title}")
                elif column == DATE:
                    cell.setToolTip(row.measured_on)
                self.setItem(number, column, cell)
        for column in range(len(HEADERS)):
            if column != TITLE:
                self.resizeColumnToContents(column)

    def texts(self, row: int) -> list[str]:
        """The cells of ``row`` as shown (what a person reads)."""
        return [self.item(row, column).text() for column in range(self.columnCount())]
