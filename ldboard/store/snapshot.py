"""Reading a board without writing a single byte of it or beside it.

Checking a board (on open and in ``ldboard check``), opening a read-only board
and salvaging a damaged one must read the board as SQLite would see it, WAL
included, yet change nothing. SQLite itself cannot do both (measured with
SQLite 3.40):

* ``mode=ro`` on a WAL-mode file creates ``-wal`` and ``-shm`` beside it when
  the folder is writable and leaves them there, rewrites the ``-shm`` index of
  an existing WAL, and fails in a folder it cannot write
  (``SQLITE_READONLY_DIRECTORY``) unless both already exist;
* ``mode=ro&immutable=1`` touches nothing, but ignores the ``-wal`` file, so it
  misses changes a crashed session left there.

So :func:`readable_copy` uses ``immutable=1`` when no companion file holds
data, and otherwise copies the board and its ``-wal`` (or hot ``-journal``)
into a private temporary folder, where SQLite merges them, and reads that.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ldboard.store.connection import connect_read_only, is_damage
from ldboard.store.errors import BoardFileError
from ldboard.store.files import pending_companions

#: Copying a board that another program writes at that moment is retried this often.
COPY_ATTEMPTS = 5


@dataclass
class ReadableBoard:
    """A connection to a board's content. ``merged_changes`` is true when a
    companion file held changes not yet in the board file itself."""

    conn: sqlite3.Connection
    merged_changes: bool
    pending: list[Path]


@contextlib.contextmanager
def readable_copy(path: Path) -> Iterator[ReadableBoard]:
    """Read ``path`` (WAL included) without writing to it or creating files beside it.

    SQLite errors that mean damage propagate as they are; others become
    ``BoardFileError``.
    """
    pending = pending_companions(path)
    if not pending:
        try:
            conn = connect_read_only(path, immutable=True)
        except sqlite3.Error as error:
            if is_damage(error):
                raise
            raise BoardFileError(path, f"“{path.name}” cannot be read: {error}.") from error
        try:
            yield ReadableBoard(conn, False, [])
        finally:
            conn.close()
        return
    folder = Path(tempfile.mkdtemp(prefix="ldboard-read-"))
    try:
        copy = folder / (path.name or "board")
        _copy_consistently(path, pending, copy)
        before = _digest(copy)
        conn = sqlite3.connect(str(copy), isolation_level=None)
        try:
            # Reading merges the WAL (or rolls back a hot journal) in the copy.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            merged = _digest(copy) != before
            yield ReadableBoard(conn, merged, pending)
        finally:
            conn.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def load_into_memory(source: sqlite3.Connection) -> sqlite3.Connection:
    """An in-memory database holding a copy of ``source`` (SQLite's backup API)."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        source.backup(memory)
    except BaseException:
        memory.close()
        raise
    return memory


def _copy_consistently(path: Path, pending: list[Path], copy: Path) -> None:
    """Copy the board and its data companions; retry if they change while being copied."""
    sources = [path, *pending]
    for _ in range(COPY_ATTEMPTS):
        before = [_signature(source) for source in sources]
        try:
            for source in sources:
                shutil.copyfile(source, copy.with_name(copy.name + source.name[len(path.name) :]))
        except OSError as error:
            raise BoardFileError(
                path, f"“{path.name}” cannot be read: {error.strerror or error}."
            ) from error
        if [_signature(source) for source in sources] == before:
            return
    raise BoardFileError(
        path,
        f"“{path.name}” kept changing while ldboard read it: another program is writing to "
        "it. Close that program and try again.",
    )


def _signature(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except FileNotFoundError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


def _digest(path: Path) -> str:
    import hashlib  # only needed after a crash, when a -wal is waiting

    digest = hashlib.blake2b()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
