"""The card editor's History page: the item's events in words, newest first,
kept current while the editor is open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QTreeView

from ldboard import ops
from ldboard.ui.common.session import BoardSession
from ldboard.ui.editor import CardEditor
from ldboard.ui.editor.history_model import LINE_ROLE, WHAT, WHEN
from ldboard.ui.editor.pages_history import NEW_CARD_HISTORY
from ldboard.ui.editor.widgets import format_timestamp, friendly_timestamp
from tests.gui.support import ScriptedPrompter
from tests.gui.test_damaged_and_read_only import read_only_board

#: Demo item "Product-code glossary…": in Ready, scored I2·E1, planned into no iteration.
GLOSSARY = 22
BUILDING = 4
#: The demo's planned iteration.
SAFETY = 3


@pytest.fixture
def open_editor(qtbot):
    def open_(session, item_id=None) -> CardEditor:
        dialog = CardEditor(session, item_id, prompter=ScriptedPrompter())
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(d.DialogCode.Rejected))
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
        return dialog

    return open_


@pytest.fixture
def worked_on(demo_session):
    """The glossary moved to Building, rescored and planned, each through the session."""
    perform = demo_session.perform
    assert perform(ops.move_item, GLOSSARY, BUILDING, 0)
    assert perform(ops.rescore_item, GLOSSARY, 4, 1)
    assert perform(ops.plan_items, [GLOSSARY], SAFETY)
    return demo_session


def iteration_name(session, iteration_id: int) -> str:
    return session.board.iteration(iteration_id).name


def test_the_last_tab_tells_the_items_events_newest_first(worked_on, open_editor):
    dialog = open_editor(worked_on, GLOSSARY)
    tabs = dialog.tabs
    assert tabs.tabText(tabs.count() - 1) == "History"
    assert tabs.currentWidget().widget().objectName() == "historyTab"
    view = dialog.findChild(QTreeView, "historyView")
    assert view is not None and view.isVisible() and view.model() is dialog.history_model
    texts = dialog.history_model.texts()
    assert texts[:3] == [
        f"planned into {iteration_name(worked_on, SAFETY)}",
        "rescored I2·E1 → I4·E1",
        "moved Ready → Building",
    ]
    assert texts[-1] == "created in Intake", "the oldest event is last"
    stamps = [line.ts for line in dialog.history_model.lines()]
    assert stamps == sorted(stamps, reverse=True)
    assert not dialog.findChild(type(dialog.history_empty), "historyEmpty").isVisible()


def test_each_line_says_when_in_words_and_exactly_on_hover(worked_on, open_editor):
    dialog = open_editor(worked_on, GLOSSARY)
    model = dialog.history_model
    newest = model.index(0, WHEN)
    line = newest.data(LINE_ROLE)
    today = worked_on.board.today()
    assert newest.data() == friendly_timestamp(line.ts, today)
    assert newest.data(Qt.ItemDataRole.ToolTipRole) == format_timestamp(line.ts)
    assert model.index(0, WHAT).data() == line.text
    assert model.headerData(WHAT, Qt.Orientation.Horizontal) == "What happened"


def test_a_change_while_the_editor_is_open_adds_a_line_on_top(worked_on, open_editor, qtbot):
    dialog = open_editor(worked_on, GLOSSARY)
    model = dialog.history_model
    before = model.texts()
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.rowsInserted):
        worked_on.perform(ops.move_item, GLOSSARY, BUILDING + 1, 0)
    moved = "moved Building → Pilot; performance-support checklist added"
    assert model.texts() == [moved, *before]
    with qtbot.waitSignal(model.rowsInserted):
        worked_on.undo()
    assert model.texts()[:2] == ["moved Pilot → Building (undo)", moved]
    undone = model.index(0, WHAT)
    assert undone.data(Qt.ItemDataRole.ForegroundRole) is not None, "an undo reads as an aside"
    assert model.index(1, WHAT).data(Qt.ItemDataRole.ForegroundRole) is None


def test_changes_to_other_items_leave_the_page_alone(worked_on, open_editor, qtbot):
    dialog = open_editor(worked_on, GLOSSARY)
    model = dialog.history_model
    before = model.texts()
    with qtbot.assertNotEmitted(model.rowsInserted), qtbot.assertNotEmitted(model.modelReset):
        worked_on.perform(ops.rescore_item, GLOSSARY - 1, 5, 5)
    assert model.texts() == before


def test_renaming_the_iteration_rewords_the_lines_that_name_it(worked_on, open_editor):
    dialog = open_editor(worked_on, GLOSSARY)
    worked_on.perform(ops.edit_iteration, SAFETY, name="Safety first")
    assert dialog.history_model.texts()[0] == "planned into Safety first"


def test_a_closed_editor_stops_following_the_board(worked_on, open_editor, qtbot):
    dialog = open_editor(worked_on, GLOSSARY)
    model = dialog.history_model
    dialog.reject()
    before = model.texts()
    with qtbot.assertNotEmitted(model.rowsInserted):
        worked_on.perform(ops.move_item, GLOSSARY, BUILDING + 1, 0)
    assert model.texts() == before


def test_a_new_card_has_no_history_yet(demo_session, open_editor):
    dialog = open_editor(demo_session)
    assert dialog.history_model.rowCount() == 0
    assert not dialog.history_view.isVisible()
    assert dialog.history_empty.isVisible()
    assert dialog.history_empty.text() == NEW_CARD_HISTORY


def test_the_history_model_is_a_correct_qt_model(worked_on, open_editor, qtmodeltester):
    dialog = open_editor(worked_on, GLOSSARY)
    qtmodeltester.check(dialog.history_model, force_py=True)
    worked_on.perform(ops.move_item, GLOSSARY, BUILDING + 1, 0)
    qtmodeltester.check(dialog.history_model, force_py=True)


def test_a_read_only_board_shows_the_history_too(qtbot, clock, open_editor):
    with read_only_board(clock) as path:
        session = BoardSession.open(path)
        try:
            assert session.read_only
            dialog = open_editor(session, GLOSSARY)
            assert dialog.save_button.isHidden()
            assert dialog.history_view.isEnabled(), "it can be scrolled and read"
            assert dialog.history_model.texts()[-1] == "created in Intake"
            dialog.done(dialog.DialogCode.Rejected)
        finally:
            session.close()


# --- times in words ---------------------------------------------------------------------------


def local_day(stamp: str):
    return QDateTime.fromString(stamp, Qt.DateFormat.ISODate).toLocalTime().date().toPython()


@pytest.mark.parametrize(
    ("days_later", "starts"),
    [(0, "Today, "), (1, "Yesterday, "), (2, "2 Jun, ")],
)
def test_recent_times_are_told_relative_to_today(days_later, starts):
    stamp = "2026-06-02T12:00:00Z"
    today = local_day(stamp) + timedelta(days=days_later)
    clock = QDateTime.fromString(stamp, Qt.DateFormat.ISODate).toLocalTime().toString("HH:mm")
    expected = starts + clock if days_later < 2 else f"{local_day(stamp).day} Jun, {clock}"
    assert friendly_timestamp(stamp, today) == expected


def test_times_of_another_year_carry_the_year():
    stamp = "2025-06-02T12:00:00Z"
    told = friendly_timestamp(stamp, local_day(stamp) + timedelta(days=400))
    assert told.startswith(f"{local_day(stamp).day} Jun 2025, ")
    assert friendly_timestamp("not a time", local_day(stamp)) == "not a time"
