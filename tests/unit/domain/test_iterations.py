"""Iteration rules: life cycle, order, capacity and slip counting, without a board."""

from datetime import date

import pytest

from ldboard.domain.iterations import (
    capacity_load,
    carried_into,
    clean_iteration_fields,
    close_dates,
    close_problem,
    default_iteration,
    following_dates,
    following_name,
    iteration_order,
    iteration_problems,
    next_planned,
    plan_problem,
    retro_default,
    slips,
    start_dates,
    start_problem,
)
from ldboard.domain.model import Iteration


def it(id, state="planned", start=None, end=None, closed_at=None, name=None):
    return Iteration(
        id, name or f"Sprint {id}", start=start, end=end, state=state, closed_at=closed_at
    )


# --- order and defaults ---------------------------------------------------------------


def test_closed_iterations_come_first_in_the_order_they_closed_then_active_then_planned():
    iterations = [
        it(1, "planned"),
        it(2, "planned", start="2026-03-01"),
        it(3, "closed", start="2026-01-01", closed_at="2026-02-01T16:00:00Z"),
        it(4, "active", start="2026-02-02"),
        it(5, "closed", start="2025-12-01", end="2025-12-31"),  # closed before format 4
        it(6, "planned", start="2026-02-20"),
    ]
    assert [i.id for i in iteration_order(iterations)] == [5, 3, 4, 6, 2, 1]


def test_planning_selects_the_active_iteration_else_the_next_planned_one():
    planned = [it(1, "planned", start="2026-05-01"), it(2, "planned", start="2026-04-01")]
    assert default_iteration([*planned, it(3, "active")]).id == 3
    assert default_iteration([*planned, it(4, "closed")]).id == 2
    assert next_planned([it(7, "planned"), it(8, "planned", start="2026-01-01")]).id == 8
    assert default_iteration([it(9, "closed")]) is None


def test_the_retrospective_shows_the_active_iteration_else_the_latest_closed():
    closed = [
        it(1, "closed", closed_at="2026-01-10T09:00:00Z"),
        it(2, "closed", closed_at="2026-02-10T09:00:00Z"),
    ]
    assert retro_default([*closed, it(3, "planned")]).id == 2
    assert retro_default([*closed, it(4, "active")]).id == 4


# --- life cycle ----------------------------------------------------------------------


def test_only_a_planned_iteration_starts_and_only_while_none_is_active():
    running = it(1, "active", name="Sprint 1")
    assert "“Sprint 1” is still running" in start_problem(it(2), running)
    assert "already running" in start_problem(running, running)
    assert "closed" in start_problem(it(3, "closed"), None)
    assert start_problem(it(2), None) is None


def test_a_closed_iteration_takes_no_more_items_and_closes_once():
    assert "frozen" in plan_problem(it(1, "closed"))
    assert plan_problem(it(2, "active")) is None and plan_problem(it(3)) is None
    assert "already closed" in close_problem(it(1, "closed"))
    assert "start it" in close_problem(it(2, "planned"))
    assert close_problem(it(3, "active")) is None


def test_start_and_close_fill_only_the_dates_that_are_empty():
    today = date(2026, 3, 9)
    assert start_dates(it(1), today) == {"start": "2026-03-09"}
    assert start_dates(it(1, start="2026-03-02"), today) == {}
    assert close_dates(it(1, start="2026-03-02"), today) == {"end": "2026-03-09"}
    assert close_dates(it(1, start="2026-03-20"), today) == {"end": "2026-03-20"}
    assert close_dates(it(1, end="2026-03-13"), today) == {}


def test_the_next_iteration_is_named_and_dated_after_the_one_before():
    assert following_name("Sprint 4") == "Sprint 5"
    assert following_name("Iteration 2: CRM go-live") == "Iteration 3"
    assert following_name("Spring push") == "Spring push (next)"
    assert following_name("Sprint 4", ["sprint 5", "Sprint 5 2"]) == "Sprint 5 3"
    closed = it(1, start="2026-03-02", end="2026-03-13")
    assert following_dates(closed, "2026-03-13") == {"start": "2026-03-14", "end": "2026-03-25"}
    assert following_dates(it(2), None) == {"start": None, "end": None}


# --- validation ------------------------------------------------------------------------


def test_iteration_fields_name_each_problem():
    values = clean_iteration_fields(
        {"name": "  ", "start": "2026-3-1", "capacity": -2, "goal": " Ship "}
    )
    assert values["goal"] == "Ship"
    problems = iteration_problems(values)
    assert set(problems) == {"name", "start", "capacity"}
    assert "YYYY-MM-DD" in problems["start"]
    assert iteration_problems({"capacity": True})["capacity"].startswith("Capacity is a number")
    assert iteration_problems({"capacity": 0}) == {}


def test_the_end_may_not_come_before_the_start_whichever_changes():
    current = it(1, start="2026-03-02", end="2026-03-13")
    assert "before it starts" in iteration_problems({"end": "2026-03-01"}, current=current)["end"]
    assert "start" in iteration_problems({"start": "2026-03-20"}, current=current)
    assert iteration_problems({"start": "2026-03-13"}, current=current) == {}


# --- capacity --------------------------------------------------------------------------


def test_capacity_load_counts_unscored_items_and_flags_overload():
    load = capacity_load([3, None, 5, 2], 8)
    assert (load.planned, load.items, load.unscored) == (10.0, 4, 1)
    assert load.over and load.remaining == -2 and load.fraction == pytest.approx(1.25)
    exact = capacity_load([3, 5], 8)
    assert not exact.over and exact.remaining == 0
    assert capacity_load([1], None).fraction is None and not capacity_load([9], None).over
    assert capacity_load([1], 0).over and capacity_load([], 0).fraction == 0.0


# --- slips -----------------------------------------------------------------------------


ORDER = [it(1, "closed"), it(2, "closed"), it(3, "active"), it(4, "planned")]


def test_an_open_action_slips_once_per_closed_iteration_from_its_own():
    assert slips(1, ORDER) == 2  # written in 1, still open after 1 and 2 closed
    assert slips(2, ORDER) == 1
    assert slips(3, ORDER) == 0  # its own iteration is still running
    assert slips(99, ORDER) == 0


def test_a_done_action_stops_slipping_where_it_was_ticked():
    assert slips(1, ORDER, closed_in=2) == 1
    assert slips(1, ORDER, closed_in=1) == 0


def test_carried_into_later_retrospectives_until_ticked():
    assert carried_into(1, 3, ORDER, done=False, closed_in=None)
    assert carried_into(1, 4, ORDER, done=False, closed_in=None)
    assert not carried_into(3, 3, ORDER, done=False, closed_in=None), "not into its own"
    assert not carried_into(3, 2, ORDER, done=False, closed_in=None), "not backwards"
    assert carried_into(1, 3, ORDER, done=True, closed_in=3), "shown where it was ticked"
    assert carried_into(1, 2, ORDER, done=True, closed_in=3)
    assert not carried_into(1, 4, ORDER, done=True, closed_in=3)
    assert not carried_into(1, 3, ORDER, done=True, closed_in=None)
