"""Item operations: each is one transaction with an event and an exact inverse."""

import re

import pytest

from ldboard import ops
from ldboard.domain.rules import ValidationError


def _titles(board, column_id):
    return [c.title for c in board.cards() if c.column_id == column_id]


@pytest.fixture
def column_of_three(board):
    for title in ("A", "B", "C"):
        ops.create_item(board, 1, title)
    return board


def test_create_assigns_a_key_rank_timestamps_and_an_event(board):
    change = ops.create_item(board, 1, "  Objection handling  ", fields={"impact": 4})
    item = board.item(1)
    assert (item.key, item.title, item.impact) == ("LD-1", "Objection handling", 4)
    assert item.created_at == item.updated_at
    assert re.fullmatch(r"2026-11-23T09:00:\d\dZ", item.created_at)
    assert item.done_at is None
    assert change.label == "Add LD-1"
    assert [e.kind for e in board.events(1)] == ["created"]


def test_keys_are_never_reused_after_undo(board):
    first = ops.create_item(board, 1, "One")
    ops.undo(board, first)
    ops.create_item(board, 1, "Two")
    assert [c.key for c in board.cards()] == ["LD-2"]


def test_create_at_a_position(column_of_three):
    ops.create_item(column_of_three, 1, "Top", index=0)
    ops.create_item(column_of_three, 1, "Second", index=1)
    assert _titles(column_of_three, 1) == ["Top", "Second", "A", "B", "C"]


def test_create_in_a_done_column_stamps_done_at(board):
    ops.create_item(board, 7, "Shipped")
    item = board.item(1)
    assert item.done_at == item.created_at
    ops.create_item(board, 6, "Still measuring")
    assert board.item(2).done_at is None


def test_create_refuses_invalid_fields_and_writes_nothing(board, snapshot):
    state = snapshot(board)
    with pytest.raises(ValidationError) as raised:
        ops.create_item(board, 1, " ", fields={"impact": 9})
    assert set(raised.value.problems) == {"title", "impact"}
    assert snapshot(board) == state


def test_move_within_a_column_writes_only_the_moved_row(column_of_three, snapshot):
    change = ops.move_item(column_of_three, 3, 1, 0)
    assert _titles(column_of_three, 1) == ["C", "A", "B"]
    assert len(change.rows) == 1
    assert change.label == "Reorder LD-3"
    assert column_of_three.events(3)[-1].kind == "reordered"


def test_a_moved_card_takes_the_midpoint_of_its_new_neighbours(column_of_three):
    ranks = {c.title: c.rank for c in column_of_three.cards()}
    assert ranks == {"A": 1024.0, "B": 2048.0, "C": 3072.0}
    ops.move_item(column_of_three, 3, 1, 1)
    assert column_of_three.item(3).rank == 1536.0
    assert column_of_three.events(3)[-1].data["after"]["rank"] == 1536.0
    ops.move_item(column_of_three, 1, 4, 0)  # into an empty column: the standard gap
    assert column_of_three.item(1).rank == 1024.0
    ops.create_item(column_of_three, 4, "D", index=0)  # above the top: one gap lower
    assert column_of_three.item(4).rank == 0.0


def test_move_across_columns_and_undo_restores_exact_state(column_of_three, snapshot):
    before = snapshot(column_of_three)
    change = ops.move_item(column_of_three, 2, 4, 0)
    assert _titles(column_of_three, 1) == ["A", "C"]
    assert _titles(column_of_three, 4) == ["B"]
    assert change.label == "Move LD-2 to Building"
    ops.undo(column_of_three, change)
    assert snapshot(column_of_three) == before
    ops.redo(column_of_three, change)
    assert _titles(column_of_three, 4) == ["B"]


def test_move_to_the_same_place_is_a_no_op(column_of_three):
    events = len(column_of_three.events())
    assert ops.move_item(column_of_three, 2, 1, 1) is None
    assert len(column_of_three.events()) == events


def test_move_clamps_the_position_to_the_column(column_of_three):
    ops.move_item(column_of_three, 1, 1, 99)
    assert _titles(column_of_three, 1) == ["B", "C", "A"]


def test_entering_done_stamps_done_at_and_leaving_clears_it(board):
    ops.create_item(board, 6, "Measured")
    ops.move_item(board, 1, 7, 0)
    entered = board.item(1)
    assert entered.done_at == entered.updated_at != entered.created_at
    ops.move_item(board, 1, 6, 0)
    assert board.item(1).done_at is None


def test_moving_an_archived_item_is_refused(board):
    ops.create_item(board, 1, "Old")
    ops.archive_item(board, 1)
    with pytest.raises(ValueError, match="archived"):
        ops.move_item(board, 1, 2, 0)


