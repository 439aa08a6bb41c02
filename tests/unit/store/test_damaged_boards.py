"""A damaged board is recognised on open, never written, and what can be read is saved."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ldboard.store import Board, BoardFileError, DamagedBoardError
from ldboard.store.changes import TABLE_KEYS
from ldboard.store.demo import create_demo_board
from ldboard.store.files import companions
from ldboard.store.recovery import SALVAGE_ORDER, copy_board, latest_backup, salvage
from tests.unit.store.faults import (
    crash_writer,
    digest,
    folder_state,
    integrity,
    leaf_pages,
    page_of,
    pages_in_wal,
    zero_page,
)


@pytest.fixture
def demo_file(tmp_path) -> Path:
    path = tmp_path / "plan.ldboard"
    create_demo_board(path).close()
    assert companions(path) == []
    return path


def _rows(path: Path, table: str) -> dict:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        cursor = conn.execute(f'SELECT rowid, * FROM "{table}"')
        return {row[0]: row[1:] for row in cursor}
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("structure", "leaf"),
    [("items", 3), ("items_board_order", 0), ("events", 1)],
    ids=["items-page", "index-page", "events-page"],
)
def test_a_damaged_page_is_reported_and_the_file_is_not_touched(demo_file, structure, leaf):
    zero_page(demo_file, page_of(demo_file, structure, leaf=leaf))
    before = folder_state(demo_file.parent)
    with pytest.raises(DamagedBoardError) as raised:
        Board.open(demo_file)
    error = raised.value
    assert error.findings, "what SQLite reported is listed"
    assert "plan.ldboard" in error.message and "damaged" in error.message
    assert "has not changed it" in error.message
    assert "save what can still be read into a new board" in error.message
    assert folder_state(demo_file.parent) == before, "not a byte written, no -wal/-shm created"


def test_a_damaged_board_with_a_crashed_sessions_wal_is_not_checkpointed(demo_file):
    crash_writer(demo_file, items=2)
    in_wal = pages_in_wal(demo_file)
    page = next(p for p in leaf_pages(demo_file, "items") if p not in in_wal)
    zero_page(demo_file, page)
    before = folder_state(demo_file.parent)
    assert {"plan.ldboard-wal", "plan.ldboard-shm"} <= set(before)
    with pytest.raises(DamagedBoardError):
        Board.open(demo_file)
    assert folder_state(demo_file.parent) == before, "the WAL was not merged into the file"


def _bigger_board(path: Path, items: int) -> None:
    with Board.open(path) as board, board.transaction() as conn:
        column = board.columns()[0].id
        conn.executemany(
            "INSERT INTO items (id, key, title, column_id, rank, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z')",
            [(n, f"LD-{n}", f"Item {n}", column, float(n)) for n in range(1, items + 1)],
        )


def test_a_check_stopped_by_its_time_budget_is_not_damage(tmp_path, monkeypatch):
    """Damage only a full check sees (an index page) passes when the check runs out of time."""
    import ldboard.store.opening as opening

    path = tmp_path / "big.ldboard"
    _bigger_board(path, 3000)
    zero_page(path, page_of(path, "sqlite_autoindex_items_1", leaf=2))
    with pytest.raises(DamagedBoardError):
        Board.open(path)
    monkeypatch.setattr(opening, "QUICK_CHECK_BUDGET_SECONDS", 0.0)
    with Board.open(path) as board:
        assert board.item_count() == 3000


def test_the_damage_message_offers_the_latest_backup(tmp_path, demo_file):
    backup = demo_file.with_name("plan (before upgrade to format 3).ldboard")
    shutil.copyfile(demo_file, backup)
    zero_page(demo_file, page_of(demo_file, "items", leaf=3))
    with pytest.raises(DamagedBoardError, match=r"Open the latest backup, “plan \(before"):
        Board.open(demo_file)


def test_latest_backup_is_the_newest_backup_that_is_a_board(tmp_path, demo_file):
    import os

    assert latest_backup(demo_file) is None
    older = demo_file.with_name("plan (before upgrade to format 3).ldboard")
    newer = demo_file.with_name("plan (before upgrade to format 4).ldboard")
    broken = demo_file.with_name("plan (before upgrade to format 5).ldboard")
    unrelated = demo_file.with_name("plan copy.ldboard")
    for copy in (older, newer, unrelated):
        shutil.copyfile(demo_file, copy)
    broken.write_text("not a board")
    os.utime(older, (1_700_000_000, 1_700_000_000))
    os.utime(newer, (1_700_000_100, 1_700_000_100))
    os.utime(unrelated, (1_800_000_000, 1_800_000_000))
    os.utime(broken, (1_800_000_000, 1_800_000_000))
    assert latest_backup(demo_file) == newer


@pytest.mark.parametrize("leaf", [3, -1], ids=["middle-page", "last-page"])
def test_salvage_copies_every_readable_row_into_a_new_valid_board(tmp_path, demo_file, leaf):
    pristine = tmp_path / "pristine.ldboard"
    shutil.copyfile(demo_file, pristine)
    page = page_of(demo_file, "items", leaf=leaf)
    conn = sqlite3.connect(pristine)
    on_page = conn.execute("SELECT ncell FROM dbstat WHERE pageno = ?", (page,)).fetchone()[0]
    conn.close()
    zero_page(demo_file, page)
    damaged_digest = digest(demo_file)
    destination = tmp_path / "saved.ldboard"

    report = salvage(demo_file, destination)

    assert digest(demo_file) == damaged_digest, "the damaged file is only read"
    assert integrity(destination) == ["ok"]
    original_items = _rows(pristine, "items")
    saved_items = _rows(destination, "items")
    lost_ids = set(original_items) - set(saved_items)
    assert len(lost_ids) == on_page, "exactly the rows of the damaged page are lost"
    assert all(saved_items[i] == original_items[i] for i in saved_items), "ids and values kept"
    assert report.copied["items"] == len(original_items) - on_page
    assert any(line.startswith("items: rows with ids") for line in report.lost)
    assert _rows(destination, "events") == _rows(pristine, "events")
    assert _rows(destination, "columns") == _rows(pristine, "columns")
    assert set(report.copied) == set(SALVAGE_ORDER)
    assert f"{report.copied['items']} items" in report.summary()
    with Board.open(destination, create=False) as board:
        assert board.foreign_key_problems() == []
        assert board.item_count() + board.item_count(archived=True) == len(saved_items)
        assert board.next_item_id() > max(original_items), "lost ids are not reused"


def test_salvage_of_a_readable_board_copies_everything(tmp_path, demo_file):
    report = salvage(demo_file, tmp_path / "copy.ldboard")
    assert report.lost == []
    assert "Every row could be read" in report.summary()
    for table in TABLE_KEYS:
        assert _rows(tmp_path / "copy.ldboard", table) == _rows(demo_file, table), table


def test_salvage_refuses_to_overwrite_an_existing_file(tmp_path, demo_file):
    existing = tmp_path / "existing.ldboard"
    existing.write_text("keep me")
    with pytest.raises(BoardFileError, match="already exists"):
        salvage(demo_file, existing)
    assert existing.read_text() == "keep me"


def test_a_copy_of_a_backup_leaves_the_backup_as_it_is(tmp_path, demo_file):
    backup = demo_file.with_name("plan (before upgrade to format 3).ldboard")
    shutil.copyfile(demo_file, backup)
    crash_writer(backup, items=1, title="In the backup's WAL")
    before = folder_state(tmp_path)
    copy = copy_board(backup, tmp_path / "plan (from backup).ldboard")
    after = folder_state(tmp_path)
    assert after.pop(copy.name) and after == before, "the backup and its WAL are untouched"
    assert integrity(copy) == ["ok"] and companions(copy) == []
    titles = {row[2] for row in _rows(copy, "items").values()}
    assert "In the backup's WAL 0" in titles
    with pytest.raises(BoardFileError, match="already exists"):
        copy_board(backup, copy)


def test_salvage_keeps_retro_entries_whose_links_were_lost(tmp_path, demo_file):
    conn = sqlite3.connect(demo_file, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    owned = conn.execute("SELECT id, owner_id FROM retro_entries WHERE owner_id IS NOT NULL")
    entry_id, owner_id = owned.fetchone()
    conn.execute("DELETE FROM item_people WHERE person_id = ?", (owner_id,))
    conn.execute("DELETE FROM people WHERE id = ?", (owner_id,))  # as if its page were lost
    conn.close()
    report = salvage(demo_file, tmp_path / "copy.ldboard")
    copied = _rows(tmp_path / "copy.ldboard", "retro_entries")
    assert len(copied) == len(_rows(demo_file, "retro_entries")), "no entry is lost"
    assert copied[entry_id][6] is None, "the entry is kept without its owner (owner_id)"
    assert "retro_entries: 1 link(s) to lost rows cleared" in report.lost
