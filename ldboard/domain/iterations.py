"""Iteration rules: life cycle, order, capacity, and how long open actions slip.

An iteration is *planned*, then *active* (started), then *closed*; at most one
is active at a time. Everything here works on plain ``Iteration`` values so
that the planning screen, the close dialog, the retrospective and the file
upgrade all follow one set of rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ldboard.domain.enums import IterationState
from ldboard.domain.model import Iteration, RetroEntry
from ldboard.domain.rules import clean_text, date_problem, parse_iso_date, unstorable

NAME_MAX = 120
#: Capacity is in effort points (1–5 per item); more than this is a typing slip.
CAPACITY_MAX = 10_000
#: Iteration fields a person edits.
EDITABLE = ("name", "goal", "start", "end", "capacity")

_STATE_RANK = {IterationState.CLOSED: 0, IterationState.ACTIVE: 1, IterationState.PLANNED: 2}


# --- order and choice ---------------------------------------------------------------


def iteration_order(iterations: Iterable[Iteration]) -> list[Iteration]:
    """Iterations as they follow each other: closed ones, the active one, planned ones.

    Closed iterations in the order they were closed (their end or start date
    where an older file did not record the moment), planned ones by start date
    with undated ones last; ties keep creation order (id). This is the order of
    the iteration pickers, and the order in which open actions "slip".
    """

    def key(iteration: Iteration) -> tuple[int, str, int]:
        rank = _STATE_RANK.get(IterationState(iteration.state), 2)
        if iteration.state == IterationState.CLOSED:
            when = iteration.closed_at or iteration.end or iteration.start or ""
        elif iteration.state == IterationState.PLANNED:
            when = iteration.start or "9999-12-31"
        else:
            when = iteration.start or ""
        return (rank, when, iteration.id)

    return sorted(iterations, key=key)


def active_of(iterations: Iterable[Iteration]) -> Iteration | None:
    return next((i for i in iterations if i.state == IterationState.ACTIVE), None)


def next_planned(iterations: Iterable[Iteration]) -> Iteration | None:
    """The planned iteration that comes next (earliest start, undated ones last)."""
    planned = [i for i in iteration_order(iterations) if i.state == IterationState.PLANNED]
    return planned[0] if planned else None


def default_iteration(iterations: Iterable[Iteration]) -> Iteration | None:
    """What the planning screen shows first: the active iteration, else the next planned one."""
    iterations = list(iterations)
    return active_of(iterations) or next_planned(iterations)


def latest_closed(iterations: Iterable[Iteration]) -> Iteration | None:
    closed = [i for i in iteration_order(iterations) if i.state == IterationState.CLOSED]
    return closed[-1] if closed else None


def retro_default(iterations: Iterable[Iteration]) -> Iteration | None:
    """What the retrospective shows first: the active iteration, else the latest closed one."""
    iterations = list(iterations)
    return active_of(iterations) or latest_closed(iterations)


# --- life cycle ----------------------------------------------------------------------


def start_problem(iteration: Iteration, active: Iteration | None) -> str | None:
    """Why ``iteration`` cannot be started now (``active`` is the board's active one)."""
    if iteration.state == IterationState.ACTIVE:
        return f"“{iteration.name}” is already running."
    if iteration.state == IterationState.CLOSED:
        return f"“{iteration.name}” is closed; plan a new iteration instead of restarting it."
    if active is not None and active.id != iteration.id:
        return (
            f"“{active.name}” is still running. Close it first: only one iteration "
            "can be active at a time."
        )
    return None


def plan_problem(iteration: Iteration) -> str | None:
    """Why items cannot be planned into ``iteration``; ``None`` when they can."""
    if iteration.state == IterationState.CLOSED:
        return (
            f"“{iteration.name}” is closed: its scope is frozen. Plan the items into "
            "the active or a planned iteration."
        )
    return None


def close_problem(iteration: Iteration) -> str | None:
    """Why ``iteration`` cannot be closed now."""
    if iteration.state == IterationState.CLOSED:
        return f"“{iteration.name}” is already closed."
    if iteration.state == IterationState.PLANNED:
        return f"“{iteration.name}” has not started yet: start it before closing it."
    return None


def start_dates(iteration: Iteration, today: date) -> dict[str, str]:
    """The dates a start fills in: ``start`` becomes today when it was empty."""
    return {} if iteration.start else {"start": today.isoformat()}


def close_dates(iteration: Iteration, today: date) -> dict[str, str]:
    """The dates a close fills in: ``end`` becomes today (never before ``start``) when empty."""
    if iteration.end:
        return {}
    end = today
    if iteration.start and parse_iso_date(iteration.start) > end:
        end = parse_iso_date(iteration.start)
    return {"end": end.isoformat()}


def following_name(name: str, existing: Iterable[str] = ()) -> str:
    """A name for the iteration after ``name``: "Sprint 4" → "Sprint 5".

    The first number in the name is counted up and whatever follows it (a
    theme such as ": CRM go-live") is dropped, since the next iteration has a
    goal of its own. A name without a number gets " (next)". A name already
    taken gets " 2", " 3", … so the pickers can tell them apart.
    """
    found = re.search(r"\d+", name)
    if found:
        candidate = f"{name[: found.start()]}{int(found.group()) + 1}".strip()
    else:
        candidate = f"{name} (next)"
    taken = {other.casefold() for other in existing}
    result, number = candidate, 2
    while result.casefold() in taken:
        result, number = f"{candidate} {number}", number + 1
    return result


def following_dates(iteration: Iteration, end: str | None) -> dict[str, str | None]:
    """Dates for the iteration after one that ends on ``end``: the next day, same length."""
    if not end:
        return {"start": None, "end": None}
    start = parse_iso_date(end) + timedelta(days=1)
    length = None
    if iteration.start and iteration.end:
        length = (parse_iso_date(iteration.end) - parse_iso_date(iteration.start)).days
    return {
        "start": start.isoformat(),
        "end": (start + timedelta(days=length)).isoformat() if length is not None else None,
    }


# --- validation ----------------------------------------------------------------------


def clean_iteration_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Iteration fields as stored: trimmed text, empty dates and capacity as ``None``."""
    result = dict(values)
    if "name" in result:
        result["name"] = clean_text(result["name"], single_line=True)
    if "goal" in result:
        result["goal"] = clean_text(result["goal"])
    for name in ("start", "end", "capacity"):
        if name in result and result[name] in ("", None):
            result[name] = None
    return result


def iteration_problems(
    values: Mapping[str, Any], *, current: Iteration | None = None
) -> dict[str, str]:
    """Problems by field in (cleaned) iteration ``values``; ``current`` supplies the rest.

    End must not come before start, whichever of the two is being changed.
    """
    problems: dict[str, str] = {}
    if "name" in values:
        name = values["name"] or ""
        if not name:
            problems["name"] = "An iteration needs a name."
        elif len(name) > NAME_MAX:
            problems["name"] = f"Keep iteration names to {NAME_MAX} characters."
    for field, label in (("start", "start date"), ("end", "end date")):
        if values.get(field) is not None:
            problem = date_problem(label, values[field])
            if problem:
                problems[field] = problem
    if "capacity" in values and values["capacity"] is not None:
        capacity = values["capacity"]
        if isinstance(capacity, bool) or not isinstance(capacity, int | float):
            problems["capacity"] = "Capacity is a number of effort points, such as 20."
        elif not math.isfinite(capacity) or capacity < 0:
            problems["capacity"] = "Capacity cannot be negative: use 0 or more effort points."
        elif capacity > CAPACITY_MAX:
            problems["capacity"] = f"Capacity is in effort points; keep it to {CAPACITY_MAX}."
    for field, value in values.items():
        if isinstance(value, str) and unstorable(value):
            problems[field] = (
                f"The {field} contains characters that cannot be stored (a broken character, "
                "often left behind by copying and pasting). Retype it."
            )
    start = values.get("start", current.start if current else None)
    end = values.get("end", current.end if current else None)
    if start and end and "start" not in problems and "end" not in problems and end < start:
        field = "end" if "end" in values else "start"
        problems[field] = (
            f"The iteration would end ({end}) before it starts ({start}): "
            "choose an end date on or after the start date."
        )
    return problems


# --- capacity ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CapacityLoad:
    """Planned effort against an iteration's capacity (the capacity bar).

    ``unscored`` items have no effort yet and count as 0, so a bar under
    capacity with unscored items is not the whole story; the bar says so.
    """

    planned: float
    capacity: float | None
    items: int
    unscored: int

    @property
    def over(self) -> bool:
        return self.capacity is not None and self.planned > self.capacity

    @property
    def remaining(self) -> float | None:
        return None if self.capacity is None else self.capacity - self.planned

    @property
    def fraction(self) -> float | None:
        """Planned ÷ capacity (above 1 when over); ``None`` without a capacity."""
        if self.capacity is None:
            return None
        if self.capacity == 0:
            return math.inf if self.planned else 0.0
        return self.planned / self.capacity


def capacity_load(efforts: Iterable[int | None], capacity: float | None) -> CapacityLoad:
    """The load of an iteration whose items have ``efforts`` (``None`` = not scored)."""
    planned = 0.0
    items = unscored = 0
    for effort in efforts:
        items += 1
        if effort is None:
            unscored += 1
        else:
            planned += effort
    return CapacityLoad(planned, capacity, items, unscored)


# --- retrospective actions -------------------------------------------------------------


def slips(written_in: int, order: Sequence[Iteration], *, closed_in: int | None = None) -> int:
    """How many closed iterations an action has outlived.

    Counted in ``order`` (see :func:`iteration_order`) from the iteration the
    action was written in, that one included: an action written in the
    retrospective of Iteration 1 has slipped once when it is still open after
    Iteration 1 closed, twice after Iteration 2 closed, and so on. For an
    action ticked done, counting stops at the iteration it was closed in.
    """
    ids = [i.id for i in order]
    if written_in not in ids:
        return 0
    count = 0
    for iteration in order[ids.index(written_in) :]:
        if closed_in is not None and iteration.id == closed_in:
            break
        if iteration.state == IterationState.CLOSED:
            count += 1
    return count


def carried_into(
    written_in: int,
    target: int,
    order: Sequence[Iteration],
    *,
    done: bool,
    closed_in: int | None,
) -> bool:
    """Whether an action written in ``written_in`` shows at the top of ``target``'s retrospective.

    It does when it comes from an earlier iteration and was still open then:
    never ticked, or ticked in ``target`` or later. An action ticked before
    ldboard recorded where (``closed_in`` unknown) is not carried anywhere.
    """
    ids = [i.id for i in order]
    if written_in not in ids or target not in ids:
        return False
    if ids.index(written_in) >= ids.index(target):
        return False
    if not done:
        return True
    return closed_in in ids and ids.index(closed_in) >= ids.index(target)


# --- what the planning screen and the retrospective show ---------------------------------


@dataclass(slots=True)
class PlanningRow:
    """One item of the planning tables (backlog and iteration), in board order.

    ``requester`` and ``sponsor`` are people's names, several joined by ", ".
    Not frozen: a planning table holds 10,000 of them and frozen dataclasses
    are twice as slow to build; treat them as read-only.
    """

    id: int
    key: str
    title: str
    column_id: int
    stage: str
    stage_category: str
    rank: float
    impact: int | None
    effort: int | None
    driver: str | None
    requester: str
    sponsor: str
    iteration_id: int | None

    @property
    def score(self) -> float | None:
        if self.impact is None or self.effort is None:
            return None
        return self.impact / self.effort

    @property
    def done(self) -> bool:
        return self.stage_category == "done"


@dataclass(frozen=True, slots=True)
class CarriedAction:
    """An open action from an earlier retrospective, shown at the top of a later one."""

    entry: RetroEntry
    #: The iteration whose retrospective it was written in.
    written_in: Iteration
    #: Closed iterations it has outlived (see :func:`slips`).
    slips: int


def carried_actions(
    actions: Iterable[RetroEntry], target: int, iterations: Iterable[Iteration]
) -> list[CarriedAction]:
    """The actions of other iterations that ``target``'s retrospective carries, oldest first."""
    order = iteration_order(iterations)
    by_id = {i.id: i for i in order}
    position = {i.id: n for n, i in enumerate(order)}
    found = [
        CarriedAction(
            entry,
            by_id[entry.iteration_id],
            slips(entry.iteration_id, order, closed_in=entry.closed_in_iteration_id),
        )
        for entry in actions
        if entry.kind == "action"
        and carried_into(
            entry.iteration_id,
            target,
            order,
            done=entry.done_at is not None,
            closed_in=entry.closed_in_iteration_id,
        )
    ]
    found.sort(key=lambda c: (position[c.entry.iteration_id], c.entry.position, c.entry.id))
    return found
