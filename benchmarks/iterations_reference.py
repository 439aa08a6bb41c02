"""The reference the planning screen is compared with: two ``QTableWidget``s.

This is the obvious way to build the planning screen with Qt widgets, and the
one ldboard avoids (docs/architecture.md): the backlog and the selected
iteration as two ``QTableWidget``s filled item by item, a ``QTableWidgetItem``
per cell, sorted by Qt when a header is clicked. It reads the same rows from
the same board file as ldboard's planning screen (``Board.planning_rows``),
splits them the same way (the backlog: open items not in the selected
iteration nor in a closed one; the iteration: every item planned into it), and
shows the same nine columns in a window the size of ldboard's page.

Like the other references it is a simple baseline, not a lower bound of every
widget table: it has no style sheet, no capacity bar, no drag and drop and no
in-place editing, and planning only moves rows between the two widgets; it
writes nothing to the file. Numbers are stored as numbers, so Qt sorts them
in C++ without calling back into Python.

``ReferencePlanning`` drives it for ``iterations_worker.py`` with the same
calls as the worker's driver of ldboard's window.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from _common import RepaintProbe, drain, settle
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.enums import Driver
from ldboard.domain.iterations import PlanningRow
from ldboard.store import Board

#: The same columns as ldboard's planning tables, then a hidden one holding
#: the board order (stage, then rank), which is the tables' default order.
HEADERS = ("Key", "Title", "Stage", "Impact", "Effort", "Score", "Driver", "Requester", "Sponsor")
BOARD_ORDER = len(HEADERS)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: ldboard's planning page in the offscreen main window (the benchmark passes the measured size).
PAGE_SIZE = (798, 656)


def _driver(value: str | None) -> str:
    if not value:
        return ""
    try:
        return Driver(value).label
    except ValueError:
        return value


def _cells(row: PlanningRow, position: int) -> list[QTableWidgetItem]:
    """One row's items: text where ldboard shows text, numbers where it shows numbers."""
    items = [QTableWidgetItem(text) for text in (row.key, row.title, row.stage)]
    for value in (row.impact, row.effort, row.score):
        item = QTableWidgetItem()
        if value is not None:
            item.setData(Qt.ItemDataRole.DisplayRole, value)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        items.append(item)
    items += [QTableWidgetItem(t) for t in (_driver(row.driver), row.requester, row.sponsor)]
    order = QTableWidgetItem()
    order.setData(Qt.ItemDataRole.DisplayRole, position)
    items.append(order)
    items[0].setData(ID_ROLE, row.id)
    return items


