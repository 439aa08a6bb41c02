"""Turns row diffs into SQL. Used only inside ``Board.apply``'s transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ldboard.store.changes import TABLE_KEYS, EventRecord, RowDiff
from ldboard.store.errors import ConflictError


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


#: Consecutive updates of this many rows or more are checked and written in bulk.
BULK_UPDATES = 8


def write_diffs(conn: sqlite3.Connection, diffs: Sequence[RowDiff]) -> None:
    """Write a change's diffs in order. A run of updates of the same columns of
    different rows of one table (planning 500 items) is checked with one query
    and written with one statement, and so is a run of inserts of the same
    columns into one table (an import); everything else goes row by row."""
    start = 0
    while start < len(diffs):
        end = start + 1
        while end < len(diffs) and _same_kind_of_update(diffs[start], diffs[end]):
            end += 1
        if end == start + 1:
            while end < len(diffs) and _same_kind_of_insert(diffs[start], diffs[end]):
                end += 1
        run = diffs[start:end]
        if len(run) >= BULK_UPDATES and run[0].before is None:
            _bulk_insert(conn, run)
        elif len(run) >= BULK_UPDATES and len({d.key for d in run}) == len(run):
            _bulk_update(conn, run)
        else:
            for diff in run:
                write_diff(conn, diff)
        start = end


def _same_kind_of_update(first: RowDiff, other: RowDiff) -> bool:
    if not (first.before and first.after and other.before and other.after):
        return False
    return (
        other.table == first.table
        and len(TABLE_KEYS[first.table]) == 1
        and list(other.before) == list(first.before)
        and list(other.after) == list(first.after)
    )


def _same_kind_of_insert(first: RowDiff, other: RowDiff) -> bool:
    return (
        first.before is None
        and other.before is None
        and first.after is not None
        and other.after is not None
        and other.table == first.table
        and list(other.after) == list(first.after)
    )


def _bulk_insert(conn: sqlite3.Connection, run: Sequence[RowDiff]) -> None:
    """Insert a run of new rows of one table, with the same columns, in one
    statement (an import adds thousands); a row already there is a conflict."""
    keys = TABLE_KEYS[run[0].table]
    rows = [dict(zip(keys, d.key, strict=True)) | (d.after or {}) for d in run]
    names = ", ".join(quote(c) for c in rows[0])
    marks = ", ".join("?" for _ in rows[0])
    try:
        conn.executemany(
            f"INSERT INTO {quote(run[0].table)} ({names}) VALUES ({marks})",
            [list(row.values()) for row in rows],
        )
    except sqlite3.IntegrityError as error:
        raise ConflictError(f"cannot add {run[0].table} rows: {error}") from error


def _bulk_update(conn: sqlite3.Connection, run: Sequence[RowDiff]) -> None:
    first = run[0]
    assert first.before is not None and first.after is not None
    (key,) = TABLE_KEYS[first.table]
    table = quote(first.table)
    columns = list(first.before)
    select = (
        f"SELECT {quote(key)}, {', '.join(quote(c) for c in columns)} FROM {table} "
        f"WHERE {quote(key)} IN (SELECT value FROM json_each(?))"
    )
    found = {
        row[0]: row[1:] for row in conn.execute(select, (json.dumps([d.key[0] for d in run]),))
    }
    for diff in run:
        current = found.get(diff.key[0])
        if current is None:
            raise ConflictError(f"{diff.table} {_key(diff)} no longer exists")
        assert diff.before is not None
        for column, value in zip(columns, current, strict=True):
            if not _same(value, diff.before[column]):
                raise ConflictError(
                    f"{diff.table} {_key(diff)}: {column} is {value!r}, "
                    f"expected {diff.before[column]!r}"
                )
    assignments = ", ".join(f"{quote(c)} = ?" for c in first.after)
    conn.executemany(
        f"UPDATE {table} SET {assignments} WHERE {quote(key)} = ?",
        [[*d.after.values(), *d.key] for d in run if d.after],
    )


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


def append_events(conn: sqlite3.Connection, ts: str, events: Iterable[EventRecord]) -> None:
    """Append a change's events in one statement (planning 500 items logs 500)."""
    conn.executemany(
        "INSERT INTO events (ts, item_id, kind, data) VALUES (?, ?, ?, ?)",
        [
            (ts, e.item_id, e.kind, json.dumps(e.data, ensure_ascii=False, default=str))
            for e in events
        ],
    )


def _same(current: Any, expected: Any) -> bool:
    if isinstance(current, float | int) and isinstance(expected, float | int):
        return float(current) == float(expected)
    return current == expected


def _key(diff: RowDiff) -> str:
    return "/".join(str(part) for part in diff.key)
