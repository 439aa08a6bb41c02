"""Opening, creating and refusing board files."""

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ldboard.store import Board, BoardFileError, NewerBoardError, NotABoardError, NotSQLiteError
from ldboard.store.board import DEFAULT_COLUMNS
from ldboard.store.migrations import MIGRATIONS
from ldboard.store.schema import (
    APPLICATION_ID,
    MIGRATION_NAMES,
    SCHEMA_VERSION,
    V1_TABLES,
    statements,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def test_new_board_file_has_identity_schema_and_default_columns(tmp_path):
    path = tmp_path / "team.ldboard"
    with Board.open(path) as board:
        assert [c.name for c in board.columns()] == [name for name, _, _ in DEFAULT_COLUMNS]
        assert board.schema_version() == SCHEMA_VERSION
        assert board.name == "team"
        assert board.integrity_check() == ["ok"]
        pragma = board.db.execute
        assert pragma("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert pragma("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert pragma("PRAGMA foreign_keys").fetchone()[0] == 1
        assert pragma("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert pragma("PRAGMA busy_timeout").fetchone()[0] >= 1000
    # Creation leaves no temporary files behind.
    assert _siblings(path) == {"team.ldboard"}


def test_reopening_keeps_data_and_does_not_reseed(board_file):
    with Board.open(board_file) as board, board.transaction() as conn:
        conn.execute("UPDATE meta SET value = 'Kept' WHERE key = 'board_name'")
    with Board.open(board_file) as board:
        assert board.name == "Kept"
        assert len(board.columns()) == len(DEFAULT_COLUMNS)


def test_an_empty_file_becomes_a_board(tmp_path):
    path = tmp_path / "empty.ldboard"
    path.touch()
    with Board.open(path) as board:
        assert len(board.columns()) == len(DEFAULT_COLUMNS)


def test_missing_file_is_an_error_when_creation_is_not_wanted(tmp_path):
    with pytest.raises(BoardFileError, match="does not exist"):
        Board.open(tmp_path / "nope.ldboard", create=False)
    assert not (tmp_path / "nope.ldboard").exists()


def test_missing_folder_is_explained(tmp_path):
    with pytest.raises(BoardFileError, match=r"folder .* does not exist"):
        Board.open(tmp_path / "no" / "such" / "x.ldboard")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(NotSQLiteError, match="is a folder"):
        Board.open(tmp_path)


def _writer(content: bytes):
    def write(path: Path) -> Path:
        path.write_bytes(content)
        return path

    return write


def _other_sqlite(path: Path, application_id: int = 0) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.commit()
    conn.close()
    return path


def _newer_board(path: Path) -> Path:
    Board.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (_writer(b"Title,Impact\nCoaching,4\n"), NotSQLiteError, "not an SQLite database"),
        (_writer(bytes(range(256)) * 8), NotSQLiteError, "not an SQLite"),
        (_writer(b"SQLite format 3\x00short"), NotSQLiteError, "not an"),
        (_other_sqlite, NotABoardError, "another application (no application id)"),
        (lambda p: _other_sqlite(p, 0x12345678), NotABoardError, "application id 0x12345678"),
        (_newer_board, NewerBoardError, "newer ldboard"),
    ],
    ids=["csv-text", "binary", "truncated-sqlite", "plain-sqlite", "foreign-app", "newer"],
)
def test_bad_files_are_refused_with_a_clear_message_and_left_unchanged(
    tmp_path, make, error, words
):
    path = make(tmp_path / "suspect.ldboard")
    before = _digest(path)
    files_before = _siblings(path)
    with pytest.raises(error) as raised:
        Board.open(path)
    message = str(raised.value)
    assert words in message
    assert "suspect.ldboard" in message
    assert "not changed" in message
    assert _digest(path) == before
    assert _siblings(path) == files_before, "no journal, WAL or lock file was created"


def test_a_board_with_unknown_migrations_is_treated_as_newer(tmp_path):
    path = tmp_path / "future.ldboard"
    Board.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('ldboard', '9999_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(NewerBoardError, match="9999_from_the_future"):
        Board.open(path)


def test_schema_version_counts_the_migrations():
    assert tuple(m.name for m in MIGRATIONS._migrations) == MIGRATION_NAMES
    assert len(MIGRATION_NAMES) == SCHEMA_VERSION


def test_schema_script_splits_into_whole_statements():
    parts = statements(V1_TABLES)
    assert all(s.endswith(";") for s in parts)
    triggers = [s for s in parts if s.upper().startswith("CREATE TRIGGER")]
    assert len(triggers) == 2 and all(t.endswith("END;") for t in triggers)


def test_events_are_append_only(board):
    from ldboard import ops

    ops.create_item(board, 1, "Anything")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        board.db.execute("UPDATE events SET kind = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        board.db.execute("DELETE FROM events")


def test_backup_copy_is_a_complete_board(board_file, tmp_path):
    from ldboard import ops

    with Board.open(board_file) as board:
        ops.create_item(board, 1, "Copied item")
        copy = board.backup_to(tmp_path / "copy.ldboard")
    with Board.open(copy, create=False) as duplicate:
        assert [c.title for c in duplicate.cards()] == ["Copied item"]
        assert duplicate.integrity_check() == ["ok"]
    assert not any(p.name.startswith(".copy.ldboard.") for p in tmp_path.iterdir())


def test_opening_an_up_to_date_board_does_not_import_sqlite_utils(board_file):
    """Start-up speed: migrations (and so sqlite-utils) load only when a file needs them."""
    import subprocess
    import sys

    code = (
        "import sys; from ldboard.store import Board; "
        f"Board.open({str(board_file)!r}, create=False).close(); "
        "print('sqlite_utils' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_an_older_board_is_upgraded_when_opened(tmp_path):
    """A board written before the last migration is brought up to date in place."""
    from ldboard import ops
    from ldboard.store.board import _configure, _seed
    from ldboard.store.migrations import migrate

    path = tmp_path / "old.ldboard"
    conn = sqlite3.connect(path, isolation_level=None)
    _configure(conn)
    migrate(conn, stop_before=MIGRATION_NAMES[-1])
    _seed(conn, "Old board", __import__("datetime").datetime(2026, 1, 5))
    conn.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    with Board.open(path, create=False) as board:
        assert board.schema_version() == SCHEMA_VERSION
        ops.create_item(board, 1, "Still works")
        indexes = {row[1] for row in board.connection.execute("PRAGMA index_list(items)")}
        assert "items_archived" in indexes
        applied = [r[0] for r in board.connection.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == list(MIGRATION_NAMES)
