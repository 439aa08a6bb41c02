"""Scope classification from planning events, headline numbers and the frozen snapshot."""

import pytest

from ldboard.domain.model import Iteration
from ldboard.domain.scope import (
    PlanningEvent,
    Scope,
    ScopeLine,
    classify_scope,
    freeze,
    iteration_numbers,
    parse_actual,
    planning_event,
    scope_lines,
    scope_start,
    verdict_value,
)

SPRINT, NEXT = 7, 8
START = "2026-03-02T09:00:00Z"


def ev(item, ts, where):
    return PlanningEvent(item, ts, where)


BEFORE = "2026-03-01T10:00:00Z"
DURING = "2026-03-05T10:00:00Z"
LATER = "2026-03-09T10:00:00Z"


def test_committed_added_and_removed_from_planning_events():
    events = [
        ev(1, BEFORE, SPRINT),  # committed, stays
        ev(2, BEFORE, SPRINT),  # committed, then removed
        ev(2, DURING, None),
        ev(3, DURING, SPRINT),  # added, stays
        ev(4, DURING, SPRINT),  # added, then moved on to NEXT
        ev(4, LATER, NEXT),
        ev(5, BEFORE, SPRINT),  # planned and unplanned before the start: not part of the story
        ev(5, BEFORE, None),
        ev(6, BEFORE, NEXT),  # never in SPRINT
    ]
    scopes = classify_scope(SPRINT, START, events, members=[1, 3])
    assert scopes == {
        1: Scope(committed=True),
        2: Scope(committed=True, removed=True),
        3: Scope(added=True),
        4: Scope(added=True, removed=True),
    }


def test_undo_events_are_replayed_like_any_other():
    # Planned during the iteration, then the plan was undone (the inverse event),
    # then redone: added. Removed and the removal undone: still committed, not removed.
    events = [
        ev(1, DURING, SPRINT),
        ev(1, DURING, None),  # undo
        ev(1, LATER, SPRINT),  # redo
        ev(2, BEFORE, SPRINT),
        ev(2, DURING, None),
        ev(2, DURING, SPRINT),  # undo of the removal
    ]
    scopes = classify_scope(SPRINT, START, events, members=[1, 2])
    assert scopes == {1: Scope(added=True), 2: Scope(committed=True)}


def test_an_item_that_left_and_came_back_keeps_its_first_part():
    events = [ev(1, BEFORE, SPRINT), ev(1, DURING, NEXT), ev(1, LATER, SPRINT)]
    assert classify_scope(SPRINT, START, events, members=[1]) == {1: Scope(committed=True)}


def test_an_event_in_the_second_of_the_start_counts_as_before_it():
    assert classify_scope(SPRINT, START, [ev(1, START, SPRINT)], members=[1]) == {
        1: Scope(committed=True)
    }


def test_a_member_no_event_explains_counts_as_committed_and_a_lost_one_as_removed():
    scopes = classify_scope(SPRINT, START, [ev(2, BEFORE, SPRINT)], members=[1])
    assert scopes == {1: Scope(committed=True), 2: Scope(committed=True, removed=True)}


def test_an_iteration_that_has_not_started_only_has_committed_items():
    events = [ev(1, DURING, SPRINT), ev(2, LATER, SPRINT), ev(2, LATER, None)]
    assert classify_scope(SPRINT, None, events, members=[1]) == {1: Scope(committed=True)}


def test_log_events_become_planning_steps():
    assert planning_event(3, BEFORE, "planned", {"after": {"iteration_id": SPRINT}}) == ev(
        3, BEFORE, SPRINT
    )
    assert planning_event(3, BEFORE, "deleted", {"before": {"key": "LD-3"}}) == ev(3, BEFORE, None)
    restored = {"after": {"key": "LD-3", "iteration_id": SPRINT}, "undo": True}
    assert planning_event(3, BEFORE, "created", restored) == ev(3, BEFORE, SPRINT)
    assert planning_event(3, BEFORE, "moved", {"after": {"column_id": 2}}) is None
    assert planning_event(None, BEFORE, "planned", {"after": {"iteration_id": SPRINT}}) is None


