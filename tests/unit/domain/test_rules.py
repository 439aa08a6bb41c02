from datetime import date

import pytest

from ldboard.domain.cards import Card, CardFilter, PersonChip, TagChip, haystack
from ldboard.domain.model import initials
from ldboard.domain.rules import (
    Quadrant,
    Thresholds,
    WipState,
    is_overdue,
    parse_number,
    quadrant,
    score,
    validate_item_fields,
    wip_state,
)


def test_title_is_required_and_bounded():
    assert "title" in validate_item_fields({"title": "   "})
    assert "200" in validate_item_fields({"title": "x" * 201})["title"]
    assert validate_item_fields({"title": "Coaching"}) == {}


@pytest.mark.parametrize("value", [0, 6, 2.5, "3", True])
def test_scores_must_be_whole_numbers_from_one_to_five(value):
    problems = validate_item_fields({"impact": value, "effort": value})
    assert set(problems) == {"impact", "effort"}


def test_scores_may_be_unset():
    assert validate_item_fields({"impact": None, "effort": 5}) == {}


def test_measures_must_be_numbers():
    problems = validate_item_fields({"baseline": "ten", "target": float("inf"), "actual": 3})
    assert set(problems) == {"baseline", "target"}


def test_enumerations_and_dates_are_checked():
    problems = validate_item_fields(
        {"driver": "vibes", "format": "course", "verdict": "maybe", "due": "2026-13-01"}
    )
    assert set(problems) == {"driver", "verdict", "due"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("42", 42.0), (" 3.5 ", 3.5), ("3,5", 3.5), ("85 %", 85.0), ("", None), ("-2", -2.0)],
)
def test_parse_number_reads_what_people_type(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["ten", "1,000.5", "1.2.3", "inf", "nan"])
def test_parse_number_rejects_non_numbers_with_a_reason(text):
    with pytest.raises(ValueError, match=r"number|large"):
        parse_number(text)


@pytest.mark.parametrize(
    ("impact", "effort", "expected"),
    [
        (5, 1, Quadrant.QUICK_WINS),
        (3, 2, Quadrant.QUICK_WINS),
        (3, 3, Quadrant.BIG_BETS),
        (2, 2, Quadrant.FILL_INS),
        (1, 5, Quadrant.MONEY_PITS),
        (None, 3, None),
    ],
)
def test_quadrant_uses_the_board_thresholds(impact, effort, expected):
    assert quadrant(impact, effort, Thresholds()) == expected


def test_quadrant_thresholds_can_move():
    assert quadrant(3, 2, Thresholds(impact=4, effort=2)) == Quadrant.MONEY_PITS


def test_score_is_impact_per_effort():
    assert score(4, 2) == 2.0
    assert score(None, 2) is None


def test_wip_state_is_soft_and_three_way():
    assert wip_state(2, None) == WipState.UNLIMITED
    assert wip_state(2, 3) == WipState.UNDER
    assert wip_state(3, 3) == WipState.AT_LIMIT
    assert wip_state(4, 3) == WipState.OVER


def test_overdue_only_for_unfinished_items_past_due():
    today = date(2026, 11, 23)
    assert is_overdue("2026-11-22", today, done=False)
    assert not is_overdue("2026-11-23", today, done=False)
    assert not is_overdue("2026-11-01", today, done=True)
    assert not is_overdue(None, today, done=False)


def test_initials():
    assert initials("Maya Chen") == "MC"
    assert initials("Jean-Luc Picard") == "JP"
    assert initials("Prince") == "PR"
    assert initials("") == "?"


def _card(card_id, title, tags=(), people=(), description=""):
    return Card(
        id=card_id,
        key=f"LD-{card_id}",
        title=title,
        column_id=1,
        rank=float(card_id),
        tags=tuple(TagChip(t, f"t{t}", "#000000") for t in tags),
        people=tuple(PersonChip(p, f"P{p}", "PP", "sme") for p in people),
        haystack=haystack(f"LD-{card_id}", title, description),
    )


def test_filter_matches_every_word_case_insensitively():
    cards = [_card(1, "Objection handling"), _card(2, "CRM job aids", description="objection")]
    accepts = CardFilter("OBJECTION hand").matcher()
    assert [c.id for c in cards if accepts(c)] == [1]


def test_filter_by_tag_and_person_combine_with_text():
    cards = [_card(1, "A", tags=[1], people=[7]), _card(2, "A", tags=[1]), _card(3, "B", tags=[2])]
    assert [c.id for c in cards if CardFilter(tag_id=1).matcher()(c)] == [1, 2]
    assert [c.id for c in cards if CardFilter(tag_id=1, person_id=7).matcher()(c)] == [1]
    assert [c.id for c in cards if CardFilter("b", tag_id=1).matcher()(c)] == []
    assert not CardFilter("  ").active
    assert CardFilter(person_id=3).active


def test_filter_finds_cards_by_key():
    assert CardFilter("ld-2").matcher()(_card(2, "x"))
