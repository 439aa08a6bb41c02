"""An open board: its reads, its one write path, its copies.

Opening, checking, creating and upgrading a board file happen in
``store/opening.py`` (and the modules it names), before a ``Board`` exists.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ldboard.store.backups import write_copy
from ldboard.store.changes import Change
from ldboard.store.clock import Clock, timestamp, utc_now
from ldboard.store.connection import BUSY_TIMEOUT_SECONDS, configure, migrate
from ldboard.store.creation import DEFAULT_COLUMNS, seed
from ldboard.store.errors import (
    StorageError,
    storage_error,
)
from ldboard.store.flow_reads import FlowReads
from ldboard.store.opening import open_board_file
from ldboard.store.practice_reads import PracticeReads
from ldboard.store.writer import append_events, write_diffs

if TYPE_CHECKING:
    from sqlite_utils import Database

Listener = Callable[[Change], None]

__all__ = ["BUSY_TIMEOUT_SECONDS", "DEFAULT_COLUMNS", "Board", "Clock", "timestamp", "utc_now"]

_log = logging.getLogger(__name__)


class Board(FlowReads, PracticeReads):
    """An open board file.

    Every write goes through :meth:`apply`, one transaction per change, after
    which each subscriber is told about the change (the UI's models update
    themselves from it).
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, *, clock: Clock = utc_now
    ) -> None:
        self._conn = conn
        self._path = path
        self._clock = clock
        self._listeners: list[Listener] = []
        self._database: Database | None = None
        #: A read-only board is shown but never written: ``apply`` refuses.
        self.read_only = False
        #: Why the board is read-only, in a sentence for people ("" when writable).
        self.read_only_reason = ""

    # --- opening --------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        clock: Clock = utc_now,
        quick_check: bool = True,
    ) -> Board:
        """Open (or, if ``create`` and the file is missing or empty, create) a board.

        Raises ``BoardFileError`` with a message for people when the file is not
        a board this version can use (``DamagedBoardError`` when it is damaged);
        the file is then left untouched. A board ldboard cannot write to opens
        read-only (``read_only``, ``read_only_reason``); an older board is
        upgraded after a backup copy is written beside it. See
        ``store/opening.py`` (also for ``quick_check=False``, which leaves the
        damage check to the caller).
        """
        path = Path(path).expanduser()
        opened = open_board_file(path, create=create, clock=clock, quick_check=quick_check)
        board = cls(opened.conn, path, clock=clock)
        board.read_only = bool(opened.read_only_reason)
        board.read_only_reason = opened.read_only_reason
        return board

    @classmethod
    def in_memory(cls, *, clock: Clock = utc_now, name: str = "Untitled board") -> Board:
        """A new board that lives only in memory (tests, previews)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        configure(conn)
        migrate(conn)
        seed(conn, name, clock())
        return cls(conn, None, clock=clock)

    def close(self) -> None:
        if not self.read_only:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
            self.checkpoint()
        self._conn.close()

    def __enter__(self) -> Board:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    @property
    def db(self) -> Database:
        """A sqlite-utils view of the board, for tools, exports and tests.

        Built on first use so that opening a board does not import sqlite-utils.
        """
        if self._database is None:
            from sqlite_utils import Database

            self._database = Database(self._conn, execute_plugins=False)
        return self._database

    # --- time -----------------------------------------------------------------

    def now(self) -> str:
        return timestamp(self._clock())

    def today(self) -> date:
        return self._clock().astimezone().date()

    # --- writing ------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every applied change; returns an unsubscriber."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic transaction: committed on success, rolled back on any error.

        A failed ``COMMIT`` (a full disk, an I/O error) leaves SQLite's
        transaction open; it is rolled back here so the file and the connection
        are exactly as they were before and the next action can start cleanly.
        """
        _begin(self._conn)
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            raise

    def apply(self, change: Change) -> Change:
        """Write ``change`` in one transaction, then notify subscribers.

        Every row is checked against the change's "before" state first; if the
        file differs (``ConflictError``) nothing is written. A storage failure
        (disk full, read-only, busy, damaged) raises ``StorageError`` after the
        transaction is rolled back. Once the change is committed it counts as
        done: a subscriber that fails is logged and the others are still told.
        """
        if self.read_only:
            raise StorageError(
                f"{self.read_only_reason or 'This board is open read-only.'} "
                "Changes cannot be saved; use File → Save a Copy As… to get an editable copy.",
                kind="read_only",
                path=self._path,
            )
        ts = self.now()
        try:
            with self.transaction() as conn:
                write_diffs(conn, change.rows)
                append_events(conn, ts, change.events)
        except sqlite3.Error as error:
            raise storage_error(error, self._path) from error
        self._notify(change)
        return change

    def _notify(self, change: Change) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                _log.exception("a listener failed after %r was saved", change.label)

    def checkpoint(self) -> bool:
        """Copy every committed change from the WAL into the board file itself.

        Afterwards a plain copy of the ``.ldboard`` file holds every change. Returns
        ``False`` when it could not complete (another reader, a read-only or
        in-memory board); nothing is lost then, the WAL still holds the changes.
        """
        if self.read_only or self._path is None:
            return False
        try:
            busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            _log.warning("checkpoint of %s failed", self._path, exc_info=True)
            return False
        return busy == 0

    def backup_to(self, destination: Path | str) -> Path:
        """Copy the board with SQLite's backup API, atomically replacing ``destination``.

        Leftover ``-wal``/``-shm``/``-journal`` files of an old file at
        ``destination`` are merged into it or moved aside first (see
        ``store/files.py``). Raises ``OSError`` or ``sqlite3.Error`` if the copy
        cannot be written and ``BoardFileError`` if ``destination`` is in use by
        another program; ``destination`` is then unchanged.
        """
        return write_copy(self._conn, Path(destination).expanduser())


def _begin(conn: sqlite3.Connection) -> None:
    # IMMEDIATE takes the write lock up front, so a busy file fails before any work.
    conn.execute("BEGIN IMMEDIATE")


# Kept under their former names for code that imported them from here.
_configure = configure
_seed = seed
