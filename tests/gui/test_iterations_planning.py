"""The planning screen (View → Iterations): backlog beside the iteration, planning by
drag and by action, capacity, sorting, inline rescoring, and the Iteration menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from ldboard import ops
from ldboard.ui.common import theme
from ldboard.ui.iterations.planning_model import EFFORT, KEY, PLANNED_IN, SCORE, TITLE
from tests.gui.support import drop_at


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


@pytest.fixture
def page(window, qtbot):
    action(window, "actionViewIterations").trigger()
    qtbot.waitUntil(lambda: window.views.currentWidget().objectName() == "iterationsView")
    return window.views.currentWidget()


def live_items(board):
    return {row["id"]: row for row in board.rows("items", "archived_at IS NULL")}


def done_columns(board):
    return {c.id for c in board.columns() if c.category == "done"}


def select_rows(table, rows):
    selection = table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(table.model().index(row, 0), flags)


def test_ctrl_4_shows_the_active_iteration_beside_the_backlog(window, page):
    board = window.session.board
    active = board.active_iteration()
    assert active is not None
    assert action(window, "actionViewIterations").shortcut().toString() == "Ctrl+4"
    assert page.selected_iteration().id == active.id
    assert page.picker.currentData() == active.id
    items = live_items(board)
    planned = {i for i, row in items.items() if row["iteration_id"] == active.id}
    assert set(page.iteration_table.planning_model().ids()) == planned
    closed = {i.id for i in board.iterations() if i.state == "closed"}
    done = done_columns(board)
    expected_backlog = {
        i
        for i, row in items.items()
        if row["column_id"] not in done
        and row["iteration_id"] not in closed
        and row["iteration_id"] != active.id
    }
    assert set(page.backlog_table.planning_model().ids()) == expected_backlog
    efforts = sum(items[i]["effort"] or 0 for i in planned)
    assert page.capacity_bar.planned == efforts
    assert page.capacity_bar.capacity == active.capacity


def test_the_tables_default_to_board_order(window, page):
    board = window.session.board
    positions = {c.id: n for n, c in enumerate(board.columns())}
    items = live_items(board)
    ids = page.backlog_table.planning_model().ids()
    order = [(positions[items[i]["column_id"]], items[i]["rank"]) for i in ids]
    assert order == sorted(order)


def test_models_pass_the_model_tester(page, qtmodeltester):
    qtmodeltester.check(page.rows.backlog)
    qtmodeltester.check(page.rows.planned)


def test_plan_two_by_drag_and_two_by_action_each_one_undoable_step(window, page, qtbot):
    board = window.session.board
    iteration = page.selected_iteration()
    backlog = page.backlog_table
    first_two = backlog.planning_model().ids()[:2]
    select_rows(backlog, [0, 1])
    mime = backlog.model().mimeData(backlog.selectionModel().selectedIndexes())
    before = page.capacity_bar.planned
    stack = window.session.undo_stack
    depth = stack.count()
    target = page.iteration_table
    drop_at(target, mime, target.viewport().rect().center())
    qtbot.waitUntil(lambda: all(board.item(i).iteration_id == iteration.id for i in first_two))
    assert stack.count() == depth + 1
    assert all(target.planning_model().contains(i) for i in first_two)
    assert not any(backlog.planning_model().contains(i) for i in first_two)
    efforts = sum(board.item(i).effort or 0 for i in first_two)
    assert page.capacity_bar.planned == before + efforts

    next_two = backlog.planning_model().ids()[:2]
    select_rows(backlog, [0, 1])
    plan = action(window, "actionPlanSelected")
    assert plan.isEnabled()
    assert plan.shortcut().toString() == "Ctrl+Shift+I"
    plan.trigger()
    assert stack.count() == depth + 2
    assert all(board.item(i).iteration_id == iteration.id for i in next_two)
    assert sorted(target.selected_ids()) == sorted(next_two)  # the planned rows stay selected

    window.action_undo.trigger()
    assert all(board.item(i).iteration_id is None for i in next_two)
    assert all(backlog.planning_model().contains(i) for i in next_two)
    window.action_undo.trigger()
    assert all(board.item(i).iteration_id is None for i in first_two)
    assert page.capacity_bar.planned == before


def test_unplan_by_action_and_by_dragging_back(window, page, qtbot):
    board = window.session.board
    target = page.iteration_table
    first = target.planning_model().ids()[0]
    select_rows(target, [0])
    unplan = action(window, "actionUnplanSelected")
    assert unplan.isEnabled()
    unplan.trigger()
    assert board.item(first).iteration_id is None
    assert page.backlog_table.planning_model().contains(first)
    second = target.planning_model().ids()[0]
    select_rows(target, [0])
    mime = target.model().mimeData(target.selectionModel().selectedIndexes())
    drop_at(page.backlog_table, mime, page.backlog_table.viewport().rect().center())
    qtbot.waitUntil(lambda: board.item(second).iteration_id is None)


def test_planning_after_the_start_is_recorded_as_a_scope_change(window, page):
    board = window.session.board
    iteration = page.selected_iteration()
    assert iteration.state == "active"
    item_id = page.backlog_table.planning_model().ids()[0]
    select_rows(page.backlog_table, [0])
    action(window, "actionPlanSelected").trigger()
    line = next(line for line in board.scope(iteration.id) if line.item_id == item_id)
    assert line.added and not line.committed


def test_the_capacity_bar_warns_when_the_plan_is_over_capacity(window, page):
    bar = page.capacity_bar
    capacity = page.selected_iteration().capacity
    assert capacity is not None and bar.planned <= capacity
    assert bar.fill_color() != theme.DANGER
    backlog = page.backlog_table
    select_rows(backlog, range(backlog.model().rowCount()))
    action(window, "actionPlanSelected").trigger()
    assert bar.planned > capacity
    assert bar.over
    assert bar.fill_color() == theme.DANGER
    assert "over capacity" in bar.text()


def test_sorting_by_a_column_and_back_to_board_order(page):
    table = page.backlog_table
    model = table.planning_model()
    board_order = model.ids()
    table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
    scores = [model.index(r, SCORE).data() for r in range(model.rowCount())]
    numbers = [float(s) for s in scores if s]
    assert numbers == sorted(numbers, reverse=True)
    assert all(not s for s in scores[len(numbers) :])  # unscored last
    table.sortByColumn(KEY, Qt.SortOrder.AscendingOrder)
    keys = [int(model.index(r, KEY).data().split("-")[1]) for r in range(model.rowCount())]
    assert keys == sorted(keys)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    assert model.ids() == board_order


def test_effort_typed_in_the_table_rescores_through_one_undoable_step(window, page):
    board = window.session.board
    model = page.iteration_table.planning_model()
    item_id = model.item_id(0)
    before = board.item(item_id)
    new_effort = 5 if before.effort != 5 else 1
    assert model.flags(model.index(0, EFFORT)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, TITLE)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, EFFORT), new_effort)
    assert board.item(item_id).effort == new_effort
    assert model.index(model.row_of(item_id), EFFORT).data() == str(new_effort)
    delta = new_effort - (before.effort or 0)
    assert page.capacity_bar.planned == sum(board.item(i).effort or 0 for i in model.ids())
    window.action_undo.trigger()
    assert board.item(item_id).effort == before.effort
    assert delta != 0


def test_a_new_iteration_is_created_from_the_menu_and_selected(window, page, qtbot):
    board = window.session.board
    action(window, "actionNewIteration").trigger()
    dialog = window.findChild(QDialog, "iterationDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.name.text()  # a suggested name, after the last iteration's
    dialog.name.setText("Iteration 9: onboarding")
    dialog.goal.setPlainText("New starters productive in two weeks")
    dialog.capacity.setValue(12)
    dialog.save()
    created = next(i for i in board.iterations() if i.name == "Iteration 9: onboarding")
    assert created.state == "planned" and created.capacity == 12
    assert page.selected_iteration().id == created.id
    assert page.iteration_table.model().rowCount() == 0
    assert page.capacity_bar.text() == "0 of 12 effort points planned"


def test_the_dialog_shows_a_refused_value_beside_its_field(window, page, qtbot):
    action(window, "actionNewIteration").trigger()
    dialog = window.findChild(QDialog, "iterationDialog")
    dialog.name.setText("   ")
    count = len(window.session.board.iterations())
    dialog.save()
    assert dialog.isVisible()
    assert dialog.problems["name"].isVisibleTo(dialog)
    assert dialog.problems["name"].text()
    assert len(window.session.board.iterations()) == count


def test_start_is_refused_while_another_iteration_runs(window, page):
    board = window.session.board
    planned = next(i for i in board.iterations() if i.state == "planned")
    page.select_iteration(planned.id)
    assert not action(window, "actionStartIteration").isEnabled()
    active = board.active_iteration()
    # Once the running one is closed, the next can start.
    window.session.perform(ops.close_iteration, active.id)
    assert action(window, "actionStartIteration").isEnabled()
    action(window, "actionStartIteration").trigger()
    assert board.iteration(planned.id).state == "active"
    assert board.iteration(planned.id).started_at is not None


def test_deleting_an_iteration_that_holds_items_asks_where_they_go(window, page, prompter):
    board = window.session.board
    iteration = page.selected_iteration()
    held = [r["id"] for r in board.rows("items", "iteration_id = ?", (iteration.id,))]
    assert held
    prompter.answers.append(0)  # the backlog
    action(window, "actionDeleteIteration").trigger()
    assert prompter.asked[-1][0] == "choose"
    assert board.iteration(iteration.id) is None
    assert all(board.item(i).iteration_id is None for i in held)
    window.action_undo.trigger()
    assert board.iteration(iteration.id) is not None
    assert all(board.item(i).iteration_id == iteration.id for i in held)


def test_the_status_bar_names_the_active_iteration_with_its_goal_and_days_left(window):
    board = window.session.board
    active = board.active_iteration()
    label = window.status_iteration
    assert active.name in label.text()
    assert "left" in label.text() or "last day" in label.text()
    assert active.goal in label.toolTip()


def test_planning_is_off_on_a_read_only_board(window, page):
    select_rows(page.backlog_table, [0])
    assert action(window, "actionPlanSelected").isEnabled()
    window.session.make_read_only("The disk is read-only.")
    assert not action(window, "actionPlanSelected").isEnabled()
    assert not action(window, "actionNewIteration").isEnabled()
    model = page.backlog_table.planning_model()
    assert not model.flags(model.index(0, EFFORT)) & Qt.ItemFlag.ItemIsEditable


def test_a_closed_iteration_shows_what_it_held_and_cannot_be_planned(window, page):
    board = window.session.board
    closed = next(i for i in board.iterations() if i.state == "closed")
    page.select_iteration(closed.id)
    held = {
        r["id"]
        for r in board.rows("items", "iteration_id = ? AND archived_at IS NULL", (closed.id,))
    }
    assert held
    assert set(page.iteration_table.planning_model().ids()) == held
    select_rows(page.backlog_table, [0])
    assert not action(window, "actionPlanSelected").isEnabled()
    model = page.backlog_table.planning_model()
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_planning_many_rows_keeps_the_models_consistent_and_the_order(window, page, qtmodeltester):
    """Planning a large selection is one layout change per table (the bulk path);
    the model tester watches every signal while it happens and is undone."""
    board = window.session.board
    intake = board.columns()[0].id
    for n in range(40):
        window.session.perform(ops.create_item, intake, f"Request {n}")
    qtmodeltester.check(page.rows.backlog)
    qtmodeltester.check(page.rows.planned)
    backlog = page.backlog_table
    count = backlog.model().rowCount()
    assert count > 50
    chosen = list(range(0, count, 2))  # scattered rows, the hardest case
    ids = [backlog.planning_model().item_id(r) for r in chosen]
    select_rows(backlog, chosen)
    action(window, "actionPlanSelected").trigger()
    planned = page.iteration_table.planning_model()
    assert all(planned.contains(i) for i in ids)
    assert sorted(page.iteration_table.selected_ids()) == sorted(ids)
    positions = {c.id: n for n, c in enumerate(board.columns())}
    items = live_items(board)
    order = [(positions[items[i]["column_id"]], items[i]["rank"]) for i in planned.ids()]
    assert order == sorted(order)
    window.action_undo.trigger()
    assert not any(planned.contains(i) for i in ids)
    assert [backlog.planning_model().item_id(r) for r in chosen] == ids


def test_the_backlog_says_where_an_item_is_already_planned(window, page):
    board = window.session.board
    active = board.active_iteration()
    upcoming = next(i for i in board.iterations() if i.state == "planned")
    page.select_iteration(upcoming.id)
    model = page.backlog_table.planning_model()
    running = [i for i in model.ids() if board.item(i).iteration_id == active.id]
    assert running  # the running iteration's open items can be moved on from here
    row = model.row_of(running[0])
    assert model.index(row, PLANNED_IN).data() == active.name
    assert model.index(row, KEY).data(Qt.ItemDataRole.ForegroundRole) is not None
    unplanned = next(i for i in model.ids() if board.item(i).iteration_id is None)
    row = model.row_of(unplanned)
    assert model.index(row, PLANNED_IN).data() == ""
    assert model.index(row, KEY).data(Qt.ItemDataRole.ForegroundRole) is None
    # Renaming the iteration renames it in the table, without a refresh by hand.
    window.session.perform(ops.edit_iteration, active.id, name="Sprint: CRM go-live")
    row = model.row_of(running[0])
    assert model.index(row, PLANNED_IN).data() == "Sprint: CRM go-live"