def test_edit_changes_fields_relations_and_records_specific_events(board, snapshot):
    tag = ops.create_tag(board, "sales").rows[0].key[0]
    maya = ops.create_person(board, "Maya Chen").rows[0].key[0]
    ops.create_item(board, 1, "Coaching")
    before = snapshot(board)
    change = ops.edit_item(
        board,
        1,
        {"title": "Objection coaching", "impact": 5, "effort": 2, "verdict": "validated"},
        tag_ids=[tag],
        people=[(maya, "sponsor"), (maya, "requester")],
        checklist=[ops.ChecklistEntry("Interview top reps", True)],
        new_notes=["Agreed scope with Maya"],
    )
    item = board.item(1)
    assert (item.title, item.impact, item.effort, item.verdict) == (
        "Objection coaching",
        5,
        2,
        "validated",
    )
    assert board.item_tag_ids(1) == [tag]
    assert sorted(board.item_people(1)) == [(maya, "requester"), (maya, "sponsor")]
    assert [(c.text, c.done) for c in board.checklist(1)] == [("Interview top reps", True)]
    assert [n.text for n in board.notes(1)] == ["Agreed scope with Maya"]
    kinds = [e.kind for e in board.events(1)]
    assert kinds[-3:] == ["edited", "rescored", "verdict"]
    ops.undo(board, change)
    assert snapshot(board) == before


def test_edit_that_changes_nothing_returns_none(board):
    ops.create_item(board, 1, "Same")
    assert ops.edit_item(board, 1, {"title": "Same "}) is None


def test_edit_checklist_updates_reorders_and_removes(board, snapshot):
    ops.create_item(
        board,
        1,
        "X",
        checklist=[ops.ChecklistEntry("one"), ops.ChecklistEntry("two"), ops.ChecklistEntry("3")],
    )
    one, _two, three = board.checklist(1)
    before = snapshot(board)
    change = ops.edit_item(
        board,
        1,
        checklist=[
            ops.ChecklistEntry("three", True, three.id),
            ops.ChecklistEntry("one", False, one.id),
            ops.ChecklistEntry("four"),
        ],
    )
    assert [(c.text, c.done) for c in board.checklist(1)] == [
        ("three", True),
        ("one", False),
        ("four", False),
    ]
    assert board.events(1)[-1].data["changed"] == ["checklist"]
    ops.undo(board, change)
    assert snapshot(board) == before


def test_edit_refuses_unknown_fields_and_missing_iterations(board):
    ops.create_item(board, 1, "X")
    with pytest.raises(ValueError, match="cannot be edited"):
        ops.edit_item(board, 1, {"key": "LD-99"})
    with pytest.raises(ValidationError, match="iteration"):
        ops.edit_item(board, 1, {"iteration_id": 42})


def test_archive_and_restore_round_trip(column_of_three, snapshot):
    before = snapshot(column_of_three)
    archived = ops.archive_item(column_of_three, 2)
    assert _titles(column_of_three, 1) == ["A", "C"]
    assert [c.title for c in column_of_three.cards(archived=True)] == ["B"]
    assert ops.archive_item(column_of_three, 2) is None
    restored = ops.restore_item(column_of_three, 2)
    assert _titles(column_of_three, 1) == ["A", "B", "C"]
    ops.undo(column_of_three, restored)
    ops.undo(column_of_three, archived)
    assert snapshot(column_of_three) == before
    kinds = [e.kind for e in column_of_three.events(2)]
    assert kinds == ["created", "archived", "restored", "archived", "restored"]


def test_restore_goes_to_the_bottom_when_its_old_slot_is_taken(board):
    ops.create_item(board, 1, "A")
    ops.archive_item(board, 1)
    ops.create_item(board, 1, "B")  # takes the same first rank
    ops.restore_item(board, 1)
    assert _titles(board, 1) == ["B", "A"]


def test_delete_removes_everything_attached_and_undo_brings_it_back(board, snapshot):
    tag = ops.create_tag(board, "ops").rows[0].key[0]
    person = ops.create_person(board, "Sam Lee").rows[0].key[0]
    ops.create_item(
        board,
        1,
        "Doomed",
        tag_ids=[tag],
        people=[(person, "sme")],
        checklist=[ops.ChecklistEntry("x")],
    )
    ops.add_note(board, 1, "a note")
    before = snapshot(board)
    change = ops.delete_item(board, 1)
    assert board.item(1) is None
    assert board.rows("item_tags") == board.rows("notes") == []
    assert board.events(1)[-1].kind == "deleted"
    ops.undo(board, change)
    assert snapshot(board) == before


def test_toggle_checklist_entry(board):
    ops.create_item(board, 1, "X", checklist=[ops.ChecklistEntry("step")])
    entry = board.checklist(1)[0]
    change = ops.toggle_checklist_entry(board, entry.id)
    assert board.checklist(1)[0].done
    assert change.label == "Check “step” on LD-1"
    assert 1 in change.item_ids()


def test_add_note_refuses_empty_text(board):
    ops.create_item(board, 1, "X")
    with pytest.raises(ValidationError) as refused:
        ops.add_note(board, 1, "   ")
    assert list(refused.value.problems) == ["new_note"]
    assert board.notes(1) == []


def test_unknown_items_are_reported(board):
    with pytest.raises(ops.ItemNotFound):
        ops.archive_item(board, 404)
