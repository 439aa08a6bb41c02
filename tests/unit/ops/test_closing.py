"""Closing an iteration: unfinished items, verdicts, the frozen snapshot, one undoable step."""

import pytest

from ldboard import ops
from ldboard.domain.rules import ValidationError

DONE = 7


def database(board, *, sequences=True):
    """Every row of every table but the (append-only) activity log."""
    tables = [
        name
        for (name,) in board.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'events' ORDER BY name"
        )
        if sequences or name != "sqlite_sequence"
    ]
    return {
        t: board.connection.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()
        for t in tables
    }


@pytest.fixture
def running(board):
    """Sprint 1 running with a story: LD-1..LD-4 committed, LD-2 removed, LD-5 added,
    LD-1 done with a hypothesis, LD-6 done without one, LD-4 archived unfinished."""
    for n, effort in enumerate((3, 2, 1, 2, 5, 1), start=1):
        ops.create_item(board, 1, f"Item {n}", fields={"effort": effort, "impact": 4})
    ops.edit_item(
        board, 1, {"hypothesis": "We believe …", "metric": "CSAT", "baseline": 70, "target": 80}
    )
    ops.create_iteration(board, "Sprint 1", capacity=10, start="2026-11-23", end="2026-12-04")
    ops.plan_items(board, [1, 2, 3, 4, 6], 1)
    ops.start_iteration(board, 1)
    ops.unplan_items(board, [2])
    ops.plan_items(board, [5], 1)
    ops.move_item(board, 1, DONE, 0)
    ops.move_item(board, 6, DONE, 0)
    ops.archive_item(board, 4)
    return board


def test_the_preview_shows_what_the_close_will_do(running):
    preview = ops.close_preview(running, 1)
    assert [line.key for line in preview.unfinished] == ["LD-3", "LD-5"]
    assert [line.key for line in preview.to_verdict] == ["LD-1"]
    assert preview.to_verdict[0].baseline == 70 and preview.to_verdict[0].metric == "CSAT"
    numbers = preview.numbers
    assert (numbers.planned_effort, numbers.done_effort, numbers.capacity) == (10, 4, 10)
    assert (numbers.items_done, numbers.items_carried_over) == (2, 2)
    assert (numbers.items_committed, numbers.items_added, numbers.items_removed) == (5, 1, 2)
    assert preview.next_iteration is None and preview.next_name == "Sprint 2"


def test_close_records_state_moment_end_and_the_snapshot(running):
    change = ops.close_iteration(running, 1, verdicts={1: ("validated", "78,5")})
    closed = running.iteration(1)
    assert closed.state == "closed" and closed.closed_at is not None
    assert closed.end == "2026-12-04", "an end date that was set stays"
    assert change.label == "Close “Sprint 1”"
    assert {"iterations", "items", "iteration_snapshots"} <= {d.table for d in change.rows}
    snapshot = running.snapshot(1)
    assert snapshot.closed_at == closed.closed_at and snapshot.numbers.capacity == 10
    flags = {
        item.key: (item.committed, item.added, item.removed, item.done, item.carried_over)
        for item in snapshot.items
    }
    assert flags == {
        "LD-1": (True, False, False, True, False),
        "LD-2": (True, False, True, False, False),
        "LD-3": (True, False, False, False, True),
        "LD-4": (True, False, True, False, False),
        "LD-5": (False, True, False, False, True),
        "LD-6": (True, False, False, True, False),
    }
    one = snapshot.items[[i.key for i in snapshot.items].index("LD-1")]
    assert (one.verdict, one.actual, one.stage, one.title, one.effort) == (
        "validated",
        78.5,
        "Done",
        "Item 1",
        3,
    )
    assert (running.item(1).verdict, running.item(1).actual) == ("validated", 78.5)


def test_unfinished_items_go_where_they_are_sent(running):
    ops.create_iteration(running, "Sprint 2")
    ops.create_iteration(running, "Sprint 3")
    ops.close_iteration(running, 1, unfinished={3: ops.NEXT_ITERATION, 5: 3})
    assert running.item(3).iteration_id == 2, "the next planned iteration"
    assert running.item(5).iteration_id == 3
    assert running.item(4).iteration_id is None, "archived and unfinished: back to the backlog"
    assert running.item(1).iteration_id == 1, "done items stay in the closed iteration"
    carried = {i.key: (i.carried_to_iteration_id, i.carried_to) for i in running.snapshot(1).items}
    assert carried["LD-3"] == (2, "Sprint 2") and carried["LD-5"] == (3, "Sprint 3")
    reasons = [e.data.get("reason") for e in running.events(3) if e.kind == "planned"]
    assert reasons[-1] == "carried over at close"
    assert running.item_history(3)[0].text == "carried over from Sprint 1 to Sprint 2"


def test_unfinished_items_not_mentioned_go_back_to_the_backlog(running):
    ops.create_iteration(running, "Sprint 2")
    ops.close_iteration(running, 1, unfinished={3: ops.NEXT_ITERATION})
    assert running.item(5).iteration_id is None
    event = [e for e in running.events(5) if e.kind == "planned"][-1]
    assert event.data["reason"] == "returned to the backlog at close"


