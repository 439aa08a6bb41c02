"""The intake's rules: suggestions from barriers, vague verbs, the goal, the money."""

from __future__ import annotations

import pytest

from ldboard.domain.intake import (
    Barrier,
    Goal,
    Solution,
    Value,
    monthly_cost_of_inaction,
    suggest,
    vague_verbs,
    vague_warning,
)
from ldboard.domain.stakeholders import Stance, stance
from ldboard.domain.weighted_score import DEFAULT_WEIGHTS, Weights, weighted_score


def test_each_barrier_calls_for_its_own_kind_of_solution():
    assert suggest(["environment"]).solutions == ((Solution.PROCESS_FIX, 1),)
    assert suggest([Barrier.KNOWLEDGE]).solutions == ((Solution.JOB_AID, 1),)
    assert suggest(["skills"]).solutions == ((Solution.PRACTICE, 1),)
    assert suggest(["motivation"]).solutions == ((Solution.MANAGER_CONVERSATION, 1),)


def test_only_a_skills_gap_makes_training_part_of_the_answer():
    mixed = suggest(["environment", "knowledge", None, "environment", "skills"])
    assert mixed.solutions == (
        (Solution.PROCESS_FIX, 2),
        (Solution.JOB_AID, 1),
        (Solution.PRACTICE, 1),
    )
    assert mixed.needs_training and "training can be part" in mixed.headline
    no_training = suggest(["environment", "knowledge", "motivation"])
    assert not no_training.needs_training
    assert "without training" in no_training.headline
    assert "Say why" in suggest([None, ""]).headline


@pytest.mark.parametrize(
    ("behaviour", "vague"),
    [
        ("Understand the discount policy", ["Understand"]),
        ("know and understand our values", ["know", "understand"]),
        ("Be aware of phishing risks", ["Be aware of"]),
        ("Is familiar with the CRM; learns the codes", ["familiar with", "learns"]),
        ("Ask two open questions before quoting a price", []),
        ("Acknowledge the customer's complaint within 1 minute", []),
    ],
)
def test_vague_verbs_are_found_and_observable_actions_pass(behaviour, vague):
    assert vague_verbs(behaviour) == vague
    assert bool(vague_warning(behaviour)) == bool(vague)


def test_the_goal_reads_as_one_sentence_with_gaps_marked():
    goal = Goal("Win rate (%)", 18.0, 25.0, "2027-03-31", "account managers", "ask for the budget")
    assert goal.sentence == (
        "Win rate (%) will move from 18 to 25 by 2027-03-31 as account managers ask for the budget."
    )
    assert goal.complete
    partial = Goal(metric="Escalations", target=10)
    assert partial.sentence == "Escalations will move from … to 10 by … as … …."
    assert not partial.complete


def test_cost_of_inaction_and_phillips_figures_by_hand():
    # 40 agents × 3 hours lost a month × 35 an hour = 4,200 a month.
    assert monthly_cost_of_inaction(40, 3, 35) == 4200
    with pytest.raises(ValueError):
        monthly_cost_of_inaction(-1, 3, 35)
    value = Value(benefits=50_400, costs=12_000)
    assert value.roi_percent == 320.0  # (50,400 − 12,000) ÷ 12,000 × 100
    assert value.benefit_cost_ratio == 4.2
    assert value.payback_months(4200) == pytest.approx(2.857, abs=1e-3)
    assert Value(1, 0).roi_percent is None and Value(1, 0).benefit_cost_ratio is None
    assert value.payback_months(0) is None


@pytest.mark.parametrize(
    ("influence", "involvement", "expected"),
    [
        (5, 5, Stance.MANAGE_CLOSELY),
        (3, 3, Stance.MANAGE_CLOSELY),
        (4, 2, Stance.KEEP_SATISFIED),
        (2, 4, Stance.KEEP_INFORMED),
        (1, 1, Stance.MONITOR),
        (None, 3, None),
    ],
)
def test_stakeholder_quadrants(influence, involvement, expected):
    assert stance(influence, involvement) == expected


def test_the_weighted_score_by_hand_and_its_agreement_with_impact_over_effort():
    weights = Weights()
    assert weights.values == DEFAULT_WEIGHTS
    scores = {"impact": 4, "audience_size": 5, "risk": 2, "inaction_score": 3}
    # (3×4 + 2×5 + 2×2 + 2×3) ÷ (3+2+2+2) = 32 ÷ 9, then ÷ effort 2
    assert weighted_score(scores, 2, weights) == pytest.approx(32 / 9 / 2)
    assert weighted_score({"impact": 4}, 2, weights) == 2.0, "impact only: impact ÷ effort"
    assert weighted_score({"impact": 4}, None, weights) is None
    assert weighted_score({}, 2, weights) is None
    no_risk = Weights({**DEFAULT_WEIGHTS, "risk": 0})
    assert weighted_score(scores, 2, no_risk) == pytest.approx(28 / 7 / 2)
    with pytest.raises(ValueError):
        Weights({"impact": 9})
    with pytest.raises(ValueError):
        Weights({"colour": 1})
