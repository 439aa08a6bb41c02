"""One board column as a Qt list model.

The model keeps the column's cards in rank order (``_all``) and the subset the
shared filter lets through (``_visible``); rows are the visible cards. It never
writes: dropping a card calls the session, and the resulting change notification
comes back through ``apply`` as row removals and insertions. A new filter is one
layout change, which keeps the selected card selected if it still shows.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ldboard import ops
from ldboard.domain.cards import Card, CardFilter, FilterTrail
from ldboard.domain.enums import IterationState, Verdict
from ldboard.domain.model import Iteration
from ldboard.ui.cards.card_mime import MIME_TYPE, decode_items, encode_items
from ldboard.ui.cards.card_source import CardSource
from ldboard.ui.common.session import BoardSession

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex
Predicate = Callable[[Card], bool] | None


class ColumnModel(QAbstractListModel):
    def __init__(
        self,
        column_id: int,
        cards: CardSource,
        session: BoardSession,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.column_id = column_id
        self._cards = cards  # the board's card cache, already up to date when apply() runs
        self._session = session
        self._all: list[int] = []
        self._visible: list[int] = []
        self._rank: dict[int, float] = {}
        self._accepts: Predicate = None
        #: The filter ``_visible`` was chosen by (``None``: a plain predicate or none),
        #: and the filters before it, while the column's cards stay as they are.
        self._shown_by: CardFilter | None = None
        self._trail = FilterTrail()

    # --- Qt model interface ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        card = self.card_at(index.row())
        if card is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return card.title
        if role == CARD_ROLE:
            return card
        if role == ITEM_ID_ROLE:
            return card.id
        if role == Qt.ItemDataRole.ToolTipRole:
            board = self._session.board
            return card_tooltip(card, board.hypothesis_of(card.id), self._iteration_of(card))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return card_accessible_text(card, self._iteration_of(card))
        return None

    def _iteration_of(self, card: Card) -> Iteration | None:
        """The iteration a card is planned into (read when asked: tooltips are rare)."""
        if card.iteration_id is None:
            return None
        return self._session.board.iteration(card.iteration_id)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self._session.read_only:  # cards can be looked at, not dragged
            if not index.isValid():
                return Qt.ItemFlag.NoItemFlags
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    @property
    def session(self) -> BoardSession:
        return self._session

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [self._visible[i.row()] for i in indexes if i.isValid()]
        cards = [self._cards.card(i) for i in ids]
        text = "\n".join(f"{c.key} {c.title}" for c in cards if c is not None)
        return encode_items(self._session.token, ids, text)

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return (
            not self._session.read_only
            and bool(self.dropped_items(data))
            and action
            in (
                Qt.DropAction.MoveAction,
                Qt.DropAction.CopyAction,
            )
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dropped card in front of visible row ``row`` (``-1``: the end)."""
        items = self.dropped_items(data)
        if not items or parent.isValid():
            return False
        for item_id in items:
            self.move_here(item_id, row)
        return True

    # --- moving ------------------------------------------------------------------------

    def dropped_items(self, data: QMimeData) -> list[int]:
        """Item ids in a drag that came from this window (empty for anything else)."""
        return decode_items(data, self._session.token)

    def position_for_drop(self, item_id: int, row: int) -> int:
        """Position in the whole column (as ``ops.move_item`` counts) for a drop
        in front of visible row ``row``; ``-1`` or past the end means after the
        last visible card."""
        here = self._rank.get(item_id)  # the moving card's rank, if it is in this column

        def position_without_item(anchor: int) -> int:
            position = self._row_in(self._all, anchor)
            return position - 1 if here is not None and here < self._rank[anchor] else position

        if 0 <= row < len(self._visible):
            anchor = self._visible[row]
            if anchor == item_id:  # dropped onto itself: stay put
                return self._row_in(self._all, item_id)
            return position_without_item(anchor)
        last = next((i for i in reversed(self._visible) if i != item_id), None)
        if last is None:
            return len(self._all) - (1 if here is not None else 0)
        return position_without_item(last) + 1

    def move_here(self, item_id: int, row: int) -> None:
        index = self.position_for_drop(item_id, row)
        self._session.perform(ops.move_item, item_id, self.column_id, index)

    # --- lookups --------------------------------------------------------------------------

    def item_id(self, row: int) -> int:
        return self._visible[row]

    def card_at(self, row: int) -> Card | None:
        """The card on visible ``row``; cards around it are read too if not cached
        (a view asks for one row at a time while painting a screenful)."""
        item_id = self._visible[row]
        card = self._cards.cached(item_id)
        if card is None:
            self._cards.fetch(self._visible[max(0, row - 8) : row + 32])
            card = self._cards.card(item_id)
        return card

    def row_of(self, item_id: int) -> int:
        """Visible row of an item, or -1."""
        return self._row_in(self._visible, item_id)

    def _row_in(self, rows: list[int], item_id: int) -> int:
        """Position of ``item_id`` in ``rows`` (ids of this column in rank order), or -1.

        A binary search on ranks: a column of 50,000 cards is searched in
        microseconds, not scanned."""
        rank = self._rank.get(item_id)
        if rank is None:
            return -1
        ranks = self._rank.__getitem__
        row = bisect.bisect_left(rows, rank, key=ranks)
        while row < len(rows) and ranks(rows[row]) == rank:  # equal ranks: look at each
            if rows[row] == item_id:
                return row
            row += 1
        return -1

    def all_ids(self) -> list[int]:
        return list(self._all)

    def total_count(self) -> int:
        """Cards in the column, whether the filter shows them or not."""
        return len(self._all)

    # --- keeping in step -----------------------------------------------------------------

    def load(
        self,
        slots: Sequence[tuple[int, float]],
        accepts: Predicate,
        card_filter: CardFilter | None = None,
    ) -> None:
        """Show these ``(item id, rank)`` slots, in order (see :meth:`set_filter`
        for ``accepts`` and ``card_filter``)."""
        self.beginResetModel()
        self._all = [item_id for item_id, _ in slots]
        self._rank = dict(slots)
        self._accepts = accepts
        self._trail.clear()
        self._shown_by = None
        self._visible = self._choose(accepts, card_filter)
        self.endResetModel()

    def set_filter(self, accepts: Predicate, card_filter: CardFilter | None = None) -> None:
        """Show only the cards ``accepts`` lets through, in one layout change.

        ``card_filter``, if given, is the filter ``accepts`` stands for: the
        column then asks the board's index, which tests a prepared text per
        card, and looks only at the rows an earlier filter showed when the new
        one narrows it (one more letter typed) or has shown them already (a
        letter erased).
        """
        self._accepts = accepts
        visible = self._choose(accepts, card_filter)
        if visible != self._visible:
            self._relayout(visible)

    def _choose(self, accepts: Predicate, card_filter: CardFilter | None) -> list[int]:
        """The rows to show for a new filter; keeps the trail of filters in step."""
        shown_by, self._shown_by = self._shown_by, card_filter
        if accepts is None or card_filter is None:
            self._trail.clear()
            return self._filtered(self._all)
        select = self._cards.select_cards
        if shown_by is not None and shown_by.active and card_filter.narrows(shown_by):
            self._trail.push(shown_by, self._visible)
            return select(self._visible, card_filter, shown_by)
        step = self._trail.back_to(card_filter)
        if step is None:
            return select(self._all, card_filter)
        known, shown = step
        return shown if known == card_filter else select(shown, card_filter, known)

    def _relayout(self, visible: list[int]) -> None:
        """Show ``visible`` instead of the current rows; selection and current
        card follow their card, or go if it is hidden now."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        after = []
        for index in before:
            row = self._row_in(visible, self._visible[index.row()])
            after.append(self.index(row) if row >= 0 else QModelIndex())
        self._visible = visible
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def apply(self, after: dict[int, Card | None]) -> None:
        """Bring the rows in line with the new state of the cards in ``after``.

        Removals come first, then insertions in rank order, so every bisect
        runs on a list that is sorted by current ranks.
        """
        pending: list[Card] = []
        in_place: list[int] = []
        for item_id, card in after.items():
            here = card is not None and card.column_id == self.column_id
            if here or item_id in self._rank:
                self._trail.clear()  # what earlier filters showed may have changed
            if item_id in self._rank:
                if here and card.rank == self._rank[item_id]:
                    in_place.append(item_id)
                    continue
                self._remove(item_id)
            if here:
                pending.append(card)
        for card in sorted(pending, key=lambda c: c.rank):
            self._insert(card)
        for item_id in in_place:
            self._refresh(item_id)

    def _filtered(self, ids: list[int]) -> list[int]:
        accepts = self._accepts
        if accepts is None:
            return list(ids)
        card = self._cards.card  # a filter is only set once every card is cached
        return [i for i in ids if accepts(card(i))]

    def _shows(self, card: Card) -> bool:
        return self._accepts is None or self._accepts(card)

    def _remove(self, item_id: int) -> None:
        row = self.row_of(item_id)
        position = self._row_in(self._all, item_id)
        if position >= 0:
            del self._all[position]
        else:  # ranks out of order would be a bug elsewhere; stay correct regardless
            self._all.remove(item_id)
        del self._rank[item_id]
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._visible[row]
            self.endRemoveRows()

    def _insert(self, card: Card) -> None:
        ranks = self._rank
        self._rank[card.id] = card.rank
        self._all.insert(bisect.bisect_left(self._all, card.rank, key=ranks.__getitem__), card.id)
        if self._shows(card):
            self._insert_visible(card)

    def _insert_visible(self, card: Card) -> None:
        row = bisect.bisect_left(self._visible, card.rank, key=self._rank.__getitem__)
        self.beginInsertRows(QModelIndex(), row, row)
        self._visible.insert(row, card.id)
        self.endInsertRows()

    def _refresh(self, item_id: int) -> None:
        card = self._cards.card(item_id)
        assert card is not None
        row = self.row_of(item_id)
        shows = self._shows(card)
        if row >= 0 and shows:
            index = self.index(row)
            self.dataChanged.emit(index, index)
        elif row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._visible[row]
            self.endRemoveRows()
        elif shows:
            self._insert_visible(card)


def card_tooltip(card: Card, hypothesis: str = "", iteration: Iteration | None = None) -> str:
    lines = [f"{card.key} — {card.title}"]
    if card.impact is not None or card.effort is not None:
        lines.append(f"Impact {card.impact or '–'} · Effort {card.effort or '–'}")
    if iteration is not None:
        lines.append(_planned_in(iteration))
    if card.verdict != Verdict.UNTESTED:
        lines.append(f"Hypothesis {Verdict(card.verdict).label.lower()}")
    if hypothesis:
        lines.append(hypothesis)
    return "\n".join(lines)


def _planned_in(iteration: Iteration) -> str:
    if iteration.state == IterationState.ACTIVE:
        return f"In the current iteration: {iteration.name}"
    if iteration.state == IterationState.CLOSED:
        return f"In {iteration.name} (closed)"
    return f"Planned for {iteration.name}"


def card_accessible_text(card: Card, iteration: Iteration | None = None) -> str:
    parts = [f"{card.key}: {card.title}"]
    if iteration is not None:
        words = _planned_in(iteration)
        parts.append(words[:1].lower() + words[1:])
    if card.impact is not None:
        parts.append(f"impact {card.impact}")
    if card.effort is not None:
        parts.append(f"effort {card.effort}")
    if card.tags:
        parts.append("tags " + ", ".join(t.name for t in card.tags))
    if card.due:
        parts.append(f"due {card.due}")
    return "; ".join(parts)
