"""``ldboard import BOARD --csv|--trello FILE``: exit codes, messages, no partial writes."""

from __future__ import annotations

import os
from pathlib import Path

from ldboard.cli import main
from ldboard.store import Board

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"


def items(path: Path) -> list[str]:
    with Board.open(path) as board:
        return [row[0] for row in board.connection.execute("SELECT title FROM items ORDER BY id")]


def test_a_missing_board_is_created_with_the_default_columns_and_filled(tmp_path, capsys):
    board = tmp_path / "plan.ldboard"
    assert main(["import", str(board), "--csv", str(FIXTURES / "libreoffice_utf8.csv")]) == 0
    out = capsys.readouterr().out
    assert "Imported 3 items" in out and "libreoffice_utf8.csv" in out
    assert items(board) == [
        "Sales negotiation refresher",
        "Safety induction, warehouse",
        "Customer empathy micro-lessons",
    ]


def test_new_stages_need_create_columns(tmp_path, capsys):
    board, sheet = tmp_path / "plan.ldboard", tmp_path / "sheet.csv"
    sheet.write_text("Title,Stage\nA,Parking lot\n", encoding="utf-8")
    Board.open(board).close()
    before = board.read_bytes()
    assert main(["import", str(board), "--csv", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert "“Parking lot”" in err and "--create-columns" in err and "Nothing was written" in err
    assert items(board) == [] and board.read_bytes() == before
    assert main(["import", str(board), "--csv", str(sheet), "--create-columns"]) == 0
    with Board.open(board) as opened:
        assert "Parking lot" in [c.name for c in opened.columns()]


def test_problems_are_named_by_line_and_nothing_is_written(tmp_path, capsys):
    board = tmp_path / "plan.ldboard"
    Board.open(board).close()
    assert main(["import", str(board), "--csv", str(FIXTURES / "impossible_value.csv")]) == 2
    err = capsys.readouterr().err
    assert "impossible_value.csv:4" in err and "impossible_value.csv:5" in err
    assert items(board) == []


def test_a_missing_sheet_or_a_board_open_in_the_app_is_refused(tmp_path, capsys):
    board = tmp_path / "plan.ldboard"
    assert main(["import", str(board), "--csv", str(tmp_path / "nope.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not board.exists()
    Board.open(board).close()
    # ldboard's lock file, naming a live process (the test runner's parent).
    (tmp_path / "plan.ldboard.lock").write_text(f"{os.getppid()}\nldboard\nhost\n")
    assert main(["import", str(board), "--csv", str(FIXTURES / "libreoffice_utf8.csv")]) == 2
    assert "is open in ldboard" in capsys.readouterr().err
    assert items(board) == []


TRELLO = Path(__file__).resolve().parents[1] / "fixtures" / "trello" / "board.json"


def test_a_trello_export_is_imported_with_its_lists_as_columns(tmp_path, capsys):
    board = tmp_path / "from trello.ldboard"
    args = ["import", str(board), "--trello", str(TRELLO)]
    assert main(args) == 2
    assert "“Ideas 💡”, “Doing”" in capsys.readouterr().err
    assert not board.exists(), "a refused import leaves no new board behind"
    assert main([*args, "--create-columns"]) == 0
    captured = capsys.readouterr()
    assert "Imported 5 items" in captured.out
    assert "“Empty archive” is empty" in captured.err
    assert "New-hire buddy programme" in items(board)


def test_a_file_that_is_not_a_trello_export_is_refused_with_its_json_path(tmp_path, capsys):
    board, bad = tmp_path / "plan.ldboard", tmp_path / "bad.json"
    bad.write_text('{"lists": [], "cards": [{"id": "c", "name": "n", "idList": "x"}]}')
    Board.open(board).close()
    before = board.read_bytes()
    assert main(["import", str(board), "--trello", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.json: $.cards[0].idList" in err and "Nothing was written" in err
    assert board.read_bytes() == before
