"""The Measure tab's list of dated checks: what is looked at, how, by when, and done.

Like the results list, it is a ``QTableWidget`` (no Python ``data()`` for Qt
to call, see DESIGN §7) holding the checks as they will be saved: stored
checks keep their id, new ones have none. What and how are renamed in place;
the due date is shown as people write it and kept as ISO text on the cell.
Ticking a check done keeps the moment it was first done, so opening and
saving the card never moves that date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ldboard.domain.practice import EvaluationCheck
from ldboard.ui.common import theme
from ldboard.ui.editor.widgets import NONE_TEXT, compact_table, format_day

HEADERS = ("What is checked", "How", "Due", "Done")
WHAT, HOW, DUE, DONE = range(len(HEADERS))
VISIBLE_ROWS = 5
_VALUE = Qt.ItemDataRole.UserRole
_DUE_TIP = "To change the date, remove the check and add it again."

#: (id, what, how, due, done, first done at): what "modified" compares.
CheckKey = tuple[int | None, str, str, str | None, bool, str | None]


class PlanChecksTable(QTableWidget):
    """Shows and holds the checks being edited, in the order they are listed."""

    def __init__(self, today: date) -> None:
        super().__init__(0, len(HEADERS))
        self._today = today.isoformat()
        header = compact_table(
            self,
            HEADERS,
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed,
        )
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HOW, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DONE, QHeaderView.ResizeMode.ResizeToContents)
        frame = 2 * self.frameWidth()
        self.setFixedHeight(
            header.sizeHint().height()
            + VISIBLE_ROWS * self.verticalHeader().defaultSectionSize()
            + frame
        )
        self.itemChanged.connect(self._mark_overdue)

    # --- filling -----------------------------------------------------------------------

    def set_checks(self, checks: Sequence[EvaluationCheck]) -> None:
        self.setRowCount(0)
        for check in checks:
            self.add(check)

    def add(self, check: EvaluationCheck) -> None:
        row = self.rowCount()
        self.insertRow(row)
        what = QTableWidgetItem(check.what)
        what.setData(_VALUE, check.id)
        self.setItem(row, WHAT, what)
        self.setItem(row, HOW, QTableWidgetItem(check.how))
        due = QTableWidgetItem(format_day(check.due) if check.due else NONE_TEXT)
        due.setData(_VALUE, check.due)
        due.setFlags(due.flags() & ~Qt.ItemFlag.ItemIsEditable)
        due.setToolTip(_DUE_TIP)
        self.setItem(row, DUE, due)
        done = QTableWidgetItem("")
        done.setData(_VALUE, check.done_at)
        done.setFlags(
            (done.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable
        )
        done.setCheckState(Qt.CheckState.Checked if check.done_at else Qt.CheckState.Unchecked)
        self.setItem(row, DONE, done)
        self._mark_overdue(done)

    def lock(self) -> None:
        """Nothing can be changed (a read-only board, or a card not saved yet)."""
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row in range(self.rowCount()):
            done = self.item(row, DONE)
            done.setFlags(done.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)

    def remove_current(self) -> bool:
        row = self.currentRow()
        if row < 0:
            return False
        self.removeRow(row)
        return True

    # --- reading -----------------------------------------------------------------------

    def key(self) -> tuple[CheckKey, ...]:
        return tuple(
            (
                self.item(row, WHAT).data(_VALUE),
                self.item(row, WHAT).text(),
                self.item(row, HOW).text(),
                self.item(row, DUE).data(_VALUE),
                self.item(row, DONE).checkState() == Qt.CheckState.Checked,
                self.item(row, DONE).data(_VALUE),
            )
            for row in range(self.rowCount())
            if self._complete(row)
        )

    def _complete(self, row: int) -> bool:
        """Whether every cell of ``row`` is in place (it is being added otherwise)."""
        return all(self.item(row, column) is not None for column in range(len(HEADERS)))

    def checks(
        self, now: str, stored: Mapping[int, str | None] | None = None
    ) -> tuple[EvaluationCheck, ...]:
        """The checks as Save stores them; one ticked here is done ``now``.

        A check whose Done box was not touched here keeps its done state as the
        board has it now (``stored``, by id): ticked in View → Due Checks while
        this card was open, it stays ticked when the card is saved.
        """

        def done_at(check_id: int | None, done: bool, first_done: str | None) -> str | None:
            untouched = done == (first_done is not None)
            if untouched and stored is not None and check_id in stored:
                return stored[check_id]
            return (first_done or now) if done else None

        return tuple(
            EvaluationCheck(
                " ".join(what.split()),
                " ".join(how.split()),
                due,
                done_at(check_id, done, first_done),
                check_id,
            )
            for check_id, what, how, due, done, first_done in self.key()
        )

    def _mark_overdue(self, changed: QTableWidgetItem) -> None:
        """An open check past its date shows its date in the warning colour."""
        if changed.column() != DONE:
            return
        due = self.item(changed.row(), DUE)
        if due is None:
            return
        late = (
            changed.checkState() != Qt.CheckState.Checked
            and bool(due.data(_VALUE))
            and due.data(_VALUE) < self._today
        )
        due.setForeground(theme.DANGER if late else self.palette().text())
        due.setToolTip(("Overdue. " if late else "") + _DUE_TIP)
