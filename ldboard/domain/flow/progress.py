"""Cumulative flow and burn-up: how much is where, day by day."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from ldboard.domain.enums import ColumnCategory
from ldboard.domain.flow.history import (
    ARCHIVED,
    DELETED,
    LIVE,
    FlowHistory,
    Stage,
    _days,
    _end_of_day_steps,
)
from ldboard.domain.model import Iteration

# --- cumulative flow --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StageBand:
    """One stage's band of the cumulative flow diagram: items in it per day."""

    stage: Stage
    counts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CumulativeFlow:
    days: tuple[date, ...]
    #: In board order (left to right); removed columns last.
    bands: tuple[StageBand, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        """Items on the board at the end of each day (the top of the stack)."""
        return tuple(sum(column) for column in zip(*(b.counts for b in self.bands), strict=True))

    @property
    def empty(self) -> bool:
        return not self.days or not any(any(band.counts) for band in self.bands)


def cumulative_flow(
    history: FlowHistory, start: date, end: date, item_ids: Collection[int] | None = None
) -> CumulativeFlow:
    """Live (neither archived nor deleted) items per stage at the end of each day.

    Every current column has a band, even an empty one; a removed column has one
    only if an item was in it during the range.
    """
    if end < start:
        return CumulativeFlow((), ())
    days = _days(start, end)
    size, origin = len(days), start.toordinal()
    deltas: dict[int, list[int]] = {stage_id: [0] * (size + 1) for stage_id in history.stages}
    for story in history.chosen(item_ids):
        for step, first, until in _end_of_day_steps(story.steps):
            if step.status != LIVE or step.column_id is None:
                continue
            lo = max(first - origin, 0)
            hi = size if until is None else min(until - origin, size)
            if lo >= hi:
                continue
            row = deltas.get(step.column_id)
            if row is None:
                row = deltas[step.column_id] = [0] * (size + 1)
            row[lo] += 1
            row[hi] -= 1
    bands = []
    for stage_id, row in deltas.items():
        running, counts = 0, []
        for change in row[:size]:
            running += change
            counts.append(running)
        bands.append(StageBand(history.stage(stage_id), tuple(counts)))
    bands.sort(key=lambda band: (band.stage.position, band.stage.id))
    return CumulativeFlow(days, tuple(bands))


# --- burn-up ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScopeChange:
    """A day on which an iteration's scope grew or shrank (after its first day)."""

    day: date
    added: tuple[int, ...]
    removed: tuple[int, ...]
    effort_delta: float


@dataclass(frozen=True, slots=True)
class BurnUp:
    iteration_id: int
    days: tuple[date, ...]
    scope_effort: tuple[float, ...]
    done_effort: tuple[float, ...]
    scope_items: tuple[int, ...]
    done_items: tuple[int, ...]
    changes: tuple[ScopeChange, ...]

    @property
    def empty(self) -> bool:
        return not self.days


def iteration_window(iteration: Iteration, today: date) -> tuple[date, date] | None:
    """The days an iteration's burn-up covers, never past ``today``; ``None``
    before it starts. From its start date (else the day it was started) to its
    end date (else the day it closed, else today)."""
    first = iteration.start or (iteration.started_at or "")[:10] or None
    if first is None:
        return None
    last = iteration.end or (iteration.closed_at or "")[:10] or today.isoformat()
    start, end = date.fromisoformat(first), min(date.fromisoformat(last), today)
    return (start, end) if end >= start else None


def burn_up(
    history: FlowHistory,
    iteration_id: int,
    item_ids: Collection[int] | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
) -> BurnUp:
    """Scope and done effort of an iteration at the end of each day.

    An item is in the scope on a day when, at the end of that day, it is planned
    into the iteration and not deleted; an archived item stays in it only if it
    is in a done column (archiving unfinished work drops it, as in the
    iteration's own numbers). It is *done* when it is in the scope and in a done
    column. Effort is the item's effort now (no effort counts 0); items are
    counted too. ``start``/``end`` override the iteration's own window.
    """
    iteration = next((it for it in history.iterations if it.id == iteration_id), None)
    window = iteration_window(iteration, history.today()) if iteration else None
    if start is None or end is None:
        if window is None:
            return BurnUp(iteration_id, (), (), (), (), (), ())
        start, end = start or window[0], end or window[1]
    if end < start:
        return BurnUp(iteration_id, (), (), (), (), (), ())
    days = _days(start, end)
    size, origin = len(days), start.toordinal()
    scope_effort = [0.0] * size
    done_effort = [0.0] * size
    scope_items = [0] * size
    done_items = [0] * size
    members: list[set[int]] = [set() for _ in range(size)]
    for story in history.chosen(item_ids):
        if not any(step.iteration_id == iteration_id for step in story.steps):
            continue
        points = float(story.effort or 0)
        for step, first, until in _end_of_day_steps(story.steps):
            if step.iteration_id != iteration_id or step.status == DELETED:
                continue
            is_done = history.category(step.column_id) == ColumnCategory.DONE
            if step.status == ARCHIVED and not is_done:
                continue
            lo = max(first - origin, 0)
            hi = size if until is None else min(until - origin, size)
            for n in range(lo, hi):
                scope_effort[n] += points
                scope_items[n] += 1
                members[n].add(story.item_id)
                if is_done:
                    done_effort[n] += points
                    done_items[n] += 1
    changes = []
    for n in range(1, size):
        added = members[n] - members[n - 1]
        removed = members[n - 1] - members[n]
        if added or removed:
            delta = scope_effort[n] - scope_effort[n - 1]
            changes.append(
                ScopeChange(days[n], tuple(sorted(added)), tuple(sorted(removed)), delta)
            )
    return BurnUp(
        iteration_id,
        days,
        tuple(scope_effort),
        tuple(done_effort),
        tuple(scope_items),
        tuple(done_items),
        tuple(changes),
    )
