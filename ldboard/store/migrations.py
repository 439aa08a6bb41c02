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

import json
import sqlite3
from collections import defaultdict

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ldboard.domain.rules import clean_text
from ldboard.domain.scope import RETURNED_REASON
from ldboard.store.schema import (
    APPLICATION_ID,
    MIGRATION_NAMES,
    MIGRATION_SET,
    V1_TABLES,
    V3_DATE_COLUMNS,
    V3_REBUILT_TABLES,
    V4_RETRO_ENTRIES,
    V4_TABLES,
    V5_COLUMNS,
    V6_TABLES,
    statements,
    strict_date,
)
from ldboard.store.schema_v7 import V7_TABLES
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


@MIGRATIONS(name="0004_iteration_cadence")
def iteration_cadence(db: Database) -> None:
    """Iterations that record their start and close, retro actions that follow people,
    and frozen snapshots of closed iterations.

    Nothing is lost on the way: a board with several active iterations keeps the
    one that started last active and closes the others (their unfinished items
    go back to the backlog, each with a ``planned`` event); every free-text
    retro owner becomes a link to the person of that name, ignoring case, or
    to a new person when nobody has it.
    """
    conn = db.conn
    if conn.execute("PRAGMA foreign_keys").fetchone()[0]:
        raise RuntimeError("0004 rebuilds a table and must run with PRAGMA foreign_keys = OFF")
    broken_before = set(conn.execute("PRAGMA foreign_key_check"))
    now = conn.execute("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')").fetchone()[0]
    db.execute("ALTER TABLE iterations ADD COLUMN started_at TEXT")
    db.execute("ALTER TABLE iterations ADD COLUMN closed_at TEXT")
    _leave_one_active(conn, now)
    owners = _owners_as_people(conn, now)
    entries = conn.execute(
        "SELECT id, iteration_id, kind, text, created_at, owner, due, done_at "
        "FROM retro_entries ORDER BY rowid"
    ).fetchall()
    lanes: defaultdict[tuple[int, str], list[tuple]] = defaultdict(list)
    for entry in entries:
        lanes[(entry[1], entry[2])].append(entry)
    db.execute(f"CREATE TABLE new_retro_entries {V4_RETRO_ENTRIES}")
    for lane in lanes.values():
        lane.sort(key=lambda entry: (entry[4], entry[0]))
        for place, (entry_id, iteration, kind, text, created, owner, due, done) in enumerate(lane):
            db.execute(
                "INSERT INTO new_retro_entries (id, iteration_id, kind, text, created_at, "
                "position, owner_id, due, done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    entry_id,
                    iteration,
                    kind,
                    text,
                    created,
                    RETRO_GAP * (place + 1),
                    owners.get(_owner_key(owner)),
                    due,
                    done,
                ],
            )
    db.execute("DROP TABLE retro_entries")
    db.execute("ALTER TABLE new_retro_entries RENAME TO retro_entries")
    for statement in statements(V4_TABLES):
        db.execute(statement)
    reserve_ids_in_events(conn)
    broken_after = set(conn.execute("PRAGMA foreign_key_check"))
    if not broken_after <= broken_before:
        raise sqlite3.IntegrityError(f"0004 would break references: {broken_after - broken_before}")
    db.execute("PRAGMA user_version = 4")


@MIGRATIONS(name="0005_snapshot_records")
def snapshot_records(db: Database) -> None:
    """Snapshots also freeze stories, people, median cycle time and burn-up.

    Columns only (see ``schema.V5_COLUMNS``). Snapshots already in the file are
    completed from the board as it is at the upgrade: the stories as they were
    at close (later edits undone from the log), the people as they are named
    now, the flow figures replayed from the log; ``recorded_at`` says when.
    """
    for statement in statements(V5_COLUMNS):
        db.execute(statement)
    closed = [row[0] for row in db.conn.execute("SELECT iteration_id FROM iteration_snapshots")]
    if closed:
        now = db.conn.execute("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')").fetchone()[0]
        _record_snapshots(db.conn, closed, now)
    db.execute("PRAGMA user_version = 5")


def _record_snapshots(conn: sqlite3.Connection, closed: list[int], now: str) -> None:
    """Fill 0005's columns of the snapshots of ``closed`` iterations, as of ``now``.

    It uses today's reads (the flow replay, the snapshot read): should a later
    format change what they read, this migration must get queries of its own.
    """
    from ldboard.domain.flow import day_of
    from ldboard.domain.frozen import burn_up_json, iteration_flow, people_json
    from ldboard.store.flow_reads import FlowReads

    class UpgradeReads(FlowReads):
        def __init__(self) -> None:
            self._conn = conn

        def now(self) -> str:
            return now

    reads = UpgradeReads()
    history = reads.flow_history()
    for iteration_id in closed:
        snapshot = reads.snapshot(iteration_id)
        assert snapshot is not None
        ids = [item.item_id for item in snapshot.items]
        stories = reads.stories_at(ids, snapshot.closed_at)
        people = reads.frozen_people(ids)
        done = [item.item_id for item in snapshot.items if item.done]
        median, days = iteration_flow(history, iteration_id, done, day_of(snapshot.closed_at))
        conn.execute(
            "UPDATE iteration_snapshots SET median_cycle_time_days = ?, burn_up = ?, "
            "recorded_at = ? WHERE iteration_id = ?",
            (median, burn_up_json(days), now, iteration_id),
        )
        for item_id in ids:
            sponsors, smes = people.get(item_id, ((), ()))
            conn.execute(
                "UPDATE iteration_snapshot_items SET audience = :audience, need = :need, "
                "outcome = :outcome, cost_of_inaction = :cost_of_inaction, sponsors = :sponsors, "
                "smes = :smes WHERE iteration_id = :iteration_id AND item_id = :item_id",
                {
                    **stories[item_id],
                    "sponsors": people_json(sponsors),
                    "smes": people_json(smes),
                    "iteration_id": iteration_id,
                    "item_id": item_id,
                },
            )


