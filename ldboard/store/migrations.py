"""Schema migrations (sqlite-utils ``Migrations``), imported only when needed.

A board whose ``user_version`` is below ``SCHEMA_VERSION`` (a new file, or one
written by an older ldboard) is brought up to date here, each migration in its
own transaction. Each migration ends by setting ``user_version`` to its number.
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
    statements,
)

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


def migrate(conn: sqlite3.Connection, *, stop_before: str | None = None) -> None:
    """Apply every pending migration (up to ``stop_before``) to the board on ``conn``."""
    registered = tuple(m.name for m in MIGRATIONS._migrations)
    assert registered == MIGRATION_NAMES, "schema.MIGRATION_NAMES is out of step"
    MIGRATIONS.apply(Database(conn, execute_plugins=False), stop_before=stop_before)
