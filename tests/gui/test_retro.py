"""The retrospective (View → Retrospective): lanes written by typing, edited in place,
reordered and moved by drag, deleted, every step undoable; actions with an owner, a
due date and a linked initiative; open actions carried into later retrospectives with
their slip count until they are ticked; read-only boards; empty states."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QPlainTextEdit

from ldboard import ops
from ldboard.domain.model import RetroEntry
from ldboard.ui.retro.entry_delegate import OVERDUE_BACKGROUND
from ldboard.ui.retro.lane_model import OVERDUE_ROLE, EntryListModel
from ldboard.ui.retro.rows import EntryRow
from ldboard.ui.shell.app import build_main_window
from tests.gui.support import drop_at, point_above_row, point_below_last

LANES = ("went_well", "to_improve", "action", "note")


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def show_retro(window, qtbot):
    action(window, "actionViewRetro").trigger()
    qtbot.waitUntil(lambda: window.views.currentWidget().objectName() == "retroView")
    return window.views.currentWidget()


@pytest.fixture
def page(window, qtbot):
    return show_retro(window, qtbot)


@pytest.fixture
def fresh_window(qtbot, board_file, prompter):
    """The main window on a new board: default stages, no iterations, no people."""
    built = build_main_window(board_file, prompter=prompter)
    qtbot.addWidget(built)
    built.resize(1500, 900)
    built.show()
    qtbot.waitExposed(built)
    return built


def texts(board, iteration_id: int, kind: str) -> list[str]:
    return [e.text for e in board.retro_entries(iteration_id) if e.kind == kind]


def view_of(page, kind: str):
    return page.panels[kind].view


def shown_texts(page, kind: str) -> list[str]:
    return [row.entry.text for row in page.log.lanes[kind].rows()]


def select(view, row: int) -> QModelIndex:
    index = view.model().index(row, 0)
    view.setCurrentIndex(index)
    return index


def type_entry(qtbot, box, text: str) -> None:
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def click_part(qtbot, view, entry_id: int, part: str, double: bool = False) -> None:
    rect = view.part_rect(entry_id, part)
    assert rect is not None, part
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:  # QTest's double-click sends no press of its own
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def new_id(change, table: str) -> int:
    return next(d.key[0] for d in change.diffs(table) if d.before is None)


class Signals:
    """Counts the row signals of the retrospective's models."""

    def __init__(self, models) -> None:
        self.seen: list[tuple[str, str]] = []
        for model in models:
            name = model.objectName()
            for signal in ("modelReset", "rowsInserted", "rowsRemoved", "rowsMoved"):
                getattr(model, signal).connect(
                    lambda *_, name=name, signal=signal: self.seen.append((name, signal))
                )

    def of(self, signal: str) -> list[str]:
        return [name for name, seen in self.seen if seen == signal]


# --- opening ---------------------------------------------------------------------------


def test_ctrl_5_shows_the_active_iterations_retrospective(window, qtbot):
    board = window.session.board
    active = board.active_iteration()
    assert action(window, "actionViewRetro").shortcut().toString() == "Ctrl+5"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.views.currentWidget().objectName() == "retroView")
    page = window.views.currentWidget()
    assert page.selected_iteration().id == active.id
    assert page.picker.currentData() == active.id
    assert active.goal in page.goal.text()
    assert "running" in page.dates.text()
    for kind in LANES:
        assert shown_texts(page, kind) == texts(board, active.id, kind)
        assert page.panels[kind].count.text() == str(len(texts(board, active.id, kind)))


def test_reveal_selects_an_iteration_as_the_close_dialog_asks(window, qtbot):
    board = window.session.board
    closed = next(i for i in board.iterations() if i.state == "closed")
    window.open_view("retroView", closed.id)
    page = window.views.currentWidget()
    assert page.objectName() == "retroView"
    assert page.picker.currentData() == closed.id
    assert shown_texts(page, "went_well") == texts(board, closed.id, "went_well")
    assert shown_texts(page, "action") == texts(board, closed.id, "action")
    assert page.log.carried.rowCount() == 0  # nothing came before the first iteration


