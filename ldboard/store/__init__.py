"""The only package that speaks SQL.

``Board`` opens, validates and migrates a board file, answers read queries and
applies ``Change`` objects, each in exactly one transaction, after which it
tells its subscribers what changed.
"""

from ldboard.store.board import Board
from ldboard.store.changes import Change, EventRecord, RowDiff
from ldboard.store.errors import (
    BoardFileError,
    ConflictError,
    DamagedBoardError,
    NewerBoardError,
    NotABoardError,
    NotSQLiteError,
    StorageError,
)

__all__ = [
    "Board",
    "BoardFileError",
    "Change",
    "ConflictError",
    "DamagedBoardError",
    "EventRecord",
    "NewerBoardError",
    "NotABoardError",
    "NotSQLiteError",
    "RowDiff",
    "StorageError",
]
