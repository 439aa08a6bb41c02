"""The filter's rules: what a card's search text holds, the tag, person and
iteration criteria, when one filter narrows another, and the card index that
answers filters at typing speed."""

from __future__ import annotations

import dataclasses

import pytest

from ldboard.domain import cards as cards_module
from ldboard.domain.cards import (
    NOT_PLANNED,
    Card,
    CardFilter,
    CardIndex,
    FilterTrail,
    PersonChip,
    TagChip,
    search_text,
)

SALES = TagChip(1, "Sales", "#16a34a")
PILOT = TagChip(2, "pilot", "#7c3aed")
MAYA = PersonChip(7, "Maya Chen", "MC", "sponsor")


def card(
    card_id: int,
    title: str,
    *,
    tags=(),
    people=(),
    description: str = "",
    iteration_id: int | None = None,
) -> Card:
    fields = (f"LD-{card_id}", title, description)
    return Card(
        id=card_id,
        key=f"LD-{card_id}",
        title=title,
        column_id=1,
        rank=float(card_id),
        iteration_id=iteration_id,
        tags=tuple(tags),
        people=tuple(people),
        haystack=search_text(fields, tags, people),
    )


def naive(cards: list[Card], card_filter: CardFilter) -> list[int]:
    """The definition every faster path must agree with."""
    accepts = card_filter.matcher()
    return [c.id for c in cards if accepts(c)]


# --- search text -------------------------------------------------------------------


def test_search_text_holds_fields_tag_names_and_people_names_lower_cased():
    text = search_text(("LD-4", "Objection Handling", None, ""), [SALES, PILOT], [MAYA])
    assert text.split("\n") == ["ld-4", "objection handling", "sales", "pilot", "maya chen"]


def test_a_word_never_matches_across_two_parts_of_the_text():
    found = card(1, "Quarterly sales", tags=[TagChip(3, "kickoff", "#000000")])
    assert CardFilter("sales").matcher()(found)
    assert not CardFilter("saleskick").matcher()(found)


def test_the_filter_finds_cards_by_tag_and_by_person():
    cards = [
        card(1, "Objection handling", tags=[SALES]),
        card(2, "CRM job aids"),
        card(3, "Discount approvals", people=[MAYA]),
    ]
    assert naive(cards, CardFilter("SALES")) == [1]
    assert naive(cards, CardFilter("maya")) == [3]
    assert naive(cards, CardFilter("chen discount")) == [3], "every word must match"
    assert naive(cards, CardFilter("chen crm")) == []


# --- the iteration criterion -------------------------------------------------------

RUNNING, NEXT = 2, 3


def planned_cards() -> list[Card]:
    return [
        card(1, "Coaching for new managers", iteration_id=RUNNING, tags=[SALES]),
        card(2, "Coaching clinic", iteration_id=NEXT),
        card(3, "Coaching circle"),
        card(4, "Safety refresher", iteration_id=RUNNING),
        card(5, "Safety walk", people=[MAYA]),
    ]


@pytest.mark.parametrize(
    ("iterations", "expected"),
    [
        (None, [1, 2, 3, 4, 5]),
        (frozenset({RUNNING}), [1, 4]),
        (frozenset({NEXT}), [2]),
        (NOT_PLANNED, [3, 5]),
        (frozenset({RUNNING, None}), [1, 3, 4, 5]),
        (frozenset(), []),  # "current iteration" while none is running
    ],
)
def test_the_iteration_criterion_keeps_the_cards_of_the_chosen_iterations(iterations, expected):
    cards = planned_cards()
    card_filter = CardFilter(iterations=iterations)
    assert card_filter.active is (iterations is not None)
    assert naive(cards, card_filter) == expected
    index = CardIndex()
    index.put_many(cards)
    assert index.select([c.id for c in cards], card_filter) == expected


