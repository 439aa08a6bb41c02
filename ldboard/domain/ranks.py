"""Ordering keys for cards inside a column.

Cards are ordered by a float ``rank``. Moving a card writes only that card's
rank, chosen between its new neighbours. When two neighbours are so close that
no float fits between them, a *local* window around the drop point is respaced
(widened until it fits); the rest of the column is never renumbered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

#: Distance between consecutive ranks when appending or respacing.
GAP = 1024.0
#: Smallest distance kept between neighbours before a respace is needed.
MIN_GAP = 1e-6


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a card lands: its new rank and any neighbours that had to move.

    ``respaced`` maps a position in the column (counted without the moving card)
    to that neighbour's new rank.
    """

    rank: float
    respaced: dict[int, float] = field(default_factory=dict)


def rank_between(before: float | None, after: float | None) -> float | None:
    """A rank strictly between two neighbours, or ``None`` if there is no room."""
    if before is None and after is None:
        return GAP
    if before is None:
        assert after is not None
        return after - GAP
    if after is None:
        return before + GAP
    if after - before <= 2 * MIN_GAP:
        return None
    middle = before + (after - before) / 2
    return middle if before < middle < after else None


def spread(low: float | None, high: float | None, count: int) -> list[float] | None:
    """``count`` increasing ranks strictly between ``low`` and ``high``.

    A missing bound means the column's start or end, so the ranks extend
    outwards with the standard gap. Returns ``None`` when the bounds are too
    close to hold ``count`` ranks.
    """
    if count <= 0:
        return []
    if low is None and high is None:
        return [GAP * (k + 1) for k in range(count)]
    if low is None:
        assert high is not None
        return [high - GAP * (count - k) for k in range(count)]
    if high is None:
        return [low + GAP * (k + 1) for k in range(count)]
    step = (high - low) / (count + 1)
    if step <= MIN_GAP:
        return None
    values = [low + step * (k + 1) for k in range(count)]
    ordered = all(a < b for a, b in zip([low, *values], [*values, high], strict=True))
    return values if ordered else None


def place(
    ranks: Sequence[float], index: int, *, offset: int = 0, total: int | None = None
) -> Placement | None:
    """Plan putting a card at ``index`` in a column whose ranks are known.

    ``ranks`` is the slice ``column[offset : offset + len(ranks)]`` of the
    column's ascending ranks (without the moving card) and ``total`` the length
    of the whole column. Passing only a window around ``index`` keeps a move
    cheap on huge columns. Returns ``None`` if the window is too narrow to plan
    a respace; the caller then retries with the whole column.
    """
    if total is None:
        total = offset + len(ranks)
    if not 0 <= index <= total:
        raise ValueError(f"position {index} is outside a column of {total} cards")
    end = offset + len(ranks)

    def known(position: int) -> bool:
        return offset <= position < end

    if (index > 0 and not known(index - 1)) or (index < total and not known(index)):
        return None
    before = ranks[index - 1 - offset] if index > 0 else None
    after = ranks[index - offset] if index < total else None
    rank = rank_between(before, after)
    if rank is not None:
        return Placement(rank)

    radius = 1
    while True:
        lo, hi = max(0, index - radius), min(total, index + radius)
        if (lo > 0 and not known(lo - 1)) or (hi < total and not known(hi)):
            return None
        low = ranks[lo - 1 - offset] if lo > 0 else None
        high = ranks[hi - offset] if hi < total else None
        values = spread(low, high, hi - lo + 1)
        if values is not None:
            respaced = {p: values[p - lo] for p in range(lo, index)}
            respaced.update({p: values[p - lo + 1] for p in range(index, hi)})
            unchanged = [p for p, r in respaced.items() if ranks[p - offset] == r]
            for p in unchanged:
                del respaced[p]
            return Placement(values[index - lo], respaced)
        radius *= 2
