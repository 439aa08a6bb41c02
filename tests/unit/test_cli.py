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
    assert main(["sync"]) == 2
    assert opened == [], "no window was opened"
    err = capsys.readouterr().err
    assert "unknown command “sync”" in err
    for command in ("check", "demo", "export", "import", "new", "salvage"):
        assert f"ldboard {command} " in err
    assert list(tmp_path.iterdir()) == [], "no board called “sync” was created"


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


# --- export ------------------------------------------------------------------------------------


@pytest.fixture
def story_file(tmp_path):
    """A board with Sprint 1 closed and Sprint 2 running, in its own folder."""
    from tests.unit.io.conftest import build_story, fixed_clock

    folder = tmp_path / "boards"
    folder.mkdir()
    path = folder / "plan.ldboard"
    with Board.open(path, clock=fixed_clock()) as board:
        build_story(board)
    return path


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_export_writes_the_summary_and_never_touches_the_board(story_file, tmp_path, capsys, fmt):
    from ldboard.io.export import render
    from ldboard.io.summary import build_summary

    before = _folder_bytes(story_file.parent)
    out = tmp_path / f"summary.{fmt}"
    assert main(["export", str(story_file), "--iteration", "Sprint 1", "-o", str(out)]) == 0
    assert "Wrote the summary of “Sprint 1”" in capsys.readouterr().out
    assert _folder_bytes(story_file.parent) == before
    with Board.open(story_file) as board:
        assert out.read_bytes() == render(build_summary(board, 1), fmt)


def test_export_format_option_wins_over_the_extension(story_file, tmp_path):
    out = tmp_path / "summary.txt"
    assert main(["export", str(story_file), "--iteration", "last", "--format", "JSON",
                 "-o", str(out)]) == 0  # fmt: skip
    assert out.read_text(encoding="utf-8").startswith('{\n  "format": "ldboard-iteration-summary"')


def _refused(argv, capsys, tmp_path, *expected):
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert main(argv) == 2
    err = capsys.readouterr().err
    for text in expected:
        assert text in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    return err


def test_export_refuses_an_unknown_iteration(story_file, tmp_path, capsys):
    out = str(tmp_path / "s.md")
    _refused(["export", str(story_file), "--iteration", "Sprint 9", "-o", out], capsys, tmp_path,
             "no iteration is called “Sprint 9”", "“Sprint 1”", "“Sprint 2”")  # fmt: skip


def test_export_refuses_a_planned_iteration(story_file, tmp_path, capsys):
    with Board.open(story_file) as board:
        ops.create_iteration(board, "Sprint 3")
    out = str(tmp_path / "s.md")
    _refused(["export", str(story_file), "--iteration", "sprint 3", "-o", out], capsys, tmp_path,
             "“Sprint 3” has not started yet")  # fmt: skip


def test_export_refuses_an_unknown_format_and_an_unknown_extension(story_file, tmp_path, capsys):
    out = str(tmp_path / "s.md")
    _refused(["export", str(story_file), "--iteration", "last", "--format", "docx", "-o", out],
             capsys, tmp_path, "unknown format “docx”", "md, html, pdf, csv, json")  # fmt: skip
    odd = str(tmp_path / "summary.docx")
    _refused(["export", str(story_file), "--iteration", "last", "-o", odd], capsys, tmp_path,
             "cannot tell the format from “summary.docx”", "--format")  # fmt: skip


def test_export_to_pdf_writes_a_pdf_on_the_chosen_paper(story_file, tmp_path, capsys):
    before = _folder_bytes(story_file.parent)
    a4, letter = tmp_path / "s.pdf", tmp_path / "letter.pdf"
    assert main(["export", str(story_file), "--iteration", "last", "-o", str(a4)]) == 0
    assert main(["export", str(story_file), "--iteration", "last", "-o", str(letter),
                 "--page-size", "Letter"]) == 0  # fmt: skip
    assert a4.read_bytes().startswith(b"%PDF-") and letter.read_bytes().startswith(b"%PDF-")
    assert _folder_bytes(story_file.parent) == before
    assert "Wrote the summary" in capsys.readouterr().out


