"""``ldboard import BOARD --results FILE``: results recorded on a board's items, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldboard import ops
from ldboard.cli import main
from ldboard.store import Board

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "results"


def make_board(path: Path) -> None:
    with Board.open(path) as board:
        for title in ("Phishing microlearning", "Quiz bursts"):
            ops.create_item(board, board.columns()[0].id, title)


def recorded(path: Path) -> list[tuple]:
    with Board.open(path) as board:
        return board.connection.execute(
            "SELECT i.key, m.measured_on, m.value, m.label, i.actual FROM measurements m "
            "JOIN items i ON i.id = m.item_id ORDER BY m.id"
        ).fetchall()


def test_results_are_recorded_and_the_newest_becomes_actual(tmp_path, capsys):
    board, results = tmp_path / "plan.ldboard", tmp_path / "march.csv"
    make_board(board)
    results.write_text(
        "Key,Date,Completion rate,Phase\nLD-1,2026-01-15,9.5,Pilot\nLD-1,2026-02-16,6.1,30 days\n"
        "LD-2,2026-02-16,74.5,Pilot\n",
        encoding="utf-8",
    )
    assert main(["import", str(board), "--results", str(results)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"march.csv → {board}: Recorded 3 results on 2 items; 2 actual values changed.\n"
    )
    assert recorded(board) == [
        ("LD-1", "2026-01-15", 9.5, "Pilot", 6.1),
        ("LD-1", "2026-02-16", 6.1, "30 days", 6.1),
        ("LD-2", "2026-02-16", 74.5, "Pilot", 74.5),
    ]
    assert main(["import", str(board), "--results", str(results)]) == 0
    captured = capsys.readouterr()
    assert "nothing new to record" in captured.out and "already recorded" in captured.err
    assert len(recorded(board)) == 3


def test_unknown_keys_and_bad_values_are_named_by_line_and_nothing_is_written(tmp_path, capsys):
    board = tmp_path / "plan.ldboard"
    make_board(board)
    before = board.read_bytes()
    source = FIXTURES / "unknown_key_bad_date.csv"
    assert main(["import", str(board), "--results", str(source)]) == 2
    err = capsys.readouterr().err
    assert "unknown_key_bad_date.csv:3: key: no item “LD-99”" in err
    assert "unknown_key_bad_date.csv:4: date:" in err and "Nothing was written." in err
    assert board.read_bytes() == before


def test_results_need_an_existing_board(tmp_path, capsys):
    board = tmp_path / "missing.ldboard"
    source = FIXTURES / "survey_titles.csv"
    assert main(["import", str(board), "--results", str(source)]) == 2
    assert "does not exist: results are added to the items of a board" in capsys.readouterr().err
    assert not board.exists()


def test_the_help_names_the_results_option(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "--results FILE" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "ldboard import BOARD --results FILE" in out
