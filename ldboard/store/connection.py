"""SQLite connections to a board: settings, identity checks, health checks, migration."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from ldboard.store.errors import BoardFileError, NewerBoardError, NotABoardError
from ldboard.store.inspect import check_schema_version
from ldboard.store.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATION_SET

BUSY_TIMEOUT_SECONDS = 5.0
#: How long opening a board may spend on ``PRAGMA quick_check`` before it
#: stops checking (an interrupted check is not a finding), so that opening a
#: big board stays fast. A 10,000-card board is checked completely in about
#: 25 ms, a 50,000-card one in about 80 ms.
QUICK_CHECK_BUDGET_SECONDS = 0.1
#: At most this many problems are listed from one check.
MAX_FINDINGS = 20

#: SQLite result codes that mean the file's content is damaged.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def configure(conn: sqlite3.Connection) -> None:
    """The settings of every writable connection (see docs/file-format.md)."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def connect_writable(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as error:
        raise BoardFileError(path, f"“{path}” cannot be opened: {error}.") from error
    try:
        configure(conn)
    except sqlite3.Error as error:
        conn.close()
        if is_damage(error):
            raise
        raise BoardFileError(path, f"“{path}” cannot be opened: {error}.") from error
    return conn


def connect_read_only(path: Path, *, immutable: bool) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` nor create anything beside it.

    ``immutable`` makes SQLite read the file as it is, taking no locks and
    ignoring (and never creating) ``-wal``/``-shm`` files: only correct when
    there is no WAL to merge (see ``store/snapshot.py``).
    """
    uri = path.absolute().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def validate_open_board(path: Path, conn: sqlite3.Connection) -> int:
    """Re-check identity and version through SQLite (the header may lag behind a WAL).

    Returns the schema version.
    """
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        raise NotABoardError(
            path,
            f"“{path.name}” is not an ldboard board: its saved changes say it belongs to "
            "another application. The file was not changed.",
        )
    version = user_version(conn)
    check_schema_version(path, version)
    has_log = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not has_log:
        return version
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
    return version


def migrate(conn: sqlite3.Connection, *, stop_before: str | None = None) -> None:
    from ldboard.store.migrations import migrate as apply_migrations

    apply_migrations(conn, stop_before=stop_before)


def is_damage(error: BaseException) -> bool:
    """Whether an SQLite error means the file's content is damaged.

    Other errors (locked, busy, disk full, I/O, permissions) say nothing about
    the file itself and are reported as what they are.
    """
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return type(error) is sqlite3.DatabaseError
    return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def quick_check(conn: sqlite3.Connection, *, budget: float | None) -> list[str]:
    """Problems ``PRAGMA quick_check`` finds, or ``[]`` when there are none.

    With a ``budget`` (seconds) a check that takes longer is stopped and
    counts as finding nothing: on open, a big board is checked as far as time
    allows rather than making every start slow. An ``sqlite3.DatabaseError``
    raised by the check itself (a page so damaged that the check cannot read
    it) propagates.
    """
    return _check(conn, "quick_check", budget)


def integrity_check(conn: sqlite3.Connection) -> list[str]:
    """Problems ``PRAGMA integrity_check`` finds, or ``[]`` when there are none."""
    return _check(conn, "integrity_check", None)


def _check(conn: sqlite3.Connection, pragma: str, budget: float | None) -> list[str]:
    stopped = False
    if budget is not None:
        deadline = time.monotonic() + budget

        def out_of_time() -> int:
            nonlocal stopped
            stopped = time.monotonic() > deadline
            return int(stopped)

        conn.set_progress_handler(out_of_time, 10_000)
    try:
        rows = conn.execute(f"PRAGMA {pragma}({MAX_FINDINGS})").fetchall()
    except sqlite3.OperationalError:
        if stopped:
            return []
        raise
    finally:
        if budget is not None:
            conn.set_progress_handler(None, 0)
    findings = [str(row[0]) for row in rows]
    return [] if findings == ["ok"] else findings
