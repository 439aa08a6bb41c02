"""One side of the planning screen: a sortable table of initiatives.

The backlog and the selected iteration are two ``PlanningTableModel``s fed by
one ``PlanningRows`` (``planning_rows.py``), which re-reads what each change
touched. Rows are removed, inserted and updated in place, never reset for a
change, so selection and scroll position survive planning and rescoring.

Sorting happens in the model with Python's ``sorted`` on prepared keys: a
``QSortFilterProxyModel`` would call ``data()`` once per comparison, which costs
hundreds of milliseconds on 10,000 rows. Sort order ``-1`` is board order (stage,
then priority inside the stage), the order a person plans in.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from ldboard import ops
from ldboard.domain.enums import Driver
from ldboard.domain.iterations import PlanningRow
from ldboard.domain.rules import EFFORT_NAMES, IMPACT_NAMES
from ldboard.ui.cards.card_mime import MIME_TYPE, decode_items, encode_items
from ldboard.ui.common.session import BoardSession
from ldboard.ui.iterations.board_score import BoardScore

Index = QModelIndex | QPersistentModelIndex

_SHOWN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DRAGGABLE = _SHOWN | Qt.ItemFlag.ItemIsDragEnabled
_SCALE = _DRAGGABLE | Qt.ItemFlag.ItemIsEditable
_DROP_TARGET = Qt.ItemFlag.ItemIsDropEnabled
_PLANNED_ELSEWHERE = QColor("#64748b")
#: More rows than this arriving, leaving or changing at once (planning a whole
#: selection) make one layout change instead of a signal per row: a row signal
#: costs a pass over the view's rows, which adds up to seconds on 500 rows.
BULK_ROWS = 24

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The columns, in order: (header, what the column shows, how it sorts).
COLUMNS = (
    "Key",
    "Title",
    "Stage",
    "Impact",
    "Effort",
    "Score",
    "Driver",
    "Requester",
    "Sponsor",
    "Planned In",
)
KEY, TITLE, STAGE, IMPACT, EFFORT, SCORE, DRIVER, REQUESTER, SPONSOR, PLANNED_IN = range(
    len(COLUMNS)
)
_TIPS = {
    IMPACT: "How much the initiative moves the business goal (1 minimal – 5 transformative)",
    EFFORT: "What it costs to build and run (1 trivial – 5 very large); capacity counts this",
    SCORE: "Impact ÷ effort: the higher, the more value for the work",
    PLANNED_IN: "The iteration an item is already planned into, if any",
}


def _driver_label(value: str | None) -> str:
    if not value:
        return ""
    try:
        return Driver(value).label
    except ValueError:
        return value


def _scale_text(value: int | None, names: dict[int, str]) -> str:
    return f"{value} · {names[value]}" if value in names else ""


def _key_number(key: str) -> tuple[int, str]:
    """ "LD-42" sorts after "LD-9": by the number at the end, then the text."""
    digits = re.search(r"(\d+)$", key)
    return (int(digits.group(1)) if digits else -1, key)


#: Board order of a row: (stage position, rank inside the stage).
BoardOrder = Callable[[PlanningRow], tuple[int, float]]
#: The name of an iteration by id ("" for none).
IterationName = Callable[[int | None], str]


def _sort_value(
    column: int, board_order: BoardOrder, iteration_name: IterationName, score_of: BoardScore
) -> Callable[[PlanningRow], Any]:
    """What a column sorts by; ``None`` (missing) sorts last either way."""
    getters: dict[int, Callable[[PlanningRow], Any]] = {
        KEY: lambda r: _key_number(r.key),
        TITLE: lambda r: r.title.casefold(),
        STAGE: board_order,
        IMPACT: lambda r: r.impact,
        EFFORT: lambda r: r.effort,
        SCORE: score_of,
        DRIVER: lambda r: _driver_label(r.driver).casefold() or None,
        REQUESTER: lambda r: r.requester.casefold() or None,
        SPONSOR: lambda r: r.sponsor.casefold() or None,
        PLANNED_IN: lambda r: iteration_name(r.iteration_id).casefold() or None,
    }
    return getters[column]


class PlanningTableModel(QAbstractTableModel):
    """Initiatives as table rows, sortable, draggable, with impact and effort
    editable in place (through the same operation as the matrix uses)."""

    #: Item ids dropped on this table (from the other one).
    items_dropped = Signal(list)

    def __init__(
        self,
        session: BoardSession,
        name: str,
        board_order: BoardOrder,
        iteration_name: IterationName,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._session = session
        self._board_order = board_order
        self._iteration_name = iteration_name
        self.score_of = BoardScore(session.board)  # the board's score; shared by PlanningRows
        self._rows: dict[int, PlanningRow] = {}
        #: What each row shows, column by column, made when first painted: a
        #: repaint asks for every visible cell, and Python string work adds up.
        self._texts: dict[int, tuple[str, ...]] = {}
        #: Sort keys of the rows under the current order (see ``_key_function``).
        self._keys: dict[int, Any] = {}
        self._order: list[int] = []
        self._sort_column = -1
        self._descending = False
        self.read_only = False
        #: The backlog shows items already planned into another iteration muted.
        self.mute_planned = False

    # --- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in _TIPS:
            return self.score_of.tip if section == SCORE else _TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._order):
            return None
        item_id = self._order[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(item_id)
            if texts is None:
                row = self._rows[item_id]
                texts = self._texts[item_id] = tuple(
                    self._display(row, c) for c in range(len(COLUMNS))
                )
            return texts[column]
        row = self._rows[item_id]
        if role == Qt.ItemDataRole.EditRole:
            value = row.impact if column == IMPACT else row.effort if column == EFFORT else None
            return value or 0
        if role == ITEM_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and self.mute_planned and row.iteration_id:
            return _PLANNED_ELSEWHERE
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (IMPACT, EFFORT, SCORE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _tooltip(row: PlanningRow, column: int) -> str:
        if column == IMPACT:
            return f"Impact {_scale_text(row.impact, IMPACT_NAMES) or 'not set'}"
        if column == EFFORT:
            return f"Effort {_scale_text(row.effort, EFFORT_NAMES) or 'not set'}"
        return f"{row.key} {row.title}"

    def _display(self, row: PlanningRow, column: int) -> str:
        if column == KEY:
            return row.key
        if column == TITLE:
            return row.title
        if column == STAGE:
            return row.stage
        if column == IMPACT:
            return str(row.impact or "")
        if column == EFFORT:
            return str(row.effort or "")
        if column == SCORE:
            value = self.score_of(row)
            return "" if value is None else f"{value:.2f}"
        if column == DRIVER:
            return _driver_label(row.driver)
        if column == REQUESTER:
            return row.requester
        if column == SPONSOR:
            return row.sponsor
        return self._iteration_name(row.iteration_id)

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Qt asks for the flags of every selected cell whenever the selection is
        # read: combining enums here each time would cost seconds on 500 rows.
        if not index.isValid():
            return _DROP_TARGET
        if self.read_only:
            return _SHOWN
        return _SCALE if index.column() in (IMPACT, EFFORT) else _DRAGGABLE

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An impact or effort typed in the table rescores the item through the
        session; the table updates when the change comes back."""
        if role != Qt.ItemDataRole.EditRole or index.column() not in (IMPACT, EFFORT):
            return False
        row = self._rows[self._order[index.row()]]
        number = int(value) if value else None
        impact = number if index.column() == IMPACT else row.impact
        effort = number if index.column() == EFFORT else row.effort
        if (impact, effort) == (row.impact, row.effort):
            return False
        return self._session.perform(ops.rescore_item, row.id, impact, effort) is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._order[i.row()] for i in persistent]
        self._sort_column = column if 0 <= column < len(COLUMNS) else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._sort_order()
        if persistent:
            rows = self._positions()
            moved = [self.index(rows[i], p.column()) for i, p in zip(ids, persistent, strict=True)]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # --- drag and drop -----------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(self._order[i.row()] for i in indexes if i.isValid()))
        keys = ", ".join(self._rows[i].key for i in ids)
        return encode_items(self._session.token, ids, keys)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = decode_items(data, self._session.token)
        return not self.read_only and any(i not in self._rows for i in ids)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Rows dragged from the other table: the page plans or unplans them."""
        ids = [i for i in decode_items(data, self._session.token) if i not in self._rows]
        if self.read_only or not ids:
            return False
        self.items_dropped.emit(ids)
        # The source table has no removeRows: the rows leave it through the change
        # notification, like every other change.
        return True

    # --- rows --------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[PlanningRow]) -> None:
        """Show exactly ``rows`` (another iteration was picked, or the board reloaded)."""
        self.beginResetModel()
        self._rows = {row.id: row for row in rows}
        self._texts.clear()
        self._order = list(self._rows)
        self._sort_order()
        self.endResetModel()

    def update_rows(self, fresh: Iterable[PlanningRow], gone: Iterable[int]) -> None:
        """Rows that changed or arrived (``fresh``) and ids that left the table."""
        leaving = set(gone) & self._rows.keys()
        fresh = [row for row in fresh if self._rows.get(row.id) != row]
        if len(leaving) + len(fresh) > BULK_ROWS:
            self._relayout(leaving, fresh)
            return
        gone_rows = [pos for pos, item_id in enumerate(self._order) if item_id in leaving]
        for first, last in _runs_descending(gone_rows[::-1]):
            self.beginRemoveRows(QModelIndex(), first, last)
            for item_id in self._order[first : last + 1]:
                self._forget(item_id)
            del self._order[first : last + 1]
            self.endRemoveRows()
        key = self._key_function()
        arriving = []
        for row in fresh:
            old = self._rows.get(row.id)
            if old is None:
                arriving.append(row)
                continue
            self._rows[row.id] = row
            self._texts.pop(row.id, None)
            self._keys[row.id] = key(row)
            if key(old) != key(row):
                self._move_to_place(row)
            else:
                position = self._order.index(row.id)
                self.dataChanged.emit(
                    self.index(position, 0), self.index(position, len(COLUMNS) - 1)
                )
        self._insert(arriving)

    def _relayout(self, leaving: set[int], fresh: list[PlanningRow]) -> None:
        """Many rows at once: one layout change. Selected and current rows that
        stay keep their selection (their persistent indexes follow them); those
        that left become invalid, as after a removal. The order is merged, not
        sorted again: the rows that stay are already in order."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._order[index.row()] for index in persistent]
        key = self._key_function()
        moving = {row.id for row in fresh}
        for item_id in leaving:
            self._forget(item_id)
        for row in fresh:
            self._rows[row.id] = row
            self._texts.pop(row.id, None)
            self._keys[row.id] = key(row)
        keys = self._keys
        staying = [i for i in self._order if i not in leaving and i not in moving]
        placed = sorted(moving, key=keys.__getitem__)
        self._order = list(heapq.merge(staying, placed, key=keys.__getitem__))
        rows = self._positions()
        moved = [
            self.index(rows[i], p.column()) if i in rows else QModelIndex()
            for i, p in zip(ids, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _forget(self, item_id: int) -> None:
        del self._rows[item_id]
        self._texts.pop(item_id, None)
        self._keys.pop(item_id, None)

    def _insert(self, rows: list[PlanningRow]) -> None:
        key = self._key_function()
        keys = [self._keys[i] for i in self._order]
        for row in sorted(rows, key=key):
            value = key(row)
            position = bisect.bisect_right(keys, value)
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows[row.id] = row
            self._keys[row.id] = value
            self._order.insert(position, row.id)
            keys.insert(position, value)
            self.endInsertRows()

    def _move_to_place(self, row: PlanningRow) -> None:
        source = self._order.index(row.id)
        rest = [self._keys[i] for i in self._order if i != row.id]
        target = bisect.bisect_right(rest, self._keys[row.id])
        if target == source:
            self.dataChanged.emit(self.index(source, 0), self.index(source, len(COLUMNS) - 1))
            return
        destination = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self._order.pop(source)
        self._order.insert(target, row.id)
        self.endMoveRows()
        self.dataChanged.emit(self.index(target, 0), self.index(target, len(COLUMNS) - 1))

    def _sort_order(self) -> None:
        key, rows = self._key_function(), self._rows
        self._keys = {item_id: key(row) for item_id, row in rows.items()}
        self._order.sort(key=self._keys.__getitem__)

    def _key_function(self) -> Callable[[PlanningRow], Any]:
        """Board order, or the sorted column with missing values last and board
        order breaking ties (so sorting is stable and repeatable)."""
        order = self._board_order
        if self._sort_column < 0:
            return order
        get = _sort_value(self._sort_column, order, self._iteration_name, self.score_of)
        descending = self._descending

        def key(row: PlanningRow) -> Any:
            value = get(row)
            if value is None:
                return (1, 0, order(row))
            return (0, _Reversed(value) if descending else value, order(row))

        return key

    def _positions(self) -> dict[int, int]:
        return {item_id: n for n, item_id in enumerate(self._order)}

    # --- reading -----------------------------------------------------------------------

    def names_changed(self) -> None:
        """Iterations were renamed: the "Planned In" texts are made again (and the
        rows sorted again when they are sorted by it)."""
        self._texts.clear()
        if self._sort_column == PLANNED_IN:
            order = (
                Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
            )
            self.sort(PLANNED_IN, order)
        elif self._order:
            last = len(self._order) - 1
            self.dataChanged.emit(self.index(0, PLANNED_IN), self.index(last, PLANNED_IN))

    def ids(self) -> list[int]:
        return list(self._order)

    def item_id(self, row: int) -> int:
        return self._order[row]

    def row_of_many(self, ids: Iterable[int]) -> list[int]:
        """Rows of ``ids`` (-1 for those not here), in one pass over the table."""
        rows = self._positions()
        return [rows.get(item_id, -1) for item_id in ids]

    def row_of(self, item_id: int) -> int:
        try:
            return self._order.index(item_id)
        except ValueError:
            return -1

    def rows(self) -> list[PlanningRow]:
        return [self._rows[i] for i in self._order]

    def contains(self, item_id: int) -> bool:
        return item_id in self._rows

    def total_effort(self) -> int:
        return sum(row.effort or 0 for row in self._rows.values())


class _Reversed:
    """Wraps a value so that ``sorted`` puts bigger values first."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return other.value < self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and other.value == self.value


def _runs_descending(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted-descending row numbers as (first, last) runs, bottom run first."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][0] == row + 1:
            runs[-1] = (row, runs[-1][1])
        else:
            runs.append((row, row))
    return runs
