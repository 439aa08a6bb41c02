"""The demo's activity log reads like a real board's: in time order."""

from __future__ import annotations

from ldboard.domain import flow
from ldboard.store import Board
from ldboard.store.demo import load_demo_content, populate_demo


def demo_board(clock) -> Board:
    board = Board.in_memory(clock=clock)
    populate_demo(board, load_demo_content())
    return board


def test_the_demo_log_is_written_in_time_order(clock):
    with demo_board(clock) as board:
        stamps = [ts for (ts,) in board.connection.execute("SELECT ts FROM events ORDER BY id")]
    assert len(stamps) > 100
    assert stamps == sorted(stamps)


def test_the_closed_demo_iteration_burns_up_during_the_iteration(clock):
    """Its done items finish while it runs (the chart a first-time user sees is not flat)."""
    with demo_board(clock) as board:
        closed = next(it for it in board.iterations() if it.state == "closed")
        snapshot = board.snapshot(closed.id)
        up = flow.burn_up(board.flow_history(), closed.id)
    assert up.done_effort[0] == 0
    assert up.done_effort[-1] > 0
    assert snapshot is not None and snapshot.median_cycle_time_days is not None
