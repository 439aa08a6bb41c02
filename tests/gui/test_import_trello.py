"""File → Import → Trello Board…: what the export holds, new lists, one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ldboard.ui.importing.trello_dialog import TrelloImportDialog

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "trello" / "board.json"


def open_import(window, qtbot, path: Path) -> TrelloImportDialog:
    dialog = window.import_trello(path)
    assert isinstance(dialog, TrelloImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def items(board) -> int:
    return board.connection.execute("SELECT count(*) FROM items").fetchone()[0]


def test_the_import_menu_offers_trello(window):
    menu = window.findChild(QMenu, "importMenu")
    action = window.findChild(QAction, "actionImportTrello")
    assert action in menu.actions() and action.isEnabled()


def test_the_export_is_described_and_imported_as_one_undoable_step(window, qtbot):
    board = window.session.board
    before = items(board)
    dialog = open_import(window, qtbot, FIXTURE)
    summary = dialog.summary.text()
    assert "Ideas 💡" in summary and "Old stuff (archived)" in summary
    assert "3 checklist items" in summary and "2 comments" in summary
    assert "5 items" in dialog.status.text()
    assert "Empty archive" in dialog.status.text()
    assert not dialog.import_button.isEnabled(), "new lists wait for agreement"
    assert "“Ideas 💡”, “Doing”" in dialog.create_columns.text()
    dialog.create_columns.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.import_button.click()
    assert items(board) == before + 5
    assert "Imported 5 items" in window.statusBar().currentMessage()
    window.action_undo.trigger()
    assert items(board) == before
    assert "Doing" not in [c.name for c in board.columns()]


def test_a_file_that_is_not_an_export_says_where_it_is_wrong(window, qtbot, tmp_path):
    bad = tmp_path / "not trello.json"
    bad.write_text('{"name": "x", "cards": []}', encoding="utf-8")
    dialog = open_import(window, qtbot, bad)
    assert "cannot be imported" in dialog.file_label.text()
    assert "no “lists”" in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()
    dialog.chooser = lambda _parent, _folder: FIXTURE
    dialog.choose_button.click()
    assert not dialog.problems.isVisible()
    assert "L&amp;D requests" in dialog.file_label.text()