def test_export_refuses_a_file_that_is_not_a_board(tmp_path, capsys):
    notes = tmp_path / "notes.ldboard"
    notes.write_text("just some text, long enough to be more than a header" * 3)
    out = str(tmp_path / "s.md")
    _refused(["export", str(notes), "--iteration", "last", "-o", out], capsys, tmp_path,
             "“notes.ldboard” is not an ldboard board")  # fmt: skip
    _refused(["export", str(tmp_path / "missing.ldboard"), "--iteration", "last", "-o", out],
             capsys, tmp_path, "missing.ldboard” does not exist")  # fmt: skip


def test_export_refuses_paths_it_cannot_write(story_file, tmp_path, capsys):
    board = str(story_file)
    missing = str(tmp_path / "no such folder" / "s.md")
    _refused(["export", board, "--iteration", "last", "-o", missing], capsys, tmp_path,
             "the folder", "does not exist")  # fmt: skip
    folder = tmp_path / "already.md"
    folder.mkdir()
    _refused(["export", board, "--iteration", "last", "-o", str(folder)], capsys, tmp_path,
             "“" + str(folder) + "” is a folder")  # fmt: skip


def test_export_as_another_user_into_a_folder_it_cannot_write(story_file):
    folder = shared_folder()
    try:
        board = folder / "plan.ldboard"
        shutil.copyfile(story_file, board)
        out_folder = folder / "locked"
        out_folder.mkdir()
        out_folder.chmod(0o555)
        board.chmod(0o444)
        before = folder_state(folder)
        result = run_as_reader(
            "import sys; from ldboard.cli import main; sys.exit(main(sys.argv[1:]))",
            "export",
            str(board),
            "--iteration",
            "last",
            "-o",
            str(out_folder / "summary.md"),
            cwd=folder.parent,
        )
        assert result.returncode == 2, result.stderr
        assert f"cannot write “{out_folder / 'summary.md'}”: Permission denied" in result.stderr
        assert "Traceback" not in result.stderr
        assert list(out_folder.iterdir()) == []
        assert folder_state(folder) == before
    finally:
        shutil.rmtree(folder)


