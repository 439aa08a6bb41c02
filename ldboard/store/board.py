"""Opening, creating and writing a board file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlite_utils import Database

from ldboard import __version__
from ldboard.store.changes import Change
from ldboard.store.errors import BoardFileError, NewerBoardError, NotABoardError
from ldboard.store.inspect import FileState, check_schema_version, inspect_board_file
from ldboard.store.reads import BoardReads
from ldboard.store.schema import APPLICATION_ID, MIGRATIONS
from ldboard.store.writer import append_event, write_diff

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

    def __init__(self, db: Database, path: Path | None, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._conn = db.conn
        self._path = path
        self._clock = clock
        self._listeners: list[Listener] = []

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
        db = _connect(path)
        try:
            _validate_open_board(path, db)
            MIGRATIONS.apply(db)
        except BaseException:
            db.close()
            raise
        return cls(db, path, clock=clock)

    @classmethod
    def in_memory(cls, *, clock: Clock = utc_now, name: str = "Untitled board") -> Board:
        """A new board that lives only in memory (tests, previews)."""
        db = Database(sqlite3.connect(":memory:", isolation_level=None), execute_plugins=False)
        _configure(db)
        MIGRATIONS.apply(db)
        _seed(db, name, clock())
        return cls(db, None, clock=clock)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.execute("PRAGMA optimize")
        self._db.close()

    def __enter__(self) -> Board:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def db(self) -> Database:
        """The sqlite-utils database, for read-only tools (exports, checks)."""
        return self._db

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

    def apply(self, change: Change) -> Change:
        """Write ``change`` in one transaction, then notify subscribers.

        Every row is checked against the change's "before" state first; if the
        file differs (``ConflictError``) nothing is written.
        """
        ts = self.now()
        with self._db.atomic():
            for diff in change.rows:
                write_diff(self._conn, diff)
            for event in change.events:
                append_event(self._conn, ts, event)
        for listener in list(self._listeners):
            listener(change)
        return change

    def set_meta_unlogged(self, key: str, value: str) -> None:
        """Write a meta value outside undo history (window-independent board settings)."""
        with self._db.atomic():
            self._conn.execute(
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


def _connect(path: Path) -> Database:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as error:
        raise BoardFileError(path, f"“{path}” cannot be opened: {error}.") from error
    db = Database(conn, execute_plugins=False)
    try:
        _configure(db)
    except sqlite3.Error as error:
        db.close()
        raise BoardFileError(path, f"“{path}” cannot be opened: {error}.") from error
    return db


def _configure(db: Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")


def _validate_open_board(path: Path, db: Database) -> None:
    """Re-check identity and version through SQLite (the header may lag behind a WAL)."""
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        raise NotABoardError(path, f"“{path.name}” is not an ldboard board.")
    check_schema_version(path, db.execute("PRAGMA user_version").fetchone()[0])
    known = {m.name for m in MIGRATIONS._migrations}
    unknown = [m.name for m in MIGRATIONS.applied(db) if m.name not in known]
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
        db = Database(sqlite3.connect(temporary, isolation_level=None), execute_plugins=False)
        try:
            _configure(db)
            MIGRATIONS.apply(db)
            _seed(db, path.stem.replace("_", " ").strip() or "Untitled board", clock())
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
        os.replace(temporary, path)
    except sqlite3.Error as error:
        raise BoardFileError(path, f"Cannot create “{path}”: {error}.") from error
    finally:
        for leftover in (temporary, temporary + "-wal", temporary + "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)


def _seed(db: Database, name: str, moment: datetime) -> None:
    """A new board: its meta rows and the default L&D columns."""
    with db.atomic():
        created = timestamp(moment)
        for key, value in (
            ("board_name", name),
            ("created_at", created),
            ("created_by", f"ldboard {__version__}"),
            ("key_prefix", "LD"),
        ):
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
        for position, (column, category, limit) in enumerate(DEFAULT_COLUMNS):
            db.execute(
                "INSERT INTO columns (name, position, category, wip_limit) VALUES (?, ?, ?, ?)",
                (column, position, category, limit),
            )