def test_the_next_iteration_is_created_when_there_is_none(running):
    change = ops.close_iteration(running, 1, unfinished={3: ops.NEXT_ITERATION}, next_name="")
    created = running.iteration(2)
    assert (created.name, created.state, created.capacity) == ("Sprint 2", "planned", 10)
    assert (created.start, created.end) == ("2026-12-05", "2026-12-16")
    assert running.item(3).iteration_id == 2
    ops.undo(running, change)
    assert running.iteration(2) is None
    named = ops.close_iteration(running, 1, unfinished={3: ops.NEXT_ITERATION}, next_name="Q1 push")
    new_id = next(d.key[0] for d in named.rows if d.table == "iterations" and d.is_insert)
    assert new_id == 3, "the undone iteration's id is not reused"
    assert running.iteration(3).name == "Q1 push"


def test_close_and_undo_leave_the_database_exactly_as_before(running):
    ops.create_iteration(running, "Sprint 2")
    before = database(running)
    change = ops.close_iteration(
        running, 1, unfinished={3: ops.NEXT_ITERATION}, verdicts={1: ("invalidated", 71)}
    )
    assert database(running) != before
    ops.undo(running, change)
    assert database(running) == before
    ops.redo(running, change)
    assert running.iteration(1).state == "closed" and running.snapshot(1) is not None


def test_undo_of_a_close_that_created_an_iteration_only_keeps_its_id_used(running):
    before = database(running, sequences=False)
    change = ops.close_iteration(running, 1, unfinished={5: ops.NEXT_ITERATION})
    ops.undo(running, change)
    assert database(running, sequences=False) == before


def test_later_edits_do_not_change_the_snapshot(running):
    ops.close_iteration(running, 1, verdicts={1: ("validated", 79)})
    frozen = running.snapshot(1)
    ops.edit_item(running, 1, {"title": "Renamed", "verdict": "inconclusive", "actual": 60})
    ops.rescore_item(running, 6, 1, 5)
    ops.move_item(running, 6, 1, 0)
    ops.delete_item(running, 3)
    ops.edit_iteration(running, 1, name="Sprint one", capacity=99)
    assert running.snapshot(1) == frozen
    assert running.snapshot(1).name == "Sprint 1"


def test_a_deleted_item_stays_in_the_story_with_its_key_and_title(running):
    ops.delete_item(running, 2)  # removed earlier, then deleted
    ops.close_iteration(running, 1)
    removed = {i.key: (i.title, i.removed, i.stage) for i in running.snapshot(1).items}
    assert removed["LD-2"] == ("Item 2", True, "")


def test_close_problems_are_refused_by_field_and_write_nothing(running, snapshot):
    state = snapshot(running)
    with pytest.raises(ValidationError) as raised:
        ops.close_iteration(
            running,
            1,
            unfinished={1: None, 3: 1, 5: "somewhere"},
            verdicts={3: ("validated", None), 1: ("great", None), 6: ("validated", "ten")},
        )
    assert set(raised.value.problems) == {
        "unfinished:1",
        "unfinished:3",
        "unfinished:5",
        "verdict:3",
        "verdict:1",
        "actual:6",
    }
    assert "LD-1 is not an unfinished item" in raised.value.problems["unfinished:1"]
    assert "must be a number" in raised.value.problems["actual:6"]
    assert snapshot(running) == state


def test_only_the_active_iteration_closes(running):
    ops.create_iteration(running, "Sprint 2")
    with pytest.raises(ValidationError, match="has not started"):
        ops.close_iteration(running, 2)
    ops.close_iteration(running, 1)
    with pytest.raises(ValidationError, match="already closed"):
        ops.close_iteration(running, 1)


def test_closing_logs_one_event_per_moved_item_and_the_close(running):
    first_new = len(running.events())
    ops.close_iteration(running, 1, verdicts={1: ("validated", 80)})
    kinds = [(e.kind, e.item_id) for e in running.events()[first_new:]]
    assert kinds == [
        ("planned", 3),
        ("planned", 4),
        ("planned", 5),
        ("edited", 1),
        ("verdict", 1),
        ("iteration", None),
    ]
    close = running.events()[-1].data
    assert (close["action"], close["done"], close["carried_over"]) == ("close", 2, 2)


def test_the_close_records_people_stories_and_flow_and_undo_takes_them_back(running):
    sponsor = ops.create_person(running, "Ana Sponsor", role="VP Sales").rows[-1].key[0]
    ops.edit_item(running, 1, {"audience": "Agents"}, people=[(sponsor, "sponsor")])
    before = database(running)
    change = ops.close_iteration(running, 1)
    snapshot = running.snapshot(1)
    assert snapshot.recorded_at == snapshot.closed_at == running.iteration(1).closed_at
    [first] = [item for item in snapshot.items if item.item_id == 1]
    assert first.audience == "Agents"
    assert [(p.name, p.job_title) for p in first.sponsors] == [("Ana Sponsor", "VP Sales")]
    assert snapshot.burn_up and snapshot.burn_up[-1].done_items == 2
    ops.undo(running, change)
    assert database(running, sequences=False) == database_without_sequences(before)
    ops.redo(running, change)
    assert running.snapshot(1) == snapshot


def database_without_sequences(rows):
    return {table: found for table, found in rows.items() if table != "sqlite_sequence"}
