"""The board through its real widgets: drag and drop, keyboard, filter, quick add."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDrag

from ldboard import ops
from ldboard.ui.archive.dialog import ArchiveDialog
from ldboard.ui.cards.column_model import CARD_ROLE
from tests.gui.support import drop_at, point_above_row, point_below_last


def file_order(path, column_name):
    """Card keys of a column as stored in the file, read with a separate connection."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT i.key FROM items i JOIN columns c ON c.id = i.column_id "
            "WHERE c.name = ? AND i.archived_at IS NULL ORDER BY i.rank",
            (column_name,),
        ).fetchall()
    finally:
        conn.close()
    return [key for (key,) in rows]


def keys(view):
    model = view.model()
    return [model.index(r, 0).data(CARD_ROLE).key for r in range(model.rowCount())]


def column_id(window, name):
    return next(c.id for c in window.board_model.columns if c.name == name)


def view_of(window, name):
    return window.board_view.column_view(column_id(window, name))


def test_window_exposes_named_views_and_actions(window):
    assert window.objectName() == "mainWindow"
    assert window.findChild(type(window.board_view), "boardView") is window.board_view
    for column in window.board_model.columns:
        view = window.board_view.column_view(column.id)
        assert view.objectName() == f"column:{column.id}"
        assert view.accessibleName() == f"{column.name} cards"
    for name in ("actionUndo", "actionRedo", "actionNewItem", "actionFind"):
        assert any(a.objectName() == name for a in window.actions()), name


def test_demo_board_is_shown_in_every_column(window):
    counts = {
        c.name: window.board_model.column_model(c.id).rowCount() for c in window.board_model.columns
    }
    assert counts == {
        "Intake": 6,
        "Discovery": 3,
        "Ready": 4,
        "Building": 4,
        "Pilot": 2,
        "Measuring": 4,
        "Done": 6,
    }
    assert window.board_view.panel(column_id(window, "Building")).over_wip_limit
    assert not window.board_view.panel(column_id(window, "Ready")).over_wip_limit
    assert "Building 4/3" in window.status_wip.text()


