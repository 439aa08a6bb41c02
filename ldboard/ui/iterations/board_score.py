"""The score the planning tables show: the one the board prioritises by.

Impact ÷ effort unless the board chose the weighted score (``ops.scoring``);
then the weighted criteria of the items that have any are read once and kept
in step with changes, so a planning row (which carries impact and effort only)
gets its weighted score without a query per row.
"""

from __future__ import annotations

from typing import Any

from ldboard.domain.iterations import PlanningRow
from ldboard.ops.prioritise import item_score
from ldboard.ops.scoring import IMPACT_EFFORT, WEIGHTED, score_weights, scoring_mode
from ldboard.store import Board, Change

_CRITERIA = ("audience_size", "risk", "inaction_score")


class BoardScore:
    """Callable on a planning row: its score as the board counts it (``None``: unscored)."""

    def __init__(self, board: Board) -> None:
        self._board = board
        self.mode = IMPACT_EFFORT
        self._weights = score_weights(board)
        self._criteria: dict[int, dict[str, Any]] = {}
        self.refresh()

    def refresh(self) -> bool:
        """Read the board's choice again; whether it changed (every score then does)."""
        board = self._board
        before = (self.mode, self._weights)
        self.mode, self._weights = scoring_mode(board), score_weights(board)
        if self.mode == WEIGHTED:
            self._criteria = board.items_with_any(_CRITERIA)
        else:
            self._criteria = {}
        return (self.mode, self._weights) != before

    def follow(self, change: Change) -> bool:
        """Keep up with ``change``; whether every row's score may differ now."""
        if change.touches("meta") and self.refresh():
            return True
        if self.mode == WEIGHTED:
            for diff in change.diffs("items"):
                if diff.after is not None and any(n in diff.after for n in _CRITERIA):
                    values = self._criteria.setdefault(diff.key[0], dict.fromkeys(_CRITERIA))
                    values.update({n: diff.after[n] for n in _CRITERIA if n in diff.after})
        return False

    @property
    def tip(self) -> str:
        if self.mode == WEIGHTED:
            return "The board's weighted score: what the item is worth ÷ effort"
        return "Impact ÷ effort: the higher, the more value for the work"

    def __call__(self, row: PlanningRow) -> float | None:
        values = {"impact": row.impact, "effort": row.effort}
        if self.mode == WEIGHTED:
            values.update(self._criteria.get(row.id, {}))
        return item_score(values, self.mode, self._weights)
