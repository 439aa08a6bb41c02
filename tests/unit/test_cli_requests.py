"""``ldboard export BOARD --requests``: every request by triage state, as Markdown or CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from ldboard.cli import main
from ldboard.domain.practice import IntakeRecord
from ldboard.ops.intake import Request, record_request, set_triage
from ldboard.store import Board


def make_requests(path: Path) -> None:
    with Board.open(path) as board:
        asks = (
            ("Negotiation course", "initiative", ""),
            ("Leadership e-learning for all", "no_training", "Shadowing plan | job aid"),
            ("Excel for everyone", "declined", "No budget this year"),
            ("Coaching skills", "waitlisted", "After the CRM launch"),
        )
        for title, outcome, reason in asks:
            record = IntakeRecord("2026-11-02", outcome, recommendation=reason)
            record_request(board, Request(title, record, "Maria Okonkwo"))
        set_triage(board, 4, "in_review")


def test_the_markdown_report_groups_requests_and_counts_those_handled_without_training(
    tmp_path, capsys
):
    board, out = tmp_path / "plan.ldboard", tmp_path / "requests.md"
    make_requests(board)
    before = board.read_bytes()
    assert main(["export", str(board), "--requests", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote 4 requests to {out}\n"
    text = out.read_text(encoding="utf-8")
    assert "4 requests; **1 handled without building training**." in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## In review (1)",
        "## Approved (1)",
        "## Resolved without training (1)",
        "## Declined (1)",
    ]
    assert "| LD-2 | Leadership e-learning for all | Maria Okonkwo | 2026-11-02 |" in text
    assert "Shadowing plan \\| job aid | archived |" in text
    assert board.read_bytes() == before


def test_the_csv_report_lists_every_request(tmp_path):
    board, out = tmp_path / "plan.ldboard", tmp_path / "requests.csv"
    make_requests(board)
    assert main(["export", str(board), "--requests", "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["key", "title", "state", "requester"]
    assert [(r[0], r[2], r[7]) for r in rows[1:]] == [
        ("LD-4", "in_review", "yes"),
        ("LD-1", "approved", "yes"),
        ("LD-2", "resolved", "no"),
        ("LD-3", "declined", "no"),
    ]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "pdf"], "written as md or csv"),
        (["--iteration", "current"], "give one"),
    ],
)
def test_wrong_requests_options_are_refused_and_nothing_is_written(tmp_path, capsys, args, words):
    board, out = tmp_path / "plan.ldboard", tmp_path / "requests.md"
    make_requests(board)
    assert main(["export", str(board), "--requests", *args, "-o", str(out)]) == 2
    assert words in capsys.readouterr().err
    assert not out.exists()
