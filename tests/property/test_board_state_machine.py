"""A random walk of user actions that must never lose, duplicate or misorder a card.

The machine keeps its own model of the board (card order per column, archived
cards) and checks the file against it after every step. Undo/redo follow
``QUndoStack`` semantics: a new action discards the redo history. At the end,
undoing everything must give back the initial file state exactly.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from ldboard import ops
from ldboard.domain.rules import ValidationError, clean_text
from ldboard.store import Board
from tests.conftest import FakeClock, take_snapshot

COLUMNS = [1, 2, 3, 4, 5, 6, 7]


class BoardMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="ldboard-prop-"))
        self.path = self.folder / "walk.ldboard"
        self.clock = FakeClock()
        self.board = Board.open(self.path, clock=self.clock)
        self.initial = take_snapshot(self.board)
        self.order: dict[int, list[int]] = {c: [] for c in COLUMNS}
        self.archived: dict[int, int] = {}  # item id -> column id
        self.done: list[tuple] = []  # (change, model before, model after)
        self.undone: list[tuple] = []

    # --- model helpers ------------------------------------------------------------

    def _model(self) -> tuple:
        return ({c: list(ids) for c, ids in self.order.items()}, dict(self.archived))

    def _restore_model(self, model: tuple) -> None:
        order, archived = model
        self.order = {c: list(ids) for c, ids in order.items()}
        self.archived = dict(archived)

    def _record(self, change, before) -> None:
        if change is None:
            return
        self.done.append((change, before, self._model()))
        self.undone.clear()

    def _active(self) -> list[int]:
        return [i for ids in self.order.values() for i in ids]

    def _column_of(self, item_id: int) -> int:
        return next(c for c, ids in self.order.items() if item_id in ids)

    # --- rules ----------------------------------------------------------------------

    @rule(column=st.sampled_from(COLUMNS), where=st.integers(0, 30), title=st.text(min_size=1))
    def create(self, column, where, title):
        before = self._model()
        index = min(where, len(self.order[column]))
        if not clean_text(title[:200], single_line=True):
            with pytest.raises(ValidationError):
                ops.create_item(self.board, column, title[:200], index=index)
            return
        change = ops.create_item(self.board, column, title[:200], index=index)
        new_id = change.rows[-1].key[0]
        self.order[column].insert(index, new_id)
        self._record(change, before)

    @precondition(lambda self: self._active())
    @rule(data=st.data(), column=st.sampled_from(COLUMNS), where=st.integers(0, 30))
    def move(self, data, column, where):
        item_id = data.draw(st.sampled_from(self._active()))
        before = self._model()
        self.order[self._column_of(item_id)].remove(item_id)
        index = min(where, len(self.order[column]))
        self.order[column].insert(index, item_id)
        self._record(ops.move_item(self.board, item_id, column, index), before)

    @precondition(lambda self: self._active())
    @rule(data=st.data(), where=st.integers(0, 30))
    def reorder(self, data, where):
        item_id = data.draw(st.sampled_from(self._active()))
        column = self._column_of(item_id)
        before = self._model()
        self.order[column].remove(item_id)
        index = min(where, len(self.order[column]))
        self.order[column].insert(index, item_id)
        self._record(ops.move_item(self.board, item_id, column, index), before)

    @precondition(lambda self: self._active())
    @rule(data=st.data())
    def archive(self, data):
        item_id = data.draw(st.sampled_from(self._active()))
        before = self._model()
        column = self._column_of(item_id)
        self.order[column].remove(item_id)
        self.archived[item_id] = column
        self._record(ops.archive_item(self.board, item_id), before)

    @precondition(lambda self: self.archived)
    @rule(data=st.data())
    def restore(self, data):
        item_id = data.draw(st.sampled_from(sorted(self.archived)))
        before = self._model()
        column = self.archived.pop(item_id)
        change = ops.restore_item(self.board, item_id)
        placed = self.board.column_item_ids(column)
        # Wherever it lands, the other cards keep their order.
        assert [i for i in placed if i != item_id] == self.order[column]
        self.order[column] = placed
        self._record(change, before)

    @precondition(lambda self: self.done)
    @rule()
    def undo(self):
        change, before, after = self.done.pop()
        ops.undo(self.board, change)
        self._restore_model(before)
        self.undone.append((change, before, after))

    @precondition(lambda self: self.undone)
    @rule()
    def redo(self):
        change, before, after = self.undone.pop()
        ops.redo(self.board, change)
        self._restore_model(after)
        self.done.append((change, before, after))

    @rule()
    def reopen(self):
        self.board.close()
        self.board = Board.open(self.path, create=False, clock=self.clock)

    # --- invariants -------------------------------------------------------------------

    @invariant()
    def file_matches_the_model(self):
        for column, ids in self.order.items():
            assert self.board.column_item_ids(column) == ids, f"column {column}"
        stored_archived = {c.id: c.column_id for c in self.board.cards(archived=True)}
        assert stored_archived == self.archived

    @invariant()
    def no_card_is_lost_or_duplicated(self):
        active = [c.id for c in self.board.cards()]
        assert len(active) == len(set(active))
        assert set(active) | set(self.archived) == {row["id"] for row in self.board.rows("items")}

    @invariant()
    def ranks_strictly_increase_in_every_column(self):
        for column in COLUMNS:
            ranks = [rank for _, rank in self.board.column_slots(column)]
            assert all(a < b for a, b in itertools.pairwise(ranks))

    def teardown(self):
        try:
            while self.done:
                change, _, _ = self.done.pop()
                ops.undo(self.board, change)
            assert take_snapshot(self.board) == self.initial
        finally:
            self.board.close()
            shutil.rmtree(self.folder, ignore_errors=True)


BoardMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestBoardStateMachine = BoardMachine.TestCase
