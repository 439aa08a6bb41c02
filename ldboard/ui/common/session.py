"""An open board in the UI: the board file, its lock, its undo history.

Every mutation the UI makes goes through :meth:`BoardSession.perform`, and it is
the only way in: it runs one ``ops`` function (one transaction), pushes the
resulting change on the ``QUndoStack``, and owns failure. A refused action
(invalid input, a conflict with the file) or a storage failure (disk full,
read-only, busy, damaged) becomes a :class:`Failure` with a sentence for people;
nothing is written, the models are untouched (they only ever follow committed
changes) and the undo stack does not move, so the person can fix the cause and
try again. Views never refresh themselves after an action: the board notifies
the session, the session emits ``changed``, and the models update from the
change. Undo and redo travel the same path and fail the same way.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ldboard import ops
from ldboard.domain.rules import ValidationError
from ldboard.store import Board, BoardFileError, Change, ConflictError, StorageError
from ldboard.store.errors import DamagedBoardError, storage_error
from ldboard.store.opening import find_damage
from ldboard.ui.common.backup_timer import DEFAULT_PLAN, BackupPlan, BackupSchedule
from ldboard.ui.common.lock import BoardLockedError, acquire_board_lock

_tokens = itertools.count(1)
_log = logging.getLogger(__name__)

#: After this long without a change the WAL is folded into the board file, so a
#: plain copy of the ``.ldboard`` file taken while the app is idle is complete.
IDLE_CHECKPOINT_MS = 1500


@dataclass(frozen=True, slots=True)
class Failure:
    """Why an action did not happen. Nothing was written."""

    #: What went wrong and what to do, as a sentence for people.
    message: str
    #: ``"invalid"`` (the input), ``"conflict"`` (the file changed underneath),
    #: ``"storage"`` (the disk or file: see ``storage_kind``), or ``"backup"``
    #: (an automatic backup failed; the board itself is fine, see ``storage_kind``).
    kind: str
    #: Field name → problem, for invalid input (forms show them beside the field).
    problems: dict[str, str] = field(default_factory=dict)
    #: For storage failures: ``StorageError.kind`` ("full", "read_only", …).
    storage_kind: str = ""


FailureHandler = Callable[[Failure], None]


class ChangeCommand(QUndoCommand):
    """An already-applied change on the undo stack.

    The session replays the change *before* it moves the stack (see
    :meth:`BoardSession.undo`), so a failed undo or redo leaves the stack where
    it was. ``undo``/``redo`` only do the work themselves if something moves the
    stack directly.
    """

    def __init__(self, session: BoardSession, change: Change) -> None:
        super().__init__(change.label)
        self._session = session
        self.change = change
        self.applied = True
        self._replayed = False

    def mark_replayed(self, applied: bool) -> None:
        """The session has just undone (``applied`` False) or redone the change."""
        self.applied = applied
        self._replayed = True

    def redo(self) -> None:
        if self._replayed or self.applied:  # already done by the session, or just pushed
            self._replayed = False
            return
        if self._session.replay(self.change, undo=False):
            self.applied = True

    def undo(self) -> None:
        if self._replayed or not self.applied:
            self._replayed = False
            return
        if self._session.replay(self.change, undo=True):
            self.applied = False


class BoardSession(QObject):
    """The open board shared by every view of a main window."""

    changed = Signal(object)  # Change, after it is committed
    failed = Signal(object)  # Failure: an action could not be carried out; nothing was written
    checkpointed = Signal()  # every committed change is now in the board file itself
    read_only_changed = Signal(bool)  # the board became read-only (e.g. damage was found)
    closed = Signal()

    def __init__(self, board: Board, lock: QLockFile | None = None) -> None:
        super().__init__()
        self.board = board
        self._lock = lock
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        #: Distinguishes this session's drags from another window's.
        self.token = f"{id(self)}-{next(_tokens)}"
        self._unsubscribe = board.subscribe(self._committed)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_CHECKPOINT_MS)
        self._idle.timeout.connect(self.checkpoint)
        self._check: threading.Thread | None = None
        self._damage: DamagedBoardError | None = None
        #: The rolling backups of a board opened from a file (``None`` otherwise).
        self.backups: BackupSchedule | None = None

    @classmethod
    def open(
        cls, path: Path, *, demo_if_new: bool = False, backups: BackupPlan | None = DEFAULT_PLAN
    ) -> BoardSession:
        """Lock and open a board file, creating it if missing (with the demo
        content when ``demo_if_new``), and plan its backups (none when
        ``backups`` is ``None`` or the board is read-only)."""
        path = Path(path).expanduser().resolve()
        try:
            lock: QLockFile | None = acquire_board_lock(path)
        except BoardLockedError:
            raise
        except BoardFileError as no_lock:
            # No lock file can be written beside the board (a read-only folder or
            # disk). That is fine for a board that opens read-only: it is never
            # written, so a second reader does no harm.
            board = Board.open(path, create=False) if path.exists() else None
            if board is None or not board.read_only:
                if board is not None:
                    board.close()
                raise no_lock from None
            return cls(board, None)
        try:
            if demo_if_new and not path.exists():
                from ldboard.store.demo import create_demo_board

                create_demo_board(path).close()
            board = Board.open(path, quick_check=False)
        except BaseException:
            lock.unlock()
            raise
        session = cls(board, lock)
        session._start_damage_check()
        if backups is not None:
            session._plan_backups(backups)
        return session

    def _plan_backups(self, plan: BackupPlan) -> None:
        """Back the board up once the window is up, then while it changes (see
        ``backup_timer.py``). A failure is shown once through ``failed``."""
        if self.board.path is None or self.board.read_only:
            return
        self.backups = BackupSchedule(self.board.path, plan, self._may_back_up, self)
        self.backups.failed.connect(self._backup_failed)
        self.backups.start()

    def _may_back_up(self) -> bool:
        # A backup of a board found damaged would only copy the damage.
        self._await_check()
        return not self.board.read_only

    def _backup_failed(self, error: StorageError) -> None:
        self._report(Failure(error.message, "backup", storage_kind=error.kind), None)

    # --- the damage check of a freshly opened board ---------------------------------------

    def _start_damage_check(self) -> None:
        """Run ``PRAGMA quick_check`` in another thread while the window is built.

        SQLite works outside Python's lock, so on a big board the check costs the
        window nothing. Nothing is written before it has finished: ``verified``,
        ``perform`` and undo/redo wait for it.
        """
        path = self.board.path
        if path is None or self.board.read_only:
            return

        def check() -> None:
            self._damage = find_damage(path)

        self._check = threading.Thread(target=check, name="ldboard-check", daemon=True)
        self._check.start()

    def _await_check(self) -> DamagedBoardError | None:
        if self._check is not None:
            self._check.join()
            self._check = None
            if self._damage is not None:  # never write into a damaged file
                name = self.path.name if self.path else "The board"
                self.make_read_only(f"“{name}” is damaged, so ldboard stopped writing to it.")
        return self._damage

    def verified(self) -> None:
        """Wait for the check started when the board was opened; raise
        ``DamagedBoardError`` if it found damage."""
        damage = self._await_check()
        if damage is not None:
            raise damage

    @property
    def path(self) -> Path | None:
        return self.board.path

    @property
    def read_only(self) -> bool:
        return self.board.read_only

    def make_read_only(self, reason: str) -> None:
        """Stop writing to this board from now on (it turned out to be damaged)."""
        if self.board.read_only:
            return
        self.board.read_only = True
        self.board.read_only_reason = reason
        self._idle.stop()
        if self.backups is not None:
            self.backups.stop()
        self.read_only_changed.emit(True)

    # --- the one way to change the board ---------------------------------------------------

    def perform(
        self,
        operation: Callable[..., Change | None],
        /,
        *args: Any,
        report_to: FailureHandler | None = None,
        **kwargs: Any,
    ) -> Change | None:
        """Run one user action and make it undoable.

        Returns the change, or ``None`` when the action changed nothing or
        failed. A failure is never raised: it goes to ``report_to`` when the
        caller shows failures itself (a form showing problems beside its
        fields), otherwise to the ``failed`` signal, which the window shows.
        """
        self._await_check()
        try:
            change = operation(self.board, *args, **kwargs)
        except Exception as error:
            self._report(self._failure(error, "save the change"), report_to)
            return None
        if change is not None:
            self.undo_stack.push(ChangeCommand(self, change))
        return change

    def undo(self) -> bool:
        """Undo the latest change; on failure the stack stays where it was."""
        stack = self.undo_stack
        if not stack.canUndo():
            return False
        command = stack.command(stack.index() - 1)
        assert isinstance(command, ChangeCommand)
        if not self.replay(command.change, undo=True):
            return False
        command.mark_replayed(applied=False)
        stack.undo()
        return True

    def redo(self) -> bool:
        """Redo the change undone last; on failure the stack stays where it was."""
        stack = self.undo_stack
        if not stack.canRedo():
            return False
        command = stack.command(stack.index())
        assert isinstance(command, ChangeCommand)
        if not self.replay(command.change, undo=False):
            return False
        command.mark_replayed(applied=True)
        stack.redo()
        return True

    def replay(self, change: Change, *, undo: bool) -> bool:
        """Apply a change's inverse (undo) or the change again (redo); report failures."""
        verb = "undo" if undo else "redo"
        self._await_check()
        try:
            (ops.undo if undo else ops.redo)(self.board, change)
        except Exception as error:
            self._report(self._failure(error, f"{verb} “{change.label}”"), None)
            return False
        return True

    def _failure(self, error: Exception, doing: str) -> Failure:
        if isinstance(error, ValidationError):
            return Failure(" ".join(error.problems.values()), "invalid", dict(error.problems))
        if isinstance(error, ConflictError):
            return Failure(
                f"Could not {doing}: the board file no longer matches ({error}). "
                "It may have been changed by another program.",
                "conflict",
            )
        if isinstance(error, sqlite3.Error | OSError):
            error = storage_error(error, self.board.path, doing=doing)
        if isinstance(error, StorageError):
            if error.kind == "damaged":  # never write into a damaged file
                name = self.path.name if self.path else "The board"
                self.make_read_only(f"“{name}” is damaged, so ldboard stopped writing to it.")
            return Failure(error.message, "storage", storage_kind=error.kind)
        if isinstance(error, ValueError | LookupError):
            return Failure(_sentence(str(error)) or type(error).__name__, "invalid")
        raise error  # a programming error: let it surface as one

    def _report(self, failure: Failure, handler: FailureHandler | None) -> None:
        _log.info("action failed: %s", failure.message)
        if handler is not None:
            handler(failure)
        else:
            self.failed.emit(failure)

    def _committed(self, change: Change) -> None:
        self._idle.start()
        if self.backups is not None:
            self.backups.note_change()
        self.changed.emit(change)

    # --- keeping the file complete ---------------------------------------------------------

    def checkpoint(self) -> bool:
        """Fold the WAL into the board file (when idle and on close)."""
        self._idle.stop()
        done = self.board.checkpoint()
        if done:
            self.checkpointed.emit()
        return done

    def close(self) -> None:
        if self._check is not None:
            self._check.join()
            self._check = None
        self._idle.stop()
        if self.backups is not None:
            self.backups.stop()
        self._unsubscribe()
        self.undo_stack.clear()
        self.board.close()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self.closed.emit()

    def __repr__(self) -> str:
        return f"<BoardSession {self.path or 'in memory'}>"


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] if message else ""