def _header_colours(window, name):
    """(header background, count badge) colours of a column as painted on screen."""
    panel = window.board_view.panel(column_id(window, name))
    image = panel.grab().toImage()
    header, badge = panel.header, panel.count_label
    in_header = header.mapTo(panel, QPoint(header.width() // 2, 2))  # above the labels
    in_badge = badge.mapTo(panel, QPoint(4, badge.height() // 2))  # left of the digits
    return image.pixelColor(in_header), image.pixelColor(in_badge)


def _is_red(colour):
    return colour.hsvHue() in range(0, 15) or colour.hsvHue() in range(345, 360)


def test_a_column_turns_red_only_over_its_wip_limit_not_at_it(window):
    pilot = window.board_view.panel(column_id(window, "Pilot"))
    assert (pilot.view.model().rowCount(), pilot.column.wip_limit) == (2, 2), "at its limit"
    plain_header, plain_badge = _header_colours(window, "Ready")  # no limit

    assert pilot.header.property("wip") == "at_limit"
    assert not pilot.over_wip_limit
    header, badge = _header_colours(window, "Pilot")
    assert header == plain_header, "a column at its limit keeps the plain header"
    assert badge != plain_badge and not _is_red(badge), "its count is marked, not red"
    assert "Pilot" not in window.status_wip.text()
    assert "over the limit" not in pilot.count_label.toolTip()

    intake = window.session.board.column_item_ids(column_id(window, "Intake"))
    window.session.perform(ops.move_item, intake[0], pilot.column.id, 0)
    assert pilot.header.property("wip") == "over"
    assert pilot.over_wip_limit
    header, badge = _header_colours(window, "Pilot")
    assert _is_red(header) and header != plain_header
    assert _is_red(badge) and badge.hsvSaturation() > 150
    assert "Pilot 3/2" in window.status_wip.text()
    assert pilot.count_label.toolTip().endswith("over the limit by 1")

    window.action_undo.trigger()
    assert pilot.header.property("wip") == "at_limit"
    assert _header_colours(window, "Pilot")[0] == plain_header


def test_drag_within_a_column_reorders_it_in_the_view_and_the_file(window, board_path):
    view = view_of(window, "Intake")
    before = keys(view)
    mime = view.model().mimeData([view.model().index(3, 0)])
    drop_at(view, mime, point_above_row(view, 0))
    expected = [before[3], *before[:3], *before[4:]]
    assert keys(view) == expected
    assert file_order(board_path, "Intake") == expected
    assert view.current_item_id() == view.model().item_id(0), "the moved card stays selected"


def test_drag_across_columns_then_undo_and_redo(window, board_path):
    source, target = view_of(window, "Ready"), view_of(window, "Building")
    ready, building = keys(source), keys(target)
    mime = source.model().mimeData([source.model().index(0, 0)])
    drop_at(target, mime, point_above_row(target, 1))
    assert keys(source) == ready[1:]
    assert keys(target) == [building[0], ready[0], *building[1:]]
    assert file_order(board_path, "Building") == keys(target)
    assert window.action_undo.text() == f"&Undo Move {ready[0]} to Building"

    window.action_undo.trigger()
    assert keys(source) == ready and keys(target) == building
    assert file_order(board_path, "Ready") == ready
    assert file_order(board_path, "Building") == building

    window.action_redo.trigger()
    assert keys(target) == [building[0], ready[0], *building[1:]]


def test_dropping_below_the_last_card_appends(window, board_path):
    source, target = view_of(window, "Intake"), view_of(window, "Done")
    moved = keys(source)[0]
    drop_at(target, source.model().mimeData([source.model().index(0, 0)]), point_below_last(target))
    assert keys(target)[-1] == moved
    assert file_order(board_path, "Done")[-1] == moved


def test_the_drop_indicator_follows_the_pointer_and_clears(window, qtbot):
    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent
    from PySide6.QtWidgets import QApplication

    view = view_of(window, "Intake")
    mime = view.model().mimeData([view.model().index(0, 0)])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    point = point_above_row(view, 2)
    QApplication.sendEvent(
        view.viewport(), QDragEnterEvent(point, Qt.DropAction.MoveAction, mime, buttons, mods)
    )
    assert view.drop_row == 2
    lower = point_above_row(view, 2) + QPoint(
        0, view.visualRect(view.model().index(2, 0)).height() // 2
    )
    QApplication.sendEvent(
        view.viewport(), QDragMoveEvent(lower, Qt.DropAction.MoveAction, mime, buttons, mods)
    )
    assert view.drop_row == 3
    QApplication.sendEvent(view.viewport(), QDragLeaveEvent())
    assert view.drop_row is None


def test_drops_from_another_board_are_refused(window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication

    view = view_of(window, "Intake")
    mime = QMimeData()
    mime.setData("application/x-ldboard-items", b'{"session": "elsewhere", "items": [1]}')
    event = QDragEnterEvent(
        point_above_row(view, 0),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert not event.isAccepted()


def test_pressing_and_dragging_a_card_starts_a_drag_carrying_it(window, qtbot, monkeypatch):
    carried = []

    def fake_exec(drag, *args):
        carried.append((drag.mimeData().text(), drag.pixmap().isNull()))
        return Qt.DropAction.IgnoreAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    view = view_of(window, "Pilot")
    start = view.visualRect(view.model().index(0, 0)).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    for step in range(1, 6):
        point = QPointF(start + QPoint(step * 10, step * 10))
        event = QMouseEvent(
            QMouseEvent.Type.MouseMove,
            point,
            view.viewport().mapToGlobal(point),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(lambda: bool(carried))
    first = view.model().index(0, 0).data(CARD_ROLE)
    assert carried[0] == (f"{first.key} {first.title}", False)


def test_keyboard_moves_a_card_between_columns_and_within_one(window, qtbot, board_path):
    ready = view_of(window, "Ready")
    ready.setFocus()
    ready.select_row(1)
    moving = keys(ready)[1]
    qtbot.keyClick(ready, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    building = view_of(window, "Building")
    assert keys(building)[1] == moving, "it keeps its row in the next stage"
    assert building.hasFocus() and building.current_item_id() == window.board_view.current_card()
    qtbot.keyClick(building, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert keys(building)[0] == moving
    qtbot.keyClick(building, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(building, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert keys(building)[2] == moving
    qtbot.keyClick(building, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert moving in keys(ready)
    assert file_order(board_path, "Ready") == keys(ready)


def test_arrow_keys_walk_between_columns(window, qtbot):
    intake = view_of(window, "Intake")
    intake.setFocus()
    intake.select_row(2)
    qtbot.keyClick(intake, Qt.Key.Key_Right)
    discovery = view_of(window, "Discovery")
    assert discovery.hasFocus()
    assert discovery.currentIndex().row() == 2


def test_delete_key_archives_and_undo_restores(window, qtbot, board_path):
    view = view_of(window, "Pilot")
    view.setFocus()
    view.select_row(0)
    key = keys(view)[0]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert key not in keys(view)
    assert key not in file_order(board_path, "Pilot")
    assert "Archived" in window.statusBar().currentMessage()
    window.action_undo.trigger()
    assert keys(view)[0] == key


def test_delete_item_asks_first(window, qtbot, prompter):
    view = view_of(window, "Pilot")
    view.setFocus()
    view.select_row(0)
    key = keys(view)[0]
    prompter.answers = [False]
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert key in keys(view)
    prompter.answers = [True]
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert key not in keys(view)
    assert window.session.board.item_by_key(key) is None
    assert prompter.asked[-1][0] == "confirm" and key in prompter.asked[-1][1]


def test_shortcuts_do_not_fire_while_typing_in_quick_add(window, qtbot):
    panel = window.board_view.panel(column_id(window, "Intake"))
    before = keys(panel.view)
    panel.quick_add.setFocus()
    qtbot.keyClicks(panel.quick_add, "Draft")
    qtbot.keyClick(panel.quick_add, Qt.Key.Key_Delete)
    qtbot.keyClick(panel.quick_add, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert keys(panel.view) == before


def test_quick_add_creates_a_card_at_the_bottom(window, qtbot, board_path):
    panel = window.board_view.panel(column_id(window, "Intake"))
    panel.quick_add.setFocus()
    qtbot.keyClicks(panel.quick_add, "Negotiation skills for buyers")
    qtbot.keyClick(panel.quick_add, Qt.Key.Key_Return)
    last = panel.view.model().index(panel.view.model().rowCount() - 1, 0).data(CARD_ROLE)
    assert last.title == "Negotiation skills for buyers"
    assert file_order(board_path, "Intake")[-1] == last.key
    assert panel.quick_add.text() == ""
    assert panel.count_label.text() == "7"


def test_quick_add_with_an_overlong_title_explains_and_keeps_the_text(window, qtbot, prompter):
    panel = window.board_view.panel(column_id(window, "Intake"))
    panel.quick_add.setFocus()
    panel.quick_add.setText("x" * 201)
    qtbot.keyClick(panel.quick_add, Qt.Key.Key_Return)
    assert prompter.asked[-1][0] == "warn" and "200 characters" in prompter.asked[-1][1]
    assert panel.quick_add.text() == "x" * 201
    assert panel.view.model().rowCount() == 6


def test_filter_hides_cards_in_every_column_and_clears(window, qtbot):
    bar = window.filter_bar
    total = window.session.board.item_count()
    qtbot.keyClicks(bar.text, "coaching")
    shown = {
        c.name: window.board_model.column_model(c.id).rowCount() for c in window.board_model.columns
    }
    assert 0 < sum(shown.values()) < total
    for column in window.board_model.columns:
        for row in range(window.board_model.column_model(column.id).rowCount()):
            card = window.board_model.column_model(column.id).index(row, 0).data(CARD_ROLE)
            assert "coaching" in card.haystack
    assert bar.count.text() == f"{sum(shown.values())} of {total} shown"
    intake = window.board_view.panel(column_id(window, "Intake"))
    assert intake.count_label.text() == f"{shown['Intake']} of 6"
    assert shown["Intake"] == 0, "no intake card mentions coaching"
    qtbot.keyClick(bar.text, Qt.Key.Key_Escape)
    assert bar.text.text() == ""
    assert window.board_model.visible_count() == total


def test_filter_by_tag_and_person(window):
    bar = window.filter_bar
    bar.tag.setCurrentIndex(bar.tag.findText("sales"))
    tagged = window.board_model.visible_count()
    cards = window.session.board.cards()
    assert tagged == sum(1 for c in cards if any(t.name == "sales" for t in c.tags))
    bar.person.setCurrentIndex(1)
    person = bar.person.currentData()
    expected = sum(
        1
        for c in cards
        if any(t.name == "sales" for t in c.tags) and any(p.id == person for p in c.people)
    )
    assert window.board_model.visible_count() == expected
    bar.clear_button.click()
    assert window.board_model.visible_count() == len(cards)


def test_dropping_into_a_filtered_column_lands_next_to_the_visible_card(window, board_path):
    bar = window.filter_bar
    bar.tag.setCurrentIndex(bar.tag.findText("coaching"))
    target = view_of(window, "Measuring")
    source = view_of(window, "Pilot")
    visible = keys(target)
    assert visible, "the demo has coaching work being measured"
    moving = keys(source)[0]
    drop_at(
        target, source.model().mimeData([source.model().index(0, 0)]), point_above_row(target, 0)
    )
    stored = file_order(board_path, "Measuring")
    assert stored.index(moving) + 1 == stored.index(visible[0])


def test_find_shortcut_focuses_the_filter(window, qtbot):
    window.action_find.trigger()
    assert window.filter_bar.text.hasFocus()


def test_column_commands_rename_wip_add_and_remove(window, prompter, board_path):
    building = column_id(window, "Building")
    panel = window.board_view.panel(building)
    prompter.answers = ["Build"]
    panel.command_action("rename").trigger()
    assert panel.name_label.text() == "Build"
    panel.command_action("wip").trigger()
    window.board_view.wip_dialog.limit.setValue(6)
    window.board_view.wip_dialog.accept()
    assert panel.count_label.text() == "4 / 6"
    assert not panel.over_wip_limit
    panel.command_action("wip").trigger()
    window.board_view.wip_dialog.limit.setValue(0)  # shown as "No limit"
    window.board_view.wip_dialog.accept()
    assert window.session.board.column(building).wip_limit is None

    prompter.answers = ["Review"]
    panel.command_action("add_after").trigger()
    names = [c.name for c in window.board_model.columns]
    assert names[names.index("Build") + 1] == "Review"
    review = column_id(window, "Review")
    assert window.board_view.column_view(review).objectName() == f"column:{review}"

    pilot = column_id(window, "Pilot")
    moving = keys(window.board_view.column_view(pilot))
    others = [c.name for c in window.board_model.columns if c.id != pilot]
    prompter.answers = [others.index("Review")]
    window.board_view.panel(pilot).command_action("remove").trigger()
    assert "Pilot" not in [c.name for c in window.board_model.columns]
    assert pilot not in window.board_view.panels
    assert keys(window.board_view.column_view(review)) == moving
    assert file_order(board_path, "Review") == moving

    window.action_undo.trigger()
    assert [c.name for c in window.board_model.columns].count("Pilot") == 1
    assert keys(window.board_view.column_view(pilot)) == moving


def test_moving_columns_left_and_right(window):
    done = column_id(window, "Done")
    window.board_view.panel(done).command_action("move_left").trigger()
    names = [c.name for c in window.board_model.columns]
    assert names[-2:] == ["Done", "Measuring"]
    layout_order = [
        window.board_view.row.itemAt(i).widget().objectName() for i in range(len(names))
    ]
    assert layout_order[-2] == f"columnPanel:{done}"


def test_failures_are_reported_not_raised(window, prompter):
    prompter.answers = ["Done"]
    window.board_view.panel(column_id(window, "Intake")).command_action("rename").trigger()
    assert prompter.asked[-1] == ("warn", "There is already a column called “Done”.")


def _open_editor(window):
    from ldboard.ui.editor import CardEditor

    editors = [w for w in window.findChildren(CardEditor) if w.isVisible()]
    assert len(editors) == 1
    return editors[0]


def test_enter_opens_the_editor_and_saving_repaints_the_card(window, qtbot, board_path):
    view = view_of(window, "Ready")
    view.setFocus()
    view.select_row(0)
    card = view.model().index(0, 0).data(CARD_ROLE)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = _open_editor(window)
    assert editor.item_id == card.id
    title = editor.field("title")
    title.selectAll()
    qtbot.keyClicks(title, "Excel bursts for Finance")
    editor.save_button.click()
    assert not editor.isVisible()
    assert view.model().index(0, 0).data(CARD_ROLE).title == "Excel bursts for Finance"
    assert window.action_undo.text() == f"&Undo Edit {card.key}"
    window.action_undo.trigger()
    assert view.model().index(0, 0).data(CARD_ROLE).title == card.title


def test_double_click_opens_the_editor(window, qtbot):
    view = view_of(window, "Pilot")
    rect = view.visualRect(view.model().index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = _open_editor(window)
    assert editor.item_id == view.model().item_id(1)
    editor.reject()


def test_new_item_goes_to_the_intake_column_and_is_selected(window, qtbot, board_path):
    discovery = view_of(window, "Discovery")  # the keyboard is in another column
    discovery.setFocus()
    discovery.select_row(0)
    qtbot.keyClick(discovery, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    view = view_of(window, "Intake")
    editor = _open_editor(window)
    qtbot.keyClicks(editor.field("title"), "Coaching clinic for new managers")
    editor.save_button.click()
    assert keys(view)[-1] == file_order(board_path, "Intake")[-1]
    assert view.model().index(view.model().rowCount() - 1, 0).data(CARD_ROLE).title == (
        "Coaching clinic for new managers"
    )
    assert window.board_view.current_card() == view.model().item_id(view.model().rowCount() - 1)


def test_archive_window_restores_onto_the_board(window, qtbot, board_path):
    pilot = view_of(window, "Pilot")
    pilot.setFocus()
    pilot.select_row(0)
    before = keys(pilot)
    key = before[0]
    qtbot.keyClick(pilot, Qt.Key.Key_Delete)
    assert keys(pilot) == before[1:]
    window.action_archive_view.trigger()  # the View menu's action, as a person uses it
    shown = [d for d in window.findChildren(ArchiveDialog) if d.isVisible()]
    assert len(shown) == 1
    dialog = shown[0]
    assert dialog.select_item(window.session.board.item_by_key(key).id)
    dialog.restore_selected()
    assert keys(pilot) == before, "back in its old place, which was still free"
    assert file_order(board_path, "Pilot") == before
