"""Errors raised when a file cannot be used as a board.

Every message names the file and says what to do next, because it is shown
verbatim in a dialog (GUI) or on stderr (CLI).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class BoardFileError(Exception):
    """A file that cannot be opened as a board. The file is left untouched."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(message)


class NotSQLiteError(BoardFileError):
    """The file is not an SQLite database at all."""


class NotABoardError(BoardFileError):
    """An SQLite database that belongs to some other application."""


class NewerBoardError(BoardFileError):
    """A board written by a newer ldboard whose format this version cannot read."""


class ConflictError(RuntimeError):
    """A change no longer matches the file (e.g. undo after an outside edit).

    Raised before anything is written: the transaction is rolled back.
    """


class StorageError(Exception):
    """The board file could not be written or read (disk full, read-only, busy,
    damaged, I/O error). Nothing was changed: the transaction was rolled back.

    ``message`` is a sentence for people: what failed, why, and what to do.
    ``kind`` is one of ``"full"``, ``"read_only"``, ``"busy"``, ``"damaged"``,
    ``"missing"``, ``"io"`` or ``"rejected"``, for callers that react differently.
    """

    def __init__(self, message: str, *, kind: str, path: Path | None = None) -> None:
        self.message = message
        self.kind = kind
        self.path = path
        super().__init__(message)


#: SQLite primary result codes (the low byte of an extended code) by meaning.
_SQLITE_KINDS = {
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    8: "read_only",  # SQLITE_READONLY
    10: "io",  # SQLITE_IOERR
    11: "damaged",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "missing",  # SQLITE_CANTOPEN
    19: "rejected",  # SQLITE_CONSTRAINT
    26: "damaged",  # SQLITE_NOTADB
}


def storage_error(
    error: Exception, path: Path | None, *, doing: str = "save the change"
) -> StorageError:
    """Explain an ``sqlite3.Error`` or ``OSError`` raised while reading or writing a board.

    ``doing`` completes "could not …" (e.g. "save the change", "undo").
    """
    name = f"“{path.name}”" if path is not None else "the board"
    kind = "io"
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            kind = _SQLITE_KINDS.get(code & 0xFF, "io")
        elif "full" in str(error).lower():
            kind = "full"
    elif isinstance(error, OSError):
        kind = {
            errno.ENOSPC: "full",
            errno.EDQUOT: "full",
            errno.EROFS: "read_only",
            errno.EACCES: "read_only",
            errno.EPERM: "read_only",
            errno.ENOENT: "missing",
        }.get(error.errno or 0, "io")
    detail = str(error) if not isinstance(error, OSError) else (error.strerror or str(error))
    reasons = {
        "full": "the disk is full. Free some disk space and try again.",
        "read_only": f"{name} or its folder is read-only. Check the file's permissions, "
        "or save a copy somewhere you can write.",
        "busy": f"another program is using {name}. Close it (or wait a moment) and try again.",
        "damaged": f"{name} is damaged ({detail}). Close the board and open it again to "
        "recover what can be read.",
        "missing": f"{name} or its folder can no longer be reached ({detail}). "
        "Check that the drive is connected and the file was not moved.",
        "rejected": f"the board file refused it ({detail}).",
        "io": f"the disk reported an error ({detail}). Check the drive and try again.",
    }
    message = f"Could not {doing}: {reasons[kind]} Nothing was changed."
    return StorageError(message, kind=kind, path=path)


class DamagedBoardError(BoardFileError):
    """A board whose content SQLite cannot read (a damaged page, a broken index).

    ``findings`` lists what SQLite reported. The file was not written: no
    migration, no journal change, no checkpoint; see ``store/recovery.py`` for
    the latest backup and for copying what can still be read into a new board.
    """

    def __init__(self, path: Path | str, message: str, findings: list[str]) -> None:
        super().__init__(path, message)
        self.findings = list(findings)
