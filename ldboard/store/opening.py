"""Opening a board file: create, check, open read-only or upgrade, never damage.

The order matters, because every step before the last must not write:

1. the header is read with plain file I/O (``store/inspect.py``): files that are
   not boards this version can use are refused untouched;
2. a missing or empty file becomes a new board (``store/creation.py``);
3. a board that cannot be written (file, folder or disk read-only) is loaded
   into memory and opened read-only, upgraded in memory if it is older;
4. the board is checked through a connection that cannot write
   (``store/snapshot.py``): identity, version and ``PRAGMA quick_check``, bounded
   in time for big boards. Damage raises ``DamagedBoardError`` and the file is
   never written: no migration, no journal-mode change, no checkpoint;
5. only then is the writable connection opened; an older board gets a backup
   copy beside it before it is upgraded.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ldboard.store.backups import upgrade_backup_path, write_copy
from ldboard.store.clock import Clock
from ldboard.store.connection import (
    QUICK_CHECK_BUDGET_SECONDS,
    connect_writable,
    is_damage,
    migrate,
    quick_check,
    validate_open_board,
)
from ldboard.store.creation import create_board_file
from ldboard.store.errors import BoardFileError, DamagedBoardError
from ldboard.store.files import clean_abandoned_temporaries, companions
from ldboard.store.inspect import FileState, inspect_board_file
from ldboard.store.schema import SCHEMA_VERSION
from ldboard.store.snapshot import load_into_memory, readable_copy


@dataclass
class OpenedFile:
    """A connection to an open board; ``read_only_reason`` is empty when it is writable."""

    conn: sqlite3.Connection
    read_only_reason: str = ""


def open_board_file(
    path: Path, *, create: bool, clock: Clock, quick_check: bool = True
) -> OpenedFile:
    """Open (or, if ``create``, create) the board at ``path``; see the module docstring.

    ``quick_check=False`` leaves step 4's ``PRAGMA quick_check`` of an up-to-date,
    writable board to the caller (see :func:`find_damage`), who then must not
    write before it has run. The app runs it beside building its window.
    """
    state = inspect_board_file(path)
    if path.parent.is_dir():
        clean_abandoned_temporaries(path.parent)
    if state is not FileState.BOARD:
        if not create:
            if state is FileState.EMPTY:
                raise BoardFileError(path, f"“{path}” is empty: it does not hold a board yet.")
            raise BoardFileError(path, f"“{path}” does not exist.")
        create_board_file(path, clock)
    reason = read_only_reason(path)
    if reason:
        return OpenedFile(open_in_memory_copy(path), reason)
    version = check_before_opening(path, quick=quick_check)
    conn = connect_writable(path)
    try:
        validate_open_board(path, conn)
        if version < SCHEMA_VERSION:
            upgrade_with_backup(path, conn, version)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise as_board_file_error(path, error) from error
    except BaseException:
        conn.close()
        raise
    return OpenedFile(conn)


def read_only_reason(path: Path) -> str:
    """Why ldboard cannot write to the board at ``path``, or ``""`` if it can.

    A board in WAL mode needs its folder too: SQLite creates ``-wal`` and
    ``-shm`` files beside it. (Root may write anything, so for root only a
    read-only disk counts.)
    """
    name, folder = path.name, path.parent
    with contextlib.suppress(OSError):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"“{name}” is on a disk or share that is read-only."
    if not os.access(path, os.W_OK):
        return f"“{name}” is read-only (file permissions)."
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"“{name}” is read-only: its folder {folder} is not writable (folder permissions)."
    for leftover in companions(path):
        if not os.access(leftover, os.W_OK):
            return (
                f"“{name}” is read-only: its companion file “{leftover.name}” cannot be "
                "written (it belongs to another user)."
            )
    return ""


def check_before_opening(path: Path, *, quick: bool = True) -> int:
    """Check the board without writing anything; returns its schema version.

    An older board, about to be upgraded, is checked completely; an up-to-date
    one for at most ``QUICK_CHECK_BUDGET_SECONDS``, or not at all when ``quick``
    is false (identity and version are always checked).
    """
    try:
        with readable_copy(path) as readable:
            version = validate_open_board(path, readable.conn)
            if version < SCHEMA_VERSION:
                findings = quick_check(readable.conn, budget=None)
            elif quick:
                findings = quick_check(readable.conn, budget=QUICK_CHECK_BUDGET_SECONDS)
            else:
                findings = []
    except sqlite3.DatabaseError as error:
        raise as_board_file_error(path, error) from error
    if findings:
        raise damaged_board_error(path, findings)
    return version


def find_damage(path: Path) -> DamagedBoardError | None:
    """``PRAGMA quick_check`` of the board at ``path``, read without writing to it.

    The damage found, or ``None``. Other problems reading the file are not
    damage and are left to the next read or write to report. Safe to run in
    another thread (it uses its own connection).
    """
    try:
        with readable_copy(path) as readable:
            findings = quick_check(readable.conn, budget=QUICK_CHECK_BUDGET_SECONDS)
    except sqlite3.DatabaseError as error:
        explained = as_board_file_error(path, error)
        return explained if isinstance(explained, DamagedBoardError) else None
    except BoardFileError:
        return None
    return damaged_board_error(path, findings) if findings else None


def open_in_memory_copy(path: Path) -> sqlite3.Connection:
    """A read-only board: a checked in-memory copy, upgraded there if it is older.

    SQLite cannot read a WAL-mode board in a read-only place without creating or
    rewriting files beside it (see ``store/snapshot.py``), and an older board
    cannot be upgraded in place, so the board is read once, into memory. The
    copy refuses writes (``PRAGMA query_only``); ``Board.apply`` refuses them
    with a message first.
    """
    try:
        with readable_copy(path) as readable:
            version = validate_open_board(path, readable.conn)
            findings = quick_check(readable.conn, budget=QUICK_CHECK_BUDGET_SECONDS)
            if findings:
                raise damaged_board_error(path, findings)
            memory = load_into_memory(readable.conn)
    except sqlite3.DatabaseError as error:
        raise as_board_file_error(path, error) from error
    try:
        if version < SCHEMA_VERSION:
            migrate(memory)
        memory.execute("PRAGMA foreign_keys = ON")
        memory.execute("PRAGMA query_only = ON")
    except BaseException:
        memory.close()
        raise
    return memory


def upgrade_with_backup(path: Path, conn: sqlite3.Connection, version: int) -> Path:
    """Write ``NAME (before upgrade to format N).ldboard`` beside the board, then migrate it.

    Returns the backup's path. Without a backup there is no upgrade.
    """
    backup = upgrade_backup_path(path, SCHEMA_VERSION)
    try:
        write_copy(conn, backup)
    except (OSError, sqlite3.Error, BoardFileError) as error:
        reason = getattr(error, "strerror", None) or getattr(error, "message", None) or error
        raise BoardFileError(
            path,
            f"“{path.name}” uses file format {version} and must be upgraded to format "
            f"{SCHEMA_VERSION}, but the copy ldboard keeps before an upgrade could not be "
            f"written to {path.parent} ({reason}). The board was not changed. Free some disk "
            "space or make the folder writable, then try again.",
        ) from error
    try:
        migrate(conn)
    except sqlite3.Error as error:
        if is_damage(error):
            raise
        raise BoardFileError(
            path,
            f"“{path.name}” could not be upgraded to file format {SCHEMA_VERSION} ({error}). "
            f"A copy from before the upgrade is in “{backup.name}”.",
        ) from error
    return backup


def as_board_file_error(path: Path, error: sqlite3.DatabaseError) -> BoardFileError:
    """An SQLite error met while opening, as a message about the file."""
    if is_damage(error):
        return damaged_board_error(path, [str(error)])
    return BoardFileError(path, f"“{path.name}” cannot be opened: {error}.")


def damaged_board_error(path: Path, findings: list[str]) -> DamagedBoardError:
    from ldboard.store.recovery import latest_backup

    backup = latest_backup(path)
    first = findings[0] if findings else "unknown damage"
    more = f" and {len(findings) - 1} more problem(s)" if len(findings) > 1 else ""
    offer = (
        f"Open the latest backup, “{backup.name}”, or save"
        if backup is not None
        else "You can save"
    )
    return DamagedBoardError(
        path,
        f"“{path.name}” is damaged (SQLite reports: {first}{more}). ldboard has not changed "
        f"it. {offer} what can still be read into a new board.",
        findings,
    )
