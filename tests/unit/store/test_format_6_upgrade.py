"""Format 5 boards upgrade to format 6: a new, empty measurements table and nothing else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ldboard import ops
from ldboard.ops.measuring import add_measurement
from ldboard.store import Board
from ldboard.store.schema import MIGRATION_NAMES, SCHEMA_VERSION
from tests.unit.store.older_boards import board_rows, write_older_board

FORMAT_6 = MIGRATION_NAMES[5]


#: Tables a later format added: not in a format-5 board, left out of the comparison.
LATER_TABLES = (
    "measurements",
    "intakes",
    "intake_behaviours",
    "intake_partners",
    "evaluation_plans",
    "evaluation_checks",
    "thanks",
)


def _everything(path: Path) -> dict[str, list[tuple]]:
    return board_rows(path, leave_out=LATER_TABLES)


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
