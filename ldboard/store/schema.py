"""The board file's schema and its migrations.

Identity of a board file:

* ``PRAGMA application_id`` is ``APPLICATION_ID`` (the bytes ``LDBD``), so
  ``file(1)``-style tools and ldboard itself can tell a board from any other
  SQLite database by reading the header alone.
* ``PRAGMA user_version`` is the schema version: the number of migrations
  applied. A file with a higher number was written by a newer ldboard.

Every schema change is a new function registered in ``store/migrations.py``
(sqlite-utils ``Migrations``), appended at the end and never edited once
released, with its name added to ``MIGRATION_NAMES``. docs/file-format.md
documents the result and must change with it.

This module stays free of sqlite-utils so that opening an up-to-date board —
the common case — does not pay for importing it.
"""

from __future__ import annotations

from enum import StrEnum

from ldboard.domain.enums import ColumnCategory, Driver, Format, Verdict
from ldboard.domain.measurements import MEASUREMENT_LABEL_MAX, MEASUREMENT_SOURCE_MAX

APPLICATION_ID = int.from_bytes(b"LDBD", "big")
#: The sqlite-utils migration set that ldboard records in ``_sqlite_migrations``.
MIGRATION_SET = "ldboard"
#: Every migration this version knows, in order; the schema version is their count.
MIGRATION_NAMES: tuple[str, ...] = (
    "0001_initial_schema",
    "0002_archived_items_index",
    "0003_ids_never_reused_strict_dates",
    "0004_iteration_cadence",
    "0005_snapshot_records",
    "0006_measurements",
    "0007_intake_evaluation_partners",
)


def sql_list(enum: type[StrEnum]) -> str:
    """An enumeration's values as an SQL list for a CHECK (``'a','b'``)."""
    return ",".join(f"'{member.value}'" for member in enum)


_DRIVERS = sql_list(Driver)
_FORMATS = sql_list(Format)
_VERDICTS = sql_list(Verdict)
_CATEGORIES = sql_list(ColumnCategory)
_HEX_COLOR = "#" + "[0-9a-fA-F]" * 6

