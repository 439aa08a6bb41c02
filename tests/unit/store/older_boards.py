"""Realistic boards in older file formats, for the upgrade tests.

An older ldboard wrote its boards with the schema of its time. The content of
such a board is made here with today's ldboard (the demo, plus a removed
column and a deleted card, so the log mentions ids the tables no longer have)
and then copied, column by column, into a file that has only the migrations up
to the format wanted, the way that format stored it: retro owners as free text.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ldboard import ops
from ldboard.store import Board
from ldboard.store.creation import seed
from ldboard.store.demo import load_demo_content, populate_demo
from ldboard.store.migrations import migrate
from ldboard.store.schema import MIGRATION_NAMES
from tests.conftest import FakeClock

FORMAT_3 = MIGRATION_NAMES[2]
FORMAT_4 = MIGRATION_NAMES[3]

#: Columns that later migrations add to tables an older board already has (0007):
#: an upgrade test compares such a table's rows on the columns it had before.
ADDED_LATER = {
    "items": ("triage", "triage_reason", "audience_size", "risk", "inaction_score"),
    "people": ("level", "influence", "involvement", "commitments"),
}


def columns_before(conn: sqlite3.Connection, table: str) -> str:
    """``table``'s columns as a SELECT list, without those added by later migrations."""
    names = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    later = ADDED_LATER.get(table, ())
    return ", ".join(f'"{name}"' for name in names if name not in later)


def current_content() -> Board:
    """A demo board with a removed column and a deleted card, in today's format."""
    board = Board.in_memory(clock=FakeClock(datetime(2026, 1, 5, 9, tzinfo=UTC)))
    populate_demo(board, load_demo_content())
    last_column = max(c.id for c in board.columns())
    ops.remove_column(board, last_column, move_items_to=board.columns()[0].id)
    doomed = ops.create_item(board, board.columns()[0].id, "Deleted later").rows[-1].key[0]
    ops.delete_item(board, doomed)
    return board


def board_rows(
    path: Path, tables: tuple[str, ...] | None = None, *, leave_out: tuple[str, ...] = ()
) -> dict[str, list[tuple]]:
    """Rows of ``tables`` (default: every table of the board but ``leave_out``), read
    without writing, on the columns they had before later migrations added some."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        if tables is None:
            tables = tuple(
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'"
                )
                if name not in leave_out
            )
        return {
            t: conn.execute(
                f'SELECT {columns_before(conn, t)} FROM "{t}" ORDER BY rowid'
            ).fetchall()
            for t in tables
        }
    finally:
        conn.close()


def write_older_board(path: Path, stop_before: str) -> None:
    """A board at ``path`` in the format before migration ``stop_before``, with the demo."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, stop_before=stop_before)
    seed(conn, "Older", datetime(2026, 1, 5, tzinfo=UTC))
    source = current_content()
    try:
        copy_into(source.connection, conn)
    finally:
        source.close()
        conn.close()


def copy_into(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Every row of ``source`` whose table ``target`` has, by the columns ``target`` has."""
    owners = dict(source.execute("SELECT id, name FROM people"))
    target.execute("PRAGMA foreign_keys = OFF")
    target.execute("BEGIN")
    tables = [
        name
        for (name,) in target.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != '_sqlite_migrations'"
        )
    ]
    for table in tables:
        target.execute(f'DELETE FROM "{table}"')
        wanted = [row[1] for row in target.execute(f'PRAGMA table_info("{table}")')]
        present = {row[1] for row in source.execute(f'PRAGMA table_info("{table}")')}
        columns = [c for c in wanted if c in present]
        if table == "retro_entries" and "owner" in wanted:
            columns.append("owner_id")
        selected = ", ".join(f'"{c}"' for c in columns)
        rows = source.execute(f'SELECT {selected} FROM "{table}" ORDER BY rowid').fetchall()
        names = list(columns)
        if table == "retro_entries" and "owner" in wanted:
            names[-1] = "owner"
            rows = [(*row[:-1], owners.get(row[-1], "")) for row in rows]
        marks = ", ".join("?" for _ in names)
        quoted = ", ".join(f'"{c}"' for c in names)
        target.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)
    counting = {
        name
        for name, sql in target.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        if "AUTOINCREMENT" in (sql or "")
    }
    for name, seq in source.execute("SELECT name, seq FROM sqlite_sequence"):
        if name in counting:
            target.execute("DELETE FROM sqlite_sequence WHERE name = ?", (name,))
            target.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, seq))
    target.execute("COMMIT")
