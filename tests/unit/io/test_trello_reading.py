"""Reading a Trello JSON export: what is kept, in which order, and what is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ldboard.io.trello_import import (
    ACTION_CAP,
    TrelloError,
    read_trello_bytes,
    read_trello_file,
)
from ldboard.io.trello_import.reading import created_from_id

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "trello" / "board.json"


@pytest.fixture
def board():
    return read_trello_file(FIXTURE)


def card(board, name):
    return next(c for c in board.cards if c.name == name)


def test_lists_come_in_trello_order_with_the_archived_ones(board):
    assert [(item.name, item.archived) for item in board.lists] == [
        ("Ideas 💡", False),
        ("Doing", False),
        ("Done", False),
        ("Old stuff", True),
        ("Empty archive", True),
    ]


def test_cards_come_list_by_list_in_pos_order(board):
    assert [c.name for c in board.cards] == [
        "Idea: podcast",
        "Quiz bursts ✅",
        "New-hire buddy programme",
        "Old e-learning",
        "Forgotten idea",
    ]
    assert card(board, "Old e-learning").archived


def test_labels_without_a_name_or_a_colour_are_kept(board):
    labels = {label.name: label.color for label in board.labels.values()}
    assert labels == {"Onboarding": "green", "": "purple", "Compliance": ""}


def test_two_checklists_keep_their_order_and_item_states(board):
    buddy = card(board, "New-hire buddy programme")
    assert [c.name for c in buddy.checklists] == ["Launch", "Pilot"]
    assert [(i.text, i.done) for i in buddy.checklists[0].items] == [
        ("Book the room", True),
        ("Email managers", False),
    ]


def test_comments_keep_their_dates_and_authors_and_moves_are_read(board):
    buddy = card(board, "New-hire buddy programme")
    assert [(c.at, c.author, c.text) for c in buddy.comments] == [
        ("2026-03-03T08:00:00Z", "Priya Patel", "First sketch attached."),
        ("2026-03-05T10:30:00Z", "Jonas Weber", "Managers asked for a one-page guide too."),
    ]
    ideas, doing = board.lists[0].id, board.lists[1].id
    assert [(m.at, m.from_list, m.to_list) for m in buddy.moves] == [
        ("2026-03-04T09:00:00Z", ideas, doing)
    ]


def test_due_dates_members_attachments_descriptions_and_creation_times(board):
    buddy = card(board, "New-hire buddy programme")
    assert buddy.due == "2026-04-30T16:00:00Z"
    assert [board.members[m] for m in buddy.members] == ["Priya Patel"]
    assert buddy.attachments[0][0] == "survey.xlsx"
    assert buddy.attachments[0][1].startswith("https://trello.com/")
    assert "**lost**" in buddy.description
    assert buddy.created_at == "2026-03-02T17:51:12Z"
    assert created_from_id("not-an-id") is None


def test_an_export_at_trellos_action_cap_warns_that_comments_may_be_missing():
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    document["actions"] = [
        {"id": f"{n:024x}", "type": "updateBoard", "date": f"2026-01-{n % 28 + 1:02d}T00:00:00Z"}
        for n in range(ACTION_CAP)
    ]
    board = read_trello_bytes(json.dumps(document).encode(), "big.json")
    assert len(board.notices) == 1
    assert "1,000 actions" in board.notices[0] and "2026-01-01" in board.notices[0]
    assert not read_trello_file(FIXTURE).notices


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x00\x01binary", "binary file"),
        (b"{not json", "line 1, column 2: not valid JSON"),
        (b"[1, 2]", "$: this JSON is not a Trello board export"),
        (b'{"name": "x", "cards": []}', "it has no \u201clists\u201d"),
        (
            b'{"lists": [], "cards": [{"id": "c", "name": "n", "idList": "gone"}]}',
            "$.cards[0].idList",
        ),
        (b'{"lists": [{"id": "l", "name": 5}], "cards": []}', "$.lists[0].name: should be text"),
        (
            b'{"lists": [{"id": "l", "name": "L"}], "cards": [{"id": "c", "name": "n", '
            b'"idList": "l", "due": "tomorrow"}]}',
            "$.cards[0].due: \u201ctomorrow\u201d is not a date",
        ),
        (  # a time zone that takes the moment before year 1
            b'{"lists": [{"id": "l", "name": "L"}], "cards": [{"id": "c", "name": "n", '
            b'"idList": "l", "due": "0001-01-01T00:00:00+01:00"}]}',
            "$.cards[0].due: \u201c0001-01-01T00:00:00+01:00\u201d is not a date",
        ),
    ],
)
def test_what_is_not_a_trello_export_is_refused_naming_where(data, expected):
    with pytest.raises(TrelloError) as refused:
        read_trello_bytes(data, "board.json")
    assert str(refused.value).startswith("board.json: ")
    assert expected in str(refused.value)


def test_times_keep_four_digit_years_in_utc():
    document = {
        "lists": [{"id": "l", "name": "L"}],
        "cards": [{"id": "c", "name": "n", "idList": "l", "due": "0999-05-01T23:30:00-01:00"}],
    }
    (card,) = read_trello_bytes(json.dumps(document).encode(), "old.json").cards
    assert card.due == "0999-05-02T00:30:00Z"
