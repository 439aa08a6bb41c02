"""Write a file so that it is either there whole or not there at all.

The bytes go to a temporary file in the destination's own folder (so the
final rename never crosses file systems), are flushed to the disk with
``fsync``, and the temporary file then replaces the destination with
``os.replace``. Any failure removes the temporary file and leaves whatever
was at the destination before untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path written.

    Raises ``OSError`` (with nothing left behind) when the folder cannot be
    written, the disk is full, the path is a folder, or a file that is already
    there is read-only: a rename would replace it regardless of its permission
    (only the folder's counts), but its owner marked it as not to be changed.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    with contextlib.suppress(FileNotFoundError):
        if not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)
    return path


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    current = os.umask(0)
    os.umask(current)
    return current


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
