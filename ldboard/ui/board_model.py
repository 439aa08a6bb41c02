"""The cards of an open board, kept in step with the file by change notifications.

``BoardModel`` holds one ``Card`` per active item and one ``ColumnModel`` per
column. When the session reports a change it reloads only the cards the change
touches and hands each column model the old and new state of those cards, so
the views receive fine-grained row insertions, removals and ``dataChanged``
signals — never a reset for a single-card change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ldboard.domain.cards import Card, CardFilter
from ldboard.domain.model import Column
from ldboard.store import Change
from ldboard.ui.column_model import ColumnModel
from ldboard.ui.session import BoardSession


class BoardModel(QObject):
    """Cards and columns of the session's board, plus the shared filter."""

    columns_changed = Signal()  # added, removed, reordered, renamed, WIP limits
    cards_changed = Signal()  # any card added, removed, moved or edited
    filter_changed = Signal()
    vocabulary_changed = Signal()  # tags or people

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.cards: dict[int, Card] = {}
        self._columns: list[Column] = []
        self._models: dict[int, ColumnModel] = {}
        self._filter = CardFilter()
        self.reload()
        session.changed.connect(self._on_change)

    # --- queries ----------------------------------------------------------------

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def column(self, column_id: int) -> Column | None:
        return next((c for c in self._columns if c.id == column_id), None)

    def column_model(self, column_id: int) -> ColumnModel:
        return self._models[column_id]

    def column_models(self) -> list[ColumnModel]:
        return [self._models[c.id] for c in self._columns]

    @property
    def card_filter(self) -> CardFilter:
        return self._filter

    def visible_count(self) -> int:
        return sum(model.rowCount() for model in self._models.values())

    # --- filter -----------------------------------------------------------------------

    def set_filter(self, card_filter: CardFilter) -> None:
        if card_filter == self._filter:
            return
        self._filter = card_filter
        accepts = card_filter.matcher() if card_filter.active else None
        for model in self._models.values():
            model.set_filter(accepts)
        self.filter_changed.emit()

    # --- loading and change handling ------------------------------------------------

    def reload(self) -> None:
        """Load everything from the file (opening a board, bulk vocabulary edits)."""
        board = self.session.board
        self._columns = board.columns()
        self.cards.clear()  # the column models share this dict: update it in place
        self.cards.update((card.id, card) for card in board.cards())
        by_column: dict[int, list[int]] = {c.id: [] for c in self._columns}
        for card in self.cards.values():  # already in column, rank order
            by_column.setdefault(card.column_id, []).append(card.id)
        accepts = self._filter.matcher() if self._filter.active else None
        for column in self._columns:
            model = self._models.get(column.id)
            if model is None:
                model = ColumnModel(column.id, self.cards, self.session, self)
                self._models[column.id] = model
            model.load(by_column[column.id], accepts)
        for column_id in set(self._models) - {c.id for c in self._columns}:
            self._models.pop(column_id).deleteLater()

    def _on_change(self, change: Change) -> None:
        if change.touches("tags", "people"):
            self.reload()
            self.vocabulary_changed.emit()
            self.columns_changed.emit()
            self.cards_changed.emit()
            return
        if change.touches("columns"):
            self._apply_column_change()
        ids = change.item_ids()
        if ids:
            self._apply_card_change(ids)
            self.cards_changed.emit()

    def _apply_column_change(self) -> None:
        board = self.session.board
        self._columns = board.columns()
        for column in self._columns:
            if column.id not in self._models:
                model = ColumnModel(column.id, self.cards, self.session, self)
                accepts = self._filter.matcher() if self._filter.active else None
                model.load(board.column_item_ids(column.id), accepts)
                self._models[column.id] = model
        gone = set(self._models) - {c.id for c in self._columns}
        self.columns_changed.emit()
        for column_id in gone:  # views have let go of these models by now
            self._models.pop(column_id).deleteLater()

    def _apply_card_change(self, ids: set[int]) -> None:
        fresh = {card.id: card for card in self.session.board.cards(ids)}
        after: dict[int, Card | None] = {}
        touched_columns: set[int] = set()
        for item_id in ids:
            old = self.cards.get(item_id)
            if old is not None:
                touched_columns.add(old.column_id)
            card = fresh.get(item_id)
            if card is None or card.archived:
                after[item_id] = None
                self.cards.pop(item_id, None)
            else:
                after[item_id] = self.cards[item_id] = card
                touched_columns.add(card.column_id)
        for column_id in touched_columns:
            model = self._models.get(column_id)
            if model is not None:
                model.apply(after)
