"""Ids that events refer to are never reused; format 2 boards upgrade safely."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ldboard import ops
from ldboard.store import Board, BoardFileError
from ldboard.store.creation import seed
from ldboard.store.migrations import migrate
from ldboard.store.recovery import latest_backup
from ldboard.store.schema import SCHEMA_VERSION
from tests.disks import can_mount, fill, small_disk
from tests.unit.store.faults import digest, integrity
from tests.unit.store.older_boards import FORMAT_3, write_older_board

# --- ids are never reused ---------------------------------------------------------------------


@pytest.fixture(params=["in-memory", "file"])
def any_board(request, tmp_path, clock):
    board = (
        Board.in_memory(clock=clock)
        if request.param == "in-memory"
        else Board.open(tmp_path / "plan.ldboard", clock=clock)
    )
    yield board
    board.close()


def test_a_removed_columns_id_is_not_given_to_the_next_column(any_board):
    highest = max(c.id for c in any_board.columns())
    ops.remove_column(any_board, highest)
    added = ops.add_column(any_board, "Evaluate")
    new_id = next(d.key[0] for d in added.rows if d.table == "columns" and d.is_insert)
    assert new_id == highest + 1


def test_a_removed_persons_and_tags_ids_are_not_reused(any_board):
    person = ops.create_person(any_board, "Ada").rows[0].key[0]
    ops.delete_person(any_board, person)
    assert ops.create_person(any_board, "Grace").rows[0].key[0] == person + 1
    tag = ops.create_tag(any_board, "sales").rows[0].key[0]
    ops.delete_tag(any_board, tag)
    assert ops.create_tag(any_board, "support").rows[0].key[0] == tag + 1


def test_undo_puts_a_removed_row_back_under_its_old_id(any_board):
    highest = max(c.id for c in any_board.columns())
    removal = ops.remove_column(any_board, highest)
    ops.undo(any_board, removal)
    assert any_board.column(highest) is not None
    ops.redo(any_board, removal)
    ops.undo(any_board, removal)
    assert max(c.id for c in any_board.columns()) == highest
    assert any_board.next_id("columns") == highest + 1


def test_tables_without_a_sequence_still_get_the_next_free_id(board):
    assert board.next_id("notes") == 1
    item = ops.create_item(board, board.columns()[0].id, "Noted").rows[-1].key[0]
    ops.add_note(board, item, "First")
    assert board.next_id("notes") == 2


# --- format 2 boards --------------------------------------------------------------------------


def _format_2_board(path: Path) -> None:
    """A realistic board as ldboard wrote it before format 3 (ids reused, lax dates)."""
    write_older_board(path, FORMAT_3)
    conn = sqlite3.connect(path, isolation_level=None)
    # SQLite 3.40's date() returns '2026-02-30' unchanged, so format 2 let it in.
    conn.execute("UPDATE items SET due = '2026-02-30' WHERE id = 1")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


#: How the owner of a retro entry reads once owners are people (format 4).
_OWNER_AS_TEXT = (
    "coalesce((SELECT p.name FROM people AS p WHERE p.id = retro_entries.owner_id), '')"
)


def _table_rows(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table of the board (or of ``columns``' tables, by those columns)."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        if columns is None:
            tables = [
                name
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'"
                )
            ]
            columns = {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
        found = {}
        for table, names in columns.items():
            present = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
            selected = [f'"{name}"' if name in present else _OWNER_AS_TEXT for name in names]
            found[table] = conn.execute(
                f'SELECT {", ".join(selected)} FROM "{table}" ORDER BY rowid'
            ).fetchall()
        return found
    finally:
        conn.close()


def _columns(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'"
            )
        ]
        return {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
    finally:
        conn.close()


def _schema(path: Path, kind: str) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = ?", (kind,)))
    finally:
        conn.close()


def test_a_format_2_board_is_upgraded_with_every_row_after_a_backup(tmp_path, monkeypatch):
    import ldboard.store.opening as opening

    path = tmp_path / "plan.ldboard"
    _format_2_board(path)
    columns = _columns(path)
    rows_before = _table_rows(path)
    assert any(row[5] for row in rows_before["retro_entries"]), "owners as free text"
    indexes_before = set(_schema(path, "index"))
    sequence_before = dict(sqlite3.connect(path).execute("SELECT * FROM sqlite_sequence"))
    backup = tmp_path / f"plan (before upgrade to format {SCHEMA_VERSION}).ldboard"
    migrate_for_real = opening.migrate

    def migrate_after_checking_the_backup(conn):
        assert backup.exists(), "the backup is written before the upgrade"
        assert _table_rows(backup) == rows_before
        migrate_for_real(conn)

    monkeypatch.setattr(opening, "migrate", migrate_after_checking_the_backup)
    with Board.open(path, create=False) as board:
        assert board.schema_version() == SCHEMA_VERSION
        assert board.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert board.foreign_key_problems() == []
        assert board.integrity_check() == ["ok"]
    rows_after = _table_rows(path, columns)
    expected = dict(rows_before)
    expected["items"] = [
        (row[0], *row[1:24], None, *row[25:]) if row[0] == 1 else row
        for row in rows_before["items"]
    ]
    assert rows_after == expected, "every row carried over; only the impossible date cleared"
    # 0004 replaced the retro entries' index by the lane index.
    assert set(_schema(path, "index")) == (indexes_before - {"retro_entries_iteration"}) | {
        "iterations_one_active",
        "events_planned_into",
        "events_planned_out_of",
        "retro_entries_lane",
        "retro_entries_open_actions",
        "retro_entries_owner",
        "retro_entries_item",
        "measurements_item",
        "items_triage",
        "intake_behaviours_item",
        "intake_partners_person",
        "evaluation_checks_item",
        "evaluation_checks_open",
        "thanks_person",
        "sqlite_autoindex_intake_partners_1",
        "retro_entries_closed_in",
        "sqlite_autoindex_iteration_snapshot_items_1",
    }
    tables = _schema(path, "table")
    for table in ("columns", "iterations", "items", "people", "tags", "retro_entries"):
        assert "AUTOINCREMENT" in tables[table], table
    sequence_after = dict(sqlite3.connect(path).execute("SELECT * FROM sqlite_sequence"))
    highest_item = max(row[0] for row in expected["items"])
    assert sequence_after["items"] == sequence_before["items"] > highest_item
    assert latest_backup(path) == backup
    assert _user_version(backup) == 2
    assert integrity(backup) == ["ok"]


def test_an_id_the_log_mentions_is_not_reused_after_the_upgrade(tmp_path):
    path = tmp_path / "plan.ldboard"
    _format_2_board(path)
    conn = sqlite3.connect(path)
    removed = conn.execute(
        "SELECT json_extract(data, '$.before.id') FROM events "
        "WHERE json_extract(data, '$.action') = 'remove_column'"
    ).fetchone()[0]
    assert removed > conn.execute("SELECT max(id) FROM columns").fetchone()[0]
    conn.close()
    with Board.open(path, create=False) as board:
        added = ops.add_column(board, "New stage")
    new_id = next(d.key[0] for d in added.rows if d.table == "columns" and d.is_insert)
    assert new_id == removed + 1


@pytest.mark.parametrize(
    "value", ["2026-02-30", "20260105", "2026-W01-1", "2026-1-5", "0000-01-01", " 2026-01-05"]
)
def test_the_upgraded_schema_accepts_only_real_dates(tmp_path, value):
    with Board.open(tmp_path / "plan.ldboard") as board:
        conn = board.connection
        ops.create_item(board, board.columns()[0].id, "Dated")
        conn.execute("UPDATE items SET due = '2026-02-28' WHERE id = 1")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            conn.execute("UPDATE items SET due = ? WHERE id = 1", (value,))
        conn.execute("INSERT INTO iterations (id, name) VALUES (1, 'S1')")
        for column in ("start", '"end"'):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
                conn.execute(f"UPDATE iterations SET {column} = ? WHERE id = 1", (value,))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            conn.execute(
                "INSERT INTO retro_entries (iteration_id, kind, text, created_at, due) "
                "VALUES (1, 'action', 'Follow up', '2026-01-05T09:00:00Z', ?)",
                (value,),
            )


def test_no_upgrade_without_a_backup(tmp_path, monkeypatch):
    """Disk full while writing the backup: the board is left exactly as it was.

    On a real small disk (a tmpfs, when the tests may mount one) filled up to
    leave room for the WAL but not for a copy; otherwise the copy fails as it
    would there.
    """
    import ldboard.store.opening as opening

    with contextlib.ExitStack() as stack:
        if can_mount():
            folder = stack.enter_context(small_disk(2048))
            path = folder / "plan.ldboard"
            _format_2_board(path)
            ballast = fill(folder)
            os.truncate(ballast, ballast.stat().st_size - 160 * 1024)
        else:
            path = tmp_path / "plan.ldboard"
            _format_2_board(path)

            def disk_full(source, destination):
                raise sqlite3.OperationalError("database or disk is full")

            monkeypatch.setattr(opening, "write_copy", disk_full)
        before = digest(path)
        with pytest.raises(BoardFileError, match="database or disk is full") as raised:
            Board.open(path, create=False)
        assert "could not be written" in raised.value.message
        assert "The board was not changed" in raised.value.message
        assert digest(path) == before
        assert sorted(p.name for p in path.parent.iterdir() if "plan" in p.name) == [
            "plan.ldboard"
        ], "no partial backup, no temporary file left"
        assert _user_version(path) == 2


def test_a_10000_item_board_upgrades(tmp_path):
    path = tmp_path / "big.ldboard"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, stop_before=FORMAT_3)
    seed(conn, "Big", datetime(2026, 1, 5, tzinfo=UTC))
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO items (id, key, title, description, column_id, rank, due, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z')",
        [
            (n, f"LD-{n}", f"Item {n}", "A description. " * 20, n % 7 + 1, float(n), "2026-03-01")
            for n in range(1, 10_001)
        ],
    )
    conn.executemany(
        "INSERT INTO events (ts, item_id, kind, data) VALUES ('2026-01-05T09:00:00Z', ?, "
        "'created', json_object('after', json_object('column_id', ?)))",
        [(n, n % 7 + 1) for n in range(1, 10_001)],
    )
    conn.execute("COMMIT")
    conn.close()
    with Board.open(path, create=False) as board:
        assert board.schema_version() == SCHEMA_VERSION
        assert board.item_count() == 10_000
        assert board.integrity_check() == ["ok"]
        assert board.next_item_id() == 10_001
