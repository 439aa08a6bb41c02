"""Questions the UI asks the person at the keyboard.

All modal questions go through a ``Prompter`` so that the rest of the UI
never blocks inside a test: tests install a prompter that answers from a
script. This one uses Qt's standard dialogs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

BOARD_FILTER = "ldboard boards (*.ldboard);;All files (*)"
FILE_FILTERS = {
    "ldboard": BOARD_FILTER,
    "png": "PNG images (*.png)",
    "svg": "SVG drawings (*.svg)",
}


class Prompter:
    """Asks with Qt's standard dialogs, parented to ``parent``.

    The dialog classes are imported when a question is asked, not at start-up:
    most sessions never need them, and each costs start-up time to load.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def text(self, title: str, label: str, default: str = "") -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        value, ok = QInputDialog.getText(
            self.parent, title, label, QLineEdit.EchoMode.Normal, default
        )
        return value if ok else None

    def integer(self, title: str, label: str, value: int, minimum: int, maximum: int) -> int | None:
        from PySide6.QtWidgets import QInputDialog

        number, ok = QInputDialog.getInt(self.parent, title, label, value, minimum, maximum)
        return number if ok else None

    def choose(self, title: str, label: str, options: Sequence[str]) -> int | None:
        """The index of the chosen option, or ``None`` if cancelled."""
        if not options:
            return None
        from PySide6.QtWidgets import QInputDialog

        choice, ok = QInputDialog.getItem(self.parent, title, label, list(options), 0, False)
        return list(options).index(choice) if ok else None

    def confirm(self, title: str, text: str, action: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        accept = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is accept

    def ask(self, title: str, text: str, buttons: Sequence[str], detail: str = "") -> int | None:
        """Which of ``buttons`` was clicked (its index), or ``None`` for Cancel."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        if detail:
            box.setInformativeText(detail)
        added = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in buttons]
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(added[0] if added else QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, button in enumerate(added) if button is clicked), None)

    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self.parent, title, text)

    def warn(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self.parent, title, text)

    def open_path(self, title: str, folder: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self.parent, title, str(folder), BOARD_FILTER)
        return Path(name) if name else None

    def save_path(self, title: str, suggested: Path, kind: str = "ldboard") -> Path | None:
        """Where to write a new file of ``kind`` ("ldboard", "png" or "svg").

        Boards are never silently overwritten (callers decide); pictures may be.
        """
        from PySide6.QtWidgets import QFileDialog

        options = QFileDialog.Option(0)
        if kind == "ldboard":
            options = QFileDialog.Option.DontConfirmOverwrite
        name, _ = QFileDialog.getSaveFileName(
            self.parent, title, str(suggested), FILE_FILTERS[kind], options=options
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(f".{kind}")
