"""Where each row of a list of cards starts, when rows may differ in height.

A column can hold 10,000 cards, and measuring a card's title costs about
12 µs, so heights are learnt lazily: every row starts with an *estimate*
(the tallest card) and is *measured* when it is about to be shown. The tops
of the rows are prefix sums, rebuilt in C (``itertools.accumulate``) only
from the first row whose height changed, so inserting, removing or measuring
a row stays cheap and finding the row under a point is a binary search.
"""

from __future__ import annotations

import bisect
import itertools


class RowGeometry:
    """Heights of ``count`` rows, with which of them are measured and where each starts."""

    def __init__(self, estimate: int) -> None:
        self.estimate = estimate
        self._heights: list[int] = []
        self._measured = bytearray()
        self._tops: list[int] = [0]
        self._valid = 0  # _tops[: _valid + 1] is up to date

    # --- size ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._heights)

    def reset(self, count: int, *, measured: bool = False) -> None:
        """``count`` rows of the estimated height (already measured when ``measured``)."""
        self._heights = [self.estimate] * count
        self._measured = bytearray([1 if measured else 0]) * count
        self._tops = [0] * (count + 1)
        self._valid = 0

    def insert(self, row: int, count: int, *, measured: bool = False) -> None:
        self._heights[row:row] = [self.estimate] * count
        self._measured[row:row] = bytearray([1 if measured else 0]) * count
        self._tops[row + 1 : row + 1] = [0] * count
        self._invalidate(row)

    def remove(self, first: int, last: int) -> None:
        del self._heights[first : last + 1]
        del self._measured[first : last + 1]
        del self._tops[first + 1 : last + 2]
        self._invalidate(first)

    # --- measuring ---------------------------------------------------------------------------

    def is_measured(self, row: int) -> bool:
        return bool(self._measured[row])

    def all_measured(self) -> bool:
        return 0 not in self._measured

    def set_height(self, row: int, height: int) -> int:
        """Record ``row``'s measured height; returns how much it grew (negative: shrank)."""
        self._measured[row] = 1
        delta = height - self._heights[row]
        if delta:
            self._heights[row] = height
            self._invalidate(row)
        return delta

    def forget(self, first: int = 0, last: int | None = None) -> None:
        """Rows whose look changed: measure them again before they are shown.

        Their current heights stay as estimates, so nothing moves until then.
        """
        end = len(self._heights) if last is None else last + 1
        self._measured[first:end] = bytes(end - first)

    # --- positions ---------------------------------------------------------------------------

    def height(self, row: int) -> int:
        return self._heights[row]

    def top(self, row: int) -> int:
        """Offset of ``row`` from the first row's top (``row == len``: the total height)."""
        if row > self._valid:
            self._rebuild()
        return self._tops[row]

    def total(self) -> int:
        return self.top(len(self._heights))

    def row_at(self, offset: int) -> int:
        """The row covering ``offset`` (-1 above the first row, ``len`` past the last)."""
        if offset < 0:
            return -1
        if self._valid < len(self._heights):
            self._rebuild()
        return bisect.bisect_right(self._tops, offset) - 1

    def _invalidate(self, row: int) -> None:
        self._valid = min(self._valid, row)

    def _rebuild(self) -> None:
        start = self._valid
        tail = itertools.accumulate(self._heights[start:], initial=self._tops[start])
        self._tops[start:] = tail
        self._valid = len(self._heights)
