"""A process killed in the middle of a backup leaves the board and the older backups intact."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.generate import generate_board
from ldboard.store import Board
from ldboard.store.files import ABANDONED_AFTER
from ldboard.store.rolling_backups import backup_folder, list_backups, make_backup
from tests.unit.store.faults import digest, folder_state, integrity

# Backs up in small steps and stops after the first few, halfway through the
# copy, until it is killed.
_INTERRUPTED_BACKUP = """
import sys
from pathlib import Path
from ldboard.store.rolling_backups import make_backup

steps = 0

def halfway(remaining, total):
    global steps
    steps += 1
    if steps == 3:
        print(remaining, total, flush=True)
        sys.stdin.read()

make_backup(sys.argv[1], root=Path(sys.argv[2]), step_pages=64, progress=halfway)
"""


def _killed_backup(board: Path, root: Path) -> tuple[int, int]:
    project = Path(__file__).resolve().parents[3]
    child = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED_BACKUP, str(board), str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(project)},
    )
    assert child.stdout is not None
    remaining, total = (int(word) for word in child.stdout.readline().split())
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert child.stdin is not None
    child.stdin.close()
    assert child.returncode == -signal.SIGKILL
    return remaining, total


def test_a_kill_during_a_backup_leaves_the_board_and_older_backups_intact(tmp_path):
    board = tmp_path / "big.ldboard"
    generate_board(board, 2000)
    root = tmp_path / "backups"
    older = make_backup(board, root=root, clock=lambda: datetime(2026, 12, 1, tzinfo=UTC))
    board_before, backups_before = digest(board), folder_state(older.parent)

    remaining, total = _killed_backup(board, root)

    assert 0 < remaining < total, "killed in the middle of the copy"
    assert digest(board) == board_before
    assert integrity(board) == ["ok"]
    folder = backup_folder(board, root)
    leftovers = set(folder_state(folder)) - set(backups_before)
    assert leftovers, "the temporary copy (and its journal) stays until it is old enough"
    temporary = re.compile(r"\.big \(backup \d{8}T\d{6}Z\)\.ldboard\.\w{8}\.new(-journal)?")
    assert all(temporary.fullmatch(name) for name in leftovers), leftovers
    assert {k: v for k, v in folder_state(folder).items() if k in backups_before} == (
        backups_before
    )
    assert [info.path for info in list_backups(board, root=root)] == [older]
    assert integrity(older) == ["ok"]

    # The next backup works and, once the leftover is old enough, removes it.
    for name in leftovers:
        then = time.time() - ABANDONED_AFTER - 60
        os.utime(folder / name, (then, then))
    newer = make_backup(board, root=root)
    assert sorted(p.name for p in folder.iterdir()) == sorted([older.name, newer.name])
    with Board.open(newer, create=False) as copy:
        assert len(copy.cards()) == 2000
