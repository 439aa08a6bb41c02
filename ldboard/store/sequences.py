"""Ids that the activity log refers to are never given to a new row.

``events`` keeps ids of columns, people, tags, iterations, items and retro
entries that may no longer exist (a ``moved`` event names the column a card
left, a ``delete_tag`` event the tag's id). Were such an id reused, old events
would join to the new row and skew the history and flow metrics. The tables are
``AUTOINCREMENT`` (migration 0003; ``retro_entries`` from 0004), so SQLite's
``sqlite_sequence`` remembers the highest id each ever used;
:func:`reserve_ids_in_events` raises it to the highest id the log mentions, for
boards whose ids were reused before.
"""

from __future__ import annotations

import sqlite3

#: Tables whose ids events refer to, all ``AUTOINCREMENT`` from format 4 on.
REFERENCED_TABLES = ("columns", "iterations", "items", "people", "tags", "retro_entries")

# Every id the log mentions, with the table it belongs to. Board events name
# their table in their action ("remove_column", "delete_tag", "add_person");
# iteration and retro events are about iterations and retro entries.
_REFERENCES_SQL = """
WITH refs (tbl, ref) AS (
    SELECT 'items', item_id FROM events
    UNION ALL SELECT 'columns', json_extract(data, '$.before.column_id')
        FROM events WHERE kind != 'board'
    UNION ALL SELECT 'columns', json_extract(data, '$.after.column_id')
        FROM events WHERE kind != 'board'
    UNION ALL SELECT 'columns', json_extract(data, '$.column_id')
        FROM events WHERE kind != 'board'
    UNION ALL SELECT 'iterations', json_extract(data, '$.before.iteration_id')
        FROM events WHERE kind != 'board'
    UNION ALL SELECT 'iterations', json_extract(data, '$.after.iteration_id')
        FROM events WHERE kind != 'board'
    UNION ALL SELECT board_table, json_extract(data, '$.before.id') FROM board_events
    UNION ALL SELECT board_table, json_extract(data, '$.after.id') FROM board_events
    UNION ALL SELECT 'iterations', json_extract(data, '$.before.id')
        FROM events WHERE kind = 'iteration'
    UNION ALL SELECT 'iterations', json_extract(data, '$.after.id')
        FROM events WHERE kind = 'iteration'
    UNION ALL SELECT 'retro_entries', json_extract(data, '$.before.id')
        FROM events WHERE kind = 'retro'
    UNION ALL SELECT 'retro_entries', json_extract(data, '$.after.id')
        FROM events WHERE kind = 'retro'
),
board_events (board_table, data) AS (
    SELECT CASE
        WHEN action LIKE '%\\_column' ESCAPE '\\' THEN 'columns'
        WHEN action LIKE '%\\_tag' ESCAPE '\\' THEN 'tags'
        WHEN action LIKE '%\\_person' ESCAPE '\\' THEN 'people'
        WHEN action LIKE '%\\_iteration' ESCAPE '\\' THEN 'iterations'
    END, data
    FROM (SELECT json_extract(data, '$.action') AS action, data FROM events WHERE kind = 'board')
)
SELECT tbl, max(ref) FROM refs
WHERE tbl IS NOT NULL AND typeof(ref) = 'integer'
GROUP BY tbl
"""


def highest_ids_in_events(conn: sqlite3.Connection) -> dict[str, int]:
    """The highest id of each referenced table that the activity log mentions."""
    return {table: int(highest) for table, highest in conn.execute(_REFERENCES_SQL)}


def reserve_ids_in_events(conn: sqlite3.Connection) -> None:
    """Make sure no new row gets an id the activity log already uses."""
    for table, highest in highest_ids_in_events(conn).items():
        raise_sequence(conn, table, highest)


def raise_sequence(conn: sqlite3.Connection, table: str, at_least: int) -> None:
    """Set ``sqlite_sequence`` for ``table`` to at least ``at_least``."""
    updated = conn.execute(
        "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (at_least, table)
    )
    if updated.rowcount == 0:
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, at_least))


def sequence(conn: sqlite3.Connection, table: str) -> int:
    found = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    return int(found[0]) if found else 0
