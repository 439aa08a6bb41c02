import pytest

from ldboard import ops
from ldboard.domain.rules import ValidationError


def _names(board):
    return [c.name for c in board.columns()]


def test_add_column_at_a_position_and_undo(board, snapshot):
    before = snapshot(board)
    change = ops.add_column(board, "Review", index=1, wip_limit=2)
    assert _names(board)[:3] == ["Intake", "Review", "Discovery"]
    assert [c.position for c in board.columns()] == list(range(8))
    ops.undo(board, change)
    assert snapshot(board) == before


def test_column_names_are_unique_and_required(board):
    with pytest.raises(ValueError, match="already a column"):
        ops.add_column(board, "intake")
    with pytest.raises(ValueError, match="needs a name"):
        ops.rename_column(board, 1, "  ")


def test_rename_wip_and_category(board):
    ops.rename_column(board, 1, "Requests")
    ops.set_wip_limit(board, 1, 4)
    ops.set_column_category(board, 1, "active")
    column = board.column(1)
    assert (column.name, column.wip_limit, column.category) == ("Requests", 4, "active")
    assert ops.set_wip_limit(board, 1, 4) is None
    with pytest.raises(ValueError, match="WIP limit"):
        ops.set_wip_limit(board, 1, 0)


def test_move_column(board, snapshot):
    before = snapshot(board)
    change = ops.move_column(board, 7, 0)
    assert _names(board)[0] == "Done"
    ops.undo(board, change)
    assert snapshot(board) == before
    assert ops.move_column(board, 1, 0) is None


def test_removing_a_column_with_items_needs_a_destination(board, snapshot):
    ops.create_item(board, 2, "Live")
    ops.create_item(board, 2, "Old")
    ops.archive_item(board, 2)
    ops.create_item(board, 3, "Already there")
    with pytest.raises(ops.ColumnNotEmpty) as raised:
        ops.remove_column(board, 2)
    assert raised.value.count == 2
    before = snapshot(board)
    change = ops.remove_column(board, 2, move_items_to=3)
    assert "Discovery" not in _names(board)
    assert [c.title for c in board.cards() if c.column_id == 3] == ["Already there", "Live"]
    assert board.item(2).column_id == 3 and board.item(2).archived_at is not None
    assert [c.position for c in board.columns()] == list(range(6))
    ops.undo(board, change)
    assert snapshot(board) == before


def test_removing_an_empty_column_and_the_last_column(board):
    ops.remove_column(board, 5)
    assert "Pilot" not in _names(board)
    for column in board.columns()[1:]:
        ops.remove_column(board, column.id)
    with pytest.raises(ValueError, match="at least one column"):
        ops.remove_column(board, board.columns()[0].id)


def test_moving_items_into_done_when_removing_a_column_stamps_done_at(board):
    ops.create_item(board, 6, "Measured")
    ops.remove_column(board, 6, move_items_to=7)
    moved = board.item(1)
    assert moved.done_at == moved.updated_at != moved.created_at


def test_tags_create_rename_recolor_and_delete_with_undo(board, snapshot):
    ops.create_item(board, 1, "X")
    tag = ops.create_tag(board, "#Sales").rows[0].key[0]
    assert board.tags()[0].name == "Sales"
    ops.edit_item(board, 1, tag_ids=[tag])
    ops.update_tag(board, tag, name="sales-team", color="#AABBCC")
    assert (board.tags()[0].name, board.tags()[0].color) == ("sales-team", "#aabbcc")
    with pytest.raises(ValueError, match="already a tag"):
        ops.create_tag(board, "SALES-TEAM")
    with pytest.raises(ValueError, match="colour"):
        ops.update_tag(board, tag, color="red")
    before = snapshot(board)
    change = ops.delete_tag(board, tag)
    assert board.tags() == [] and board.item_tag_ids(1) == []
    ops.undo(board, change)
    assert snapshot(board) == before


def test_typed_tags_are_created_inside_the_item_change(board, snapshot):
    existing = ops.create_tag(board, "Sales").rows[0].key[0]
    before = snapshot(board)
    transactions = []
    board.subscribe(transactions.append)
    change = ops.create_item(
        board, 1, "X", new_tags=["sales", "#Onboarding", "onboarding", " "], notes=["Kick-off"]
    )
    assert len(transactions) == 1, "one user action, one transaction"
    assert {t.name for t in board.tags()} == {"Sales", "Onboarding"}
    assert sorted(board.item_tag_ids(1)) == sorted([existing, board.tag_by_name("onboarding").id])
    assert [n.text for n in board.notes(1)] == ["Kick-off"]
    ops.undo(board, change)
    assert snapshot(board) == before


def test_edit_adds_typed_tags_to_the_existing_ones(board):
    ops.create_item(board, 1, "X", new_tags=["one"])
    ops.edit_item(board, 1, new_tags=["two"])
    assert sorted(board.tags()[i].name for i in range(2)) == ["one", "two"]
    assert len(board.item_tag_ids(1)) == 2


def test_tag_names_match_case_in_any_script(board):
    ops.create_tag(board, "Über")
    assert board.tag_by_name("über").name == "Über"
    with pytest.raises(ValueError, match="already a tag"):
        ops.create_tag(board, "ÜBER")


def test_people_create_edit_and_delete_with_undo(board, snapshot):
    ops.create_item(board, 1, "X")
    person = (
        ops.create_person(
            board, "Diego Alvarez", role="Account executive", roles=["sme", "stakeholder"]
        )
        .rows[0]
        .key[0]
    )
    ops.edit_item(board, 1, people=[(person, "sme")])
    ops.update_person(board, person, roles=["sme"], department="Sales")
    stored = board.person(person)
    assert (stored.department, stored.roles, stored.initials) == ("Sales", ["sme"], "DA")
    with pytest.raises(ValidationError, match="Unknown role 'boss'"):
        ops.update_person(board, person, roles=["boss"])
    with pytest.raises(ValueError, match="needs a name"):
        ops.update_person(board, person, name=" ")
    before = snapshot(board)
    change = ops.delete_person(board, person)
    assert board.people() == [] and board.item_people(1) == []
    ops.undo(board, change)
    assert snapshot(board) == before


def test_every_operation_records_an_event(board):
    counts = []
    for action in (
        lambda: ops.add_column(board, "Review"),
        lambda: ops.rename_column(board, 1, "Requests"),
        lambda: ops.create_tag(board, "x"),
        lambda: ops.create_person(board, "P"),
        lambda: ops.create_item(board, 1, "I"),
        lambda: ops.move_item(board, 1, 2, 0),
        lambda: ops.archive_item(board, 1),
    ):
        before = len(board.events())
        action()
        counts.append(len(board.events()) - before)
    assert counts == [1] * 7, "one event per action (an item's move or archive included)"
