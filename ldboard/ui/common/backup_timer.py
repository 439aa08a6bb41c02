"""When an open board is backed up: once after it opens, then at most every 10 minutes
while it changes (see docs/backups.md).

The copy runs in a worker thread, with a connection of its own
(``store/rolling_backups.py`` opens one from the board's path), not in steps on
the UI thread. Python's ``sqlite3`` can only run the backup API to the end in
one call (``pages=`` just sets the step size inside that call), so stepping it
from the event loop would mean spinning the event loop inside its progress
callback. In the thread, SQLite copies and verifies without holding Python's
lock, so the window keeps drawing (on Linux the thread also runs at a lower
priority, so that on a busy machine the window's thread goes first). The
session's own ``Board`` connection is never touched from the thread. The
result comes back to the UI thread through a queued signal.

A failure (a full disk, a read-only or vanished folder, a board deleted
underneath the app) is reported once through the session's ``failed`` signal,
not at every attempt; the next attempt comes one interval later, and the first
success after failures reports nothing but quietly resets the report. When the
board file itself has gone, the report says how to get it back: everything is
still open in the app, so File → Save a Copy As… writes it out again.

How many backups are kept is read at each backup (``saved_policy``), so a
change in Backup Settings… applies from the next backup on.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from ldboard.domain.backup_policy import RetentionPolicy
from ldboard.store.errors import StorageError
from ldboard.store.rolling_backups import make_backup

_log = logging.getLogger(__name__)

#: The backup after opening waits this long, so that it stays out of the way
#: of building the window and reading a big board into memory.
FIRST_BACKUP_AFTER_MS = 3000
#: At most one backup this often while the board changes.
BACKUP_EVERY_MS = 10 * 60 * 1000


@dataclass(frozen=True, slots=True)
class BackupPlan:
    """The schedule's settings (tests shorten the waits)."""

    first_after_ms: int = FIRST_BACKUP_AFTER_MS
    every_ms: int = BACKUP_EVERY_MS
    #: The folder holding the boards' backup folders (default: the user data folder).
    root: Path | None = None
    #: ``None``: the person's choice in Backup Settings…, read at each backup.
    policy: RetentionPolicy | None = None


DEFAULT_PLAN = BackupPlan()


class BackupSchedule(QObject):
    """Backs up one board file; owned by its ``BoardSession``."""

    made = Signal(object)  # Path of the new backup
    failed = Signal(object)  # BackupError, once per run of failures
    _finished = Signal(object)  # Path or StorageError, from the worker thread

    def __init__(
        self,
        path: Path,
        plan: BackupPlan,
        allowed: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.plan = plan
        self._allowed = allowed
        self._worker: threading.Thread | None = None
        self._again = False  # a change came in while a backup was running
        self._failing = False
        self._stopped = False
        #: The latest backup made, and the error of the latest attempt (if it failed).
        self.last_backup: Path | None = None
        self.last_error: StorageError | None = None
        self._countdown = QTimer(self)
        self._countdown.setSingleShot(True)
        self._countdown.timeout.connect(self.back_up_now)
        self._finished.connect(self._done, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Plan the backup after opening (after the window's first paint)."""
        self._stopped = False
        self._countdown.start(self.plan.first_after_ms)

    def note_change(self) -> None:
        """A change was committed: make sure a backup comes within one interval."""
        if self._stopped:
            return
        if self._worker is not None:
            self._again = True
        elif not self._countdown.isActive():
            self._countdown.start(self.plan.every_ms)

    @property
    def pending(self) -> bool:
        """Whether a backup is planned or running."""
        return self._countdown.isActive() or self._worker is not None

    def back_up_now(self) -> bool:
        """Start a backup in the worker thread; ``False`` if one is running or not allowed."""
        self._countdown.stop()
        if self._stopped or self._worker is not None or not self._allowed():
            return False
        self._again = False
        self._worker = threading.Thread(target=self._run, name="ldboard-backup", daemon=True)
        self._worker.start()
        return True

    def stop(self) -> None:
        """No further backups; wait for one that is running (it takes well under a second)."""
        self._stopped = True
        self._countdown.stop()
        worker = self._worker
        if worker is not None:
            worker.join()

    def _run(self) -> None:
        _lower_priority_of_this_thread()
        plan = self.plan
        try:
            result: Path | StorageError = make_backup(self.path, root=plan.root, policy=plan.policy)
        except StorageError as error:
            result = error
        except Exception as error:  # never let the thread die silently
            _log.exception("backup of %s failed", self.path)
            result = StorageError(
                f"Could not back up “{self.path.name}”: {error}", kind="io", path=self.path
            )
        self._finished.emit(result)

    def _done(self, result: Path | StorageError) -> None:
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        if self._stopped:  # the board was closed or turned read-only meanwhile
            return
        if isinstance(result, StorageError):
            result = with_way_out(result, self.path)
            self.last_error = result
            _log.warning("backup failed: %s", result.message)
            if not self._failing:
                self._failing = True
                self.failed.emit(result)
            self._countdown.start(self.plan.every_ms)  # try again one interval later
            return
        self._failing = False
        self.last_error = None
        self.last_backup = result
        self.made.emit(result)
        if self._again:
            self._countdown.start(self.plan.every_ms)


def with_way_out(error: StorageError, board: Path) -> StorageError:
    """A board deleted (or moved) underneath the app is still whole in the app:
    say how to write it out again, before it is closed."""
    if error.kind != "missing" or board.exists():
        return error
    return type(error)(
        f"{error.message} Everything on it is still open here: use File → Save a Copy As… "
        "to write it to a file again before you close it.",
        kind=error.kind,
        path=error.path,
    )


def _lower_priority_of_this_thread() -> None:
    """Let the window's thread go first when both want the processor (Linux only,
    where a thread has a nice value of its own; elsewhere the call would reach
    the whole process or another one)."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
