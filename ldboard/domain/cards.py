"""What a card on the board shows, and the shared filter that hides cards.

``Card`` is a read-only summary of one item (the board never needs the whole
item to paint it). ``CardFilter`` is the filter bar's state as a pure rule, so
every view filters the same way and the rule is testable without Qt.
``CardIndex`` answers that rule for a whole board fast enough to run on every
keystroke.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

#: Filters remembered on the way to the current one ("c", "co", "coa", …).
TRAIL_LIMIT = 32
#: Up to this many cards, searching their texts beats consulting the word index.
DIRECT_SEARCH_LIMIT = 2_000
#: Gathering one word-index entry costs about a sixth of searching one card's
#: text; beyond this many entries per card to search, the texts are searched.
INDEX_ENTRIES_PER_TEXT = 6


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
    #: Lower-cased text the free-text filter searches (see :func:`search_text`);
    #: ``None`` when the card was read without it.
    haystack: str | None = field(default=None, repr=False)
    #: Where a request stands (``Triage`` value; ``None``: the item is no request).
    triage: str | None = None
    #: Open evaluation checks due by today, and whether one is past its date.
    checks_due: int = 0
    checks_overdue: bool = False
    #: The weighted score, when the board prioritises by it and the item is scored.
    weighted: float | None = None


#: ``CardFilter.triage`` choices besides one triage state: every request.
ANY_REQUEST = "requests"


def haystack(*parts: str | None) -> str:
    """Non-empty ``parts`` on lines of their own, lower-cased for matching.

    Filter words never contain a line break, so a word cannot match across two
    parts (the end of a title and the start of a tag, say).
    """
    return "\n".join(p for p in parts if p).casefold()


def search_text(
    fields: Iterable[str | None],
    tags: Iterable[TagChip] = (),
    people: Iterable[PersonChip] = (),
) -> str:
    """Everything the free-text filter looks at in a card: its text ``fields``
    (key, title, description, …), the names of its tags and of its people.

    People are searched by name because that is how a lead thinks of a request
    ("the one Maya asked for"), tags because they are the board's own words
    (typing "sales" should find the cards tagged *sales*).
    """
    return haystack(*fields, *(tag.name for tag in tags), *(person.name for person in people))


#: ``CardFilter.iterations`` that keeps the cards planned in no iteration.
NOT_PLANNED: frozenset[int | None] = frozenset({None})


@dataclass(frozen=True, slots=True)
class CardFilter:
    """The filter bar: free text (every word must match), tag, person, iteration
    and triage (requests only, or the requests in one state).

    ``iterations`` is the set of iteration ids a card's ``iteration_id`` must be
    in, ``None`` standing for "not planned" (:data:`NOT_PLANNED`); ``None``
    itself means any iteration or none. A set rather than one id, because the
    bar's "Current iteration" is a set that may be empty (no iteration is
    running: no card is in the current one), and because a set says plainly
    when one choice narrows another.
    """

    text: str = ""
    tag_id: int | None = None
    person_id: int | None = None
    iterations: frozenset[int | None] | None = None
    #: ``None``: any card; :data:`ANY_REQUEST`: requests only; else one triage state.
    triage: str | None = None

    @property
    def active(self) -> bool:
        return (
            bool(self.text.strip())
            or self.tag_id is not None
            or self.person_id is not None
            or self.iterations is not None
            or self.triage is not None
        )

    def terms(self) -> list[str]:
        return self.text.casefold().split()

    def matcher(self) -> Callable[[Card], bool]:
        """A fast predicate for this filter (terms are split once, not per card)."""
        terms = self.terms()
        tag_id, person_id, iterations = self.tag_id, self.person_id, self.iterations
        triage = self.triage

        def accepts(card: Card) -> bool:
            if not _meets_choices(card, tag_id, person_id, iterations):
                return False
            if triage is not None and not meets_triage(card, triage):
                return False
            text = card.haystack or ""
            return all(term in text for term in terms)

        return accepts

    def narrows(self, other: CardFilter) -> bool:
        """Whether every card this filter accepts is accepted by ``other`` too.

        True when typing turned ``other`` into this filter by adding letters or
        words ("coa" narrows "co"; "coach s" narrows "coach"), or by choosing a
        tag, person or iteration where ``other`` had none (or, for iterations,
        fewer of ``other``'s): each of ``other``'s words is then part of one of
        this filter's words, and a card containing the longer word contains the
        shorter one.
        """
        if other.tag_id is not None and other.tag_id != self.tag_id:
            return False
        if other.person_id is not None and other.person_id != self.person_id:
            return False
        if other.iterations is not None and (
            self.iterations is None or not self.iterations <= other.iterations
        ):
            return False
        if other.triage is not None and other.triage not in (self.triage, ANY_REQUEST):
            return False
        if other.triage == ANY_REQUEST and self.triage is None:
            return False
        mine = self.terms()
        return all(any(term in word for word in mine) for term in other.terms())


def meets_triage(card: Card, triage: str) -> bool:
    """Whether ``card`` is a request (:data:`ANY_REQUEST`) or one in the ``triage`` state."""
    if triage == ANY_REQUEST:
        return card.triage is not None
    return card.triage == triage


def _meets_choices(
    card: Card,
    tag_id: int | None,
    person_id: int | None,
    iterations: frozenset[int | None] | None,
) -> bool:
    """Whether ``card`` has the chosen tag and person and is in a chosen iteration."""
    if iterations is not None and card.iteration_id not in iterations:
        return False
    if tag_id is not None and not any(t.id == tag_id for t in card.tags):
        return False
    return person_id is None or any(p.id == person_id for p in card.people)


class CardIndex:
    """The cards of an open board by id, and a word index of their search texts.

    The filter runs on every keystroke across every card of the board. A
    predicate called per card costs about a microsecond in Python, and even a
    bare substring search per card reads every card's whole text for a word
    most cards lack: both take tens of milliseconds at 50,000 cards. Filter
    words never contain spaces, so a card contains one exactly when one of its
    own words does. The index therefore keeps, for every distinct word of the
    board, the cards that use it: the cards containing "coa" are those listed
    under "coach", "coaching", … — a few thousand entries gathered in C
    instead of 50,000 texts searched. When that would touch more entries than
    searching the texts, the texts are searched instead. A single letter is in
    most texts and most words, so for a character typed alone the index keeps
    a flag per card instead, from the first time it is typed.
    """

    def __init__(self) -> None:
        self._cards: dict[int, Card] = {}
        self._texts: dict[int, str] = {}
        #: Each distinct word of the search texts → ids of the cards that use it,
        #: except the cards' own keys: one word per card would make the list of
        #: words as long as the board (keys are in ``_keys`` instead).
        self._users: defaultdict[str, list[int]] = defaultdict(list)
        self._keys: dict[int, str] = {}
        self._key_characters: set[str] = set()
        #: Characters typed alone → a flag per item id: 1 if its text has it. Made
        #: the first time a character is looked for, then kept true by ``put``.
        self._has_char: dict[str, bytearray] = {}
        self._flag_size = 0
        #: Counts changes to ``_users``; the caches below are only valid for one count.
        self._version = 0
        self._words_of: tuple[str, int, list[str]] = ("", -1, [])
        self._cards_with: tuple[str, int, set[int]] = ("", -1, set())

    def __len__(self) -> int:
        return len(self._cards)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._cards

    def get(self, item_id: int) -> Card | None:
        return self._cards.get(item_id)

    def cards(self) -> list[Card]:
        return list(self._cards.values())

    # --- keeping it true -------------------------------------------------------------

    def put(self, card: Card) -> None:
        """Add or replace a card; it must carry its search text."""
        self.put_many((card,))

    def put_many(self, cards: Iterable[Card]) -> None:
        """Add or replace cards (each must carry its search text); a word that
        many of them stop using is updated once, not once per card."""
        users = self._users
        dropped: dict[str, set[int]] = {}
        for card in cards:
            text = card.haystack
            if text is None:
                raise ValueError(f"card {card.key} was read without its search text")
            item_id = card.id
            self._cards[item_id] = card
            old = self._texts.get(item_id)
            if old == text:
                continue
            self._texts[item_id] = text
            self._flag_characters(item_id, text, old)
            key = self._keys[item_id] = card.key.casefold()
            self._key_characters.update(key)
            words = set(text.split())
            words.discard(key)
            if old is not None:
                before = set(old.split())
                before.discard(key)
                for word in before - words:
                    dropped.setdefault(word, set()).add(item_id)
                words -= before
            for word in words:
                users[word].append(item_id)
            self._version += 1
        self._drop_users(dropped)

    def discard(self, item_id: int) -> None:
        self.discard_many((item_id,))

    def discard_many(self, ids: Iterable[int]) -> None:
        dropped: dict[str, set[int]] = {}
        for item_id in ids:
            self._cards.pop(item_id, None)
            text = self._texts.pop(item_id, None)
            key = self._keys.pop(item_id, None)
            if text is not None:
                for flags in self._has_char.values():
                    flags[item_id] = 0
                for word in set(text.split()) - {key}:
                    dropped.setdefault(word, set()).add(item_id)
        self._drop_users(dropped)

    def _flag_characters(self, item_id: int, text: str, old: str | None) -> None:
        if item_id >= self._flag_size:
            self._flag_size = max(2 * self._flag_size, item_id + 1, 1024)
            for flags in self._has_char.values():
                flags.extend(bytes(self._flag_size - len(flags)))
        for character, flags in self._has_char.items():
            flags[item_id] = character in text

    def _with_character(self, character: str) -> bytearray:
        """A flag per item id: whether its text contains ``character``."""
        flags = self._has_char.get(character)
        if flags is None:
            flags = self._has_char[character] = bytearray(self._flag_size)
            for item_id in [i for i, text in self._texts.items() if character in text]:
                flags[item_id] = 1
        return flags

    def prepare(self, character: str) -> None:
        """Make the flags of ``character`` now (while idle), so typing it later is quick."""
        self._with_character(character.casefold())

    def _drop_users(self, dropped: dict[str, set[int]]) -> None:
        users = self._users
        for word, gone in dropped.items():
            kept = [i for i in users[word] if i not in gone]
            if kept:
                users[word] = kept
            else:
                del users[word]
        if dropped:
            self._version += 1

    def clear(self) -> None:
        self._cards.clear()
        self._texts.clear()
        self._users.clear()
        self._keys.clear()
        self._has_char.clear()
        self._flag_size = 0
        self._version += 1

    # --- filtering -------------------------------------------------------------------

    def select(
        self, ids: Iterable[int], card_filter: CardFilter, known: CardFilter | None = None
    ) -> list[int]:
        """The ``ids`` (all in the index) that ``card_filter`` accepts, in their order.

        ``known``, if given, is a filter that ``card_filter`` narrows and that
        accepts every one of ``ids``: what it checked already is not checked again
        (after "co", "coa" is the only word to look for).
        """
        known = known or CardFilter()
        done = known.terms()
        words = dict.fromkeys(t for t in card_filter.terms() if not any(t in k for k in done))
        tag_id = card_filter.tag_id if card_filter.tag_id != known.tag_id else None
        person_id = card_filter.person_id if card_filter.person_id != known.person_id else None
        iterations = card_filter.iterations if card_filter.iterations != known.iterations else None
        triage = card_filter.triage if card_filter.triage != known.triage else None
        found = list(ids)
        if triage is not None:  # requests are few: the fewest survivors of all
            cards = self._cards
            found = [i for i in found if meets_triage(cards[i], triage)]
        if iterations is not None:  # usually the fewest survivors: checked first, and cheaply
            cards = self._cards
            found = [i for i in found if cards[i].iteration_id in iterations]
        if tag_id is not None or person_id is not None:
            cards = self._cards
            found = [i for i in found if _meets_choices(cards[i], tag_id, person_id, None)]
        texts = self._texts
        for term in sorted(words, key=len, reverse=True):  # longest first: fewest survivors
            if len(term) == 1:  # in most texts: flags answer without searching any
                flags = self._with_character(term)
                found = [i for i in found if flags[i]]
                continue
            having = self._cards_using(term, len(found))
            if having is None:
                found = [i for i in found if term in texts[i]]
            else:
                found = [i for i in found if i in having]
        return found

    def _cards_using(self, term: str, candidates: int) -> set[int] | None:
        """Ids of every card whose text contains ``term``, gathered from the word
        index, or ``None`` when searching ``candidates`` texts is cheaper."""
        cached_term, version, having = self._cards_with
        if cached_term == term and version == self._version:
            return having
        if candidates <= DIRECT_SEARCH_LIMIT:
            return None
        words = self._words_containing(term)
        limit = INDEX_ENTRIES_PER_TEXT * candidates
        if len(words) > limit:  # every word has at least one entry
            return None
        lists = list(map(self._users.__getitem__, words))
        if sum(map(len, lists)) > limit:
            return None
        having = set().union(*lists)
        if self._key_characters.issuperset(term):  # "ld-4": some keys may contain it
            having.update(i for i, key in self._keys.items() if term in key)
        self._cards_with = (term, self._version, having)
        return having

    def _words_containing(self, term: str) -> list[str]:
        """The board's words that contain ``term``; after "co", only the words
        containing "co" are looked at for "coa"."""
        last_term, version, last_words = self._words_of
        fresh = version == self._version and last_term and last_term in term
        words = [w for w in (last_words if fresh else self._users) if term in w]
        self._words_of = (term, self._version, words)
        return words


class FilterTrail:
    """The filters typed on the way to the current one, each with what it showed.

    Typing one more letter narrows the filter, so only what it showed needs
    looking at; erasing a letter goes back to a step whose result is already
    known. The steps describe one list of cards at one moment: whoever keeps a
    trail clears it when that list changes.
    """

    def __init__(self, limit: int = TRAIL_LIMIT) -> None:
        self._limit = limit
        self._steps: list[tuple[CardFilter, list[int]]] = []

    def __len__(self) -> int:
        return len(self._steps)

    def clear(self) -> None:
        self._steps.clear()

    def push(self, card_filter: CardFilter, shown: list[int]) -> None:
        """Remember that ``card_filter`` showed ``shown`` (no longer changed by the caller)."""
        self._steps.append((card_filter, shown))
        if len(self._steps) > self._limit:
            del self._steps[0]

    def back_to(self, card_filter: CardFilter) -> tuple[CardFilter, list[int]] | None:
        """The latest step ``card_filter`` narrows or equals, forgetting the later
        ones (they are narrower than what is wanted now). An equal step is
        taken off the trail: its list is the caller's again."""
        steps = self._steps
        while steps and not card_filter.narrows(steps[-1][0]):
            steps.pop()
        if not steps:
            return None
        if steps[-1][0] == card_filter:
            return steps.pop()
        return steps[-1]
