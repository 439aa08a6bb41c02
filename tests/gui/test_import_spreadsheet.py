"""File → Import → Spreadsheet…: preview, mapping, new stages, one undo step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ldboard.ui.importing.spreadsheet_dialog import SpreadsheetImportDialog

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "csv"


def open_import(window, qtbot, name: str) -> SpreadsheetImportDialog:
    dialog = window.import_spreadsheet(FIXTURES / name)
    assert isinstance(dialog, SpreadsheetImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def item_count(board) -> int:
    return board.connection.execute("SELECT count(*) FROM items").fetchone()[0]


def test_the_file_menu_offers_the_import(window):
    menu = window.findChild(QMenu, "importMenu")
    assert menu is not None
    action = window.findChild(QAction, "actionImportSpreadsheet")
    assert action in menu.actions()
    assert action.isEnabled()


def test_the_preview_shows_the_sheet_with_the_guessed_fields(window, qtbot):
    dialog = open_import(window, qtbot, "libreoffice_utf8.csv")
    preview = dialog.preview
    assert preview.horizontalHeaderItem(0).text() == "Title"
    assert preview.item(1, 0).text() == "Sales negotiation refresher"
    fields = [chooser.currentData() for chooser in preview.choosers]
    assert fields[:3] == ["title", "stage", "impact"]
    assert "comma" in dialog.file_label.text()
    assert dialog.import_button.isEnabled()
    assert "3 items" in dialog.status.text()


def test_importing_is_one_step_that_undo_takes_back(window, qtbot):
    board = window.session.board
    before = item_count(board)
    dialog = open_import(window, qtbot, "libreoffice_utf8.csv")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert item_count(board) == before + 3
    assert "Imported 3 items" in window.statusBar().currentMessage()
    titles = {row[0] for row in board.connection.execute("SELECT title FROM items")}
    assert "Safety induction, warehouse" in titles
    window.action_undo.trigger()
    assert item_count(board) == before


def test_a_column_can_be_left_out_or_given_another_field(window, qtbot):
    dialog = open_import(window, qtbot, "libreoffice_utf8.csv")
    title = dialog.preview.choosers[0]
    # Set the Stage column to feed the title: the first column then feeds nothing.
    dialog.preview.choosers[1].setCurrentIndex(dialog.preview.choosers[1].findData("title"))
    assert title.currentData() == ""
    assert dialog.mapping.fields[0] is None
    assert dialog.mapping.fields[1] == "title"
    # With no column for the stage, every card lands in the first column.
    assert all(row.stage is None for row in dialog.plan.rows)


def test_problems_are_listed_by_line_and_nothing_can_be_imported(window, qtbot):
    board = window.session.board
    before = item_count(board)
    dialog = open_import(window, qtbot, "impossible_value.csv")
    assert dialog.problems.isVisible()
    text = dialog.problems.toPlainText()
    assert "impossible_value.csv:4" in text
    assert "impossible_value.csv:5" in text
    assert not dialog.import_button.isEnabled()
    dialog.run_import()
    assert item_count(board) == before


def test_new_stages_wait_for_agreement(window, qtbot, tmp_path):
    sheet = tmp_path / "new stages.csv"
    sheet.write_text("Title,Stage\nA new one,Parking lot\nAnother,Intake\n", encoding="utf-8")
    board = window.session.board
    dialog = open_import(window, qtbot, str(sheet))
    assert dialog.create_columns.isVisible()
    assert "Parking lot" in dialog.create_columns.text()
    assert not dialog.import_button.isEnabled()
    dialog.create_columns.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    assert "Parking lot" in [c.name for c in board.columns()]


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_its_reason(window, qtbot):
    dialog = open_import(window, qtbot, "binary.csv")
    assert "cannot be imported" in dialog.file_label.text()
    assert dialog.problems.isVisible() and dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()


def test_choose_file_asks_where_the_sheet_is(window, qtbot, tmp_path):
    copy = tmp_path / "backlog.csv"
    shutil.copy(FIXTURES / "google_sheets.csv", copy)
    dialog = open_import(window, qtbot, "libreoffice_utf8.csv")
    asked: list[Path] = []
    dialog.chooser = lambda _parent, folder: asked.append(folder) or copy
    dialog.choose_button.click()
    assert asked == [FIXTURES]
    assert "backlog.csv" in dialog.file_label.text()
    assert dialog.preview.item(1, 0).text() == "Coaching for new managers"


@pytest.mark.parametrize("name", ["excel_cp1252_semicolon.csv", "google_sheets.csv"])
def test_sheets_from_other_programs_import(window, qtbot, name):
    dialog = open_import(window, qtbot, name)
    if dialog.create_columns.isVisible():
        dialog.create_columns.setChecked(True)
    assert dialog.import_button.isEnabled(), dialog.problems.toPlainText()


def test_a_read_only_board_offers_no_import(qtbot, clock, prompter):
    from ldboard.app import build_main_window
    from tests.gui.test_damaged_and_read_only import read_only_board

    with read_only_board(clock) as path:
        window = build_main_window(path, prompter=prompter)
        qtbot.addWidget(window)
        window.show()
        assert window.session.read_only
        assert not window.action_import_spreadsheet.isEnabled()
        assert window.import_spreadsheet(FIXTURES / "libreoffice_utf8.csv") is None
        window.close()
