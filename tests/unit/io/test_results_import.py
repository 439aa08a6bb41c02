"""Reading a results file (LMS or survey export) into a plan: every rule, by line and field."""

from __future__ import annotations

import pytest

from ldboard import ops
from ldboard.io.results_import import (
    ResultsMapping,
    describe,
    import_results,
    plan_results_bytes,
)
from ldboard.io.results_import.columns import result_field_for_header


@pytest.fixture
def items(board):
    for title in ("Negotiation basics", "Coaching lab", "Safety walk", "Safety walk"):
        ops.create_item(board, 1, title)
    return board


def plan(board, text: str, name: str = "results.csv", encoding: str = "utf-8"):
    return plan_results_bytes(board, text.encode(encoding), name)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Course code", "key"),
        ("ITEM KEY", "key"),
        ("Course name", "title"),
        ("Completion rate", "value"),
        ("Avg. score", None),
        ("Average score", "value"),
        ("Submitted", "date"),
        ("As of", "date"),
        ("Phase", "label"),
        ("Kirkpatrick level", "level"),
        ("Data source", "source"),
        ("Learners enrolled", None),
    ],
)
def test_headers_are_matched_by_their_common_names(header, field):
    assert result_field_for_header(header) == field


def test_rows_name_items_by_key_or_exact_title_with_lenient_values(items):
    text = (
        "\ufeffKey;Title;Date;Score;Phase;Level\n"
        "ld-1;;2026-01-05;42 %;Baseline;Behaviour\n"
        ";Coaching lab;5.2.2026;3,5;Pilot;L2\n"
        ";  coaching LAB ;2026-02-06 14:30:00;4;;\n"
    )
    result = plan(items, text)
    assert result.problems == ()
    rows = [(r.line, r.item_id, r.measured_on, r.value, r.label, r.level) for r in result.rows]
    assert rows == [
        (2, 1, "2026-01-05", 42.0, "Baseline", 3),
        (3, 2, "2026-02-05", 3.5, "Pilot", 2),
        (4, 2, "2026-02-06", 4.0, "", None),
    ]
    assert {r.source for r in result.rows} == {"results"}, "the file's name when none is given"
    assert describe(result).startswith("results.csv: 3 results for 2 items.")


def test_day_first_dates_are_recognised_from_the_column(items):
    result = plan(items, "Key,Date,Value\nLD-1,03/04/2026,1\nLD-1,25/04/2026,2\n")
    assert [r.measured_on for r in result.rows] == ["2026-04-03", "2026-04-25"]


def test_every_bad_row_is_reported_by_line_and_nothing_is_planned(items):
    text = (
        "Key,Title,Date,Value,Level\n"
        "LD-99,,2026-01-01,4,\n"
        ",Nobody's course,2026-01-01,4,\n"
        ",Safety walk,2026-01-01,4,\n"
        "LD-2,,2026-02-30,4,\n"
        "LD-2,,2026-02-03,high,\n"
        "LD-2,,2026-02-03,,\n"
        "LD-2,,,4,\n"
        "LD-2,,2026-02-03,4,9\n"
        ",,2026-02-03,4,\n"
    )
    result = plan(items, text, "lms.csv")
    assert result.rows == ()
    assert [p.split(": ")[0:2] for p in result.problems] == [
        ["lms.csv:2", "key"],
        ["lms.csv:3", "title"],
        ["lms.csv:4", "title"],
        ["lms.csv:5", "date"],
        ["lms.csv:6", "value"],
        ["lms.csv:7", "value"],
        ["lms.csv:8", "date"],
        ["lms.csv:9", "level"],
        ["lms.csv:10", "key"],
    ]
    assert "LD-3, LD-4" in result.problems[2] and "give the key" in result.problems[2]


def test_a_file_without_the_needed_columns_is_refused_naming_them(items):
    result = plan(items, "Learner,Completed\nAna,yes\n")
    assert len(result.problems) == 2
    assert result.problems[0].startswith("results.csv:1: key: no column holds the item")
    assert (
        "the values" in result.problems[1] and "found: “Learner”, “Completed”" in result.problems[1]
    )


def test_unreadable_files_are_refused_like_spreadsheets(items):
    assert "empty" in plan(items, "").problems[0]
    binary = plan_results_bytes(items, b"\x00\x01PK\x03\x04" * 20, "export.xlsx")
    assert binary.problems and binary.problems[0].startswith("export.xlsx")


def test_a_cp1252_file_is_read_with_a_notice(items):
    result = plan(items, "Key,Date,Value,Label\nLD-1,2026-01-01,1,Réunion\n", encoding="cp1252")
    assert result.rows[0].label == "Réunion"
    assert any("1252" in notice for notice in result.notices)


def test_results_already_recorded_are_skipped_so_an_export_can_be_imported_again(items):
    text = "Key,Date,Value\nLD-1,2026-01-01,1\nLD-1,2026-01-01,1\nLD-2,2026-01-01,2\n"
    first = plan(items, text)
    assert len(first.rows) == 2 and any("1 row is already recorded" in n for n in first.notices)
    import_results(items, first)
    again = plan(items, text + "LD-2,2026-03-01,5\n")
    assert [(r.item_id, r.value) for r in again.rows] == [(2, 5.0)]
    assert any("3 rows are already recorded" in n for n in again.notices)
    nothing = plan(items, text)
    assert nothing.rows == () and nothing.problems == ()
    assert any("nothing to add" in n for n in nothing.notices)


def test_a_changed_mapping_is_planned_again(items):
    text = "Code,Course,When,Rate,Enrolled\nLD-1,Negotiation basics,2026-01-01,80,12\n"
    guessed = ResultsMapping.guess(["Code", "Course", "When", "Rate", "Enrolled"])
    assert guessed.fields == ("key", "title", None, "value", None)
    from ldboard.io.csv_import import read_csv_bytes
    from ldboard.io.results_import import plan_results_table

    table = read_csv_bytes(text.encode(), "lms.csv")
    assert "date" in plan_results_table(items, table, guessed).problems[0]
    mapping = guessed.with_field(2, "date").with_field(4, "value")
    result = plan_results_table(items, table, mapping)
    assert [(r.measured_on, r.value) for r in result.rows] == [("2026-01-01", 12.0)]
    assert mapping.fields == ("key", "title", "date", None, "value")
    with pytest.raises(ValueError):
        guessed.with_field(0, "colour")
