"""A board's identity is checked twice: in the file header, and through SQLite.

The header (first 100 bytes of the file) is read before SQLite touches the file,
so foreign files are refused untouched. But in WAL mode the latest committed
state of page 1 (application id, schema version) may still be in the ``-wal``
file: the header lags behind. Opening therefore checks identity again through
SQLite, which reads the WAL. These tests build such files with a real writer
killed right after its commit, so the commit lives only in the WAL.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ldboard.store import Board, NewerBoardError, NotABoardError
from ldboard.store.inspect import HEADER_SIZE
from ldboard.store.schema import APPLICATION_ID, SCHEMA_VERSION

FOREIGN_ID = 0x12345678

#: Commits one statement in WAL mode and dies before any checkpoint can run.
CRASHING_WRITER = textwrap.dedent(
    """
    import os, signal, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute(sys.argv[2])
    print("committed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def commit_then_crash(path: Path, statement: str) -> None:
    """Commit ``statement`` to ``path`` from another process that is then SIGKILLed."""
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_WRITER, str(path), statement],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "committed", result.stderr
    assert result.returncode == -9, "the writer was killed, not closed"


def header_fields(path: Path) -> tuple[int, int]:
    """(application id, schema version) as the file header says."""
    header = path.read_bytes()[:HEADER_SIZE]
    return int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big")


def committed_fields(path: Path) -> tuple[int, int]:
    """(application id, schema version) as SQLite reads them, WAL included, from a copy."""
    copy = path.with_name("inspect-" + path.name)
    copy.write_bytes(path.read_bytes())
    wal = Path(f"{path}-wal")
    Path(f"{copy}-wal").write_bytes(wal.read_bytes())
    conn = sqlite3.connect(copy)
    try:
        return (
            conn.execute("PRAGMA application_id").fetchone()[0],
            conn.execute("PRAGMA user_version").fetchone()[0],
        )
    finally:
        conn.close()
        for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            leftover.unlink(missing_ok=True)


def digests(path: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.parent.iterdir())
        if p.name.startswith(path.name)
    }


@pytest.mark.parametrize(
    ("statement", "committed_id"),
    [(f"PRAGMA application_id = {FOREIGN_ID}", FOREIGN_ID), ("PRAGMA application_id = 0", 0)],
    ids=["foreign-application", "plain-sqlite"],
)
def test_a_board_header_over_a_wal_that_says_otherwise_is_refused(
    board_file, statement, committed_id
):
    commit_then_crash(board_file, statement)
    # The scenario: the header still says ldboard, the committed state does not.
    assert header_fields(board_file) == (APPLICATION_ID, SCHEMA_VERSION)
    assert committed_fields(board_file) == (committed_id, SCHEMA_VERSION)
    before = digests(board_file)
    with pytest.raises(NotABoardError, match=r"“plan\.ldboard” is not an ldboard board"):
        Board.open(board_file)
    assert digests(board_file) == before, "the file and its WAL were left as they were"


def test_a_board_whose_wal_holds_a_newer_schema_version_is_refused(board_file):
    commit_then_crash(board_file, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    assert header_fields(board_file) == (APPLICATION_ID, SCHEMA_VERSION)
    assert committed_fields(board_file) == (APPLICATION_ID, SCHEMA_VERSION + 1)
    before = digests(board_file)
    with pytest.raises(NewerBoardError, match="newer ldboard"):
        Board.open(board_file)
    assert digests(board_file) == before


def test_a_foreign_header_over_a_wal_that_says_ldboard_is_refused_untouched(tmp_path):
    """The reverse: the header is what the file is known to be until SQLite reads it,
    and a foreign header is refused before SQLite ever does."""
    path = tmp_path / "other.ldboard"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA application_id = {FOREIGN_ID}")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    commit_then_crash(path, f"PRAGMA application_id = {APPLICATION_ID}")
    assert header_fields(path)[0] == FOREIGN_ID
    assert committed_fields(path)[0] == APPLICATION_ID
    before = digests(path)
    with pytest.raises(NotABoardError, match="another application"):
        Board.open(path)
    assert digests(path) == before, "the file and its WAL were left as they were"
