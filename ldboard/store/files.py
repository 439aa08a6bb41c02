"""Putting a new file at a board's path without ever pairing it with an old WAL.

SQLite keeps a board's uncommitted or not-yet-merged pages beside it, in
``NAME-wal`` (and its index ``NAME-shm``) or, for boards in rollback mode, in
``NAME-journal``. These companions are found by name only: a new file moved to
``NAME`` while an old ``NAME-wal`` is still there gets that WAL replayed onto
it the next time it is opened, which leaves a malformed database. So every
place that puts a new file at a path (creating a board, saving a copy, writing
a backup) builds it in a temporary file and goes through :func:`move_into_place`,
which first deals with the companions left at the destination:

* if an SQLite file is there, its companions are merged into it (SQLite's own
  recovery: open it and checkpoint), after which SQLite removes them;
* companions that remain, or that belong to no file at all, are moved aside
  under a name that says what they are (``NAME-wal.orphaned-20260105-093000``):
  they may hold someone's unsaved changes, so they are never deleted silently.
  An ``-shm`` file holds no data (it is an index SQLite rebuilds from the WAL)
  and empty companions hold nothing, so those are removed.

Temporary files are named ``.NAME.XXXXXXXX.new`` in the destination's folder
(so the final rename stays on one file system). One left behind by a process
killed midway is removed the next time a board in that folder is opened, once
it is older than :data:`ABANDONED_AFTER` so that a creation still in progress
is not disturbed.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ldboard.store.errors import BoardFileError

#: SQLite's companion files, by suffix of the database's name.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
#: Companions that can hold data (the ``-shm`` index is rebuilt from the WAL).
DATA_COMPANIONS = ("-wal", "-journal")
TEMPORARY_SUFFIX = ".new"
#: Temporary files younger than this may belong to a creation still running.
ABANDONED_AFTER = 300.0  # seconds
SQLITE_MAGIC = b"SQLite format 3\x00"

_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.new(?P<companion>-wal|-shm|-journal)?$")


def companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def companions(path: Path) -> list[Path]:
    """The companion files that exist beside ``path``."""
    return [c for c in (companion(path, s) for s in COMPANION_SUFFIXES) if c.exists()]


def pending_companions(path: Path) -> list[Path]:
    """Companions that hold data SQLite would merge into ``path`` when opening it."""
    found = []
    for suffix in DATA_COMPANIONS:
        candidate = companion(path, suffix)
        with contextlib.suppress(OSError):
            if candidate.stat().st_size > 0:
                found.append(candidate)
    return found


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


# --- temporary files ------------------------------------------------------------------------


def new_temporary(destination: Path) -> Path:
    """An empty file ``.NAME.XXXXXXXX.new`` beside ``destination`` to build a new file in."""
    fd, name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=TEMPORARY_SUFFIX, dir=destination.parent
    )
    os.close(fd)
    return Path(name)


def remove_temporary(temporary: Path) -> None:
    """Remove a temporary file and any companion SQLite left beside it."""
    for leftover in (temporary, *(companion(temporary, s) for s in COMPANION_SUFFIXES)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


@contextlib.contextmanager
def temporary_beside(destination: Path) -> Iterator[Path]:
    """A temporary file for building ``destination``; removed unless moved into place."""
    temporary = new_temporary(destination)
    try:
        yield temporary
    finally:
        remove_temporary(temporary)


def clean_abandoned_temporaries(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove ``.NAME.XXXXXXXX.new`` files (and companions) left by a killed process.

    Only files older than :data:`ABANDONED_AFTER` that are empty or SQLite
    databases are removed; anything else with a similar name is left alone.
    Best effort: a folder that cannot be listed or written is skipped.
    Returns the removed files.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < ABANDONED_AFTER:
            continue
        path = Path(entry.path)
        is_main_file = match["companion"] is None
        if is_main_file and info.st_size and not is_sqlite_file(path):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


# --- moving a new file into place -------------------------------------------------------------


def move_into_place(temporary: Path, destination: Path) -> None:
    """Atomically replace ``destination`` by the complete file ``temporary``.

    The temporary file is flushed to disk first, the destination's leftover
    companions are dealt with (see the module docstring), and the folder entry
    is flushed afterwards, so after a crash the path holds either the old file
    or the complete new one, never a new file paired with an old WAL.
    """
    _fsync_file(temporary)
    _keep_permissions(destination, temporary)
    make_way(destination)
    os.replace(temporary, destination)
    _fsync_folder(destination.parent)


def make_way(destination: Path) -> None:
    """Leave no companion file beside ``destination`` (see the module docstring).

    Raises ``BoardFileError`` if the destination is in use by another program
    (its ``-wal`` and ``-shm`` outlive the merge because it still has them open).
    """
    if not companions(destination):
        return
    if destination.is_file() and is_sqlite_file(destination):
        _merge_companions(destination)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for leftover in companions(destination):
        try:
            if leftover.name.endswith("-shm") or leftover.stat().st_size == 0:
                leftover.unlink()
            else:
                leftover.rename(_aside_name(leftover, stamp))
        except FileNotFoundError:
            continue
        except OSError as error:
            raise BoardFileError(
                destination,
                f"Cannot replace “{destination.name}”: its companion file “{leftover.name}” "
                f"cannot be moved aside ({error.strerror}). Check the folder's permissions.",
            ) from error


def _merge_companions(path: Path) -> None:
    """Let SQLite merge a WAL or roll back a hot journal into ``path``.

    Reading the schema rolls back a hot journal; the last connection to close a
    WAL-mode database checkpoints it and deletes its ``-wal`` and ``-shm``. A
    database that cannot be opened or written keeps its companions, which the
    caller then moves aside. Companions that outlive our connection although the
    merge worked belong to another program that has the file open.
    """
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=1.0)
    except sqlite3.Error:
        return
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:
        return
    finally:
        conn.close()
    if any(companion(path, suffix).exists() for suffix in ("-wal", "-shm")):
        raise BoardFileError(
            path,
            f"Cannot replace “{path.name}”: another program is using it. Close that program "
            "and try again.",
        )


def _aside_name(leftover: Path, stamp: str) -> Path:
    candidate = leftover.with_name(f"{leftover.name}.orphaned-{stamp}")
    number = 2
    while candidate.exists():
        candidate = leftover.with_name(f"{leftover.name}.orphaned-{stamp}-{number}")
        number += 1
    return candidate


def _keep_permissions(destination: Path, temporary: Path) -> None:
    """Give the new file the old file's permissions, or the usual ones for a new file.

    ``mkstemp`` creates files that only their owner can read; a board replacing
    another keeps what the user had chosen, and a new board gets the same
    permissions as any file the user creates (the umask applies).
    """
    try:
        mode = stat.S_IMODE(destination.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    with contextlib.suppress(OSError):
        os.chmod(temporary, mode)


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o077)  # briefly the safest mask, should another thread create a file
    os.umask(mask)
    return mask


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
