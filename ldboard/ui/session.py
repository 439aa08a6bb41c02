"""An open board in the UI: the board file, its lock, its undo history.

Every mutation the UI makes goes through :meth:`BoardSession.perform`: it runs
one ``ops`` function (one transaction), and pushes the resulting change on
the ``QUndoStack``. Views never refresh themselves after an action: the board
notifies the session, the session emits ``changed``, and the models update
from the change. Undo and redo travel the same path.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ldboard import ops
from ldboard.domain.rules import ValidationError
from ldboard.store import Board, Change, ConflictError
from ldboard.ui.lock import acquire_board_lock

P = ParamSpec("P")
_tokens = itertools.count(1)


class ChangeCommand(QUndoCommand):
    """An already-applied change on the undo stack."""

    def __init__(self, session: BoardSession, change: Change) -> None:
        super().__init__(change.label)
        self._session = session
        self._change = change
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # pushed right after the operation ran
            return
        if self._session.replay(ops.redo, self._change, "redo"):
            self._applied = True

    def undo(self) -> None:
        if self._session.replay(ops.undo, self._change, "undo"):
            self._applied = False


class BoardSession(QObject):
    """The open board shared by every view of a main window."""

    changed = Signal(object)  # Change, after it is committed
    failed = Signal(str)  # an action could not be carried out; nothing was written
    closed = Signal()

    def __init__(self, board: Board, lock: QLockFile | None = None) -> None:
        super().__init__()
        self.board = board
        self._lock = lock
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        #: Distinguishes this session's drags from another window's.
        self.token = f"{id(self)}-{next(_tokens)}"
        self._unsubscribe = board.subscribe(self.changed.emit)

    @classmethod
    def open(cls, path: Path, *, demo_if_new: bool = False) -> BoardSession:
        """Lock and open a board file, creating it if missing (with the demo
        content when ``demo_if_new``)."""
        path = Path(path).expanduser().resolve()
        lock = acquire_board_lock(path)
        try:
            if demo_if_new and not path.exists():
                from ldboard.store.demo import create_demo_board

                create_demo_board(path).close()
            board = Board.open(path)
        except BaseException:
            lock.unlock()
            raise
        return cls(board, lock)

    @property
    def path(self) -> Path | None:
        return self.board.path

    def perform(
        self,
        operation: Callable[Concatenate[Board, P], Change | None],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Change | None:
        """Run one user action and make it undoable. Returns the change (or ``None``)."""
        change = operation(self.board, *args, **kwargs)
        if change is not None:
            self.undo_stack.push(ChangeCommand(self, change))
        return change

    def attempt(
        self,
        operation: Callable[Concatenate[Board, P], Change | None],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Change | None:
        """Like :meth:`perform`, but a refusal is reported through ``failed``
        instead of raised (for gestures such as drops and shortcuts)."""
        try:
            return self.perform(operation, *args, **kwargs)
        except (ValidationError, ValueError, LookupError, ConflictError, sqlite3.Error) as error:
            self.failed.emit(explain(error))
            return None

    def replay(self, step: Callable[[Board, Change], Change], change: Change, verb: str) -> bool:
        """Undo or redo a change; report instead of raising if the file disagrees."""
        try:
            step(self.board, change)
        except (ConflictError, sqlite3.Error) as error:
            self.failed.emit(f"Could not {verb} “{change.label}”: {explain(error)}")
            return False
        return True

    def close(self) -> None:
        self._unsubscribe()
        self.undo_stack.clear()
        self.board.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self.closed.emit()

    def __repr__(self) -> str:
        return f"<BoardSession {self.path or 'in memory'}>"


def explain(error: Exception) -> str:
    """A sentence for people from an error raised by an operation or SQLite."""
    if isinstance(error, ValidationError):
        return " ".join(error.problems.values())
    if isinstance(error, sqlite3.OperationalError) and "full" in str(error).lower():
        return "The disk is full, so the change was not saved. Free some space and try again."
    if isinstance(error, sqlite3.Error):
        return f"The board file could not be written ({error}). Nothing was changed."
    message = str(error)
    return message[:1].upper() + message[1:] if message else type(error).__name__
