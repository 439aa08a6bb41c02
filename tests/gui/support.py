"""Test doubles for the GUI tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ldboard.ui.common.prompts import Prompter


class ScriptedPrompter(Prompter):
    """Answers from a queue, for tests; records every question asked."""

    def __init__(self, *answers: object) -> None:
        super().__init__(None)
        self.answers = list(answers)
        self.asked: list[tuple[str, str]] = []

    def _next(self, kind: str, text: str) -> object:
        self.asked.append((kind, text))
        if not self.answers:
            raise AssertionError(f"unexpected {kind} question: {text}")
        return self.answers.pop(0)

    def text(self, title: str, label: str, default: str = "") -> str | None:
        return self._next("text", label)  # type: ignore[return-value]

    def integer(self, title: str, label: str, value: int, minimum: int, maximum: int) -> int | None:
        return self._next("integer", label)  # type: ignore[return-value]

    def choose(self, title: str, label: str, options: Sequence[str]) -> int | None:
        return self._next("choose", label)  # type: ignore[return-value]

    def confirm(self, title: str, text: str, action: str) -> bool:
        return bool(self._next("confirm", text))

    def ask(self, title: str, text: str, buttons: Sequence[str], detail: str = "") -> int | None:
        self.offered = list(buttons)
        return self._next("ask", text)  # type: ignore[return-value]

    def inform(self, title: str, text: str) -> None:
        self.asked.append(("inform", text))

    def warn(self, title: str, text: str) -> None:
        self.asked.append(("warn", text))

    def open_path(self, title: str, folder: Path) -> Path | None:
        return self._next("open_path", title)  # type: ignore[return-value]

    def save_path(self, title: str, suggested: Path, kind: str = "ldboard") -> Path | None:
        return self._next("save_path", title)  # type: ignore[return-value]


def drop_at(view, mime, point) -> None:
    """Deliver a drag-enter, drag-move and drop at ``point`` on ``view``'s viewport,
    as the window system does when a person drags a card there."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    viewport = view.viewport()
    action = Qt.DropAction.MoveAction
    button, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, action, mime, button, modifiers)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted(), "the column refused the drag"
    move = QDragMoveEvent(point, action, mime, button, modifiers)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(point), action, mime, button, modifiers)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def point_above_row(view, row):
    """A point on the upper half of a visible card (drops go in front of it)."""
    rect = view.visualRect(view.model().index(row, 0))
    return rect.topLeft() + type(rect.topLeft())(rect.width() // 2, rect.height() // 4)


def point_below_last(view):
    count = view.model().rowCount()
    if not count:
        return view.viewport().rect().center()
    rect = view.visualRect(view.model().index(count - 1, 0))
    return rect.bottomLeft() + type(rect.topLeft())(rect.width() // 2, 20)
