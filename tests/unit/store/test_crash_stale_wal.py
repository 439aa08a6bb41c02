"""A new file is never paired with an old ``-wal``/``-shm``/``-journal`` left at its path.

SQLite finds a database's WAL by name only, so a new file moved to a path where a
crashed session's WAL is still lying gets that WAL replayed onto it: the result
is a malformed database. These tests leave a real crashed writer's WAL at the
destination, then put a new file there.
"""

from __future__ import annotations

import sqlite3

import pytest

from ldboard import ops
from ldboard.store import Board, BoardFileError
from ldboard.store.files import companions, make_way, move_into_place, new_temporary
from tests.unit.store.faults import crash_writer, digest, integrity


def _titles(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT title FROM items ORDER BY id")]
    finally:
        conn.close()


def test_save_a_copy_over_a_board_whose_session_crashed(tmp_path):
    source_path, destination = tmp_path / "source.ldboard", tmp_path / "old copy.ldboard"
    Board.open(destination).close()
    crash_writer(destination, items=3, title="Crashed")
    with Board.open(source_path) as source:
        ops.create_item(source, source.columns()[0].id, "Saved in the copy")
        source.backup_to(destination)
    assert integrity(destination) == ["ok"]
    assert _titles(destination) == ["Saved in the copy"]
    assert companions(destination) == [], "no stray -wal/-shm beside the new copy"
    with Board.open(destination, create=False) as copy:
        assert [c.title for c in copy.cards()] == ["Saved in the copy"]
        assert copy.integrity_check() == ["ok"]


def test_creating_a_board_where_only_an_old_wal_was_left(tmp_path):
    path = tmp_path / "plan.ldboard"
    Board.open(path).close()
    crash_writer(path, items=4)
    wal = path.with_name("plan.ldboard-wal")
    wal_bytes = wal.read_bytes()
    path.unlink()  # the board is gone; its crashed session's -wal and -shm are not
    with Board.open(path) as board:
        assert board.integrity_check() == ["ok"]
        assert board.item_count() == 0
        assert len(board.columns()) == 7
    assert integrity(path) == ["ok"]
    assert companions(path) == []
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("plan.ldboard-wal.orphaned-")]
    assert len(aside) == 1, sorted(p.name for p in tmp_path.iterdir())
    assert aside[0].read_bytes() == wal_bytes, "the orphaned WAL is kept, unchanged"
    assert not any(p.name.startswith("plan.ldboard-shm") for p in tmp_path.iterdir())


def test_the_old_board_gets_its_crashed_changes_before_it_is_replaced(tmp_path):
    """Merging first means a replacement that fails midway leaves a complete old board."""
    path = tmp_path / "plan.ldboard"
    Board.open(path).close()
    titles = crash_writer(path, items=2)
    make_way(path)
    assert companions(path) == []
    assert _titles(path) == titles
    assert integrity(path) == ["ok"]


def test_a_leftover_journal_is_not_left_beside_a_new_file(tmp_path):
    """A copy in rollback mode leaves ``-journal`` when its writer dies mid-transaction."""
    path = tmp_path / "copy.ldboard"
    with Board.open(tmp_path / "plan.ldboard") as board:
        ops.create_item(board, board.columns()[0].id, "In the copy")
        board.backup_to(path)
    journal = path.with_name("copy.ldboard-journal")
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))  # a journal header
    replacement = new_temporary(path)
    conn = sqlite3.connect(replacement)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    move_into_place(replacement, path)
    assert companions(path) == []
    assert integrity(path) == ["ok"]


def test_a_companion_that_belongs_to_no_file_is_moved_aside_not_deleted(tmp_path):
    path = tmp_path / "x.ldboard"
    wal = path.with_name("x.ldboard-wal")
    wal.write_bytes(b"someone's unsaved changes")
    before = digest(wal)
    make_way(path)
    assert not wal.exists()
    (aside,) = [p for p in tmp_path.iterdir() if ".orphaned-" in p.name]
    assert aside.name.startswith("x.ldboard-wal.orphaned-")
    assert digest(aside) == before


def test_a_board_another_program_has_open_is_not_replaced(tmp_path):
    destination = tmp_path / "busy.ldboard"
    Board.open(destination).close()
    other_program = sqlite3.connect(destination, isolation_level=None)
    other_program.execute("PRAGMA journal_mode = WAL")
    other_program.execute("INSERT INTO meta (key, value) VALUES ('other', 'program')")
    try:
        with (
            Board.open(tmp_path / "source.ldboard") as source,
            pytest.raises(BoardFileError, match="another program is using it"),
        ):
            source.backup_to(destination)
    finally:
        other_program.close()
    fresh = sqlite3.connect(destination)
    assert fresh.execute("SELECT value FROM meta WHERE key = 'other'").fetchone() == ("program",)
    fresh.close()
    assert integrity(destination) == ["ok"]
    assert not any(p.name.startswith(".busy.ldboard.") for p in tmp_path.iterdir())
