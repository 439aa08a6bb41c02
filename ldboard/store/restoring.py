"""Bringing a board back from one of its backups: a look inside first, then a copy.

A backup is a complete board in rollback-journal mode (see
``store/rolling_backups.py``), so it is read through a read-only, immutable
connection (nothing is created beside it) and copied with SQLite's backup
API, atomically, like "Save a copy" (``store/backups.py``). Restoring never
writes to the backup, so the same backup can be restored again.

To look at a whole backup before restoring it, :func:`open_backup` reads it
once into memory (checked, and upgraded there if an older ldboard made it)
and returns a read-only ``Board`` on that copy: every screen can show it, and
nothing is written to the backup or beside it (no lock, no journal).
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ldboard.store.backups import write_copy
from ldboard.store.board import Board
from ldboard.store.connection import connect_read_only
from ldboard.store.opening import open_in_memory_copy


@dataclass(frozen=True, slots=True)
class BackupPreview:
    """What a backup holds, in a few lines a person can compare with today's board."""

    board_name: str
    #: (column name, open items in it), in board order.
    columns: tuple[tuple[str, int], ...]
    archived: int
    iterations: tuple[tuple[str, str], ...]
    #: Titles of the items most recently changed, newest first.
    recent: tuple[str, ...]

    @property
    def items(self) -> int:
        return sum(count for _, count in self.columns)


def preview_backup(path: Path, recent: int = 5) -> BackupPreview:
    """Read what ``path`` holds; raises ``sqlite3.Error``/``OSError`` if it cannot be read."""
    with contextlib.closing(connect_read_only(Path(path), immutable=True)) as conn:
        name = conn.execute("SELECT value FROM meta WHERE key = 'board_name'").fetchone()
        columns = conn.execute(
            "SELECT c.name, count(i.id) FROM columns c "
            "LEFT JOIN items i ON i.column_id = c.id AND i.archived_at IS NULL "
            "GROUP BY c.id ORDER BY c.position"
        ).fetchall()
        archived = conn.execute(
            "SELECT count(*) FROM items WHERE archived_at IS NOT NULL"
        ).fetchone()[0]
        iterations = conn.execute("SELECT name, state FROM iterations ORDER BY id").fetchall()
        titles = conn.execute(
            "SELECT title FROM items WHERE archived_at IS NULL "
            "ORDER BY updated_at DESC, id DESC LIMIT ?",
            (recent,),
        ).fetchall()
    return BackupPreview(
        str(name[0]) if name else Path(path).stem,
        tuple((str(n), int(c)) for n, c in columns),
        int(archived),
        tuple((str(n), str(s)) for n, s in iterations),
        tuple(str(t) for (t,) in titles),
    )


def restore_copy(backup: Path, destination: Path) -> Path:
    """Write the board kept in ``backup`` to ``destination``, replacing it atomically.

    Raises ``OSError``/``sqlite3.Error`` (``destination`` then unchanged) or
    ``BoardFileError`` when another program has ``destination`` in use. The
    caller makes sure no board of its own has ``destination`` open.
    """
    source: sqlite3.Connection = connect_read_only(Path(backup), immutable=True)
    try:
        return write_copy(source, Path(destination))
    finally:
        source.close()


def open_backup(path: Path, reason: str) -> Board:
    """The board kept in the backup at ``path``, read-only, in memory.

    ``reason`` is what the app says about it ("A backup of … from …"). Raises
    ``BoardFileError`` (``DamagedBoardError`` for a damaged backup); the file is
    never written either way.
    """
    board = Board(open_in_memory_copy(Path(path)), Path(path))
    board.read_only = True
    board.read_only_reason = reason
    return board
