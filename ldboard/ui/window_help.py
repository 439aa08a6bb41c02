"""The Help menu of the main window: every keyboard shortcut, and About."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from ldboard import __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ldboard.ui.session import BoardSession


def menu_text(text: str) -> str:
    """A menu entry as people read it: "&Tags && People…" -> "Tags & People"."""
    return re.sub("&(&?)", r"\1", text).rstrip("…").rstrip(".").strip()


class WindowHelp:
    """Mixed into ``MainWindow`` (a ``QMainWindow``): what its Help menu shows."""

    session: BoardSession | None
    action_undo: QAction
    action_redo: QAction
    card_actions: list[QAction]

    def shortcut_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every keyboard shortcut, by where it works: (section, [(what, keys)])."""
        native = QKeySequence.SequenceFormat.NativeText
        fixed = {self.action_undo: "Undo", self.action_redo: "Redo"}  # their text varies
        window: list[tuple[str, str]] = []
        cards: list[tuple[str, str]] = []
        for rows, actions in ((window, self.actions()), (cards, self.card_actions)):
            for action in actions:
                keys = ", ".join(s.toString(native) for s in action.shortcuts())
                if keys:
                    rows.append((fixed.get(action) or menu_text(action.text()), keys))
        cards += [
            ("Open the card menu (edit, move to stage, archive, delete)", "Menu, Shift+F10"),
            ("Move between cards", "Up, Down"),
            ("Move to the neighbouring column", "Left, Right"),
        ]
        matrix = [
            ("Select the nearest initiative", "Up, Down, Left, Right"),
            ("Raise or lower the impact", "Shift+Up, Shift+Down"),
            ("Raise or lower the effort", "Shift+Right, Shift+Left"),
            ("Open the selected initiative", "Return"),
            ("Clear the selection", "Esc"),
        ]
        filtering = [("Clear the filter", "Esc (in the filter box)")]
        return [
            ("Everywhere", window),
            ("On the board (a card selected)", cards),
            ("On the matrix", matrix),
            ("Filter", filtering),
        ]

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
