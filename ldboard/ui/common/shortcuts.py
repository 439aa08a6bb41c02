"""Actions as the keyboard-shortcuts help lists them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence


def menu_text(text: str) -> str:
    """A menu entry as people read it: "&Tags && People…" -> "Tags & People"."""
    return re.sub("&(&?)", r"\1", text).rstrip("…").rstrip(".").strip()


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[QAction, str, str]]:
    """(action, what it does, its keys) for each action that has a shortcut."""
    native = QKeySequence.SequenceFormat.NativeText
    rows = []
    for action in actions:
        keys = ", ".join(s.toString(native) for s in action.shortcuts())
        if keys:
            rows.append((action, menu_text(action.text()), keys))
    return rows
