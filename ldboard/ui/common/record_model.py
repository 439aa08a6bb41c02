"""A table model over records that each carry an ``id``.

Dialog lists (archived items, tags, people) re-read what a change touched and
hand the fresh records to :meth:`RecordTableModel.put` or :meth:`sync`. Rows
are removed, updated in place or appended — never reset — so views keep their
selection and scroll position while the board changes underneath them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def record(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, record_id: int) -> int:
        """Row of the record with this id, or -1."""
        for row, record in enumerate(self._rows):
            if record.id == record_id:
                return row
        return -1

    def put(self, record_id: int, record: Any | None) -> None:
        """Show ``record`` for this id (append, or update in place); ``None`` removes it."""
        row = self.row_of(record_id)
        if row >= 0 and record is None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        elif row >= 0:
            if record != self._rows[row]:
                self._rows[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        elif record is not None:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append(record)
            self.endInsertRows()

    def sync(self, records: Iterable[Any]) -> None:
        """Make the rows exactly ``records`` (by id), touching only what differs."""
        fresh = list(records)
        wanted = {record.id for record in fresh}
        for record in [r for r in self._rows if r.id not in wanted]:
            self.put(record.id, None)
        for record in fresh:
            self.put(record.id, record)

    def columns_changed(self, column: int) -> None:
        """Every row's cell in ``column`` reads differently now."""
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))
