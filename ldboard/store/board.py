"""Opening, creating and writing a board file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ldboard import __version__
from ldboard.store.changes import Change
from ldboard.store.errors import BoardFileError, NewerBoardError, NotABoardError
from ldboard.store.inspect import FileState, check_schema_version, inspect_board_file
from ldboard.store.reads import BoardReads
from ldboard.store.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATION_SET, SCHEMA_VERSION
from ldboard.store.writer import append_event, write_diff

if TYPE_CHECKING:
    from sqlite_utils import Database

Clock = Callable[[], datetime]
Listener = Callable[[Change], None]

BUSY_TIMEOUT_SECONDS = 5.0

#: The default L&D flow: (name, category, WIP limit).
DEFAULT_COLUMNS: tuple[tuple[str, str, int | None], ...] = (
    ("Intake", "backlog", None),
    ("Discovery", "active", 3),
    ("Ready", "backlog", None),
    ("Building", "active", 3),
    ("Pilot", "active", 2),
    ("Measuring", "active", None),
    ("Done", "done", None),
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp(moment: datetime) -> str:
    """The file's timestamp format: ISO 8601 in UTC to the second, e.g. 2026-11-23T09:30:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Board(BoardReads):
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

    # --- opening --------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, clock: Clock = utc_now) -> Board:
        """Open (or, if ``create`` and the file is missing or empty, create) a board.

        Raises ``BoardFileError`` with a message for people when the file is not
        a board this version can use; the file is then left untouched.
        """
        path = Path(path).expanduser()
        state = inspect_board_file(path)
        if state is not FileState.BOARD:
            if not create:
                raise BoardFileError(path, f"“{path}” does not exist.")
            _create_file(path, clock)
        conn = _connect(path)
        try:
            _validate_open_board(path, conn)
            if _user_version(conn) < SCHEMA_VERSION:
                _migrate(conn)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, clock=clock)

    @classmethod
    def in_memory(cls, *, clock: Clock = utc_now, name: str = "Untitled board") -> Board:
        """A new board that lives only in memory (tests, previews)."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        _configure(conn)
        _migrate(conn)
        _seed(conn, name, clock())
        return cls(conn, None, clock=clock)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA optimize")
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
        """One atomic transaction: committed on success, rolled back on any error."""
        _begin(self._conn)
        try:
            yield self._conn
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def apply(self, change: Change) -> Change:
        """Write ``change`` in one transaction, then notify subscribers.

        Every row is checked against the change's "before" state first; if the
        file differs (``ConflictError``) nothing is written.
        """
        ts = self.now()
        with self.transaction() as conn:
            for diff in change.rows:
                write_diff(conn, diff)
            for event in change.events:
                append_event(conn, ts, event)
        for listener in list(self._listeners):
            listener(change)
        return change

    def set_meta_unlogged(self, key: str, value: str) -> None:
        """Write a meta value outside undo history (window-independent board settings)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def backup_to(self, destination: Path | str) -> Path:
        """Copy the board with SQLite's backup API, atomically replacing ``destination``."""
        destination = Path(destination).expanduser()
        directory = destination.parent
        fd, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", dir=directory)
        os.close(fd)
        try:
            target = sqlite3.connect(temporary, isolation_level=None)
            try:
                self._conn.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temporary, destination)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
        return destination


def _begin(conn: sqlite3.Connection) -> None:
    # IMMEDIATE takes the write lock up front, so a busy file fails before any work.
    conn.execute("BEGIN IMMEDIATE")


def _migrate(conn: sqlite3.Connection) -> None:
    from ldboard.store.migrations import migrate

    migrate(conn)


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as error:
        raise BoardFileError(path, f"“{path}” cannot be opened: {error}.") from error
    try:
        _configure(conn)
    except sqlite3.Error as error:
        conn.close()
        raise BoardFileError(path, f"“{path}” cannot be opened: {error}.") from error
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def _validate_open_board(path: Path, conn: sqlite3.Connection) -> None:
    """Re-check identity and version through SQLite (the header may lag behind a WAL)."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        raise NotABoardError(path, f"“{path.name}” is not an ldboard board.")
    check_schema_version(path, _user_version(conn))
    has_log = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not has_log:
        return
    applied = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            (MIGRATION_SET,),
        )
    ]
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        raise NewerBoardError(
            path,
            f"“{path.name}” has been upgraded by a newer ldboard (change {unknown[0]!r} is "
            "unknown here). Update ldboard to open it. The file was not changed.",
        )


def _create_file(path: Path, clock: Clock) -> None:
    """Create a new board beside ``path`` and move it into place only once complete."""
    directory = path.parent
    if not directory.exists():
        raise BoardFileError(
            path, f"Cannot create “{path.name}”: the folder {directory} does not exist."
        )
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=directory)
    except OSError as error:
        raise BoardFileError(path, f"Cannot create “{path}”: {error.strerror}.") from error
    os.close(fd)
    try:
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            _configure(conn)
            _migrate(conn)
            _seed(conn, path.stem.replace("_", " ").strip() or "Untitled board", clock())
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        os.replace(temporary, path)
    except sqlite3.Error as error:
        raise BoardFileError(path, f"Cannot create “{path}”: {error}.") from error
    finally:
        for leftover in (temporary, temporary + "-wal", temporary + "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)


def _seed(conn: sqlite3.Connection, name: str, moment: datetime) -> None:
    """A new board: its meta rows and the default L&D columns."""
    _begin(conn)
    try:
        created = timestamp(moment)
        for key, value in (
            ("board_name", name),
            ("created_at", created),
            ("created_by", f"ldboard {__version__}"),
            ("key_prefix", "LD"),
        ):
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
        for position, (column, category, limit) in enumerate(DEFAULT_COLUMNS):
            conn.execute(
                "INSERT INTO columns (name, position, category, wip_limit) VALUES (?, ?, ?, ?)",
                (column, position, category, limit),
            )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
