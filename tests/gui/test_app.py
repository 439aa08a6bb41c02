"""Opening boards in the app: first run, persistence, locking, bad files, settings."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox

from ldboard import ops
from ldboard.app import build_main_window
from ldboard.paths import default_board_path
from ldboard.store import BoardFileError
from ldboard.store.demo import load_demo_content
from ldboard.ui.common.lock import BoardLockedError, lock_path
from ldboard.ui.shell import app as app_module
from tests.gui.support import ScriptedPrompter


@pytest.fixture
def open_window(qtbot):
    def build(path=None, prompter=None):
        window = build_main_window(path, prompter=prompter or ScriptedPrompter())
        qtbot.addWidget(window)
        return window

    return build


def test_first_run_opens_the_default_board_with_the_demo(open_window):
    assert not default_board_path().exists()
    window = open_window()
    demo_items = load_demo_content()["items"]
    on_the_board = sum(1 for item in demo_items if not item.get("archived"))
    assert on_the_board == 29 and len(demo_items) == 31
    assert window.session.path == default_board_path().resolve()
    assert window.board_model.total_count() == on_the_board
    assert window.session.board.item_count(archived=True) == 2
    assert window.windowTitle() == "L&D Product Board — ldboard"
    window.close()
    second = open_window()
    assert second.board_model.total_count() == on_the_board, "demo seeded once"


def test_a_new_path_gets_an_empty_board_with_the_default_columns(open_window, tmp_path):
    window = open_window(tmp_path / "mine.ldboard")
    assert [c.name for c in window.board_model.columns][:2] == ["Intake", "Discovery"]
    assert window.board_model.all_cards() == []


def test_changes_survive_closing_and_reopening(open_window, tmp_path):
    path = tmp_path / "mine.ldboard"
    window = open_window(path)
    window.session.perform(ops.create_item, 1, "First")
    window.session.perform(ops.create_item, 1, "Second")
    window.session.perform(ops.move_item, 2, 3, 0)
    window.close()
    assert not lock_path(path).exists(), "closing releases the lock"
    reopened = open_window(path)
    cards = sorted(reopened.board_model.all_cards(), key=lambda c: c.id)
    assert [(c.title, c.column_id) for c in cards] == [("First", 1), ("Second", 3)]


def test_a_second_window_on_the_same_board_is_refused(open_window, tmp_path):
    path = tmp_path / "shared.ldboard"
    open_window(path)
    with pytest.raises(BoardLockedError, match="already open in another ldboard window"):
        build_main_window(path)


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    from ldboard.ui.common.lock import acquire_board_lock
    lock = acquire_board_lock(__import__("pathlib").Path(sys.argv[1]))
    print("locked", flush=True)
    time.sleep(60)
    """
)


