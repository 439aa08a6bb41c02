"""Cumulative flow and burn-up: how much is where, day by day."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ldboard.domain.flow.history import (
    ARCHIVED,
    DELETED,
    LIVE,
    FlowHistory,
    ItemStory,
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
    if item_ids is None:
        _add_kept_changes(deltas, history.live_changes, origin, size)
    else:
        _add_changes(deltas, history.chosen(item_ids), origin, size)
    bands = []
    for stage_id, row in deltas.items():
        running, counts = 0, []
        for change in row[:size]:
            running += change
            counts.append(running)
        if stage_id in history.stages or any(counts):
            bands.append(StageBand(history.stage(stage_id), tuple(counts)))
    bands.sort(key=lambda band: (band.stage.position, band.stage.id))
    return CumulativeFlow(days, tuple(bands))


def _add_kept_changes(
    deltas: dict[int, list[int]], changes: Mapping[int, Mapping[int, int]], origin: int, size: int
) -> None:
    """Every item's changes, as the replay keeps them: those before the range
    all fall on its first day."""
    for stage_id, days in changes.items():
        row = deltas.get(stage_id)
        if row is None:
            row = deltas[stage_id] = [0] * (size + 1)
        for day, change in days.items():
            offset = day - origin
            if offset < size:
                row[offset if offset > 0 else 0] += change


def _add_changes(
    deltas: dict[int, list[int]], stories: Iterable[ItemStory], origin: int, size: int
) -> None:
    """The changes of some items, from their steps. A step counts on the days from
    its own to the next step's, exclusive, when it is the state the item ends
    the day in (the next step is on a later day)."""
    for story in stories:
        steps = story.steps
        if not steps:
            continue
        following = [step[1] for step in steps[1:]]
        following.append(origin + size)
        for (_, first, column, _, status), until in zip(steps, following, strict=True):
            if until <= first or status != LIVE or column is None:
                continue
            lo = first - origin
            hi = until - origin
            if hi <= 0 or lo >= size:
                continue
            row = deltas.get(column)
            if row is None:
                row = deltas[column] = [0] * (size + 1)
            row[lo if lo > 0 else 0] += 1
            row[hi if hi < size else size] -= 1


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
    candidates = history.planned_into.get(iteration_id, frozenset())
    if item_ids is not None:
        candidates = candidates.intersection(item_ids)
    for story in history.chosen(sorted(candidates)):
        points = float(story.effort or 0)
        for step, first, until in _end_of_day_steps(story.steps):
            if step.iteration_id != iteration_id or step.status == DELETED:
                continue
            is_done = step.column_id in history.done_columns
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
