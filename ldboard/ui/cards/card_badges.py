"""The small labelled pills of a card that say where it stands beyond its stage.

A request not decided yet says so after its key ("New", "In review",
"Waitlisted"); an initiative with evaluation checks due says how many (red
once one is past its date); the score badge leads with the weighted score when
the board prioritises by it. Their texts are here, apart from the painting, so
tests and tooltips read exactly what the card shows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from ldboard.domain.cards import Card
from ldboard.ui.common import theme

#: Triage states shown on the card: text, background, text colour. Approved
#: requests are ordinary initiatives; declined and resolved ones leave the board.
TRIAGE_BADGES = {
    "new": ("New", QColor("#dbeafe"), QColor("#1d4ed8")),
    "in_review": ("In review", QColor("#fef3c7"), QColor("#92400e")),
    "waitlisted": ("Waitlisted", QColor("#e2e8f0"), QColor("#334155")),
}
#: The running-iteration marker: an indigo flag on a pale pill, apart from the
#: blue of selection and of the "big bets" badge, and quieter than a tag.
ITERATION_MARKER = QColor("#4f46e5")
ITERATION_MARKER_BACKGROUND = QColor("#e0e7ff")
#: Evaluation checks due today (amber) or overdue (red): background, text colour.
CHECKS_DUE_COLORS = (QColor("#fef3c7"), QColor("#92400e"))
CHECKS_OVERDUE_COLORS = (theme.DANGER_BACKGROUND, theme.DANGER)


def triage_text(card: Card) -> str:
    """What the card says of its triage ("" for no request or a decided one)."""
    found = TRIAGE_BADGES.get(card.triage or "")
    return found[0] if found is not None else ""


def checks_due_text(card: Card) -> str:
    """ "2 checks due", "1 check overdue" ("" when none is due)."""
    if not card.checks_due:
        return ""
    noun = "check" if card.checks_due == 1 else "checks"
    return f"{card.checks_due} {noun} {'overdue' if card.checks_overdue else 'due'}"


def score_text(card: Card) -> str:
    """The score badge: impact and effort, led by the weighted score when the
    board prioritises by it (``card.weighted`` is only set then)."""
    parts = [f"W{card.weighted:.1f}"] if card.weighted is not None else []
    if card.impact is not None and card.effort is not None:
        parts.append(f"I{card.impact} · E{card.effort}")
    return " · ".join(parts) or "not scored"


def pill_drawer(
    font: QFont, text: str, background: QColor, foreground: QColor
) -> Callable[[QPainter, QRectF], None]:
    """Draws ``text`` centred on a rounded pill filling the box it is given."""

    def draw(stamp: QPainter, box: QRectF) -> None:
        stamp.setPen(Qt.PenStyle.NoPen)
        stamp.setBrush(background)
        radius = min(8.0, box.height() / 2)
        stamp.drawRoundedRect(box, radius, radius)
        stamp.setFont(font)
        stamp.setPen(foreground)
        stamp.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    return draw


def draw_iteration_marker(stamp: QPainter, box: QRectF) -> None:
    """A small flag on a pale pill, drawn as shapes so it needs no font glyph."""
    stamp.setPen(Qt.PenStyle.NoPen)
    stamp.setBrush(ITERATION_MARKER_BACKGROUND)
    stamp.drawRoundedRect(box, box.height() / 2, box.height() / 2)
    pole = box.left() + box.width() * 0.36
    top, bottom = box.top() + 3.0, box.bottom() - 2.5
    stamp.setPen(QPen(ITERATION_MARKER, 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    stamp.drawLine(QPointF(pole, top), QPointF(pole, bottom))
    pennant = QPainterPath(QPointF(pole, top))
    pennant.lineTo(pole + 7.0, top + 2.6)
    pennant.lineTo(pole, top + 5.2)
    pennant.closeSubpath()
    stamp.fillPath(pennant, ITERATION_MARKER)
