"""The retrospective log: lanes in order, moves that write one row, actions that follow you."""

import pytest

from ldboard import ops
from ldboard.domain.rules import ValidationError


def _lane(board, iteration_id, kind):
    return [e.text for e in board.retro_entries(iteration_id) if e.kind == kind]


@pytest.fixture
def sprint(board):
    ops.create_iteration(board, "Sprint 1")
    ops.create_iteration(board, "Sprint 2")
    ops.create_iteration(board, "Sprint 3")
    for text in ("A", "B", "C"):
        ops.add_retro_entry(board, 1, "went_well", text)
    return board


def test_entries_are_shown_lane_by_lane_in_order(sprint):
    ops.add_retro_entry(sprint, 1, "note", "Noted")
    ops.add_retro_entry(sprint, 1, "to_improve", "Slower")
    ops.add_retro_entry(sprint, 1, "went_well", "First", index=0)
    ops.add_retro_entry(sprint, 1, "went_well", "Third", index=2)
    assert [(e.kind, e.text) for e in sprint.retro_entries(1)] == [
        ("went_well", "First"),
        ("went_well", "A"),
        ("went_well", "Third"),
        ("went_well", "B"),
        ("went_well", "C"),
        ("to_improve", "Slower"),
        ("note", "Noted"),
    ]


def test_add_logs_a_retro_event_and_undoes(sprint, snapshot):
    before = snapshot(sprint)
    change = ops.add_retro_entry(sprint, 2, "action", "  Book the room  ", due="2026-12-01")
    entry = sprint.retro_entries(2)[0]
    assert (entry.text, entry.due, entry.owner_id, entry.position) == (
        "Book the room",
        "2026-12-01",
        None,
        1024.0,
    )
    event = sprint.events()[-1]
    assert (event.kind, event.item_id, event.data["action"]) == ("retro", None, "add")
    assert event.data["after"]["id"] == entry.id
    assert change.touches("retro_entries") and change.iteration_ids() == {2}
    ops.undo(sprint, change)
    assert snapshot(sprint) == before


def test_a_reorder_writes_only_the_moved_entry(sprint):
    change = ops.move_retro_entry(sprint, 3, "went_well", 0)
    assert _lane(sprint, 1, "went_well") == ["C", "A", "B"]
    assert [d.key for d in change.rows] == [(3,)]
    assert change.rows[0].after == {"position": 0.0, "iteration_id": 1}
    assert ops.move_retro_entry(sprint, 3, "went_well", 0) is None
    ops.undo(sprint, change)
    assert _lane(sprint, 1, "went_well") == ["A", "B", "C"]


def test_moving_to_another_lane_of_the_same_retrospective(sprint):
    ops.add_retro_entry(sprint, 1, "to_improve", "Late")
    change = ops.move_retro_entry(sprint, 2, "to_improve", 0)
    assert change.label == "Move “B” to To improve"
    assert _lane(sprint, 1, "to_improve") == ["B", "Late"]
    assert _lane(sprint, 1, "went_well") == ["A", "C"]
    assert sprint.events()[-1].data["before"] == {"id": 2, "kind": "went_well", "position": 2048.0}


def test_crowded_neighbours_are_respaced_locally(sprint):
    for _ in range(60):  # always between the first two: halves the gap each time
        ops.move_retro_entry(sprint, 3, "went_well", 1)
        ops.move_retro_entry(sprint, 3, "went_well", 2)
    change = ops.move_retro_entry(sprint, 3, "went_well", 1)
    positions = [e.position for e in sprint.retro_entries(1)]
    assert positions == sorted(positions) and len(set(positions)) == 3
    assert _lane(sprint, 1, "went_well") == ["A", "C", "B"]
    assert len(change.rows) <= 3


def test_edit_and_delete(sprint, snapshot):
    before = snapshot(sprint)
    edit = ops.edit_retro_entry(sprint, 1, text="A, but better")
    assert sprint.retro_entry(1).text == "A, but better"
    assert edit.rows[0].before == {"text": "A", "iteration_id": 1}
    assert ops.edit_retro_entry(sprint, 1, text="A, but better") is None
    removal = ops.delete_retro_entry(sprint, 2)
    assert _lane(sprint, 1, "went_well") == ["A, but better", "C"]
    ops.undo(sprint, removal)
    ops.undo(sprint, edit)
    assert snapshot(sprint) == before


