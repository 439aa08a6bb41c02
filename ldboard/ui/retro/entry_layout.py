"""Where each part of a painted retrospective entry goes.

One function, ``entry_layout``, places everything for a given width: painting,
the row's height, hit-testing a click (the done tick, the linked initiative,
the owner and due date) and the in-place editor all use the same rectangles,
so a click lands on what the person sees.

An entry is a card: a coloured stripe for its lane, its text word-wrapped;
an action adds a tick box before the text and a line of chips under it
(owner, due date, done), and its linked initiative on a line of its own; a
carried action starts with where it came from and how often it slipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from ldboard.ui.retro.rows import EntryRow

#: Space around a card inside its row, and inside the card around its content.
OUTER_X, OUTER_Y = 6, 4
PADDING = 10
STRIPE = 4
CHECK = 16
CHECK_GAP = 8
LINE_GAP = 6
CHIP_GAP = 8
CHIP_PAD = 6
AVATAR = 18
#: A card's text never wraps narrower than this, however narrow the lane.
MIN_TEXT_WIDTH = 60


@dataclass(frozen=True, slots=True)
class Chip:
    #: "owner", "due", "done", "link" or "carried" / "slips".
    part: str
    rect: QRect
    text: str


@dataclass(slots=True)
class EntryLayout:
    card: QRect
    text: QRect
    check: QRect | None = None
    chips: list[Chip] = field(default_factory=list)

    @property
    def height(self) -> int:
        return self.card.height() + 2 * OUTER_Y

    def part_at(self, x: int, y: int) -> str | None:
        """What is under a point: "check", a chip's part, "text", "card" or ``None``."""
        if self.check is not None and self.check.adjusted(-4, -4, 4, 4).contains(x, y):
            return "check"
        for chip in self.chips:
            if chip.rect.contains(x, y):
                return chip.part
        if self.text.contains(x, y):
            return "text"
        return "card" if self.card.contains(x, y) else None

    def chip(self, part: str) -> Chip | None:
        return next((c for c in self.chips if c.part == part), None)


def small_font(font: QFont) -> QFont:
    small = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        small.setPointSizeF(max(7.0, size * 0.88))
    return small


def bold_font(font: QFont) -> QFont:
    """The small font in bold: the slip badge and an overdue date."""
    bold = small_font(font)
    bold.setBold(True)
    return bold


def entry_layout(rect: QRect, row: EntryRow, font: QFont) -> EntryLayout:
    """The parts of ``row`` painted in an item rectangle ``rect`` (only its left,
    top and width are read: the height follows from the content)."""
    metrics = QFontMetrics(font)
    small = QFontMetrics(small_font(font))
    bold = QFontMetrics(bold_font(font))
    card_left, card_top = rect.left() + OUTER_X, rect.top() + OUTER_Y
    card_width = max(rect.width() - 2 * OUTER_X, 2 * PADDING + STRIPE + MIN_TEXT_WIDTH + CHECK)
    left = card_left + STRIPE + PADDING
    right = card_left + card_width - PADDING
    y = card_top + PADDING
    chips: list[Chip] = []

    if row.carried:
        line = max(small.height(), 18)
        slips = f"slipped {row.slips}×" if row.slips else ""
        slip_width = bold.horizontalAdvance(slips) + 2 * CHIP_PAD + 2 if slips else 0
        if slips:
            chips.append(Chip("slips", QRect(right - slip_width, y, slip_width, line), slips))
        from_right = right - slip_width - (CHIP_GAP if slips else 0)
        origin = small.elidedText(
            f"From {row.carried_from}", Qt.TextElideMode.ElideRight, max(0, from_right - left)
        )
        chips.append(Chip("carried", QRect(left, y, from_right - left, line), origin))
        y += line + LINE_GAP

    check = None
    text_left = left
    if row.is_action:
        check = QRect(left, y + max(0, (metrics.height() - CHECK) // 2), CHECK, CHECK)
        text_left = left + CHECK + CHECK_GAP
    text_width = max(MIN_TEXT_WIDTH, right - text_left)
    bounds = metrics.boundingRect(
        QRect(0, 0, text_width, 100_000), int(Qt.TextFlag.TextWordWrap), row.entry.text
    )
    text = QRect(text_left, y, text_width, max(metrics.height(), bounds.height()))
    y = text.bottom() + 1

    if row.is_action:
        y += LINE_GAP
        y = _flow_chips(chips, _action_chips(row, small, bold), text_left, right, y, small)
        if row.item_key:
            line = max(small.height(), 18)
            link = small.elidedText(
                f"→ {row.item_key}  {row.item_title}",
                Qt.TextElideMode.ElideRight,
                max(0, right - text_left),
            )
            width = min(right - text_left, small.horizontalAdvance(link) + 2)
            chips.append(Chip("link", QRect(text_left, y + LINE_GAP, width, line), link))
            y += LINE_GAP + line
    card = QRect(card_left, card_top, card_width, y + PADDING - card_top)
    return EntryLayout(card, text, check, chips)


def _action_chips(
    row: EntryRow, small: QFontMetrics, bold: QFontMetrics
) -> list[tuple[str, str, int]]:
    """(part, text, width) of an action's chips: owner, due date, done."""
    owner = row.owner_label
    owner_width = small.horizontalAdvance(owner) + (AVATAR + 5 if row.owner_name else 2 * CHIP_PAD)
    found = [("owner", owner, owner_width)]
    due = row.due_text() or ("" if row.done else "No due date")
    if due:
        metrics = bold if row.overdue else small
        found.append(("due", due, metrics.horizontalAdvance(due) + 2 * CHIP_PAD + 2))
    done = row.done_text()
    if done:
        done = f"✓ {done}"
        found.append(("done", done, small.horizontalAdvance(done) + 2))
    return found


def _flow_chips(
    chips: list[Chip],
    parts: list[tuple[str, str, int]],
    left: int,
    right: int,
    y: int,
    small: QFontMetrics,
) -> int:
    """Place chips left to right, wrapping to a new line when one does not fit;
    returns the bottom of the last line."""
    line = max(small.height(), AVATAR)
    x = left
    for part, text, width in parts:
        width = min(width, right - left)
        if x > left and x + width > right:
            x, y = left, y + line + 4
        shown = text
        if small.horizontalAdvance(text) > width:
            shown = small.elidedText(text, Qt.TextElideMode.ElideRight, width - 2 * CHIP_PAD)
        chips.append(Chip(part, QRect(x, y, width, line), shown))
        x += width + CHIP_GAP
    return y + line
