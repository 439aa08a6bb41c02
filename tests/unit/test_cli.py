"""The command line, without a display."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from ldboard import __version__, ops
from ldboard.cli import main
from ldboard.store import Board
from ldboard.store.creation import seed
from ldboard.store.demo import create_demo_board
from ldboard.store.migrations import migrate
from ldboard.store.schema import MIGRATION_NAMES, SCHEMA_VERSION
from tests.unit.store.faults import (
    crash_writer,
    folder_state,
    page_of,
    run_as_reader,
    shared_folder,
    zero_page,
)


def test_version(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out.strip() == f"ldboard {__version__}"


def test_check_reports_a_healthy_board(tmp_path, capsys):
    path = tmp_path / "demo.ldboard"
    with create_demo_board(path) as board:
        on_the_board, archived = board.item_count(), board.item_count(archived=True)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"schema version: {SCHEMA_VERSION}" in out
    assert f"items:          {on_the_board} on the board, {archived} archived" in out
    assert "integrity:      ok" in out


def test_check_refuses_a_foreign_file_without_touching_it(tmp_path, capsys):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["check", str(path)]) == 2
    assert "another application" in capsys.readouterr().err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_check_of_a_missing_file(tmp_path, capsys):
    assert main(["check", str(tmp_path / "gone.ldboard")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "gone.ldboard").exists()


def test_check_reports_broken_references_as_unhealthy(tmp_path, capsys):
    path = tmp_path / "demo.ldboard"
    create_demo_board(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO item_tags (item_id, tag_id) VALUES (1, 999)")  # FKs off here
    conn.commit()
    conn.close()
    assert main(["check", str(path)]) == 1
    assert "foreign keys:   1 broken" in capsys.readouterr().out


def test_demo_writes_a_new_board_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "demo.ldboard"
    assert main(["demo", str(path)]) == 0
    assert main(["demo", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ldboard", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"ldboard {__version__}"


# --- check never writes ---------------------------------------------------------------------


def test_check_does_not_upgrade_an_older_board(tmp_path, capsys):
    path = tmp_path / "old.ldboard"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, stop_before=MIGRATION_NAMES[-1])
    seed(conn, "Old", datetime(2026, 1, 5))
    conn.close()
    before = folder_state(tmp_path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"schema version: {SCHEMA_VERSION - 1}" in out
    assert f"will upgrade it to format {SCHEMA_VERSION} when it opens it" in out
    assert folder_state(tmp_path) == before, "no upgrade, no backup, no journal change"


def test_check_leaves_a_copy_in_rollback_mode_as_it_is(tmp_path, capsys):
    with Board.open(tmp_path / "plan.ldboard") as board:
        copy = board.backup_to(tmp_path / "copy.ldboard")
    before = folder_state(tmp_path)
    assert main(["check", str(copy)]) == 0
    assert folder_state(tmp_path) == before
    assert copy.read_bytes()[18:20] == b"\x01\x01", "still in rollback-journal mode"


def test_check_of_a_board_with_a_crashed_sessions_wal(tmp_path, capsys):
    path = tmp_path / "plan.ldboard"
    Board.open(path).close()
    crash_writer(path, items=3)
    before = folder_state(tmp_path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "items:          3 on the board" in out, "the check includes the waiting changes"
    assert (
        "Unsaved changes from an interrupted session are waiting in “plan.ldboard-wal”; they "
        "will be merged into the board when it is opened." in " ".join(out.split())
    )
    assert folder_state(tmp_path) == before, "the WAL was not merged into the file"


def test_check_of_a_damaged_board_lists_findings_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "plan.ldboard"
    create_demo_board(path).close()
    zero_page(path, page_of(path, "items", leaf=2))
    before = folder_state(tmp_path)
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert "integrity:      DAMAGED" in captured.out
    assert "  - " in captured.out
    assert "ldboard salvage" in captured.out
    assert "Traceback" not in captured.err
    assert folder_state(tmp_path) == before


def test_check_as_another_user_on_a_read_only_board(tmp_path):
    folder = shared_folder()
    try:
        path = folder / "plan.ldboard"
        with Board.open(path) as board:
            ops.create_item(board, board.columns()[0].id, "Readable")
        path.chmod(0o444)
        before = folder_state(folder)
        result = run_as_reader(
            "import sys; from ldboard.cli import main; sys.exit(main(sys.argv[1:]))",
            "check",
            str(path),
            cwd=folder.parent,
        )
        assert result.returncode == 0, result.stderr
        assert "items:          1 on the board" in result.stdout
        assert "read-only (file permissions)" in result.stdout
        assert folder_state(folder) == before
    finally:
        shutil.rmtree(folder)


# --- words, paths and new boards --------------------------------------------------------------


def test_an_unknown_word_is_an_unknown_command(tmp_path, monkeypatch, capsys):
    import ldboard.ui.shell.app

    opened: list[Path] = []
    monkeypatch.setattr(ldboard.ui.shell.app, "run", lambda path, qt_args: opened.append(path) or 0)
    monkeypatch.chdir(tmp_path)
    assert main(["export"]) == 2
    assert opened == [], "no window was opened"
    err = capsys.readouterr().err
    assert "unknown command “export”" in err
    for command in ("check", "demo", "new", "salvage"):
        assert f"ldboard {command} " in err
    assert list(tmp_path.iterdir()) == [], "no board called “export” was created"


def test_board_paths_open_the_window(tmp_path, monkeypatch):
    import ldboard.ui.shell.app

    opened: list[Path] = []
    monkeypatch.setattr(ldboard.ui.shell.app, "run", lambda path, qt_args: opened.append(path) or 0)
    existing = tmp_path / "no-suffix"
    existing.write_bytes(b"")
    assert main([str(tmp_path / "new.ldboard")]) == 0
    assert main([str(tmp_path / "Upper.LDBOARD")]) == 0
    assert main([str(existing)]) == 0
    assert main([]) == 0
    assert opened == [tmp_path / "new.ldboard", tmp_path / "Upper.LDBOARD", existing, None]


def test_new_creates_an_empty_board_and_refuses_an_existing_file(tmp_path, capsys):
    path = tmp_path / "fresh"
    assert main(["new", str(path)]) == 0
    with Board.open(path, create=False) as board:
        assert board.item_count() == 0 and len(board.columns()) == 7
    assert main(["new", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_file_errors_of_commands_go_to_stderr_with_exit_code_2(tmp_path, capsys):
    assert main(["new", str(tmp_path / "missing" / "x.ldboard")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["salvage", str(tmp_path / "gone.ldboard"), str(tmp_path / "n.ldboard")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_salvage_command_writes_a_new_board(tmp_path, capsys):
    path = tmp_path / "plan.ldboard"
    create_demo_board(path).close()
    zero_page(path, page_of(path, "items", leaf=2))
    assert main(["salvage", str(path), str(tmp_path / "saved.ldboard")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Saved ") and "Not saved: items: rows with ids" in out
    with Board.open(tmp_path / "saved.ldboard", create=False) as board:
        assert board.integrity_check() == ["ok"]