class PlanningTableWidget(QTableWidget):
    """One side of the reference: every row a set of ``QTableWidgetItem``s."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(0, len(HEADERS) + 1, parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels([*HEADERS, "Board order"])
        self.setColumnHidden(BOARD_ORDER, True)
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        # Board order first, as ldboard's tables; enabling sorting sorts by the indicator.
        self.horizontalHeader().setSortIndicator(BOARD_ORDER, Qt.SortOrder.AscendingOrder)
        widths = {0: 64, 2: 86, 3: 60, 4: 60, 5: 56}
        for column in range(len(HEADERS)):
            if column != 1:
                self.setColumnWidth(column, widths.get(column, 112))

    def fill(self, rows: Iterable[tuple[int, PlanningRow]]) -> None:
        """Add rows item by item, then sort in board order as the default."""
        self.append([_cells(row, position) for position, row in rows])

    def append(self, rows: list[list[QTableWidgetItem]]) -> None:
        """Add rows at the end with sorting off (else Qt re-sorts at every item),
        then let Qt sort them into the order the header shows."""
        self.setSortingEnabled(False)
        first = self.rowCount()
        self.setRowCount(first + len(rows))
        for offset, items in enumerate(rows):
            for column, item in enumerate(items):
                self.setItem(first + offset, column, item)
        self.setSortingEnabled(True)

    def take_rows(self, rows: Iterable[int]) -> list[list[QTableWidgetItem]]:
        """Remove ``rows`` and return their items, in table order."""
        ordered = sorted(set(rows))
        taken = []
        for row in reversed(ordered):
            taken.append([self.takeItem(row, column) for column in range(self.columnCount())])
            self.removeRow(row)
        taken.reverse()
        return taken

    def select_rows(self, rows: Iterable[int]) -> None:
        selection = QItemSelection()
        last = self.columnCount() - 1
        for row in rows:
            selection.select(self.model().index(row, 0), self.model().index(row, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().select(selection, flags | QItemSelectionModel.SelectionFlag.Rows)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.selectionModel().selectedRows()})

    def item_ids(self) -> list[int]:
        return [self.item(row, 0).data(ID_ROLE) for row in range(self.rowCount())]

    def rows_of(self, ids: Iterable[int]) -> list[int]:
        wanted = set(ids)
        return [row for row, item_id in enumerate(self.item_ids()) if item_id in wanted]

    def column_values(self, column: int) -> list[object]:
        values = []
        for row in range(self.rowCount()):
            item = self.item(row, column)
            value = item.data(Qt.ItemDataRole.DisplayRole) if item is not None else None
            values.append(None if value in (None, "") else value)
        return values

    def back_to_board_order(self) -> None:
        self.sortByColumn(BOARD_ORDER, Qt.SortOrder.AscendingOrder)


class ReferenceWindow(QStackedWidget):
    """A placeholder page (the board) and, once asked for, the planning page."""

    def __init__(self, path: Path, size: tuple[int, int]) -> None:
        super().__init__()
        self.setWindowTitle("Planning reference")
        self.board = Board.open(path)
        self.placeholder = QLabel("The board", self)
        self.addWidget(self.placeholder)
        self.resize(*size)
        self.page: QWidget | None = None
        self.backlog: PlanningTableWidget | None = None
        self.planned: PlanningTableWidget | None = None
        self.unfinished: set[int] = set()

    def show_planning(self) -> None:
        """Read the planning rows, build both tables item by item, switch to them."""
        rows = self.board.planning_rows()
        selected = self.board.default_iteration()
        selected_id = selected.id if selected is not None else None
        closed = {i.id for i in self.board.iterations() if i.state == "closed"}
        numbered = list(enumerate(rows))
        in_iteration = [(n, r) for n, r in numbered if r.iteration_id == selected_id]
        backlog = [
            (n, r)
            for n, r in numbered
            if not r.done and r.iteration_id != selected_id and r.iteration_id not in closed
        ]
        self.unfinished = {r.id for _, r in in_iteration if selected_id and not r.done}
        page = QWidget(self)
        self.backlog = PlanningTableWidget("backlogTable", page)
        self.planned = PlanningTableWidget("iterationTable", page)
        for column in (6, 7, 8):  # like ldboard: who asked is shown in the backlog only
            self.planned.setColumnHidden(column, True)
        self.backlog.fill(backlog)
        self.planned.fill(in_iteration)
        title = selected.name if selected is not None else "No iteration selected"
        header = QLabel(f"<b>{title}</b>", page)
        sides = QHBoxLayout()
        sides.addWidget(self.backlog, 11)
        sides.addWidget(self.planned, 9)
        layout = QVBoxLayout(page)
        layout.addWidget(header)
        layout.addLayout(sides, 1)
        self.page = page
        self.addWidget(page)
        self.setCurrentWidget(page)

    def plan_selected(self) -> list[int]:
        """Move the backlog's selected rows into the iteration table and select them there."""
        assert self.backlog is not None and self.planned is not None
        return self.move(self.backlog, self.planned, self.backlog.selected_rows())

    def move(
        self, source: PlanningTableWidget, target: PlanningTableWidget, rows: list[int]
    ) -> list[int]:
        """Move ``rows`` from ``source`` to ``target`` (sorted as ``target`` shows);
        the moved rows end up selected in ``target``. Returns their item ids."""
        taken = source.take_rows(rows)
        ids = [items[0].data(ID_ROLE) for items in taken]
        target.append(taken)
        target.select_rows(target.rows_of(ids))
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return ids

    def close_iteration_rows(self) -> list[int]:
        """What a close shows in the tables: the unfinished rows leave the iteration
        table for the backlog. Only that: no file work (see the benchmark's README)."""
        assert self.backlog is not None and self.planned is not None
        return self.move(self.planned, self.backlog, self.planned.rows_of(self.unfinished))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.board.close()
        super().closeEvent(event)


