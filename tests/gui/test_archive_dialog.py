"""The archive dialog: list, search, restore and permanent delete of archived items."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from ldboard import ops
from ldboard.ui.archive.dialog import EMPTY_TEXT, ArchiveDialog, ArchiveModel

SELECT_ROWS = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)
MANDARIN = "Business Mandarin course for export sales team"


@pytest.fixture
def dialog(qtbot, demo_session):
    shown = ArchiveDialog(demo_session)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def keys(dialog: ArchiveDialog) -> list[str]:
    proxy = dialog.proxy
    return [proxy.index(row, ArchiveModel.KEY).data() for row in range(proxy.rowCount())]


def cell(dialog: ArchiveDialog, key: str, column: int) -> str:
    row = keys(dialog).index(key)
    return dialog.proxy.index(row, column).data()


def select(dialog: ArchiveDialog, *wanted: str) -> None:
    selection = dialog.view.selectionModel()
    selection.clearSelection()
    for key in wanted:
        index = dialog.proxy.index(keys(dialog).index(key), 0)
        flags = SELECT_ROWS if key == wanted[0] else _ADD_ROWS
        selection.setCurrentIndex(index, flags)


_ADD_ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def test_lists_the_archived_items_newest_first(dialog, demo_session):
    assert dialog.objectName() == "archiveDialog"
    assert dialog.windowTitle() == "Archived items"
    assert keys(dialog) == ["LD-4", "LD-3"]  # archived at 09:04 and 09:03
    assert cell(dialog, "LD-4", ArchiveModel.TITLE) == MANDARIN
    assert cell(dialog, "LD-4", ArchiveModel.COLUMN) == "Intake"
    assert cell(dialog, "LD-3", ArchiveModel.COLUMN) == "Done"
    archived_at = demo_session.board.item(4).archived_at
    local_day = datetime.fromisoformat(archived_at).astimezone().date()
    shown = cell(dialog, "LD-4", ArchiveModel.ARCHIVED)
    assert shown.startswith(f"{local_day.day} ") and shown.endswith(str(local_day.year))
    assert dialog.view.isVisible() and not dialog.empty_label.isVisible()


def test_buttons_need_a_selection(dialog):
    assert not dialog.restore_button.isEnabled()
    assert not dialog.delete_button.isEnabled()
    select(dialog, "LD-3")
    assert dialog.restore_button.isEnabled() and dialog.delete_button.isEnabled()
    dialog.view.selectionModel().clearSelection()
    assert not dialog.restore_button.isEnabled()


def test_empty_archive_shows_the_empty_state(qtbot, session):
    dialog = ArchiveDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty_label.isVisible()
    assert dialog.empty_label.text() == EMPTY_TEXT
    assert not dialog.view.isVisible()
    assert not dialog.search.isEnabled()

    change = session.perform(ops.create_item, 1, "Coaching circles for new managers")
    item_id = change.rows[-1].key[0]
    session.perform(ops.archive_item, item_id)
    assert dialog.view.isVisible() and not dialog.empty_label.isVisible()
    assert keys(dialog) == [f"LD-{item_id}"]
    assert dialog.search.isEnabled()


def test_search_filters_by_key_and_title(qtbot, dialog):
    qtbot.keyClicks(dialog.search, "mandarin")
    assert keys(dialog) == ["LD-4"]

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "ld-3")
    assert keys(dialog) == ["LD-3"]

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "CUSTOMER workshop")  # every word, any order, any case
    assert keys(dialog) == ["LD-3"]

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "no such thing")
    assert keys(dialog) == []
    assert dialog.empty_label.isVisible()
    assert "no such thing" in dialog.empty_label.text()

    dialog.search.clear()
    assert keys(dialog) == ["LD-4", "LD-3"]
    assert not dialog.empty_label.isVisible()


def test_sorting_by_key_is_numeric_and_by_column_follows_the_flow(qtbot, session):
    created = [session.perform(ops.create_item, 1, f"Item {n}") for n in range(1, 11)]
    ids = [change.rows[-1].key[0] for change in created]
    session.perform(ops.move_item, ids[8], 7, 0)  # LD-9 to Done
    for item_id in (ids[9], ids[8], ids[1]):
        session.perform(ops.archive_item, item_id)
    dialog = ArchiveDialog(session)
    qtbot.addWidget(dialog)

    dialog.view.sortByColumn(ArchiveModel.KEY, Qt.SortOrder.AscendingOrder)
    assert keys(dialog) == ["LD-2", "LD-9", "LD-10"]
    dialog.view.sortByColumn(ArchiveModel.COLUMN, Qt.SortOrder.DescendingOrder)
    assert keys(dialog) == ["LD-9", "LD-2", "LD-10"]  # Done comes last in the flow
    dialog.view.sortByColumn(ArchiveModel.COLUMN, Qt.SortOrder.AscendingOrder)
    assert keys(dialog) == ["LD-2", "LD-10", "LD-9"]  # within a stage, by key
    dialog.view.sortByColumn(ArchiveModel.ARCHIVED, Qt.SortOrder.AscendingOrder)
    assert keys(dialog) == ["LD-10", "LD-9", "LD-2"]


def test_restore_button_puts_the_item_back_and_undo_archives_it_again(dialog, demo_session):
    board = demo_session.board
    archived_at = board.item(4).archived_at
    select(dialog, "LD-4")
    dialog.restore_button.click()

    assert keys(dialog) == ["LD-3"]
    assert board.item(4).archived_at is None
    assert 4 in {card.id for card in board.cards()}
    assert demo_session.undo_stack.count() == 1

    demo_session.undo_stack.undo()
    assert keys(dialog) == ["LD-4", "LD-3"]
    assert board.item(4).archived_at == archived_at, "archived again as it was"

    demo_session.undo_stack.redo()
    assert keys(dialog) == ["LD-3"]


def test_restoring_several_items_is_one_undo_step_each(dialog, demo_session):
    select(dialog, "LD-4", "LD-3")
    assert len(dialog.selected_entries()) == 2
    dialog.restore_button.click()
    assert keys(dialog) == []
    assert dialog.empty_label.text() == EMPTY_TEXT
    assert not dialog.restore_button.isEnabled()
    assert demo_session.undo_stack.count() == 2
    assert demo_session.board.item_count(archived=True) == 0


def test_enter_restores(qtbot, dialog, demo_session):
    select(dialog, "LD-3")
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert keys(dialog) == ["LD-4"]
    assert demo_session.board.item(3).archived_at is None


def test_double_click_restores(qtbot, dialog, demo_session):
    index = dialog.proxy.index(keys(dialog).index("LD-4"), ArchiveModel.TITLE)
    point = dialog.view.visualRect(index).center()
    viewport = dialog.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)  # QTest sends no press
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert keys(dialog) == ["LD-3"]
    assert demo_session.board.item(4).archived_at is None


def test_enter_in_the_search_box_does_not_restore(qtbot, dialog, demo_session):
    select(dialog, "LD-4")
    qtbot.keyClicks(dialog.search, "ld")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert demo_session.undo_stack.count() == 0
    assert dialog.isVisible()


def test_archiving_from_the_board_while_open_adds_a_row(dialog, demo_session):
    card = demo_session.board.cards()[0]
    demo_session.perform(ops.archive_item, card.id)
    assert card.key in keys(dialog)
    assert cell(dialog, card.key, ArchiveModel.TITLE) == card.title


def test_renaming_a_column_updates_the_column_cells(dialog, demo_session):
    demo_session.perform(ops.rename_column, 1, "Requests")
    assert cell(dialog, "LD-4", ArchiveModel.COLUMN) == "Requests"


def test_permanent_delete_after_confirmation(dialog, demo_session, snapshot, monkeypatch):
    board = demo_session.board
    before = snapshot(board)
    asked = []
    monkeypatch.setattr(dialog, "confirm_delete", lambda entries: asked.append(entries) or True)
    select(dialog, "LD-3")
    dialog.delete_button.click()

    assert [(e.key, e.title) for e in asked[0]] == [
        ("LD-3", "Time-management workshop for Customer Service agents")
    ]
    assert board.item(3) is None
    assert keys(dialog) == ["LD-4"]
    assert board.rows("item_tags", "item_id = ?", (3,)) == []

    demo_session.undo_stack.undo()
    assert snapshot(board) == before
    assert keys(dialog) == ["LD-4", "LD-3"]


def test_refused_confirmation_changes_nothing(dialog, demo_session, snapshot, monkeypatch):
    before = snapshot(demo_session.board)
    monkeypatch.setattr(dialog, "confirm_delete", lambda entries: False)
    select(dialog, "LD-4")
    dialog.delete_button.click()
    assert snapshot(demo_session.board) == before
    assert demo_session.undo_stack.count() == 0
    assert keys(dialog) == ["LD-4", "LD-3"]


def test_delete_key_asks_to_delete(qtbot, dialog, monkeypatch):
    asked = []
    monkeypatch.setattr(dialog, "confirm_delete", lambda entries: asked.append(entries) or False)
    select(dialog, "LD-4")
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert [e.key for e in asked[0]] == ["LD-4"]


@pytest.mark.parametrize("answer", ["Delete permanently", "Cancel"])
def test_confirmation_box_names_the_item_and_mentions_undo(dialog, demo_session, answer):
    seen = {}

    def answer_box() -> None:
        box = dialog.findChild(QMessageBox, "confirmDeleteBox")
        seen["text"] = f"{box.text()} {box.informativeText()}"
        button = next(b for b in box.buttons() if b.text() == answer)
        button.click()

    select(dialog, "LD-4")
    QTimer.singleShot(0, answer_box)
    dialog.delete_button.click()

    assert "LD-4" in seen["text"] and MANDARIN in seen["text"]
    assert "no longer be in the archive" in seen["text"]
    assert "Undo" in seen["text"]
    deleted = demo_session.board.item(4) is None
    assert deleted is (answer == "Delete permanently")


def test_model_passes_the_model_tester_through_changes(qtmodeltester, demo_session):
    model = ArchiveModel(demo_session)
    qtmodeltester.check(model)
    demo_session.perform(ops.archive_item, demo_session.board.cards()[0].id)
    demo_session.perform(ops.restore_item, 4)
    demo_session.perform(ops.delete_item, 3)
    demo_session.undo_stack.undo()
    demo_session.perform(ops.rename_column, 7, "Finished")
    assert model.rowCount() == 2  # the newly archived card and LD-3
    qtmodeltester.check(model)


def test_filter_model_passes_the_model_tester(qtmodeltester, dialog):
    dialog.search.setText("ld-4")
    qtmodeltester.check(dialog.proxy)
    assert dialog.proxy.rowCount() == 1
