"""The demo fills the L&D practice tables, so the intake, evaluation and partner
screens show real content on first launch, consistent with the rest of the demo."""

from __future__ import annotations

import copy
import json

import pytest

from ldboard.domain.intake import CLOSED_TRIAGE, Triage, vague_verbs
from ldboard.domain.stakeholders import Stance, stance
from ldboard.store import Board
from ldboard.store.demo import load_demo_content, populate_demo
from ldboard.store.demo_measurements import DemoDataError


def demo_board(clock, content=None) -> Board:
    board = Board.in_memory(clock=clock)
    populate_demo(board, content or load_demo_content())
    return board


@pytest.fixture
def demo(clock):
    with demo_board(clock) as board:
        yield board


def item_id(board: Board, title: str) -> int:
    (found,) = board.connection.execute("SELECT id FROM items WHERE title = ?", (title,))
    return found[0]


def test_intake_records_read_back_with_their_partners_and_behaviours(demo):
    people = {p.id: p.name for p in demo.people()}
    ids = [i for (i,) in demo.connection.execute("SELECT item_id FROM intakes")]
    records = {i: demo.intake(i) for i in ids}
    assert len(records) >= 7
    shift_leads = records[
        item_id(demo, "Reframe 'we need a leadership course' for new shift leads")
    ]
    assert shift_leads is not None and shift_leads.outcome == "initiative"
    assert [(people[p.person], p.role) for p in shift_leads.partners] == [
        ("Tomasz Wisniewski", "sponsor"),
        ("David Cohen", "co_sponsor"),
    ]
    assert shift_leads.partners[0].commitments and shift_leads.partners[0].wiifm
    assert 2 <= len(shift_leads.behaviours) <= 4
    assert shift_leads.people_affected and shift_leads.unit_cost
    for record in records.values():
        assert record is not None and record.problem and record.behaviours and record.partners
    outcomes = [r.outcome for r in records.values() if r is not None]
    assert outcomes.count("initiative") > len(outcomes) / 2


def test_one_behaviour_is_deliberately_vague(demo):
    """So the wizard's warning about unobservable verbs shows when it is edited."""
    texts = [t for (t,) in demo.connection.execute("SELECT text FROM intake_behaviours")]
    assert [t for t in texts if vague_verbs(t)] == [
        "Understand what their role as a leader involves"
    ]


def test_evaluation_plans_cover_the_items_in_pilot_and_measuring(demo):
    rows = demo.connection.execute(
        "SELECT i.id FROM items i JOIN columns c ON c.id = i.column_id "
        "WHERE c.name IN ('Pilot', 'Measuring') AND i.archived_at IS NULL"
    )
    for (found,) in rows:
        plan = demo.evaluation_plan(found)
        assert plan is not None and plan.level in (3, 4)
        assert plan.critical_behaviours and plan.leading_indicators and plan.support
        assert 2 <= len(plan.checks) <= 4
        assert all(check.what and check.due for check in plan.checks)


def test_some_checks_are_done_some_overdue_and_some_ahead(demo):
    today = demo.today().isoformat()
    due = demo.due_checks(demo.today())
    assert due and all(c.done_at is None and c.due <= today for _, c in due)
    checks = list(demo.connection.execute("SELECT due, done_at FROM evaluation_checks"))
    assert any(done is not None for _, done in checks)
    assert any(done is None and d > today for d, done in checks)


def test_people_sit_in_all_four_quadrants_with_a_level_and_commitments(demo):
    people = demo.people()
    assert {stance(p.influence, p.involvement) for p in people} == set(Stance)
    assert all(p.level and p.commitments for p in people)


def test_thanks_are_dated_and_some_linked_to_items(demo):
    thanks = demo.thanks()
    assert 6 <= len(thanks) <= 10
    assert [t.given_on for t in thanks] == sorted((t.given_on for t in thanks), reverse=True)
    assert all(t.given_on < demo.today().isoformat() for t in thanks)
    assert any(t.item_id is not None for t in thanks)


def test_requests_handled_without_training_are_archived(demo):
    rows = list(
        demo.connection.execute(
            "SELECT i.id, i.triage, i.triage_reason, i.archived_at, n.outcome, n.recommendation "
            "FROM items i JOIN intakes n ON n.item_id = i.id WHERE i.triage IN (?, ?)",
            tuple(CLOSED_TRIAGE),
        )
    )
    assert sorted((triage, outcome) for _, triage, *_rest, outcome, _ in rows) == [
        ("declined", "declined"),
        ("resolved", "no_training"),
    ]
    for found, _, reason, archived_at, _, recommendation in rows:
        assert archived_at is not None and reason and reason == recommendation
        kinds = [
            kind
            for (kind,) in demo.connection.execute(
                "SELECT kind FROM events WHERE item_id = ? ORDER BY id", (found,)
            )
        ]
        assert kinds[-2:] == ["edited", "archived"]


def test_every_triage_value_is_valid_and_logged(demo):
    rows = list(demo.connection.execute("SELECT id, triage FROM items WHERE triage IS NOT NULL"))
    states = {triage for _, triage in rows}
    assert states <= {t.value for t in Triage}
    assert {"approved", "in_review", "new", "waitlisted", "declined", "resolved"} <= states
    for found, triage in rows:
        logged = [
            json.loads(data)
            for (data,) in demo.connection.execute(
                "SELECT data FROM events WHERE item_id = ? AND kind = 'edited'", (found,)
            )
        ]
        assert {"before": {}, "after": {"triage": triage}} in logged


def test_some_items_carry_the_weighted_scores(demo):
    rows = list(
        demo.connection.execute(
            "SELECT audience_size, risk, inaction_score FROM items WHERE audience_size IS NOT NULL"
        )
    )
    assert len(rows) >= 3
    assert all(1 <= v <= 5 for row in rows for v in row)


def test_the_demo_board_is_sound(demo):
    assert demo.integrity_check() == ["ok"]
    assert demo.foreign_key_problems() == []


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [("intakes", "item", "No such request"), ("thanks", "person", "nobody")],
)
def test_an_unknown_title_or_person_is_reported(clock, section, key, value):
    content = copy.deepcopy(load_demo_content())
    content["practice"][section][0][key] = value
    with pytest.raises(DemoDataError, match=value):
        demo_board(clock, content)