@contextlib.contextmanager
def lock_holder(path):
    """Another process that holds the board's lock until it is killed."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path)], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout.readline().strip() == "locked"
            yield holder
        finally:
            holder.kill()


def test_another_process_holding_the_board_is_reported(open_window, tmp_path):
    path = tmp_path / "busy.ldboard"
    open_window(path).close()
    with (
        lock_holder(path) as holder,
        pytest.raises(BoardLockedError, match=rf"process {holder.pid}"),
    ):
        build_main_window(path)


def test_a_lock_left_by_a_killed_process_is_recovered(open_window, tmp_path):
    path = tmp_path / "crashed.ldboard"
    open_window(path).close()
    with lock_holder(path) as holder:
        holder.kill()
    assert lock_path(path).exists(), "the killed process left its lock behind"
    window = open_window(path)
    assert window.session.path == path.resolve()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"not a board at all\n", "is not an ldboard board: it is not an SQLite database"),
        (b"SQLite format 3\x00" + bytes(200), "of another application (no application id)"),
    ],
    ids=["text", "junk"],
)
def test_bad_files_raise_and_stay_unchanged(tmp_path, content, words, qapp):
    path = tmp_path / "bad.ldboard"
    path.write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    with pytest.raises(BoardFileError) as refused:
        build_main_window(path)
    assert str(refused.value).startswith("“bad.ldboard” ") and words in str(refused.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert not lock_path(path).exists(), "a refused file leaves no lock behind"


def test_run_shows_a_dialog_and_exits_2_for_a_bad_file(tmp_path, monkeypatch, qapp):
    path = tmp_path / "notes.ldboard"
    path.write_text("Meeting notes\n")
    shown = []

    def fake_exec(box):
        shown.append((box.windowTitle(), box.text(), box.informativeText()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert app_module.run(path) == 2
    title, text, detail = shown[0]
    assert title == "Cannot open board"
    assert "notes.ldboard" in text and "not an SQLite database" in text
    assert detail == str(path)
    assert path.read_text() == "Meeting notes\n"


def test_open_board_menu_keeps_the_current_board_when_the_other_is_bad(open_window, tmp_path):
    good = tmp_path / "good.ldboard"
    bad = tmp_path / "bad.ldboard"
    bad.write_text("x")
    prompter = ScriptedPrompter(bad)
    window = open_window(good, prompter)
    window.open_board_dialog()
    assert window.session.path == good.resolve()
    kind, message = prompter.asked[-1]
    assert kind == "warn"
    assert "“bad.ldboard” is not an ldboard board: it is not an SQLite database" in message
    assert window.board_model.all_cards() == [], "the good board is still the one shown"


def test_switching_boards_releases_the_previous_lock_and_lists_it_as_recent(open_window, tmp_path):
    first, second = tmp_path / "first.ldboard", tmp_path / "second.ldboard"
    window = open_window(first, ScriptedPrompter(second))
    window.new_board()
    assert window.session.path == second.resolve()
    assert not lock_path(first).exists()
    assert lock_path(second).exists()
    recent = [a.text() for a in window.recent_menu.actions() if a.text()]
    assert recent[0] == "first.ldboard"
    # Undo now works on the second board's history.
    first_column = window.session.board.columns()[0].id
    window.session.perform(ops.create_item, first_column, "On the second board")
    assert window.action_undo.isEnabled()
    window.action_undo.trigger()
    assert window.session.board.item_count() == 0
    assert not window.action_undo.isEnabled()


def test_new_board_refuses_an_existing_file(open_window, tmp_path):
    current, existing = tmp_path / "a.ldboard", tmp_path / "b.txt"
    existing.write_text("keep")
    prompter = ScriptedPrompter(existing)
    window = open_window(current, prompter)
    window.new_board()
    assert window.session.path == current.resolve()
    assert existing.read_text() == "keep"
    assert "already exists" in prompter.asked[-1][1]


def test_save_a_copy_writes_a_complete_board(open_window, tmp_path):
    source, copy = tmp_path / "source.ldboard", tmp_path / "copy.ldboard"
    window = open_window(source, ScriptedPrompter(copy))
    window.session.perform(ops.create_item, 1, "Backed up")
    window.save_copy()
    window.close()
    copied = open_window(copy)
    assert [c.title for c in copied.board_model.all_cards()] == ["Backed up"]


def test_save_a_copy_over_an_open_board_is_refused(open_window, tmp_path):
    source, other = tmp_path / "source.ldboard", tmp_path / "other.ldboard"
    open_window(other)
    prompter = ScriptedPrompter(other, True)
    window = open_window(source, prompter)
    window.save_copy()
    assert "already open" in prompter.asked[-1][1]


def test_window_geometry_is_remembered(open_window, tmp_path):
    window = open_window(tmp_path / "g.ldboard")
    window.resize(700, 500)  # the offscreen screen is 800 x 600
    window.show()
    window.close()
    again = open_window(tmp_path / "g.ldboard")
    assert (again.width(), again.height()) == (700, 500)


def test_shortcut_list_names_the_main_keys(open_window, tmp_path):
    rows = dict(open_window(tmp_path / "k.ldboard").shortcut_rows())
    assert rows["Undo"].startswith("Ctrl+Z")
    assert "Ctrl+Shift+Z" in rows["Redo"]
    assert rows["Move to Next Stage"] == "Ctrl+Right"
    assert rows["Archive Item"] == "Del"


def test_the_filter_bar_stays_reachable_on_a_narrow_window(open_window, tmp_path, qtbot):
    window = open_window(tmp_path / "narrow.ldboard")
    window.resize(1500, 600)
    window.show()
    qtbot.waitExposed(window)
    wide_row = window.filter_bar.mapTo(window, window.filter_bar.rect().topLeft()).y()
    window.resize(700, 600)
    qtbot.waitUntil(
        lambda: window.filter_bar.mapTo(window, window.filter_bar.rect().topLeft()).y() > wide_row
    )
    assert window.filter_bar.isVisible()
    assert window.filter_bar.text.width() >= 120


def test_a_board_in_a_missing_folder_is_explained(tmp_path, qapp):
    with pytest.raises(BoardFileError, match=r"folder .* does not exist"):
        build_main_window(tmp_path / "gone" / "plan.ldboard")


def test_menus_offer_the_documented_commands(open_window, tmp_path):
    window = open_window(tmp_path / "menus.ldboard")
    menus = {
        menu.title().replace("&", ""): [a.objectName() for a in menu.actions() if a.objectName()]
        for menu in (a.menu() for a in window.menuBar().actions())
        if menu is not None
    }
    assert {"actionNewBoard", "actionOpen", "actionSaveCopy", "actionQuit"} <= set(menus["File"])
    assert {"actionUndo", "actionRedo", "actionFind", "actionNewItem"} <= set(menus["Edit"])
    assert "actionViewBoard" in menus["View"]
    assert window.recent_menu.title() == "Open &Recent"


def test_closing_the_window_closes_its_dialogs(open_window, tmp_path):
    window = open_window(tmp_path / "d.ldboard")
    window.show()
    editor = window.new_item()
    archive = window.show_archive()
    assert editor.isVisible() and archive.isVisible()
    window.close()
    assert not editor.isVisible() and not archive.isVisible()
