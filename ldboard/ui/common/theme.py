"""Colours and sizes shared by the painted parts of the UI (cards, headers, chips)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ldboard.domain.rules import Quadrant

BOARD_BACKGROUND = QColor("#eef1f5")
COLUMN_BACKGROUND = QColor("#e2e7ee")
CARD_BACKGROUND = QColor("#ffffff")
CARD_BORDER = QColor("#cfd6e0")
CARD_HOVER_BORDER = QColor("#94a3b8")
SELECTION = QColor("#2563eb")
TEXT = QColor("#0f172a")
MUTED_TEXT = QColor("#64748b")
DANGER = QColor("#dc2626")
DANGER_BACKGROUND = QColor("#fee2e2")
WARNING = QColor("#b45309")
SUCCESS = QColor("#15803d")

DRIVER_COLORS = {
    "revenue": QColor("#16a34a"),
    "skills_gap": QColor("#2563eb"),
    "retention": QColor("#db2777"),
    "compliance": QColor("#64748b"),
    "customer_experience": QColor("#f59e0b"),
    "productivity": QColor("#0891b2"),
    "other": QColor("#94a3b8"),
}
NO_DRIVER = QColor("#cbd5e1")

#: (background, text) of the impact/effort badge per quadrant.
QUADRANT_COLORS = {
    Quadrant.QUICK_WINS: (QColor("#dcfce7"), QColor("#166534")),
    Quadrant.BIG_BETS: (QColor("#dbeafe"), QColor("#1e40af")),
    Quadrant.FILL_INS: (QColor("#f1f5f9"), QColor("#475569")),
    Quadrant.MONEY_PITS: (QColor("#fee2e2"), QColor("#991b1b")),
}

#: (glyph, label, colour) of the verdict marker; untested cards show none.
VERDICT_MARKERS = {
    "validated": ("✓", "Validated", SUCCESS),
    "invalidated": ("✗", "Invalidated", DANGER),
    "inconclusive": ("?", "Inconclusive", WARNING),
}

#: Height of a card row whose title takes two lines (the tallest card) at the
#: default font; the card painter computes the exact heights from its fonts.
CARD_HEIGHT = 118
CARD_SPACING = 8
#: Columns share the board's width between these bounds; below the minimum the
#: board scrolls sideways, above the maximum cards would be too wide to scan.
COLUMN_MIN_WIDTH = 196
COLUMN_MAX_WIDTH = 340
COLUMN_WIDTH = 292  # before the board is first laid out

#: Colour of each workflow stage, by the column's position on the board.
STAGE_COLORS = (
    QColor("#94a3b8"),
    QColor("#a855f7"),
    QColor("#3b82f6"),
    QColor("#f59e0b"),
    QColor("#14b8a6"),
    QColor("#22c55e"),
    QColor("#475569"),
    QColor("#ec4899"),
    QColor("#84cc16"),
)


def stage_color(position: int) -> QColor:
    return STAGE_COLORS[position % len(STAGE_COLORS)]
