"""Boards that cannot be written open read-only, and nothing is written to or beside them.

Each case is checked by a child process running as a user that the file
permissions stop (``nobody`` via ``setpriv`` when the tests run as root).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from ldboard.store import Board
from ldboard.store.creation import seed
from ldboard.store.migrations import migrate
from ldboard.store.schema import MIGRATION_NAMES, SCHEMA_VERSION
from tests.unit.store.faults import crash_writer, folder_state, run_as_reader, shared_folder

_OPEN_AND_REPORT = """
import json, sys
from ldboard.store import Board

board = Board.open(sys.argv[1], create=False)
report = {
    "read_only": board.read_only,
    "reason": board.read_only_reason,
    "titles": sorted(card.title for card in board.cards()),
    "version": board.schema_version(),
}
try:
    board.connection.execute("DELETE FROM meta")
    report["sql_write"] = "written"
except Exception as error:
    report["sql_write"] = type(error).__name__
board.close()
print(json.dumps(report))
"""


@pytest.fixture
def folder() -> Iterator[Path]:
    made = shared_folder()
    yield made
    made.chmod(0o777)
    shutil.rmtree(made)


def _board_with_cards(path: Path, *titles: str) -> None:
    from ldboard import ops

    with Board.open(path) as board:
        for title in titles:
            ops.create_item(board, board.columns()[0].id, title)


def _open_as_reader(path: Path) -> dict:
    result = run_as_reader(_OPEN_AND_REPORT, str(path), cwd=path.parent.parent)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_read_only_file_opens_read_only_and_nothing_is_written(folder):
    path = folder / "plan.ldboard"
    _board_with_cards(path, "First", "Second")
    path.chmod(0o444)
    before = folder_state(folder)
    report = _open_as_reader(path)
    assert report["read_only"] is True
    assert report["reason"] == "“plan.ldboard” is read-only (file permissions)."
    assert report["titles"] == ["First", "Second"]
    assert report["sql_write"] == "OperationalError", "the connection itself refuses writes"
    assert folder_state(folder) == before, "no -wal/-shm, no byte changed"


def test_a_board_in_a_read_only_folder_opens_read_only(folder):
    path = folder / "plan.ldboard"
    _board_with_cards(path, "Only")
    path.chmod(0o666)
    before = folder_state(folder)
    folder.chmod(0o555)
    report = _open_as_reader(path)
    folder.chmod(0o777)
    assert report["read_only"] is True
    assert "folder" in report["reason"] and str(folder) in report["reason"]
    assert report["titles"] == ["Only"]
    assert folder_state(folder) == before


def test_a_read_only_board_shows_a_crashed_sessions_unsaved_changes(folder):
    path = folder / "plan.ldboard"
    _board_with_cards(path, "Saved")
    unsaved = crash_writer(path, items=2)
    for file in folder.iterdir():
        file.chmod(0o444)
    before = folder_state(folder)
    assert {"plan.ldboard-wal", "plan.ldboard-shm"} <= set(before)
    report = _open_as_reader(path)
    assert report["read_only"] is True
    assert report["titles"] == sorted(["Saved", *unsaved])
    assert folder_state(folder) == before, "the WAL is read, not merged"


def _older_board(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, stop_before=MIGRATION_NAMES[2])
    seed(conn, "Older", datetime(2026, 1, 5))
    conn.execute(
        "INSERT INTO items (key, title, column_id, rank, created_at, updated_at) "
        "VALUES ('LD-1', 'From format 2', 1, 1.0, '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z')"
    )
    conn.close()


def test_an_older_read_only_board_is_upgraded_in_memory_only(folder):
    path = folder / "old.ldboard"
    _older_board(path)
    path.chmod(0o444)
    before = folder_state(folder)
    report = _open_as_reader(path)
    assert report["read_only"] is True
    assert report["version"] == SCHEMA_VERSION
    assert report["titles"] == ["From format 2"]
    assert folder_state(folder) == before, "no upgrade in place, no backup copy written"


def test_boards_in_memory_and_writable_files_are_writable(tmp_path):
    with Board.in_memory() as board:
        assert (board.read_only, board.read_only_reason) == (False, "")
    with Board.open(tmp_path / "plan.ldboard") as board:
        assert (board.read_only, board.read_only_reason) == (False, "")
