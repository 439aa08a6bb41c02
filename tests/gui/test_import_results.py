"""File → Import → Results…: columns, the rows as recorded, problems, one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ldboard.ui.importing.results_dialog import ResultsImportDialog
from ldboard.ui.importing.results_rows import DATE, KEY, LEVEL, SOURCE, TITLE, VALUE

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "results"
LMS = FIXTURES / "lms_export_bom_semicolon.csv"
SURVEY = FIXTURES / "survey_titles.csv"
BROKEN = FIXTURES / "unknown_key_bad_date.csv"


def open_import(window, qtbot, path: Path) -> ResultsImportDialog:
    dialog = window.import_results(path)
    assert isinstance(dialog, ResultsImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def file_bytes(board_path: Path) -> dict[str, bytes]:
    """The board file and its write-ahead log, as they are on disk."""
    wal = board_path.with_name(board_path.name + "-wal")
    return {p.name: p.read_bytes() for p in (board_path, wal) if p.exists()}


def measurement_count(board) -> int:
    return board.connection.execute("SELECT count(*) FROM measurements").fetchone()[0]


def actual_of(board, key: str) -> float | None:
    found = board.connection.execute("SELECT actual FROM items WHERE key = ?", (key,))
    return found.fetchone()[0]


def test_the_import_menu_offers_results(window):
    menu = window.findChild(QMenu, "importMenu")
    action = window.findChild(QAction, "actionImportResults")
    assert action is not None and action in menu.actions()
    assert menu.actions().index(action) > menu.actions().index(window.action_import_trello)
    assert action.isEnabled()


def test_an_lms_export_shows_its_rows_as_they_will_be_recorded(window, qtbot):
    dialog = open_import(window, qtbot, LMS)
    assert "semicolon" in dialog.file_label.text() and "utf-8" in dialog.file_label.text()
    fields = [chooser.currentData() for chooser in dialog.preview.choosers]
    assert fields == ["key", "title", "value", "", "date", "label", "source", "level"]
    rows = dialog.rows
    assert rows.rowCount() == 5
    first = rows.texts(0)
    assert dialog.recorded.isVisible() and not dialog.rows_note.isVisible()
    assert first[KEY] == "LD-1"
    # The title is the board's, not the file's shorter name for the course.
    assert first[TITLE] == "Just-in-time phishing microlearning after simulations"
    assert first[VALUE] == "9.5", "a decimal comma is read as a number"
    assert first[DATE] == "15 Jan 2026", "15/01/2026 is read day first"
    assert first[SOURCE] == "Cornerstone"
    assert first[LEVEL] == "4 · Results"
    assert rows.texts(3)[VALUE] == "84" and rows.texts(3)[LEVEL] == "2 · Learning"
    assert "Ready to record 5 results on 4 items" in dialog.status.text()
    assert "“Learners enrolled”" in dialog.status.text(), "the ignored column is said"
    assert not dialog.problems.isVisible()
    assert dialog.import_button.isEnabled()


def test_a_survey_names_items_by_title(window, qtbot):
    dialog = open_import(window, qtbot, SURVEY)
    keys = [dialog.rows.texts(n)[KEY] for n in range(dialog.rows.rowCount())]
    assert keys == ["LD-11", "LD-30", "LD-31"]
    assert dialog.rows.texts(1)[VALUE] == "4.2"
    assert dialog.rows.texts(0)[SOURCE] == "survey_titles", "no source column: the file's name"
    assert dialog.import_button.isEnabled()


def test_changing_a_column_plans_again(window, qtbot):
    dialog = open_import(window, qtbot, LMS)
    enrolled = dialog.preview.choosers[3]
    enrolled.setCurrentIndex(enrolled.findData("value"))
    # "Learners enrolled" feeds the value now; "Completion rate" feeds nothing.
    assert dialog.preview.choosers[2].currentData() == ""
    assert dialog.mapping.fields[2] is None and dialog.mapping.fields[3] == "value"
    assert [row.value for row in dialog.plan.rows] == [212, 388, 64, 420, 37]
    assert dialog.rows.texts(0)[VALUE] == "212"
    assert "“Completion rate”" in dialog.status.text()
    # Taking the date away leaves nothing importable, and says which column is missing.
    date = dialog.preview.choosers[4]
    date.setCurrentIndex(date.findData(""))
    assert dialog.rows.rowCount() == 0
    assert "date: no column holds the dates" in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()


def test_an_unknown_key_and_a_bad_date_are_listed_and_nothing_is_written(window, qtbot, board_path):
    before = file_bytes(board_path)
    board = window.session.board
    recorded = measurement_count(board)
    dialog = open_import(window, qtbot, BROKEN)
    assert dialog.problems.isVisible()
    problems = dialog.problems.toPlainText().splitlines()
    assert problems[0].startswith("unknown_key_bad_date.csv:3: key: no item “LD-99”")
    assert problems[1].startswith("unknown_key_bad_date.csv:4: date: 'next Tuesday'")
    assert len(problems) == 2
    assert "2 problems" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.rows.rowCount() == 0 and not dialog.recorded.isVisible()
    dialog.run_import()
    dialog.import_button.click()
    assert measurement_count(board) == recorded
    assert window.session.undo_stack.count() == 0
    assert file_bytes(board_path) == before


def test_importing_records_results_and_actuals_and_one_undo_takes_them_back(window, qtbot):
    board = window.session.board
    recorded = measurement_count(board)
    assert actual_of(board, "LD-1") == 4.8 and actual_of(board, "LD-14") is None
    dialog = open_import(window, qtbot, LMS)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert measurement_count(board) == recorded + 5
    # The demo measured LD-1 and LD-15 after the file's dates: their actual stays.
    assert actual_of(board, "LD-1") == 4.8 and actual_of(board, "LD-15") == 2.6
    assert actual_of(board, "LD-14") == 84, "the newest result is the actual"
    message = window.statusBar().currentMessage()
    assert message == "Recorded 5 results on 4 items; 1 actual value changed."
    assert window.session.undo_stack.count() == 1
    window.action_undo.trigger()
    assert measurement_count(board) == recorded
    assert actual_of(board, "LD-1") == 4.8 and actual_of(board, "LD-14") is None


def test_rows_already_recorded_are_skipped_with_a_notice(window, qtbot, tmp_path):
    dialog = open_import(window, qtbot, LMS)
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    grown = tmp_path / "lms_march.csv"
    grown.write_bytes(
        LMS.read_bytes() + b"LD-1;Phishing;5,2;401;16/03/2026;60 days;Cornerstone;4\r\n"
    )
    again = open_import(window, qtbot, grown)
    assert again.rows.rowCount() == 1 and again.rows.texts(0)[VALUE] == "5.2"
    assert "5 rows are already recorded" in again.status.text()
    assert again.import_button.isEnabled()


def test_a_file_that_cannot_be_read_is_refused_and_another_can_be_chosen(window, qtbot, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    dialog = open_import(window, qtbot, empty)
    assert "cannot be imported" in dialog.file_label.text()
    assert "empty.csv" in dialog.problems.toPlainText()
    assert dialog.preview.columnCount() == 0 and dialog.rows.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    asked: list[Path] = []
    dialog.chooser = lambda _parent, folder: asked.append(folder) or SURVEY
    dialog.choose_button.click()
    assert asked == [tmp_path]
    assert not dialog.problems.isVisible()
    assert dialog.rows.rowCount() == 3 and dialog.import_button.isEnabled()


def test_a_read_only_board_offers_no_results_import(qtbot, clock, prompter):
    from ldboard.app import build_main_window
    from tests.gui.test_damaged_and_read_only import read_only_board

    with read_only_board(clock) as path:
        window = build_main_window(path, prompter=prompter)
        qtbot.addWidget(window)
        window.show()
        assert window.session.read_only
        action = window.findChild(QAction, "actionImportResults")
        assert not action.isEnabled()
        assert window.import_results(LMS) is None
        window.close()


def test_a_long_file_shows_its_first_rows_and_says_how_many_there_are(window, qtbot, tmp_path):
    from datetime import date, timedelta

    from ldboard.ui.importing.results_rows import SHOWN_ROWS

    total = SHOWN_ROWS + 20
    start = date(2025, 1, 1)
    lines = ["Key,Value,Date"] + [
        f"LD-{n % 31 + 1},{n},{start + timedelta(days=n)}" for n in range(total)
    ]
    long_file = tmp_path / "pulse.csv"
    long_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = open_import(window, qtbot, long_file)
    assert len(dialog.plan.rows) == total
    assert dialog.rows.rowCount() == SHOWN_ROWS
    assert dialog.rows_note.isVisible()
    assert f"first {SHOWN_ROWS:,} of {total:,} results" in dialog.rows_note.text()
    assert f"Ready to record {total:,} results on 31 items" in dialog.status.text()
