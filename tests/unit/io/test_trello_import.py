"""A Trello export imported into a board: every card, checklist and comment lands,
as one change that undo takes back whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ldboard.io.trello_import import read_trello_bytes, read_trello_file
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


def history(board, title) -> list[tuple]:
    """The item's logged story: kind, column name after, the time it carries."""
    names = {c.id: c.name for c in board.columns()}
    return [
        (e.kind, names[(e.data.get("after") or e.data)["column_id"]], e.data.get("at"))
        for e in board.events(item(board, title).id)
    ]


def test_each_card_brings_its_creation_and_moves_with_trellos_dates(board):
    imported(board)
    assert history(board, "Quiz bursts ✅") == [
        ("created", "Ideas 💡", "2026-03-02T18:51:12Z"),
        ("moved", "Done", "2026-03-06T10:00:00Z"),
        ("moved", "Doing", "2026-03-08T11:00:00Z"),
    ]
    assert history(board, "Idea: podcast") == [("created", "Ideas 💡", "2026-03-02T19:21:12Z")]
    old = item(board, "Old e-learning")
    assert old.done_at == "2026-03-09T15:00:00Z", "done since it was moved to Done"
    story = board.flow_history().stories[old.id]
    assert (story.created_at, story.started_at, story.finished_at) == (
        "2026-03-02T19:37:52Z",
        "2026-03-05T12:00:00Z",
        "2026-03-09T15:00:00Z",
    )


def test_a_move_to_an_archived_list_is_left_out_and_said(board):
    plan, _ = imported(board)
    first = board.columns()[0].name
    assert history(board, "Forgotten idea") == [
        ("created", "Ideas 💡", "2026-03-02T19:54:32Z"),
        ("moved", first, None),  # into the first column, at the import
        ("archived", first, None),  # its list was archived: so is the item, at the import
    ]
    assert any(n.startswith("1 move to archived lists") for n in plan.notices)
    assert not any("older moves" in notice for notice in plan.notices)


def test_a_history_that_ends_elsewhere_is_brought_home_at_the_import(board):
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    document["actions"] = [a for a in document["actions"] if a["id"] != "69a5c000000000000000004d"]
    plan = plan_trello(board, read_trello_bytes(json.dumps(document).encode(), "lost.json"))
    import_items(board, plan, create_columns=True)
    assert history(board, "Quiz bursts ✅")[1:] == [
        ("moved", "Done", "2026-03-06T10:00:00Z"),
        ("moved", "Doing", None),
    ]
    assert any(notice.startswith("The moves of 1 card end") for notice in plan.notices)


def test_the_history_page_tells_the_moves_in_order(board):
    imported(board)
    lines = board.item_history(item(board, "Quiz bursts ✅").id)
    assert [line.text for line in lines] == [
        "moved Done → Doing",
        "moved Ideas 💡 → Done",
        "created in Ideas 💡",
    ]


def test_control_characters_go_a_nameless_list_is_no_column_broken_text_is_refused(board):
    """What fuzzing found: each once crashed the import instead of landing or refusing."""
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    document["lists"][0]["name"] = "   "  # "Doing": its cards go to the first column
    document["checklists"][1]["name"] = "\u0000"
    plan = plan_trello(board, read_trello_bytes(json.dumps(document).encode(), "odd.json"))
    import_items(board, plan, create_columns=True)
    assert "   " not in [c.name for c in board.columns()]
    assert item(board, "Quiz bursts ✅").column_id == board.columns()[0].id
    texts = [c.text for c in board.checklist(item(board, "New-hire buddy programme").id)]
    assert texts[0] == ": Book the room"

    before = content(board)
    document["actions"][-2]["data"]["text"] = "broken \ud800"
    data = json.dumps(document).encode()
    plan = plan_trello(board, read_trello_bytes(data, "odd.json"))
    with pytest.raises(ImportRefused) as refused:
        import_items(board, plan, create_columns=True)
    assert refused.value.problems[0].startswith("odd.json:3: A note: A note contains characters")
    assert content(board) == before
