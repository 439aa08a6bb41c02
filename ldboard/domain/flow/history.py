"""The activity log replayed into each item's story (see the package docstring)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
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
_ACTIVE, _DONE = ColumnCategory.ACTIVE.value, ColumnCategory.DONE.value
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
    tuple of all ten in the same order will do (the store hands over its rows as
    they come).
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
    #: When the event was written, where ``ts`` is an earlier time it carries (an
    #: imported item's past, ``at`` in docs/file-format.md).
    logged: str | None = None


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
    #: What the metrics worked out from this story (such as its cycle time), kept
    #: while the story does not change: most stories are the same from one
    #: history to the next.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

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
    #: The ids of the stages in the active and in the done category.
    active_columns: frozenset[int] = frozenset()
    done_columns: frozenset[int] = frozenset()
    #: Stage id → day (ordinal) → how many more live items end that day in the
    #: stage than ended the day before: the cumulative flow of every item, as
    #: changes (see ``Replayer``).
    live_changes: Mapping[int, Mapping[int, int]] = field(default_factory=dict)
    #: Iteration id → the items ever planned into it (the burn-up's candidates).
    planned_into: Mapping[int, frozenset[int]] = field(default_factory=dict)
    #: Results shared by the metrics that ask for the same thing (finished items).
    memo: dict = field(default_factory=dict, compare=False, repr=False)

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
    return datetime.fromisoformat(ts)  # Python 3.11 reads the "Z" of UTC itself


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
    replayer = Replayer(stages)
    replayer.feed(events)
    return replayer.history(items, iterations=iterations, snapshots=snapshots, now=now)


class Replayer:
    """A replay that can be resumed: feed it the log in slices, or feed it only
    the events logged since the last history it gave.

    A board's log only grows, so the store keeps one replayer per open board
    and replays each event once, instead of a year of events on every chart
    refresh (see ``docs/performance.md``). Histories already handed out never
    change: a story that new events touch is copied before it is changed.
    """

    def __init__(self, stages: Iterable[Stage]) -> None:
        self.stages = {stage.id: stage for stage in stages}
        self._active = frozenset(i for i, s in self.stages.items() if s.category == _ACTIVE)
        self._done = frozenset(i for i, s in self.stages.items() if s.category == _DONE)
        self._stories: dict[int, ItemStory] = {}
        #: Stories handed out in a history since they were last copied.
        self._shared: set[int] = set()
        self._ordinals: dict[str, int] = {}
        self._planned: dict[int, set[int]] = {}
        self._live_changes: dict[int, dict[int, int]] = {}
        #: Events fed so far.
        self.fed = 0

    def same_categories(self, stages: Iterable[Stage]) -> bool:
        """Whether ``stages`` are the stages replayed so far, each in the same
        category (names and positions may differ: they do not change a replay)."""
        known = {s.id: s.category for s in self.stages.values()}
        return known == {s.id: s.category for s in stages}

    def feed(self, events: Iterable[FlowEvent]) -> None:
        """Replay more of the log, continuing where the last call stopped."""
        stories, ordinals = self._stories, self._ordinals
        active, done, planned = self._active, self._done, self._planned
        fed = 0
        # The stories this slice changes: their share of the live counts is taken
        # out before their first change and put back, as changed, at the end.
        touched: set[int] = set()
        # One pass over what may be 100,000 events: plain names and tuples, no enums.
        for item_id, ts, kind, column_id, iteration_id, named, undo, key, title, logged in events:
            fed += 1
            story = stories.get(item_id)
            if story is None:
                story = stories[item_id] = ItemStory(item_id)
                touched.add(item_id)
            elif item_id not in touched:
                touched.add(item_id)
                self._count_live(story.steps, -1)
                story = self._own(item_id)
            steps = story.steps
            if steps:
                latest, _, column, iteration, status = steps[-1]
                if ts < latest:
                    # Older than the story so far (an import's dated events written
                    # again by a redo): it counts when it was written, and never
                    # before the story's latest step, or the story would go back in
                    # time and count some days twice.
                    ts = logged if logged is not None and logged > latest else latest
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
                if iteration is not None:
                    planned.setdefault(iteration, set()).add(item_id)
            elif kind == _CREATED:
                # Undoing a deletion brings the item back as it was, archived or not.
                status = story.before_deletion if undo else LIVE
                column = column_id if column_id is not None else column
                iteration = iteration_id if named else None
                if iteration is not None:
                    planned.setdefault(iteration, set()).add(item_id)
                if not undo:
                    story.created_at = story.created_at or ts
                    if column in active:
                        story.started_at = story.started_at or ts
                    elif column in done:
                        story.finished_at = story.finished_at or ts
            elif kind == _ARCHIVED:
                status = ARCHIVED
            elif kind == _RESTORED:
                if status == DELETED:
                    # Undoing an import of an archived item: its "created" is undone
                    # before its "archived" (a change's events are undone in order).
                    continue
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
        for item_id in touched:
            self._count_live(stories[item_id].steps, 1)
        self.fed += fed

    def _own(self, item_id: int) -> ItemStory:
        """The story of ``item_id``, ready to change: copied first if a history
        handed out holds it, its memo cleared otherwise."""
        story = self._stories[item_id]
        if item_id in self._shared:
            story = self._stories[item_id] = _copy(story)
            self._shared.discard(item_id)
        elif story.memo:
            story.memo.clear()
        return story

    def _count_live(self, steps: Sequence[Step], sign: int) -> None:
        """Add (``sign`` 1) or take out (-1) one story's share of the live counts:
        +1 in its stage on each day it ends live there after ending elsewhere,
        -1 on the day it stops."""
        changes = self._live_changes
        count = len(steps)
        for n, (_, first, column, _, status) in enumerate(steps):
            until = steps[n + 1][1] if n + 1 < count else None
            if (until is not None and until <= first) or status != LIVE or column is None:
                continue
            days = changes.get(column)
            if days is None:
                days = changes[column] = {}
            days[first] = days.get(first, 0) + sign
            if until is not None:
                days[until] = days.get(until, 0) - sign

    def history(
        self,
        items: Iterable[ItemFacts],
        *,
        iterations: Sequence[Iteration] = (),
        snapshots: Mapping[int, IterationSnapshot] | None = None,
        now: str,
    ) -> FlowHistory:
        """The history so far, with what the board says about its items now."""
        stories = self._stories
        on_board: set[int] = set()
        for item_id, key, title, effort in items:
            on_board.add(item_id)
            story = stories.get(item_id)
            if story is None:  # an item the log does not know (made by hand): no history
                continue
            if story.key != key or story.title != title or story.effort != effort:
                story = self._own(item_id)
                story.key, story.title, story.effort = key, title, effort
        # A deleted item has no effort now (its key and title are the log's).
        for item_id in stories.keys() - on_board:
            if stories[item_id].effort is not None:
                self._own(item_id).effort = None
        self._shared = set(stories)
        return FlowHistory(
            self.stages,
            dict(stories),
            tuple(iterations),
            dict(snapshots or {}),
            now,
            self._active,
            self._done,
            {stage: dict(days) for stage, days in self._live_changes.items()},
            {iteration: frozenset(ids) for iteration, ids in self._planned.items()},
        )


def _copy(story: ItemStory) -> ItemStory:
    return replace(story, steps=list(story.steps), undo_stack=list(story.undo_stack), memo={})


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
