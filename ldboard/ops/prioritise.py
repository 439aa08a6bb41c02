"""Prioritisation operations: the board's matrix thresholds and ordering by score.

"By score" means the score the board chose (``ops.scoring``): impact ÷ effort
unless the board switched to the weighted score.
"""

from __future__ import annotations

from collections.abc import Mapping

from ldboard.domain.enums import EventKind
from ldboard.domain.matrix import EFFORT_THRESHOLD_KEY, IMPACT_THRESHOLD_KEY, thresholds_from_meta
from ldboard.domain.rules import Thresholds, score
from ldboard.domain.weighted_score import Weights, weighted_score
from ldboard.ops._diff import inserted
from ldboard.ops.scoring import WEIGHTED, score_weights, scoring_mode
from ldboard.store import Board, Change, EventRecord, RowDiff


def board_thresholds(board: Board) -> Thresholds:
    """The impact and effort from which the board calls a score "high"."""
    return thresholds_from_meta(board.meta(IMPACT_THRESHOLD_KEY), board.meta(EFFORT_THRESHOLD_KEY))


def set_thresholds(board: Board, impact: int, effort: int) -> Change | None:
    """Change where the matrix splits high from low impact and effort."""
    for name, value in (("impact", impact), ("effort", effort)):
        if not isinstance(value, int) or isinstance(value, bool) or not 2 <= value <= 5:
            raise ValueError(f"The {name} threshold is a score from 2 to 5.")
    current = board_thresholds(board)
    if current == Thresholds(impact, effort):
        return None
    rows: list[RowDiff] = []
    for key, value in ((IMPACT_THRESHOLD_KEY, impact), (EFFORT_THRESHOLD_KEY, effort)):
        stored = board.meta(key)
        if stored is None:
            rows.append(inserted("meta", (key,), {"value": str(value)}))
        elif stored != str(value):
            rows.append(RowDiff("meta", (key,), {"value": stored}, {"value": str(value)}))
    data = {
        "action": "set_thresholds",
        "before": {"impact": current.impact, "effort": current.effort},
        "after": {"impact": impact, "effort": effort},
    }
    event = EventRecord(EventKind.BOARD, None, data)
    label = f"Set matrix thresholds to impact ≥ {impact}, effort ≥ {effort}"
    return board.apply(Change(label, tuple(rows), (event,)))


def item_score(values: Mapping[str, int | None], mode: str, weights: Weights) -> float | None:
    """An item's score as a board in ``mode`` (``ops.scoring``) counts it.

    ``values`` holds the item's 1–5 scores by field name (an item row, say):
    impact and effort, and for the weighted score audience_size, risk and
    inaction_score too. ``None`` when the item is not scored enough.
    """
    if mode == WEIGHTED:
        return weighted_score(values, values.get("effort"), weights)
    return score(values.get("impact"), values.get("effort"))


def prioritise_column(board: Board, column_id: int) -> Change | None:
    """Order a column by the board's score, best first; unscored items go last.

    Ties keep their current order. The column's existing ranks are handed out
    again in the new order, so only items that actually move are written.
    """
    column = board.column(column_id)
    if column is None:
        raise LookupError(f"column {column_id} does not exist")
    items = board.rows("items", "column_id = ? AND archived_at IS NULL", (column_id,), "rank")
    ranks = [row["rank"] for row in items]
    mode = scoring_mode(board)
    weights = score_weights(board)
    by = "weighted score" if mode == WEIGHTED else "score"

    def sort_key(position: int) -> tuple[int, float, int]:
        found = item_score(items[position], mode, weights)
        return (1, 0.0, position) if found is None else (0, -found, position)

    order = sorted(range(len(items)), key=sort_key)
    rows: list[RowDiff] = []
    events: list[EventRecord] = []
    now = board.now()
    for new_position, old_position in enumerate(order):
        row = items[old_position]
        rank = ranks[new_position]
        if rank == row["rank"]:
            continue
        rows.append(
            RowDiff(
                "items",
                (row["id"],),
                {"rank": row["rank"], "updated_at": row["updated_at"]},
                {"rank": rank, "updated_at": now},
            )
        )
        events.append(
            EventRecord(
                EventKind.REORDERED,
                row["id"],
                {
                    "before": {"column_id": column_id, "rank": row["rank"]},
                    "after": {"column_id": column_id, "rank": rank, "column": column.name},
                    "reason": f"prioritised by {by}",
                },
            )
        )
    if not rows:
        return None
    return board.apply(Change(f"Prioritise “{column.name}” by {by}", tuple(rows), tuple(events)))
