"""Requests through intake, triage, evaluation plans, partners and the scoring choice:
each one change, checked, and undone exactly."""

from __future__ import annotations

import pytest

from ldboard import ops
from ldboard.domain.intake import Goal
from ldboard.domain.practice import (
    BehaviourAnswer,
    EvaluationCheck,
    EvaluationPlan,
    IntakeRecord,
    PartnerAnswer,
)
from ldboard.domain.rules import ValidationError
from ldboard.domain.weighted_score import Weights
from ldboard.ops.evaluation import save_evaluation_plan, set_check_done
from ldboard.ops.intake import Request, edit_intake, record_request, set_triage
from ldboard.ops.partners import add_thanks, delete_thanks, place_person, update_partner
from ldboard.ops.scoring import WEIGHTED, score_weights, scoring_mode, set_scoring


def request(outcome="initiative", recommendation="", **record) -> Request:
    answers = IntakeRecord(
        "2026-11-20",
        outcome,
        problem="Deals close at deep discounts",
        goal_by="2027-03-31",
        goal_action="hold price on the first call",
        behaviours=(
            BehaviourAnswer("Ask two open questions before quoting", "skills"),
            BehaviourAnswer("Know the discount policy", "knowledge"),
        ),
        partners=(
            PartnerAnswer("Maria Okonkwo", "sponsor", ("Attend the sessions",), "A forecast"),
            PartnerAnswer("Dev Shah", "sme", (), "Recognition"),
        ),
        people_affected=40,
        loss_per_person_month=3,
        unit_cost=35,
        recommendation=recommendation,
        **record,
    )
    goal = Goal("Average discount (%)", 18.0, 12.0, "2027-03-31", "account managers", "hold price")
    return Request("Negotiation: hold price", answers, "Maria Okonkwo", "revenue", goal)


def test_a_request_becomes_an_item_with_its_answers_in_one_undoable_change(board, snapshot):
    before = snapshot(board)
    change = record_request(board, request())
    assert change.label == "Record request LD-1"
    item = board.item(1)
    assert (item.column_id, item.triage, item.archived_at) == (
        board.columns()[0].id,
        "approved",
        None,
    )
    assert item.goal.startswith("Average discount (%) will move from 18 to 12 by 2027-03-31")
    assert (item.metric, item.baseline, item.target, item.due) == (
        "Average discount (%)",
        18.0,
        12.0,
        "2027-03-31",
    )
    assert item.cost_of_inaction.startswith("About 4,200 a month")
    people = {p.name: p.id for p in board.people()}
    assert sorted(board.item_people(1)) == sorted(
        [
            (people["Maria Okonkwo"], "requester"),
            (people["Maria Okonkwo"], "sponsor"),
            (people["Dev Shah"], "sme"),
        ]
    )
    record = board.intake(1)
    assert [b.barrier for b in record.behaviours] == ["skills", "knowledge"]
    assert record.partners[0] == PartnerAnswer(
        people["Maria Okonkwo"], "sponsor", ("Attend the sessions",), "A forecast"
    )
    ops.undo(board, change)
    assert snapshot(board) == before


def test_a_request_resolved_without_training_leaves_the_board_and_keeps_its_reason(board):
    with pytest.raises(ValidationError) as refused:
        record_request(board, request("no_training"))
    assert "recommendation" in refused.value.problems
    record_request(board, request("no_training", "A discount-approval job aid and a CRM field"))
    item = board.item(1)
    assert item.triage == "resolved" and item.archived_at is not None
    assert item.triage_reason == "A discount-approval job aid and a CRM field"
    assert board.cards() == [], "off the board"
    assert [e.kind for e in board.events(1)] == ["created", "edited", "archived"]


def test_bad_answers_are_named_and_nothing_is_written(board, snapshot):
    before = snapshot(board)
    with pytest.raises(ValidationError) as refused:
        record_request(board, request(outcome="maybe", expected_cost=-5.0))
    assert {"outcome", "expected_cost"} <= set(refused.value.problems)
    assert snapshot(board) == before


def test_triage_moves_a_request_on_and_off_the_board(board, snapshot):
    record_request(board, request())
    before = snapshot(board)
    declined = set_triage(board, 1, "declined", "No budget this year")
    assert (
        board.item(1).archived_at is not None
        and board.item(1).triage_reason == "No budget this year"
    )
    reopened = set_triage(board, 1, "in_review")
    assert board.item(1).archived_at is None and board.item(1).triage == "in_review"
    assert set_triage(board, 1, "in_review") is None
    ops.undo(board, reopened)
    ops.undo(board, declined)
    assert snapshot(board) == before


def test_intake_answers_can_be_edited_later(board, snapshot):
    record_request(board, request())
    before = snapshot(board)
    record = board.intake(1)
    assert edit_intake(board, 1, record) is None, "the same answers change nothing"
    changed = IntakeRecord(**{**_fields(record), "problem": "Margins fall", "behaviours": ()})
    change = edit_intake(board, 1, changed)
    assert board.intake(1).problem == "Margins fall" and board.intake(1).behaviours == ()
    ops.undo(board, change)
    assert snapshot(board) == before


