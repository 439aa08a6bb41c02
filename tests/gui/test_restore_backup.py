"""File → Restore from Backup…: list, preview, restore as new, restore over (undoable)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ldboard import ops
from ldboard.store.rolling_backups import list_backups, make_backup
from ldboard.ui.backups.restore_dialog import RestoreBackupDialog


def titles(board) -> set[str]:
    return {row[0] for row in board.connection.execute("SELECT title FROM items")}


def back_up(window, hours_ago: float) -> None:
    """A backup of the board as it is now, stamped ``hours_ago``."""
    moment = datetime.now(UTC) - timedelta(hours=hours_ago)
    window.session.checkpoint()
    make_backup(window.session.path, clock=lambda: moment)


def open_restore(window, qtbot) -> RestoreBackupDialog:
    dialog = window.restore_from_backup()
    assert isinstance(dialog, RestoreBackupDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def entry_of(dialog, path) -> int:
    for row in range(dialog.list.count()):
        if dialog.list.item(row).data(0x0100) == str(path):
            return row
    raise AssertionError(f"{path} is not listed")


def test_backups_are_listed_newest_first_with_a_preview(window, qtbot):
    back_up(window, 26)
    window.session.perform(ops.create_item, 1, "Written after the backup")
    back_up(window, 1)
    dialog = open_restore(window, qtbot)
    listed = list_backups(window.session.path)
    assert dialog.list.count() == len(listed) >= 2
    assert "1 hour ago" in dialog.list.item(0).text()
    assert "items" in dialog.list.item(0).text()
    assert "Written after the backup" in dialog.preview.text()
    dialog.list.setCurrentRow(entry_of(dialog, listed[-1].path))
    assert "Written after the backup" not in dialog.preview.text()
    assert "Intake" in dialog.preview.text()
    assert dialog.new_button.isEnabled() and dialog.replace_button.isVisible()


def test_restore_over_the_board_is_undone_by_restoring_again(window, qtbot, prompter):
    before = titles(window.session.board)
    back_up(window, 3)
    old = list_backups(window.session.path)[0].path
    window.session.perform(ops.create_item, 1, "A card the backup does not have")
    dialog = open_restore(window, qtbot)
    dialog.list.setCurrentRow(entry_of(dialog, old))
    prompter.answers.append(True)  # yes, replace
    dialog.replace_button.click()
    assert titles(window.session.board) == before
    assert "kept in" in window.statusBar().currentMessage()
    # The board as it was before the restore is the newest backup: restore it.
    newest = list_backups(window.session.path)[0].path
    dialog = open_restore(window, qtbot)
    dialog.list.setCurrentRow(entry_of(dialog, newest))
    prompter.answers.append(True)
    dialog.replace_button.click()
    assert "A card the backup does not have" in titles(window.session.board)


def test_restore_as_a_new_board_opens_it_beside(window, qtbot, prompter, tmp_path):
    original = window.session.path
    back_up(window, 2)
    window.session.perform(ops.create_item, 1, "Only in the current board")
    dialog = open_restore(window, qtbot)
    target = tmp_path / "restored.ldboard"
    prompter.answers.append(target)  # where to save
    dialog.new_button.click()
    assert window.session.path == target.resolve()
    assert "Only in the current board" not in titles(window.session.board)
    assert original.exists()


def test_a_board_without_backups_says_so(window, qtbot):
    for info in list_backups(window.session.path):
        info.path.unlink()
    dialog = open_restore(window, qtbot)
    assert dialog.list.count() == 0
    assert not dialog.new_button.isEnabled()
    assert dialog.findChild(type(dialog.preview), "noBackups") is not None


def test_an_unreadable_backup_is_shown_as_such_and_cannot_be_restored(window, qtbot):
    from ldboard.store.rolling_backups import backup_folder, backup_name

    folder = backup_folder(window.session.path)
    folder.mkdir(parents=True, exist_ok=True)
    broken = folder / backup_name(window.session.path, datetime.now(UTC) - timedelta(days=2))
    broken.write_bytes(b"not a board at all" * 100)
    dialog = open_restore(window, qtbot)
    dialog.list.setCurrentRow(entry_of(dialog, broken))
    assert "unreadable" in dialog.list.currentItem().text()
    assert "cannot be read" in dialog.preview.text()
    assert not dialog.new_button.isEnabled()
    assert not dialog.replace_button.isEnabled()