def test_models_pass_the_model_tester(window, page, qtmodeltester):
    closed = next(i for i in window.session.board.iterations() if i.state == "closed")
    page.select_iteration(closed.id)
    for kind in LANES:
        assert page.log.lanes[kind].rowCount() > 0
        qtmodeltester.check(page.log.lanes[kind])
    page.select_iteration(window.session.board.active_iteration().id)
    assert page.log.carried.rowCount() > 0
    qtmodeltester.check(page.log.carried)


# --- writing, editing, moving, deleting ----------------------------------------------


def test_typing_in_each_lane_adds_an_entry_as_one_undoable_step(window, page, qtbot, board_path):
    board = window.session.board
    iteration = page.selected_iteration().id
    stack = window.session.undo_stack
    depth = stack.count()
    for n, kind in enumerate(LANES):
        box = page.panels[kind].entry_box
        type_entry(qtbot, box, f"Typed into {kind}")
        assert texts(board, iteration, kind)[-1] == f"Typed into {kind}"
        assert shown_texts(page, kind)[-1] == f"Typed into {kind}"
        assert box.text() == ""
        assert stack.count() == depth + n + 1
    with closing(sqlite3.connect(f"file:{board_path}?mode=ro", uri=True)) as file:
        in_file = file.execute(
            "SELECT kind, owner_id FROM retro_entries WHERE iteration_id = ? "
            "AND text LIKE 'Typed into %' ORDER BY id",
            (iteration,),
        ).fetchall()
    assert in_file == [(kind, None) for kind in LANES]  # an action is the lead's ("You")
    for kind in reversed(LANES):
        window.action_undo.trigger()
        assert f"Typed into {kind}" not in texts(board, iteration, kind)
        assert f"Typed into {kind}" not in shown_texts(page, kind)
    assert stack.count() == depth + 4 and stack.index() == depth


def test_an_empty_entry_box_adds_nothing(window, page, qtbot):
    depth = window.session.undo_stack.count()
    type_entry(qtbot, page.panels["note"].entry_box, "   ")
    assert window.session.undo_stack.count() == depth


def test_adding_an_entry_inserts_one_row_and_resets_no_model(window, page, qtbot):
    signals = Signals(page.log.models())
    type_entry(qtbot, page.panels["to_improve"].entry_box, "Estimate in effort points")
    assert signals.of("rowsInserted") == ["retroLane_to_improve"]
    assert signals.of("modelReset") == []
    assert signals.of("rowsRemoved") == []


def test_add_retro_entry_action_focuses_the_current_lanes_box(window, qtbot):
    add = action(window, "actionAddRetroEntry")
    assert add.shortcut().toString() == "Ctrl+Shift+R"
    others = [
        a
        for a in window.findChildren(QAction)
        if a is not add and not a.shortcut().isEmpty() and a.shortcut() == add.shortcut()
    ]
    assert others == []
    assert add in window.findChild(QMenu, "iterationMenu").actions()
    window.show_board()
    add.trigger()
    page = window.views.currentWidget()
    assert page.objectName() == "retroView"
    qtbot.waitUntil(lambda: page.panels["went_well"].entry_box.hasFocus())
    view_of(page, "action").setFocus()
    qtbot.waitUntil(lambda: page.current_kind == "action")
    window.show_board()
    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: page.panels["action"].entry_box.hasFocus())


def test_f2_edits_an_entry_in_place_and_undo_restores_it(window, page, qtbot):
    board = window.session.board
    iteration = page.selected_iteration().id
    view = view_of(page, "went_well")
    old = shown_texts(page, "went_well")[0]
    select(view, 0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.findChild(QPlainTextEdit, "retroEntryEditor")
    assert editor is not None and editor.toPlainText() == old
    qtbot.keyClicks(editor, "SME recordings beat scripts")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert texts(board, iteration, "went_well")[0] == "SME recordings beat scripts"
    assert shown_texts(page, "went_well")[0] == "SME recordings beat scripts"
    window.action_undo.trigger()
    assert texts(board, iteration, "went_well")[0] == old
    assert shown_texts(page, "went_well")[0] == old


def test_double_click_edits_the_text_and_esc_changes_nothing(window, page, qtbot):
    view = view_of(page, "note")
    entry_id = page.log.lanes["note"].ids()[0]
    depth = window.session.undo_stack.count()
    click_part(qtbot, view, entry_id, "text", double=True)
    editor = view.findChild(QPlainTextEdit, "retroEntryEditor")
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, "thrown away")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.session.undo_stack.count() == depth
    assert "thrown away" not in window.session.board.retro_entry(entry_id).text


