"""Format 5 boards upgrade to format 6: a new, empty measurements table and nothing else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ldboard import ops
from ldboard.ops.measuring import add_measurement
from ldboard.store import Board
from ldboard.store.schema import MIGRATION_NAMES, SCHEMA_VERSION
from tests.unit.store.older_boards import columns_before, write_older_board

FORMAT_6 = MIGRATION_NAMES[5]


def _everything(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT IN ('_sqlite_migrations', 'measurements') "
                "AND name NOT LIKE 'intake%' AND name NOT LIKE 'evaluation%' AND name != 'thanks'"
            )
        ]
        return {
            t: conn.execute(
                f'SELECT {columns_before(conn, t)} FROM "{t}" ORDER BY rowid'
            ).fetchall()
            for t in tables
        }
    finally:
        conn.close()


def test_a_format_5_board_gains_the_measurements_table_and_keeps_every_row(tmp_path):
    path = tmp_path / "team.ldboard"
    write_older_board(path, FORMAT_6)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'measurements'").fetchone()
    conn.close()
    before = _everything(path)
    with Board.open(path, create=False) as board:
        assert board.schema_version() == SCHEMA_VERSION
        assert board.integrity_check() == ["ok"] and board.foreign_key_problems() == []
        assert board.connection.execute("SELECT count(*) FROM measurements").fetchone() == (0,)
        item = board.cards()[0]
        change = add_measurement(board, item.id, "2026-01-05", 12.0, label="Baseline")
        assert board.item(item.id).actual == 12.0
        ops.undo(board, change)
    after = _everything(path)
    assert after.pop("events")[: len(before["events"])] == before.pop("events")
    assert after == before


def test_the_upgrade_keeps_a_copy_of_the_format_5_file(tmp_path):
    path = tmp_path / "team.ldboard"
    write_older_board(path, FORMAT_6)
    Board.open(path, create=False).close()
    copy = tmp_path / f"team (before upgrade to format {SCHEMA_VERSION}).ldboard"
    assert copy.exists(), "a copy of the format-5 board is kept beside it"
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    conn.close()
