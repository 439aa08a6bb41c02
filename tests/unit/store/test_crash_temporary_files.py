"""Temporary files (``.NAME.XXXXXXXX.new``) left by a process killed while creating a board."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from ldboard import ops
from ldboard.store import Board
from ldboard.store.files import ABANDONED_AFTER, clean_abandoned_temporaries

# Creates a board but stops just before moving it into place, like a process
# killed midway through creation.
_INTERRUPTED_CREATION = """
import sys
import ldboard.store.creation as creation

def wait_for_the_kill(temporary, destination):
    print(temporary, flush=True)
    sys.stdin.read()

creation.move_into_place = wait_for_the_kill
from ldboard.store import Board
Board.open(sys.argv[1])
"""


def _killed_creation(path) -> str:
    child = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED_CREATION, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    temporary = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert child.stdin is not None
    child.stdin.close()
    return temporary


def _age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_killed_creation_leaves_a_temporary_file_that_the_next_open_removes(tmp_path):
    temporary = _killed_creation(tmp_path / "plan.ldboard")
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers and all(name.startswith(".plan.ldboard.") for name in leftovers)
    assert temporary.endswith(".new")
    for leftover in tmp_path.iterdir():
        _age(leftover, ABANDONED_AFTER + 60)
    with Board.open(tmp_path / "other.ldboard") as board:
        ops.create_item(board, board.columns()[0].id, "Still fine")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.ldboard"]


def test_a_creation_still_in_progress_is_not_disturbed(tmp_path):
    temporary = _killed_creation(tmp_path / "plan.ldboard")
    Board.open(tmp_path / "other.ldboard").close()
    assert os.path.exists(temporary), "younger than the grace period: it may still be in use"


def test_files_that_only_look_like_temporary_files_are_left_alone(tmp_path):
    unrelated = [
        tmp_path / ".notes.txt.new",  # no random part
        tmp_path / ".plan.ldboard.abcdefgh.new.bak",
        tmp_path / "plan.ldboard.abcdefgh.new",  # not hidden
    ]
    for path in unrelated:
        path.write_bytes(b"SQLite format 3\x00" + bytes(84))
    not_a_database = tmp_path / ".plan.ldboard.abcdefgh.new"
    not_a_database.write_text("someone's text")
    for path in [*unrelated, not_a_database]:
        _age(path, ABANDONED_AFTER * 10)
    assert clean_abandoned_temporaries(tmp_path) == []
    assert all(path.exists() for path in [*unrelated, not_a_database])


def test_save_a_copy_builds_in_a_temporary_file_of_the_same_pattern(tmp_path, monkeypatch):
    import ldboard.store.backups as backups

    seen = []

    def record(temporary, destination):
        seen.append(temporary.name)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "move_into_place", record)
    with Board.open(tmp_path / "plan.ldboard") as board, pytest.raises(OSError):
        board.backup_to(tmp_path / "copy.ldboard")
    assert len(seen) == 1
    name = seen[0]
    assert name.startswith(".copy.ldboard.") and name.endswith(".new")
    assert len(name) == len(".copy.ldboard.") + 8 + len(".new")
    assert not (tmp_path / name).exists(), "a failed copy removes its temporary file"


def test_new_files_get_the_usual_permissions_and_a_replaced_file_keeps_its_own(tmp_path):
    mask = os.umask(0o022)
    try:
        with Board.open(tmp_path / "plan.ldboard") as board:
            assert (tmp_path / "plan.ldboard").stat().st_mode & 0o777 == 0o644
            existing = tmp_path / "shared.ldboard"
            board.backup_to(existing)
            existing.chmod(0o640)
            board.backup_to(existing)
            assert existing.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(mask)
