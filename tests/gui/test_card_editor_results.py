"""The Results section of the card editor: the list, the sparkline, adding and removing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt

from ldboard.domain.measurements import sparkline_points
from ldboard.ops.measuring import add_measurement
from ldboard.ui.editor import CardEditor
from ldboard.ui.editor.pages_results import EMPTY_TEXT, NEW_CARD_TEXT, READ_ONLY_EMPTY_TEXT
from ldboard.ui.editor.results_table import HEADERS
from tests.gui.support import ScriptedPrompter

#: Demo item "Objection-handling coaching…": baseline 22, target 26, no actual yet.
ITEM = 8
GOAL_TAB = 2
RESULTS = (  # recorded out of date order on purpose
    ("2026-08-14", 24.0, "30 days", "CRM export", 4),
    ("2026-06-02", 22.0, "Baseline", "CRM export", 4),
    ("2026-07-15", 23.5, "Pilot", "CRM export", 4),
    ("2026-10-13", 25.5, "90 days", "CRM export", 4),
    ("2026-09-13", 23.0, "60 days", "Pulse survey", 3),
)


@pytest.fixture
def measured(demo_session):
    """The demo board with five results on ``ITEM`` (recorded outside the undo stack)."""
    for day, value, label, source, level in RESULTS:
        add_measurement(
            demo_session.board, ITEM, day, value, label=label, source=source, level=level
        )
    return demo_session


@pytest.fixture
def open_editor(qtbot):
    """Opens a card editor on its Business goal tab; closed without asking at teardown."""

    def open_(session, item_id=None) -> CardEditor:
        dialog = CardEditor(session, item_id, prompter=ScriptedPrompter())
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(d.DialogCode.Rejected))
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        dialog.tabs.setCurrentIndex(GOAL_TAB)
        return dialog

    return open_


def rows(dialog: CardEditor) -> list[tuple[str, ...]]:
    table = dialog.results_table
    return [
        tuple(table.item(row, column).text() for column in range(len(HEADERS)))
        for row in range(table.rowCount())
    ]


def actual(dialog: CardEditor) -> str:
    return dialog.field("actual").text()


# --- showing ---------------------------------------------------------------------------


def test_the_list_shows_the_results_oldest_first_beside_their_sparkline(open_editor, measured):
    dialog = open_editor(measured, ITEM)

    assert rows(dialog) == [
        ("2 Jun 2026", "Baseline", "22", "CRM export", "4 · Results"),
        ("15 Jul 2026", "Pilot", "23.5", "CRM export", "4 · Results"),
        ("14 Aug 2026", "30 days", "24", "CRM export", "4 · Results"),
        ("13 Sep 2026", "60 days", "23", "Pulse survey", "3 · Behaviour"),
        ("13 Oct 2026", "90 days", "25.5", "CRM export", "4 · Results"),
    ]
    assert dialog.results_table.isVisible() and not dialog.results_empty.isVisible()
    sparkline = dialog.sparkline
    assert sparkline.isVisible()
    assert sparkline.points() == sparkline_points(measured.board.measurements(ITEM))
    assert sparkline.points()[0] == (0.0, 0.0) and sparkline.points()[-1] == (1.0, 1.0)
    assert sparkline.references() == {"baseline": 22.0, "target": 26.0}
    assert "2026-10-13 (90 days): 25.5" in sparkline.toolTip()
    assert "Baseline 22 · Target 26" in sparkline.toolTip()
    assert dialog.results_caption.text() == "22 → 25.5 in 5 results"
    assert not dialog.is_modified()


def test_the_sparkline_references_follow_baseline_and_target_as_typed(open_editor, measured):
    dialog = open_editor(measured, ITEM)
    dialog.field("target").setText("not yet")
    assert dialog.sparkline.references() == {"baseline": 22.0}
    dialog.field("target").setText("30")
    assert dialog.sparkline.references() == {"baseline": 22.0, "target": 30.0}


def test_an_item_without_results_says_how_to_get_some(qtbot, open_editor, demo_session):
    dialog = open_editor(demo_session, ITEM)

    assert dialog.results_empty.isVisible()
    assert dialog.results_empty.text() == EMPTY_TEXT
    assert "File → Import → Results…" in EMPTY_TEXT
    assert not dialog.results_table.isVisible()
    assert not dialog.sparkline.isVisible()
    assert not dialog.result_remove.isVisible()
    assert dialog.result_date.date() == QDate(2026, 11, 23), "today, by the board's clock"

    qtbot.keyClicks(dialog.result_value, "12")
    qtbot.keyClick(dialog.result_value, Qt.Key.Key_Return)
    assert dialog.results_table.isVisible() and not dialog.results_empty.isVisible()
    assert dialog.sparkline.points() == [(0.5, 0.5)]


# --- adding ----------------------------------------------------------------------------


def test_a_result_typed_with_the_keyboard_is_saved_with_actual_as_one_undo_step(
    qtbot, open_editor, measured
):
    board = measured.board
    before = board.measurements(ITEM)
    actual_before = board.item(ITEM).actual
    dialog = open_editor(measured, ITEM)

    dialog.result_date.setFocus()
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.result_date)
    qtbot.keyClick(dialog.result_date, Qt.Key.Key_Down)  # the day: 23 → 22 Nov
    for _ in range(3):  # Tab steps through day, month and year, then on to the value
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.result_value
    qtbot.keyClicks(dialog.result_value, "27,5")
    qtbot.keyClick(dialog.result_value, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.result_label
    qtbot.keyClicks(dialog.result_label, "Follow-up")
    qtbot.keyClick(dialog.result_label, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.result_source
    qtbot.keyClicks(dialog.result_source, "LMS")
    qtbot.keyClick(dialog.result_source, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.result_level
    qtbot.keyClick(dialog.result_level, Qt.Key.Key_3)
    qtbot.keyClick(dialog.result_level, Qt.Key.Key_Return)

    assert dialog.isVisible(), "Return adds the result; it does not save the card"
    assert rows(dialog)[-1] == ("22 Nov 2026", "Follow-up", "27.5", "LMS", "3 · Behaviour")
    assert actual(dialog) == "27.5", "Actual shows what Save will store"
    assert dialog.result_value.text() == "" and dialog.result_source.text() == ""
    assert dialog.is_modified()
    assert board.measurements(ITEM) == before, "nothing is written before Save"

    qtbot.keyClick(dialog.result_date, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    after = board.measurements(ITEM)
    assert len(after) == len(before) + 1
    newest = after[-1]
    assert (newest.measured_on, newest.value, newest.label, newest.source, newest.level) == (
        "2026-11-22",
        27.5,
        "Follow-up",
        "LMS",
        3,
    )
    assert board.item(ITEM).actual == 27.5
    assert measured.undo_stack.count() == 1

    measured.undo_stack.undo()
    assert board.measurements(ITEM) == before
    assert board.item(ITEM).actual == actual_before


def test_an_older_result_goes_in_date_order_and_actual_stays_the_newest(
    qtbot, open_editor, measured
):
    dialog = open_editor(measured, ITEM)
    assert actual(dialog) == "25.5"
    dialog.result_date.setDate(QDate(2026, 5, 1))
    qtbot.keyClicks(dialog.result_value, "21")
    qtbot.mouseClick(dialog.result_add, Qt.MouseButton.LeftButton)

    assert rows(dialog)[0][:3] == ("1 May 2026", "", "21")
    assert dialog.results_table.current_row() == 0, "the new result is selected"
    assert actual(dialog) == "25.5"

    dialog.accept()
    assert measured.board.item(ITEM).actual == 25.5
    assert measured.board.measurements(ITEM)[0].value == 21.0


def test_a_value_that_is_not_a_number_is_explained_and_not_added(qtbot, open_editor, measured):
    dialog = open_editor(measured, ITEM)
    qtbot.keyClicks(dialog.result_value, "lots")
    qtbot.keyClick(dialog.result_value, Qt.Key.Key_Return)

    assert dialog.result_problem.isVisible()
    assert "not a number" in dialog.result_problem.text()
    assert dialog.results_table.rowCount() == len(RESULTS)
    assert not dialog.is_modified()

    dialog.result_value.setText("19")
    qtbot.keyClick(dialog.result_value, Qt.Key.Key_Return)
    assert not dialog.result_problem.isVisible()
    assert dialog.results_table.rowCount() == len(RESULTS) + 1


# --- removing --------------------------------------------------------------------------


def test_delete_removes_the_selected_result_and_actual_follows_the_newest_left(
    qtbot, open_editor, measured
):
    board = measured.board
    before = board.measurements(ITEM)
    dialog = open_editor(measured, ITEM)
    table = dialog.results_table
    assert not dialog.result_remove.isEnabled(), "nothing selected yet"

    table.setFocus()
    table.selectRow(4)
    assert dialog.result_remove.isEnabled()
    qtbot.keyClick(table, Qt.Key.Key_Delete)

    assert [row[1] for row in rows(dialog)] == ["Baseline", "Pilot", "30 days", "60 days"]
    assert actual(dialog) == "23"
    assert table.current_row() == 3, "the next row up is selected, ready for another Delete"

    dialog.accept()
    assert [m.label for m in board.measurements(ITEM)] == [
        "Baseline",
        "Pilot",
        "30 days",
        "60 days",
    ]
    assert board.item(ITEM).actual == 23.0
    assert measured.undo_stack.count() == 1
    measured.undo_stack.undo()
    assert board.measurements(ITEM) == before
    assert board.item(ITEM).actual == 25.5


def test_the_remove_button_removes_the_selected_result(qtbot, open_editor, measured):
    dialog = open_editor(measured, ITEM)
    dialog.results_table.selectRow(0)
    qtbot.mouseClick(dialog.result_remove, Qt.MouseButton.LeftButton)
    assert [row[1] for row in rows(dialog)] == ["Pilot", "30 days", "60 days", "90 days"]
    assert actual(dialog) == "25.5", "the newest result is still there"


def test_adding_then_removing_a_result_is_no_change_at_all(qtbot, open_editor, measured):
    dialog = open_editor(measured, ITEM)
    qtbot.keyClicks(dialog.result_value, "99")
    qtbot.keyClick(dialog.result_value, Qt.Key.Key_Return)
    assert actual(dialog) == "99"

    dialog.results_table.setFocus()
    qtbot.keyClick(dialog.results_table, Qt.Key.Key_Delete)
    assert actual(dialog) == "25.5"
    assert not dialog.is_modified()
    dialog.accept()
    assert measured.undo_stack.count() == 0


# --- when results cannot be changed ----------------------------------------------------


def test_a_read_only_board_shows_the_results_but_offers_no_changes(qtbot, open_editor, measured):
    measured.make_read_only("“team.ldboard” is read-only (file permissions).")
    dialog = open_editor(measured, ITEM)

    assert dialog.results_table.isVisible() and dialog.results_table.isEnabled()
    assert len(rows(dialog)) == len(RESULTS)
    assert dialog.sparkline.isVisible()
    dialog.results_table.setFocus()
    dialog.results_table.selectRow(2)
    assert not dialog.result_remove.isEnabled()
    assert not dialog.result_add.isEnabled()
    assert not dialog.new_result_row.isVisible(), "no row for adding what cannot be added"
    dialog.result_value.setText("5")
    dialog._add_result()  # even if it were reached somehow, nothing is added
    qtbot.keyClick(dialog.results_table, Qt.Key.Key_Delete)
    assert len(rows(dialog)) == len(RESULTS)


def test_a_new_card_records_results_only_once_saved(qtbot, open_editor, session):
    dialog = open_editor(session)
    assert dialog.results_empty.text() == NEW_CARD_TEXT
    assert not dialog.new_result_row.isEnabled()
    dialog.result_value.setText("5")
    assert not dialog.result_add.isEnabled()


def test_a_read_only_board_without_results_does_not_invite_adding_one(open_editor, demo_session):
    demo_session.make_read_only("“team.ldboard” is read-only (file permissions).")
    dialog = open_editor(demo_session, ITEM)
    assert dialog.results_empty.isVisible()
    assert dialog.results_empty.text() == READ_ONLY_EMPTY_TEXT
    assert not dialog.new_result_row.isVisible()
