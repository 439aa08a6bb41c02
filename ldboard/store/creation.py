"""Creating a new board: its schema, its meta rows and the default L&D columns."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from ldboard import __version__
from ldboard.store.clock import Clock, timestamp
from ldboard.store.connection import configure, migrate
from ldboard.store.errors import BoardFileError
from ldboard.store.files import move_into_place, temporary_beside

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


def board_name_for(path: Path) -> str:
    """A new board's name: the file name without extension, ``_`` read as a space."""
    return path.stem.replace("_", " ").strip() or "Untitled board"


def create_board_file(path: Path, clock: Clock) -> None:
    """Create a new board at ``path``, built beside it and moved into place only once complete."""
    directory = path.parent
    if not directory.is_dir():
        raise BoardFileError(
            path, f"Cannot create “{path.name}”: the folder {directory} does not exist."
        )
    try:
        with temporary_beside(path) as temporary:
            build_empty_board(temporary, board_name_for(path), clock)
            move_into_place(temporary, path)
    except sqlite3.Error as error:
        raise BoardFileError(path, f"Cannot create “{path}”: {error}.") from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise BoardFileError(path, f"Cannot create “{path}”: {reason}.") from error


def build_empty_board(
    path: Path, name: str, clock: Clock, *, seeded: bool = True, stop_before: str | None = None
) -> None:
    """Write a complete board into the (new, empty) file ``path``; self-contained when done.

    ``stop_before`` builds an older format (the migrations before that one), for
    content of that format to be filled in and then upgraded.
    """
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        configure(conn)
        migrate(conn, stop_before=stop_before)
        if seeded:
            seed(conn, name, clock())
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def seed(conn: sqlite3.Connection, name: str, moment: datetime) -> None:
    """A new board: its meta rows and the default L&D columns."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for key, value in initial_meta(name, moment).items():
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


def initial_meta(name: str, moment: datetime) -> dict[str, str]:
    return {
        "board_name": name,
        "created_at": timestamp(moment),
        "created_by": f"ldboard {__version__}",
        "key_prefix": "LD",
    }
