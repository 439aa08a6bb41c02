"""The activity log is replayed in idle slices once the cards are loaded."""

from __future__ import annotations

from ldboard import ops
from ldboard.ui.cards.board_model import BoardModel


def newest_event(board) -> int:
    return board.connection.execute("SELECT max(id) FROM events").fetchone()[0]


def test_the_log_is_replayed_in_slices_after_the_cards_load(demo_session, qtbot, monkeypatch):
    slices: list[int] = []
    warm = type(demo_session.board).warm_flow_history

    def counting(board, budget=0):
        slices.append(budget)
        return warm(board, 25)  # small slices: the demo log takes several

    monkeypatch.setattr(type(demo_session.board), "warm_flow_history", counting)
    board_model = BoardModel(demo_session)
    assert slices == [], "nothing is replayed before the cards load"
    qtbot.waitUntil(lambda: board_model.flow_warmer.done, timeout=5000)
    board = demo_session.board
    assert len(slices) > 2
    _, replayed_to = board._flow
    assert replayed_to == newest_event(board)
    # The charts then only replay what was logged since.
    change = ops.move_item(board, 1, 2, 0)
    assert change is not None
    history = board.flow_history()
    assert board._flow[1] == newest_event(board) > replayed_to
    assert history.stories[1].last.column_id == 2


def test_closing_the_board_stops_the_replay(demo_session, qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication

    slices: list[int] = []
    warm = type(demo_session.board).warm_flow_history

    def counting(board, budget=0):
        slices.append(budget)
        return warm(board, 5)

    monkeypatch.setattr(type(demo_session.board), "warm_flow_history", counting)
    board_model = BoardModel(demo_session)
    with qtbot.waitSignal(board_model.fully_loaded, timeout=5000):
        pass
    # The replay is due (its first slice waits for the event loop) when the board closes.
    assert board_model.flow_warmer._timer.isActive()
    demo_session.close()
    QApplication.processEvents()
    QApplication.processEvents()
    # A slice on the closed file would raise (and fail the test); none runs.
    assert slices == []
    assert not board_model.flow_warmer.done
    assert not board_model.flow_warmer._timer.isActive()
