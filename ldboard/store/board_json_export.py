"""A whole board as one JSON document (docs/board-json.md), made from its tables.

The text is deterministic so that exporting, importing and exporting again
gives the same bytes, and so that two exports can be compared with ``diff``:
tables in a fixed order, rows in primary-key order, columns in schema order,
one row per line, UTF-8 as is, a final newline. Values are written as SQLite
holds them; JSON held in a text column (``events.data``, ``people.roles``…)
stays the text it is, since re-encoding it could change its bytes. Strings
are escaped by SQLite's ``json_quote`` (``\u0001`` for control characters,
everything else as is): any JSON reader reads them, and the import writes
them back to the same bytes.
"""

from __future__ import annotations

import json
import math
import sqlite3

from ldboard.store.board_json import FORMAT, TABLES, VERSION, quote, table_columns
from ldboard.store.connection import user_version

_INDENT = "  "


def render_board_json(conn: sqlite3.Connection) -> str:
    """The board behind ``conn`` as whole-board JSON text. Only reads."""
    sequences = ", ".join(f"{_string(t)}: {n}" for t, n in _sequences(conn).items())
    parts = [
        "{\n",
        f'{_INDENT}"format": {_string(FORMAT)},\n',
        f'{_INDENT}"version": {VERSION},\n',
        f'{_INDENT}"schema_version": {user_version(conn)},\n',
        f'{_INDENT}"sequences": {{{sequences}}},\n',
        f'{_INDENT}"tables": {{\n',
    ]
    row_break = ",\n" + _INDENT * 3
    for number, table in enumerate(TABLES):
        lines = _lines(conn, table)
        comma = "," if number < len(TABLES) - 1 else ""
        if not lines:
            parts.append(f"{_INDENT * 2}{_string(table)}: []{comma}\n")
            continue
        body = row_break.join(lines)
        parts.append(
            f"{_INDENT * 2}{_string(table)}: [\n{_INDENT * 3}{body}\n{_INDENT * 2}]{comma}\n"
        )
    parts.append(f"{_INDENT}}}\n}}\n")
    return "".join(parts)


def _lines(conn: sqlite3.Connection, table: str) -> list[str]:
    """One JSON object per row, in primary-key order.

    SQLite writes the text, whole numbers and nulls itself (``json_quote``):
    no Python object per value, which is most of the time of a 100,000-event
    board. Only ``REAL`` columns are written by Python, whose ``repr`` is the
    shortest text that reads back as the same number (SQLite's JSON keeps 15
    digits, which would not survive a round trip).
    """
    columns = table_columns(conn, table)
    keys = sorted((c for c in columns if c.primary_key), key=lambda c: c.primary_key)
    order = ", ".join(quote(c.name) for c in keys) or "rowid"
    source = f"FROM {quote(table)} ORDER BY {order}"
    reals = [n for n, c in enumerate(columns) if c.kind == "REAL"]
    if not reals:
        pieces = " || ', ' || ".join(
            f"{_sql_text(_string(c.name) + ': ')} || json_quote({quote(c.name)})" for c in columns
        )
        return [line for (line,) in conn.execute(f"SELECT '{{' || {pieces} || '}}' {source}")]
    selected = ", ".join(
        quote(c.name) if c.kind == "REAL" else f"json_quote({quote(c.name)})" for c in columns
    )
    template = "{" + ", ".join(f"{_string(c.name)}: %s" for c in columns) + "}"
    lines = []
    for row in conn.execute(f"SELECT {selected} {source}"):
        values = list(row)
        for n in reals:
            values[n] = _number(values[n])
        lines.append(template % tuple(values))
    return lines


def _number(value: object) -> str:
    """A ``REAL`` column's value as JSON, as ``json.dumps`` writes it."""
    if value is None:
        return "null"
    if isinstance(value, float):
        if math.isfinite(value):
            return float.__repr__(value)
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, str):  # text that SQLite could not read as a number
        return _string(value)
    raise sqlite3.DataError(f"JSON cannot hold the value {value!r}")


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sequences(conn: sqlite3.Connection) -> dict[str, int]:
    """The highest id each table ever gave (``sqlite_sequence``), so that ids
    of removed rows, which the activity log may name, stay used."""
    found = dict(conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
    return {table: int(found[table]) for table in TABLES if table in found}
