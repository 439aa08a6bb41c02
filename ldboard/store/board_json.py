"""Whole-board JSON: what the exporter and the importer agree on.

The document is described in docs/board-json.md. It is a backup and an
exchange format: every row of every table a person's board is made of, ids
included, so that the activity log (which names ids) still means the same
thing in the board rebuilt from it. SQLite's own tables (``sqlite_sequence``
aside, carried as ``sequences``), sqlite-utils' migration records and the
query planner's statistics are not the board's content and are left out.

The writer is ``board_json_export.py``, the reader ``board_json_import.py``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ldboard.store.schema import TABLES_PARENTS_FIRST

FORMAT = "ldboard-board"
#: The layout of the document. A change of layout (a key renamed, removed or
#: added) is a new version; a new board schema only changes ``schema_version``.
VERSION = 1

#: Every table of the board, parents before children, in the order the
#: document lists them (and the importer inserts them).
TABLES: tuple[str, ...] = TABLES_PARENTS_FIRST

#: The first board format written as whole-board JSON. An export of this or any
#: later format is imported at its own format and then upgraded by the same
#: migrations that upgrade a board file.
OLDEST_SCHEMA_VERSION = 5

#: Top-level keys, in the order they are written.
TOP_LEVEL_KEYS = ("format", "version", "schema_version", "sequences", "tables")


class BoardJsonError(ValueError):
    """A whole-board JSON file that cannot be imported, and where exactly.

    ``source`` is the file's name, ``where`` a JSON path such as
    ``$.tables.items[12].column_id`` and ``problem`` what is wrong there.
    """

    def __init__(self, source: str, where: str, problem: str) -> None:
        super().__init__(f"{source}: {where}: {problem}")
        self.source = source
        self.where = where
        self.problem = problem


@dataclass(frozen=True)
class Column:
    """A table column as the board's schema declares it."""

    name: str
    kind: str  # "INTEGER", "REAL" or "TEXT"
    not_null: bool
    primary_key: int  # position in the primary key, 0 when not part of it


def table_columns(conn: sqlite3.Connection, table: str) -> tuple[Column, ...]:
    """The columns of ``table`` in schema order."""
    return tuple(
        Column(name, (declared or "").upper(), bool(not_null), int(pk))
        for _cid, name, declared, not_null, _default, pk in conn.execute(
            f"PRAGMA table_info({quote(table)})"
        )
    )


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
