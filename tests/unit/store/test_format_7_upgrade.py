"""Format 6 boards upgrade to format 7: new empty practice tables and columns, nothing else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ldboard import ops
from ldboard.domain.practice import IntakeRecord
from ldboard.ops.intake import Request, record_request
from ldboard.store import Board
from ldboard.store.schema import MIGRATION_NAMES, SCHEMA_VERSION
from tests.unit.store.older_boards import board_rows, write_older_board

FORMAT_7 = MIGRATION_NAMES[6]
NEW_TABLES = (
    "intakes",
    "intake_behaviours",
    "intake_partners",
    "evaluation_plans",
    "evaluation_checks",
    "thanks",
)


def _rows(path: Path) -> dict[str, list[tuple]]:
    return board_rows(path, leave_out=NEW_TABLES)


def test_a_format_6_demo_board_upgrades_to_format_7_keeping_every_row(tmp_path):
    path = tmp_path / "team.ldboard"
    write_older_board(path, FORMAT_7)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    assert conn.execute("SELECT count(*) FROM measurements").fetchone()[0] > 0
    conn.close()
    before = _rows(path)
    with Board.open(path, create=False) as board:
        assert board.schema_version() == SCHEMA_VERSION == 7
        assert board.integrity_check() == ["ok"] and board.foreign_key_problems() == []
        conn = board.connection
        for table in NEW_TABLES:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        added = "SELECT count(*) FROM items WHERE triage IS NOT NULL OR triage_reason != '' "
        added += "OR audience_size IS NOT NULL OR risk IS NOT NULL OR inaction_score IS NOT NULL"
        assert conn.execute(added).fetchone() == (0,), "existing items were never requests"
        placed = "SELECT count(*) FROM people WHERE level IS NOT NULL OR influence IS NOT NULL"
        assert conn.execute(placed).fetchone() == (0,)
        record = IntakeRecord("2026-11-20", "initiative")
        change = record_request(board, Request("After the upgrade", record, "Maria Okonkwo"))
        assert [(r.title, r.triage) for r in board.requests()] == [
            ("After the upgrade", "approved")
        ]
        ops.undo(board, change)
    after = _rows(path)
    assert after.pop("events")[: len(before["events"])] == before.pop("events")
    people_after, people_before = after.pop("people"), before.pop("people")
    assert people_after[: len(people_before)] == people_before
    assert after == before
    copy = tmp_path / f"team (before upgrade to format {SCHEMA_VERSION}).ldboard"
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 6
    conn.close()