V1_TABLES = f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE columns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 60),
    position INTEGER NOT NULL,
    category TEXT NOT NULL DEFAULT 'active' CHECK (category IN ('backlog','active','done')),
    wip_limit INTEGER CHECK (wip_limit IS NULL OR wip_limit >= 1)
);
CREATE TABLE iterations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) >= 1),
    goal TEXT NOT NULL DEFAULT '',
    start TEXT CHECK (start IS NULL OR date(start) = start),
    "end" TEXT CHECK ("end" IS NULL OR date("end") = "end"),
    state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned','active','closed')),
    capacity REAL CHECK (capacity IS NULL OR capacity >= 0)
);
CREATE TABLE items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL DEFAULT '',
    need TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    driver TEXT CHECK (driver IS NULL OR driver IN ({_DRIVERS})),
    goal TEXT NOT NULL DEFAULT '',
    hypothesis TEXT NOT NULL DEFAULT '',
    metric TEXT NOT NULL DEFAULT '',
    baseline REAL,
    target REAL,
    actual REAL,
    verdict TEXT NOT NULL DEFAULT 'untested' CHECK (verdict IN ({_VERDICTS})),
    evaluation_level INTEGER CHECK (evaluation_level IS NULL OR evaluation_level BETWEEN 1 AND 4),
    cost_of_inaction TEXT NOT NULL DEFAULT '',
    impact INTEGER CHECK (impact IS NULL OR impact BETWEEN 1 AND 5),
    effort INTEGER CHECK (effort IS NULL OR effort BETWEEN 1 AND 5),
    estimate_days REAL CHECK (estimate_days IS NULL OR estimate_days >= 0),
    column_id INTEGER NOT NULL REFERENCES columns (id),
    rank REAL NOT NULL,
    iteration_id INTEGER REFERENCES iterations (id),
    format TEXT CHECK (format IS NULL OR format IN ({_FORMATS})),
    due TEXT CHECK (due IS NULL OR date(due) = due),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    done_at TEXT,
    archived_at TEXT
);
CREATE INDEX items_board_order ON items (column_id, rank) WHERE archived_at IS NULL;
CREATE INDEX items_iteration ON items (iteration_id);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
    role TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles) AND json_type(roles) = 'array'),
    wiifm TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE item_people (
    item_id INTEGER NOT NULL REFERENCES items (id),
    person_id INTEGER NOT NULL REFERENCES people (id),
    role TEXT NOT NULL CHECK (role IN ('requester','sponsor','sme')),
    PRIMARY KEY (item_id, person_id, role)
);
CREATE INDEX item_people_person ON item_people (person_id);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 40),
    color TEXT NOT NULL DEFAULT '#64748b'
        CHECK (length(color) = 7 AND color GLOB '{_HEX_COLOR}')
);
CREATE TABLE item_tags (
    item_id INTEGER NOT NULL REFERENCES items (id),
    tag_id INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (item_id, tag_id)
);
CREATE INDEX item_tags_tag ON item_tags (tag_id);
CREATE TABLE checklist_items (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id),
    text TEXT NOT NULL CHECK (length(trim(text)) >= 1),
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    position REAL NOT NULL
);
CREATE INDEX checklist_items_item ON checklist_items (item_id, position);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id),
    text TEXT NOT NULL CHECK (length(trim(text)) >= 1),
    created_at TEXT NOT NULL
);
CREATE INDEX notes_item ON notes (item_id, created_at);
CREATE TABLE retro_entries (
    id INTEGER PRIMARY KEY,
    iteration_id INTEGER NOT NULL REFERENCES iterations (id),
    kind TEXT NOT NULL CHECK (kind IN ('went_well','to_improve','action','note')),
    text TEXT NOT NULL CHECK (length(trim(text)) >= 1),
    created_at TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT CHECK (due IS NULL OR date(due) = due),
    done_at TEXT
);
CREATE INDEX retro_entries_iteration ON retro_entries (iteration_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    item_id INTEGER,
    kind TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(data))
);
CREATE INDEX events_item ON events (item_id, id);
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the events table is append-only'); END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the events table is append-only'); END;
"""


def strict_date(column: str) -> str:
    """A CHECK that lets through only NULL or a real calendar date written ``YYYY-MM-DD``.

    ``date(x) = x`` alone is not enough: SQLite's ``date()`` returns some
    impossible days unchanged (``date('2026-02-30')`` is ``'2026-02-30'`` in
    SQLite 3.40), while a modifier makes it normalise them (``'2026-03-02'``).
    """
    digits = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
    return (
        f"{column} IS NULL OR ({column} GLOB '{digits}' AND {column} >= '0001-01-01' "
        f"AND date({column}, '+0 days') = {column})"
    )


#: The tables migration 0003 rebuilds, as they are from then on: ids that events
#: refer to (columns, people, tags, iterations, items) are AUTOINCREMENT, so a
#: removed row's id is never given to a new row, and every date column only
#: accepts real ``YYYY-MM-DD`` dates. Column order is that of ``V1_TABLES``.
V3_REBUILT_TABLES: dict[str, str] = {
    "columns": """(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 60),
    position INTEGER NOT NULL,
    category TEXT NOT NULL DEFAULT 'active' CHECK (category IN ('backlog','active','done')),
    wip_limit INTEGER CHECK (wip_limit IS NULL OR wip_limit >= 1)
)""",
    "iterations": f"""(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL CHECK (length(trim(name)) >= 1),
    goal TEXT NOT NULL DEFAULT '',
    start TEXT CHECK ({strict_date("start")}),
    "end" TEXT CHECK ({strict_date('"end"')}),
    state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned','active','closed')),
    capacity REAL CHECK (capacity IS NULL OR capacity >= 0)
)""",
    "items": f"""(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL DEFAULT '',
    need TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    driver TEXT CHECK (driver IS NULL OR driver IN ({_DRIVERS})),
    goal TEXT NOT NULL DEFAULT '',
    hypothesis TEXT NOT NULL DEFAULT '',
    metric TEXT NOT NULL DEFAULT '',
    baseline REAL,
    target REAL,
    actual REAL,
    verdict TEXT NOT NULL DEFAULT 'untested' CHECK (verdict IN ({_VERDICTS})),
    evaluation_level INTEGER CHECK (evaluation_level IS NULL OR evaluation_level BETWEEN 1 AND 4),
    cost_of_inaction TEXT NOT NULL DEFAULT '',
    impact INTEGER CHECK (impact IS NULL OR impact BETWEEN 1 AND 5),
    effort INTEGER CHECK (effort IS NULL OR effort BETWEEN 1 AND 5),
    estimate_days REAL CHECK (estimate_days IS NULL OR estimate_days >= 0),
    column_id INTEGER NOT NULL REFERENCES columns (id),
    rank REAL NOT NULL,
    iteration_id INTEGER REFERENCES iterations (id),
    format TEXT CHECK (format IS NULL OR format IN ({_FORMATS})),
    due TEXT CHECK ({strict_date("due")}),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    done_at TEXT,
    archived_at TEXT
)""",
    "people": """(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
    role TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles) AND json_type(roles) = 'array'),
    wiifm TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
)""",
    "tags": f"""(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 40),
    color TEXT NOT NULL DEFAULT '#64748b'
        CHECK (length(color) = 7 AND color GLOB '{_HEX_COLOR}')
)""",
    "retro_entries": f"""(
    id INTEGER PRIMARY KEY,
    iteration_id INTEGER NOT NULL REFERENCES iterations (id),
    kind TEXT NOT NULL CHECK (kind IN ('went_well','to_improve','action','note')),
    text TEXT NOT NULL CHECK (length(trim(text)) >= 1),
    created_at TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT CHECK ({strict_date("due")}),
    done_at TEXT
)""",
}

#: Date columns of the rebuilt tables, whose values must pass ``strict_date``.
V3_DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "iterations": ("start", "end"),
    "items": ("due",),
    "retro_entries": ("due",),
}


#: Migration 0004 rebuilds ``retro_entries``: ``AUTOINCREMENT`` ids (retro events
#: name them), an order inside each lane, an owner who is one of the board's
#: people, an optional initiative, and the iteration in which an action was
#: ticked done. The free-text ``owner`` of earlier formats becomes ``owner_id``.
V4_RETRO_ENTRIES = f"""(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    iteration_id INTEGER NOT NULL REFERENCES iterations (id),
    kind TEXT NOT NULL CHECK (kind IN ('went_well','to_improve','action','note')),
    text TEXT NOT NULL CHECK (length(trim(text)) >= 1),
    created_at TEXT NOT NULL,
    position REAL NOT NULL DEFAULT 0,
    owner_id INTEGER REFERENCES people (id),
    due TEXT CHECK ({strict_date("due")}),
    done_at TEXT,
    closed_in_iteration_id INTEGER REFERENCES iterations (id),
    item_id INTEGER REFERENCES items (id),
    CHECK (closed_in_iteration_id IS NULL OR done_at IS NOT NULL)
)"""

#: Everything else migration 0004 adds, after ``iterations`` gains ``started_at``
#: and ``closed_at`` and at most one iteration is left active. The two indexes on
#: ``planned`` events find every item that ever entered or left an iteration
#: without reading the whole activity log (``Board.scope``).
V4_TABLES = f"""
CREATE UNIQUE INDEX iterations_one_active ON iterations (state) WHERE state = 'active';
CREATE INDEX events_planned_into ON events (json_extract(data, '$.after.iteration_id'))
    WHERE kind = 'planned';
