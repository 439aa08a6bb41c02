"""What a column model needs from the board's card cache.

``ColumnModel`` reads cards through this protocol instead of importing
``BoardModel``: the board model owns the column models, so a column model that
knew the board model's class would make the two modules import each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ldboard.domain.cards import Card, CardFilter


class CardSource(Protocol):
    def card(self, item_id: int) -> Card | None:
        """The card, read from the board if it is not cached yet."""

    def cached(self, item_id: int) -> Card | None:
        """The card if it is cached, without reading."""

    def fetch(self, ids: Iterable[int]) -> None:
        """Read the cards among ``ids`` that are not cached yet, in one query."""

    def select_cards(
        self, ids: Iterable[int], card_filter: CardFilter, known: CardFilter | None = None
    ) -> list[int]:
        """The ``ids`` that ``card_filter`` accepts, in order."""
