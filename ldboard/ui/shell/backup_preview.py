"""A backup opened read-only, in a window of its own, to look at before restoring it.

The window is the main window the person knows (board, matrix, iterations,
archive, exports), on the board held in the backup, read into memory
(``store/restoring.open_backup``): every screen can be browsed, every editing
action is disabled as on any read-only board, and nothing is written to the
backup or beside it: no lock, no journal, no backup of the backup. The preview
remembers nothing either (:class:`PreviewSettings`: no recent board, no window
size), so closing it leaves the main window and the settings as they were.

:class:`BackupPreview` turns such a window into a preview: one backup, its
date in the title, and "Restore This Backup…" in the read-only banner, which
the window that opened it carries out (``window_restore.py``). The window is
made by the opener (``type(window)(…)``), so this module needs no import of
the main window's module, which reaches this one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QPushButton

from ldboard.ui.shell.settings import AppSettings


class PreviewSettings(AppSettings):
    """The person's settings, read as usual; what a preview would remember is dropped."""

    def add_recent_board(self, path: Path) -> list[Path]:
        return self.recent_boards()

    def forget_recent_board(self, path: Path) -> None:
        pass

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        pass


class BackupPreview(QObject):
    """Makes ``window`` (a main window on the backup's read-only board) a preview.

    ``restore_over``/``restore_as_new`` carry the backup's path when the person
    asks for it to be restored.
    """

    restore_over = Signal(object)
    restore_as_new = Signal(object)

    def __init__(
        self, window: QMainWindow, *, backup: Path, made: str, can_replace: bool, replaces: str
    ) -> None:
        super().__init__(window)
        self.setObjectName("backupPreview")
        self.window = window
        self.backup = backup
        window.setObjectName("backupPreviewWindow")
        # One backup is shown here: opening, creating or restoring other boards
        # is the main window's business.
        for name in ("action_new_board", "action_open", "action_restore_backup"):
            action = getattr(window, name)
            action.setVisible(False)
            action.setEnabled(False)
        window.recent_menu.menuAction().setVisible(False)  # type: ignore[attr-defined]
        close = window.action_quit  # type: ignore[attr-defined]
        close.setText("&Close Backup")
        close.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close)])

        banner = window.read_only_banner  # type: ignore[attr-defined]
        self.restore_button = QPushButton("&Restore This Backup…", banner)
        self.restore_button.setObjectName("restoreThisBackup")
        self.restore_button.setToolTip("Bring this backup back over the board, or as a new board")
        menu = QMenu(self.restore_button)
        menu.setObjectName("restoreThisBackupMenu")
        self.action_replace = menu.addAction(f"Replace “{replaces}” With It…")
        self.action_replace.setObjectName("actionRestoreOver")
        self.action_replace.setEnabled(can_replace)
        self.action_replace.triggered.connect(lambda: self.restore_over.emit(self.backup))
        self.action_as_new = menu.addAction("Restore as a &New Board…")
        self.action_as_new.setObjectName("actionRestoreAsNew")
        self.action_as_new.triggered.connect(lambda: self.restore_as_new.emit(self.backup))
        self.restore_button.setMenu(menu)
        row = banner.layout()
        row.insertWidget(row.count() - 1, self.restore_button)

        name = window.session.board.name  # type: ignore[attr-defined]
        self.title = f"{name} — backup from {made} [read-only] — ldboard"
        window.windowTitleChanged.connect(self._keep_title)
        window.setWindowTitle(self.title)

    def _keep_title(self, title: str) -> None:
        """The main window retitles itself ("… [read-only] — ldboard") as its
        status changes; a preview always says which backup it is."""
        if title != self.title:
            self.window.setWindowTitle(self.title)