CREATE INDEX events_planned_out_of ON events (json_extract(data, '$.before.iteration_id'))
    WHERE kind = 'planned';
CREATE INDEX retro_entries_lane ON retro_entries (iteration_id, kind, position);
CREATE INDEX retro_entries_open_actions ON retro_entries (iteration_id)
    WHERE kind = 'action' AND done_at IS NULL;
CREATE INDEX retro_entries_owner ON retro_entries (owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX retro_entries_item ON retro_entries (item_id) WHERE item_id IS NOT NULL;
CREATE INDEX retro_entries_closed_in ON retro_entries (closed_in_iteration_id)
    WHERE closed_in_iteration_id IS NOT NULL;
CREATE TABLE iteration_snapshots (
    iteration_id INTEGER PRIMARY KEY REFERENCES iterations (id),
    name TEXT NOT NULL,
    goal TEXT NOT NULL DEFAULT '',
    start TEXT CHECK ({strict_date("start")}),
    "end" TEXT CHECK ({strict_date('"end"')}),
    started_at TEXT,
    closed_at TEXT NOT NULL,
    capacity REAL,
    planned_effort REAL NOT NULL DEFAULT 0,
    committed_effort REAL NOT NULL DEFAULT 0,
    added_effort REAL NOT NULL DEFAULT 0,
    removed_effort REAL NOT NULL DEFAULT 0,
    done_effort REAL NOT NULL DEFAULT 0,
    carried_over_effort REAL NOT NULL DEFAULT 0,
    items_planned INTEGER NOT NULL DEFAULT 0,
    items_committed INTEGER NOT NULL DEFAULT 0,
    items_added INTEGER NOT NULL DEFAULT 0,
    items_removed INTEGER NOT NULL DEFAULT 0,
    items_done INTEGER NOT NULL DEFAULT 0,
    items_carried_over INTEGER NOT NULL DEFAULT 0,
    unscored_items INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE iteration_snapshot_items (
    iteration_id INTEGER NOT NULL REFERENCES iteration_snapshots (iteration_id),
    item_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    stage TEXT NOT NULL DEFAULT '',
    stage_category TEXT CHECK (stage_category IS NULL OR stage_category IN ({_CATEGORIES})),
    driver TEXT CHECK (driver IS NULL OR driver IN ({_DRIVERS})),
    impact INTEGER CHECK (impact IS NULL OR impact BETWEEN 1 AND 5),
    effort INTEGER CHECK (effort IS NULL OR effort BETWEEN 1 AND 5),
    score REAL,
    committed INTEGER NOT NULL DEFAULT 0 CHECK (committed IN (0, 1)),
    added INTEGER NOT NULL DEFAULT 0 CHECK (added IN (0, 1)),
    removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    carried_over INTEGER NOT NULL DEFAULT 0 CHECK (carried_over IN (0, 1)),
    carried_to_iteration_id INTEGER,
    carried_to TEXT NOT NULL DEFAULT '',
    hypothesis TEXT NOT NULL DEFAULT '',
    metric TEXT NOT NULL DEFAULT '',
    baseline REAL,
    target REAL,
    actual REAL,
    verdict TEXT NOT NULL DEFAULT 'untested' CHECK (verdict IN ({_VERDICTS})),
    PRIMARY KEY (iteration_id, item_id)
);
"""

#: Migration 0005: a snapshot also freezes what a summary used to read live (the
#: learner stories, the sponsors' and experts' names) and the flow figures (median
#: cycle time, burn-up). JSON columns rather than tables: deleting an iteration
#: and undoing it copy a snapshot's rows whole, whatever their columns.
V5_COLUMNS = """
ALTER TABLE iteration_snapshots ADD COLUMN median_cycle_time_days REAL
    CHECK (median_cycle_time_days IS NULL OR median_cycle_time_days >= 0);
ALTER TABLE iteration_snapshots ADD COLUMN burn_up TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(burn_up) AND json_type(burn_up) = 'array');
ALTER TABLE iteration_snapshots ADD COLUMN recorded_at TEXT;
ALTER TABLE iteration_snapshot_items ADD COLUMN audience TEXT NOT NULL DEFAULT '';
ALTER TABLE iteration_snapshot_items ADD COLUMN need TEXT NOT NULL DEFAULT '';
ALTER TABLE iteration_snapshot_items ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE iteration_snapshot_items ADD COLUMN cost_of_inaction TEXT NOT NULL DEFAULT '';
ALTER TABLE iteration_snapshot_items ADD COLUMN sponsors TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(sponsors) AND json_type(sponsors) = 'array');
ALTER TABLE iteration_snapshot_items ADD COLUMN smes TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(smes) AND json_type(smes) = 'array');
"""

#: Migration 0006: dated results of an initiative's metric (an LMS or survey
#: export, or typed in the card editor), from the baseline through the pilot to
#: the 30/60/90-day checks. The latest one by date is also the item's ``actual``.
V6_TABLES = f"""
CREATE TABLE measurements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES items (id),
    measured_on TEXT NOT NULL CHECK ({strict_date("measured_on")}),
    value REAL NOT NULL CHECK (value BETWEEN -1e15 AND 1e15),
    label TEXT NOT NULL DEFAULT '' CHECK (length(label) <= {MEASUREMENT_LABEL_MAX}),
    source TEXT NOT NULL DEFAULT '' CHECK (length(source) <= {MEASUREMENT_SOURCE_MAX}),
    level INTEGER CHECK (level IS NULL OR level BETWEEN 1 AND 4),
    created_at TEXT NOT NULL
);
CREATE INDEX measurements_item ON measurements (item_id, measured_on);
"""

#: Date columns checked by ``strict_date`` in the current schema, by table.
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    **V3_DATE_COLUMNS,
    "iteration_snapshots": ("start", "end"),
    "measurements": ("measured_on",),
    "intakes": ("requested_on", "goal_by"),
    "evaluation_checks": ("due",),
    "thanks": ("given_on",),
}


def statements(script: str) -> list[str]:
    """Split a DDL script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        in_trigger = text.upper().startswith("CREATE TRIGGER")
        if text.endswith(";") and (not in_trigger or text.endswith("END;")):
            statements.append(text)
            current = []
    if "\n".join(current).strip():
        raise ValueError("unterminated statement in schema script")
    return statements


#: The schema version this ldboard writes: one per migration.
SCHEMA_VERSION = len(MIGRATION_NAMES)


#: Every table of a board, parents before children: the order in which a copy
#: of the board (salvage, whole-board JSON) writes them, so that every row's
#: references are already there.
TABLES_PARENTS_FIRST = (
    "meta",
    "columns",
    "iterations",
    "people",
    "tags",
    "items",
    "item_people",
    "item_tags",
    "checklist_items",
    "notes",
    "measurements",
    "intakes",
    "intake_behaviours",
    "intake_partners",
    "evaluation_plans",
    "evaluation_checks",
    "thanks",
    "retro_entries",
    "iteration_snapshots",
    "iteration_snapshot_items",
    "events",
)
