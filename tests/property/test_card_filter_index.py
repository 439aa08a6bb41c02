"""Random edits and keystrokes: the card index and the trail of filters must always
show exactly what the plain filter rule accepts.

The machine keeps the board's cards, puts and removes them in a ``CardIndex``
(renaming a tag puts every card carrying it again, as the board model does),
and types, erases and replaces filter words the way a column model does: a
filter that narrows the current one looks only at what is shown, one that does
not goes back along the ``FilterTrail``; any change of a card clears the
trail. After every step, what is shown must equal the plain rule applied to
every card. Words come from a five-character alphabet so that one word is often
part of another, and part of a card's key ("K-12") as well. The machine runs
once with the word index forced on and once with it forced off, so both ways
of answering are checked.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from ldboard.domain import cards as cards_module
from ldboard.domain.cards import (
    Card,
    CardFilter,
    CardIndex,
    FilterTrail,
    PersonChip,
    TagChip,
    search_text,
)

WORDS = st.text(alphabet="ab1-k", min_size=1, max_size=4)
IDS = st.integers(min_value=1, max_value=25)
TAG_IDS = st.sampled_from([1, 2])
PERSON = PersonChip(7, "Bob Cab", "BC", "sme")


class IndexMachine(RuleBasedStateMachine):
    #: Set by each test: force the word index (True) or the plain text search (False).
    use_word_index = True

    def __init__(self) -> None:
        super().__init__()
        self.saved = (cards_module.DIRECT_SEARCH_LIMIT, cards_module.INDEX_ENTRIES_PER_TEXT)
        if self.use_word_index:
            cards_module.DIRECT_SEARCH_LIMIT, cards_module.INDEX_ENTRIES_PER_TEXT = 0, 10**9
        else:
            cards_module.DIRECT_SEARCH_LIMIT = 10**9
        self.index = CardIndex()
        self.cards: dict[int, Card] = {}
        self.tag_names = {1: "ab", 2: "ca"}
        self.filter = CardFilter()
        self.shown: list[int] = []
        self.trail = FilterTrail(limit=4)

    def teardown(self) -> None:
        cards_module.DIRECT_SEARCH_LIMIT, cards_module.INDEX_ENTRIES_PER_TEXT = self.saved

    # --- the board changes ----------------------------------------------------------

    def _card(self, item_id: int, words: list[str], tag_ids: set[int], with_person: bool) -> Card:
        tags = tuple(TagChip(t, self.tag_names[t], "#000000") for t in sorted(tag_ids))
        people = (PERSON,) if with_person else ()
        return Card(
            id=item_id,
            key=f"K-{item_id}",
            title=" ".join(words),
            column_id=1,
            rank=float(item_id),
            tags=tags,
            people=people,
            haystack=search_text((f"K-{item_id}", " ".join(words)), tags, people),
        )

    def _changed(self) -> None:
        """What a column model does on a change: the rows follow, the trail is cleared."""
        self.trail.clear()
        self.shown = self._expected()

    @rule(
        item_id=IDS,
        words=st.lists(WORDS, max_size=4),
        tag_ids=st.sets(TAG_IDS),
        with_person=st.booleans(),
    )
    def put(self, item_id, words, tag_ids, with_person):
        card = self._card(item_id, words, tag_ids, with_person)
        self.cards[item_id] = card
        self.index.put(card)
        self._changed()

    @rule(item_id=IDS)
    def discard(self, item_id):
        self.cards.pop(item_id, None)
        self.index.discard(item_id)
        self._changed()

    @rule(tag_id=TAG_IDS, name=WORDS)
    def rename_tag(self, tag_id, name):
        self.tag_names[tag_id] = name
        carrying = [c for c in self.cards.values() if any(t.id == tag_id for t in c.tags)]
        renamed = [
            self._card(c.id, c.title.split(), {t.id for t in c.tags}, bool(c.people))
            for c in carrying
        ]
        self.cards.update({c.id: c for c in renamed})
        self.index.put_many(renamed)
        self._changed()

    # --- the person types ---------------------------------------------------------------

    def _show(self, card_filter: CardFilter) -> None:
        """A column model's ``_choose``, over every card in id order."""
        everything = sorted(self.cards)
        current, self.filter = self.filter, card_filter
        if not card_filter.active:
            self.trail.clear()
            self.shown = everything
        elif current.active and card_filter.narrows(current):
            self.trail.push(current, self.shown)
            self.shown = self.index.select(self.shown, card_filter, current)
        else:
            step = self.trail.back_to(card_filter)
            if step is None:
                self.shown = self.index.select(everything, card_filter)
            elif step[0] == card_filter:
                self.shown = step[1]
            else:
                self.shown = self.index.select(step[1], card_filter, step[0])

    @rule(letter=st.sampled_from("ab1-k "))
    def type_a_letter(self, letter):
        self._show(CardFilter(self.filter.text + letter, self.filter.tag_id))

    @rule()
    def erase_a_letter(self):
        self._show(CardFilter(self.filter.text[:-1], self.filter.tag_id))

    @rule(text=st.lists(WORDS, max_size=3).map(" ".join), tag_id=st.none() | TAG_IDS)
    def replace_the_filter(self, text, tag_id):
        self._show(CardFilter(text, tag_id))

    @rule(text=st.lists(WORDS, min_size=1, max_size=2).map(" ".join))
    def ask_the_index_directly(self, text):
        card_filter = CardFilter(text, None, PERSON.id)
        accepts = card_filter.matcher()
        expected = [i for i in sorted(self.cards) if accepts(self.cards[i])]
        assert self.index.select(sorted(self.cards), card_filter) == expected

    def _expected(self) -> list[int]:
        accepts = self.filter.matcher()
        return [i for i in sorted(self.cards) if accepts(self.cards[i])]

    @invariant()
    def shows_exactly_what_the_filter_accepts(self):
        assert self.shown == self._expected(), (self.filter, self.shown)
        assert len(self.index) == len(self.cards)


class WordIndexMachine(IndexMachine):
    use_word_index = True


class TextSearchMachine(IndexMachine):
    use_word_index = False


SETTINGS = settings(
    max_examples=120,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize("machine", [WordIndexMachine, TextSearchMachine])
def test_filtering_always_shows_what_the_rule_accepts(machine):
    machine.TestCase.settings = SETTINGS
    machine.TestCase().runTest()
