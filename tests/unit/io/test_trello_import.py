"""A Trello export imported into a board: every card, checklist and comment lands,
as one change that undo takes back whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldboard.io.trello_import import read_trello_file
from ldboard.io.trello_import.plan import COLORS, plan_trello
from ldboard.ops.importing import ImportRefused, import_items, stage_category

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "trello" / "board.json"


def imported(board, create_columns=True):
    plan = plan_trello(board, read_trello_file(FIXTURE))
    return plan, import_items(board, plan, create_columns=create_columns)


def item(board, title):
    row = board.connection.execute("SELECT id FROM items WHERE title = ?", (title,)).fetchone()
    assert row is not None, title
    return board.item(row[0])


def test_lists_become_columns_in_trello_order_and_cards_land_in_them(board):
    before = [c.name for c in board.columns()]
    plan, _ = imported(board)
    names = [c.name for c in board.columns()]
    assert names[: len(before)] == before
    assert names[len(before) :] == ["Ideas 💡", "Doing"]  # "Done" matched the board's own
    assert plan.new_columns == ("Ideas 💡", "Doing")
    columns = {c.id: c for c in board.columns()}
    assert columns[item(board, "Idea: podcast").column_id].name == "Ideas 💡"
    assert columns[item(board, "Idea: podcast").column_id].category == "backlog"
    assert columns[item(board, "Quiz bursts ✅").column_id].name == "Doing"
    assert columns[item(board, "Quiz bursts ✅").column_id].category == "active"


def test_new_lists_wait_for_agreement(board):
    plan = plan_trello(board, read_trello_file(FIXTURE))
    before = list(board.connection.iterdump())
    with pytest.raises(ImportRefused, match="Ideas"):
        import_items(board, plan, create_columns=False)
    assert list(board.connection.iterdump()) == before


def test_archived_cards_and_the_cards_of_archived_lists_come_in_archived(board):
    plan, _ = imported(board)
    assert item(board, "Old e-learning").archived_at is not None
    forgotten = item(board, "Forgotten idea")
    assert forgotten.archived_at is not None
    notes = [n.text for n in board.notes(forgotten.id)]
    assert any("archived Trello list “Old stuff”" in text for text in notes)
    assert any("“Empty archive” is empty" in notice for notice in plan.notices)


def test_labels_checklists_comments_members_and_attachments(board):
    imported(board)
    buddy = item(board, "New-hire buddy programme")
    tags = {t.name: t.color for t in board.tags()}
    assert tags["Onboarding"] == COLORS["green"]
    assert tags["Purple"] == COLORS["purple"], "an unnamed label is named after its colour"
    assert tags["Compliance"] == COLORS[""], "a label without colour gets a neutral one"
    checklist = [(c.text, c.done) for c in board.checklist(buddy.id)]
    assert checklist == [
        ("Launch: Book the room", True),
        ("Launch: Email managers", False),
        ("Pilot: Run with two teams", False),
    ]
    notes = [(n.created_at, n.text) for n in board.notes(buddy.id)]
    assert ("2026-03-03T08:00:00Z", "Priya Patel: First sketch attached.") in notes
    assert any("survey.xlsx: https://trello.com/" in text for _, text in notes)
    assert buddy.created_at == "2026-03-02T17:51:12Z"
    assert buddy.due == "2026-04-30"
    assert "**lost**" in buddy.description
    people = board.connection.execute(
        "SELECT p.name, ip.role FROM item_people ip JOIN people p ON p.id = ip.person_id "
        "WHERE ip.item_id = ?",
        (buddy.id,),
    ).fetchall()
    assert people == [("Priya Patel", "sme")]


def content(board) -> list[str]:
    """The board's rows, without the activity log (undo adds to it) and the id
    counters (ids once used are never handed out again)."""
    skipped = ('INSERT INTO "events"', 'INSERT INTO "sqlite_sequence"')
    return [line for line in board.connection.iterdump() if not line.startswith(skipped)]


def test_the_import_is_one_change_that_undo_removes_whole(board):
    before = content(board)
    _, change = imported(board)
    assert content(board) != before
    board.apply(change.inverse())
    assert content(board) == before


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("Done", "done"),
        ("Completed ✔", "done"),
        ("To do", "backlog"),
        ("Ideas 💡", "backlog"),
        ("Doing", "active"),
        ("In review", "active"),
    ],
)
def test_a_new_columns_category_follows_its_name(name, category):
    assert stage_category(name) == category
