"""Turns row diffs into SQL. Used only inside ``Board.apply``'s transaction."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ldboard.store.changes import TABLE_KEYS, EventRecord, RowDiff
from ldboard.store.errors import ConflictError


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def write_diff(conn: sqlite3.Connection, diff: RowDiff) -> None:
    """Insert, update or delete one row, first checking it is as the diff expects."""
    keys = TABLE_KEYS[diff.table]
    where = " AND ".join(f"{quote(k)} = ?" for k in keys)
    table = quote(diff.table)
    if diff.before is not None:
        columns = list(diff.before)
        select = f"SELECT {', '.join(quote(c) for c in columns) or '1'} FROM {table} WHERE {where}"
        row = conn.execute(select, diff.key).fetchone()
        if row is None:
            raise ConflictError(f"{diff.table} {_key(diff)} no longer exists")
        for column, current in zip(columns, row, strict=False):
            if not _same(current, diff.before[column]):
                raise ConflictError(
                    f"{diff.table} {_key(diff)}: {column} is {current!r}, "
                    f"expected {diff.before[column]!r}"
                )
    if diff.after is None:
        conn.execute(f"DELETE FROM {table} WHERE {where}", diff.key)
    elif diff.before is None:
        row = dict(zip(keys, diff.key, strict=True)) | diff.after
        names = ", ".join(quote(c) for c in row)
        marks = ", ".join("?" for _ in row)
        try:
            conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))
        except sqlite3.IntegrityError as error:
            raise ConflictError(f"cannot add {diff.table} {_key(diff)}: {error}") from error
    elif diff.after:
        assignments = ", ".join(f"{quote(c)} = ?" for c in diff.after)
        conn.execute(
            f"UPDATE {table} SET {assignments} WHERE {where}",
            [*diff.after.values(), *diff.key],
        )


def append_event(conn: sqlite3.Connection, ts: str, event: EventRecord) -> None:
    conn.execute(
        "INSERT INTO events (ts, item_id, kind, data) VALUES (?, ?, ?, ?)",
        (ts, event.item_id, event.kind, json.dumps(event.data, ensure_ascii=False, default=str)),
    )


def _same(current: Any, expected: Any) -> bool:
    if isinstance(current, float | int) and isinstance(expected, float | int):
        return float(current) == float(expected)
    return current == expected


def _key(diff: RowDiff) -> str:
    return "/".join(str(part) for part in diff.key)
