"""File → Restore from Backup…: the window's part (the dialog only chooses).

Restoring as a new board writes the backup to a file the person names (never
over an existing one) and opens it. Restoring over the open board first backs
the board up as it is now, so the restore can itself be undone by restoring
that backup; then the board is closed, the backup written over its file in
one atomic step, and the file opened again. Should the restored file not
open, the board as it was is put back; should the copy fail, the file was
never touched and is simply opened again.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ldboard.store.errors import BoardFileError, StorageError
from ldboard.ui.common.lock import acquire_board_lock
from ldboard.ui.common.session import BoardSession

if TYPE_CHECKING:
    from ldboard.ui.backups.restore_dialog import RestoreBackupDialog
    from ldboard.ui.common.prompts import Prompter

TITLE = "Restore from Backup"


class BoardRestore:
    """Mixed into ``MainWindow``."""

    session: BoardSession | None
    prompter: Prompter

    def restore_from_backup(self) -> RestoreBackupDialog | None:
        from ldboard.store.rolling_backups import list_backups
        from ldboard.ui.backups.restore_dialog import RestoreBackupDialog

        if self.session is None or self.session.path is None:
            return None
        dialog = RestoreBackupDialog(
            list_backups(self.session.path),
            now=datetime.now(UTC),
            can_replace=not self.session.read_only,
            parent=self,  # type: ignore[arg-type]
        )
        dialog.restore_as_new.connect(self.restore_as_new_board)
        dialog.restore_over.connect(self.restore_over_board)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def restore_as_new_board(self, backup: Path) -> bool:
        from ldboard.store.restoring import restore_copy

        assert self.session is not None and self.session.path is not None
        current = self.session.path
        stamp = datetime.now().strftime("%Y-%m-%d %H%M")
        suggested = current.parent / f"{current.stem} (restored {stamp}){current.suffix}"
        path = self.prompter.save_path("Restore as a new board", suggested)
        if path is None:
            return False
        if path.exists():
            self.prompter.warn(
                TITLE, f"“{path.name}” already exists. Choose a new name for the restored board."
            )
            return False
        try:
            lock = acquire_board_lock(path)
        except BoardFileError as error:
            self.prompter.warn(TITLE, error.message)
            return False
        try:
            restore_copy(backup, path)
        except (OSError, sqlite3.Error, BoardFileError) as error:
            self.prompter.warn(TITLE, f"Could not write “{path}”: {_reason(error)}.")
            return False
        finally:
            lock.unlock()
        return self.open_board(path)  # type: ignore[attr-defined]

    def restore_over_board(self, backup: Path) -> bool:
        from ldboard.store.restoring import restore_copy
        from ldboard.store.rolling_backups import BackupError, make_backup

        assert self.session is not None and self.session.path is not None
        path = self.session.path
        if not self.prompter.confirm(
            TITLE,
            f"Replace “{path.name}” with this backup? The board as it is now is backed "
            "up first, so you can bring it back the same way.",
            "Replace",
        ):
            return False
        with tempfile.TemporaryDirectory(prefix="ldboard-restore-") as folder:
            # The chosen backup is set aside first: the backup of the board as it
            # is now may prune it, or, made within the same second, share its name.
            chosen = Path(folder) / backup.name
            try:
                restore_copy(backup, chosen)
                kept = make_backup(path)
            except BackupError as error:
                self.prompter.warn(TITLE, f"{error.message} The board was not replaced.")
                return False
            except (OSError, sqlite3.Error, BoardFileError) as error:
                self.prompter.warn(TITLE, f"The backup cannot be read: {_reason(error)}.")
                return False
            self.session.close()
            self.session = None  # closed: the next set_session must not close it again
            problem = ""
            try:
                restore_copy(chosen, path)
            except (OSError, sqlite3.Error, BoardFileError) as error:
                problem = f"The backup could not be written over “{path.name}”: {_reason(error)}."
        reopened = self._reopen(path)
        if reopened is None and not problem:
            # The restored file does not open: put the board back as it was.
            restore_copy(kept, path)
            problem = "The restored board could not be opened; the board was put back."
            reopened = self._reopen(path)
        if reopened is None:
            raise RuntimeError(f"{path} can no longer be opened")  # the error guard reports it
        self.set_session(reopened)  # type: ignore[attr-defined]
        if problem:
            self.prompter.warn(TITLE, problem + " Nothing was lost.")
            return False
        self.statusBar().showMessage(  # type: ignore[attr-defined]
            f"Restored “{path.name}” from the backup; the board as it was is kept in "
            f"“{kept.name}”.",
            10000,
        )
        return True

    def _reopen(self, path: Path) -> BoardSession | None:
        try:
            return BoardSession.open(path)
        except (BoardFileError, StorageError, sqlite3.Error, OSError):
            return None


def _reason(error: Exception) -> str:
    message = getattr(error, "message", None) or getattr(error, "strerror", None) or str(error)
    return str(message).rstrip(".")
