import pytest

from ldboard import ops
from ldboard.domain.rules import Thresholds
from ldboard.domain.weighted_score import Weights
from ldboard.ops.prioritise import item_score
from ldboard.ops.scoring import set_scoring


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


# Hand-computed with the default weights (impact 3, audience 2, risk 2, inaction 2):
# weighted = (3·impact + 2·audience + 2·risk + 2·inaction) ÷ (sum of the weights of
# the criteria scored) ÷ effort.
WEIGHTED_EXAMPLE = (
    # title, impact, audience, risk, inaction, effort: impact ÷ effort | weighted
    ("A", 2, 5, 5, 5, 2),  # 1.00 | (6 + 10 + 10 + 10) / 9 / 2 = 2.00
    ("B", 5, None, None, None, 2),  # 2.50 | 15 / 3 / 2 = 2.50
    ("C", 3, 5, 5, 4, 1),  # 3.00 | (9 + 10 + 10 + 8) / 9 = 4.11
    ("D", 4, 1, 1, 1, 1),  # 4.00 | (12 + 2 + 2 + 2) / 9 = 2.00 (ties A: keeps A first)
    ("E", None, 5, None, None, 1),  # unscored | 10 / 2 = 5.00
)


def _weighted_example(board):
    for title, impact, audience, risk, inaction, effort in WEIGHTED_EXAMPLE:
        fields = {
            "impact": impact,
            "audience_size": audience,
            "risk": risk,
            "inaction_score": inaction,
            "effort": effort,
        }
        ops.create_item(board, 1, title, fields=fields)


def test_the_default_score_ignores_the_weighted_criteria(board):
    _weighted_example(board)
    change = ops.prioritise_column(board, 1)
    assert _titles(board) == ["D", "C", "B", "A", "E"]
    assert change.label == "Prioritise “Intake” by score"
    assert {e.data["reason"] for e in change.events} == {"prioritised by score"}


def test_prioritise_uses_the_weighted_score_once_the_board_chose_it(board, snapshot):
    _weighted_example(board)
    set_scoring(board, "weighted")
    before = snapshot(board)
    change = ops.prioritise_column(board, 1)
    assert _titles(board) == ["E", "C", "B", "A", "D"]
    assert change.label == "Prioritise “Intake” by weighted score"
    assert {e.data["reason"] for e in change.events} == {"prioritised by weighted score"}
    ops.undo(board, change)
    assert snapshot(board) == before


def test_prioritise_follows_the_board_weights(board):
    _weighted_example(board)
    only_audience = Weights({"impact": 0, "audience_size": 5, "risk": 0, "inaction_score": 0})
    set_scoring(board, "weighted", only_audience)
    ops.prioritise_column(board, 1)
    # audience ÷ effort: E 5.0, C 5.0, A 2.5, D 1.0, B unscored
    assert _titles(board) == ["C", "E", "A", "D", "B"]


def test_item_score_in_each_mode():
    values = {"impact": 4, "audience_size": 1, "risk": None, "inaction_score": 4, "effort": 2}
    assert item_score(values, "impact_effort", Weights()) == 2.0
    # (3·4 + 2·1 + 2·4) / (3 + 2 + 2) / 2 = 22 / 7 / 2
    assert item_score(values, "weighted", Weights()) == pytest.approx(22 / 14)
    assert item_score({**values, "effort": None}, "weighted", Weights()) is None