#: Distance between consecutive retro entries of a lane (like item ranks).
RETRO_GAP = 1024.0
#: Logged with the events 0004 writes, so the history says why they happened.
_UPGRADE_REASON = "upgrade to file format 4"


def _leave_one_active(conn: sqlite3.Connection, now: str) -> None:
    """Close every active iteration but the one that started last (then the highest id)."""
    active = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM iterations WHERE state = 'active' ORDER BY start DESC, id DESC"
        )
    ]
    for iteration_id in active[1:]:
        conn.execute("UPDATE iterations SET state = 'closed' WHERE id = ?", (iteration_id,))
        data = {
            "action": "close",
            "before": {"id": iteration_id, "state": "active"},
            "after": {"id": iteration_id, "state": "closed"},
            "reason": f"{_UPGRADE_REASON}: only one iteration can be active",
        }
        _log(conn, now, "iteration", None, data)
        unfinished = conn.execute(
            "SELECT i.id FROM items i JOIN columns c ON c.id = i.column_id "
            "WHERE i.iteration_id = ? AND c.category != 'done' ORDER BY i.id",
            (iteration_id,),
        ).fetchall()
        for (item_id,) in unfinished:
            conn.execute("UPDATE items SET iteration_id = NULL WHERE id = ?", (item_id,))
            data = {
                "before": {"iteration_id": iteration_id},
                "after": {"iteration_id": None},
                "reason": RETURNED_REASON,
            }
            _log(conn, now, "planned", item_id, data)


def _owners_as_people(conn: sqlite3.Connection, now: str) -> dict[str, int]:
    """Each retro owner's name (case-folded) → the person of that name, created if missing."""
    people: dict[str, int] = {}
    for person_id, name in conn.execute("SELECT id, name FROM people ORDER BY id"):
        people.setdefault(_owner_key(name), person_id)
    found: dict[str, int] = {}
    for (owner,) in conn.execute(
        "SELECT DISTINCT owner FROM retro_entries WHERE trim(owner) != '' ORDER BY owner"
    ).fetchall():
        key = _owner_key(owner)
        if key in found:
            continue
        if key in people:
            found[key] = people[key]
            continue
        full = clean_text(owner, single_line=True)
        name = full[:120].strip()
        if not name:
            continue
        row = {"name": name, "role": "", "department": "", "roles": "[]", "wiifm": ""}
        row["notes"] = full if name != full else ""
        cursor = conn.execute(
            "INSERT INTO people (name, role, department, roles, wiifm, notes) "
            "VALUES (:name, :role, :department, :roles, :wiifm, :notes)",
            row,
        )
        person_id = cursor.lastrowid
        assert person_id is not None
        found[key] = people[key] = person_id
        data = {
            "action": "add_person",
            "after": {"id": person_id, **row},
            "reason": _UPGRADE_REASON,
        }
        _log(conn, now, "board", None, data)
    return found


def _owner_key(owner: str | None) -> str:
    return " ".join((owner or "").split()).casefold()


def _log(conn: sqlite3.Connection, now: str, kind: str, item_id: int | None, data: dict) -> None:
    conn.execute(
        "INSERT INTO events (ts, item_id, kind, data) VALUES (?, ?, ?, ?)",
        (now, item_id, kind, json.dumps(data, ensure_ascii=False)),
    )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _kept_date(name: str) -> str:
    column = _quoted(name)
    return f"CASE WHEN {strict_date(column)} THEN {column} END"


@MIGRATIONS(name="0006_measurements")
def measurements(db: Database) -> None:
    """A new table for the dated results of an item's metric (``schema.V6_TABLES``).

    Nothing to carry over: an item's ``actual`` stays as typed until its first
    measurement arrives.
    """
    for statement in statements(V6_TABLES):
        db.execute(statement)
    db.execute("PRAGMA user_version = 6")


@MIGRATIONS(name="0007_intake_evaluation_partners")
def intake_evaluation_partners(db: Database) -> None:
    """Intake answers and triage, evaluation plans and checks, partners' place on the
    stakeholder map and thanks, and the criteria of a weighted score
    (``schema.V7_TABLES``). New columns and tables only; existing items have no
    triage state (they were never requests) and every new column is empty.
    """
    for statement in statements(V7_TABLES):
        db.execute(statement)
    db.execute("PRAGMA user_version = 7")


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
