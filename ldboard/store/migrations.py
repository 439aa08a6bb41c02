"""Schema migrations (sqlite-utils ``Migrations``), imported only when needed.

A board whose ``user_version`` is below ``SCHEMA_VERSION`` (a new file, or one
written by an older ldboard) is brought up to date here, each migration in its
own transaction. Each migration ends by setting ``user_version`` to its number.

sqlite-utils runs each migration inside ``BEGIN … COMMIT``, where ``PRAGMA
foreign_keys`` cannot be changed, and a migration that rebuilds a table must
run with foreign keys off (dropping the old table would otherwise fail or
cascade). So :func:`migrate` turns them off around the whole run, and each
rebuilding migration checks, inside its transaction, that it introduced no
broken reference (``PRAGMA foreign_key_check``) before it may commit.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ldboard.store.schema import (
    APPLICATION_ID,
    MIGRATION_NAMES,
    MIGRATION_SET,
    V1_TABLES,
    V3_DATE_COLUMNS,
    V3_REBUILT_TABLES,
    statements,
    strict_date,
)
from ldboard.store.sequences import raise_sequence, reserve_ids_in_events, sequence

MIGRATIONS = Migrations(MIGRATION_SET)


@MIGRATIONS(name="0001_initial_schema")
def initial_schema(db: Database) -> None:
    # executescript() would COMMIT the migration's transaction, so run statements one by one.
    for statement in statements(V1_TABLES):
        db.execute(statement)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")


@MIGRATIONS(name="0002_archived_items_index")
def archived_items_index(db: Database) -> None:
    # Counting or listing archived items must not scan the whole board.
    db.execute("CREATE INDEX items_archived ON items (archived_at) WHERE archived_at IS NOT NULL")
    db.execute("PRAGMA user_version = 2")


#: Indexes of the tables 0003 rebuilds (dropped with the old tables), as 0001/0002 made them.
_V3_INDEXES = (
    "CREATE INDEX items_board_order ON items (column_id, rank) WHERE archived_at IS NULL",
    "CREATE INDEX items_iteration ON items (iteration_id)",
    "CREATE INDEX items_archived ON items (archived_at) WHERE archived_at IS NOT NULL",
    "CREATE INDEX retro_entries_iteration ON retro_entries (iteration_id)",
)


@MIGRATIONS(name="0003_ids_never_reused_strict_dates")
def ids_never_reused_strict_dates(db: Database) -> None:
    """Rebuild the tables whose ids events refer to as AUTOINCREMENT, with strict date CHECKs.

    SQLite cannot change a primary key or a CHECK in place, so each table is
    rebuilt the documented way: create the new table, copy every row (ids
    included), drop the old one, rename the new one. A date that the stricter
    CHECK refuses (such as ``2026-02-30``, which the old CHECK let through) is
    cleared; the copy kept before the upgrade still holds it.
    """
    conn = db.conn
    if conn.execute("PRAGMA foreign_keys").fetchone()[0]:
        raise RuntimeError("0003 rebuilds tables and must run with PRAGMA foreign_keys = OFF")
    broken_before = set(conn.execute("PRAGMA foreign_key_check"))
    items_sequence = sequence(conn, "items")
    for table, definition in V3_REBUILT_TABLES.items():
        names = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        dates = V3_DATE_COLUMNS.get(table, ())
        values = [_kept_date(name) if name in dates else _quoted(name) for name in names]
        columns = ", ".join(_quoted(name) for name in names)
        db.execute(f"CREATE TABLE new_{table} {definition}")
        db.execute(
            f"INSERT INTO new_{table} ({columns}) SELECT {', '.join(values)} FROM {table} "
            "ORDER BY rowid"
        )
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE new_{table} RENAME TO {table}")
    for index in _V3_INDEXES:
        db.execute(index)
    raise_sequence(conn, "items", items_sequence)
    reserve_ids_in_events(conn)
    broken_after = set(conn.execute("PRAGMA foreign_key_check"))
    if not broken_after <= broken_before:
        raise sqlite3.IntegrityError(f"0003 would break references: {broken_after - broken_before}")
    db.execute("PRAGMA user_version = 3")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _kept_date(name: str) -> str:
    column = _quoted(name)
    return f"CASE WHEN {strict_date(column)} THEN {column} END"


def migrate(conn: sqlite3.Connection, *, stop_before: str | None = None) -> None:
    """Apply every pending migration (up to ``stop_before``) to the board on ``conn``.

    Foreign keys are off while migrations run (see the module docstring) and
    back to what they were afterwards.
    """
    registered = tuple(m.name for m in MIGRATIONS._migrations)
    assert registered == MIGRATION_NAMES, "schema.MIGRATION_NAMES is out of step"
    assert not conn.in_transaction, "migrations run in transactions of their own"
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        MIGRATIONS.apply(Database(conn, execute_plugins=False), stop_before=stop_before)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
