"""The Help menu of the main window: every keyboard shortcut, and About."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ldboard import __version__
from ldboard.ui.common.shortcuts import shortcut_rows

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ldboard.ui.common.session import BoardSession
    from ldboard.ui.screen import Screen


class WindowHelp:
    """Mixed into ``MainWindow`` (a ``QMainWindow``): what its Help menu shows."""

    session: BoardSession | None
    action_undo: QAction
    action_redo: QAction
    screens: list[Screen]

    def shortcut_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every keyboard shortcut, by where it works: (section, [(what, keys)])."""
        fixed = {self.action_undo: "Undo", self.action_redo: "Redo"}  # their text varies
        window = [
            (fixed.get(action) or name, keys)
            for action, name, keys in shortcut_rows(self.actions())
        ]
        sections = [("Everywhere", window)]
        for screen in self.screens:
            sections += screen.shortcut_help()
        sections.append(("Filter", [("Clear the filter", "Esc (in the filter box)")]))
        return sections

    def shortcut_rows(self) -> list[tuple[str, str]]:
        return [row for _section, rows in self.shortcut_sections() for row in rows]

    def show_shortcuts(self) -> QMessageBox:
        parts = []
        for section, rows in self.shortcut_sections():
            heading = f"<b>{html.escape(section)}</b>"
            parts.append(f"<tr><td colspan='2' style='padding-top:8px'>{heading}</td></tr>")
            parts += [
                f"<tr><td style='white-space:nowrap'>{html.escape(name)}</td>"
                f"<td style='padding-left:16px; white-space:nowrap'><b>{html.escape(keys)}</b>"
                "</td></tr>"
                for name, keys in rows
            ]
        box = QMessageBox(self)
        box.setObjectName("shortcutsBox")
        box.setWindowTitle("Keyboard shortcuts")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table>{''.join(parts)}</table>")
        box.open()
        return box

    def show_about(self) -> None:
        path = self.session.path if self.session else None
        QMessageBox.about(
            self,
            "About ldboard",
            f"<h3>ldboard {__version__}</h3>"
            "<p>Plan learning initiatives like a product team: a Kanban board, "
            "hypotheses, iterations and retrospectives in one SQLite file.</p>"
            f"<p>Board file: <code>{path or 'in memory'}</code></p>",
        )
