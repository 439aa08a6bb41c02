"""The reference the board is compared with: one widget per card.

This is the obvious way to build a Kanban board with Qt widgets, and the one
ldboard avoids (it paints cards through a model and a delegate, see
docs/architecture.md): a ``QScrollArea`` whose canvas holds the columns side by
side in a ``QHBoxLayout``, each column a ``QVBoxLayout`` of card ``QFrame``s
made of ``QLabel``s (key, word-wrapped title, impact/effort badge, tags). It
shows the same cards as ldboard, read from the same board file, in a window of
the same size, so the benchmark can report each ldboard figure as a ratio of
this one measured in the same run.

It is a simple, non-virtualised baseline: no style sheet, no per-card signals,
and every card gets its widgets whether it is in sight or not. It is not a
lower bound for every widget board: one that only creates widgets for the
cards in sight, or recycles them while scrolling, would cost far less.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.cards import Card
from ldboard.store import Board

COLUMN_WIDTH = 292
WINDOW_SIZE = (1440, 860)


class CardWidget(QFrame):
    """One card: a frame with four labels, as a widget-per-card board would build it."""

    def __init__(self, card: Card, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card_id = card.id
        self.haystack = text
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        key = QLabel(card.key, self)
        badge = QLabel(_badge_text(card), self)
        badge.setAlignment(Qt.AlignmentFlag.AlignRight)
        title = QLabel(card.title, self)
        title.setWordWrap(True)
        tags = QLabel("  ".join(f"#{tag.name}" for tag in card.tags), self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(key)
        top.addWidget(badge, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(title)
        layout.addWidget(tags)


class ColumnWidget(QWidget):
    """A header label above the column's card widgets, in rank order."""

    def __init__(
        self, name: str, cards: list[Card], texts: dict[int, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFixedWidth(COLUMN_WIDTH)
        self.header = QLabel(self)
        self.name = name
        self.cards_layout = QVBoxLayout(self)
        self.cards_layout.setContentsMargins(6, 6, 6, 6)
        self.cards_layout.setSpacing(8)
        self.cards_layout.addWidget(self.header)
        self.cards: list[CardWidget] = []
        for card in cards:
            widget = CardWidget(card, texts[card.id], self)
            self.cards.append(widget)
            self.cards_layout.addWidget(widget)
        self.cards_layout.addStretch(1)
        self.refresh_header()

    def refresh_header(self) -> None:
        self.header.setText(f"{self.name}  {len(self.cards)}")

    def take(self, card: CardWidget) -> None:
        self.cards.remove(card)
        self.cards_layout.removeWidget(card)
        self.refresh_header()

    def put(self, card: CardWidget, position: int) -> None:
        """Insert ``card`` at ``position`` (layout slot 0 is the header)."""
        position = max(0, min(position, len(self.cards)))
        self.cards.insert(position, card)
        card.setParent(self)
        self.cards_layout.insertWidget(position + 1, card)
        card.show()
        self.refresh_header()


class ReferenceWindow(QMainWindow):
    """The widget-per-card board: a filter box in a toolbar above the scrolling columns."""

    def __init__(
        self, columns: list[tuple[int, str]], cards: list[Card], texts: dict[int, str]
    ) -> None:
        super().__init__()
        self.setWindowTitle("widget-per-card reference")
        self.filter_text = QLineEdit(self)
        self.filter_text.setPlaceholderText("Filter cards…")
        toolbar = QToolBar(self)
        toolbar.addWidget(self.filter_text)
        self.addToolBar(toolbar)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        canvas = QWidget(self.scroll)
        row = QHBoxLayout(canvas)
        row.setContentsMargins(12, 12, 12, 12)
        row.setSpacing(12)
        by_column: dict[int, list[Card]] = {column_id: [] for column_id, _ in columns}
        for card in cards:  # already in column, rank order
            by_column.setdefault(card.column_id, []).append(card)
        self.columns: dict[int, ColumnWidget] = {}
        for column_id, name in columns:
            column = ColumnWidget(name, by_column[column_id], texts, canvas)
            column.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            self.columns[column_id] = column
            row.addWidget(column, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        self.scroll.setWidget(canvas)
        self.setCentralWidget(self.scroll)
        self.filter_text.textChanged.connect(self.apply_filter)
        self.resize(*WINDOW_SIZE)

    def move_card(self, card: CardWidget, column_id: int, position: int) -> None:
        """What a drop does here: re-parent the card widget into another column's layout."""
        source = card.parentWidget()
        assert isinstance(source, ColumnWidget)
        source.take(card)
        self.columns[column_id].put(card, position)

    def apply_filter(self, text: str) -> None:
        """Hide the card widgets whose text does not contain every typed word.

        A column is hidden while its cards are toggled: showing a child of a
        visible widget activates the parent's layout at once, so toggling card
        by card in a shown column is quadratic (minutes per keystroke at 10,000
        cards). This is the cheapest way a widget board can filter.
        """
        terms = text.casefold().split()
        for column in self.columns.values():
            changes = [
                (card, shown)
                for card in column.cards
                if card.isVisibleTo(column) != (shown := all(t in card.haystack for t in terms))
            ]
            if not changes:
                continue
            column.hide()
            for card, shown in changes:
                card.setVisible(shown)
            column.show()

    def scroll_to(self, card: CardWidget) -> None:
        self.scroll.ensureWidgetVisible(card, 0, 200)


def build_reference_window(path: Path | str) -> ReferenceWindow:
    """Read the board's columns, cards and search texts (the same queries ldboard
    uses, so both filters search the same text) and build the window."""
    board = Board.open(path, create=False)
    try:
        columns = [(column.id, column.name) for column in board.columns()]
        cards = board.cards()
        texts = board.search_texts()
    finally:
        board.close()
    return ReferenceWindow(columns, cards, texts)


def _badge_text(card: Card) -> str:
    if card.impact is None or card.effort is None:
        return "not scored"
    return f"I{card.impact} · E{card.effort}"
