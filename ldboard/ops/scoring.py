"""Which priority score a board uses: impact ÷ effort (the default) or the weighted one.

Kept in the board's ``meta`` table (``priority_score``, ``score_weights``; see
docs/file-format.md), so the choice travels with the board file.
"""

from __future__ import annotations

import json

from ldboard.domain.enums import EventKind
from ldboard.domain.weighted_score import DEFAULT_WEIGHTS, Weights
from ldboard.ops._diff import inserted
from ldboard.store import Board, Change, EventRecord, RowDiff

MODE_KEY = "priority_score"
WEIGHTS_KEY = "score_weights"
IMPACT_EFFORT = "impact_effort"
WEIGHTED = "weighted"
MODES = (IMPACT_EFFORT, WEIGHTED)


def scoring_mode(board: Board) -> str:
    mode = board.meta(MODE_KEY)
    return mode if mode in MODES else IMPACT_EFFORT


def score_weights(board: Board) -> Weights:
    """The board's weights; the defaults when none (or unreadable ones) are stored."""
    try:
        stored = json.loads(board.meta(WEIGHTS_KEY) or "{}")
        return Weights({**DEFAULT_WEIGHTS, **stored})
    except (ValueError, TypeError):
        return Weights()


def set_scoring(board: Board, mode: str, weights: Weights | None = None) -> Change | None:
    """Use ``mode`` (and ``weights``) from now on, as one undoable change."""
    if mode not in MODES:
        raise ValueError(f"unknown priority score {mode!r}")
    wanted = {MODE_KEY: mode}
    if weights is not None:
        wanted[WEIGHTS_KEY] = json.dumps(weights.values, sort_keys=True)
    rows: list[RowDiff] = []
    for key, value in wanted.items():
        stored = board.meta(key)
        if stored is None:
            rows.append(inserted("meta", (key,), {"value": value}))
        elif stored != value:
            rows.append(RowDiff("meta", (key,), {"value": stored}, {"value": value}))
    if not rows:
        return None
    data = {"action": "set_scoring", "after": wanted}
    event = EventRecord(EventKind.BOARD, None, data)
    label = "Prioritise by weighted score" if mode == WEIGHTED else "Prioritise by impact ÷ effort"
    return board.apply(Change(label, tuple(rows), (event,)))