@pytest.mark.parametrize(
    ("card_filter", "expected"),
    [
        (CardFilter("coaching", iterations=frozenset({RUNNING})), [1]),
        (CardFilter("coaching", iterations=NOT_PLANNED), [3]),
        (CardFilter("safety", iterations=NOT_PLANNED), [5]),
        (CardFilter("safety", iterations=frozenset({NEXT})), []),
        (CardFilter("", tag_id=SALES.id, iterations=frozenset({RUNNING})), [1]),
        (CardFilter("", tag_id=SALES.id, iterations=NOT_PLANNED), []),
        (CardFilter("maya safety", person_id=MAYA.id, iterations=NOT_PLANNED), [5]),
    ],
)
def test_the_iteration_criterion_combines_with_text_tag_and_person(card_filter, expected):
    """Every criterion must hold (AND), by the matcher and by the index alike."""
    cards = planned_cards()
    index = CardIndex()
    index.put_many(cards)
    assert naive(cards, card_filter) == expected
    assert index.select([c.id for c in cards], card_filter) == expected


def test_select_checks_the_iteration_only_when_the_known_filter_did_not():
    index = CardIndex()
    index.put_many(planned_cards())
    running = frozenset({RUNNING})
    # Cards 2 and 3 are passed as accepted by a filter that chose the running
    # iteration already: only the new word is checked.
    known = CardFilter("co", iterations=running)
    assert index.select([1, 2, 3], CardFilter("coa", iterations=running), known) == [1, 2, 3]
    assert index.select([1, 2, 3], CardFilter("co", iterations=running), CardFilter("co")) == [1]


@pytest.mark.parametrize("text", ["", "co", "coa", "sales", "maya", "wave 12"])
@pytest.mark.parametrize("iterations", [frozenset({1}), NOT_PLANNED, frozenset({1, 2})])
def test_the_word_index_agrees_with_the_filter_on_iterations(big_board, text, iterations):
    cards = [dataclasses.replace(c, iteration_id=(c.id % 3) or None) for c in big_board]
    index = CardIndex()
    index.put_many(cards)
    card_filter = CardFilter(text, iterations=iterations)
    found = index.select([c.id for c in cards], card_filter)
    assert found == naive(cards, card_filter)
    assert found, "the board has cards of every kind"


# --- narrowing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wider", "narrower"),
    [
        (CardFilter("co"), CardFilter("coa")),
        (CardFilter("coa"), CardFilter("coach")),
        (CardFilter("coach"), CardFilter("coach s")),
        (CardFilter("co"), CardFilter("s coach")),
        (CardFilter("coach"), CardFilter("coach", tag_id=1)),
        (CardFilter("", person_id=7), CardFilter("x", person_id=7)),
        (CardFilter("coach"), CardFilter("coach")),
        (CardFilter("coach"), CardFilter("coach", iterations=frozenset({2}))),
        (CardFilter(iterations=frozenset({2, None})), CardFilter("c", iterations=NOT_PLANNED)),
        (CardFilter(iterations=frozenset({2})), CardFilter(iterations=frozenset())),
    ],
)
def test_typing_more_narrows_the_filter(wider, narrower):
    assert narrower.narrows(wider)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (CardFilter("coa"), CardFilter("co")),
        (CardFilter("coach s"), CardFilter("coach")),
        (CardFilter("ab"), CardFilter("ba")),
        (CardFilter("coach", tag_id=1), CardFilter("coach")),
        (CardFilter("coach", tag_id=1), CardFilter("coach", tag_id=2)),
        (CardFilter("x", person_id=7), CardFilter("x", person_id=8)),
        (CardFilter("x", iterations=frozenset({2})), CardFilter("x")),
        (CardFilter("x", iterations=frozenset({2})), CardFilter("x", iterations=frozenset({3}))),
        (CardFilter(iterations=frozenset({2})), CardFilter(iterations=NOT_PLANNED)),
        (CardFilter(iterations=frozenset()), CardFilter(iterations=frozenset({2}))),
    ],
)
def test_erasing_or_changing_does_not_narrow_the_filter(before, after):
    assert not after.narrows(before)


# --- the index ---------------------------------------------------------------------


def test_the_index_refuses_a_card_without_its_search_text():
    index = CardIndex()
    with pytest.raises(ValueError, match="LD-1"):
        index.put(Card(id=1, key="LD-1", title="x", column_id=1, rank=1.0))


