"""The card editor's list of an item's results, oldest first like the sparkline beside it.

The list holds the results as they will be saved (``MeasurementEntry``: stored
ones keep their id, new ones have none) and shows them in a ``QTableWidget``.
A widget table rather than a Python model keeps Qt from ever calling a Python
``data()`` for these cells (see the PySide6 ``None`` note in DESIGN §7), and a
card has a handful of results, so filling the rows again is instant.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ldboard.domain.measurements import Measurement
from ldboard.ops.measuring import MeasurementEntry
from ldboard.ui.editor.widgets import (
    EVALUATION_LEVEL_NAMES,
    compact_table,
    format_day,
    format_number,
)

HEADERS = ("Date", "Label", "Value", "Source", "Level")
DATE, LABEL, VALUE, SOURCE, LEVEL = range(len(HEADERS))
#: Rows shown before the list scrolls: enough for baseline, pilot and 30/60/90 days.
VISIBLE_ROWS = 5


def level_text(level: int | None) -> str:
    if level is None:
        return ""
    return f"{level} · {EVALUATION_LEVEL_NAMES.get(level, '?')}"


class ResultsTable(QTableWidget):
    """Shows and holds the results being edited; the newest is the last row."""

    def __init__(self) -> None:
        super().__init__(0, len(HEADERS))
        self._entries: list[MeasurementEntry] = []
        header = compact_table(self, HEADERS, QAbstractItemView.EditTrigger.NoEditTriggers)
        for column in range(len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        frame = 2 * self.frameWidth()
        self.setFixedHeight(
            header.sizeHint().height()
            + VISIBLE_ROWS * self.verticalHeader().defaultSectionSize()
            + frame
        )

    # --- content -------------------------------------------------------------------------

    def entries(self) -> tuple[MeasurementEntry, ...]:
        """The results as Save would send them, oldest first."""
        return tuple(self._entries)

    def set_entries(self, entries: Sequence[MeasurementEntry]) -> None:
        """Show ``entries``, which are already oldest first (as the board reads them)."""
        self._entries = list(entries)
        self._fill()

    def add(self, entry: MeasurementEntry) -> int:
        """Add a new result in date order and select it; returns its row.

        A result added on a day that already has some goes after them: it is
        recorded last, so it counts as that day's newest (as ``latest`` decides).
        """
        row = bisect_right([e.measured_on for e in self._entries], entry.measured_on)
        self._entries.insert(row, entry)
        self._fill()
        self.selectRow(row)
        return row

    def remove_current(self) -> MeasurementEntry | None:
        """Remove the selected result (keeping a row selected nearby); ``None``: none was."""
        row = self.current_row()
        if row < 0:
            return None
        removed = self._entries.pop(row)
        self._fill()
        if self._entries:
            self.selectRow(min(row, len(self._entries) - 1))
        return removed

    def current_row(self) -> int:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def as_measurements(self, item_id: int) -> list[Measurement]:
        """The entries as measurements, numbered in list order (for the sparkline)."""
        return [
            Measurement(n, item_id, e.measured_on, e.value, e.label, e.source, e.level)
            for n, e in enumerate(self._entries, start=1)
        ]

    def _fill(self) -> None:
        self.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            texts = (
                format_day(entry.measured_on),
                entry.label,
                format_number(entry.value),
                entry.source,
                level_text(entry.level),
            )
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == VALUE:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == DATE:
                    cell.setToolTip(entry.measured_on)
                elif text:
                    cell.setToolTip(text)
                self.setItem(row, column, cell)
