"""Starting the GUI."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ldboard import __version__
from ldboard.paths import APP_NAME, default_board_path
from ldboard.resources import read_text, resource
from ldboard.store import BoardFileError
from ldboard.store.errors import DamagedBoardError
from ldboard.store.opening import as_board_file_error
from ldboard.ui.common.prompts import Prompter
from ldboard.ui.common.session import BoardSession
from ldboard.ui.shell.error_guard import ErrorGuard
from ldboard.ui.shell.main_window import MainWindow
from ldboard.ui.shell.settings import AppSettings

EXIT_UNUSABLE = 2


def ensure_application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication, created and styled on first use."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *(argv or [])])
    assert isinstance(app, QApplication)
    if app.property("ldboardStyled") is not True:
        app.setApplicationName(APP_NAME)
        app.setOrganizationName(APP_NAME)
        app.setApplicationDisplayName("ldboard")
        app.setApplicationVersion(__version__)
        app.setDesktopFileName(APP_NAME)
        app.setWindowIcon(QIcon(str(resource("icons", "ldboard.svg"))))
        app.setStyleSheet(read_text("styles", "app.qss"))
        app.setProperty("ldboardStyled", True)
    return app


def build_main_window(
    path: Path | str | None = None,
    *,
    prompter: Prompter | None = None,
    settings: AppSettings | None = None,
) -> MainWindow:
    """The main window for a board file, without entering the event loop.

    With no ``path`` the default board is used; on first run it is created with
    the demo content. Raises ``BoardFileError`` if the file cannot be used.
    """
    ensure_application()
    if path is None:
        target = default_board_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        session = BoardSession.open(target, demo_if_new=True)
    else:
        session = BoardSession.open(Path(path))
    # The window is built while the board's damage check runs beside it.
    try:
        window = MainWindow(session, prompter=prompter, settings=settings)
    except sqlite3.DatabaseError as error:  # reading the board met damage first
        _discard(session)
        if session.path is None:
            raise
        raise as_board_file_error(session.path, error) from error
    try:
        session.verified()
    except DamagedBoardError:
        window.discard()
        raise
    return window


def _discard(session: BoardSession) -> None:
    with contextlib.suppress(DamagedBoardError):
        session.verified()
    session.close()


def run(path: Path | None, qt_args: Sequence[str] = ()) -> int:
    """Show the main window and run until it closes; returns the exit code."""
    app = ensure_application(qt_args)
    window = open_first_window(path)
    if window is None:
        return EXIT_UNUSABLE
    guard = ErrorGuard(lambda: window.session, show_unexpected_error)
    guard.install()
    try:
        window.show()
        return app.exec()
    finally:
        guard.uninstall()


def open_first_window(path: Path | None, prompter: Prompter | None = None) -> MainWindow | None:
    """The start-up window; a board that cannot be used is explained (and a damaged
    one offered a way out) instead of ending in a traceback.

    ``prompter`` asks the start-up questions and then serves the window (tests
    script it); by default each uses Qt's dialogs.
    """
    try:
        return build_main_window(path, prompter=prompter)
    except DamagedBoardError as error:
        from ldboard.ui.shell.recovery import offer_recovery  # rarely needed: loaded on demand

        replacement = offer_recovery(error, prompter or Prompter(None))
        if replacement is None:
            return None
        try:
            return build_main_window(replacement, prompter=prompter)
        except BoardFileError as second:
            show_open_error(second, prompter)
            return None
    except BoardFileError as error:
        show_open_error(error, prompter)
        return None


def show_open_error(error: BoardFileError, prompter: Prompter | None = None) -> None:
    if prompter is not None:
        prompter.warn("Cannot open board", error.message)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open board", error.message)
    box.setInformativeText(str(error.path))
    box.exec()


def show_unexpected_error(title: str, message: str, details: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QApplication.activeWindow())
    if details:
        box.setDetailedText(details)
    box.exec()
