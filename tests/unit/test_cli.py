"""The command line, without a display."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys

import pytest

from ldboard import __version__
from ldboard.cli import main
from ldboard.store.demo import create_demo_board
from ldboard.store.schema import SCHEMA_VERSION


def test_version(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out.strip() == f"ldboard {__version__}"


def test_check_reports_a_healthy_board(tmp_path, capsys):
    path = tmp_path / "demo.ldboard"
    create_demo_board(path).close()
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"schema version: {SCHEMA_VERSION}" in out
    assert "items:          28 on the board, 2 archived" in out
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
