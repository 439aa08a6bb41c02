"""Rebuild a board from whole-board JSON (docs/board-json.md) in a new file.

Only a new file: importing into an existing board would have to merge two
activity logs whose ids collide. The board is built beside its destination
with the store's own creation code (same schema, ``application_id`` and
migration records as ``ldboard new``), every row is inserted in one
transaction with its id kept, and the file is moved into place only when it is
complete and checked. Any problem raises :class:`BoardJsonError` naming the
file, the JSON path and what is wrong; nothing is then left at the destination.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ldboard.store.board_json import (
    FORMAT,
    OLDEST_SCHEMA_VERSION,
    TABLES,
    TOP_LEVEL_KEYS,
    VERSION,
    BoardJsonError,
    Column,
    quote,
    table_columns,
)
from ldboard.store.clock import Clock, utc_now
from ldboard.store.connection import migrate
from ldboard.store.creation import board_name_for, build_empty_board
from ldboard.store.files import move_into_place, temporary_beside
from ldboard.store.schema import MIGRATION_NAMES, SCHEMA_VERSION
from ldboard.store.sequences import raise_sequence, reserve_ids_in_events


class DestinationError(ValueError):
    """The new board cannot go where it was asked to (the path exists, no such folder)."""


@dataclass(frozen=True)
class ImportReport:
    """What was imported: rows per table, in document order."""

    destination: Path
    rows: dict[str, int]


def import_board_json(
    source: Path | str, destination: Path | str, *, clock: Clock = utc_now
) -> ImportReport:
    """Create the board ``destination`` (which must not exist) from the JSON file ``source``.

    Raises :class:`DestinationError` when ``destination`` exists or its folder
    does not, :class:`BoardJsonError` for a file that cannot be imported and
    ``OSError`` when ``source`` cannot be read or ``destination`` written.
    """
    source, destination = Path(source), Path(destination)
    if destination.exists() or destination.is_symlink():
        raise DestinationError(
            f"“{destination}” already exists; an import only creates a new board: "
            "choose a new file name."
        )
    if not destination.parent.is_dir():
        raise DestinationError(
            f"cannot create “{destination}”: the folder {destination.parent} does not exist."
        )
    document = read_document(source)
    version = document["schema_version"]
    # An older export is rebuilt at its own format, then upgraded like a board file.
    stop_before = MIGRATION_NAMES[version] if version < SCHEMA_VERSION else None
    with temporary_beside(destination) as temporary:
        build_empty_board(
            temporary, board_name_for(destination), clock, seeded=False, stop_before=stop_before
        )
        conn = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            # A file thrown away unless complete, flushed once by move_into_place:
            # no fsync per commit; and room for the log's indexes while inserting.
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA cache_size = -65536")
            rows = _fill(conn, source.name, document)
            if stop_before is not None:
                migrate(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        move_into_place(temporary, destination)
    return ImportReport(destination, rows)


def read_document(source: Path) -> dict[str, Any]:
    """The parsed document with its header checked; ``OSError`` if it cannot be read."""
    name = source.name
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BoardJsonError(name, "$", f"not UTF-8 text (byte {error.start}).") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BoardJsonError(
            name, "$", f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from error
    if not isinstance(document, dict):
        raise BoardJsonError(name, "$", f"expected an object, found {_kind(document)}.")
    if document.get("format") != FORMAT:
        raise BoardJsonError(
            name,
            "$.format",
            f"expected {json.dumps(FORMAT)}, found {_shown(document.get('format'))}: "
            "this is not an ldboard whole-board export.",
        )
    _check_version(name, document, "version", VERSION, "layout")
    _check_version(
        name, document, "schema_version", SCHEMA_VERSION, "board format", OLDEST_SCHEMA_VERSION
    )
    for key in document:
        if key not in TOP_LEVEL_KEYS:
            raise BoardJsonError(name, f"$.{key}", "unknown key.")
    for key in ("sequences", "tables"):
        if not isinstance(document.get(key), dict):
            raise BoardJsonError(
                name, f"$.{key}", f"expected an object, found {_kind(document.get(key))}."
            )
    return document


def _check_version(
    name: str, document: Mapping, key: str, current: int, what: str, oldest: int | None = None
) -> None:
    found = document.get(key)
    where = f"$.{key}"
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise BoardJsonError(name, where, f"expected a whole number ≥ 1, found {_shown(found)}.")
    if found > current:
        raise BoardJsonError(
            name,
            where,
            f"{what} {found} was written by a newer ldboard; this one reads up to {current}. "
            "Update ldboard to import it.",
        )
    if found < (current if oldest is None else oldest):
        raise BoardJsonError(
            name,
            where,
            f"{what} {found} is older than this ldboard's ({current}) and is not converted. "
            "Open the board file it came from with this ldboard, which upgrades it, "
            "and export it again.",
        )


def _fill(conn: sqlite3.Connection, name: str, document: Mapping) -> dict[str, int]:
    """Check every row against the schema, then insert everything in one transaction."""
    tables: Mapping = document["tables"]
    # The tables of the document's format (an older one lacks later tables).
    present = [table for table in TABLES if table_columns(conn, table)]
    for table in tables:
        if table not in present:
            raise BoardJsonError(name, f"$.tables.{table}", "unknown table.")
    schema = {table: table_columns(conn, table) for table in present}
    rows: dict[str, list[list[Any]]] = {}
    for table in present:
        if table not in tables:
            raise BoardJsonError(name, "$.tables", f"the table “{table}” is missing.")
        rows[table] = _checked_rows(name, table, schema[table], tables[table])
    if not rows["columns"]:
        raise BoardJsonError(name, "$.tables.columns", "a board needs at least one column.")
    sequences = _checked_sequences(name, document["sequences"], schema)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in present:
            _insert(conn, name, table, schema[table], rows[table])
        for table, highest in sequences.items():
            raise_sequence(conn, table, highest)
        reserve_ids_in_events(conn)
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:  # immediate checks make this a bug, never a user's file
            raise BoardJsonError(name, f"$.tables.{broken[0]}", "a row points at a missing row.")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return {table: len(rows[table]) for table in present}


def _checked_rows(
    name: str, table: str, columns: tuple[Column, ...], found: Any
) -> list[list[Any]]:
    where = f"$.tables.{table}"
    if not isinstance(found, list):
        raise BoardJsonError(name, where, f"expected a list of rows, found {_kind(found)}.")
    names = [c.name for c in columns]
    wanted = set(names)
    allowed = [(c.name, _types(c)) for c in columns]
    checked: list[list[Any]] = []
    for index, row in enumerate(found):
        if type(row) is not dict:
            raise BoardJsonError(
                name, f"{where}[{index}]", f"expected a row (an object), found {_kind(row)}."
            )
        if row.keys() != wanted:
            _explain_keys(name, f"{where}[{index}]", table, names, row)
        for column, types in allowed:
            value = row[column]
            if type(value) not in types:
                raise BoardJsonError(
                    name,
                    f"{where}[{index}].{column}",
                    f"expected {_expected(columns[names.index(column)])}, found {_shown(value)}.",
                )
        checked.append([row[n] for n in names])
    return checked


def _explain_keys(name: str, at: str, table: str, names: list[str], row: dict) -> None:
    for key in row:
        if key not in names:
            raise BoardJsonError(
                name, f"{at}.{key}", f"unknown column; {table} has {', '.join(names)}."
            )
    missing = [n for n in names if n not in row]
    raise BoardJsonError(name, at, f"the column “{missing[0]}” is missing.")


def _types(column: Column) -> frozenset[type]:
    """The JSON value types a column accepts (``bool`` is not a number here)."""
    kinds: set[type] = {
        "INTEGER": {int},
        "REAL": {int, float},
    }.get(column.kind, {str})
    return frozenset(kinds if column.not_null else kinds | {type(None)})


def _expected(column: Column) -> str:
    kind = {"INTEGER": "a whole number", "REAL": "a number"}.get(column.kind, "a string")
    return kind if column.not_null else f"{kind} or null"


def _checked_sequences(
    name: str, sequences: Mapping, schema: Mapping[str, tuple[Column, ...]]
) -> dict[str, int]:
    checked: dict[str, int] = {}
    for table, highest in sequences.items():
        where = f"$.sequences.{table}"
        if table not in schema:
            raise BoardJsonError(name, where, "unknown table.")
        if type(highest) is not int or not 0 <= highest < 2**63:
            raise BoardJsonError(
                name, where, f"expected a whole number ≥ 0, found {_shown(highest)}."
            )
        checked[table] = highest
    return checked


def _insert(
    conn: sqlite3.Connection,
    name: str,
    table: str,
    columns: tuple[Column, ...],
    rows: list[list[Any]],
) -> None:
    """Insert ``rows`` in order; a row the schema refuses is named by its place.

    The tables start empty and a failing statement inserts nothing, so the
    number of rows in the table after a failure is the failing row's index.
    """
    names = ", ".join(quote(c.name) for c in columns)
    marks = ", ".join("?" for _ in columns)
    try:
        conn.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)
    except (sqlite3.IntegrityError, OverflowError) as error:
        (index,) = conn.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()
        problem = (
            "a number too large for the board (whole numbers stop at 2**63 - 1)."
            if isinstance(error, OverflowError)
            else f"refused by the board's rules: {error}."
        )
        raise BoardJsonError(name, f"$.tables.{table}[{index}]", problem) from error


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return {dict: "an object", list: "a list", str: "a string"}.get(type(value), "a number")


def _shown(value: Any) -> str:
    """``value`` as JSON, shortened: messages quote what was found."""
    with contextlib.suppress(TypeError, ValueError):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 60 else text[:57] + "…"
    return repr(value)
