"""What a closed iteration's snapshot records besides its scope: people, stories, flow.

A summary of a closed iteration must read the same whenever it is exported,
so everything it tells is frozen at close (file format 5): each item's
learner story and cost of inaction, the names and job titles of its sponsors
and subject-matter experts, the iteration's median cycle time and its
burn-up, day by day. Renaming a sponsor, deleting an item or changing a
column's category afterwards changes none of it. The flow figures come from
:mod:`ldboard.domain.flow`, read once (``Board.flow_history()``) by whoever
freezes the snapshot.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ldboard.domain.enums import EventKind

if TYPE_CHECKING:
    from ldboard.domain.flow import FlowHistory

#: Item text fields frozen with the snapshot (format 5), read "as at close" from the log.
STORY_FIELDS = ("audience", "need", "outcome", "cost_of_inaction")


@dataclass(frozen=True, slots=True)
class FrozenPerson:
    """A sponsor or subject-matter expert of an item, as they were named at close."""

    id: int
    name: str
    job_title: str = ""


def people_json(people: Iterable[FrozenPerson]) -> str:
    """People as the file stores them: a JSON list of ``{"id", "name", "job_title"}``."""
    return json.dumps(
        [{"id": p.id, "name": p.name, "job_title": p.job_title} for p in people],
        ensure_ascii=False,
    )


def people_from_json(text: str | None) -> tuple[FrozenPerson, ...]:
    found = json.loads(text or "[]")
    return tuple(
        FrozenPerson(int(p["id"]), str(p["name"]), str(p.get("job_title") or "")) for p in found
    )


@dataclass(frozen=True, slots=True)
class BurnUpDay:
    """One day of an iteration's burn-up: scope and done, in effort points and items."""

    day: str
    scope_effort: float
    done_effort: float
    scope_items: int
    done_items: int


def burn_up_json(days: Iterable[BurnUpDay]) -> str:
    """A burn-up as the file stores it: a JSON list of one object per day."""
    return json.dumps(
        [
            {
                "day": d.day,
                "scope_effort": d.scope_effort,
                "done_effort": d.done_effort,
                "scope_items": d.scope_items,
                "done_items": d.done_items,
            }
            for d in days
        ]
    )


def burn_up_from_json(text: str | None) -> tuple[BurnUpDay, ...]:
    return tuple(
        BurnUpDay(
            str(d["day"]),
            float(d["scope_effort"]),
            float(d["done_effort"]),
            int(d["scope_items"]),
            int(d["done_items"]),
        )
        for d in json.loads(text or "[]")
    )


@dataclass(frozen=True, slots=True)
class SnapshotRecord:
    """What a close freezes besides the scope, read from the board just before it."""

    #: Item id → its ``STORY_FIELDS`` as they are at close.
    stories: Mapping[int, Mapping[str, str]]
    #: Item id → (sponsors, subject-matter experts), each sorted by name.
    people: Mapping[int, tuple[tuple[FrozenPerson, ...], tuple[FrozenPerson, ...]]]
    median_cycle_time_days: float | None = None
    burn_up: tuple[BurnUpDay, ...] = ()


def iteration_flow(
    history: FlowHistory, iteration_id: int, done_ids: Collection[int], until: date
) -> tuple[float | None, tuple[BurnUpDay, ...]]:
    """The median cycle time and the burn-up of an iteration, read from ``history``.

    The median is over the iteration's done items (``done_ids``) that finished
    in it: from its first day (``flow.iteration_window``) to ``until`` (the
    close, or today for a running one); ``None`` when none has a cycle time.
    The burn-up is ``flow.burn_up``; a burn-up that never had anything in
    scope (no history to read) is left out: no chart is better than a flat one.
    """
    from ldboard.domain.flow import burn_up, cycle_times, iteration_window

    iteration = next((it for it in history.iterations if it.id == iteration_id), None)
    window = iteration_window(iteration, until) if iteration is not None else None
    median = None
    if window is not None and done_ids:
        median = cycle_times(history, window[0], until, done_ids).cycle.median
    chart = burn_up(history, iteration_id)
    if not any(chart.scope_items):
        return median, ()
    days = tuple(
        BurnUpDay(day.isoformat(), scope, done, items, finished)
        for day, scope, done, items, finished in zip(
            chart.days,
            chart.scope_effort,
            chart.done_effort,
            chart.scope_items,
            chart.done_items,
            strict=True,
        )
    )
    return median, days


def story_as_at(current: Mapping[str, Any] | None, events: Iterable[Any], moment: str) -> dict:
    """An item's learner story and cost of inaction as they were at ``moment``.

    ``current`` holds the item's values now (``None`` for a deleted item, which
    has none left to tell); every later edit is undone: the first ``edited``
    event after ``moment`` that changed a field holds its value before.
    ``events`` are the item's events in log order (``ts``, ``kind``, ``data``).
    """
    if current is None:
        return dict.fromkeys(STORY_FIELDS, "")
    values = {name: str(current.get(name) or "") for name in STORY_FIELDS}
    undone: set[str] = set()
    for event in events:
        if event.ts <= moment or event.kind != EventKind.EDITED:
            continue
        before = event.data.get("before")
        if not isinstance(before, dict):
            continue
        for name in STORY_FIELDS:
            if name in before and name not in undone:
                values[name] = str(before[name] or "")
                undone.add(name)
    return values