def test_invalid_entries_are_refused_by_field(sprint):
    with pytest.raises(ValidationError) as raised:
        ops.add_retro_entry(sprint, 1, "action", " ", owner_id=1, due="soon")
    assert set(raised.value.problems) == {"text", "owner_id", "due"}
    assert "no longer on the board" in raised.value.problems["owner_id"]
    with pytest.raises(ValidationError, match="Only actions have an owner"):
        ops.edit_retro_entry(sprint, 1, due="2026-12-01")
    with pytest.raises(ValidationError, match="Unknown lane"):
        ops.add_retro_entry(sprint, 1, "kudos", "Nice")
    with pytest.raises(ValidationError, match="initiative no longer exists"):
        ops.add_retro_entry(sprint, 1, "action", "Link", item_id=42)


def test_an_action_has_an_owner_from_the_people_and_a_linked_initiative(sprint):
    maya = ops.create_person(sprint, "Maya Chen").rows[0].key[0]
    ops.create_item(sprint, 1, "Coaching pilot")
    change = ops.add_retro_entry(
        sprint, 1, "action", "Ask Maya for pilot data", owner_id=maya, item_id=1
    )
    entry_id = change.rows[-1].key[0]
    assert (sprint.retro_entry(entry_id).owner_id, sprint.retro_entry(entry_id).item_id) == (
        maya,
        1,
    )
    removal = ops.delete_person(sprint, maya)
    assert sprint.retro_entry(entry_id).owner_id is None, "the action is yours now"
    ops.undo(sprint, removal)
    assert sprint.retro_entry(entry_id).owner_id == maya
    deletion = ops.delete_item(sprint, 1)
    assert sprint.retro_entry(entry_id).item_id is None
    assert sprint.retro_entry(entry_id).text == "Ask Maya for pilot data"
    ops.undo(sprint, deletion)
    assert sprint.retro_entry(entry_id).item_id == 1


def test_ticking_an_action_records_the_iteration_it_was_closed_in(sprint):
    action = ops.add_retro_entry(sprint, 1, "action", "Follow up").rows[-1].key[0]
    ops.start_iteration(sprint, 2)
    change = ops.set_action_done(sprint, action, True)
    entry = sprint.retro_entry(action)
    assert entry.done_at is not None and entry.closed_in_iteration_id == 2
    assert ops.set_action_done(sprint, action, True) is None
    assert sprint.events()[-1].data["action"] == "done"
    reopened = ops.set_action_done(sprint, action, False)
    assert sprint.retro_entry(action).done_at is None
    assert sprint.retro_entry(action).closed_in_iteration_id is None
    ops.undo(sprint, reopened)
    ops.undo(sprint, change)
    assert sprint.retro_entry(action).done_at is None
    ops.set_action_done(sprint, action, True, iteration_id=3)
    assert sprint.retro_entry(action).closed_in_iteration_id == 3
    with pytest.raises(ValidationError, match="Only actions"):
        ops.set_action_done(sprint, 1, True)


def test_between_iterations_an_action_is_ticked_in_the_one_that_closed_last(sprint):
    action = ops.add_retro_entry(sprint, 2, "action", "Follow up").rows[-1].key[0]
    ops.start_iteration(sprint, 1)
    ops.close_iteration(sprint, 1)
    ops.set_action_done(sprint, action, True)
    assert sprint.retro_entry(action).closed_in_iteration_id == 1


def test_open_actions_are_carried_into_later_retrospectives_with_their_slips(sprint):
    ops.start_iteration(sprint, 1)
    ops.close_iteration(sprint, 1)
    late = ops.add_retro_entry(sprint, 1, "action", "Write the guide").rows[-1].key[0]
    ops.add_retro_entry(sprint, 1, "note", "Not an action")
    ops.start_iteration(sprint, 2)
    [carried] = sprint.carried_actions(2)
    assert (carried.entry.id, carried.written_in.name, carried.slips) == (late, "Sprint 1", 1)
    assert sprint.carried_actions(1) == []
    ops.close_iteration(sprint, 2)
    ops.start_iteration(sprint, 3)
    [carried] = sprint.carried_actions(3)
    assert carried.slips == 2, "still open after Sprint 1 and Sprint 2 closed"
    ops.set_action_done(sprint, late, True)
    [shown] = sprint.carried_actions(3)
    assert shown.entry.done_at is not None, "ticked in Sprint 3: shown there as done"
    assert shown.slips == 2
    [earlier] = sprint.carried_actions(2)
    assert earlier.entry.id == late, "it was still open during Sprint 2"
    ops.close_iteration(sprint, 3)
    ops.create_iteration(sprint, "Sprint 4")
    assert sprint.carried_actions(4) == [], "done before Sprint 4"