def build_reference_window(path: Path, size: tuple[int, int] = PAGE_SIZE) -> ReferenceWindow:
    return ReferenceWindow(path, size)


class ReferencePlanning:
    """Drives the reference for ``iterations_worker.py``, as ``LdboardPlanning``
    drives ldboard: the same calls, the reference's way."""

    def __init__(self, size: tuple[int, int] | None, idle_ms: int) -> None:
        self.size = size or PAGE_SIZE
        self.idle_ms = idle_ms
        self.marks: dict[str, float] = {}

    def open(self, path: Path) -> None:
        from PySide6.QtTest import QTest

        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.window = build_reference_window(path, self.size)
        self.probe = RepaintProbe(self.window, self.window.placeholder)
        self.window.show()
        if not settle(self.app, self.probe, 0):
            raise RuntimeError("the placeholder page never painted")
        QTest.qWait(self.idle_ms)

    def open_planning(self) -> None:
        self.window.show_planning()

    def content(self):
        return self.window.backlog.viewport()

    def backlog_table(self):
        return self.window.backlog

    def column(self, name: str) -> int:
        return HEADERS.index(name)

    def counts(self) -> dict[str, Any]:
        return {
            "backlog": self.window.backlog.rowCount(),
            "iteration": self.window.planned.rowCount(),
            "page_size": list(self.window.size().toTuple()),
        }

    def sorted_values(self, name: str) -> tuple[list[Any], bool]:
        """The backlog's values of a column in table order. Qt orders by its own
        rules (empty cells first, text by code point, case-sensitive), so only the
        order of the values present is checked."""
        return self.window.backlog.column_values(self.column(name)), False

    def board_order(self) -> None:
        self.window.backlog.back_to_board_order()

    def quiet(self) -> None:
        drain(self.app)

    def phases(self, begin: float, returned: float, end: float) -> dict[str, float]:
        return {"move_ms": (returned - begin) * 1000, "paint_ms": (end - returned) * 1000}

    def select_backlog_rows(self, rows: list[int]) -> list[int]:
        backlog = self.window.backlog
        backlog.select_rows(rows)
        return [backlog.item(row, 0).data(ID_ROLE) for row in rows]

    def plan_selected(self) -> None:
        self.planned = self.window.plan_selected()

    def check_planned(self, ids: list[int]) -> None:
        if sorted(self.planned) != sorted(ids):
            raise RuntimeError("the reference planned other rows than those selected")
        if len(self.window.planned.rows_of(ids)) != len(ids):
            raise RuntimeError("the planned rows are not in the reference's iteration table")

    def undo(self) -> None:
        window = self.window
        window.move(window.planned, window.backlog, window.planned.rows_of(self.planned))

    def close_arguments(self) -> dict[str, Any]:
        self.closing = {"unfinished": len(self.window.unfinished)}
        return {}

    def close(self, arguments: dict[str, Any]) -> None:
        self.closed = self.window.close_iteration_rows()

    def check_closed(self, before: dict[str, Any]) -> None:
        moved = self.closing["unfinished"]
        now = self.counts()
        if (now["backlog"], now["iteration"]) != (
            before["backlog"] + moved,
            before["iteration"] - moved,
        ):
            raise RuntimeError(f"the reference tables did not follow the close: {before} → {now}")

    def reopen(self) -> None:
        window = self.window
        window.move(window.backlog, window.planned, window.backlog.rows_of(self.closed))
