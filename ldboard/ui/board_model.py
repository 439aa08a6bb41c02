"""The cards of an open board, kept in step with the file by change notifications.

``BoardModel`` owns one ``ColumnModel`` per column and a cache of ``Card``s.
Opening a board reads only each card's id, column and rank — enough to order,
count and scroll every column — plus the first screenful of cards; any other
card is read when a view first needs it, and the rest are read shortly after
the first paint. When the session reports a change, only the cards the change
touches are re-read and each column model turns the difference into row
insertions, removals and ``dataChanged`` — never a reset for a single card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from ldboard.domain.cards import Card, CardFilter
from ldboard.domain.enums import ColumnCategory
from ldboard.domain.model import Column
from ldboard.domain.rules import Thresholds
from ldboard.ops import board_thresholds
from ldboard.store import Change
from ldboard.ui.column_model import ColumnModel
from ldboard.ui.session import BoardSession

#: Cards read eagerly at the top of every column when a board opens.
FIRST_SCREEN_CARDS = 24
#: Reading every card waits this long after opening so it never delays the first paint.
COMPLETE_LOAD_DELAY_MS = 250


class BoardModel(QObject):
    """Cards and columns of the session's board, plus the shared filter."""

    columns_changed = Signal()  # added, removed, reordered, renamed, WIP limits
    cards_changed = Signal()  # any card added, removed, moved or edited
    cards_updated = Signal(object)  # the set of item ids whose cards changed
    reloaded = Signal()  # every card was read again (e.g. a tag was renamed)
    filter_changed = Signal()
    vocabulary_changed = Signal()  # tags or people
    settings_changed = Signal()  # board settings in meta, such as the matrix thresholds

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._cards: dict[int, Card] = {}
        self._complete = False
        self._columns: list[Column] = []
        self._models: dict[int, ColumnModel] = {}
        self._filter = CardFilter()
        self._open = True
        self._thresholds = board_thresholds(session.board)
        self.reload()
        session.changed.connect(self._on_change)
        session.closed.connect(self._session_closed)

    # --- cards ------------------------------------------------------------------------

    def card(self, item_id: int) -> Card | None:
        """The card of an item on the board (read from the file if not cached yet)."""
        found = self._cards.get(item_id)
        if found is None and not self._complete and self._open:
            self.fetch([item_id])
            found = self._cards.get(item_id)
        return found

    def cached(self, item_id: int) -> Card | None:
        """The card if it has been read already (never touches the file)."""
        return self._cards.get(item_id)

    def fetch(self, ids: Iterable[int]) -> None:
        """Read these cards into the cache (a view is about to paint them)."""
        missing = [i for i in ids if i not in self._cards]
        if missing and self._open:
            for card in self.session.board.cards(missing):
                if not card.archived:
                    self._cards[card.id] = card

    def all_cards(self) -> list[Card]:
        """Every card on the board, in no particular order."""
        self.ensure_complete()
        return list(self._cards.values())

    def ensure_complete(self) -> None:
        """Read every card with its search text, once (the filter needs them all)."""
        if self._complete or not self._open:
            return
        for card in self.session.board.cards(with_text=True):
            self._cards[card.id] = card
        self._complete = True

    def total_count(self) -> int:
        """Cards on the board, whether the filter shows them or not."""
        return sum(model.total_count() for model in self._models.values())

    def visible_count(self) -> int:
        return sum(model.rowCount() for model in self._models.values())

    @property
    def thresholds(self) -> Thresholds:
        """Where this board's matrix splits high from low impact and effort."""
        return self._thresholds

    def is_done_column(self, column_id: int) -> bool:
        column = self.column(column_id)
        return column is not None and column.category == ColumnCategory.DONE

    # --- columns -------------------------------------------------------------------------

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def column(self, column_id: int) -> Column | None:
        return next((c for c in self._columns if c.id == column_id), None)

    def column_model(self, column_id: int) -> ColumnModel:
        return self._models[column_id]

    def column_models(self) -> list[ColumnModel]:
        return [self._models[c.id] for c in self._columns]

    # --- filter ------------------------------------------------------------------------

    @property
    def card_filter(self) -> CardFilter:
        return self._filter

    def set_filter(self, card_filter: CardFilter) -> None:
        if card_filter == self._filter:
            return
        if card_filter.active:
            self.ensure_complete()
        self._filter = card_filter
        accepts = self._accepts()
        for model in self._models.values():
            model.set_filter(accepts)
        self.filter_changed.emit()

    def _accepts(self) -> Callable[[Card], bool] | None:
        return self._filter.matcher() if self._filter.active else None

    # --- loading and change handling -------------------------------------------------

    def reload(self) -> None:
        """Read the board from the file (opening it, bulk vocabulary edits)."""
        board = self.session.board
        self._columns = board.columns()
        self._cards.clear()
        self._complete = False
        by_column: dict[int, list[tuple[int, float]]] = {c.id: [] for c in self._columns}
        for item_id, column_id, rank in board.board_slots():
            by_column.setdefault(column_id, []).append((item_id, rank))
        if self._filter.active:
            self.ensure_complete()
        else:
            first_screen = (
                i for slots in by_column.values() for i, _ in slots[:FIRST_SCREEN_CARDS]
            )
            self.fetch(first_screen)
            QTimer.singleShot(COMPLETE_LOAD_DELAY_MS, self, self.ensure_complete)
        accepts = self._accepts()
        for column in self._columns:
            model = self._models.get(column.id)
            if model is None:
                model = self._models[column.id] = ColumnModel(column.id, self, self.session, self)
            model.load(by_column[column.id], accepts)
        for column_id in set(self._models) - {c.id for c in self._columns}:
            self._models.pop(column_id).deleteLater()
        self.reloaded.emit()

    def _session_closed(self) -> None:
        self._open = False

    def _on_change(self, change: Change) -> None:
        if change.touches("meta"):
            self._thresholds = board_thresholds(self.session.board)
            self.settings_changed.emit()
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
            self.cards_updated.emit(ids)
            self.cards_changed.emit()

    def _apply_column_change(self) -> None:
        board = self.session.board
        self._columns = board.columns()
        for column in self._columns:
            if column.id not in self._models:
                model = ColumnModel(column.id, self, self.session, self)
                model.load(board.column_slots(column.id), self._accepts())
                self._models[column.id] = model
        gone = set(self._models) - {c.id for c in self._columns}
        self.columns_changed.emit()
        for column_id in gone:  # views have let go of these models by now
            self._models.pop(column_id).deleteLater()

    def _apply_card_change(self, ids: set[int]) -> None:
        fresh = {card.id: card for card in self.session.board.cards(ids, with_text=True)}
        after: dict[int, Card | None] = {}
        for item_id in ids:
            card = fresh.get(item_id)
            if card is None or card.archived:
                after[item_id] = None
                self._cards.pop(item_id, None)
            else:
                after[item_id] = self._cards[item_id] = card
        for model in self._models.values():  # each knows which cards it shows
            model.apply(after)
