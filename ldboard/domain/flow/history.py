"""The activity log replayed into each item's story (see the package docstring)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from ldboard.domain.enums import ColumnCategory, EventKind
from ldboard.domain.model import Iteration
from ldboard.domain.scope import IterationSnapshot

LIVE = "live"
ARCHIVED = "archived"
DELETED = "deleted"

#: The category of a stage the file no longer describes (a column removed before
#: the log recorded its category).
_UNKNOWN_CATEGORY = ColumnCategory.BACKLOG.value

_CREATED, _MOVED, _PLANNED = EventKind.CREATED.value, EventKind.MOVED.value, EventKind.PLANNED.value
_ARCHIVED, _RESTORED, _DELETED = (
    EventKind.ARCHIVED.value,
    EventKind.RESTORED.value,
    EventKind.DELETED.value,
)


# --- input ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stage:
    """A column of the board as the flow metrics see it (removed columns included)."""

    id: int
    name: str
    position: int
    category: str
    removed: bool = False


class FlowEvent(NamedTuple):
    """The parts of one item event that the flow metrics read, in this order.

    ``column_id`` is the column after the event (``after.column_id`` of
    ``created``/``moved``, ``column_id`` of ``archived``/``restored``);
    ``iteration_id`` the iteration after it when ``names_iteration``. A plain
    tuple in the same order will do (the store hands over its rows as they come).
    """

    item_id: int
    ts: str
    kind: str
    column_id: int | None = None
    iteration_id: int | None = None
    names_iteration: bool = False
    undo: bool = False
    key: str | None = None
    title: str | None = None


class ItemFacts(NamedTuple):
    """What the board says about an item now (absent for a deleted item)."""

    id: int
    key: str
    title: str
    effort: int | None = None


class Step(NamedTuple):
    """An item's state from ``ts`` on, until its next step (``day``: ``ts``'s
    calendar day as a proleptic ordinal, see :meth:`datetime.date.toordinal`)."""

    ts: str
    day: int
    column_id: int | None
    iteration_id: int | None
    status: str


@dataclass(slots=True)
class ItemStory:
    """One item's replayed story."""

    item_id: int
    key: str = ""
    title: str = ""
    effort: int | None = None
    created_at: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    steps: list[Step] = field(default_factory=list)
    #: Whether the item was live or archived when it was last deleted.
    before_deletion: str = LIVE
    #: (started_at, finished_at) before each move not yet undone, newest last.
    undo_stack: list[tuple[str | None, str | None]] = field(default_factory=list)

    @property
    def last(self) -> Step | None:
        return self.steps[-1] if self.steps else None


@dataclass(frozen=True, slots=True)
class FlowHistory:
    """A board's flow, replayed: its stages, every item's story, its iterations."""

    stages: Mapping[int, Stage]
    stories: Mapping[int, ItemStory]
    iterations: Sequence[Iteration] = ()
    snapshots: Mapping[int, IterationSnapshot] = field(default_factory=dict)
    #: The moment the history was read: "now" for ages and unfinished windows.
    now: str = ""

    def category(self, column_id: int | None) -> str:
        stage = self.stages.get(column_id) if column_id is not None else None
        return stage.category if stage else _UNKNOWN_CATEGORY

    def stage(self, column_id: int) -> Stage:
        return self.stages.get(column_id) or Stage(
            column_id, f"Removed column {column_id}", 10**6 + column_id, _UNKNOWN_CATEGORY, True
        )

    def chosen(self, item_ids: Collection[int] | None) -> Iterable[ItemStory]:
        if item_ids is None:
            return self.stories.values()
        return (story for i in item_ids if (story := self.stories.get(i)) is not None)

    def today(self) -> date:
        return day_of(self.now)


def day_of(ts: str) -> date:
    """The calendar day (UTC) of a file timestamp such as ``2026-11-23T09:30:00Z``."""
    return date.fromisoformat(ts[:10])


def elapsed_days(start: str, end: str) -> float:
    """Days between two file timestamps, as elapsed time (seconds ÷ 86,400)."""
    return (_moment(end) - _moment(start)).total_seconds() / 86400


def _moment(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


# --- replay -----------------------------------------------------------------------------


def replay(
    stages: Iterable[Stage],
    items: Iterable[ItemFacts],
    events: Iterable[FlowEvent],
    *,
    iterations: Sequence[Iteration] = (),
    snapshots: Mapping[int, IterationSnapshot] | None = None,
    now: str,
) -> FlowHistory:
    """Replay ``events`` (in log order) into every item's story, in one pass."""
    by_id = {stage.id: stage for stage in stages}
    active = {i for i, s in by_id.items() if s.category == ColumnCategory.ACTIVE}
    done = {i for i, s in by_id.items() if s.category == ColumnCategory.DONE}
    stories: dict[int, ItemStory] = {}
    ordinals: dict[str, int] = {}
    # One pass over what may be 100,000 events: plain names and tuples, no enums.
    for item_id, ts, kind, column_id, iteration_id, named, undo, key, title in events:
        story = stories.get(item_id)
        if story is None:
            story = stories[item_id] = ItemStory(item_id)
        steps = story.steps
        if steps:
            _, _, column, iteration, status = steps[-1]
        else:
            column, iteration, status = None, None, DELETED
        if key:
            story.key, story.title = key, title or story.title
        if kind == _MOVED:
            column = column_id
            if undo:
                if story.undo_stack:
                    story.started_at, story.finished_at = story.undo_stack.pop()
            else:
                story.undo_stack.append((story.started_at, story.finished_at))
                if column in active:
                    story.started_at = story.started_at or ts
                elif column in done:
                    story.finished_at = story.finished_at or ts
        elif kind == _PLANNED:
            if not named:
                continue
            iteration = iteration_id
        elif kind == _CREATED:
            # Undoing a deletion brings the item back as it was, archived or not.
            status = story.before_deletion if undo else LIVE
            column = column_id if column_id is not None else column
            iteration = iteration_id if named else None
            if not undo:
                story.created_at = story.created_at or ts
                if column in active:
                    story.started_at = story.started_at or ts
                elif column in done:
                    story.finished_at = story.finished_at or ts
        elif kind == _ARCHIVED:
            status = ARCHIVED
        elif kind == _RESTORED:
            status = LIVE
            column = column_id if column_id is not None else column
        elif kind == _DELETED:
            story.before_deletion = status if status != DELETED else LIVE
            status, iteration = DELETED, None
        else:
            continue
        day = ordinals.get(ts[:10])
        if day is None:
            day = ordinals[ts[:10]] = date.fromisoformat(ts[:10]).toordinal()
        steps.append(Step(ts, day, column, iteration, status))
    for facts in items:
        story = stories.get(facts.id)
        if story is None:  # an item the log does not know (made by hand): no history
            continue
        story.key, story.title, story.effort = facts.key, facts.title, facts.effort
    return FlowHistory(by_id, stories, tuple(iterations), dict(snapshots or {}), now)


def _end_of_day_steps(steps: Sequence[Step]) -> Iterable[tuple[Step, int, int | None]]:
    """Each step that is an item's state at the end of at least one day, with the
    first such day and the day it stops being so (``None``: still is), as ordinals."""
    count = len(steps)
    for n, step in enumerate(steps):
        until = steps[n + 1].day if n + 1 < count else None
        if until is None or until > step.day:
            yield step, step.day, until


def _days(start: date, end: date) -> tuple[date, ...]:
    return tuple(start + timedelta(days=n) for n in range((end - start).days + 1))
