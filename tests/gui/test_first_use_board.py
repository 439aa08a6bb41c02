"""First use of the board: where new items go, one selected card, columns that fit the
window, cards as tall as their titles, the column menu, the card menu and F1."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from ldboard.ui.cards.column_model import CARD_ROLE
from ldboard.ui.common import theme
from ldboard.ui.editor import CardEditor
from tests.gui.first_use_support import column_id, keys, tab_stops, view_of


def stored_column(path, key):
    """The name of the column an item is in, read from the file with a separate connection."""
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT c.name, i.archived_at FROM items i JOIN columns c ON c.id = i.column_id "
            "WHERE i.key = ?",
            (key,),
        ).fetchone()
    finally:
        conn.close()
    return row


def open_editor(window) -> CardEditor:
    editors = [w for w in window.findChildren(CardEditor) if w.isVisible()]
    assert len(editors) == 1
    return editors[0]


def selected_cards(window):
    """(column name, key) of every card that is painted as selected, board-wide."""
    found = []
    for column in window.board_model.columns:
        view = window.board_view.column_view(column.id)
        for index in view.selectionModel().selectedIndexes():
            found.append((column.name, index.data(CARD_ROLE).key))
    return found


def click_card(qtbot, view, row):
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# --- where new items go ---------------------------------------------------------------------


def test_ctrl_n_with_focus_in_building_creates_the_item_in_intake(window, qtbot, board_path):
    building = view_of(window, "Building")
    click_card(qtbot, building, 1)
    assert building.hasFocus()
    qtbot.keyClick(building, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = open_editor(window)
    intake = column_id(window, "Intake")
    assert editor.field("column_id").currentData() == intake
    assert "bottom of Intake" in editor.stage_hint.text()
    qtbot.keyClicks(editor.field("title"), "Pricing-objection clinic")
    editor.save_button.click()
    key = window.session.board.item(editor.item_id).key
    assert stored_column(board_path, key) == ("Intake", None)
    assert keys(view_of(window, "Intake"))[-1] == key
    assert key not in keys(building)


def test_the_quick_add_box_still_adds_to_its_own_column(window, qtbot, board_path):
    panel = window.board_view.panel(column_id(window, "Ready"))
    panel.quick_add.setFocus()
    qtbot.keyClicks(panel.quick_add, "Glossary refresh")
    qtbot.keyClick(panel.quick_add, Qt.Key.Key_Return)
    key = keys(panel.view)[-1]
    assert panel.view.model().index(panel.view.model().rowCount() - 1, 0).data(CARD_ROLE).title == (
        "Glossary refresh"
    )
    assert stored_column(board_path, key) == ("Ready", None)


def test_add_item_here_opens_the_editor_on_that_column(window, qtbot, board_path):
    pilot = column_id(window, "Pilot")
    panel = window.board_view.panel(pilot)
    action = panel.command_action("add_item")
    assert action in panel.menu.actions()
    action.trigger()
    editor = open_editor(window)
    assert editor.field("column_id").currentData() == pilot
    qtbot.keyClicks(editor.field("title"), "Pilot debrief kit")
    editor.save_button.click()
    key = window.session.board.item(editor.item_id).key
    assert stored_column(board_path, key) == ("Pilot", None)
    assert window.board_view.current_card() == editor.item_id


# --- one selected card -----------------------------------------------------------------------


def test_clicking_a_card_in_another_column_clears_the_first_highlight(window, qtbot):
    intake, ready = view_of(window, "Intake"), view_of(window, "Ready")
    click_card(qtbot, intake, 2)
    assert selected_cards(window) == [("Intake", keys(intake)[2])]
    click_card(qtbot, ready, 1)
    assert selected_cards(window) == [("Ready", keys(ready)[1])]
    assert intake.currentIndex().row() == 2, "the column remembers where the keyboard was"


def test_moving_between_columns_by_keyboard_keeps_one_highlight(window, qtbot):
    intake = view_of(window, "Intake")
    click_card(qtbot, intake, 0)
    qtbot.keyClick(intake, Qt.Key.Key_Right)
    qtbot.keyClick(view_of(window, "Discovery"), Qt.Key.Key_Right)
    ready = view_of(window, "Ready")
    assert ready.hasFocus()
    assert selected_cards(window) == [("Ready", keys(ready)[0])]
    # Coming back with Tab-like focus (not a click) selects the remembered card again.
    intake.setFocus(Qt.FocusReason.TabFocusReason)
    assert selected_cards(window) == [("Intake", keys(intake)[0])]


# --- columns size to the window ---------------------------------------------------------------


def _fits(window) -> bool:
    board = window.board_view
    right = board.viewport().width()
    return all(
        panel.mapTo(board.viewport(), QPoint(panel.width(), 0)).x() <= right
        for panel in board.panels.values()
    )


def test_seven_columns_fit_a_1600_pixel_window_without_scrolling(window, qtbot):
    assert len(window.board_model.columns) == 7
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: window.width() == 1600)
    board = window.board_view
    qtbot.waitUntil(lambda: not board.horizontalScrollBar().isVisible())
    assert _fits(window)
    assert theme.COLUMN_MIN_WIDTH <= board.column_width() <= theme.COLUMN_MAX_WIDTH
    assert {panel.width() for panel in board.panels.values()} == {board.column_width()}


def test_columns_keep_a_minimum_and_a_maximum_width(window, qtbot):
    board = window.board_view
    window.resize(1000, 800)
    qtbot.waitUntil(lambda: board.horizontalScrollBar().isVisible())
    assert board.column_width() == theme.COLUMN_MIN_WIDTH
    assert not _fits(window)
    window.resize(3000, 800)
    qtbot.waitUntil(lambda: not board.horizontalScrollBar().isVisible())
    assert board.column_width() == theme.COLUMN_MAX_WIDTH


# --- card height follows the title -------------------------------------------------------------


def test_a_one_line_title_makes_a_shorter_card_than_a_two_line_title(window, qtbot):
    panel = window.board_view.panel(column_id(window, "Discovery"))
    view = panel.view
    panel.quick_add.setFocus()
    for title in ("Short", "A long title that certainly needs a second line on the card"):
        qtbot.keyClicks(panel.quick_add, title)
        qtbot.keyClick(panel.quick_add, Qt.Key.Key_Return)
    model = view.model()
    short, long_ = model.index(model.rowCount() - 2, 0), model.index(model.rowCount() - 1, 0)
    qtbot.waitUntil(lambda: view.visualRect(short).height() < view.visualRect(long_).height())
    painter = window.board_view.painter
    width = view.visualRect(short).width()
    assert view.visualRect(short).height() == painter.card_height(1)
    assert view.visualRect(long_).height() == painter.card_height(2)
    assert painter.title_lines(short.data(CARD_ROLE).title, painter.title_width(width)) == ["Short"]
    assert len(painter.title_lines(long_.data(CARD_ROLE).title, painter.title_width(width))) == 2
    # Cards stack without gaps or overlaps, and the pointer finds each of them.
    assert view.visualRect(long_).top() == view.visualRect(short).bottom() + 1
    assert view.indexAt(view.visualRect(long_).center()).row() == long_.row()


def test_a_renamed_card_changes_height(window, qtbot):
    from ldboard import ops

    view = view_of(window, "Pilot")
    item_id = view.model().item_id(0)
    window.session.perform(ops.edit_item, item_id, {"title": "Tiny"})
    painter = window.board_view.painter
    qtbot.waitUntil(lambda: view.visualRect(view.model().index(0, 0)).height() < 110)
    assert view.visualRect(view.model().index(0, 0)).height() == painter.card_height(1)
    assert view.visualRect(view.model().index(1, 0)).top() == painter.card_height(1) + 4


# --- the column menu ------------------------------------------------------------------------


def test_move_column_left_is_disabled_on_the_first_column_and_right_on_the_last(window):
    board = window.board_view
    names = [c.name for c in window.board_model.columns]
    first, middle, last = (board.panel(column_id(window, n)) for n in ("Intake", "Ready", "Done"))
    assert names[0] == "Intake" and names[-1] == "Done"
    assert not first.command_action("move_left").isEnabled()
    assert first.command_action("move_right").isEnabled()
    assert middle.command_action("move_left").isEnabled()
    assert middle.command_action("move_right").isEnabled()
    assert last.command_action("move_left").isEnabled()
    assert not last.command_action("move_right").isEnabled()
    # After a move the ends change with the columns.
    first.command_action("move_right").trigger()
    assert [c.name for c in window.board_model.columns][:2] == ["Discovery", "Intake"]
    assert first.command_action("move_left").isEnabled()
    assert not board.panel(column_id(window, "Discovery")).command_action("move_left").isEnabled()


def test_the_wip_limit_dialog_is_a_form_with_no_limit(window, qtbot):
    building = column_id(window, "Building")
    panel = window.board_view.panel(building)
    panel.command_action("wip").trigger()
    dialog = window.board_view.wip_dialog
    assert dialog.isVisible()
    assert dialog.limit.value() == 3
    assert "Building" in dialog.findChild(type(dialog.outlook), "wipExplanation").text()
    assert dialog.outlook.text() == "Now 4 initiatives: that is 1 over this limit."
    dialog.limit.setValue(0)
    assert dialog.limit.text() == "No limit"
    assert dialog.value() is None
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert tab_stops(dialog) == [dialog.limit, ok, cancel]
    assert dialog.focusWidget() is dialog.limit
    cancel.click()
    assert window.session.board.column(building).wip_limit == 3, "Cancel changes nothing"

    panel.command_action("wip").trigger()
    dialog = window.board_view.wip_dialog
    dialog.limit.setValue(5)
    assert dialog.outlook.text() == "Now 4 initiatives: room for 1 more."
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert window.session.board.column(building).wip_limit == 5
    assert panel.count_label.text() == "4 / 5"


# --- the card menu ------------------------------------------------------------------------


def right_click(view, row):
    rect = view.visualRect(view.model().index(row, 0))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, rect.center(), view.viewport().mapToGlobal(rect.center())
    )
    QApplication.sendEvent(view.viewport(), event)
    return window_menu(view)


def window_menu(view):
    board = view.parent()
    while board is not None and not hasattr(board, "card_menu"):
        board = board.parent()
    return board.card_menu


def stage_actions(menu):
    stages = next(a.menu() for a in menu.actions() if a.menu() is not None)
    return {a.text().split(" (")[0]: a for a in stages.actions()}


def test_right_click_menu_moves_the_card_to_a_stage(window, qtbot, board_path):
    ready = view_of(window, "Ready")
    key = keys(ready)[2]
    menu = right_click(ready, 2)
    assert menu is not None and menu.isVisible()
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    assert names == ["actionEditItem", "actionArchiveItem", "actionDeleteItem"]
    stages = stage_actions(menu)
    assert list(stages) == [c.name for c in window.board_model.columns]
    assert stages["Ready"].isChecked() and not stages["Ready"].isEnabled()
    assert stages["Pilot"].text() == "Pilot (2/2 — at limit)"
    stages["Pilot"].trigger()
    assert stored_column(board_path, key) == ("Pilot", None)
    assert key in keys(view_of(window, "Pilot"))
    assert window.board_view.current_card() == window.session.board.item_by_key(key).id
    window.action_undo.trigger()
    assert stored_column(board_path, key) == ("Ready", None)


def test_the_menu_key_opens_the_card_menu_and_archive_goes_through_the_item_action(
    window, qtbot, board_path
):
    measuring = view_of(window, "Measuring")
    click_card(qtbot, measuring, 1)
    key = keys(measuring)[1]
    menu = window.board_view.card_menu
    assert menu is None  # built on first use
    qtbot.keyClick(measuring, Qt.Key.Key_Menu)
    menu = window.board_view.card_menu
    assert menu is not None and menu.isVisible()
    archive = next(a for a in menu.actions() if a.objectName() == "actionArchiveItem")
    assert archive is window.findChild(type(archive), "actionArchiveItem")
    archive.trigger()
    assert stored_column(board_path, key)[1] is not None, "archived in the file"
    assert key not in keys(measuring)


def test_delete_from_the_card_menu_asks_first(window, qtbot, prompter, board_path):
    done = view_of(window, "Done")
    key = keys(done)[0]
    menu = right_click(done, 0)
    delete = next(a for a in menu.actions() if a.objectName() == "actionDeleteItem")
    prompter.answers = [False]
    delete.trigger()
    assert stored_column(board_path, key) == ("Done", None)
    prompter.answers = [True]
    menu = right_click(done, 0)
    next(a for a in menu.actions() if a.objectName() == "actionDeleteItem").trigger()
    assert stored_column(board_path, key) is None
    assert [kind for kind, _ in prompter.asked] == ["confirm", "confirm"]


def test_right_click_on_empty_space_opens_no_card_menu(window):
    pilot = view_of(window, "Pilot")
    below = pilot.visualRect(pilot.model().index(1, 0)).bottomLeft() + QPoint(40, 60)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, below, pilot.viewport().mapToGlobal(below)
    )
    QApplication.sendEvent(pilot.viewport(), event)
    assert window.board_view.card_menu is None


# --- toolbar, shortcuts --------------------------------------------------------------------


def test_the_filter_box_stays_put_when_the_undo_text_changes(window, qtbot):
    filter_box = window.filter_bar.text
    before = filter_box.mapTo(window, QPoint(0, 0))
    width = filter_box.width()
    view = view_of(window, "Intake")
    click_card(qtbot, view, 0)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.action_undo.text().startswith("&Undo Move LD-")
    qtbot.waitUntil(lambda: window.action_undo.isEnabled())
    QApplication.processEvents()
    assert filter_box.mapTo(window, QPoint(0, 0)) == before
    assert filter_box.width() == width
    toolbar = window.findChild(type(window.filter_toolbar), "mainToolbar")
    button = toolbar.widgetForAction(window.action_undo)
    assert button.text() == "Undo"
    assert button.toolTip().startswith("Undo Move LD-")


@pytest.fixture
def shortcuts_box(window):
    box = window.show_shortcuts()
    yield box
    box.done(0)


def test_f1_lists_tags_and_people_and_the_matrix_keys(window, shortcuts_box):
    rows = dict(window.shortcut_rows())
    assert rows["Tags & People"] == "Ctrl+Shift+P"
    assert rows["Undo"].startswith("Ctrl+Z")
    assert any(keys.startswith("Shift+") for keys in rows.values())
    assert rows["Raise or lower the impact"] == "Shift+Up, Shift+Down"
    assert rows["Raise or lower the effort"] == "Shift+Right, Shift+Left"
    assert "Menu" in rows["Open the card menu (edit, move to stage, archive, delete)"]
    assert shortcuts_box.isVisible()
    assert "Tags &amp; People" in shortcuts_box.text()
    assert "On the matrix" in shortcuts_box.text()


def test_on_a_read_only_board_the_card_menu_offers_no_moves(window, qtbot):
    ready = view_of(window, "Ready")
    menu = right_click(ready, 0)
    stages = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert stages.isEnabled()
    menu.close()
    window.session.make_read_only("The board is being checked.")
    menu = right_click(ready, 0)
    stages = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert not stages.isEnabled()
    enabled = {a.objectName(): a.isEnabled() for a in menu.actions() if a.objectName()}
    assert enabled == {
        "actionEditItem": True,
        "actionArchiveItem": False,
        "actionDeleteItem": False,
    }