def test_export_of_an_older_board_upgrades_nothing_on_disk(tmp_path, capsys):
    from tests.unit.store.older_boards import write_older_board

    folder = tmp_path / "boards"
    folder.mkdir()
    path = folder / "old.ldboard"
    write_older_board(path, MIGRATION_NAMES[-1])
    before = folder_state(folder)
    out = tmp_path / "summary.md"
    assert main(["export", str(path), "--iteration", "current", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Iteration summary: ")
    assert folder_state(folder) == before, "no upgrade, no backup, no -wal left beside it"


# --- backup ----------------------------------------------------------------------------------


def test_backup_writes_a_verified_copy_to_the_rolling_folder(tmp_path, capsys):
    from ldboard.store.rolling_backups import backup_folder, list_backups

    path = tmp_path / "plan.ldboard"
    create_demo_board(path).close()
    before = folder_state(tmp_path)
    assert main(["backup", str(path)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == backup_folder(path)
    assert written.name.startswith("plan (backup ") and written.suffix == ".ldboard"
    assert [info.path for info in list_backups(path)] == [written]
    assert folder_state(tmp_path) == before, "nothing written beside the board"


def test_backup_to_a_chosen_file(tmp_path, capsys):
    path = tmp_path / "plan.ldboard"
    create_demo_board(path).close()
    out = tmp_path / "copy.ldboard"
    assert main(["backup", str(path), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    with Board.open(out, create=False) as copy:
        assert len(copy.cards()) == 29


def test_backup_failures_exit_2_with_a_message(tmp_path, capsys):
    path = tmp_path / "plan.ldboard"
    create_demo_board(path).close()
    assert main(["backup", str(tmp_path / "gone.ldboard")]) == 2
    assert "gone.ldboard does not exist" in capsys.readouterr().err
    assert main(["backup", str(path), "-o", str(tmp_path / "no" / "copy.ldboard")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ldboard backup: Could not back up") and "does not exist" in err
    assert not (tmp_path / "no").exists()


def test_check_lists_the_latest_three_backups(tmp_path, capsys):
    from ldboard.store.rolling_backups import make_backup

    path = tmp_path / "plan.ldboard"
    create_demo_board(path).close()
    assert main(["check", str(path)]) == 0
    assert "backups:        none yet" in capsys.readouterr().out
    for hour in range(4):
        make_backup(path, clock=lambda hour=hour: datetime.fromisoformat(f"2026-12-07T0{hour}:30Z"))
    assert main(["check", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("backups:"))
    assert lines[at].startswith("backups:        4 in ")
    assert lines[at + 1 : at + 4] == [
        "  - 2026-12-07 03:30 UTC, 29 items",
        "  - 2026-12-07 02:30 UTC, 29 items",
        "  - 2026-12-07 01:30 UTC, 29 items",
    ]


# --- whole-board JSON --------------------------------------------------------------------------


def test_export_without_iteration_writes_the_whole_board_and_import_rebuilds_it(
    story_file, tmp_path, capsys
):
    from ldboard.store.board_json_export import render_board_json

    before = _folder_bytes(story_file.parent)
    out = tmp_path / "board.json"
    assert main(["export", str(story_file), "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote the whole board to {out}"
    assert _folder_bytes(story_file.parent) == before, "the board is only read"
    with Board.open(story_file) as board:
        assert out.read_text(encoding="utf-8") == render_board_json(board.connection)
        items = board.item_count() + board.item_count(archived=True)
    new = tmp_path / "copy.ldboard"
    assert main(["import", str(new), "--json", str(out)]) == 0
    assert capsys.readouterr().out.startswith(
        f"Created the board {new} from board.json: {items} items"
    )
    again = tmp_path / "again.json"
    assert main(["export", str(new), "-o", str(again)]) == 0  # the format from the extension
    assert again.read_bytes() == out.read_bytes()


def test_export_without_iteration_refuses_formats_other_than_json(story_file, tmp_path, capsys):
    board = str(story_file)
    for argv in (
        ["-o", str(tmp_path / "board.md")],
        ["--format", "csv", "-o", str(tmp_path / "b")],
    ):
        _refused(["export", board, *argv], capsys, tmp_path,
                 "ldboard export: without --iteration the whole board is written, and only as JSON",
                 "--iteration NAME")  # fmt: skip


def test_import_refuses_bad_json_an_existing_board_and_a_missing_file(story_file, tmp_path, capsys):
    import json

    from ldboard.store.board_json_export import render_board_json

    with Board.open(story_file) as board:
        document = json.loads(render_board_json(board.connection))
    document["tables"]["items"][2]["impact"] = "high"
    bad = tmp_path / "board.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    new = str(tmp_path / "new.ldboard")
    _refused(["import", new, "--json", str(bad)], capsys, tmp_path,
             "ldboard import: board.json: $.tables.items[2].impact: expected a whole number or "
             'null, found "high". Nothing was written.')  # fmt: skip
    _refused(["import", str(story_file), "--json", str(bad)], capsys, tmp_path,
             f"“{story_file}” already exists; an import only creates a new board")  # fmt: skip
    _refused(["import", new, "--json", str(tmp_path / "missing.json")], capsys, tmp_path,
             "missing.json”: it does not exist. Nothing was written.")  # fmt: skip


def test_whole_board_export_of_an_older_board_upgrades_nothing_on_disk(tmp_path, capsys):
    from tests.unit.store.older_boards import write_older_board

    folder = tmp_path / "boards"
    folder.mkdir()
    path = folder / "old.ldboard"
    write_older_board(path, MIGRATION_NAMES[-1])
    before = folder_state(folder)
    out = tmp_path / "board.json"
    assert main(["export", str(path), "--format", "json", "-o", str(out)]) == 0
    assert f'"schema_version": {SCHEMA_VERSION},' in out.read_text(encoding="utf-8")
    assert folder_state(folder) == before, "no upgrade, no backup, no -wal left beside it"
    assert main(["import", str(tmp_path / "new.ldboard"), "--json", str(out)]) == 0


def test_import_takes_exactly_one_source(tmp_path, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["import", str(tmp_path / "new.ldboard")])
    assert raised.value.code == 2
    message = "one of the arguments --csv --trello --results --json is required"
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
