"""Recognise a board file from its first 100 bytes, before SQLite touches it.

Reading the header with plain file I/O guarantees that a file we refuse is left
byte-for-byte unchanged: no connection is opened, so no journal, WAL or lock
file is created and no page is rewritten.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from ldboard.store.errors import BoardFileError, NewerBoardError, NotABoardError, NotSQLiteError
from ldboard.store.schema import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


class FileState(Enum):
    MISSING = "missing"  # no file yet: a new board will be created
    EMPTY = "empty"  # a zero-byte file: a new board will be created in it
    BOARD = "board"  # an ldboard board this version can open


def inspect_board_file(path: Path) -> FileState:
    """Classify ``path``, raising a ``BoardFileError`` that explains any refusal."""
    name = path.name or str(path)
    if path.is_dir():
        raise NotSQLiteError(path, f"“{path}” is a folder, not a board file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        return FileState.MISSING
    except PermissionError:
        raise BoardFileError(
            path, f"“{path}” cannot be read: permission denied. Check the file's permissions."
        ) from None
    except OSError as error:
        raise BoardFileError(path, f"“{path}” cannot be read: {error.strerror}.") from None
    if not header:
        return FileState.EMPTY
    if not header.startswith(SQLITE_MAGIC) or len(header) < HEADER_SIZE:
        raise NotSQLiteError(
            path,
            f"“{name}” is not an ldboard board: it is not an SQLite database "
            f"(it starts with {_describe(header)}). The file was not changed.",
        )
    application_id = int.from_bytes(header[68:72], "big")
    schema_version = int.from_bytes(header[60:64], "big")
    if application_id != APPLICATION_ID:
        owner = (
            "no application id" if application_id == 0 else f"application id {application_id:#010x}"
        )
        raise NotABoardError(
            path,
            f"“{name}” is an SQLite database of another application ({owner}), "
            "not an ldboard board. The file was not changed.",
        )
    check_schema_version(path, schema_version)
    return FileState.BOARD


def check_schema_version(path: Path, schema_version: int) -> None:
    name = path.name or str(path)
    if schema_version > SCHEMA_VERSION:
        raise NewerBoardError(
            path,
            f"“{name}” was saved by a newer ldboard (file format {schema_version}; this "
            f"version reads formats up to {SCHEMA_VERSION}). Update ldboard to open it. "
            "The file was not changed.",
        )
    if schema_version < 1:
        raise NotABoardError(
            path,
            f"“{name}” is marked as an ldboard board but has no schema version; it is "
            "damaged or was not written by ldboard. The file was not changed.",
        )


def _describe(header: bytes) -> str:
    sample = header[:16]
    if sample and all(32 <= b < 127 or b in (9, 10, 13) for b in sample):
        text = sample.decode("ascii").splitlines()[0] if sample.strip() else ""
        return f"the text “{text}”" if text else "blank text"
    return "bytes " + sample[:8].hex(" ")
