"""Backups and restoring when the disk says no: full, read-only, or the board gone.

The backups live in the user data folder, which these tests put on a small
disk of its own (a tmpfs, see ``tests/disks.py``) so that it really fills up
and really turns read-only. Without the right to mount, the same failures are
made where ldboard meets the disk (the move into place, folder permissions).
Each case checks the message, that the open board and its file are unchanged,
that nothing half-written is left, and that the same action works once the
cause is gone.
"""

from __future__ import annotations

import contextlib
import errno
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ldboard import ops
from ldboard.store import backups as copies
from ldboard.store import rolling_backups as rolling
from ldboard.store.rolling_backups import backup_folder, list_backups
from ldboard.ui.shell.app import build_main_window
from ldboard.ui.shell.backup_preview import BackupPreview
from tests.disks import can_mount, fill, small_disk
from tests.gui.test_restore_backup import back_up, titles
from tests.unit.store.faults import folder_state, integrity


class Disk:
    """A folder that can be made full or read-only, and back again."""

    def __init__(self, folder: Path, mounted: bool, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.mounted = mounted
        self._monkeypatch = monkeypatch
        self._ballast: Path | None = None

    def fill(self, leave_kb: int = 0) -> None:
        """No space left, or only ``leave_kb`` (room for a small file, not a board)."""
        if self.mounted:
            self._ballast = self._ballast or fill(self.folder)
            size = self._ballast.stat().st_size
            with self._ballast.open("r+b") as handle:
                handle.truncate(max(size - leave_kb * 1024, 0))
            return

        def no_space(temporary: Path, destination: Path) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        for module in (rolling, copies):
            self._monkeypatch.setattr(module, "move_into_place", no_space)

    def free(self) -> None:
        if self._ballast is not None:
            self._ballast.unlink()
            self._ballast = None
        self._monkeypatch.undo()

    def files(self) -> dict[str, str]:
        """Every file on the disk but the ballast, with its content hash."""
        found = {}
        for path in sorted(self.folder.rglob("*")):
            if path.is_file() and path != self._ballast:
                found[str(path.relative_to(self.folder))] = folder_state(path.parent)[path.name]
        return found

    def make_read_only(self, writable: bool = False) -> None:
        if self.mounted:
            mode = "rw" if writable else "ro"
            subprocess.run(
                ["mount", "-o", f"remount,{mode}", str(self.folder)],
                check=True,
                capture_output=True,
            )
        else:
            for folder in [self.folder, *(p for p in self.folder.rglob("*") if p.is_dir())]:
                folder.chmod(0o755 if writable else 0o555)


@pytest.fixture
def disk(tmp_path, monkeypatch) -> Iterator[Disk]:
    """The user data folder (and so the backups) on a small disk of its own."""
    with contextlib.ExitStack() as stack:
        if can_mount():
            folder, mounted = stack.enter_context(small_disk(4096)), True
        else:
            folder, mounted = tmp_path / "disk", False
            folder.mkdir()
        monkeypatch.setenv("XDG_DATA_HOME", str(folder))
        with monkeypatch.context() as patches:
            yield Disk(folder, mounted, patches)


@pytest.fixture
def window(qtbot, board_path, prompter, disk):
    """The main window, opened once the data folder is on ``disk``."""
    built = build_main_window(board_path, prompter=prompter)
    qtbot.addWidget(built)
    built.resize(1200, 800)
    built.show()
    qtbot.waitExposed(built)
    yield built
    built.close()


def back_up_now(window, qtbot) -> None:
    schedule = window.session.backups
    with qtbot.waitSignal(schedule.made, timeout=5000):
        assert schedule.back_up_now()


def failed_backup(window, qtbot) -> str:
    schedule = window.session.backups
    with qtbot.waitSignal(window.session.failed, timeout=5000) as failed:
        assert schedule.back_up_now()
    message = failed.args[0].message
    assert window.statusBar().currentMessage() == message
    assert ("warn", message) in window.prompter.asked
    return message


def test_a_full_disk_stops_backups_with_a_message_and_the_next_one_works(window, qtbot, disk):
    back_up_now(window, qtbot)
    before = disk.files()
    disk.fill()
    window.session.perform(ops.create_item, 1, "Made while the disk is full")
    message = failed_backup(window, qtbot)
    assert "disk is full" in message and "older backups were not changed" in message
    assert disk.files() == before, "no half-written backup, none pruned"
    assert "Made while the disk is full" in titles(window.session.board), "the board goes on"
    assert window.session.perform(ops.create_item, 1, "And another")
    disk.free()
    back_up_now(window, qtbot)
    newest = list_backups(window.session.path)[0]
    assert integrity(newest.path) == ["ok"]
    assert newest.items == window.board_model.total_count()


def test_restoring_as_new_onto_a_full_disk_writes_nothing_and_can_be_retried(
    window, qtbot, prompter, disk
):
    back_up(window, 2)
    backup = list_backups(window.session.path)[0].path
    board, before = window.session.path, titles(window.session.board)
    target = disk.folder / "restored.ldboard"
    files = disk.files()
    # Full to the last byte (no room for the lock), then with room for the lock
    # but not for the board.
    for leave_kb in (0, 64):
        disk.fill(leave_kb)
        prompter.answers.append(target)
        assert not window.restore_as_new_board(backup)
        kind, message = prompter.asked[-1]
        assert kind == "warn" and message.startswith("Could not restore the backup to “restored")
        assert "full" in message, message
        assert disk.files() == files and not target.exists(), "nothing half-written"
        assert window.session.path == board and titles(window.session.board) == before
    disk.free()
    prompter.answers.append(target)
    assert window.restore_as_new_board(backup)
    assert window.session.path == target.resolve()


def test_a_read_only_backup_folder_is_told_and_restoring_over_is_refused(
    window, qtbot, prompter, disk
):
    back_up(window, 3)
    backup = list_backups(window.session.path)[0].path
    window.session.perform(ops.create_item, 1, "Newer than the backup")
    current = titles(window.session.board)
    folder = backup_folder(window.session.path)
    kept = folder_state(folder)
    disk.make_read_only()
    try:
        message = failed_backup(window, qtbot)
        assert "cannot be written" in message and str(folder.parent) in message
        # Restoring over the board needs a backup of the board first: refused.
        prompter.answers.append(True)
        assert not window.restore_over_board(backup)
        kind, told = prompter.asked[-1]
        assert kind == "warn" and told.startswith("The board was not replaced.")
        assert titles(window.session.board) == current
        # Looking at a backup only reads it: that works on a read-only disk.
        preview = window.open_backup_read_only(backup)
        assert isinstance(preview, BackupPreview)
        assert "Newer than the backup" not in titles(preview.window.session.board)
        preview.window.close()
        assert folder_state(folder) == kept
    finally:
        disk.make_read_only(writable=True)
    prompter.answers.append(True)
    assert window.restore_over_board(backup)
    assert "Newer than the backup" not in titles(window.session.board)


def test_a_board_deleted_underneath_is_told_with_the_way_to_save_it(
    window, qtbot, prompter, tmp_path, disk
):
    back_up_now(window, qtbot)
    backup = list_backups(window.session.path)[0].path
    board = window.session.path
    kept = folder_state(backup.parent)
    window.session.perform(ops.create_item, 1, "Only in the open board")
    for path in board.parent.glob(board.name + "*"):
        path.unlink()
    message = failed_backup(window, qtbot)
    assert "does not exist" in message and "Save a Copy As…" in message
    prompter.answers.append(True)
    assert not window.restore_over_board(backup)
    assert "Save a Copy As…" in prompter.asked[-1][1]
    assert folder_state(backup.parent) == kept
    # Everything is still open: saved elsewhere, it is whole again.
    copy = tmp_path / "saved again.ldboard"
    prompter.answers.append(copy)
    window.save_copy()
    assert "Only in the open board" in {row[0] for row in _titles(copy)}
    assert window.open_board(copy)
    back_up_now(window, qtbot)


def _titles(path: Path) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT title FROM items").fetchall()
    finally:
        conn.close()
