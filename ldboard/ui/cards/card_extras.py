"""What a card shows besides its stored summary: triage, due checks, the weighted score.

The store reads a ``Card`` from an item's own columns. A request's triage
state, the weighted score's criteria, the evaluation checks due and the board's
choice of score live elsewhere (other columns, another table, ``meta``), and
only a few items have any of them. So they are read once when the board opens
(one query for the few items that have them, one for the checks due) and kept
here, in step with every change: an edit's own row diffs carry the new values,
so a card drop costs no extra query. Every card the board model reads is
filled from here before anyone paints or filters it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ldboard.domain.cards import Card
from ldboard.domain.weighted_score import weighted_score
from ldboard.ops.scoring import WEIGHTED, score_weights, scoring_mode
from ldboard.store import Board, Change

#: The item columns kept here, by item id (only for items with one of them set).
EXTRA_COLUMNS = ("triage", "audience_size", "risk", "inaction_score")
_NO_CHECKS = (0, False)


class CardExtras:
    """The extra facts of an open board's cards, and the board's choice of score."""

    def __init__(self, board: Board) -> None:
        self._board = board
        self._values: dict[int, dict[str, Any]] = {}
        #: item id → (open checks due by today, whether one is overdue)
        self._due: dict[int, tuple[int, bool]] = {}
        self._mode = scoring_mode(board)
        self._weights = score_weights(board)

    @property
    def weighted(self) -> bool:
        """Whether the board prioritises by the weighted score."""
        return self._mode == WEIGHTED

    def load(self) -> None:
        """Read everything again (the board was opened)."""
        board = self._board
        self._values = board.items_with_any(EXTRA_COLUMNS, archived=False)
        self._read_scoring()
        self._read_due()

    def fill(self, card: Card) -> Card:
        """Set ``card``'s triage, checks due and weighted score (returns it)."""
        values = self._values.get(card.id)
        card.triage = values["triage"] if values is not None else None
        card.checks_due, card.checks_overdue = self._due.get(card.id, _NO_CHECKS)
        if self._mode == WEIGHTED:
            scores = {"impact": card.impact, **(values or {})}
            card.weighted = weighted_score(scores, card.effort, self._weights)
        else:
            card.weighted = None
        return card

    def apply(self, change: Change) -> tuple[bool, set[int]]:
        """Follow ``change``: whether the board's score changed (every card's badge
        then changes), and the items whose checks due changed."""
        for diff in change.diffs("items"):
            item_id = diff.key[0]
            if diff.after is None:
                self._values.pop(item_id, None)
                continue
            if not any(name in diff.after for name in EXTRA_COLUMNS):
                continue
            values = self._values.get(item_id) or dict.fromkeys(EXTRA_COLUMNS)
            values.update({n: diff.after[n] for n in EXTRA_COLUMNS if n in diff.after})
            if any(v is not None for v in values.values()):
                self._values[item_id] = values
            else:
                self._values.pop(item_id, None)
        rescored = change.touches("meta") and self._read_scoring()
        due: set[int] = set()
        if change.touches("evaluation_checks", "evaluation_plans") or _items_come_or_go(change):
            due = self._read_due()
        return rescored, due

    def _read_scoring(self) -> bool:
        mode, weights = scoring_mode(self._board), score_weights(self._board)
        changed = (mode, weights) != (self._mode, self._weights)
        self._mode, self._weights = mode, weights
        return changed

    def _read_due(self) -> set[int]:
        """Read the checks due by today; the items whose count or overdue flag changed."""
        today: date = self._board.today()
        counts: dict[int, list[Any]] = {}
        for item_id, check in self._board.due_checks(today):
            entry = counts.setdefault(item_id, [0, False])
            entry[0] += 1
            entry[1] = entry[1] or (check.due is not None and check.due < today.isoformat())
        due = {item_id: (count, overdue) for item_id, (count, overdue) in counts.items()}
        changed = {i for i in due.keys() | self._due.keys() if due.get(i) != self._due.get(i)}
        self._due = due
        return changed


def _items_come_or_go(change: Change) -> bool:
    """Whether ``change`` adds, removes, archives or restores an item: only then can
    the checks due (which leave out archived items) change without touching a check.
    A move or an edit, the common case, reads nothing."""
    return any(
        diff.is_insert or diff.is_delete or "archived_at" in (diff.after or {})
        for diff in change.diffs("items")
    )
