"""The practice in the iteration summary: the thanks log and the requests handled
without building training, counted by the iteration's dates, in every format."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from ldboard import ops
from ldboard.domain.practice import IntakeRecord
from ldboard.io.export import render
from ldboard.io.summary import build_summary
from ldboard.io.summary_practice import thanks_window
from ldboard.ops.intake import Request, record_request
from ldboard.ops.partners import add_thanks
from ldboard.store import Board
from tests.conftest import FakeClock
from tests.unit.io.conftest import HOSTILE

CLOSED, ACTIVE = 1, 2


def _request(board: Board, title: str, on: str, outcome: str, advice: str = "") -> str:
    record = IntakeRecord(requested_on=on, outcome=outcome, recommendation=advice)
    record_request(board, Request(title, record))
    return next(line.key for line in board.requests() if line.title == title)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 2, 8, 0, tzinfo=UTC))


@pytest.fixture
def practice(clock: FakeClock) -> Iterator[tuple[Board, dict[str, object]]]:
    """Sprint 1 (2–13 Nov 2026) closed on 14 Nov, Sprint 2 (16–27 Nov) running; Ana
    sponsors and Sam lends expertise to its item, Zoe only ever gets thanked."""
    board = Board.in_memory(clock=clock)
    for name, role in (("Ana Sponsor", "VP Sales"), ("Sam Expert", "Senior rep"),
                       ("Zoe Host", "Office manager")):  # fmt: skip
        ops.create_person(board, name, role=role)
    ids = {p.name.split()[0].lower(): p.id for p in board.people()}
    people = [(ids["ana"], "sponsor"), (ids["sam"], "sme")]
    ops.create_item(board, 1, "Objection handling", fields={"effort": 2}, people=people)
    ops.create_iteration(board, "Sprint 1", start="2026-11-02", end="2026-11-13")
    ops.create_iteration(board, "Sprint 2", start="2026-11-16", end="2026-11-27")
    ops.plan_items(board, [1], CLOSED)
    ops.start_iteration(board, CLOSED)
    for given_on, who, text in [
        ("2026-11-01", "ana", "for the budget, before the sprint"),
        ("2026-11-05", "ana", "for opening the kickoff"),
        ("2026-11-14", "zoe", "for the training room on close day"),
        ("2026-11-20", "sam", "for the role-play scripts"),
        ("2026-11-30", "ana", "for the next quarter, after the sprint"),
    ]:
        add_thanks(board, ids[who], given_on, text, item_id=1 if who == "ana" else None)
    keys = {
        "early": _request(board, "Time tips", "2026-10-20", "no_training", "A rota fix"),
        "resolved": _request(board, "Excel course", "2026-11-04", "no_training", "A job aid"),
        "declined": _request(board, "Mandarin", "2026-11-18", "declined", "No market yet"),
        "approved": _request(board, "Negotiation", "2026-11-20", "initiative"),
    }
    clock.now = datetime(2026, 11, 14, 10, 0, tzinfo=UTC)
    ops.close_iteration(board, CLOSED, unfinished={})
    ops.start_iteration(board, ACTIVE)
    yield board, {**ids, **keys}
    board.close()


def _notes(summary, name: str) -> list[tuple[str, str]]:
    person = next(t for t in summary.thanks if t.name == name)
    return [(n.given_on, n.text) for n in person.notes]


def test_a_closed_iteration_counts_to_its_end_or_close_day_whichever_is_later(practice):
    board, _ = practice
    assert thanks_window(build_summary(board, CLOSED)) == ("2026-11-02", "2026-11-14")
    assert thanks_window(build_summary(board, ACTIVE)) == ("2026-11-16", "2026-11-27")


def test_thanks_notes_are_those_dated_within_the_iteration_only(practice):
    board, _ = practice
    closed, active = build_summary(board, CLOSED), build_summary(board, ACTIVE)
    assert _notes(closed, "Ana Sponsor") == [("2026-11-05", "for opening the kickoff")]
    assert _notes(closed, "Sam Expert") == []
    assert _notes(active, "Sam Expert") == [("2026-11-20", "for the role-play scripts")]
    assert [t.name for t in active.thanks] == ["Sam Expert"]  # Ana's note is dated after it
    ana = next(t for t in closed.thanks if t.name == "Ana Sponsor")
    assert ana.sponsor_of == ("LD-1",) and ana.notes[0].item_key == "LD-1"


def test_someone_thanked_who_was_no_partner_appears_with_their_job_title(practice):
    board, _ = practice
    zoe = next(t for t in build_summary(board, CLOSED).thanks if t.name == "Zoe Host")
    assert (zoe.job_title, zoe.sponsor_of, zoe.sme_on) == ("Office manager", (), ())
    assert [n.text for n in zoe.notes] == ["for the training room on close day"]


def test_a_closed_iteration_shows_thanks_recorded_later_for_its_dates(practice):
    board, ids = practice
    ops.update_person(board, ids["ana"], name="Ana Renamed")
    add_thanks(board, ids["ana"], "2026-11-10", "for the late sign-off")
    ana = next(t for t in build_summary(board, CLOSED).thanks if t.sponsor_of)
    assert ana.name == "Ana Sponsor"  # frozen at close; her notes join her entry
    assert [n.given_on for n in ana.notes] == ["2026-11-05", "2026-11-10"]


def test_requests_are_counted_by_the_date_they_came_in(practice):
    board, keys = practice
    closed = build_summary(board, CLOSED).requests
    assert closed.received == (("resolved", 1),)
    assert [(r.key, r.recommendation) for r in closed.handled] == [(keys["resolved"], "A job aid")]
    assert closed.handled_total == 2  # the one of 20 Oct counts on the board only
    active = build_summary(board, ACTIVE).requests
    assert active.received == (("approved", 1), ("declined", 1))
    assert (active.handled, active.handled_total) == ((), 2)


def test_markdown_tells_the_requests_and_the_thank_you_notes(practice):
    board, keys = practice
    text = render(build_summary(board, CLOSED), "md").decode()
    assert "| Handled without building training | 1 request (2 on the board so far) |" in text
    assert "## Requests\n\n1 request came in from 2026-11-02 to 2026-11-14: 1 resolved " in text
    assert f"- **{keys['resolved']}** Excel course: A job aid\n" in text
    assert "- **Ana Sponsor**, VP Sales: sponsor of LD-1 — thanked on 5 Nov: for opening" in text
    assert "- **Zoe Host**, Office manager — thanked on 14 Nov: for the training room" in text
    active = render(build_summary(board, ACTIVE), "md").decode()
    assert "2 requests came in from 2026-11-16 to 2026-11-27: 1 approved, 1 declined." in active
    assert "None of them was handled without building training." in active


def test_html_tells_the_requests_and_the_thank_you_notes(practice):
    board, keys = practice
    page = render(build_summary(board, CLOSED), "html").decode()
    assert '<section id="requests">' in page
    assert f'<li><span class="key">{keys["resolved"]}</span> Excel course: A job aid</li>' in page
    assert "<strong>Zoe Host</strong>, Office manager — thanked on 14 Nov: for the" in page
    assert '<td class="value">1 request (2 on the board so far)</td>' in page


def test_json_has_the_notes_and_the_requests(practice):
    board, keys = practice
    document = json.loads(render(build_summary(board, CLOSED), "json"))
    zoe = next(t for t in document["thanks"] if t["name"] == "Zoe Host")
    assert zoe["notes"] == [
        {"given_on": "2026-11-14", "text": "for the training room on close day", "item": None}
    ]
    assert document["requests"] == {
        "from": "2026-11-02",
        "to": "2026-11-14",
        "received": 1,
        "by_state": {"resolved": 1},
        "handled_without_training": [
            {
                "key": keys["resolved"],
                "title": "Excel course",
                "requested_on": "2026-11-04",
                "recommendation": "A job aid",
            }
        ],
        "handled_without_training_total": 2,
    }


def test_the_csv_stays_one_row_per_item_of_the_iteration(practice):
    board, _ = practice
    rows = render(build_summary(board, CLOSED), "csv").decode().splitlines()
    assert len(rows) == 2 and "Excel course" not in rows[1]


def test_a_board_without_requests_has_no_requests_section(story):
    summary = build_summary(story, 1)
    text = render(summary, "md").decode()
    assert "## Requests" not in text and "Handled without building training" not in text
    assert "Handled without" not in render(summary, "html").decode()
    requests = json.loads(render(summary, "json"))["requests"]
    assert (requests["received"], requests["handled_without_training_total"]) == (0, 0)


def test_user_text_in_notes_and_recommendations_is_escaped(practice):
    board, ids = practice
    add_thanks(board, ids["zoe"], "2026-11-06", HOSTILE)
    _request(board, "Odd request", "2026-11-07", "no_training", HOSTILE)
    summary = build_summary(board, CLOSED)
    text = render(summary, "md").decode()
    assert r"\<script\>" in text and "<script>" not in text
    page = render(summary, "html").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
