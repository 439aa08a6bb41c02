"""Starting the GUI."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ldboard import __version__
from ldboard.paths import APP_NAME, default_board_path
from ldboard.resources import read_text, resource
from ldboard.store import BoardFileError
from ldboard.ui.main_window import MainWindow
from ldboard.ui.prompts import Prompter
from ldboard.ui.session import BoardSession
from ldboard.ui.settings import AppSettings

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
    return MainWindow(session, prompter=prompter, settings=settings)


def run(path: Path | None, qt_args: Sequence[str] = ()) -> int:
    """Show the main window and run until it closes; returns the exit code."""
    app = ensure_application(qt_args)
    try:
        window = build_main_window(path)
    except BoardFileError as error:
        show_open_error(error)
        return EXIT_UNUSABLE
    window.show()
    return app.exec()


def show_open_error(error: BoardFileError) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open board", error.message)
    box.setInformativeText(str(error.path))
    box.exec()
