"""The single write path: Board.apply."""

import pytest

from ldboard import ops
from ldboard.store import Change, ConflictError, EventRecord, RowDiff


def test_apply_notifies_subscribers_after_commit(board):
    seen = []

    def listener(change):
        # The change is already committed when subscribers hear about it.
        seen.append((change.label, board.item_count()))

    unsubscribe = board.subscribe(listener)
    ops.create_item(board, 1, "First")
    unsubscribe()
    ops.create_item(board, 1, "Second")
    assert seen == [("Add LD-1", 1)]


def test_a_stale_change_is_refused_and_writes_nothing(board, snapshot):
    ops.create_item(board, 1, "Title")
    stale = Change(
        "Rename",
        (
            RowDiff("items", (1,), {"title": "Title"}, {"title": "Renamed"}),
            RowDiff("items", (1,), {"title": "Not what is stored"}, {"title": "Other"}),
        ),
        (EventRecord("edited", 1, {}),),
    )
    state = snapshot(board)
    events = len(board.events())
    with pytest.raises(ConflictError, match="expected 'Not what is stored'"):
        board.apply(stale)
    assert snapshot(board) == state
    assert len(board.events()) == events


def test_many_updates_are_checked_and_written_together(board, snapshot):
    """A run of like updates (planning many items) goes through the bulk path:
    every row is still checked, and one stale row refuses the whole change."""
    ids = [ops.create_item(board, 1, f"Item {n}").rows[0].key[0] for n in range(12)]
    rename = Change(
        "Rename all",
        tuple(
            RowDiff("items", (i,), {"title": f"Item {n}"}, {"title": f"Renamed {n}"})
            for n, i in enumerate(ids)
        ),
    )
    board.apply(rename)
    assert [board.item(i).title for i in ids] == [f"Renamed {n}" for n in range(12)]

    stale = Change(
        "Rename again",
        tuple(
            RowDiff(
                "items",
                (i,),
                {"title": "Not what is stored" if n == 7 else f"Renamed {n}"},
                {"title": f"Again {n}"},
            )
            for n, i in enumerate(ids)
        ),
    )
    state = snapshot(board)
    with pytest.raises(ConflictError, match="expected 'Not what is stored'"):
        board.apply(stale)
    assert snapshot(board) == state
    board.apply(rename.inverse())
    assert [board.item(i).title for i in ids] == [f"Item {n}" for n in range(12)]


def test_undo_after_an_outside_edit_is_a_conflict(board, snapshot):
    change = ops.create_item(board, 1, "Title")
    board.db.execute("UPDATE items SET title = 'Edited elsewhere' WHERE id = 1")
    with pytest.raises(ConflictError):
        ops.undo(board, change)
    assert board.item(1).title == "Edited elsewhere"


def test_inserting_an_existing_row_is_a_conflict(board):
    change = ops.create_item(board, 1, "Title")
    with pytest.raises(ConflictError, match="cannot add items 1"):
        board.apply(change)


def test_row_diffs_validate_their_shape():
    with pytest.raises(ValueError, match="cannot be changed"):
        RowDiff("events", (1,), None, {"kind": "x"})
    with pytest.raises(ValueError, match="before or an after"):
        RowDiff("items", (1,), None, None)
    with pytest.raises(ValueError, match="keyed by"):
        RowDiff("item_tags", (1,), None, {})


def test_inverse_swaps_and_reverses():
    change = Change(
        "x",
        (
            RowDiff("items", (1,), None, {"title": "a"}),
            RowDiff("items", (2,), {"rank": 1.0}, {"rank": 2.0}),
        ),
        (EventRecord("created", 1, {"after": {"title": "a"}}),),
    )
    inverse = change.inverse()
    assert [d.key for d in inverse.rows] == [(2,), (1,)]
    assert inverse.rows[0].before == {"rank": 2.0}
    assert inverse.rows[1].after is None
    assert inverse.events[0].kind == "deleted"
    assert inverse.events[0].data == {"before": {"title": "a"}, "after": None, "undo": True}
    twice = change.inverse().inverse()
    assert (twice.label, twice.rows) == (change.label, change.rows)
    assert [(e.kind, e.item_id) for e in twice.events] == [("created", 1)]
    assert twice.events[0].data == {"before": None, "after": {"title": "a"}, "undo": False}


def test_cards_for_ids_match_the_bulk_load(board):
    tag = ops.create_tag(board, "sales").rows[0].key[0]
    person = ops.create_person(board, "Maya Chen", roles=["sponsor"]).rows[0].key[0]
    ops.create_item(
        board,
        1,
        "Objection handling",
        fields={"impact": 4, "effort": 2, "hypothesis": "We believe coaching works"},
        tag_ids=[tag],
        people=[(person, "sponsor")],
        checklist=[ops.ChecklistEntry("Interview reps", True), ops.ChecklistEntry("Draft")],
    )
    ops.create_item(board, 2, "Other")
    bulk = board.cards()
    assert board.cards([1]) == [bulk[0]]
    card = bulk[0]
    assert (card.checklist_done, card.checklist_total) == (1, 2)
    assert [t.name for t in card.tags] == ["sales"]
    assert [(p.initials, p.role) for p in card.people] == [("MC", "sponsor")]
    assert card.haystack is None, "search text is read on demand"
    assert "coaching works" in board.cards([1], with_text=True)[0].haystack
    assert board.search_texts()[1] == board.cards([1], with_text=True)[0].haystack
    assert board.hypothesis_of(1) == "We believe coaching works"


def test_cards_share_chips_between_items(board):
    person = ops.create_person(board, "Maya Chen").rows[0].key[0]
    for title in ("A", "B"):
        ops.create_item(board, 1, title, people=[(person, "sponsor")])
    first, second = board.cards()
    assert first.people[0] is second.people[0]
