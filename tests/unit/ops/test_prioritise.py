import pytest

from ldboard import ops
from ldboard.domain.rules import Thresholds


def _titles(board, column_id=1):
    return [c.title for c in board.cards() if c.column_id == column_id]


def test_thresholds_default_then_persist_and_undo(board):
    assert ops.board_thresholds(board) == Thresholds(3, 3)
    ops.set_thresholds(board, 4, 2)
    assert ops.board_thresholds(board) == Thresholds(4, 2)
    assert board.meta("matrix_impact_threshold") == "4"
    assert board.events()[-1].data["action"] == "set_thresholds"
    assert ops.set_thresholds(board, 4, 2) is None
    ops.set_thresholds(board, 4, 3)
    assert ops.board_thresholds(board) == Thresholds(4, 3)
    ops.undo(board, ops.set_thresholds(board, 3, 3))
    assert ops.board_thresholds(board) == Thresholds(4, 3)


def test_thresholds_undo_restores_the_exact_meta_rows(board, snapshot):
    before = snapshot(board)
    change = ops.set_thresholds(board, 2, 4)
    ops.undo(board, change)
    assert snapshot(board) == before


@pytest.mark.parametrize("value", [1, 6, "3", None])
def test_thresholds_are_scores_from_two_to_five(board, value):
    with pytest.raises(ValueError, match="2 to 5"):
        ops.set_thresholds(board, value, 3)


def test_prioritise_orders_by_score_keeping_ties_and_unscored_last(board, snapshot):
    for title, impact, effort in (
        ("unscored", None, None),
        ("tie A 2.0", 4, 2),
        ("low 0.2", 1, 5),
        ("best 5.0", 5, 1),
        ("tie B 2.0", 2, 1),
    ):
        ops.create_item(board, 1, title, fields={"impact": impact, "effort": effort})
    ranks = sorted(c.rank for c in board.cards())
    before = snapshot(board)
    change = ops.prioritise_column(board, 1)
    assert _titles(board) == ["best 5.0", "tie A 2.0", "tie B 2.0", "low 0.2", "unscored"]
    assert sorted(c.rank for c in board.cards()) == ranks, "the column's ranks are reused"
    assert change.label == "Prioritise “Intake” by score"
    assert all(e.kind == "reordered" for e in change.events)
    assert ops.prioritise_column(board, 1) is None, "already in order"
    ops.undo(board, change)
    assert snapshot(board) == before


def test_prioritise_writes_only_items_that_move(board):
    for title, impact in (("a", 5), ("b", 4), ("c", 1), ("d", 3)):
        ops.create_item(board, 1, title, fields={"impact": impact, "effort": 1})
    change = ops.prioritise_column(board, 1)
    assert {diff.key[0] for diff in change.rows} == {3, 4}, "a and b stay where they are"


def test_prioritise_an_unknown_column(board):
    with pytest.raises(LookupError):
        ops.prioritise_column(board, 99)
