"""Cycle and lead time, throughput and work-item age: how fast work finishes."""

from __future__ import annotations

import math
import statistics
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ldboard.domain.flow.history import (
    DELETED,
    LIVE,
    FlowHistory,
    ItemStory,
    Stage,
    day_of,
    elapsed_days,
)
from ldboard.domain.flow.progress import iteration_window

# --- finished items: cycle and lead time --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Summary:
    """The middle and the 85th percentile of some durations, in days."""

    count: int = 0
    median: float | None = None
    p85: float | None = None


def percentile(values: Sequence[float], p: float) -> float | None:
    """The nearest-rank ``p``-th percentile: the smallest value that at least ``p``
    per cent of ``values`` do not exceed. ``None`` when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summarise(values: Sequence[float]) -> Summary:
    if not values:
        return Summary()
    return Summary(len(values), statistics.median(values), percentile(values, 85))


@dataclass(frozen=True, slots=True)
class FinishedItem:
    item_id: int
    key: str
    title: str
    created_at: str
    started_at: str | None
    finished_at: str
    #: ``None`` when the item never entered an active column.
    cycle_days: float | None
    lead_days: float

    @property
    def finished_on(self) -> date:
        return day_of(self.finished_at)


@dataclass(frozen=True, slots=True)
class CycleTimes:
    items: tuple[FinishedItem, ...]
    cycle: Summary
    lead: Summary

    @property
    def empty(self) -> bool:
        return not self.items


def finished_items(
    history: FlowHistory, start: date, end: date, item_ids: Collection[int] | None = None
) -> list[FinishedItem]:
    """Items finished between ``start`` and ``end`` (days included), by finish time.

    Finished: not deleted, in a done column now, with a first entry into a done
    column (archived finished items count). Cycle time, throughput and age all
    ask for these, so a history remembers the answer for the same question.
    """
    question = ("finished", start, end, None if item_ids is None else frozenset(item_ids))
    known = history.memo.get(question)
    if known is None:
        known = history.memo[question] = tuple(_finished(history, start, end, item_ids))
    return list(known)


def _finished(
    history: FlowHistory, start: date, end: date, item_ids: Collection[int] | None
) -> list[FinishedItem]:
    found = []
    done = history.done_columns
    # Compare day strings: "2026-03-01" sorts as the date does.
    first, last_day = start.isoformat(), end.isoformat()
    for story in history.chosen(item_ids):
        steps = story.steps
        if not steps:
            continue
        last = steps[-1]
        finished = story.finished_at
        if (
            finished is None
            or last.status == DELETED
            or story.created_at is None
            or last.column_id not in done
            or not first <= finished[:10] <= last_day
        ):
            continue
        item = story.memo.get("finished")
        if item is None:
            item = story.memo["finished"] = _finished_item(story, finished)
        found.append(item)
    found.sort(key=_finish_order)
    return found


def _finish_order(item: FinishedItem) -> tuple[str, int]:
    return item.finished_at, item.item_id


def _finished_item(story: ItemStory, finished: str) -> FinishedItem:
    created = story.created_at or finished
    started = story.started_at if story.started_at and story.started_at <= finished else None
    return FinishedItem(
        story.item_id,
        story.key,
        story.title,
        created,
        started,
        finished,
        elapsed_days(started, finished) if started else None,
        elapsed_days(created, finished),
    )


def cycle_times(
    history: FlowHistory, start: date, end: date, item_ids: Collection[int] | None = None
) -> CycleTimes:
    """Cycle time (started → finished) and lead time (created → finished) of the
    items finished in the range, with their median and 85th percentile."""
    items = finished_items(history, start, end, item_ids)
    cycles = [item.cycle_days for item in items if item.cycle_days is not None]
    return CycleTimes(tuple(items), summarise(cycles), summarise([i.lead_days for i in items]))


# --- throughput -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IterationThroughput:
    iteration_id: int
    name: str
    items: int
    effort: float
    #: ``"snapshot"`` for a closed iteration's frozen record, ``"events"`` otherwise.
    source: str


@dataclass(frozen=True, slots=True)
class WeekThroughput:
    year: int
    week: int
    monday: date
    items: int
    effort: float


@dataclass(frozen=True, slots=True)
class Throughput:
    iterations: tuple[IterationThroughput, ...]
    weeks: tuple[WeekThroughput, ...]

    @property
    def empty(self) -> bool:
        return not any(i.items for i in self.iterations) and not any(w.items for w in self.weeks)


def throughput(
    history: FlowHistory, start: date, end: date, item_ids: Collection[int] | None = None
) -> Throughput:
    """Items (and effort) finished per iteration and per ISO week.

    Iterations: those that have started and whose days overlap the range, in
    order of start. A closed iteration with a snapshot counts its snapshot's
    done items; any other counts the items in it now that are in a done column
    (archived ones included, deleted ones not). Weeks: the finished items of
    :func:`finished_items` by the ISO week of their finish day, every week of
    the range listed, empty ones too.
    """
    chosen = None if item_ids is None else set(item_ids)
    rows = []
    done_now: dict[int, tuple[int, float]] = {}  # iteration → items, effort done in it now
    for story in history.chosen(chosen):
        last = story.last
        if (
            last is not None
            and last.iteration_id is not None
            and last.status != DELETED
            and last.column_id in history.done_columns
        ):
            count, effort = done_now.get(last.iteration_id, (0, 0.0))
            done_now[last.iteration_id] = (count + 1, effort + float(story.effort or 0))
    today = history.today()
    for iteration in sorted(history.iterations, key=lambda it: (it.start or "", it.id)):
        window = iteration_window(iteration, today)
        if window is None or window[1] < start or window[0] > end:
            continue
        snapshot = history.snapshots.get(iteration.id)
        if snapshot is not None:
            done = [s for s in snapshot.items if s.done and (chosen is None or s.item_id in chosen)]
            effort = sum(float(s.effort or 0) for s in done)
            rows.append(
                IterationThroughput(iteration.id, iteration.name, len(done), effort, "snapshot")
            )
            continue
        count, effort = done_now.get(iteration.id, (0, 0.0))
        rows.append(IterationThroughput(iteration.id, iteration.name, count, effort, "events"))
    weeks: dict[date, list[float]] = {}
    if end >= start:
        monday = start - timedelta(days=start.weekday())
        while monday <= end:
            weeks[monday] = [0, 0.0]
            monday += timedelta(days=7)
    for item in finished_items(history, start, end, chosen):
        day = item.finished_on
        slot = weeks[day - timedelta(days=day.weekday())]
        slot[0] += 1
        slot[1] += float(history.stories[item.item_id].effort or 0)
    return Throughput(
        tuple(rows),
        tuple(
            WeekThroughput(*monday.isocalendar()[:2], monday, int(count), effort)
            for monday, (count, effort) in weeks.items()
        ),
    )


# --- work-item age ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgingItem:
    item_id: int
    key: str
    title: str
    stage: Stage
    started_at: str
    age_days: float


@dataclass(frozen=True, slots=True)
class WorkItemAge:
    items: tuple[AgingItem, ...]
    #: The 85th percentile of the cycle times of items finished in the range.
    cycle_p85: float | None

    @property
    def over_p85(self) -> tuple[AgingItem, ...]:
        """Items in progress for longer than 85 % of finished items took."""
        if self.cycle_p85 is None:
            return ()
        return tuple(item for item in self.items if item.age_days > self.cycle_p85)

    @property
    def empty(self) -> bool:
        return not self.items


def work_item_age(
    history: FlowHistory, start: date, end: date, item_ids: Collection[int] | None = None
) -> WorkItemAge:
    """Items in progress now (live, in an active column) and how long since each
    first entered an active column, oldest first, against the 85th-percentile
    cycle time of the items finished between ``start`` and ``end``."""
    aging = []
    for story in history.chosen(item_ids):
        last = story.last
        if (
            last is None
            or last.status != LIVE
            or last.column_id is None
            or story.started_at is None
            or last.column_id not in history.active_columns
        ):
            continue
        aging.append(
            AgingItem(
                story.item_id,
                story.key,
                story.title,
                history.stage(last.column_id),
                story.started_at,
                max(elapsed_days(story.started_at, history.now), 0.0),
            )
        )
    aging.sort(key=lambda item: (-item.age_days, item.item_id))
    return WorkItemAge(tuple(aging), cycle_times(history, start, end, item_ids).cycle.p85)
