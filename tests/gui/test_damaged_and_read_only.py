"""Damaged and read-only boards in the app: explained, never written, and a way out.

Damage is real (a page of a real board file zeroed on disk, see
tests/unit/store/faults.py); a read-only board is on a disk remounted read-only
(as root, who may otherwise write anything) or a ``chmod 444`` file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from ldboard import ops
from ldboard.store import Board
from ldboard.store.demo import create_demo_board, load_demo_content
from ldboard.ui.common.session import Failure
from ldboard.ui.shell.app import open_first_window
from ldboard.ui.shell.error_guard import ErrorGuard
from tests.disks import can_mount, make_read_only, small_disk
from tests.gui.support import ScriptedPrompter
from tests.unit.store.faults import digest, folder_state, page_of, zero_page


@pytest.fixture
def damaged(tmp_path, clock) -> Path:
    """A demo board file with one page of its items table zeroed."""
    path = tmp_path / "damaged.ldboard"
    create_demo_board(path, clock=clock).close()
    zero_page(path, page_of(path, "items"))
    return path


def show(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_damaged_board_at_start_up_offers_to_save_what_can_be_read(damaged, qtbot):
    recovered = damaged.with_name("damaged (recovered).ldboard")
    before, folder_before = digest(damaged), set(os.listdir(damaged.parent))
    prompter = ScriptedPrompter(1, recovered)  # "Save What Can Be Read…", then where
    window = open_first_window(damaged, prompter)
    assert window is not None
    show(qtbot, window)

    kind, text = prompter.asked[0]
    assert kind == "ask" and "“damaged.ldboard”" in text and "has not changed it" in text
    assert prompter.offered == ["Save What Can Be Read…"]  # no backup exists
    assert window.session.path == recovered.resolve()
    assert prompter.asked[-1][0] == "inform"
    assert window.session.board.item_count() > 0
    assert digest(damaged) == before  # never written
    assert folder_before <= set(os.listdir(damaged.parent))
    assert not damaged.with_name("damaged.ldboard-wal").exists()
    window.close()


def test_a_damaged_board_with_a_backup_offers_a_copy_of_it(damaged, qtbot, clock):
    backup = damaged.with_name("damaged (before upgrade to format 3).ldboard")
    with create_demo_board(backup, clock=clock) as board:
        backed_up = board.item_count()
    backup_digest = digest(backup)
    prompter = ScriptedPrompter(0)  # "Open a Copy of the Latest Backup"
    window = show(qtbot, open_first_window(damaged, prompter))

    assert prompter.offered[0] == "Open a Copy of the Latest Backup"
    assert window.session.path == damaged.with_name("damaged (from backup).ldboard").resolve()
    assert window.session.board.item_count() == backed_up
    assert digest(backup) == backup_digest
    window.close()


def test_declining_recovery_ends_quietly(damaged):
    before = digest(damaged)
    assert open_first_window(damaged, ScriptedPrompter(None)) is None
    assert digest(damaged) == before


def test_opening_a_damaged_board_from_the_menu_keeps_the_current_one(window, damaged, prompter):
    current = window.session.path
    prompter.answers += [None]  # close the recovery question
    assert window.open_board(damaged) is False
    assert window.session.path == current
    assert prompter.asked[-1][0] == "ask"


def test_damage_found_while_reading_stops_all_writing(window, damaged, qtbot):
    shown: list[tuple[str, str]] = []
    guard = ErrorGuard(lambda: window.session, lambda t, m, d: shown.append((t, m)))
    conn = sqlite3.connect(damaged)
    try:
        with pytest.raises(sqlite3.DatabaseError) as raised:
            conn.execute("SELECT * FROM items").fetchall()
    finally:
        conn.close()
    before = digest(window.session.path)

    guard.handle(type(raised.value), raised.value, raised.value.__traceback__)
    guard.handle(type(raised.value), raised.value, raised.value.__traceback__)  # repeats: once

    assert len(shown) == 1
    assert "is damaged" in shown[0][1]
    assert window.session.read_only
    assert window.read_only_banner.isVisible()
    assert "[read-only]" in window.windowTitle()
    assert not window.action_new_item.isEnabled()
    failures: list[Failure] = []
    window.session.perform(ops.create_item, 1, "Not written", report_to=failures.append)
    assert failures[0].storage_kind == "read_only"
    assert digest(window.session.path) == before


def test_an_unexpected_error_is_shown_once_with_details(window):
    shown = []
    guard = ErrorGuard(lambda: window.session, lambda t, m, d: shown.append((t, m, d)))
    try:
        raise KeyError("surprise")
    except KeyError as error:
        guard.handle(KeyError, error, error.__traceback__)
        guard.handle(KeyError, error, error.__traceback__)
    assert len(shown) == 1
    title, message, details = shown[0]
    assert title == "Unexpected problem"
    assert "Every change you saved is in the board file" in message
    assert "KeyError: 'surprise'" in details
    assert not window.session.read_only


@contextlib.contextmanager
def read_only_board(clock):
    """A demo board that this process cannot write: on a read-only disk as root,
    a ``chmod 444`` file in a ``chmod 555`` folder otherwise."""
    if can_mount():
        with small_disk(1024) as folder:
            create_demo_board(folder / "team.ldboard", clock=clock).close()
            make_read_only(folder)
            yield folder / "team.ldboard"
        return
    import tempfile

    folder = Path(tempfile.mkdtemp())
    path = folder / "team.ldboard"
    create_demo_board(path, clock=clock).close()
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        yield path
    finally:
        folder.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()


def demo_items_on_the_board() -> int:
    """How many items a new demo board shows (archived ones aside), from its content."""
    return sum(1 for item in load_demo_content()["items"] if not item["archived"])


def test_a_read_only_board_opens_visibly_read_only_with_editing_disabled(qtbot, clock):
    with read_only_board(clock) as path:
        before, listing = digest(path), folder_state(path.parent)
        prompter = ScriptedPrompter()
        window = show(qtbot, open_first_window(path, prompter))
        session = window.session

        assert session.read_only
        assert "[read-only]" in window.windowTitle()
        assert window.read_only_banner.isVisible()
        assert "read-only" in window.read_only_banner.label.text()
        assert not window.action_new_item.isEnabled()
        assert not window.action_tags_people.isEnabled()
        assert not window.action_undo.isEnabled()
        window.board_view.focus_first_card()
        actions = {a.objectName(): a.isEnabled() for a in window.board_screen.card_actions}
        assert actions.pop("actionEditItem") is True  # look, but not touch
        assert not any(actions.values())
        assert session.board.item_count() == demo_items_on_the_board()  # all readable

        window.board_view.archive_current()  # a gesture still reaching perform is refused
        assert "Changes cannot be saved" in prompter.asked[-1][1]
        window.close()
        assert digest(path) == before
        assert folder_state(path.parent) == listing  # no -wal, -shm or lock left behind


def test_a_read_only_board_can_be_saved_as_an_editable_copy(qtbot, clock, tmp_path):
    copy = tmp_path / "mine.ldboard"
    with read_only_board(clock) as path:
        prompter = ScriptedPrompter(copy)
        window = show(qtbot, open_first_window(path, prompter))
        window.read_only_banner.save_copy.click()
        window.close()
    with Board.open(copy) as board:
        assert not board.read_only
        assert board.item_count() == demo_items_on_the_board()


def test_on_a_read_only_board_no_widget_offers_a_change(window, qtbot):
    from PySide6.QtCore import Qt

    window.session.make_read_only("“team.ldboard” is read-only (file permissions).")
    board_view = window.board_view
    assert not board_view.add_column_button.isEnabled()
    for panel in board_view.panels.values():
        assert panel.quick_add.isHidden()
        assert not panel.menu_button.isEnabled()
    intake = next(c.id for c in window.board_model.columns if c.name == "Intake")
    model = window.board_model.column_model(intake)
    card = model.index(0, 0)
    assert not model.flags(card) & Qt.ItemFlag.ItemIsDragEnabled
    mime = model.mimeData([card])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index(-1, 0))
    window.show_matrix()
    assert window.matrix_page.scene.read_only
    assert not window.matrix_page.thresholds_action.isEnabled()

    item_id = window.session.board.item_by_key("LD-3").id
    editor = window.edit_item(item_id)
    qtbot.waitExposed(editor)
    assert editor.save_button.isHidden()
    assert editor.field("title").isReadOnly()
    assert "can be looked at but not changed" in editor.general_error.text()
    editor.reject()

    archive = window.show_archive()
    archive.view.selectAll()
    assert archive.view.selectionModel().hasSelection()
    assert not archive.restore_button.isEnabled()
    assert not archive.delete_button.isEnabled()
    archive.close()


@pytest.fixture
def damaged_history(tmp_path, clock) -> Path:
    """A demo board whose activity log has a zeroed page: the window can be built
    (it does not read the log), only the damage check finds it."""
    path = tmp_path / "history.ldboard"
    create_demo_board(path, clock=clock).close()
    zero_page(path, page_of(path, "events"))
    return path


def test_damage_the_window_never_reads_is_still_found_before_it_shows(damaged_history):
    before = digest(damaged_history)
    prompter = ScriptedPrompter(None)
    assert open_first_window(damaged_history, prompter) is None
    kind, text = prompter.asked[0]
    assert kind == "ask" and "“history.ldboard” is damaged" in text
    assert digest(damaged_history) == before


def test_no_change_is_written_before_the_damage_check_has_answered(damaged_history, qapp):
    from ldboard.ui.common.session import BoardSession

    before = digest(damaged_history)
    session = BoardSession.open(damaged_history)
    try:
        failures: list[Failure] = []
        change = session.perform(ops.create_item, 1, "Too early", report_to=failures.append)
        assert change is None
        assert failures[0].storage_kind == "read_only"
        assert "is damaged" in failures[0].message
        assert session.read_only
    finally:
        session.close()
    assert digest(damaged_history) == before
