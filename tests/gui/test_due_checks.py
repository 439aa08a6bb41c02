"""View → Due Checks: the open evaluation checks due by today, most overdue first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from ldboard.domain.practice import EvaluationCheck, EvaluationPlan
from ldboard.ops import create_item
from ldboard.ops.evaluation import save_evaluation_plan
from ldboard.ui.checks import DueChecksDialog
from ldboard.ui.checks.dialog import DUE, HOW, ITEM, WHAT
from ldboard.ui.editor import CardEditor


def _rows(dialog: DueChecksDialog) -> list[tuple[str, ...]]:
    tree = dialog.list
    return [
        tuple(tree.topLevelItem(i).text(column) for column in (DUE, ITEM, WHAT, HOW))
        for i in range(tree.topLevelItemCount())
    ]


@pytest.fixture
def planned(session):
    """Two items with checks: some due (overdue or today), one later, one done."""
    board = session.board
    today = board.today()
    day = lambda offset: (today + timedelta(days=offset)).isoformat()  # noqa: E731
    column = board.columns()[0].id
    first = next(d.key[0] for d in create_item(board, column, "Negotiation").diffs("items"))
    second = next(d.key[0] for d in create_item(board, column, "Onboarding").diffs("items"))
    save_evaluation_plan(
        board,
        first,
        EvaluationPlan(
            4,
            checks=(
                EvaluationCheck("Win rate at 30 days", "CRM report", day(-2)),
                EvaluationCheck("Win rate at 90 days", "CRM report", day(60)),
                EvaluationCheck("Pilot survey", "Pulse", day(-9), done_at="2026-01-01T00:00:00Z"),
            ),
        ),
    )
    save_evaluation_plan(
        board,
        second,
        EvaluationPlan(
            3,
            checks=(
                EvaluationCheck("Buddy check-in", "Ask the buddy", day(0)),
                EvaluationCheck("Time to first ticket", "Helpdesk log", day(-5)),
            ),
        ),
    )
    return session, first, second


@pytest.fixture
def dialog(qtbot, planned):
    session = planned[0]
    shown = DueChecksDialog(session)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_due_checks_are_listed_most_overdue_first(dialog, planned):
    _, first, second = planned
    key = {
        first: dialog.session.board.item(first).key,
        second: dialog.session.board.item(second).key,
    }

    assert _rows(dialog) == [
        ("5 days overdue", f"{key[second]} Onboarding", "Time to first ticket", "Helpdesk log"),
        ("2 days overdue", f"{key[first]} Negotiation", "Win rate at 30 days", "CRM report"),
        ("Due today", f"{key[second]} Onboarding", "Buddy check-in", "Ask the buddy"),
    ]
    assert dialog.summary.text() == "3 checks due by today, most overdue first."
    assert dialog.list.currentItem() is dialog.list.topLevelItem(0)
    assert dialog.done_button.isEnabled()


def test_mark_done_removes_the_row_through_the_notification_and_undo_brings_it_back(
    qtbot, dialog, planned
):
    session = planned[0]
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    with qtbot.waitSignal(session.changed):
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)

    assert [row[2] for row in _rows(dialog)] == ["Time to first ticket", "Buddy check-in"]
    assert dialog.list.currentItem().text(WHAT) == "Buddy check-in", "the next one is selected"
    done = [c for c in session.board.evaluation_plan(planned[1]).checks if c.done_at]
    assert [c.what for c in done] == ["Win rate at 30 days", "Pilot survey"]
    assert session.undo_stack.count() == 1

    with qtbot.waitSignal(session.changed):
        assert session.undo()
    assert [row[2] for row in _rows(dialog)] == [
        "Time to first ticket",
        "Win rate at 30 days",
        "Buddy check-in",
    ]


def test_an_empty_list_says_where_checks_come_from(qtbot, session):
    shown = DueChecksDialog(session)
    qtbot.addWidget(shown)
    shown.show()

    assert shown.empty_label.isVisible() and not shown.list.isVisible()
    assert not shown.done_button.isEnabled() and not shown.open_button.isEnabled()


def test_a_read_only_board_lists_checks_but_cannot_tick_them(qtbot, planned):
    session = planned[0]
    session.make_read_only("“team.ldboard” is read-only (file permissions).")
    shown = DueChecksDialog(session)
    qtbot.addWidget(shown)
    shown.show()

    assert len(_rows(shown)) == 3
    assert shown.open_button.isEnabled() and not shown.done_button.isEnabled()


def test_the_view_menu_opens_the_list_and_open_item_shows_the_measure_tab(qtbot, window):
    action = window.findChild(type(window.action_due_checks), "actionDueChecks")
    assert (
        action in window.findChild(type(window.menuBar().actions()[0].menu()), "viewMenu").actions()
    )
    action.trigger()
    shown = window.findChild(DueChecksDialog, "dueChecksDialog")
    assert shown is not None and shown.isVisible()
    due = window.session.board.due_checks(window.session.board.today())
    assert len(_rows(shown)) == len(due) > 0

    item_id = due[0][0]
    editor = shown.open_selected()
    qtbot.waitExposed(editor)

    assert isinstance(editor, CardEditor) and editor.item_id == item_id
    assert editor.tabs.currentWidget().widget().objectName() == "measureTab"
    assert due[0][1].what in [c.what for c in editor.plan_checks_table.checks("")]
    editor.done(editor.DialogCode.Rejected)
