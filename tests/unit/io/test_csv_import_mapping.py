"""Headers → fields, and cell text → values: every rule of the CSV import."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldboard.io.csv_import import values
from ldboard.io.csv_import.mapping import FIELD_LABELS, SYNONYMS, ColumnMapping, field_for_header

# --- headers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Name", "title"),
        ("TITLE", "title"),
        (" title ", "title"),
        ("Status", "stage"),
        ("Stage", "stage"),
        ("column", "stage"),
        ("List", "stage"),
        ("Priority", "impact"),
        ("Owner", "requester"),
        ("Requester", "requester"),
        ("Labels", "tags"),
        ("Tags", "tags"),
        ("Due date", "due"),
        ("due_date", "due"),
        ("DUE-DATE", "due"),
        ("Estimate (days)", "estimate_days"),
        ("Subject-matter experts", "sme"),
        ("Kirkpatrick level", "evaluation_level"),
        ("cost_of_inaction", "cost_of_inaction"),
        ("Colour", None),
        ("", None),
    ],
)
def test_headers_match_fields_ignoring_case_spaces_and_punctuation(header, field):
    assert field_for_header(header) == field


def test_every_field_matches_its_own_name_and_each_synonym():
    for name in FIELD_LABELS:
        assert field_for_header(name) == name
        for word in SYNONYMS[name]:
            assert field_for_header(word) == name, word


def test_the_documentation_lists_every_header_word():
    text = (Path(__file__).parents[3] / "docs" / "import-csv.md").read_text(encoding="utf-8")
    table = text[text.index("## Headers") : text.index("## Values")]
    missing = [w for words in SYNONYMS.values() for w in words if w not in table]
    assert missing == []


def test_a_field_named_twice_is_fed_by_its_first_column():
    mapping = ColumnMapping.guess(["Name", "Title", "Status", "Stage"])
    assert mapping.fields == ("title", None, "stage", None)
    assert mapping.ignored == ["Title", "Stage"]


def test_unknown_headers_are_reported_as_ignored():
    mapping = ColumnMapping.guess(["Title", "Colour", "", "Votes"])
    assert mapping.ignored == ["Colour", "Votes"]
    assert mapping.used == [(0, "title")]


def test_a_mapping_can_be_changed_one_column_at_a_time():
    mapping = ColumnMapping.guess(["Headline", "Stage", "Notes"])
    assert mapping.problems("x.csv")  # no title column yet
    changed = mapping.with_field(0, "title")
    assert changed.fields == ("title", "stage", "description")
    assert changed.problems("x.csv") == []
    moved = changed.with_field(2, "title")  # the title now comes from Notes only
    assert moved.fields == (None, "stage", "title")
    assert moved.with_field(1, None).fields == (None, None, "title")
    assert mapping.fields == (None, "stage", "description")  # unchanged: immutable
    with pytest.raises(ValueError, match="not a field"):
        mapping.with_field(0, "colour")


def test_no_title_column_is_a_problem_naming_file_line_and_field():
    problems = ColumnMapping.guess(["Status", "Owner"]).problems("b.csv", 3)
    assert len(problems) == 1
    assert problems[0].startswith("b.csv:3: title: ")
    assert "Status, Owner" in problems[0]


# --- values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("High", 4),
        ("high ", 4),
        ("Medium", 3),
        ("Low", 2),
        ("Very high", 5),
        ("very  low", 1),
        ("Critical", 5),
        ("Major", 4),
        ("1", 1),
        ("5", 5),
        ("4.0", 4),
        ("3 - Moderate", 3),
        ("", None),
        ("  ", None),
    ],
)
def test_impact_words_and_numbers(text, score):
    assert values.impact(text) == score


@pytest.mark.parametrize(
    ("text", "score"), [("XS", 1), ("S", 2), ("M", 3), ("l", 4), ("XL", 5), ("Large", 4)]
)
def test_effort_tshirt_sizes(text, score):
    assert values.effort(text) == score


@pytest.mark.parametrize("text", ["0", "6", "45", "1.5", "Urgentissimo", "-1"])
def test_impossible_scores_are_refused_with_what_is_accepted(text):
    with pytest.raises(ValueError, match="1 to 5"):
        values.impact(text)


@pytest.mark.parametrize(
    ("function", "text", "value"),
    [
        (values.verdict, "Validated", "validated"),
        (values.verdict, "validated", "validated"),
        (values.verdict, "NOT TESTED", "untested"),
        (values.verdict, "", "untested"),
        (values.verdict, "refuted", "invalidated"),
        (values.driver, "Skills gap", "skills_gap"),
        (values.driver, "skills_gap", "skills_gap"),
        (values.driver, "Customer experience", "customer_experience"),
        (values.driver, "", None),
        (values.format_, "Job aid", "job_aid"),
        (values.format_, "Repurpose existing content", "repurpose"),
        (values.format_, "e-learning", "course"),
        (values.evaluation_level, "3", 3),
        (values.evaluation_level, "Level 2", 2),
        (values.evaluation_level, "L4", 4),
        (values.evaluation_level, "Behaviour", 3),
        (values.number, "3,5", 3.5),
        (values.number, "80 %", 80.0),
    ],
)
def test_choices_are_read_leniently(function, text, value):
    assert function(text) == value


@pytest.mark.parametrize(
    ("function", "text"),
    [
        (values.verdict, "maybe later"),
        (values.driver, "fun"),
        (values.format_, "podcast"),
        (values.evaluation_level, "5"),
        (values.number, "lots"),
    ],
)
def test_unknown_choices_are_refused(function, text):
    with pytest.raises(ValueError, match=repr(text)):
        function(text)


def test_tags_split_on_commas_semicolons_and_line_breaks():
    assert values.split_tags(" a, b ;c\nd,, ") == ["a", "b", "c", "d"]


def test_people_split_on_semicolons_not_on_commas():
    assert values.split_people("Chen, Maya; Kai Tanaka\nOla") == ["Chen, Maya", "Kai Tanaka", "Ola"]


@pytest.mark.parametrize(
    ("text", "order", "iso"),
    [
        ("2026-01-05", "mdy", "2026-01-05"),
        ("2026-1-5", "mdy", "2026-01-05"),
        ("2026-01-05 00:00:00", "mdy", "2026-01-05"),
        ("2026-01-05T09:30", "mdy", "2026-01-05"),
        ("2026/01/05", "mdy", "2026-01-05"),
        ("13.02.2026", "mdy", "2026-02-13"),
        ("1.2.2026", "mdy", "2026-02-01"),
        ("1/2/2026", "mdy", "2026-01-02"),
        ("1/2/2026", "dmy", "2026-02-01"),
        ("12/24/2026 0:00", "mdy", "2026-12-24"),
        ("5/1/26", "mdy", "2026-05-01"),
        ("", "mdy", None),
    ],
)
def test_dates(text, order, iso):
    assert values.due_date(text, order) == iso


@pytest.mark.parametrize("text", ["2026-02-30", "31.4.2026", "tomorrow", "2026", "13/13/2026"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(ValueError, match=r"date|calendar"):
        values.due_date(text)


def test_slashed_dates_are_ordered_per_column():
    assert values.slash_order(["1/2/2026", "3/4/2026"]) == "mdy"  # undecided: Excel US
    assert values.slash_order(["1/2/2026", "13/4/2026"]) == "dmy"
    assert values.slash_order(["1/2/2026", "4/13/2026", "", "2026-01-01"]) == "mdy"
    assert values.slash_order(["13/2/2026", "2/13/2026"]) == "mixed"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        values.due_date("1/2/2026", "mixed")
