"""Whole files → import plans, and each fixture imported end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldboard.io.csv_import import (
    ColumnMapping,
    ImportRefused,
    describe,
    import_items,
    import_summary,
    plan_csv_bytes,
    plan_csv_file,
    plan_table,
    read_csv_file,
)
from ldboard.store import Board

FIXTURES = Path(__file__).parents[2] / "fixtures" / "csv"


def _items(board: Board) -> dict[str, dict]:
    return {row["title"]: row for row in board.rows("items", order_by="id")}


def _column_name(board: Board, column_id: int) -> str:
    column = board.column(column_id)
    assert column is not None
    return column.name


def _tags_of(board: Board, item_id: int) -> set[str]:
    names = {tag.id: tag.name for tag in board.tags()}
    return {names[tag] for tag in board.item_tag_ids(item_id)}


def _people_of(board: Board, item_id: int) -> set[tuple[str, str]]:
    names = {person.id: person.name for person in board.people()}
    return {(names[person], role) for person, role in board.item_people(item_id)}


def test_excel_cp1252_semicolons_crlf(board):
    plan = plan_csv_file(board, FIXTURES / "excel_cp1252_semicolon.csv")
    assert not plan.problems
    assert any("Windows-1252" in notice for notice in plan.notices)
    import_items(board, plan, create_columns=False)
    items = _items(board)
    cafe = items["Café-Führung für Teamleiter"]
    assert (cafe["impact"], cafe["due"], cafe["estimate_days"]) == (4, "2026-02-13", 2.5)
    assert _column_name(board, cafe["column_id"]) == "Intake"
    assert _tags_of(board, cafe["id"]) == {"Leadership", "Café"}
    assert _people_of(board, cafe["id"]) == {("Jürgen Müller", "requester")}
    law = items["Datenschutz-Schulung – Pflicht"]
    assert _tags_of(board, law["id"]) == {"Compliance", "Datenschutz"}
    assert len(items) == 3  # the padded empty row is no item
    assert sorted(p.name for p in board.people()) == ["Jürgen Müller", "Zoë Dupré"]


def test_libreoffice_utf8_commas(board):
    plan = plan_csv_file(board, FIXTURES / "libreoffice_utf8.csv")
    import_items(board, plan, create_columns=False)
    items = _items(board)
    sales = items["Sales negotiation refresher"]
    assert (sales["impact"], sales["effort"], sales["verdict"]) == (4, 3, "validated")
    assert (sales["driver"], sales["format"], sales["due"]) == ("revenue", "workshop", "2026-04-30")
    assert _people_of(board, sales["id"]) == {
        ("Maya Chen", "requester"),
        ("Ola Nordmann", "sme"),
        ("Kai Tanaka", "sme"),
    }
    safety = items["Safety induction, warehouse"]
    assert (safety["impact"], safety["effort"], safety["format"]) == (5, 5, "job_aid")
    empathy = items["Customer empathy micro-lessons"]
    assert (empathy["impact"], empathy["driver"]) == (3, "customer_experience")
    assert _tags_of(board, empathy["id"]) == {"cx", "service"}
    maya = next(p for p in board.people() if p.name == "Maya Chen")
    assert maya.roles == ["stakeholder"]
    ola = next(p for p in board.people() if p.name == "Ola Nordmann")
    assert ola.roles == ["sme"]


def test_google_sheets_multiline_cells(board):
    plan = plan_csv_file(board, FIXTURES / "google_sheets.csv")
    assert [row.line for row in plan.rows] == [2, 5]
    import_items(board, plan, create_columns=False)
    items = _items(board)
    coaching = items["Coaching for new managers"]
    assert coaching["description"] == ("First line\nSecond line, with a comma\n“Quoted” third line")
    assert (coaching["baseline"], coaching["target"], coaching["due"]) == (62.0, 75.0, "2026-03-15")
    assert coaching["metric"] == "Engagement score"
    tips = items["Excel tips 🚀"]
    assert tips["description"] == 'Short "quoted" text'
    assert tips["due"] == "2026-12-01"
    assert _tags_of(board, tips["id"]) == {"productivity", "tools"}


def test_excel_utf8_bom_us_dates_and_done_column(board):
    plan = plan_csv_file(board, FIXTURES / "excel_utf8_bom.csv")
    import_items(board, plan, create_columns=False)
    items = _items(board)
    assert items["Product launch webinar"]["due"] == "2026-04-07"
    handbook = items["Handbook refresh"]
    assert handbook["due"] == "2026-12-24"
    assert _column_name(board, handbook["column_id"]) == "Done"
    assert handbook["done_at"] == handbook["created_at"]
    assert items["Product launch webinar"]["done_at"] is None


def test_excel_unicode_text_utf16_tabs(board):
    plan = plan_csv_file(board, FIXTURES / "excel_unicode_text.txt")
    import_items(board, plan, create_columns=False)
    assert {t: r["impact"] for t, r in _items(board).items()} == {
        "Mentoring circle": 3,
        "Städte-Onboarding": 5,
    }


def test_one_column_goes_to_the_first_column(board):
    plan = plan_csv_file(board, FIXTURES / "one_column.csv")
    import_items(board, plan, create_columns=False)
    first = board.columns()[0].id
    assert [(r["title"], r["column_id"]) for r in _items(board).values()] == [
        ("Time management basics", first),
        ("Feedback, the friendly way", first),
    ]


def test_plan_names_what_the_board_lacks(board):
    board_person = "Maya Chen"
    from ldboard import ops

    ops.create_person(board, board_person)
    ops.create_tag(board, "Sales")
    data = b"Title,Stage,Tags,Owner\nA,Review,sales;new,maya chen\nB,review,New,Kai\n"
    plan = plan_csv_bytes(board, data, "p.csv")
    assert plan.new_columns == ("Review",)
    assert plan.stage_lines == {"review": 2}
    assert plan.new_tags == ("new",)
    assert plan.new_people == ("Kai",)
    assert describe(plan) == "2 items, 1 new column, 1 new tag, 1 new person"


def test_ignored_headers_are_a_notice_not_a_problem(board):
    plan = plan_csv_bytes(board, b"Title,Colour,Votes\nA,red,3\n", "n.csv")
    assert not plan.problems
    assert "n.csv: columns not imported: Colour, Votes." in plan.notices


def test_day_first_dates_are_noticed(board):
    plan = plan_csv_bytes(board, b"Title,Due\nA,1/2/2026\nB,13/2/2026\n", "d.csv")
    assert [row.fields["due"] for row in plan.rows] == ["2026-02-01", "2026-02-13"]
    assert any("day/month/year" in notice for notice in plan.notices)


def test_every_problem_of_a_file_is_listed_with_file_line_and_field(board):
    data = (
        b"Title,Priority,Effort,Due,Verdict,Driver,Level,Baseline,Days\n"
        b",High,M,,,,,,\n"
        b"B,9,M,,,,,,\n"
        b"C,High,enormous,,,,,,\n"
        b"D,,,31/31/2026,,,,,\n"
        b"E,,,,maybe,,,,\n"
        b"F,,,,,fun,,,\n"
        b"G,,,,,,7,,\n"
        b"H,,,,,,,lots,\n"
        b"I,,,,,,,,-2\n"
        b"" + b"J" * 201 + b",,,,,,,,\n"
    )
    plan = plan_csv_bytes(board, data, "bad.csv")
    assert [p.split(": ")[0:2] for p in plan.problems] == [
        ["bad.csv:2", "Title"],
        ["bad.csv:3", "Priority (impact)"],
        ["bad.csv:4", "Effort"],
        ["bad.csv:5", "Due"],
        ["bad.csv:6", "Verdict"],
        ["bad.csv:7", "Driver"],
        ["bad.csv:8", "Level (evaluation_level)"],
        ["bad.csv:9", "Baseline"],
        ["bad.csv:10", "Days (estimate_days)"],
        ["bad.csv:11", "Title"],
    ]
    with pytest.raises(ImportRefused) as refused:
        import_items(board, plan, create_columns=True)
    assert refused.value.problems == list(plan.problems)
    assert board.item_count() == 0


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("x" * 61, "column name"),
    ],
)
def test_a_stage_that_cannot_be_a_column_name_is_a_problem(board, cell, words):
    plan = plan_csv_bytes(board, f"Title,Stage\nA,{cell}\n".encode(), "s.csv")
    assert plan.problems and plan.problems[0].startswith("s.csv:2: Stage: ")
    assert words in plan.problems[0]


def test_overlong_tags_and_names_are_problems(board):
    data = f"Title,Tags,Owner\nA,{'t' * 41},ok\nB,ok,{'n' * 121}\n".encode()
    plan = plan_csv_bytes(board, data, "l.csv")
    assert [p.split(": ")[0:2] for p in plan.problems] == [
        ["l.csv:2", "Tags"],
        ["l.csv:3", "Owner (requester)"],
    ]


def test_a_mapping_changed_in_a_preview_is_used(board):
    table = read_csv_file(FIXTURES / "no_title.csv")
    assert plan_table(board, table).problems  # guessed: no title
    mapping = ColumnMapping.guess(table.header).with_field(2, "title")
    plan = plan_table(board, table, mapping)
    assert not plan.problems
    import_items(board, plan, create_columns=False)
    assert list(_items(board)) == ["Maya Chen"]
    with pytest.raises(ValueError, match="another file"):
        plan_table(board, table, ColumnMapping.guess(["Title"]))


def test_import_summary_says_what_was_created(board):
    plan = plan_csv_file(board, FIXTURES / "libreoffice_utf8.csv")
    change = import_items(board, plan, create_columns=False)
    assert import_summary(change) == "Imported 3 items, 5 tags, 4 people."
    assert change.label == "Import 3 items from libreoffice_utf8.csv"