def test_select_keeps_the_given_order_and_agrees_with_the_filter():
    cards = [
        card(1, "Coaching for new managers", tags=[SALES]),
        card(2, "Safety refresher", people=[MAYA]),
        card(3, "Coaching clinic", people=[MAYA]),
        card(4, "Leadership bootcamp", tags=[SALES, PILOT]),
    ]
    index = CardIndex()
    index.put_many(cards)
    order = [4, 3, 2, 1]
    for text in ("coaching", "maya", "sales", "coach maya", "pilot sales", "zzz", "c"):
        card_filter = CardFilter(text)
        assert index.select(order, card_filter) == [
            i for i in order if i in naive(cards, card_filter)
        ]
    assert index.select(order, CardFilter("c", tag_id=1)) == [4, 1]
    assert index.select(order, CardFilter("", person_id=7)) == [3, 2]


def test_select_only_checks_what_the_known_filter_did_not():
    index = CardIndex()
    index.put_many([card(1, "Coaching"), card(2, "Cobalt"), card(3, "Safety")])
    # Card 3 does not contain "co": it is passed as already known to, so only "coa" is checked.
    assert index.select([1, 2, 3], CardFilter("coa"), CardFilter("co")) == [1]
    assert index.select([1, 2, 3], CardFilter("co s"), CardFilter("co")) == [3]


@pytest.fixture
def big_board() -> list[Card]:
    """More cards than DIRECT_SEARCH_LIMIT, so filters go through the word index."""
    topics = ["coaching", "safety", "leadership", "onboarding", "cobalt"]
    cards = []
    for n in range(1, 3001):
        tags = [SALES] if n % 7 == 0 else []
        people = [MAYA] if n % 11 == 0 else []
        title = f"{topics[n % 5]} {topics[(n // 5) % 5]} wave {n % 13}"
        cards.append(card(n, title, tags=tags, people=people))
    return cards


@pytest.mark.parametrize("text", ["co", "coa", "sales", "maya", "wave 12", "ld-29", "x"])
def test_the_word_index_agrees_with_the_filter(big_board, text):
    index = CardIndex()
    index.put_many(big_board)
    ids = [c.id for c in big_board]
    assert len(ids) > cards_module.DIRECT_SEARCH_LIMIT
    assert index.select(ids, CardFilter(text)) == naive(big_board, CardFilter(text))


def test_the_word_index_follows_edits_renames_and_removals(big_board):
    index = CardIndex()
    index.put_many(big_board)
    current = {c.id: c for c in big_board}
    assert 14 in index.select(list(current), CardFilter("sales"))
    renamed = TagChip(SALES.id, "Revenue", SALES.color)
    edited = [card(c.id, c.title, tags=[renamed]) for c in big_board if SALES in c.tags]
    index.put_many(edited)  # a renamed tag: every card carrying it is put again
    index.put(card(3, "Sales kickoff"))
    index.discard(21)
    current.update({c.id: c for c in edited})
    current[3] = card(3, "Sales kickoff")
    del current[21]
    for text in ("sales", "revenue", "kick", "co"):
        expected = naive(list(current.values()), CardFilter(text))
        assert index.select(list(current), CardFilter(text)) == expected, text
    assert index.select(list(current), CardFilter("sales")) == [3]
    assert index.get(21) is None
    assert len(index) == len(big_board) - 1


def test_a_word_no_card_uses_any_more_leaves_the_index(big_board):
    index = CardIndex()
    index.put_many(big_board)
    index.put_many([card(c.id, "plain") for c in big_board if "cobalt" in c.title])
    assert index.select([c.id for c in big_board], CardFilter("cobalt")) == []
    assert "cobalt" not in index._users


# --- the trail of filters -------------------------------------------------------------


def test_the_trail_goes_back_to_what_a_shorter_filter_showed():
    trail = FilterTrail()
    trail.push(CardFilter("c"), [1, 2, 3])
    trail.push(CardFilter("co"), [1, 2])
    trail.push(CardFilter("coa"), [1])
    assert trail.back_to(CardFilter("co")) == (CardFilter("co"), [1, 2])
    assert len(trail) == 1, "the equal step is handed back and the narrower ones dropped"
    assert trail.back_to(CardFilter("cx")) == (CardFilter("c"), [1, 2, 3])
    assert len(trail) == 1, "a narrower filter starts from the step it narrows"
    assert trail.back_to(CardFilter("s")) is None
    assert len(trail) == 0


def test_the_trail_keeps_only_its_latest_steps():
    trail = FilterTrail(limit=3)
    for n in range(1, 6):
        trail.push(CardFilter("a" * n), [n])
    assert trail.back_to(CardFilter("aa")) is None, "the first steps were forgotten"
