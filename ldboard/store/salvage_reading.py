"""Reading every row of a table that cannot be read to its end.

A damaged page stops a table scan where it lies. The rows before it come from
the scan in rowid order, the rows after it from a scan in reverse order, and
the rows in between are asked for one rowid at a time: a row on a readable
page comes back, a row on the damaged page raises an error and is reported.
The indexes (which may be intact when the table's pages are not) and
``sqlite_sequence`` tell how far the table went when its last page is the
damaged one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Rowids asked for one at a time, at most, per table.
MAX_PROBES = 200_000
#: When nothing says how far a table went, rowids are asked for this far past the damage.
BLIND_PROBES = 1_000

_PARTIAL = re.compile(r"\bWHERE\b(?P<condition>.*)$", re.IGNORECASE | re.DOTALL)


@dataclass
class TableRead:
    """The rows read, as ``(rowid, values)`` in rowid order, and what could not be read."""

    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_table(source: sqlite3.Connection, table: str, columns: list[str]) -> TableRead:
    names = ", ".join(_q(c) for c in columns) or "NULL"
    select = f"SELECT rowid, {names} FROM {_q(table)}"
    rows: dict[int, tuple[Any, ...]] = {}
    if _scan(source.execute, f"{select} ORDER BY rowid", rows):
        return TableRead(sorted(rows.items()))
    low = max(rows, default=None)
    before_backward = set(rows)
    _scan(source.execute, f"{select} ORDER BY rowid DESC", rows, stop_at=before_backward)
    from_end = [rowid for rowid in rows if rowid not in before_backward]
    high = min(from_end, default=None)
    hints = _rowids_in_indexes(source, table) | _sequence_hint(source, table)
    start = (low + 1) if low is not None else min(hints | {1})
    blind = high is None and not [h for h in hints if h >= start]
    if high is None:
        high = max(hints | {start - 1}) + 1 if not blind else start + BLIND_PROBES
    failed = _probe(source, select, range(start, min(high, start + MAX_PROBES)), rows)
    problems = []
    if failed:
        problems.append(f"rows with ids {_ranges(failed)} could not be read")
    if blind or high - start > MAX_PROBES:
        last = max(rows, default=start - 1)
        problems.append(f"rows after id {last} may be missing (the end of the table is damaged)")
    if not rows and not failed:
        problems.append("the table could not be read at all")
    return TableRead(sorted(rows.items()), problems)


def _scan(
    execute: Any, sql: str, rows: dict[int, tuple[Any, ...]], stop_at: set[int] | None = None
) -> bool:
    """Add the rows of ``sql`` until the end (``True``) or a damaged page (``False``)."""
    try:
        for rowid, *values in execute(sql):
            if stop_at is not None and rowid in stop_at:
                return True
            rows[rowid] = tuple(values)
    except sqlite3.DatabaseError:
        return False
    return True


def _probe(
    source: sqlite3.Connection,
    select: str,
    rowids: Iterable[int],
    rows: dict[int, tuple[Any, ...]],
) -> list[int]:
    failed = []
    for rowid in rowids:
        if rowid in rows:
            continue
        try:
            found = source.execute(f"{select} WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            failed.append(rowid)
            continue
        if found is not None:
            rows[rowid] = tuple(found[1:])
    return failed


def _rowids_in_indexes(source: sqlite3.Connection, table: str) -> set[int]:
    """Rowids that the table's indexes know, as far as the indexes can be read."""
    found: set[int] = set()
    try:
        indexes = source.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
        ).fetchall()
    except sqlite3.DatabaseError:
        return found
    for name, sql in indexes:
        partial = _PARTIAL.search(sql or "")
        where = partial["condition"] if partial else "1"
        try:
            for (rowid,) in source.execute(
                f"SELECT rowid FROM {_q(table)} INDEXED BY {_q(name)} WHERE {where}"
            ):
                found.add(rowid)
        except sqlite3.DatabaseError:
            continue
    return found


def _sequence_hint(source: sqlite3.Connection, table: str) -> set[int]:
    try:
        found = source.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,))
        row = found.fetchone()
    except sqlite3.DatabaseError:
        return set()
    return {int(row[0])} if row and isinstance(row[0], int) else set()


def _ranges(rowids: list[int]) -> str:
    """``1–3, 7, 9–12`` (at most five ranges, then a count)."""
    spans: list[tuple[int, int]] = []
    for rowid in sorted(rowids):
        if spans and rowid == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], rowid)
        else:
            spans.append((rowid, rowid))
    shown = [f"{a}–{b}" if a != b else f"{a}" for a, b in spans[:5]]
    if len(spans) > 5:
        shown.append(f"and {len(spans) - 5} more ranges")
    return ", ".join(shown)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
