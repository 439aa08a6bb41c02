"""Where things sit on a painted card: its rectangles and the people line.

The painter draws from these, and the delegate asks them which person is
under the pointer, so the tooltips always match what is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QRectF

from ldboard.domain.cards import Card, PersonChip
from ldboard.domain.enums import ItemRole
from ldboard.ui.common import theme

PADDING = 10.0
STRIPE = 4.0
AVATAR = 20.0
AVATAR_STEP = 22.0
MAX_AVATARS = 4
#: The running-iteration marker: a small pill after the card's key.
MARKER_WIDTH = 18.0
MARKER_HEIGHT = 14.0
MARKER_GAP = 5.0
ROLE_NAMES = {
    ItemRole.REQUESTER.value: "requester",
    ItemRole.SPONSOR.value: "sponsor",
    ItemRole.SME.value: "subject-matter expert",
}


@dataclass(frozen=True, slots=True)
class AvatarSpot:
    """Where a card shows a person (or, for the "+N" spot, the people not shown)."""

    rect: QRectF
    people: tuple[PersonChip, ...]
    more: bool = False

    def tooltip(self) -> str:
        """ "Maya Chen — requester, sponsor" (one line per person for "+N")."""
        lines = []
        for person_id in dict.fromkeys(p.id for p in self.people):
            chips = [p for p in self.people if p.id == person_id]
            roles = ", ".join(ROLE_NAMES.get(p.role, p.role) for p in chips)
            lines.append(f"{chips[0].name} — {roles}")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class BottomLine:
    """The card's last line: due date at the right, verdict left of it, then avatars."""

    due: tuple[QRectF, str, bool] | None  # box, text, overdue
    verdict: tuple[QRectF, str] | None  # box, text
    spots: list[AvatarSpot]


def avatar_spots(line: QRectF, right: float, card: Card) -> list[AvatarSpot]:
    """One spot per person from the left of ``line`` up to ``right`` (at most
    ``MAX_AVATARS``; the last one becomes "+N" when not everyone fits)."""
    by_person: dict[int, list[PersonChip]] = {}
    for chip in card.people:
        by_person.setdefault(chip.id, []).append(chip)
    people = list(by_person.values())
    room = max(0, int((right - line.left() + AVATAR_STEP - AVATAR) // AVATAR_STEP))
    fits = min(room, MAX_AVATARS)
    shown = people if len(people) <= fits else people[: max(0, fits - 1)]
    spots = [
        AvatarSpot(QRectF(line.left() + n * AVATAR_STEP, line.top(), AVATAR, AVATAR), tuple(chips))
        for n, chips in enumerate(shown)
    ]
    rest = people[len(shown) :]
    if rest:
        left = line.left() + len(shown) * AVATAR_STEP + 2
        more = QRectF(left, line.top(), max(0.0, min(30.0, right - left)), line.height())
        spots.append(AvatarSpot(more, tuple(c for chips in rest for c in chips), more=True))
    return spots


def day_label(iso: str) -> str:
    """ "2026-12-06" -> "6 Dec" (the text as stored if it is not a date)."""
    try:
        when = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{when.day} {when:%b}"


def header_line(inner: QRectF) -> QRectF:
    """The card's first line: its key at the left, the score badge at the right."""
    return QRectF(inner.left(), inner.top(), inner.width(), 18)


def iteration_marker_rect(header: QRectF, key_width: float) -> QRectF:
    """Where a card in the running iteration shows its marker: just after its key."""
    return QRectF(
        header.left() + key_width + MARKER_GAP,
        header.center().y() - MARKER_HEIGHT / 2,
        MARKER_WIDTH,
        MARKER_HEIGHT,
    )


def card_rect(rect: QRectF) -> QRectF:
    """The card itself inside its row (the rest is the gap to the next card)."""
    return rect.adjusted(1.0, 1.0, -1.0, -(theme.CARD_SPACING - 1.0))


def inner_rect(card: QRectF) -> QRectF:
    """The card's content area: inside its padding and its coloured stripe."""
    return card.adjusted(PADDING + STRIPE, PADDING - 2.0, -PADDING, -PADDING + 2.0)


def bottom_line(inner: QRectF) -> QRectF:
    return QRectF(inner.left(), inner.bottom() - AVATAR, inner.width(), AVATAR)
