"""The card editor's History page as a Qt table model: when, and what happened.

The lines come from ``Board.item_history`` (sentences built in
``domain/history.py``), newest first. While the editor is open the page hands
the model a fresh list after every change to the item: lines that are new
since the last list are inserted at the top, so the view keeps its selection
and scroll position; only a change that rewords older lines (a renamed stage
or iteration) lays the list out again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from ldboard.domain.history import HistoryLine
from ldboard.ui.common import theme
from ldboard.ui.editor.widgets import format_timestamp, friendly_timestamp

Index = QModelIndex | QPersistentModelIndex

WHEN, WHAT = 0, 1
HEADERS = ("When", "What happened")
#: The ``HistoryLine`` of a row.
LINE_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[HistoryLine] = []
        self._today = date.today()
        self._muted = QBrush(theme.MUTED_TEXT)

    # --- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._when(line) if column == WHEN else line.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return format_timestamp(line.ts) if column == WHEN else line.text
        if role == Qt.ItemDataRole.ForegroundRole and (column == WHEN or line.undo):
            return self._muted  # undone steps read as asides, times as captions
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{line.text}, {self._when(line)}"
        if role == LINE_ROLE:
            return line
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- content -------------------------------------------------------------------------

    def lines(self) -> list[HistoryLine]:
        return list(self._lines)

    def texts(self) -> list[str]:
        """What each row says, newest first."""
        return [line.text for line in self._lines]

    def set_lines(self, lines: Sequence[HistoryLine], today: date) -> None:
        """Show ``lines`` (newest first); times are told relative to ``today``."""
        fresh = list(lines)
        if today != self._today:
            self._today = today
            if self._lines:  # "Today" became "Yesterday"
                last = len(self._lines) - 1
                self.dataChanged.emit(self.index(0, WHEN), self.index(last, WHEN))
        if fresh == self._lines:
            return
        added = len(fresh) - len(self._lines)
        if added > 0 and fresh[added:] == self._lines:  # new events on top of the old ones
            self.beginInsertRows(QModelIndex(), 0, added - 1)
            self._lines = fresh
            self.endInsertRows()
            return
        self.beginResetModel()
        self._lines = fresh
        self.endResetModel()

    def _when(self, line: HistoryLine) -> str:
        return friendly_timestamp(line.ts, self._today)
