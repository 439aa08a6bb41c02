"""Iteration operations: create, edit, delete, start, plan and unplan, each one undoable step."""

import pytest

from ldboard import ops
from ldboard.domain.rules import ValidationError


def _new(board, name="Sprint 1", **fields):
    return ops.create_iteration(board, name, **fields).rows[0].key[0]


@pytest.fixture
def five(board):
    """Five scored items in Intake and two planned iterations."""
    for n, effort in enumerate((1, 2, 3, 5, None), start=1):
        ops.create_item(board, 1, f"Item {n}", fields={"effort": effort, "impact": 3})
    _new(board, "Sprint 1", capacity=6, start="2026-11-23", end="2026-12-04")
    _new(board, "Sprint 2")
    return board


def test_create_edit_and_undo(board, snapshot):
    before = snapshot(board)
    change = ops.create_iteration(board, "  Sprint 1 ", goal="Ship the pilot", capacity=12)
    iteration = board.iteration(change.rows[0].key[0])
    assert (iteration.name, iteration.goal, iteration.state, iteration.capacity) == (
        "Sprint 1",
        "Ship the pilot",
        "planned",
        12,
    )
    assert change.touches("iterations") and change.iteration_ids() == {iteration.id}
    [event] = board.events()
    assert (event.kind, event.item_id, event.data["action"]) == ("iteration", None, "create")
    edit = ops.edit_iteration(board, iteration.id, goal="Ship it", capacity=10)
    assert board.iteration(iteration.id).capacity == 10
    assert ops.edit_iteration(board, iteration.id, capacity=10) is None
    ops.undo(board, edit)
    ops.undo(board, change)
    assert snapshot(board) == before


def test_invalid_iteration_fields_are_refused_by_field(board):
    with pytest.raises(ValidationError) as raised:
        ops.create_iteration(board, " ", start="2026-03-10", end="2026-03-01", capacity=-1)
    assert set(raised.value.problems) == {"name", "end", "capacity"}
    iteration = _new(board, start="2026-03-02", end="2026-03-13")
    with pytest.raises(ValidationError, match="before it starts") as raised:
        ops.edit_iteration(board, iteration, start="2026-03-20")
    assert set(raised.value.problems) == {"start"}
    with pytest.raises(ValueError, match="cannot be edited: state"):
        ops.edit_iteration(board, iteration, state="closed")


def test_start_sets_the_moment_and_an_empty_start_date(board, clock):
    iteration = _new(board)
    change = ops.start_iteration(board, iteration)
    started = board.iteration(iteration)
    assert started.state == "active"
    assert started.start == board.today().isoformat()
    assert started.started_at is not None and started.started_at.startswith("2026-11-23T09:00")
    assert board.events()[-1].data["action"] == "start"
    ops.undo(board, change)
    assert board.iteration(iteration).state == "planned"
    assert board.iteration(iteration).started_at is None


def test_only_one_iteration_can_be_active(board):
    first, second = _new(board, "Sprint 1"), _new(board, "Sprint 2")
    ops.start_iteration(board, first)
    with pytest.raises(ValidationError, match="“Sprint 1” is still running") as raised:
        ops.start_iteration(board, second)
    assert set(raised.value.problems) == {"state"}
    assert [i.state for i in board.iterations()] == ["active", "planned"]


def test_an_iteration_that_should_have_ended_does_not_start_today(board):
    late = _new(board, end="2026-01-05")
    with pytest.raises(ValidationError, match="before today") as raised:
        ops.start_iteration(board, late)
    assert set(raised.value.problems) == {"end"}


def test_planning_many_items_is_one_step_with_an_event_each(five, snapshot):
    before = snapshot(five)
    change = ops.plan_items(five, [1, 2, 3, 3], 1)
    assert change.label == "Plan 3 items into “Sprint 1”"
    assert [five.item(n).iteration_id for n in (1, 2, 3, 4)] == [1, 1, 1, None]
    assert change.item_ids() == {1, 2, 3} and change.iteration_ids() == {1}
    planned = [e for e in five.events() if e.kind == "planned"]
    assert [(e.item_id, e.data["before"], e.data["after"]) for e in planned] == [
        (n, {"iteration_id": None}, {"iteration_id": 1}) for n in (1, 2, 3)
    ]
    assert ops.plan_items(five, [1, 2], 1) is None, "already there"
    single = ops.plan_items(five, [1, 4], 2)
    assert single.label == "Plan 2 items into “Sprint 2”"
    assert five.events()[-2].data == {"before": {"iteration_id": 1}, "after": {"iteration_id": 2}}
    ops.undo(five, single)
    ops.undo(five, change)
    assert snapshot(five) == before


