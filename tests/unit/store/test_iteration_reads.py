"""Reads of the iteration cadence: planning rows, scope, history names; and the demo's story."""

import pytest

from ldboard import ops
from ldboard.store.demo import load_demo_content, populate_demo


def _statements(board):
    seen = []
    board.connection.set_trace_callback(seen.append)
    return seen


def test_planning_rows_are_in_board_order_with_requester_and_sponsor(board):
    ops.create_item(board, 4, "Building first")
    ops.create_item(board, 1, "Intake second", new_people=[("Zoe Ward", "requester")])
    ops.create_item(board, 1, "Intake first", index=0)
    ops.edit_item(
        board,
        2,
        new_people=[("Amir Khan", "requester"), ("Maya Chen", "sponsor"), ("Lee", "sme")],
    )
    ops.move_column(board, 4, 0)  # Building is now the first stage
    rows = board.planning_rows()
    assert [r.title for r in rows] == ["Building first", "Intake first", "Intake second"]
    second = rows[2]
    assert (second.requester, second.sponsor, second.stage) == (
        "Amir Khan, Zoe Ward",
        "Maya Chen",
        "Intake",
    )
    assert rows[1].requester == rows[1].sponsor == ""


def test_planning_rows_leave_out_archived_items_and_closed_iterations(board):
    for title in ("Open", "Archived", "Done in the sprint", "Unfinished"):
        ops.create_item(board, 1, title, fields={"effort": 2, "impact": 4})
    ops.archive_item(board, 2)
    ops.create_iteration(board, "Sprint 1")
    ops.plan_items(board, [3, 4], 1)
    ops.start_iteration(board, 1)
    ops.move_item(board, 3, 7, 0)
    rows = {r.title: r for r in board.planning_rows()}
    assert set(rows) == {"Open", "Done in the sprint", "Unfinished"}
    assert rows["Done in the sprint"].done and not rows["Open"].done
    assert rows["Open"].score == 2.0 and rows["Unfinished"].iteration_id == 1
    ops.close_iteration(board, 1)
    assert {r.title for r in board.planning_rows()} == {"Open", "Unfinished"}


def test_planning_rows_take_the_same_few_queries_however_big_the_board(board):
    def queries():
        seen = _statements(board)
        rows = board.planning_rows()
        board.connection.set_trace_callback(None)
        return len(rows), seen

    for n in range(10):
        ops.create_item(board, 1 + n % 7, f"Item {n}", new_people=[(f"P{n % 5}", "sponsor")])
    small, few = queries()
    for n in range(30):
        ops.create_item(board, 1 + n % 7, f"More {n}", new_people=[(f"Q{n % 5}", "requester")])
    big, same = queries()
    assert (small, big) == (10, 40)
    assert len(few) == len(same) <= 4, "no query per item"
    assert len([s for s in same if "FROM items" in s]) == 1


def test_iteration_load_counts_what_is_planned(board):
    ops.create_iteration(board, "Sprint 1", capacity=4)
    for effort in (3, 2, None):
        ops.create_item(board, 1, "Item", fields={"effort": effort, "iteration_id": 1})
    load = board.iteration_load(1)
    assert (load.planned, load.unscored, load.over) == (5.0, 1, True)


def test_history_names_removed_stages_and_deleted_iterations(board):
    ops.create_item(board, 6, "Travelling")
    ops.create_iteration(board, "Sprint 1")
    ops.plan_items(board, [1], 1)
    ops.move_item(board, 1, 5, 0)
    ops.remove_column(board, 6)  # the stage it came from
    ops.delete_iteration(board, 1)
    texts = [line.text for line in board.item_history(1)]
    assert texts == [
        "taken out of Sprint 1",
        "moved Measuring → Pilot; performance-support checklist added",
        "planned into Sprint 1",
        "created in Measuring",
    ]


# --- the demo tells a coherent story -------------------------------------------------


@pytest.fixture
def demo(board):
    populate_demo(board, load_demo_content())
    return board


def test_the_demo_has_a_closed_an_active_and_a_planned_iteration(demo):
    states = [i.state for i in demo.iterations()]
    assert states == ["closed", "active", "planned"]
    active = demo.active_iteration()
    assert active.goal and active.capacity and active.started_at
    assert demo.default_iteration().id == active.id
    load = demo.iteration_load(active.id)
    assert load.items >= 5 and not load.over
    assert demo.foreign_key_problems() == []


def test_the_demo_closed_iteration_has_a_snapshot_made_by_the_close_rules(demo):
    closed = demo.iterations()[0]
    snapshot = demo.snapshot(closed.id)
    assert snapshot.closed_at == closed.closed_at
    done = snapshot.by_flag("done")
    assert len(done) >= 2 and all(item.verdict != "untested" for item in done if item.hypothesis)
    carried = snapshot.by_flag("carried_over")
    assert carried and any(item.carried_to for item in carried)
    assert {i.item_id for i in carried} == {
        i.item_id for i in carried if demo.item(i.item_id).iteration_id != closed.id
    }, "unfinished items left the closed iteration"
    # The same rules, run again now, tell the same story for the items that stayed.
    again = {line.item_id: line for line in demo.scope(closed.id)}
    for item in done:
        line = again[item.item_id]
        assert (line.committed, line.added, line.removed) == (True, False, False)


def test_the_demo_active_iteration_shows_scope_change(demo):
    active = demo.active_iteration()
    lines = demo.scope(active.id)
    assert [line.key for line in lines if line.added], "one item pulled in after the start"
    assert [line.key for line in lines if line.removed], "one item moved on"
    for line in lines:
        planned = [e for e in demo.events(line.item_id) if e.kind == "planned"]
        into = [e for e in planned if e.data["after"]["iteration_id"] == active.id]
        if line.committed:
            assert into[0].ts <= active.started_at
        if line.added:
            assert into[0].ts > active.started_at


def test_the_demo_retrospective_carries_an_open_action_with_its_slip(demo):
    active = demo.active_iteration()
    carried = demo.carried_actions(active.id)
    still_open = [c for c in carried if c.entry.done_at is None]
    assert still_open and all(c.slips == 1 for c in still_open)
    people = {p.id for p in demo.people()}
    assert any(c.entry.owner_id in people for c in still_open)
    kinds = {e.kind for e in demo.retro_entries(demo.iterations()[0].id)}
    assert kinds == {"went_well", "to_improve", "action", "note"}
