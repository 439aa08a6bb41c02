"""``Board.flow_history``: what the flow metrics read from the board file."""

from datetime import timedelta

from ldboard import ops
from ldboard.domain import flow

INTAKE, DISCOVERY, READY, DONE = 1, 2, 3, 7


def test_each_story_is_the_items_steps_in_log_order(board, clock):
    ops.create_item(board, INTAKE, "A", fields={"effort": 3})
    ops.create_iteration(board, "Sprint 1")
    ops.plan_items(board, [1], 1)
    clock.now += timedelta(days=1)
    move = ops.move_item(board, 1, DISCOVERY, 0)
    board.apply(move.inverse())
    ops.archive_item(board, 1)
    story = board.flow_history().stories[1]
    assert (story.key, story.title, story.effort) == ("LD-1", "A", 3)
    assert [(s.column_id, s.iteration_id, s.status) for s in story.steps] == [
        (INTAKE, None, flow.LIVE),
        (INTAKE, 1, flow.LIVE),
        (DISCOVERY, 1, flow.LIVE),
        (INTAKE, 1, flow.LIVE),  # the undo, replayed
        (INTAKE, 1, flow.ARCHIVED),
    ]
    assert story.created_at == story.steps[0].ts
    assert story.started_at is None  # the only start was undone


def test_a_deleted_item_keeps_its_key_and_title_from_the_log(board):
    ops.create_item(board, DISCOVERY, "Gone soon")
    ops.delete_item(board, 1)
    story = board.flow_history().stories[1]
    assert (story.key, story.title, story.last.status) == ("LD-1", "Gone soon", flow.DELETED)


def test_stages_include_removed_columns_with_their_recorded_category(board):
    ops.set_column_category(board, READY, "active")
    ops.remove_column(board, READY, move_items_to=INTAKE)
    stages = board.flow_history().stages
    assert stages[READY] == flow.Stage(READY, "Ready", 10**6 + READY, "active", removed=True)
    assert stages[DONE].category == "done"
    assert not stages[DONE].removed


def test_snapshots_are_read_for_closed_iterations_only(board):
    ops.create_item(board, DONE, "Finished", fields={"effort": 2})
    ops.create_iteration(board, "Sprint 1")
    ops.create_iteration(board, "Sprint 2")
    ops.plan_items(board, [1], 1)
    ops.start_iteration(board, 1)
    ops.close_iteration(board, 1)
    history = board.flow_history()
    assert set(history.snapshots) == {1}
    assert [it.name for it in history.iterations] == ["Sprint 1", "Sprint 2"]
    assert history.snapshots[1].numbers.items_done == 1


def test_the_log_is_read_in_one_query(board):
    for n in range(5):
        ops.create_item(board, INTAKE, f"Item {n}")
        ops.move_item(board, n + 1, DISCOVERY, 0)
    statements = []
    board.connection.set_trace_callback(statements.append)
    try:
        history = board.flow_history()
    finally:
        board.connection.set_trace_callback(None)
    assert len(history.stories) == 5
    reading_events = [s for s in statements if "FROM events" in s and "item_id IS NOT NULL" in s]
    assert len(reading_events) == 1
    assert "ORDER BY id" in reading_events[0]


def test_history_is_read_at_the_boards_now(board, clock):
    clock.now += timedelta(days=3)
    assert board.flow_history().now.startswith("2026-11-26T09:00")
    assert board.flow_history().today().isoformat() == "2026-11-26"
