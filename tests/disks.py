"""A disk that really fills up, for tests of what happens when it does.

As root (CI and the development containers) this mounts a small tmpfs and
fills it with a ballast file, so SQLite and the file system fail exactly as on
a full drive. Without the right to mount, the same failure is produced where
SQLite meets the disk: the board's connection is wrapped so that every write
statement fails with SQLite's own "database or disk is full" error. Tests
assert the same outcome either way.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SQLITE_FULL = 13


@functools.cache
def can_mount() -> bool:
    """Whether this process may mount a tmpfs (root with the mount capability)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    try:
        with small_disk(64):
            return True
    except subprocess.CalledProcessError:
        return False


@contextlib.contextmanager
def small_disk(size_kb: int = 600) -> Iterator[Path]:
    """A fresh, empty folder on its own small file system (tmpfs)."""
    folder = Path(tempfile.mkdtemp(prefix="ldboard-disk-"))
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs", str(folder)],
            check=True,
            capture_output=True,
        )
    except BaseException:
        folder.rmdir()
        raise
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)
        folder.rmdir()


def fill(folder: Path) -> Path:
    """Write a ballast file until the file system has no space left."""
    ballast = folder / "ballast.bin"
    chunk = b"\0" * 4096
    with ballast.open("ab", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError as error:
            assert error.errno == errno.ENOSPC, error
    return ballast


class FullDiskConnection:
    """Stands in for a board's ``sqlite3.Connection`` when no small disk can be
    mounted: reads pass through, any statement that would write fails as SQLite
    fails on a full disk (and the transaction is rolled back, as SQLite does)."""

    _WRITES = ("INSERT", "UPDATE", "DELETE", "COMMIT", "REPLACE", "CREATE", "DROP")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(self._WRITES):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = SQLITE_FULL
            error.sqlite_errorname = "SQLITE_FULL"
            raise error
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def make_read_only(folder: Path) -> None:
    """Remount a :func:`small_disk` read-only: even root cannot write to it then."""
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)