@pytest.fixture
def it1(window, page):
    """The demo's closed first iteration: three entries in each of its first three lanes."""
    iteration = next(i for i in window.session.board.iterations() if i.state == "closed")
    page.select_iteration(iteration.id)
    return iteration.id


def test_reordering_by_drag_moves_one_row_and_undoes(window, page, it1, qtbot):
    board = window.session.board
    before = texts(board, it1, "went_well")
    view = view_of(page, "went_well")
    signals = Signals(page.log.models())
    mime = view.model().mimeData([view.model().index(2, 0)])
    drop_at(view, mime, point_above_row(view, 0))
    assert texts(board, it1, "went_well") == [before[2], before[0], before[1]]
    assert shown_texts(page, "went_well") == texts(board, it1, "went_well")
    assert signals.of("rowsMoved") == ["retroLane_went_well"]
    assert signals.of("modelReset") == signals.of("rowsInserted") == []

    mime = view.model().mimeData([view.model().index(0, 0)])
    drop_at(view, mime, point_below_last(view))
    assert texts(board, it1, "went_well") == [before[0], before[1], before[2]]
    assert signals.of("rowsMoved") == ["retroLane_went_well"] * 2  # one move each time
    window.action_undo.trigger()
    window.action_undo.trigger()
    assert texts(board, it1, "went_well") == before
    assert shown_texts(page, "went_well") == before


def test_dragging_to_another_lane_moves_the_entry_and_undoes(window, page, it1, qtbot):
    board = window.session.board
    went_well, to_improve = texts(board, it1, "went_well"), texts(board, it1, "to_improve")
    source, target = view_of(page, "went_well"), view_of(page, "to_improve")
    signals = Signals(page.log.models())
    mime = source.model().mimeData([source.model().index(1, 0)])
    drop_at(target, mime, point_above_row(target, 1))
    assert texts(board, it1, "went_well") == [went_well[0], went_well[2]]
    assert texts(board, it1, "to_improve") == [to_improve[0], went_well[1], *to_improve[1:]]
    assert shown_texts(page, "to_improve") == texts(board, it1, "to_improve")
    assert signals.of("rowsRemoved") == ["retroLane_went_well"]
    assert signals.of("rowsInserted") == ["retroLane_to_improve"]
    window.action_undo.trigger()
    assert texts(board, it1, "went_well") == went_well
    assert texts(board, it1, "to_improve") == to_improve
    assert shown_texts(page, "went_well") == went_well


def test_an_entry_of_another_retrospective_is_refused(window, page, it1, qtbot):
    view = view_of(page, "went_well")
    mime = view.model().mimeData([view.model().index(0, 0)])
    page.select_iteration(window.session.board.active_iteration().id)
    assert view.model().dropped_entries(mime) == []


