"""A backup opened read-only in a window of its own (``ui/shell/backup_preview.py``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import shiboken6

from ldboard import ops
from ldboard.store.rolling_backups import list_backups
from ldboard.ui.shell.backup_preview import BackupPreview
from tests.gui.test_restore_backup import back_up, entry_of, open_restore, titles


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_listing(folder: Path) -> list[tuple[str, int, int]]:
    return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir())


def gone(preview: BackupPreview) -> bool:
    """The preview window was closed and deleted."""
    return not shiboken6.isValid(preview)


def open_preview(window, qtbot, backup: Path) -> BackupPreview:
    dialog = open_restore(window, qtbot)
    dialog.list.setCurrentRow(entry_of(dialog, backup))
    assert dialog.open_button.isDefault(), "Enter opens the backup read-only"
    dialog.open_button.click()
    previews = window.findChildren(BackupPreview)
    assert len(previews) == 1
    preview = previews[0]
    assert preview.window is not window and preview.window.objectName() == "backupPreviewWindow"
    qtbot.waitExposed(preview.window)
    assert not dialog.isVisible()
    return preview


def test_a_backup_opens_read_only_in_its_own_window_and_is_never_written(window, qtbot):
    back_up(window, 26)
    backup = list_backups(window.session.path)[0].path
    window.session.perform(ops.create_item, 1, "Written after the backup")
    folder = backup.parent
    before_bytes, before_folder = digest(backup), folder_listing(folder)
    main_title = window.windowTitle()
    recent = window.settings.recent_boards()

    preview = open_preview(window, qtbot, backup)
    shown = preview.window
    assert shown.session is not window.session
    assert shown.session.read_only and shown.session.backups is None
    assert "backup from" in shown.windowTitle() and "day ago" in shown.windowTitle()
    assert shown.read_only_banner.isVisible()
    assert "backup of “team.ldboard”" in shown.read_only_banner.label.text()
    assert preview.restore_button.isVisible()
    # The board as it was, on every screen, with every editing action off.
    assert "Written after the backup" not in titles(shown.session.board)
    assert "Written after the backup" in titles(window.session.board)
    for action in shown._editing_actions():
        assert not action.isEnabled(), action.objectName()
    assert not shown.action_undo.isEnabled()
    assert not shown.action_open.isVisible() and not shown.action_new_board.isVisible()
    assert not shown.board_view.add_column_button.isEnabled()
    for screen in shown.screens:  # board, matrix, iterations, retro, charts…
        shown.show_screen(screen)
        assert shown.views.currentWidget() is screen.built is not None
    assert shown.windowTitle() == preview.title, "still says which backup it is"
    failure = []
    shown.session.failed.connect(failure.append)
    assert shown.session.perform(ops.create_item, 1, "Not in a backup") is None
    assert failure and failure[0].storage_kind == "read_only"
    assert not list(Path(backup.parent).glob("*.lock")), "no lock beside the backup"

    shown.action_quit.trigger()
    qtbot.waitUntil(lambda: gone(preview), timeout=5000)
    assert digest(backup) == before_bytes, "the backup's bytes are unchanged"
    assert folder_listing(folder) == before_folder, "nothing added, removed or touched"
    assert window.windowTitle() == main_title and window.isVisible()
    assert window.settings.recent_boards() == recent, "the backup is not a recent board"
    assert window.session.perform(ops.create_item, 1, "Still editable")


def test_restore_this_backup_from_the_preview_replaces_the_board(window, qtbot, prompter):
    back_up(window, 3)
    backup = list_backups(window.session.path)[0].path
    before = titles(window.session.board)
    window.session.perform(ops.create_item, 1, "Newer than the backup")
    preview = open_preview(window, qtbot, backup)
    prompter.answers.append(True)  # yes, replace
    preview.action_replace.trigger()
    qtbot.waitUntil(lambda: gone(preview), timeout=5000)
    assert titles(window.session.board) == before
    assert "kept in" in window.statusBar().currentMessage()


def test_the_preview_closes_with_the_board_it_belongs_to(window, qtbot, prompter, tmp_path):
    back_up(window, 3)
    backup = list_backups(window.session.path)[0].path
    preview = open_preview(window, qtbot, backup)
    other = tmp_path / "other.ldboard"
    assert window.open_board(other)
    qtbot.waitUntil(lambda: gone(preview), timeout=5000)
    assert window.session.path == other.resolve()


def test_restoring_as_new_from_a_preview_can_be_cancelled(window, qtbot, prompter):
    back_up(window, 3)
    backup = list_backups(window.session.path)[0].path
    preview = open_preview(window, qtbot, backup)
    prompter.answers.append(None)  # no file chosen
    preview.action_as_new.trigger()
    assert preview.window.isVisible(), "nothing restored: the preview stays"
    preview.window.close()
