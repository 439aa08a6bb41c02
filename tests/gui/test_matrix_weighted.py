"""The matrix on a board that prioritises by the weighted score: cards in a cell
are ordered by it (best first) and their tooltips say it; impact ÷ effort
leaves the board order alone."""

from __future__ import annotations

import pytest

from ldboard import ops
from ldboard.domain.weighted_score import Weights
from ldboard.ops.scoring import IMPACT_EFFORT, WEIGHTED, set_scoring


@pytest.fixture
def window(window, qtbot):
    """The demo board's window showing the matrix."""
    window.screen("matrixPage").view_action.trigger()
    qtbot.waitUntil(lambda: window.matrix_page.isVisible())
    return window


def scene(window):
    return window.matrix_page.scene


def crowded_cell(window):
    """A cell the demo fills with at least three cards, and its cards in board order."""
    for impact in range(5, 0, -1):
        for effort in range(1, 6):
            cards = scene(window).cell_cards(impact, effort)
            if len(cards) >= 3:
                return (impact, effort), [c.id for c in cards]
    raise AssertionError("the demo has a cell with three cards")


def keys(window, cell):
    return [c.key for c in scene(window).cell_cards(*cell)]


def tooltip(window, item_id):
    chip = scene(window).chip(item_id)
    assert chip is not None
    return chip.tooltip_text()


def test_cells_follow_the_weighted_score_and_go_back_on_undo(window):
    session = window.session
    cell, board_order = crowded_cell(window)
    first, second, third = board_order[:3]
    # Evidence that turns the board order around: the last card is worth the most.
    evidence = {first: (1, 1, 1), second: (3, 3, 3), third: (5, 5, 5)}
    for item_id, (audience, risk, inaction) in evidence.items():
        fields = {"audience_size": audience, "risk": risk, "inaction_score": inaction}
        session.perform(ops.edit_item, item_id, fields)
    before = keys(window, cell)
    assert [c.id for c in scene(window).cell_cards(*cell)][:3] == [first, second, third]
    assert "Weighted score" not in tooltip(window, first)

    session.perform(set_scoring, WEIGHTED, Weights())
    ordered = [c.id for c in scene(window).cell_cards(*cell)]
    assert ordered[:3] == [third, second, first], "best weighted score first"
    scores = [c.weighted for c in scene(window).cell_cards(*cell) if c.weighted is not None]
    assert scores == sorted(scores, reverse=True)
    impact, effort = cell
    expected = (3 * impact + 2 * 5 + 2 * 5 + 2 * 5) / 9 / effort
    assert f"Weighted score {expected:.2f}" in tooltip(window, third)

    # Evidence edited later moves the card within its cell at once.
    session.perform(ops.edit_item, first, {"audience_size": 5, "risk": 5, "inaction_score": 5})
    now = [c.id for c in scene(window).cell_cards(*cell)]
    assert now.index(first) < now.index(third) < now.index(second), "a tie keeps board order"
    window.action_undo.trigger()
    assert [c.id for c in scene(window).cell_cards(*cell)] == ordered

    window.action_undo.trigger()  # back to impact ÷ effort
    assert keys(window, cell) == before
    assert "Weighted score" not in tooltip(window, third)


def test_impact_effort_keeps_the_board_order(window):
    cell, board_order = crowded_cell(window)
    for item_id in board_order:
        score = 5 if item_id == board_order[-1] else 1
        fields = {"audience_size": score, "risk": score, "inaction_score": score}
        window.session.perform(ops.edit_item, item_id, fields)
    window.session.perform(set_scoring, WEIGHTED)
    assert scene(window).cell_cards(*cell)[0].id == board_order[-1]
    window.session.perform(set_scoring, IMPACT_EFFORT)
    assert [c.id for c in scene(window).cell_cards(*cell)] == board_order