def _fields(record: IntakeRecord) -> dict:
    return {name: getattr(record, name) for name in IntakeRecord.__slots__}


def test_an_evaluation_plan_and_its_checks(board, snapshot):
    ops.create_item(board, 1, "Coaching lab")
    before = snapshot(board)
    plan = EvaluationPlan(
        4,
        "Managers hold a weekly 1:1",
        "1:1s logged",
        "A one-page guide",
        (
            EvaluationCheck("1:1s logged", "HRIS report", "2026-11-20"),
            EvaluationCheck("Attrition", due="2027-02-01"),
        ),
    )
    change = save_evaluation_plan(board, 1, plan)
    stored = board.evaluation_plan(1)
    assert stored.level == 4 and [c.what for c in stored.checks] == ["1:1s logged", "Attrition"]
    assert [(item_id, c.what) for item_id, c in board.due_checks(board.today())] == [
        (1, "1:1s logged")
    ]
    ticked = set_check_done(board, stored.checks[0].id, True)
    assert board.due_checks(board.today()) == []
    ops.undo(board, ticked)
    assert save_evaluation_plan(board, 1, board.evaluation_plan(1)) is None
    ops.undo(board, change)
    assert snapshot(board) == before
    with pytest.raises(ValidationError):
        save_evaluation_plan(board, 1, EvaluationPlan(checks=(EvaluationCheck(" "),)))


def test_partners_are_placed_described_and_thanked(board, snapshot):
    ops.create_person(board, "Maria Okonkwo", roles=["sponsor"])
    before = snapshot(board)
    placed = place_person(board, 1, 5, 2)
    assert (board.person(1).influence, board.person(1).involvement) == (5, 2)
    with pytest.raises(ValidationError):
        place_person(board, 1, 6, 2)
    described = update_partner(board, 1, level="executive", commitments="Opens the kick-off")
    assert board.person(1).level == "executive"
    thanked = add_thanks(board, 1, "2026-11-20", "Opened the pilot")
    assert [t.text for t in board.thanks(1)] == ["Opened the pilot"]
    with pytest.raises(ValidationError):
        add_thanks(board, 1, "2026-11-31", "")
    removed = delete_thanks(board, board.thanks(1)[0].id)
    for change in (removed, thanked, described, placed):
        ops.undo(board, change)
    assert snapshot(board) == before


def test_removing_a_person_or_an_item_takes_their_practice_rows_and_undo_brings_them_back(
    board, snapshot
):
    record_request(board, request())
    save_evaluation_plan(board, 1, EvaluationPlan(2, checks=(EvaluationCheck("Quiz"),)))
    add_thanks(board, 1, "2026-11-20", "Sponsored it", item_id=1)
    before = snapshot(board)
    gone = ops.delete_item(board, 1)
    assert board.intake(1) is None and board.evaluation_plan(1) is None
    assert board.thanks(1)[0].item_id is None, "the thanks stay, without the link"
    ops.undo(board, gone)
    assert snapshot(board) == before
    forgotten = ops.delete_person(board, 1)
    assert board.thanks() == [] and all(p.person != 1 for p in board.intake(1).partners)
    ops.undo(board, forgotten)
    assert snapshot(board) == before


def test_the_board_chooses_its_priority_score(board):
    assert scoring_mode(board) == "impact_effort" and score_weights(board) == Weights()
    weights = Weights({"impact": 5, "audience_size": 1, "risk": 0, "inaction_score": 2})
    change = set_scoring(board, WEIGHTED, weights)
    assert scoring_mode(board) == WEIGHTED and score_weights(board) == weights
    assert set_scoring(board, WEIGHTED, weights) is None
    ops.undo(board, change)
    assert scoring_mode(board) == "impact_effort"
    with pytest.raises(ValueError):
        set_scoring(board, "random")


def test_entering_the_pilot_stage_adds_the_performance_support_checklist_once(board, snapshot):
    from ldboard.domain.practice import SUPPORT_CHECKLIST

    pilot = next(c.id for c in board.columns() if c.name == "Pilot")
    ops.create_item(board, 1, "Coaching lab", checklist=[ops.ChecklistEntry("Book the room")])
    before = snapshot(board)
    moved = ops.move_item(board, 1, pilot, 0)
    assert [line.text for line in board.checklist(1)] == ["Book the room", *SUPPORT_CHECKLIST]
    ops.undo(board, moved)
    assert snapshot(board) == before, "one undo takes the move and the lines"
    ops.move_item(board, 1, pilot, 0)
    ops.move_item(board, 1, 1, 0)
    ops.move_item(board, 1, pilot, 0)
    assert len(board.checklist(1)) == 4, "added once, not again when it comes back"
