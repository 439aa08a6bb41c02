"""Format 3 boards upgrade to format 4 (the iteration cadence) keeping every row."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ldboard.store import Board
from ldboard.store.schema import SCHEMA_VERSION
from tests.unit.store.faults import integrity
from tests.unit.store.older_boards import FORMAT_4, write_older_board

TS = "2026-01-05T09:00:00Z"
#: Every column of ``items`` but ``iteration_id``, which 0004 may clear.
_ITEM_COLUMNS = (
    "id, key, title, description, audience, need, outcome, driver, goal, hypothesis, metric, "
    "baseline, target, actual, verdict, evaluation_level, cost_of_inaction, impact, effort, "
    "estimate_days, column_id, rank, format, due, created_at, updated_at, done_at, archived_at"
)


def _format_3_board(path: Path) -> None:
    """A hand-made format 3 board with what format 4 has to sort out.

    Four iterations marked active (the demo's and three that another tool
    marked active), the one that started last being "Newest sprint"; retro
    owners typed as free text in any case, one that names nobody, entries
    added to their lanes out of order.
    """
    write_older_board(path, FORMAT_4)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO iterations (id, name, start, state) VALUES (?, ?, ?, 'active')",
        [
            (10, "Old sprint", "2025-11-03"),
            (11, "Newest sprint", "2026-01-04"),
            (12, "Undated sprint", None),
        ],
    )
    conn.execute("INSERT INTO columns (name, position, category) VALUES ('Shipped', 9, 'done')")
    columns = dict(conn.execute("SELECT category, min(id) FROM columns GROUP BY category"))
    items = [
        (901, "LD-901", "Open in the old sprint", columns["active"], 10, None),
        (902, "LD-902", "Done in the old sprint", columns["done"], 10, None),
        (903, "LD-903", "Archived, unfinished", columns["backlog"], 10, TS),
        (904, "LD-904", "Open in the undated sprint", columns["active"], 12, None),
        (905, "LD-905", "Open in the newest sprint", columns["active"], 11, None),
    ]
    conn.executemany(
        "INSERT INTO items (id, key, title, column_id, rank, iteration_id, archived_at, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, 1024.0, ?, ?, ?, ?)",
        [(*row, TS, TS) for row in items],
    )
    conn.executemany(
        "INSERT INTO retro_entries (id, iteration_id, kind, text, created_at, owner) "
        "VALUES (?, 10, ?, ?, ?, ?)",
        [
            (501, "action", "Second action", "2026-01-02T09:00:00Z", "  maria   OKONKWO "),
            (502, "action", "First action", "2026-01-01T09:00:00Z", "Pat Newcomer"),
            (503, "went_well", "A good week", "2026-01-03T09:00:00Z", ""),
            (504, "action", "Third action", "2026-01-03T09:00:00Z", "pat newcomer"),
        ],
    )
    conn.execute("COMMIT")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()


def _rows(path: Path, table: str, columns: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f'SELECT {columns} FROM "{table}" ORDER BY rowid').fetchall()
    finally:
        conn.close()


@pytest.fixture
def upgraded(tmp_path):
    path = tmp_path / "team.ldboard"
    _format_3_board(path)
    before = {
        table: _rows(path, table, "*")
        for table in (
            "meta",
            "columns",
            "people",
            "tags",
            "item_tags",
            "item_people",
            "checklist_items",
            "notes",
            "events",
        )
    }
    before["items"] = _rows(path, "items", _ITEM_COLUMNS)
    before["iterations"] = _rows(path, "iterations", "*")
    before["retro_entries"] = _rows(path, "retro_entries", "*")
    board = Board.open(path, create=False)
    yield path, board, before
    board.close()


def test_every_row_is_kept_and_the_backup_holds_format_3(upgraded):
    path, board, before = upgraded
    assert board.schema_version() == SCHEMA_VERSION
    assert board.foreign_key_problems() == [] and board.integrity_check() == ["ok"]
    for table in (
        "meta",
        "columns",
        "tags",
        "item_tags",
        "item_people",
        "checklist_items",
        "notes",
    ):
        assert _rows(path, table, "*") == before[table], table
    people_before = before["people"]
    kept = "id, name, role, department, roles, wiifm, notes"  # the columns format 3 had
    assert _rows(path, "people", kept)[: len(people_before)] == people_before
    assert _rows(path, "items", _ITEM_COLUMNS) == before["items"], "only iteration_id changes"
    events = _rows(path, "events", "*")
    assert events[: len(before["events"])] == before["events"], "the log is only appended to"
    entries = _rows(path, "retro_entries", "id, iteration_id, kind, text, created_at, due, done_at")
    assert sorted(entries) == sorted(
        (r[0], r[1], r[2], r[3], r[4], r[6], r[7]) for r in before["retro_entries"]
    )
    backup = path.with_name(f"team (before upgrade to format {SCHEMA_VERSION}).ldboard")
    assert integrity(backup) == ["ok"]
    assert _rows(backup, "retro_entries", "*") == before["retro_entries"]


def test_the_latest_start_stays_active_and_the_others_close(upgraded):
    _, board, before = upgraded
    states = {i.name: i.state for i in board.iterations() if i.id >= 10}
    assert states == {"Newest sprint": "active", "Old sprint": "closed", "Undated sprint": "closed"}
    assert [i.name for i in board.iterations() if i.state == "active"] == ["Newest sprint"]
    demo_active = next(r[0] for r in before["iterations"] if r[5] == "active" and r[0] < 10)
    assert board.iteration(demo_active).state == "closed"
    closed = [
        e.data
        for e in board.events()
        if e.kind == "iteration" and e.data["action"] == "close" and "reason" in e.data
    ]
    assert sorted(d["before"]["id"] for d in closed) == [demo_active, 10, 12]
    assert all("only one iteration can be active" in d["reason"] for d in closed)


def test_unfinished_items_of_a_closed_iteration_go_back_to_the_backlog(upgraded):
    _, board, _ = upgraded
    where = {
        key: board.item_by_key(key).iteration_id
        for key in ("LD-901", "LD-902", "LD-903", "LD-904", "LD-905")
    }
    assert where == {"LD-901": None, "LD-902": 10, "LD-903": None, "LD-904": None, "LD-905": 11}
    for item_id, iteration_id in ((901, 10), (903, 10), (904, 12)):
        [event] = [e for e in board.events(item_id) if e.kind == "planned"]
        assert event.data["before"] == {"iteration_id": iteration_id}
        assert event.data["after"] == {"iteration_id": None}
    assert [e.kind for e in board.events(902)] == []


def test_owners_become_people_ignoring_case_and_nobody_is_lost(upgraded):
    _, board, before = upgraded
    people = {p.name: p.id for p in board.people()}
    entries = {e.text: e for e in board.retro_entries(10)}
    assert entries["Second action"].owner_id == people["Maria Okonkwo"]
    assert "Pat Newcomer" in people, "a name that matches nobody becomes a person"
    assert (
        entries["First action"].owner_id
        == entries["Third action"].owner_id
        == people["Pat Newcomer"]
    )
    assert entries["A good week"].owner_id is None
    assert len(board.people()) == len(before["people"]) + 1
    [added] = [e.data for e in board.events() if e.data.get("action") == "add_person"]
    assert (
        added["after"]["name"] == "Pat Newcomer" and added["after"]["id"] == people["Pat Newcomer"]
    )


def test_entries_are_ordered_in_their_lanes_as_they_were_written(upgraded):
    _, board, _ = upgraded
    lanes = [(e.kind, e.text) for e in board.retro_entries(10)]
    assert lanes == [
        ("went_well", "A good week"),
        ("action", "First action"),
        ("action", "Second action"),
        ("action", "Third action"),
    ]
    positions = [e.position for e in board.retro_entries(10) if e.kind == "action"]
    assert positions == [1024.0, 2048.0, 3072.0]


def test_the_upgraded_file_allows_one_active_iteration_only(upgraded):
    _, board, _ = upgraded
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        board.connection.execute("UPDATE iterations SET state = 'active' WHERE id = 10")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        board.connection.execute(
            "UPDATE retro_entries SET closed_in_iteration_id = 11 WHERE id = 501"
        )


def test_a_new_retro_entry_never_takes_an_id_the_log_mentions(upgraded):
    _, board, _ = upgraded
    board.connection.execute(
        "INSERT INTO events (ts, kind, data) VALUES (?, 'retro', ?)",
        (TS, json.dumps({"action": "delete", "before": {"id": 900}, "after": None})),
    )
    from ldboard.store.sequences import reserve_ids_in_events

    reserve_ids_in_events(board.connection)
    assert board.next_id("retro_entries") == 901
