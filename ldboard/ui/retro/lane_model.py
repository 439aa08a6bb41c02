"""One lane of a retrospective as a list model, and the carried-over actions.

The models never write: typing a new text, dropping an entry or ticking an
action asks the session to perform the operation, and the model changes
when ``RetroLog`` hands it the rows read after the change. ``sync`` turns
the new rows into the fewest row signals it can (a reorder is one move, an
edit one ``dataChanged``), so views keep their selection and scroll position.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ldboard import ops
from ldboard.ui.common.session import BoardSession
from ldboard.ui.retro.rows import EntryRow

Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3

MIME_TYPE = "application/x-ldboard-retro-entries"


def encode_entries(token: str, iteration_id: int, ids: Sequence[int], text: str) -> QMimeData:
    mime = QMimeData()
    payload = {"session": token, "iteration": iteration_id, "entries": list(ids)}
    mime.setData(MIME_TYPE, json.dumps(payload).encode())
    mime.setText(text)
    return mime


def decode_entries(mime: QMimeData, token: str, iteration_id: int | None) -> list[int]:
    """Entry ids dragged from this session's ``iteration_id`` retrospective, else ``[]``."""
    if iteration_id is None or not mime.hasFormat(MIME_TYPE):
        return []
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    if (
        not isinstance(payload, dict)
        or payload.get("session") != token
        or payload.get("iteration") != iteration_id
    ):
        return []
    ids = payload.get("entries", [])
    return [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]


class EntryListModel(QAbstractListModel):
    """The entries of one lane (``kind``), or with ``kind`` ``None`` the open
    actions carried over from earlier retrospectives (not draggable: they
    belong to the retrospective they were written in)."""

    def __init__(
        self, session: BoardSession, kind: str | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"retroLane_{kind}" if kind else "retroCarried")
        self._session = session
        self._rows: list[EntryRow] = []
        #: The retrospective shown (drops from another one are refused).
        self.iteration_id: int | None = None

    # --- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.entry.text
        if role == ROW_ROLE:
            return row
        if role == ENTRY_ID_ROLE:
            return row.id
        if role == OVERDUE_ROLE:
            return row.overdue
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.describe()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        writable = not self._session.read_only
        if not index.isValid():
            droppable = writable and self.kind is not None
            return Qt.ItemFlag.ItemIsDropEnabled if droppable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if writable:
            flags |= Qt.ItemFlag.ItemIsEditable
            if self.kind is not None:
                flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Text typed in place: the session edits the entry, and the row changes
        when the change comes back."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        text = str(value)
        if text.strip() == row.entry.text.strip():
            return False
        return self._session.perform(ops.edit_retro_entry, row.id, text=text) is not None

    # --- drag and drop -----------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = [self._rows[i.row()] for i in indexes if i.isValid()]
        ids = list(dict.fromkeys(r.id for r in rows))
        text = "\n".join(r.entry.text for r in rows)
        return encode_entries(self._session.token, self.iteration_id or 0, ids, text)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def dropped_entries(self, data: QMimeData) -> list[int]:
        """Entries in a drag this lane accepts (none on a read-only board or
        for the carried actions)."""
        if self.kind is None or self._session.read_only:
            return []
        return decode_entries(data, self._session.token, self.iteration_id)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return bool(self.dropped_entries(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dropped entry in front of ``row`` (``-1``: to the end)."""
        ids = self.dropped_entries(data)
        if not ids or parent.isValid():
            return False
        for entry_id in ids:
            self.move_here(entry_id, row)
        return True

    def move_here(self, entry_id: int, row: int) -> bool:
        """Ask the session to put ``entry_id`` in front of ``row`` of this lane."""
        if self.kind is None:
            return False
        index = self.index_for_drop(entry_id, row)
        return self._session.perform(ops.move_retro_entry, entry_id, self.kind, index) is not None

    def index_for_drop(self, entry_id: int, row: int) -> int:
        """``move_retro_entry`` counts the lane without the moving entry."""
        if not 0 <= row <= len(self._rows):
            row = len(self._rows)
        current = self.row_of(entry_id)
        return row - 1 if 0 <= current < row else row

    # --- rows --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[EntryRow], iteration_id: int | None) -> None:
        """Show another retrospective (a new one was picked)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.iteration_id = iteration_id
        self.endResetModel()

    def sync(self, rows: Sequence[EntryRow]) -> None:
        """Make the rows exactly ``rows``, in order, with the fewest row signals:
        removals, then per position a move or an insertion, then ``dataChanged``
        for rows that read differently."""
        wanted = {r.id for r in rows}
        for position in range(len(self._rows) - 1, -1, -1):
            if self._rows[position].id not in wanted:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                self.endRemoveRows()
        for target, row in enumerate(rows):
            current = self.row_of(row.id)
            if current < 0:
                self.beginInsertRows(QModelIndex(), target, target)
                self._rows.insert(target, row)
                self.endInsertRows()
                continue
            if current != target:
                self._move_into_place(target, [r.id for r in rows])
            position = self.row_of(row.id)
            if self._rows[position] != row:
                self._rows[position] = row
                changed = self.index(position)
                self.dataChanged.emit(changed, changed)

    def _move_into_place(self, target: int, wanted: list[int]) -> None:
        """Rows before ``target`` are in place; bring ``wanted[target]`` there.

        When the row now at ``target`` is the only one out of place (it was
        dragged further down), moving it down is the one move that fixes it;
        otherwise the wanted row moves up to ``target``.
        """
        ids = [r.id for r in self._rows]
        displaced = ids[target]
        rest = [i for i in ids if i != displaced]
        present = set(rest)
        if rest == [i for i in wanted if i in present]:
            before = wanted[: wanted.index(displaced)]
            destination = sum(1 for i in before if i in present)
            self.beginMoveRows(QModelIndex(), target, target, QModelIndex(), destination + 1)
            self._rows.insert(destination, self._rows.pop(target))
            self.endMoveRows()
            return
        source = ids.index(wanted[target])
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), target)
        self._rows.insert(target, self._rows.pop(source))
        self.endMoveRows()

    # --- reading -----------------------------------------------------------------------

    def rows(self) -> list[EntryRow]:
        return list(self._rows)

    def row(self, position: int) -> EntryRow:
        return self._rows[position]

    def ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def row_of(self, entry_id: int) -> int:
        for position, row in enumerate(self._rows):
            if row.id == entry_id:
                return position
        return -1