def test_unplan_sends_items_back_to_the_backlog(five):
    ops.plan_items(five, [1, 2], 1)
    change = ops.unplan_items(five, [2, 3])
    assert change.label == "Move LD-2 back to the backlog"
    assert [five.item(n).iteration_id for n in (1, 2)] == [1, None]
    assert ops.unplan_items(five, [3]) is None


def test_planning_refuses_closed_iterations_archived_and_missing_items(five):
    ops.archive_item(five, 5)
    with pytest.raises(ValidationError, match="LD-5 is archived"):
        ops.plan_items(five, [1, 5], 1)
    with pytest.raises(ValidationError, match="Item 99 no longer exists"):
        ops.plan_items(five, [99], 1)
    ops.start_iteration(five, 1)
    ops.close_iteration(five, 1)
    with pytest.raises(ValidationError, match="closed: its scope is frozen") as raised:
        ops.plan_items(five, [1], 1)
    assert set(raised.value.problems) == {"iteration_id"}
    with pytest.raises(ValidationError, match="frozen"):
        ops.edit_item(five, 1, {"iteration_id": 1})
    assert five.item(1).iteration_id is None


def test_delete_moves_items_and_removes_retro_and_snapshot_in_one_step(five, snapshot):
    ops.plan_items(five, [1, 2, 3], 1)
    ops.start_iteration(five, 1)
    ops.move_item(five, 1, 7, 0)
    ops.close_iteration(five, 1)
    ops.add_retro_entry(five, 1, "went_well", "Quick start")
    sprint_3 = _new(five, "Sprint 3")
    action = ops.add_retro_entry(five, sprint_3, "action", "Follow up").rows[-1].key[0]
    ops.start_iteration(five, 2)
    ops.set_action_done(five, action, True)  # ticked in Sprint 2
    before = snapshot(five)
    assert five.snapshot(1) is not None
    change = ops.delete_iteration(five, 1, move_items_to=sprint_3)
    assert change.label == "Delete iteration “Sprint 1” (items to “Sprint 3”)"
    assert five.iteration(1) is None and five.snapshot(1) is None
    assert five.item(1).iteration_id == sprint_3
    assert five.retro_entries(1) == []
    removal = ops.delete_iteration(five, 2)
    assert five.retro_entry(action).closed_in_iteration_id is None
    assert five.retro_entry(action).done_at is not None
    ops.undo(five, removal)
    ops.undo(five, change)
    assert snapshot(five) == before


def test_delete_with_items_goes_to_the_backlog_by_default_and_never_into_a_closed_one(five):
    ops.plan_items(five, [4], 2)
    ops.start_iteration(five, 1)
    ops.close_iteration(five, 1)
    with pytest.raises(ValidationError, match="frozen"):
        ops.delete_iteration(five, 2, move_items_to=1)
    with pytest.raises(ValidationError, match="another iteration"):
        ops.delete_iteration(five, 2, move_items_to=2)
    ops.delete_iteration(five, 2)
    assert five.item(4).iteration_id is None
    [event] = [e for e in five.events(4) if e.kind == "planned"][-1:]
    assert event.data["reason"] == "iteration deleted"


def test_an_item_created_in_an_iteration_records_that_it_was_planned(board):
    iteration = _new(board)
    ops.create_item(board, 1, "Planned from the start", fields={"iteration_id": iteration})
    assert [e.kind for e in board.events(1)] == ["created", "planned"]
    assert board.events(1)[-1].data["after"] == {"iteration_id": iteration}


def test_rescored_events_name_both_scores(board):
    ops.create_item(board, 1, "Scored", fields={"impact": 3, "effort": 2})
    ops.rescore_item(board, 1, 4, 2)
    rescored = board.events(1)[-1]
    assert rescored.kind == "rescored"
    assert rescored.data == {
        "before": {"impact": 3, "effort": 2},
        "after": {"impact": 4, "effort": 2},
    }
    assert board.item_history(1)[0].text == "rescored I3·E2 → I4·E2"


def test_iteration_names_are_unique_ignoring_case(board):

    ops.create_iteration(board, "Sprint 4")
    with pytest.raises(ValidationError) as refused:
        ops.create_iteration(board, "sprint 4")
    assert "already the name" in refused.value.problems["name"]
    other = ops.create_iteration(board, "Sprint 5")
    other_id = next(d.key[0] for d in other.diffs("iterations"))
    with pytest.raises(ValidationError):
        ops.edit_iteration(board, other_id, name="SPRINT 4")
    # Saving an iteration under its own name (another case) is not a clash.
    assert ops.edit_iteration(board, other_id, name="sprint 5") is not None
