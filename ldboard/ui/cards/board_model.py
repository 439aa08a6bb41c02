"""The cards of an open board, kept in step with the file by change notifications.

``BoardModel`` owns one ``ColumnModel`` per column and a ``CardIndex`` of
``Card``s. Opening a board reads only each card's id, column and rank — enough
to order, count and scroll every column — plus the first screenful of cards;
any other card is read when a view first needs it, and the rest are read
shortly after the first paint, a slice at a time so the window keeps
answering input (``fully_loaded`` tells when that is done). When the session
reports a change, only the cards the change touches are re-read (a renamed tag
or person touches every card that carries it; a new active iteration touches
the cards marked as being in it, before and after) and each column model turns
the difference into row insertions, removals and ``dataChanged`` — never a reset
for a single card.
"""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from ldboard.domain.cards import Card, CardFilter, CardIndex
from ldboard.domain.enums import ColumnCategory
from ldboard.domain.model import Column, Iteration
from ldboard.domain.rules import Thresholds
from ldboard.ops import board_thresholds
from ldboard.store import Change
from ldboard.ui.cards.card_extras import CardExtras
from ldboard.ui.cards.column_model import ColumnModel
from ldboard.ui.cards.flow_warmer import FlowWarmer
from ldboard.ui.common.session import BoardSession

#: Cards read eagerly at the top of every column when a board opens.
FIRST_SCREEN_CARDS = 24
#: Reading every card waits this long after opening so it never delays the first paint.
COMPLETE_LOAD_DELAY_MS = 250
#: Each slice of that reading stops after about this long, so a key press or a
#: click that arrives meanwhile waits at most about this long (the budget for
#: such a stall is 50 ms, see docs/performance.md).
LOAD_SLICE_MS = 12
#: Cards in the first slice; later slices are sized from the measured rate.
FIRST_SLICE_CARDS = 300
#: SQLite builds accept 32,766 parameters in a query or fewer; reads by id stay below.
MAX_IDS_PER_READ = 10_000
#: Once every card is read, the index prepares these while the window is idle:
#: every filter word starts as one of them, and a character alone is in most cards.
PREPARED_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
#: From this many cards in memory, what has been read is kept out of the cycle
#: collector's walks (below it, a walk is short enough not to be seen).
FREEZE_FROM_CARDS = 1_000


