"""Keeps the retrospective's models in step with the board.

``RetroLog`` knows which iteration's retrospective is picked, reads its rows
(one retrospective is a few dozen rows at most) and, on every change
notification that can alter what it shows, re-reads them and lets each model
``sync``: the models emit the row signals of the difference, never a reset
for a change. It never writes.

What can alter a retrospective: its own entries (added, edited, moved,
deleted, ticked), any action (a tick or an undo changes what is carried
over), the iterations (a close adds a slip; a rename shows in "From …"),
the people (an owner's name) and the initiatives its actions link to.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ldboard.domain.iterations import iteration_order, retro_default
from ldboard.domain.model import Iteration
from ldboard.store import Change
from ldboard.ui.common.session import BoardSession
from ldboard.ui.retro.lane_model import EntryListModel
from ldboard.ui.retro.rows import LANES, RetroRows, read_rows


class RetroLog(QObject):
    #: The list of iterations or the picked one (or its fields) changed.
    iterations_changed = Signal()

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lanes = {kind: EntryListModel(session, kind, self) for kind, _ in LANES}
        self.carried = EntryListModel(session, None, self)
        self.iterations: list[Iteration] = iteration_order(session.board.iterations())
        self.selected_id: int | None = None
        self._linked: set[int] = set()
        session.changed.connect(self._changed)

    # --- the picked retrospective --------------------------------------------------------

    def default_id(self) -> int | None:
        """The active iteration, else the one closed last, else the first there is."""
        found = retro_default(self.iterations)
        if found is None and self.iterations:
            found = self.iterations[0]
        return found.id if found else None

    def select(self, iteration_id: int | None) -> None:
        """Show ``iteration_id``'s retrospective (``None``: the default one)."""
        if iteration_id is None or self.iteration(iteration_id) is None:
            iteration_id = self.default_id()
        self.selected_id = iteration_id
        rows = self._read()
        for kind, model in self.lanes.items():
            model.set_rows(rows.lanes.get(kind, []), iteration_id)
        self.carried.set_rows(rows.carried, iteration_id)
        self.iterations_changed.emit()

    def selected(self) -> Iteration | None:
        return self.iteration(self.selected_id)

    def iteration(self, iteration_id: int | None) -> Iteration | None:
        return next((i for i in self.iterations if i.id == iteration_id), None)

    def models(self) -> list[EntryListModel]:
        return [*self.lanes.values(), self.carried]

    def find(self, entry_id: int) -> tuple[EntryListModel, int] | None:
        """The model showing an entry and its row (a lane first, then the carry-over)."""
        for model in self.models():
            row = model.row_of(entry_id)
            if row >= 0:
                return model, row
        return None

    # --- change notifications ----------------------------------------------------------

    def _changed(self, change: Change) -> None:
        if change.touches("iterations"):
            self.iterations = iteration_order(self.session.board.iterations())
            if self.iteration(self.selected_id) is None:
                self.select(None)  # the picked iteration went away (deleted, or an undo)
                return
            started = _started(change)
            if started is not None and started != self.selected_id:
                # A new iteration has begun: its retrospective (with the actions
                # carried into it) is the one to write in from now on.
                self.select(started)
                return
            self.iterations_changed.emit()
        if self._affects(change):
            self._refresh()

    def _affects(self, change: Change) -> bool:
        if self.selected_id is None:
            return False
        if change.touches("retro_entries", "iterations", "people"):
            return True
        return bool(self._linked & change.item_ids())

    def _refresh(self) -> None:
        rows = self._read()
        for kind, model in self.lanes.items():
            model.sync(rows.lanes.get(kind, []))
        self.carried.sync(rows.carried)

    def _read(self) -> RetroRows:
        rows = read_rows(self.session.board, self.selected_id, self.iterations)
        every = [*rows.carried, *(r for lane in rows.lanes.values() for r in lane)]
        self._linked = {r.entry.item_id for r in every if r.entry.item_id is not None}
        return rows


def _started(change: Change) -> int | None:
    """The iteration this change started, if it started one."""
    for diff in change.diffs("iterations"):
        before = diff.before.get("state") if diff.before else None
        after = diff.after.get("state") if diff.after else None
        if after == "active" and before != "active":
            return diff.key[0]
    return None
