"""The whole cadence on the demo board, as a lead runs it: plan the next
iteration, close the running one with its verdicts, undo and redo the close, and
find last iteration's open actions waiting, counted, in the new retrospective."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from ldboard.ui.retro.lane_model import ROW_ROLE


def trigger(window, name: str) -> None:
    action = window.findChild(QAction, name)
    assert action is not None and action.isEnabled(), name
    action.trigger()


def file_rows(board) -> list[str]:
    """Every statement that rebuilds the board file, except the append-only activity
    log (undo and redo add their own rows to it) and the id counters (ids are never
    reused, so an undone insert leaves its counter where it was)."""
    return [
        line
        for line in board.connection.iterdump()
        if not line.startswith(('INSERT INTO "events"', 'INSERT INTO "sqlite_sequence"'))
        and "sqlite_sequence" not in line
    ]


def test_plan_close_undo_redo_and_the_actions_that_follow(window, qtbot):
    session = window.session
    board = session.board
    running = board.active_iteration()
    upcoming = next(i for i in board.iterations() if i.state == "planned")
    open_actions = [e for e in board.retro_entries(running.id) if e.is_open_action]
    carried_before = {c.entry.id: c.slips for c in board.carried_actions(running.id)}

    # 1. Plan two more initiatives into the next iteration from the backlog.
    trigger(window, "actionViewIterations")
    page = window.views.currentWidget()
    page.select_iteration(upcoming.id)
    backlog = page.backlog_table
    unplanned = [
        row
        for row in range(backlog.model().rowCount())
        if board.item(backlog.planning_model().item_id(row)).iteration_id is None
    ][:2]
    chosen = [backlog.planning_model().item_id(row) for row in unplanned]
    selection = backlog.selectionModel()
    for row in unplanned:
        selection.select(
            backlog.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    trigger(window, "actionPlanSelected")
    assert all(board.item(i).iteration_id == upcoming.id for i in chosen)

    # 2. Close the running iteration: the finished initiative gets its verdict.
    trigger(window, "actionCloseIteration")
    dialog = window.findChild(QDialog, "closeIterationDialog")
    qtbot.waitUntil(dialog.isVisible)
    judged = next(iter(dialog.verdicts.rows))
    row = dialog.verdicts.rows[judged]
    row.verdict.setCurrentIndex(row.verdict.findData("validated"))
    row.actual.setText("6")
    before_close = file_rows(board)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert board.iteration(running.id).state == "closed"
    assert (board.item(judged).verdict, board.item(judged).actual) == ("validated", 6.0)
    after_close = file_rows(board)
    assert after_close != before_close

    # ...and its retrospective opens.
    assert window.views.currentWidget().objectName() == "retroView"

    # 3. Undo the close: the file is exactly as before; redo: exactly as after.
    window.action_undo.trigger()
    assert file_rows(board) == before_close
    window.action_redo.trigger()
    assert file_rows(board) == after_close

    # 4. Start the next iteration: last iteration's open actions wait in its
    # retrospective, each counted as having slipped once more.
    trigger(window, "actionViewIterations")
    page.select_iteration(upcoming.id)
    trigger(window, "actionStartIteration")
    assert board.active_iteration().id == upcoming.id
    carried = {c.entry.id: c.slips for c in board.carried_actions(upcoming.id)}
    for entry in open_actions:
        assert carried[entry.id] == 1
    for entry_id, slips in carried_before.items():
        if board.retro_entry(entry_id).done_at is None:
            assert carried[entry_id] == slips + 1
    trigger(window, "actionViewRetro")
    retro = window.views.currentWidget()
    assert retro.objectName() == "retroView"
    shown = retro.log.carried
    rows = [shown.index(r, 0).data(ROW_ROLE) for r in range(shown.rowCount())]
    assert {row.id: row.slips for row in rows} == carried
    twice = [row for row in rows if row.slips == 2]
    assert twice  # the demo's oldest open actions have now slipped twice
    assert "slipped 2×" in shown.index(rows.index(twice[0]), 0).data(
        Qt.ItemDataRole.AccessibleTextRole
    )