class BoardModel(QObject):
    """Cards and columns of the session's board, plus the shared filter."""

    columns_changed = Signal()  # added, removed, reordered, renamed, WIP limits
    cards_changed = Signal()  # any card added, removed, moved or edited
    cards_updated = Signal(object)  # the set of item ids whose cards changed
    reloaded = Signal()  # every card was read again (the board was opened)
    fully_loaded = Signal()  # every card of the board is in memory and indexed now
    filter_changed = Signal()
    vocabulary_changed = Signal()  # tags or people
    iterations_changed = Signal()  # added, removed, renamed, started or closed
    settings_changed = Signal()  # board settings in meta, such as the matrix thresholds

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._cards = CardIndex()
        self._complete = False  # every card read
        self._prepared = False  # and the index prepared for typing (see PREPARED_CHARACTERS)
        self._pending: Iterator[int] = iter(())
        self._slice_size = FIRST_SLICE_CARDS
        self._rate: float | None = None
        self._loader = QTimer(self)
        self._loader.setSingleShot(True)
        self._loader.timeout.connect(self._load_slice)
        self._preparing: Iterator[str] = iter(())
        self._preparer = QTimer(self)
        self._preparer.setSingleShot(True)
        self._preparer.timeout.connect(self._prepare_character)
        self._columns: list[Column] = []
        self._models: dict[int, ColumnModel] = {}
        self._filter = CardFilter()
        self._open = True
        self._thresholds = board_thresholds(session.board)
        #: Triage, checks due and the weighted score, filled into every card read.
        self.extras = CardExtras(session.board)
        self._active_iteration: Iteration | None = None
        #: Replays the activity log in idle slices once the cards are loaded.
        self.flow_warmer = FlowWarmer(session, self)
        self.fully_loaded.connect(self.flow_warmer.start)
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
            self._remember(self._read(missing))

    def all_cards(self) -> list[Card]:
        """Every card on the board, in no particular order."""
        self.ensure_complete()
        return self._cards.cards()

    @property
    def is_fully_loaded(self) -> bool:
        """Whether every card has been read and indexed (see ``fully_loaded``)."""
        return self._complete and self._prepared

    def ensure_complete(self) -> None:
        """Read every card not read yet, now (the filter and the matrix need them all)."""
        if self._complete or not self._open:
            return
        self._loader.stop()
        remaining = [i for i in self._pending if i not in self._cards]
        if len(remaining) > len(self._cards):  # most of the board: one sequential read
            self._remember(
                card
                for card in self.session.board.cards(with_text=True)
                if card.id not in self._cards
            )
        else:
            self.fetch(remaining)
        self._finish_loading()

    def _load_slice(self) -> None:
        """Read the next slice of cards, sized to take about ``LOAD_SLICE_MS``."""
        if self._complete or not self._open:
            return
        wanted = list(
            itertools.islice((i for i in self._pending if i not in self._cards), self._slice_size)
        )
        if not wanted:
            self._finish_loading()
            return
        began = time.perf_counter()
        self.fetch(wanted)
        elapsed_ms = max((time.perf_counter() - began) * 1000, 0.1)
        # Cards per millisecond, averaged so that one slow moment of the machine
        # does not make the next slice twice as long.
        rate = len(wanted) / elapsed_ms
        self._rate = rate if self._rate is None else (self._rate + rate) / 2
        self._slice_size = max(50, min(MAX_IDS_PER_READ, int(self._rate * LOAD_SLICE_MS)))
        self._loader.start(0)

    def _finish_loading(self) -> None:
        self._pending = iter(())
        self._complete = True
        self._preparing = iter(PREPARED_CHARACTERS)
        self._preparer.start(0)

    def _prepare_character(self) -> None:
        """While idle, one by one: what the first letter of a filter word needs.
        The last one completes the load."""
        if not self._open:
            return
        character = next(self._preparing, None)
        if character is not None:
            self._cards.prepare(character)
            self._preparer.start(0)
        elif not self._prepared:
            self._prepared = True
            self.fully_loaded.emit()

    def _remember(self, cards: Iterable[Card]) -> None:
        fill = self.extras.fill
        self._cards.put_many(fill(card) for card in cards if not card.archived)
        if len(self._cards) >= FREEZE_FROM_CARDS:
            # Python's cycle collector walks every object of its oldest generation
            # now and then; with 50,000 cards in memory one walk takes about 100 ms,
            # a visible freeze, and a growing heap triggers several while loading.
            # Cards form no reference cycles (they are freed as soon as they are
            # replaced), so what has been read is moved out of the collector's
            # sight instead (until the board closes, see _session_closed).
            gc.freeze()

    def _read(self, ids: list[int]) -> list[Card]:
        """These cards with their search text, read from the file in a few queries."""
        board = self.session.board
        cards: list[Card] = []
        for start in range(0, len(ids), MAX_IDS_PER_READ):
            cards += board.cards(ids[start : start + MAX_IDS_PER_READ], with_text=True)
        return cards

    def total_count(self) -> int:
        """Cards on the board, whether the filter shows them or not."""
        return sum(model.total_count() for model in self._models.values())

    def visible_count(self) -> int:
        return sum(model.rowCount() for model in self._models.values())

    @property
    def thresholds(self) -> Thresholds:
        """Where this board's matrix splits high from low impact and effort."""
        return self._thresholds

    def active_iteration(self) -> Iteration | None:
        """The running iteration, if any (kept in memory: cards ask while painting)."""
        return self._active_iteration

    def active_iteration_id(self) -> int | None:
        iteration = self._active_iteration
        return iteration.id if iteration is not None else None

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
        """Show only the cards ``card_filter`` accepts: one layout change per column."""
        if card_filter == self._filter:
            return
        if card_filter.active:
            self.ensure_complete()
        self._filter = card_filter
        accepts = self._accepts()
        for model in self._models.values():
            model.set_filter(accepts, card_filter)
        self.filter_changed.emit()

    def select_cards(
        self, ids: Iterable[int], card_filter: CardFilter, known: CardFilter | None = None
    ) -> list[int]:
        """The ``ids`` that ``card_filter`` accepts, in order (see ``CardIndex.select``);
        every card must have been read (a filter is only set on a fully loaded board)."""
        return self._cards.select(ids, card_filter, known)

    def _accepts(self) -> Callable[[Card], bool] | None:
        return self._filter.matcher() if self._filter.active else None

    # --- loading and change handling -------------------------------------------------

    def reload(self) -> None:
        """Read the board from the file (opening it)."""
        board = self.session.board
        self._columns = board.columns()
        self._active_iteration = board.active_iteration()
        self.extras.load()
        self._cards.clear()
        self._complete = self._prepared = False
        self._preparer.stop()
        # One read per column: each comes straight off the column's index as
        # (id, rank) pairs, already in order, with no Python work per card.
        by_column = {c.id: board.column_slots(c.id) for c in self._columns}
        self._pending = (i for slots in by_column.values() for i, _ in slots)
        self._slice_size, self._rate = FIRST_SLICE_CARDS, None
        if self._filter.active:
            self.ensure_complete()
        else:
            first_screen = (
                i for slots in by_column.values() for i, _ in slots[:FIRST_SCREEN_CARDS]
            )
            self.fetch(first_screen)
            self._loader.start(COMPLETE_LOAD_DELAY_MS)
        accepts = self._accepts()
        for column in self._columns:
            model = self._models.get(column.id)
            if model is None:
                model = self._models[column.id] = ColumnModel(column.id, self, self.session, self)
            model.load(by_column[column.id], accepts, self._filter)
        for column_id in set(self._models) - {c.id for c in self._columns}:
            self._models.pop(column_id).deleteLater()
        self.reloaded.emit()

    def _session_closed(self) -> None:
        self._open = False
        self._loader.stop()
        self._preparer.stop()
        if len(self._cards) >= FREEZE_FROM_CARDS:
            gc.unfreeze()  # whatever the closed board leaves behind can be collected again

    def _on_change(self, change: Change) -> None:
        rescored, due_changed = self.extras.apply(change)
        if rescored:  # every badge changes: the views repaint on settings_changed
            for card in self._cards.cards():
                self.extras.fill(card)
        if change.touches("meta"):
            self._thresholds = board_thresholds(self.session.board)
            self.settings_changed.emit()
        if change.touches("columns"):
            self._apply_column_change()
        ids = change.item_ids() | self._carrying(change) | due_changed
        if change.touches("iterations"):
            ids |= self._follow_active_iteration()
        if ids:
            self._apply_card_change(ids)
        if change.touches("tags", "people"):
            self.vocabulary_changed.emit()
        if change.touches("iterations"):
            self.iterations_changed.emit()
        if ids:
            self.cards_updated.emit(ids)
            self.cards_changed.emit()

    def _carrying(self, change: Change) -> set[int]:
        """Cards read already that show a tag or person this change renamed or
        recoloured (cards not read yet will be read with the new name)."""
        tags = {diff.key[0] for diff in change.diffs("tags")}
        people = {diff.key[0] for diff in change.diffs("people")}
        if not tags and not people:
            return set()
        return {
            card.id
            for card in self._cards.cards()
            if any(t.id in tags for t in card.tags) or any(p.id in people for p in card.people)
        }

    def _follow_active_iteration(self) -> set[int]:
        """Read which iteration is running now; if another one is, the cards read
        already that were in the old one or are in the new one (their marker
        changes, so they are re-read like edited cards and repainted)."""
        before = self.active_iteration_id()
        self._active_iteration = self.session.board.active_iteration()
        after = self.active_iteration_id()
        if after == before:
            return set()
        marked = {before, after} - {None}
        return {card.id for card in self._cards.cards() if card.iteration_id in marked}

    def _apply_column_change(self) -> None:
        board = self.session.board
        self._columns = board.columns()
        for column in self._columns:
            if column.id not in self._models:
                model = ColumnModel(column.id, self, self.session, self)
                model.load(board.column_slots(column.id), self._accepts(), self._filter)
                self._models[column.id] = model
        gone = set(self._models) - {c.id for c in self._columns}
        self.columns_changed.emit()
        for column_id in gone:  # views have let go of these models by now
            self._models.pop(column_id).deleteLater()

    def _apply_card_change(self, ids: set[int]) -> None:
        fresh = {card.id: card for card in self._read(list(ids))}
        after: dict[int, Card | None] = {}
        for item_id in ids:
            card = fresh.get(item_id)
            after[item_id] = None if card is None or card.archived else self.extras.fill(card)
        self._cards.discard_many(i for i, card in after.items() if card is None)
        self._cards.put_many(card for card in after.values() if card is not None)
        for model in self._models.values():  # each knows which cards it shows
            model.apply(after)
