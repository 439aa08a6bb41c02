"""One ldboard per board file, enforced with ``QLockFile`` beside the board."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile

from ldboard.store import BoardFileError


class BoardLockedError(BoardFileError):
    """Another running ldboard has the board open."""


def lock_path(board_path: Path) -> Path:
    return board_path.with_name(board_path.name + ".lock")


def acquire_board_lock(board_path: Path) -> QLockFile:
    """Lock ``board_path`` for this process or raise ``BoardLockedError``.

    A lock left by a process that no longer runs (a crash, a kill) is removed
    and taken over. The lock is held for as long as the board is open, so
    time-based staleness is disabled: only a dead owner makes a lock stale.
    """
    lock = QLockFile(str(lock_path(board_path)))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return lock
    error = lock.error()
    if error == QLockFile.LockError.LockFailedError:
        info = lock.getLockInfo()  # (pid, hostname, application) when readable
        owner = f" (process {info[-3]} on {info[-2]})" if len(info) >= 3 and info[-3] else ""
        raise BoardLockedError(
            board_path,
            f"“{board_path.name}” is already open in another ldboard window{owner}. "
            "Switch to that window, or close it and try again.",
        )
    raise BoardFileError(
        board_path, f"Cannot open “{board_path.name}”: {_why_no_lock(board_path.parent)}"
    )


def _why_no_lock(folder: Path) -> str:
    """The real reason a lock file cannot be written in ``folder`` (QLockFile only
    says that it failed): a missing folder, no permission, or a full disk."""
    if not folder.is_dir():
        return f"the folder {folder} does not exist."
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"ldboard")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"the disk holding {folder} is full. Free some disk space and try again."
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return f"the folder {folder} is not writable."
        return f"the folder {folder} cannot be written ({error.strerror})."
    return f"a lock file could not be written in {folder}."
