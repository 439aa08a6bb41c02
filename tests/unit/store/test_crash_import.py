"""A process killed in the middle of an import (a spreadsheet's cards, or results)
leaves nothing of it; one killed after the import returned keeps all of it.

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
from ldboard.io.results_import import import_results, plan_results_file
from ldboard.store import Board

board = Board.open(sys.argv[1])
results = sys.argv[4] == "results"
plan = (plan_results_file if results else plan_csv_file)(board, sys.argv[2])
assert not plan.problems, plan.problems
stop_at = int(sys.argv[3])
statements = 0

def trace(_statement):
    global statements
    statements += 1
    if statements == stop_at:
        # "inside" only once the import's transaction has begun (its reads come first).
        print("inside" if board.connection.in_transaction else "before", flush=True)
        sys.stdin.read()

board.connection.set_trace_callback(trace)
if results:
    import_results(board, plan)
else:
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


def killed_import(board: Path, sheet: Path, stop_at: int, kind: str = "csv") -> str:
    """Run the import in a child, kill it where it stops; what it said last."""
    project = Path(__file__).resolve().parents[3]
    child = subprocess.Popen(
        [sys.executable, "-c", _IMPORT_UNTIL_KILLED, str(board), str(sheet), str(stop_at), kind],
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


@pytest.mark.parametrize("stop_at", [36, 400, 3_000])
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


def write_results(path: Path) -> None:
    """A result for each imported card, dated so that each becomes its card's actual."""
    lines = ["Key,Date,Value,Phase"] + [f"LD-{n + 1},2026-03-01,{n},Pilot" for n in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measured(path: Path) -> tuple[int, int]:
    """(measurements, items with an actual)."""
    with Board.open(path) as board:
        conn = board.connection
        return (
            conn.execute("SELECT count(*) FROM measurements").fetchone()[0],
            conn.execute("SELECT count(*) FROM items WHERE actual IS NOT NULL").fetchone()[0],
        )


@pytest.mark.parametrize(("stop_at", "kept"), [(4_010, False), (8_000, False), (10**9, True)])
def test_a_kill_in_a_results_import_leaves_nothing_or_everything(tmp_path, stop_at, kept):
    board, sheet, results = tmp_path / "plan.ldboard", tmp_path / "backlog.csv", tmp_path / "r.csv"
    Board.open(board).close()
    write_sheet(sheet)
    assert killed_import(board, sheet, 10**9) == "imported"
    write_results(results)
    assert measured(board) == (0, 0)
    said = killed_import(board, results, stop_at, "results")
    assert said == ("imported" if kept else "inside")
    assert integrity(board) == ["ok"]
    assert measured(board) == ((ROWS, ROWS) if kept else (0, 0))
