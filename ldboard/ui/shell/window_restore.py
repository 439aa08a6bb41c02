"""File → Restore from Backup… and Backup Settings…: the window's part (the
dialogs only choose).

Opening a backup read-only shows it in a window of its own
(``backup_preview.py``), on an in-memory copy, so the backup file is never
written; restoring from there goes through the same two paths as from the
dialog. That window closes when the board it was opened for closes, so it can
never restore over another board.

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

import shiboken6

from ldboard.store.errors import BoardFileError, StorageError, storage_error
from ldboard.ui.common.backup_timer import with_way_out
from ldboard.ui.common.lock import BoardLockedError, acquire_board_lock
from ldboard.ui.common.session import BoardSession

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ldboard.ui.backups.restore_dialog import RestoreBackupDialog
    from ldboard.ui.backups.settings_dialog import BackupSettingsDialog
    from ldboard.ui.common.prompts import Prompter
    from ldboard.ui.shell.backup_preview import BackupPreview
    from ldboard.ui.shell.settings import AppSettings

TITLE = "Restore from Backup"


class BoardRestore:
    """Mixed into ``MainWindow``."""

    session: BoardSession | None
    prompter: Prompter
    settings: AppSettings

    def restore_from_backup(self) -> RestoreBackupDialog | None:
        from ldboard.store.rolling_backups import list_backups
        from ldboard.ui.backups.restore_dialog import RestoreBackupDialog

        if self.session is None or self.session.path is None:
            return None
        dialog = RestoreBackupDialog(
            list_backups(self.session.path),
            now=datetime.now(UTC),
            can_replace=not self.session.read_only,
            policy=self.settings.backup_retention(),
            parent=self,  # type: ignore[arg-type]
        )
        dialog.restore_as_new.connect(self.restore_as_new_board)
        dialog.restore_over.connect(self.restore_over_board)
        dialog.open_read_only.connect(self.open_backup_read_only)
        dialog.settings_requested.connect(lambda: self.backup_settings(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_backup_read_only(self, backup: Path) -> BackupPreview | None:
        """Show the whole backup read-only in a window of its own, beside this one."""
        from PySide6.QtCore import Qt

        from ldboard.store.restoring import open_backup
        from ldboard.store.rolling_backups import backup_time
        from ldboard.ui.backups.restore_dialog import when
        from ldboard.ui.common.prompts import Prompter
        from ldboard.ui.shell.backup_preview import BackupPreview, PreviewSettings

        if self.session is None or self.session.path is None:
            return None
        board_path = self.session.path
        moment = backup_time(backup.name)
        made = when(moment, datetime.now(UTC)) if moment is not None else backup.name
        try:
            board = open_backup(backup, f"This is the backup of “{board_path.name}” made {made}.")
        except BoardFileError as error:
            self.prompter.warn(TITLE, f"This backup cannot be opened. {error.message}")
            return None
        window = type(self)(  # a main window like this one (see backup_preview.py)
            BoardSession(board),  # type: ignore[call-arg]  # no lock, no backups: never written
            settings=PreviewSettings(self.settings.path),
            # Qt's dialogs belong to the preview; a prompter given to this window
            # (tests script one) serves the preview too.
            prompter=None if type(self.prompter) is Prompter else self.prompter,
        )
        preview = BackupPreview(
            window,
            backup=backup,
            made=made,
            can_replace=not self.session.read_only,
            replaces=board_path.name,
        )
        window.setParent(self, Qt.WindowType.Window)  # type: ignore[arg-type]
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.restore_over.connect(lambda path: self._restore_from_preview(preview, path, True))
        preview.restore_as_new.connect(
            lambda path: self._restore_from_preview(preview, path, False)
        )
        self.session.closed.connect(window.close)
        window.setGeometry(self.geometry().translated(32, 32))  # type: ignore[attr-defined]
        window.show()
        window.raise_()
        window.activateWindow()
        return preview

    def _restore_from_preview(self, preview: BackupPreview, backup: Path, over: bool) -> bool:
        """Restore in this window (its questions are asked over it); on success the
        preview has done its work and closes."""
        self.raise_()  # type: ignore[attr-defined]
        self.activateWindow()  # type: ignore[attr-defined]
        done = self.restore_over_board(backup) if over else self.restore_as_new_board(backup)
        if done and shiboken6.isValid(preview):  # replacing closed it with the board
            preview.window.close()
        return done

    def backup_settings(self, parent: QWidget | None = None) -> BackupSettingsDialog:
        """How long backups are kept, for every board, from the next backup on."""
        from ldboard.ui.backups.settings_dialog import BackupSettingsDialog

        dialog = BackupSettingsDialog(
            self.settings.backup_retention(),
            parent=parent or self,  # type: ignore[arg-type]
        )
        dialog.accepted.connect(lambda: self._keep_backups(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _keep_backups(self, dialog: BackupSettingsDialog) -> None:
        from ldboard.ui.backups.restore_dialog import RestoreBackupDialog

        policy = dialog.policy()
        self.settings.set_backup_retention(policy)
        restore = dialog.parent()
        if isinstance(restore, RestoreBackupDialog):
            restore.show_policy(policy)
        self.statusBar().showMessage(  # type: ignore[attr-defined]
            f"Backups are kept hourly for {policy.hourly} hours and daily for "
            f"{policy.daily} days, from the next backup on.",
            8000,
        )

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
        doing = f"restore the backup to “{path.name}”"
        try:
            lock = acquire_board_lock(path)
        except BoardLockedError as error:
            self.prompter.warn(TITLE, error.message)
            return False
        except BoardFileError as error:  # no lock file can be written there
            reason = error.message.split(": ", 1)[-1]  # after "Cannot open “…”: "
            self.prompter.warn(TITLE, f"Could not {doing}: {reason}")
            return False
        try:
            restore_copy(backup, path)
        except BoardFileError as error:  # another program has the file
            self.prompter.warn(TITLE, error.message)
            return False
        except (OSError, sqlite3.Error) as error:
            self.prompter.warn(TITLE, storage_error(error, path, doing=doing).message)
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
                told = with_way_out(error, path).message
                self.prompter.warn(TITLE, f"The board was not replaced. {told}")
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
