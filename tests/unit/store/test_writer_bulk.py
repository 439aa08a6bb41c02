"""Runs of like inserts are written in one statement, with the same guarantees as
one row at a time: every row lands, and a row already there is a conflict that
leaves the board as it was."""

from __future__ import annotations

import pytest

from ldboard.store import Change, ConflictError
from ldboard.store.changes import RowDiff
from ldboard.store.writer import BULK_UPDATES


def tag_rows(start: int, count: int) -> list[RowDiff]:
    return [
        RowDiff("tags", (n,), None, {"name": f"tag {n}", "color": "#64748b"})
        for n in range(start, start + count)
    ]


def test_a_run_of_inserts_lands_whole(board):
    before = board.connection.execute("SELECT count(*) FROM tags").fetchone()[0]
    board.apply(Change("Add tags", tuple(tag_rows(1000, BULK_UPDATES * 3)), ()))
    names = [r[0] for r in board.connection.execute("SELECT name FROM tags WHERE id >= 1000")]
    assert names == [f"tag {n}" for n in range(1000, 1000 + BULK_UPDATES * 3)]
    assert board.connection.execute("SELECT count(*) FROM tags").fetchone()[0] == (
        before + BULK_UPDATES * 3
    )


def test_a_run_that_adds_a_row_already_there_is_a_conflict_and_writes_nothing(board):
    board.apply(Change("One tag", tuple(tag_rows(2000, 1)), ()))
    before = list(board.connection.iterdump())
    run = tag_rows(1990, BULK_UPDATES * 2)  # 1990 … 2005: 2000 is taken
    with pytest.raises(ConflictError, match="cannot add tags"):
        board.apply(Change("Clash", tuple(run), ()))
    assert list(board.connection.iterdump()) == before
