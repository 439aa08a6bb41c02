"""Errors raised when a file cannot be used as a board.

Every message names the file and says what to do next, because it is shown
verbatim in a dialog (GUI) or on stderr (CLI).
"""

from __future__ import annotations

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
