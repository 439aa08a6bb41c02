"""A closing iteration in the words a sponsor would use.

The headline: four tiles (delivered, plan against capacity, change after the
start, not finished) and one line on what was committed at the start, all
read from ``IterationNumbers``, the numbers the snapshot freezes at close.
And the sentence above the buttons that says what the close will do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ldboard.domain.scope import IterationNumbers
from ldboard.ui.common import theme
from ldboard.ui.iterations.close_rows import number_text, tinted


class HeadlineNumbers(QWidget):
    """The iteration in four numbers: delivered, against capacity, scope change, left over."""

    def __init__(self, numbers: IterationNumbers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headlineNumbers")
        self.numbers = numbers
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.tiles = {
            name: _tile(self, name, caption, value, detail)
            for name, caption, value, detail in headline_tiles(numbers)
        }
        for tile in self.tiles.values():
            row.addWidget(tile, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(6)
        column.addLayout(row)
        self.committed = QLabel(committed_text(numbers), self)
        self.committed.setObjectName("headlineCommitted")
        tinted(self.committed, theme.MUTED_TEXT)
        self.committed.setWordWrap(True)
        column.addWidget(self.committed)


def headline_tiles(numbers: IterationNumbers) -> list[tuple[str, str, str, str]]:
    """(object name, caption, big value, detail) of each headline tile."""
    n = numbers
    planned = points_text(n.planned_effort)
    delivered = (
        "headlineDone",
        "Delivered",
        f"{n.items_done} of {n.items_planned}",
        f"items done · {number_text(n.done_effort)} of {planned}",
    )
    if n.capacity is None:
        load = f"{planned} planned · no capacity was set"
        big = points_text(n.planned_effort)
    elif n.over_capacity:
        load = f"points planned, {number_text(n.planned_effort - n.capacity)} over capacity"
        big = f"{number_text(n.planned_effort)} / {number_text(n.capacity)}"
    else:
        load = "points planned against capacity"
        big = f"{number_text(n.planned_effort)} / {number_text(n.capacity)}"
    capacity = ("headlineCapacity", "Plan vs capacity", big, load)
    if n.items_added or n.items_removed:
        change = (
            "headlineScope",
            "Changed after the start",
            f"+{n.items_added}  −{n.items_removed}",
            f"{count_text(n.items_added, 'item')} added ({points_text(n.added_effort)}), "
            f"{n.items_removed} removed ({points_text(n.removed_effort)})",
        )
    else:
        change = (
            "headlineScope",
            "Changed after the start",
            "None",
            "the plan held from the start",
        )
    left = (
        "headlineUnfinished",
        "Not finished",
        str(n.items_carried_over),
        f"{count_text(n.items_carried_over, 'item')} ({points_text(n.carried_over_effort)}) "
        "to carry over or return",
    )
    return [delivered, capacity, change, left]


def committed_text(numbers: IterationNumbers) -> str:
    text = (
        f"Committed at the start: {count_text(numbers.items_committed, 'item')} "
        f"({points_text(numbers.committed_effort)})."
    )
    if numbers.unscored_items:
        text += (
            f" {count_text(numbers.unscored_items, 'item')} without an effort count as 0 points."
        )
    return text


# --- small pieces ---------------------------------------------------------------------------


def _tile(parent: QWidget, name: str, caption: str, value: str, detail: str) -> QFrame:
    tile = QFrame(parent)
    tile.setObjectName(name)
    tile.setStyleSheet(
        f"QFrame#{name} {{ background: #f8fafc; border: 1px solid #e2e8f0; border-radius: 6px; }}"
    )
    tile.setAccessibleName(caption)
    tile.setAccessibleDescription(f"{value} {detail}")
    tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    column = QVBoxLayout(tile)
    column.setContentsMargins(12, 8, 12, 10)
    column.setSpacing(0)
    top = QLabel(caption.upper(), tile)
    small = QFont(top.font())
    small.setPointSizeF(small.pointSizeF() * 0.8)
    small.setBold(True)
    top.setFont(small)
    tinted(top, theme.MUTED_TEXT)
    big = QLabel(value, tile)
    big.setObjectName(f"{name}Value")
    large = QFont(big.font())
    large.setPointSizeF(large.pointSizeF() * 1.6)
    large.setBold(True)
    big.setFont(large)
    if name == "headlineCapacity" and "over capacity" in detail:
        tinted(big, theme.DANGER)
    below = QLabel(detail, tile)
    below.setObjectName(f"{name}Detail")
    below.setWordWrap(True)
    tinted(below, theme.MUTED_TEXT)
    column.addWidget(top)
    column.addWidget(big)
    column.addWidget(below)
    column.addStretch(1)
    return tile


def points_text(value: float) -> str:
    """ "1 point", "21 points", "2.5 points"."""
    return f"{number_text(value)} point{'s' if value != 1 else ''}"


def count_text(count: int, word: str, plural: str = "") -> str:
    """ "1 item", "3 items", "2 hypotheses"."""
    return f"{count} {word if count == 1 else plural or word + 's'}"


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def close_summary(moves: Sequence[tuple[int, str]], judged: int, untested: int) -> str:
    """ "On close, 5 items go back to the backlog and 1 item goes into Iteration 3.
    2 hypotheses with a verdict, 1 left untested (…)."

    ``moves`` are (how many items, the destination's label) per destination.
    """
    parts = []
    went = [
        f"{count_text(count, 'item')} {'goes' if count == 1 else 'go'} {lower_first(label)}"
        for count, label in moves
        if count
    ]
    if went:
        joined = went[0] if len(went) == 1 else ", ".join(went[:-1]) + " and " + went[-1]
        parts.append(f"On close, {joined}.")
    if judged or untested:
        said = f"{count_text(judged, 'hypothesis', 'hypotheses')} with a verdict"
        if untested:
            them = "it" if untested == 1 else "them"
            said += f", {untested} left untested (judge {them} later in the card)"
        parts.append(f"{said[:1].upper()}{said[1:]}.")
    return " ".join(parts)
