"""One ldboard per board file, enforced with ``QLockFile`` beside the board."""

from __future__ import annotations

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
    folder = board_path.parent
    reason = "does not exist" if not folder.is_dir() else "is not writable"
    raise BoardFileError(
        board_path, f"Cannot open “{board_path.name}”: the folder {folder} {reason}."
    )
