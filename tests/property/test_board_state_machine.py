"""A random walk of user actions that must never lose, duplicate or misorder a card.

The machine keeps its own model of the board (card order per column, archived
cards, each card's iteration and each iteration's state) and checks the file
against it after every step. Undo/redo follow ``QUndoStack`` semantics: a new
action discards the redo history; every undo must give back the file exactly as
it was before the action, every redo exactly as it was after. At the end,
undoing everything must give back the initial file state exactly.

The iteration cadence walks too: planning and unplanning any cards, starting
an iteration, closing the active one with its unfinished cards sent to the
backlog, a chosen planned iteration or the next one (created when there is
none). At most one iteration is ever active, and a closed iteration holds only
cards that were done when it closed.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from ldboard import ops
from ldboard.domain.iterations import next_planned
from ldboard.domain.rules import ValidationError, clean_text
from ldboard.store import Board
from tests.conftest import FakeClock, take_snapshot

COLUMNS = [1, 2, 3, 4, 5, 6, 7]
DONE = 7
ITERATIONS = ("Sprint 1", "Sprint 2", "Sprint 3")


class BoardMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="ldboard-prop-"))
        self.path = self.folder / "walk.ldboard"
        self.clock = FakeClock()
        self.board = Board.open(self.path, clock=self.clock)
        for name in ITERATIONS:
            ops.create_iteration(self.board, name, capacity=6)
        self.initial = take_snapshot(self.board)
        self.order: dict[int, list[int]] = {c: [] for c in COLUMNS}
        self.archived: dict[int, int] = {}  # item id -> column id
        self.planned: dict[int, int | None] = {}  # item id -> iteration id
        self.states: dict[int, str] = {n: "planned" for n in range(1, len(ITERATIONS) + 1)}
        self.file = self.initial
        # (change, model before, model after, file before, file after)
        self.done: list[tuple] = []
        self.undone: list[tuple] = []

    # --- model helpers ------------------------------------------------------------

    def _model(self) -> tuple:
        return (
            {c: list(ids) for c, ids in self.order.items()},
            dict(self.archived),
            dict(self.planned),
            dict(self.states),
        )

    def _restore_model(self, model: tuple) -> None:
        order, archived, planned, states = model
        self.order = {c: list(ids) for c, ids in order.items()}
        self.archived = dict(archived)
        self.planned = dict(planned)
        self.states = dict(states)

    def _record(self, change, before) -> None:
        if change is None:
            assert take_snapshot(self.board) == self.file, "no change, nothing written"
            return
        after = take_snapshot(self.board)
        self.done.append((change, before, self._model(), self.file, after))
        self.file = after
        self.undone.clear()

    def _active(self) -> list[int]:
        return [i for ids in self.order.values() for i in ids]

    def _column_of(self, item_id: int) -> int:
        return next(c for c, ids in self.order.items() if item_id in ids)

    # --- rules ----------------------------------------------------------------------

    @initialize(columns=st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=4))
    def a_running_iteration(self, columns):
        """Start every walk with Sprint 1 running and cards in it, some of them done,
        so closing it has unfinished cards to send somewhere. Undo walks back from here."""
        for column in columns:
            self.create(column, 99, "Planned card")
        before = self._model()
        change = ops.start_iteration(self.board, 1)
        self.states[1] = "active"
        self._record(change, before)
        before = self._model()
        cards = self._active()
        change = ops.plan_items(self.board, cards, 1)
        self.planned.update(dict.fromkeys(cards, 1))
        self._record(change, before)

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
        self.planned[new_id] = None
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

    # --- the iteration cadence ---------------------------------------------------------

    @precondition(lambda self: self._active())
    @rule(data=st.data(), iteration=st.sampled_from([1, 2, 3]))
    def plan(self, data, iteration):
        picked = data.draw(st.lists(st.sampled_from(self._active()), min_size=1, max_size=6))
        before = self._model()
        if self.states.get(iteration) != "planned" and self.states.get(iteration) != "active":
            with pytest.raises(ValidationError, match="frozen"):
                ops.plan_items(self.board, picked, iteration)
            assert take_snapshot(self.board) == self.file
            return
        change = ops.plan_items(self.board, picked, iteration)
        moved = {i for i in picked if self.planned[i] != iteration}
        assert (change is None) == (not moved)
        for item_id in picked:
            self.planned[item_id] = iteration
        if change is not None:
            assert {d.key[0] for d in change.rows} == moved
            assert [e.kind for e in change.events] == ["planned"] * len(moved)
        self._record(change, before)

    @precondition(lambda self: self._active() and "active" in self.states.values())
    @rule(data=st.data())
    def plan_into_the_active_iteration(self, data):
        """Scope added while the iteration runs (so closes have unfinished cards)."""
        active = next(i for i, state in self.states.items() if state == "active")
        self.plan(data, active)

    @precondition(lambda self: self._active())
    @rule(data=st.data())
    def unplan(self, data):
        picked = data.draw(st.lists(st.sampled_from(self._active()), min_size=1, max_size=6))
        before = self._model()
        change = ops.unplan_items(self.board, picked)
        for item_id in picked:
            self.planned[item_id] = None
        self._record(change, before)

    @rule(iteration=st.sampled_from([1, 2, 3]))
    def start(self, iteration):
        if iteration not in self.states:
            return
        before = self._model()
        if self.states[iteration] != "planned" or "active" in self.states.values():
            with pytest.raises(ValidationError):
                ops.start_iteration(self.board, iteration)
            assert take_snapshot(self.board) == self.file
            return
        change = ops.start_iteration(self.board, iteration)
        self.states[iteration] = "active"
        self._record(change, before)

    @precondition(lambda self: "active" in self.states.values())
    @rule(data=st.data())
    def close(self, data):
        active = next(i for i, state in self.states.items() if state == "active")
        members = [i for i, where in self.planned.items() if where == active]
        column = {i: c for c, ids in self.order.items() for i in ids}
        unfinished = [i for i in members if i in column and column[i] != DONE]
        finished = [i for i in members if column.get(i, self.archived.get(i)) == DONE]
        planned = sorted(i for i, state in self.states.items() if state == "planned")
        choices = st.sampled_from(["not said", None, ops.NEXT_ITERATION, *planned])
        drawn = {i: data.draw(choices) for i in unfinished}
        sent = {i: target for i, target in drawn.items() if target != "not said"}
        verdicts = {
            i: (data.draw(st.sampled_from(["validated", "invalidated", "inconclusive"])), "7")
            for i in finished
            if data.draw(st.booleans())
        }
        others = [i for i in self.board.iterations() if i.id != active]
        following = next_planned(others)
        new_id = self.board.next_id("iterations")
        before = self._model()
        change = ops.close_iteration(self.board, active, unfinished=sent, verdicts=verdicts)
        self.states[active] = "closed"
        if following is None and ops.NEXT_ITERATION in sent.values():
            self.states[new_id] = "planned"
            following_id = new_id
        else:
            following_id = following.id if following else None
        for item_id in members:
            if item_id in unfinished:
                target = sent.get(item_id)
                self.planned[item_id] = following_id if target is ops.NEXT_ITERATION else target
            elif item_id not in finished:  # archived and not done
                self.planned[item_id] = None
        snapshot = self.board.snapshot(active)
        assert {i.item_id for i in snapshot.by_flag("done")} == set(finished)
        assert {i.item_id for i in snapshot.by_flag("carried_over")} == set(unfinished)
        for item_id, (verdict, _) in verdicts.items():
            assert self.board.item(item_id).verdict == verdict
        self._record(change, before)

    # --- undo and redo ------------------------------------------------------------------

    @precondition(lambda self: self.done)
    @rule()
    def undo(self):
        change, before, after, file_before, file_after = self.done.pop()
        ops.undo(self.board, change)
        self._restore_model(before)
        assert take_snapshot(self.board) == file_before, "undo restores the exact state"
        self.file = file_before
        self.undone.append((change, before, after, file_before, file_after))

    @precondition(lambda self: self.undone)
    @rule()
    def redo(self):
        change, before, after, file_before, file_after = self.undone.pop()
        ops.redo(self.board, change)
        self._restore_model(after)
        assert take_snapshot(self.board) == file_after, "redo gives back the exact state"
        self.file = file_after
        self.done.append((change, before, after, file_before, file_after))

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
    def iterations_and_plans_match_the_model(self):
        states = {i.id: i.state for i in self.board.iterations()}
        assert states == self.states
        assert list(states.values()).count("active") <= 1, "at most one active iteration"
        stored = {row["id"]: row["iteration_id"] for row in self.board.rows("items")}
        assert stored == self.planned

    @invariant()
    def a_closed_iteration_holds_only_what_was_done_when_it_closed(self):
        for iteration_id, state in self.states.items():
            members = {i for i, where in self.planned.items() if where == iteration_id}
            snapshot = self.board.snapshot(iteration_id)
            if state != "closed":
                assert snapshot is None
                continue
            assert members <= {i.item_id for i in snapshot.by_flag("done")}

    @invariant()
    def ranks_strictly_increase_in_every_column(self):
        for column in COLUMNS:
            ranks = [rank for _, rank in self.board.column_slots(column)]
            assert all(a < b for a, b in itertools.pairwise(ranks))

    def teardown(self):
        try:
            while self.done:
                change = self.done.pop()[0]
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
