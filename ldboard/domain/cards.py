"""What a card on the board shows, and the shared filter that hides cards.

``Card`` is a read-only summary of one item (the board never needs the whole
item to paint it). ``CardFilter`` is the filter bar's state as a pure rule, so
every view filters the same way and the rule is testable without Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TagChip:
    id: int
    name: str
    color: str


@dataclass(frozen=True, slots=True)
class PersonChip:
    id: int
    name: str
    initials: str
    role: str  # ItemRole value


@dataclass(slots=True)
class Card:
    id: int
    key: str
    title: str
    column_id: int
    rank: float
    impact: int | None = None
    effort: int | None = None
    verdict: str = "untested"
    driver: str | None = None
    due: str | None = None
    iteration_id: int | None = None
    archived: bool = False
    tags: tuple[TagChip, ...] = ()
    people: tuple[PersonChip, ...] = ()
    checklist_done: int = 0
    checklist_total: int = 0
    #: Lower-cased text the free-text filter searches; ``None`` until it is indexed.
    haystack: str | None = field(default=None, repr=False)


def haystack(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p).casefold()


@dataclass(frozen=True, slots=True)
class CardFilter:
    """The filter bar: free text (every word must match), tag and person."""

    text: str = ""
    tag_id: int | None = None
    person_id: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or self.tag_id is not None or self.person_id is not None

    def terms(self) -> list[str]:
        return self.text.casefold().split()

    def matcher(self) -> Callable[[Card], bool]:
        """A fast predicate for this filter (terms are split once, not per card)."""
        terms = self.terms()
        tag_id, person_id = self.tag_id, self.person_id

        def accepts(card: Card) -> bool:
            if tag_id is not None and not any(t.id == tag_id for t in card.tags):
                return False
            if person_id is not None and not any(p.id == person_id for p in card.people):
                return False
            text = card.haystack or ""
            return all(term in text for term in terms)

        return accepts
