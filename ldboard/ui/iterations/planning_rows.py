"""Keeps the planning screen's two tables in step with the board.

``PlanningRows`` reads the planning rows once, splits them between the backlog
and the selected iteration, and on every change notification re-reads only the
items the change touched and moves them between the tables. It never writes:
planning goes through the session, and the table update comes back here.

Which table a row belongs in:

- the selected iteration: every live item planned into it;
- the backlog: every open item (live, not in a *done* stage) that is not in
  the selected iteration nor in a closed one. Items planned into another
  iteration stay in the backlog, showing where they are planned, so they can
  be moved.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from ldboard.domain.iterations import PlanningRow, iteration_order
from ldboard.domain.model import Iteration
from ldboard.store import Change
from ldboard.ui.common.session import BoardSession
from ldboard.ui.iterations.planning_model import PlanningTableModel


class PlanningRows(QObject):
    #: The list of iterations or the selected one's fields changed.
    iterations_changed = Signal()
    #: What the selected iteration holds changed (its effort, its items).
    load_changed = Signal()

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._positions: dict[int, int] = {}
        self.backlog = PlanningTableModel(
            session, "backlogModel", self.board_order, self.iteration_name, self
        )
        self.planned = PlanningTableModel(
            session, "iterationModel", self.board_order, self.iteration_name, self
        )
        self.backlog.mute_planned = True
        self.planned.score_of = self.backlog.score_of
        self.iterations: list[Iteration] = []
        self.selected_id: int | None = None
        self._rows: dict[int, PlanningRow] = {}
        session.changed.connect(self._changed)

    # --- reading -----------------------------------------------------------------------

    def iteration_name(self, iteration_id: int | None) -> str:
        found = self.iteration(iteration_id) if iteration_id is not None else None
        return found.name if found is not None else ""

    def board_order(self, row: PlanningRow) -> tuple[int, float]:
        """Where the item stands on the board: its stage's position, then its rank."""
        return (self._positions.get(row.column_id, len(self._positions)), row.rank)

    def reload(self) -> None:
        """Read the iterations and every planning row (opening the screen, or a
        change that reshapes the board such as a renamed stage)."""
        board = self.session.board
        self._positions = {column.id: n for n, column in enumerate(board.columns())}
        self.iterations = iteration_order(board.iterations())
        if self.selected_id not in {i.id for i in self.iterations}:
            self.selected_id = None
        self._rows = {row.id: row for row in board.planning_rows()}
        self._fill()
        self.iterations_changed.emit()

    def select(self, iteration_id: int | None) -> None:
        if iteration_id == self.selected_id:
            return
        self.selected_id = iteration_id
        self._fill()
        self.iterations_changed.emit()

    def selected(self) -> Iteration | None:
        return next((i for i in self.iterations if i.id == self.selected_id), None)

    def iteration(self, iteration_id: int | None) -> Iteration | None:
        return next((i for i in self.iterations if i.id == iteration_id), None)

    def _fill(self) -> None:
        selected = self.selected()
        if selected is not None and selected.state == "closed":
            # A closed iteration's items are not planning rows any more; read them.
            for row in self.session.board.planning_rows(iteration_id=selected.id):
                self._rows.setdefault(row.id, row)
        closed = self._closed_ids()
        self.backlog.set_rows(r for r in self._rows.values() if self._in_backlog(r, closed))
        self.planned.set_rows(r for r in self._rows.values() if self._in_selected(r))
        frozen = selected is None or selected.state == "closed" or self.session.read_only
        self.planned.read_only = frozen
        self.backlog.read_only = frozen
        self.load_changed.emit()

    def _closed_ids(self) -> set[int]:
        return {i.id for i in self.iterations if i.state == "closed"}

    def _in_selected(self, row: PlanningRow) -> bool:
        return self.selected_id is not None and row.iteration_id == self.selected_id

    def _in_backlog(self, row: PlanningRow, closed: set[int]) -> bool:
        return not row.done and not self._in_selected(row) and row.iteration_id not in closed

    # --- change notifications ----------------------------------------------------------

    def _changed(self, change: Change) -> None:
        # A new choice of score changes every row's score and the sort: read again.
        if change.touches("columns") or self.backlog.score_of.follow(change):
            self.reload()
            return
        if change.touches("iterations"):
            self.iterations = iteration_order(self.session.board.iterations())
            if self.selected_id not in {i.id for i in self.iterations}:
                self.selected_id = None
                self._fill()
            else:
                self._refresh_frozen()
            self.backlog.names_changed()
            self.planned.names_changed()
            self.iterations_changed.emit()
        ids = change.item_ids()
        if ids:
            self._update(ids)

    def _refresh_frozen(self) -> None:
        selected = self.selected()
        frozen = selected is None or selected.state == "closed" or self.session.read_only
        self.planned.read_only = self.backlog.read_only = frozen

    def _update(self, ids: Iterable[int]) -> None:
        ids = set(ids)
        fresh = {row.id: row for row in self.session.board.planning_rows(ids)}
        closed = self._closed_ids()
        for side, belongs in (
            (self.backlog, lambda r: self._in_backlog(r, closed)),
            (self.planned, self._in_selected),
        ):
            staying = [r for r in fresh.values() if belongs(r)]
            gone = [i for i in ids if side.contains(i) and not (i in fresh and belongs(fresh[i]))]
            side.update_rows(staying, gone)
        for item_id in ids:
            if item_id in fresh:
                self._rows[item_id] = fresh[item_id]
            else:
                self._rows.pop(item_id, None)
        self.load_changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self._refresh_frozen()
