"""Format 4 boards upgrade to format 5: their snapshots get people, stories and flow."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ldboard import ops
from ldboard.domain.flow import day_of
from ldboard.domain.frozen import iteration_flow
from ldboard.io.export import render
from ldboard.io.summary import build_summary
from ldboard.store import Board, BoardFileError
from ldboard.store.migrations import migrate
from ldboard.store.schema import MIGRATION_NAMES, SCHEMA_VERSION
from tests.unit.store.older_boards import board_rows, write_older_board

FORMAT_5 = MIGRATION_NAMES[4]
#: Tables 0005 must leave exactly as they were.
UNTOUCHED = ("meta", "columns", "items", "people", "item_people", "iterations", "events",
             "retro_entries", "tags", "item_tags", "notes", "checklist_items")  # fmt: skip


@pytest.fixture
def format_4(tmp_path) -> Path:
    path = tmp_path / "team.ldboard"
    write_older_board(path, FORMAT_5)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert conn.execute("SELECT count(*) FROM iteration_snapshots").fetchone()[0] >= 1
    conn.close()
    return path


def test_closed_snapshots_are_completed_at_the_upgrade(format_4):
    before = board_rows(format_4, (*UNTOUCHED, "iteration_snapshot_items"))
    with Board.open(format_4, create=False) as board:
        assert board.schema_version() == SCHEMA_VERSION
        assert board.foreign_key_problems() == [] and board.integrity_check() == ["ok"]
        closed = [i for i in board.iterations() if i.state == "closed"]
        history = board.flow_history()
        for iteration in closed:
            snapshot = board.snapshot(iteration.id)
            assert snapshot.recorded_at is not None and snapshot.recorded_at > snapshot.closed_at
            done = [item.item_id for item in snapshot.items if item.done]
            median, days = iteration_flow(history, iteration.id, done, day_of(snapshot.closed_at))
            assert (snapshot.median_cycle_time_days, snapshot.burn_up) == (median, days)
            assert snapshot.burn_up and snapshot.burn_up[0].day == iteration.start
            people = board.frozen_people([item.item_id for item in snapshot.items])
            for item in snapshot.items:
                assert (item.sponsors, item.smes) == people.get(item.item_id, ((), ()))
                current = board.item(item.item_id)
                assert item.audience == current.audience and item.need == current.need
        assert any(item.sponsors for item in board.snapshot(closed[-1].id).items)
    after = board_rows(format_4, (*UNTOUCHED, "iteration_snapshot_items"))
    for table in UNTOUCHED:
        assert after[table] == before[table], table
    old_columns = len(before["iteration_snapshot_items"][0])
    assert [row[:old_columns] for row in after["iteration_snapshot_items"]] == before[
        "iteration_snapshot_items"
    ]


def test_an_upgraded_snapshot_says_so_and_stays_frozen(format_4):
    with Board.open(format_4, create=False) as board:
        last = [i for i in board.iterations() if i.state == "closed"][-1]
        summary = build_summary(board, last.id)
        assert any("recorded when the board was upgraded" in note for note in summary.notes)
        assert summary.burn_up and summary.thanks
        exported = render(summary, "json")
        sponsor = next(p for item in board.snapshot(last.id).items for p in item.sponsors)
        ops.update_person(board, sponsor.id, name="Someone Else")
        assert render(build_summary(board, last.id), "json") == exported


def test_a_failing_upgrade_leaves_the_board_as_it_was(format_4, monkeypatch):
    import ldboard.store.migrations as migrations

    tables = (*UNTOUCHED, "iteration_snapshots", "iteration_snapshot_items", "_sqlite_migrations")
    before = board_rows(format_4, tables)

    def broken(*args):
        raise sqlite3.OperationalError("disk I/O error while recording")

    monkeypatch.setattr(migrations, "_record_snapshots", broken)
    with pytest.raises(
        BoardFileError, match=f"could not be upgraded to file format {SCHEMA_VERSION}"
    ):
        Board.open(format_4, create=False)
    assert board_rows(format_4, tables) == before
    conn = sqlite3.connect(format_4)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    columns = {row[1] for row in conn.execute("PRAGMA table_info(iteration_snapshots)")}
    assert "burn_up" not in columns
    conn.close()
    monkeypatch.undo()
    with Board.open(format_4, create=False) as board:
        assert board.schema_version() == SCHEMA_VERSION


def test_migrating_an_up_to_date_board_again_changes_nothing(format_4):
    Board.open(format_4, create=False).close()
    before = board_rows(format_4, (*UNTOUCHED, "iteration_snapshots", "iteration_snapshot_items"))
    conn = sqlite3.connect(format_4, isolation_level=None)
    migrate(conn)
    conn.close()
    assert (
        board_rows(format_4, (*UNTOUCHED, "iteration_snapshots", "iteration_snapshot_items"))
        == before
    )


def test_a_new_board_records_its_snapshots_at_close(tmp_path, clock):
    with Board.open(tmp_path / "new.ldboard", clock=clock) as board:
        columns = {
            row[1] for row in board.connection.execute("PRAGMA table_info(iteration_snapshots)")
        }
        assert {"median_cycle_time_days", "burn_up", "recorded_at"} <= columns
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            board.connection.execute(
                "INSERT INTO iteration_snapshots (iteration_id, name, closed_at, burn_up) "
                "VALUES (99, 'x', '2026-01-01T00:00:00Z', '{\"not\": \"a list\"}')"
            )
