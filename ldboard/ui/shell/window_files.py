"""The File menu of the main window: open, new, save a copy, recent boards, and
the iteration summary export (its dialog is ``ldboard.ui.summary``).

Opening a board that turns out damaged offers a way out (see ``ui/recovery.py``)
and keeps the current board; a failed copy says why (a full disk, a folder that
cannot be written) and leaves the destination as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ldboard.paths import data_dir
from ldboard.store import BoardFileError, StorageError
from ldboard.store.errors import DamagedBoardError, storage_error
from ldboard.ui.common.lock import acquire_board_lock
from ldboard.ui.common.session import BoardSession

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from ldboard.ui.common.prompts import Prompter
    from ldboard.ui.importing.base import ImportDialog
    from ldboard.ui.shell.settings import AppSettings
    from ldboard.ui.summary.dialog import ExportSummaryDialog


class BoardFiles:
    """Mixed into ``MainWindow`` (a ``QMainWindow``): the board files it opens and writes."""

    session: BoardSession | None
    prompter: Prompter
    settings: AppSettings
    recent_menu: QMenu
    action_export_iteration: QAction
    action_import_spreadsheet: QAction
    action_import_trello: QAction
    action_import_results: QAction

    def open_board(self, path: Path) -> bool:
        """Open another board in this window; on failure keep the current one."""
        path = Path(path).expanduser()
        if self.session is not None and self.session.path == path.resolve():
            return True
        try:
            session = BoardSession.open(path)
            try:
                session.verified()
            except DamagedBoardError:
                session.close()
                raise
        except DamagedBoardError as error:
            from ldboard.ui.shell.recovery import offer_recovery

            replacement = offer_recovery(error, self.prompter)
            return replacement is not None and self.open_board(replacement)
        except BoardFileError as error:
            self.prompter.warn("Cannot open board", error.message)
            return False
        self.set_session(session)
        self.statusBar().showMessage(f"Opened {path}", 5000)
        return True

    def open_board_dialog(self) -> None:
        folder = self.session.path.parent if self.session and self.session.path else data_dir()
        path = self.prompter.open_path("Open board", folder)
        if path is not None:
            self.open_board(path)

    def new_board(self) -> None:
        folder = self.session.path.parent if self.session and self.session.path else data_dir()
        path = self.prompter.save_path("New board", folder / "New board.ldboard")
        if path is None:
            return
        if path.exists():
            self.prompter.warn(
                "New board",
                f"“{path.name}” already exists. Choose another name, or open it with File → Open.",
            )
            return
        self.open_board(path)

    def save_copy(self) -> None:
        assert self.session is not None
        current = self.session.path
        suggested = (
            current.parent if current else data_dir()
        ) / f"{self.session.board.name} copy.ldboard"
        path = self.prompter.save_path("Save a copy", suggested)
        if path is None:
            return
        if current is not None and path.resolve() == current:
            self.prompter.warn("Save a copy", "Choose a different file from the open board.")
            return
        if path.exists() and not self.prompter.confirm(
            "Save a copy", f"“{path.name}” already exists. Replace it?", "Replace"
        ):
            return
        try:
            lock = acquire_board_lock(path)  # another ldboard may have it open
        except BoardFileError as error:
            self.prompter.warn("Save a copy", error.message)
            return
        try:
            self.session.board.backup_to(path)
        except BoardFileError as error:
            self.prompter.warn("Save a copy", error.message)
            return
        except (OSError, sqlite3.Error, StorageError) as error:
            if not isinstance(error, StorageError):
                error = storage_error(error, path, doing=f"save a copy to {path}")
            self.prompter.warn("Save a copy", error.message.replace(" Nothing was changed.", ""))
            return
        finally:
            lock.unlock()
        self.statusBar().showMessage(f"Saved a copy to {path}", 5000)

    def export_iteration_summary(self) -> ExportSummaryDialog | None:
        """Open the export dialog on the iteration the screen on show is looking at
        (the planning and retrospective screens have one), else the latest one."""
        from PySide6.QtCore import QStandardPaths

        from ldboard.ui.summary.dialog import ExportSummaryDialog

        if self.session is None:
            return None
        selected = getattr(self.current_screen().built, "selected_iteration", None)
        iteration = selected() if callable(selected) else None
        folder = self.settings.export_folder()
        if folder is None or not folder.is_dir():
            documents = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
        dialog = ExportSummaryDialog(
            self.session.board,
            folder=folder,
            prompter=self.prompter,
            preferred=iteration.id if iteration is not None else None,
            fmt=self.settings.export_format() or "md",
            parent=self,
        )
        dialog.exported.connect(lambda path: self._summary_exported(dialog, path))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def import_spreadsheet(self, path: Path | None = None) -> ImportDialog | None:
        """File → Import → Spreadsheet (CSV)…, on ``path`` if given (else it asks)."""
        from ldboard.ui.importing.spreadsheet_dialog import SpreadsheetImportDialog

        return self._import(SpreadsheetImportDialog, path)

    def import_trello(self, path: Path | None = None) -> ImportDialog | None:
        """File → Import → Trello Board…, on ``path`` if given (else it asks)."""
        from ldboard.ui.importing.trello_dialog import TrelloImportDialog

        return self._import(TrelloImportDialog, path)

    def import_results(self, path: Path | None = None) -> ImportDialog | None:
        """File → Import → Results…, on ``path`` if given (else it asks)."""
        from ldboard.ui.importing.results_dialog import ResultsImportDialog

        return self._import(ResultsImportDialog, path)

    def _import(self, kind: type[ImportDialog], path: Path | None) -> ImportDialog | None:
        if self.session is None or self.session.read_only:
            return None
        folder = self.settings.export_folder() or Path.home()
        dialog = kind(self.session, folder=folder, parent=self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(dialog.result, 8000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        if path is not None:
            dialog.load(path)
        else:
            dialog.choose_file()
        return dialog

    def _summary_exported(self, dialog: ExportSummaryDialog, path: Path) -> None:
        self.settings.remember_export(path, dialog.format())
        self.statusBar().showMessage(f"Exported the iteration summary to {path}", 8000)

    def _update_export_action(self, *_args: object) -> None:
        """Exporting only reads the board: enabled on read-only boards too, as soon
        as an iteration has started."""
        from ldboard.ui.summary import can_summarise

        enabled = self.session is not None and can_summarise(self.session.board.iterations())
        self.action_export_iteration.setEnabled(enabled)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = self.session.path if self.session else None
        boards = [p for p in self.settings.recent_boards() if p != current]
        for path in boards:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not boards:
            self.recent_menu.addAction("No other boards yet").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("Clear List")
        clear.triggered.connect(self._clear_recent)
        clear.setEnabled(bool(boards))

    def _open_recent(self, path: Path) -> None:
        if not path.exists():
            self.prompter.warn("Open recent", f"“{path}” no longer exists.")
            self.settings.forget_recent_board(path)
            self._rebuild_recent_menu()
            return
        self.open_board(path)

    def _clear_recent(self) -> None:
        for path in self.settings.recent_boards():
            if self.session is None or path != self.session.path:
                self.settings.forget_recent_board(path)
        self._rebuild_recent_menu()
