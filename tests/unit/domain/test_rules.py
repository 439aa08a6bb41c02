from datetime import date

import pytest

from ldboard.domain.cards import Card, CardFilter, PersonChip, TagChip, haystack
from ldboard.domain.model import initials
from ldboard.domain.rules import (
    BIDI_CONTROLS,
    Quadrant,
    Thresholds,
    WipState,
    clean_text,
    date_problem,
    is_overdue,
    parse_iso_date,
    parse_number,
    quadrant,
    score,
    unstorable,
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
    assert problems["due"] == (
        "The due date '2026-13-01' is not a date: write it as YYYY-MM-DD (for example 2026-01-05)."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-05", date(2026, 1, 5)),
        ("0999-12-31", date(999, 12, 31)),
        ("2028-02-29", date(2028, 2, 29)),
    ],
)
def test_parse_iso_date_reads_yyyy_mm_dd(text, expected):
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    "value",
    [
        "20260105",
        "2026-W01-1",
        "2026-W01",
        "2026-005",
        "2026-1-5",
        "2027-02-29",
        "0000-01-01",
        "2026-01-05 ",
        "2026-01-05T00:00",
        "\u0662\u0660\u0662\u0666-01-05",  # Arabic-Indic digits
        "",
        None,
        20260105,
        date(2026, 1, 5),
    ],
)
def test_parse_iso_date_refuses_every_other_form(value):
    with pytest.raises(ValueError, match=r"YYYY-MM-DD|calendar"):
        parse_iso_date(value)
    assert "YYYY-MM-DD" in date_problem("start date", value)
    assert date_problem("start date", value).startswith(f"The start date {value!r} is not")


def test_date_problem_is_none_for_a_good_date():
    assert date_problem("due date", "2026-01-05") is None


def test_clean_text_strips_nul_and_controls_in_both_modes():
    assert clean_text("a\x00b\x07c\x7f") == "abc"
    assert clean_text("a\x00b\x07c\x7f", single_line=True) == "abc"
    assert clean_text(" \x00 ") == clean_text(" \x00 ", single_line=True) == ""
    assert clean_text(None) == ""


def test_clean_text_removes_bidi_controls_only_from_single_line_text():
    controls = "".join(sorted(BIDI_CONTROLS))
    assert len(BIDI_CONTROLS) == 9
    assert {f"{ord(c):04X}" for c in BIDI_CONTROLS} == {
        "202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069"
    }  # fmt: skip
    assert clean_text(f"x{controls}y", single_line=True) == "xy"
    assert clean_text(f"x{controls}y") == f"x{controls}y"


def test_clean_text_lines():
    assert clean_text("a\r\nb\rc\n\td") == "a\nb\nc\n\td"
    assert clean_text(" a\r\n b\u2028c\u00a0\td ", single_line=True) == "a b c d"


def test_lone_surrogates_are_unstorable_and_kept_for_the_message():
    for text in ("\ud800", "a\udfffb", "\ud83d\ude00"):  # a pair in UTF-16, still two halves
        assert unstorable(text)
        assert unstorable(clean_text(text)) and unstorable(clean_text(text, single_line=True))
    assert not unstorable("emoji \U0001f600 and \uffff")


def test_unstorable_text_in_any_item_field_is_named():
    problems = validate_item_fields({"title": "A\ud800", "hypothesis": "\udc00", "impact": 3})
    assert set(problems) == {"title", "hypothesis"}
    assert problems["hypothesis"].startswith("Hypothesis contains characters that cannot be stored")


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


def test_overdue_reads_dates_by_the_same_rule_as_validation():
    today = date(2026, 11, 23)
    assert is_overdue("2026-01-05", today, done=False)
    # date.fromisoformat reads both as 2026-01-05; the board does not.
    assert not is_overdue("20260105", today, done=False)
    assert not is_overdue("2026-W01-1", today, done=False)


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