def test_an_iteration_started_before_the_file_recorded_it_starts_at_its_start_date():
    assert scope_start(Iteration(1, "A", started_at=START, state="active")) == START
    legacy = Iteration(1, "A", start="2026-03-02", state="closed")
    assert scope_start(legacy) == "2026-03-02T00:00:00Z"
    assert scope_start(Iteration(1, "A", start="2026-03-02")) is None


def line(item_id, **values):
    defaults = {"key": f"LD-{item_id}", "title": f"Item {item_id}", "iteration_id": SPRINT}
    return ScopeLine(item_id=item_id, **{**defaults, **values})


def test_an_archived_unfinished_item_counts_as_dropped_from_the_scope():
    facts = [
        line(1, stage_category="done", archived=True),
        line(2, stage_category="active", archived=True),
        line(3, stage_category="active"),
    ]
    events = [ev(n, BEFORE, SPRINT) for n in (1, 2, 3)]
    lines = {x.item_id: x for x in scope_lines(SPRINT, START, facts, events)}
    assert lines[1].in_scope and lines[1].done
    assert lines[2].removed and not lines[2].unfinished
    assert lines[3].unfinished


def test_headline_numbers():
    lines = [
        line(1, effort=3, stage_category="done", committed=True),
        line(2, effort=2, stage_category="active", committed=True),
        line(3, effort=None, stage_category="active", added=True),
        line(4, effort=5, stage_category="active", committed=True, removed=True),
    ]
    numbers = iteration_numbers(6, lines)
    assert (numbers.planned_effort, numbers.done_effort, numbers.carried_over_effort) == (5, 3, 2)
    assert (numbers.committed_effort, numbers.added_effort, numbers.removed_effort) == (10, 0, 5)
    assert (numbers.items_planned, numbers.items_done, numbers.items_carried_over) == (3, 1, 2)
    assert (numbers.items_committed, numbers.items_added, numbers.items_removed) == (3, 1, 1)
    assert numbers.unscored_items == 1 and not numbers.over_capacity
    assert iteration_numbers(4, lines).over_capacity


def test_the_snapshot_freezes_each_item_and_where_unfinished_ones_went():
    iteration = Iteration(
        SPRINT, "Sprint 7", goal="Ship", capacity=6, started_at=START, state="closed"
    )
    lines = [
        line(
            1,
            effort=3,
            impact=4,
            stage="Done",
            stage_category="done",
            committed=True,
            verdict="validated",
            actual=12.0,
        ),
        line(2, effort=2, impact=2, stage="Building", stage_category="active", committed=True),
        line(3, effort=1, stage="Intake", stage_category="backlog", added=True, removed=True),
    ]
    snapshot = freeze(iteration, lines, closed_at=LATER, carried_to={2: (NEXT, "Sprint 8")})
    first, second, third = snapshot.items
    assert (first.done, first.carried_over, first.verdict, first.actual) == (
        True,
        False,
        "validated",
        12.0,
    )
    assert first.score == pytest.approx(4 / 3)
    assert (second.carried_over, second.carried_to_iteration_id, second.carried_to) == (
        True,
        NEXT,
        "Sprint 8",
    )
    assert (third.removed, third.carried_over, third.carried_to) == (True, False, "")
    assert [i.position for i in snapshot.items] == [0, 1, 2]
    assert snapshot.row()["closed_at"] == LATER and snapshot.row()["items_done"] == 1
    assert [i.key for i in snapshot.by_flag("carried_over")] == ["LD-2"]


def test_actual_values_are_numbers_as_people_type_them():
    assert parse_actual("3,5") == 3.5 and parse_actual("80 %") == 80.0 and parse_actual(7) == 7.0
    assert parse_actual("") is None and parse_actual(None) is None
    with pytest.raises(ValueError, match="not a number"):
        parse_actual("about ten")
    with pytest.raises(ValueError):
        parse_actual(True)
    assert verdict_value("validated") == "validated"
    with pytest.raises(ValueError, match="unknown verdict"):
        verdict_value("great")
