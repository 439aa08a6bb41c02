"""A process killed in the middle of an import leaves nothing of it; one killed
after the import returned keeps all of it.

The child stops inside the import's transaction (after a given number of SQL
statements, counted by SQLite's trace callback) and waits to be killed, so
the kill lands at a known point rather than a lucky one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ldboard.store import Board
from tests.unit.store.faults import integrity

ROWS = 2_000

_IMPORT_UNTIL_KILLED = """
import sys
from ldboard.io.csv_import import import_items, plan_csv_file
from ldboard.store import Board

board = Board.open(sys.argv[1])
plan = plan_csv_file(board, sys.argv[2])
assert not plan.problems, plan.problems
stop_at = int(sys.argv[3])
statements = 0

def trace(_statement):
    global statements
    statements += 1
    if statements == stop_at:
        print("inside", flush=True)
        sys.stdin.read()

board.connection.set_trace_callback(trace)
import_items(board, plan, create_columns=True)
board.connection.set_trace_callback(None)
print("imported", flush=True)
sys.stdin.read()
"""


def write_sheet(path: Path) -> None:
    lines = ["Title,Stage,Tags,Owner,Priority"]
    lines += [
        f"Imported course {n},{('Intake', 'Discovery', 'Parking lot')[n % 3]},"
        f"tag {n % 7},Person {n % 11},{('Low', 'Medium', 'High')[n % 3]}"
        for n in range(ROWS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def killed_import(board: Path, sheet: Path, stop_at: int) -> str:
    """Run the import in a child, kill it where it stops; what it said last."""
    project = Path(__file__).resolve().parents[3]
    child = subprocess.Popen(
        [sys.executable, "-c", _IMPORT_UNTIL_KILLED, str(board), str(sheet), str(stop_at)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project)},
    )
    assert child.stdout is not None and child.stdin is not None
    said = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    child.stdin.close()
    assert child.returncode == -signal.SIGKILL
    return said


def counts(path: Path) -> tuple[int, int, int]:
    with Board.open(path) as board:
        conn = board.connection
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("items", "columns", "tags")
        )


@pytest.mark.parametrize("stop_at", [5, 400, 3_000])
def test_a_kill_inside_an_import_leaves_nothing_of_it(tmp_path, stop_at):
    board, sheet = tmp_path / "plan.ldboard", tmp_path / "backlog.csv"
    Board.open(board).close()
    write_sheet(sheet)
    before = counts(board)
    assert killed_import(board, sheet, stop_at) == "inside"
    assert integrity(board) == ["ok"]
    assert counts(board) == before


def test_a_kill_after_an_import_keeps_all_of_it(tmp_path):
    board, sheet = tmp_path / "plan.ldboard", tmp_path / "backlog.csv"
    Board.open(board).close()
    write_sheet(sheet)
    items, columns, tags = counts(board)
    assert killed_import(board, sheet, 10**9) == "imported"
    assert integrity(board) == ["ok"]
    assert counts(board) == (items + ROWS, columns + 1, tags + 7)