def test_keyboard_moves_do_what_drag_does(window, page, it1, qtbot):
    board = window.session.board
    before = texts(board, it1, "to_improve")
    view = view_of(page, "to_improve")
    select(view, 0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert texts(board, it1, "to_improve") == [before[1], before[0], before[2]]
    select(view, 0)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert before[1] in texts(board, it1, "action")
    assert before[1] not in texts(board, it1, "to_improve")


def test_delete_key_removes_an_entry_and_undo_brings_it_back_in_place(window, page, it1, qtbot):
    board = window.session.board
    before = texts(board, it1, "to_improve")
    view = view_of(page, "to_improve")
    select(view, 1)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert texts(board, it1, "to_improve") == [before[0], before[2]]
    assert shown_texts(page, "to_improve") == [before[0], before[2]]
    window.action_undo.trigger()
    assert texts(board, it1, "to_improve") == before
    assert shown_texts(page, "to_improve") == before


def test_the_context_menu_moves_and_deletes(window, page, it1, qtbot):
    board = window.session.board
    note = page.log.lanes["note"].ids()[0]
    menu = page.actions.menu(note, view_of(page, "note"), lambda: None)
    menu.findChild(QAction, "retroMoveTo_went_well").trigger()
    assert board.retro_entry(note).kind == "went_well"
    assert page.log.lanes["went_well"].ids()[-1] == note
    menu = page.actions.menu(note, view_of(page, "went_well"), lambda: None)
    menu.findChild(QAction, "retroDeleteEntry").trigger()
    assert board.retro_entry(note) is None
    window.action_undo.trigger()
    window.action_undo.trigger()
    assert board.retro_entry(note).kind == "note"


# --- actions -----------------------------------------------------------------------------


def test_the_action_dialog_sets_owner_due_date_and_initiative_in_one_step(window, page, qtbot):
    board = window.session.board
    view = view_of(page, "action")
    entry_id = page.log.lanes["action"].ids()[0]
    person = board.people()[0]
    item = board.item_by_key("LD-18")
    depth = window.session.undo_stack.count()
    select(view, 0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = window.findChild(QDialog, "retroActionDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.owner.setCurrentIndex(dialog.owner.findData(person.id))
    dialog.due_set.setChecked(True)
    dialog.initiative.setText("ld-18")
    dialog.save()
    entry = board.retro_entry(entry_id)
    assert (entry.owner_id, entry.item_id) == (person.id, item.id)
    assert entry.due == dialog.due.date().toString(Qt.DateFormat.ISODate)
    assert window.session.undo_stack.count() == depth + 1
    row = page.log.lanes["action"].row(0)
    assert (row.owner_name, row.item_key) == (person.name, "LD-18")
    window.action_undo.trigger()
    entry = board.retro_entry(entry_id)
    assert (entry.owner_id, entry.item_id) != (person.id, item.id)


def test_an_unknown_initiative_key_is_named_and_nothing_is_written(window, page, qtbot):
    entry_id = page.log.lanes["action"].ids()[0]
    dialog = page.actions.details(entry_id)
    depth = window.session.undo_stack.count()
    dialog.initiative.setText("LD-999")
    dialog.save()
    assert dialog.isVisible()
    assert "LD-999" in dialog.problems["item_id"].text()
    assert window.session.undo_stack.count() == depth
    dialog.reject()


def test_clicking_the_tick_records_the_retrospectives_iteration(window, page, qtbot):
    board = window.session.board
    iteration = page.selected_iteration().id
    entry_id = page.log.lanes["action"].ids()[0]
    click_part(qtbot, view_of(page, "action"), entry_id, "check")
    entry = board.retro_entry(entry_id)
    assert entry.done_at is not None and entry.closed_in_iteration_id == iteration
    assert page.log.lanes["action"].row(0).done
    window.action_undo.trigger()
    assert board.retro_entry(entry_id).done_at is None
    assert not page.log.lanes["action"].row(0).done


def test_a_tick_records_the_iteration_on_screen_not_the_running_one(window, page, qtbot):
    board = window.session.board
    planned = next(i for i in board.iterations() if i.state == "planned")
    page.select_iteration(planned.id)
    view = page.panels["action"].carried_view
    entry_id = next(r.id for r in page.log.carried.rows() if not r.done)
    click_part(qtbot, view, entry_id, "check")
    entry = board.retro_entry(entry_id)
    assert entry.closed_in_iteration_id == planned.id != board.active_iteration().id
    row = page.log.carried.row(page.log.carried.row_of(entry_id))
    assert row.done and row.done_text() == "Done in this iteration"


def test_overdue_open_actions_are_highlighted(window, page, qtbot):
    board, session = window.session.board, window.session
    today = board.today()
    late, soon = page.log.carried.ids()[1:3]
    session.perform(ops.edit_retro_entry, late, due=(today - timedelta(days=2)).isoformat())
    session.perform(ops.edit_retro_entry, soon, due=(today + timedelta(days=3)).isoformat())
    model = page.log.carried
    assert model.index(model.row_of(late), 0).data(OVERDUE_ROLE) is True
    assert model.index(model.row_of(soon), 0).data(OVERDUE_ROLE) is False
    assert model.row(model.row_of(late)).due_text().startswith("Overdue")
    view = page.panels["action"].carried_view
    image = view.viewport().grab().toImage()

    def background(entry_id: int) -> QColor:
        card = view.part_rect(entry_id, "text")
        return image.pixelColor(card.left() - 2, card.bottom() + 2)

    assert background(late) == OVERDUE_BACKGROUND
    assert background(soon) == QColor("#ffffff")
    session.perform(ops.set_action_done, late, True)
    assert model.index(model.row_of(late), 0).data(OVERDUE_ROLE) is False  # done is never late


def test_clicking_a_linked_initiative_opens_its_card(window, page, qtbot):
    board = window.session.board
    entry_id = page.log.lanes["action"].ids()[0]
    item = board.item_by_key("LD-9")
    window.session.perform(ops.edit_retro_entry, entry_id, item_id=item.id)
    assert page.log.lanes["action"].row(0).item_key == "LD-9"
    click_part(qtbot, view_of(page, "action"), entry_id, "link")
    qtbot.waitUntil(lambda: window.findChild(QDialog, "cardEditor") is not None)
    editor = window.findChild(QDialog, "cardEditor")
    assert editor.item_id == item.id
    editor.reject()


# --- carry-over -------------------------------------------------------------------------


def test_the_demo_carries_the_first_iterations_open_actions_with_their_slips(window, page):
    board = window.session.board
    first = next(i for i in board.iterations() if i.state == "closed")
    open_actions = [e for e in board.retro_entries(first.id) if e.is_open_action]
    carried = page.log.carried.rows()
    assert [r.id for r in carried if not r.done] == [e.id for e in open_actions]
    for row in carried:
        assert row.carried_text() == f"From {first.name} · slipped 1×"
    done = [r for r in carried if r.done]
    assert [r.done_text() for r in done] == ["Done in this iteration"]
    assert page.panels["action"].carried_title.text().startswith("<b>Carried over</b> · 2 open")


def _start_next(session, name: str) -> int:
    iteration = new_id(session.perform(ops.create_iteration, name), "iterations")
    session.perform(ops.start_iteration, iteration)
    return iteration


def test_an_open_action_follows_every_retrospective_counting_slips_until_ticked(
    fresh_window, qtbot
):
    session = fresh_window.session
    board = session.board
    page = show_retro(fresh_window, qtbot)
    assert page.stack.currentWidget() is page.empty_hint
    assert not action(fresh_window, "actionAddRetroEntry").isEnabled()

    first = _start_next(session, "Sprint 1")
    assert page.stack.currentWidget() is page.lanes
    assert page.picker.currentData() == first
    type_entry(qtbot, page.panels["action"].entry_box, "Book the pilot room")
    entry_id = page.log.lanes["action"].ids()[0]
    assert page.log.carried.rowCount() == 0

    session.perform(ops.close_iteration, first)
    second = _start_next(session, "Sprint 2")
    page.select_iteration(second)
    [row] = page.log.carried.rows()
    assert (row.id, row.slips, row.carried_text()) == (entry_id, 1, "From Sprint 1 · slipped 1×")

    session.perform(ops.close_iteration, second)
    assert page.log.carried.row(0).slips == 2  # the close shows at once
    third = _start_next(session, "Sprint 3")
    page.select_iteration(third)
    assert page.log.carried.row(0).carried_text() == "From Sprint 1 · slipped 2×"

    click_part(qtbot, page.panels["action"].carried_view, entry_id, "check")
    entry = board.retro_entry(entry_id)
    assert entry.done_at is not None and entry.closed_in_iteration_id == third
    [row] = page.log.carried.rows()  # still shown here, ticked in this iteration
    assert row.done and row.done_text() == "Done in this iteration"

    session.perform(ops.close_iteration, third)
    fourth = _start_next(session, "Sprint 4")
    page.select_iteration(fourth)
    assert page.log.carried.rowCount() == 0
    assert not page.panels["action"].carried_view.isVisible()
    page.select_iteration(second)
    assert page.log.carried.row(0).done_text() == "Done in Sprint 3"

    page.select_iteration(fourth)
    session.undo()  # Sprint 4 started
    session.undo()  # Sprint 4 created: the retrospective falls back to the default
    session.undo()  # Sprint 3 closed
    session.undo()  # the tick
    assert board.retro_entry(entry_id).done_at is None
    assert page.picker.currentData() == third
    assert page.log.carried.row(0).carried_text() == "From Sprint 1 · slipped 2×"
    assert not page.log.carried.row(0).done


# --- read-only boards and empty states ----------------------------------------------------


def test_a_read_only_board_shows_the_retrospective_but_changes_nothing(window, page, qtbot):
    board = window.session.board
    iteration = page.selected_iteration().id
    before = board.retro_entries(iteration)
    window.session.make_read_only("The board is shown read-only for this check.")
    assert all(not p.entry_box.isVisible() for p in page.panels.values())
    assert not action(window, "actionAddRetroEntry").isEnabled()
    model = page.log.lanes["action"]
    flags = model.flags(model.index(0, 0))
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert not flags & Qt.ItemFlag.ItemIsDragEnabled
    view = view_of(page, "action")
    select(view, 0)
    view.setFocus()
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_Space, Qt.Key.Key_F2):
        qtbot.keyClick(view, key)
    click_part(qtbot, view, model.ids()[0], "check")
    assert view.findChild(QPlainTextEdit, "retroEntryEditor") is None
    menu = page.actions.menu(model.ids()[0], view, lambda: None)
    assert [a.objectName() for a in menu.actions() if a.objectName()] == []
    assert board.retro_entries(iteration) == before


def test_an_iteration_without_entries_shows_a_hint_in_each_lane(window, page, qtbot):
    planned = next(i for i in window.session.board.iterations() if i.state == "planned")
    page.select_iteration(planned.id)
    for kind in LANES:
        view = view_of(page, kind)
        assert view.model().rowCount() == 0
        assert view.hint
        image = view.viewport().grab().toImage()
        colours = {
            image.pixelColor(x, y).name()
            for x in range(0, image.width(), 3)
            for y in range(0, min(image.height(), 80), 3)
        }
        assert len(colours) > 1, f"no hint painted in {kind}"


def test_the_lanes_stand_two_by_two_in_a_narrow_window(window, page, qtbot):
    window.resize(900, 800)
    qtbot.waitUntil(lambda: page.width() < 980)
    went_well, note = page.panels["went_well"], page.panels["note"]
    qtbot.waitUntil(lambda: note.geometry().top() > went_well.geometry().bottom())
    window.resize(1500, 900)
    qtbot.waitUntil(lambda: note.geometry().top() == went_well.geometry().top())


def test_the_shortcut_help_lists_the_retrospective_keys(window):
    rows = dict(
        row for _where, section in window.screen("retroView").shortcut_help() for row in section
    )
    assert rows["Add Retrospective Entry"] == QKeySequence("Ctrl+Shift+R").toString(
        QKeySequence.SequenceFormat.NativeText
    )


def _rows(ids):
    return [EntryRow(RetroEntry(i, 1, "note", f"entry {i}")) for i in ids]


def test_sync_reaches_any_new_order_with_row_signals_only(demo_session, qtmodeltester):
    model = EntryListModel(demo_session, "note")
    model.set_rows(_rows(range(1, 9)), 1)
    qtmodeltester.check(model)  # keeps watching every signal below
    signals = Signals([model])
    shuffle = random.Random(7)
    current = list(range(1, 9))
    for _ in range(60):
        wanted = [i for i in current if shuffle.random() > 0.15]
        wanted += [100 + shuffle.randrange(50) for _ in range(shuffle.randrange(3))]
        wanted = list(dict.fromkeys(wanted))
        shuffle.shuffle(wanted)
        model.sync(_rows(wanted))
        assert model.ids() == wanted
        current = wanted
    assert signals.of("modelReset") == []


@pytest.mark.parametrize(("source", "target"), [(0, 5), (5, 0), (2, 3), (3, 2), (0, 1)])
def test_sync_turns_a_single_move_into_one_row_move(demo_session, source, target):
    model = EntryListModel(demo_session, "note")
    ids = list(range(1, 7))
    model.set_rows(_rows(ids), 1)
    signals = Signals([model])
    wanted = list(ids)
    wanted.insert(target, wanted.pop(source))
    model.sync(_rows(wanted))
    assert model.ids() == wanted
    assert signals.seen == [("retroLane_note", "rowsMoved")]
