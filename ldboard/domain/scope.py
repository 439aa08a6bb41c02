"""An iteration's scope, told honestly, and the snapshot frozen when it closes.

Which items were *committed* when the iteration started, which were *added*
or *removed* while it ran, which were *done* and which were *carried over*
is read from the activity log: every change of an item's iteration writes a
``planned`` event with the iteration before and after (undo included, as the
inverse event), so replaying those events in log order against the moment
the iteration started tells each item's story. Items moved to the next
iteration therefore stay visible in the iteration they left, which is the
point (iteration reports that lose them cannot say what slipped).

The snapshot freezes the story with each item's title, scores and verdict
at close, so later edits to the items do not change what a closed iteration
reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

from ldboard.domain.enums import ColumnCategory, EventKind, Verdict
from ldboard.domain.frozen import (
    STORY_FIELDS,
    BurnUpDay,
    FrozenPerson,
    SnapshotRecord,
    burn_up_json,
    people_from_json,
    people_json,
)
from ldboard.domain.model import Iteration
from ldboard.domain.rules import parse_number
from ldboard.domain.rules import score as impact_per_effort

#: Why an item left an iteration as it closed, as its ``planned`` event says.
CARRIED_REASON = "carried over at close"
RETURNED_REASON = "returned to the backlog at close"


@dataclass(frozen=True, slots=True)
class PlanningEvent:
    """An item's iteration after one event of the log (``None`` = not planned)."""

    item_id: int
    ts: str
    iteration_id: int | None


def planning_event(
    item_id: int | None, ts: str, kind: str, data: Mapping[str, Any]
) -> PlanningEvent | None:
    """The planning step an activity-log event records, if it records one.

    ``planned`` events give the iteration after; ``deleted`` takes an item out
    of any iteration; ``created`` puts it where its data says (nowhere unless
    the event carries an ``iteration_id``, as the undo of a deletion does).
    """
    if item_id is None:
        return None
    after = data.get("after")
    if kind == EventKind.PLANNED:
        if not isinstance(after, Mapping) or "iteration_id" not in after:
            return None
        return PlanningEvent(item_id, ts, after["iteration_id"])
    if kind == EventKind.DELETED:
        return PlanningEvent(item_id, ts, None)
    if kind == EventKind.CREATED:
        where = after.get("iteration_id") if isinstance(after, Mapping) else None
        return PlanningEvent(item_id, ts, where)
    return None


def scope_start(iteration: Iteration) -> str | None:
    """The moment that separates an iteration's plan from its scope changes.

    ``started_at`` when the iteration was started with ldboard; for one started
    before the file recorded that moment, the first moment of its start date
    (UTC); ``None`` for an iteration that has not started.
    """
    if iteration.started_at:
        return iteration.started_at
    if iteration.state != "planned" and iteration.start:
        return f"{iteration.start}T00:00:00Z"
    return None


@dataclass(frozen=True, slots=True)
class Scope:
    """How one item took part in an iteration."""

    committed: bool = False
    added: bool = False
    removed: bool = False

    @property
    def in_scope(self) -> bool:
        """In the iteration at the end (now, or at close)."""
        return (self.committed or self.added) and not self.removed


def classify_scope(
    iteration_id: int,
    started_at: str | None,
    events: Iterable[PlanningEvent],
    members: Iterable[int],
) -> dict[int, Scope]:
    """Each item's part in an iteration, from its planning events in log order.

    * *committed*: in the iteration when it started (events at or before
      ``started_at``, to the second);
    * *added*: entered it after the start without having been in it at the start;
    * *removed*: committed or added, but not among ``members`` at the end.

    ``members`` are the items in the iteration now (the file is the truth; an
    item in it that no event explains counts as committed). An iteration that
    has not started (``started_at`` ``None``) has only committed items. Items
    that left before the start are not part of the story.
    """
    at_start: dict[int, bool] = {}
    where: dict[int, int | None] = {}
    added: set[int] = set()
    for event in events:
        item = event.item_id
        if started_at is None or event.ts <= started_at:
            where[item] = event.iteration_id
            continue
        if item not in at_start:
            at_start[item] = where.get(item) == iteration_id
        if event.iteration_id == iteration_id and not at_start[item]:
            added.add(item)
    for item, place in where.items():
        at_start.setdefault(item, place == iteration_id)
    final = set(members)
    result: dict[int, Scope] = {}
    for item in set(at_start) | added | final:
        committed = at_start.get(item, False) or (item in final and item not in added)
        is_added = item in added and not committed
        if committed or is_added:
            result[item] = Scope(committed, is_added, item not in final)
    return result


@dataclass(frozen=True, slots=True)
class ScopeLine:
    """One item ever in an iteration's scope, as it is now (or was at close).

    A deleted item keeps its key and title from the activity log and has no stage.
    """

    item_id: int
    key: str
    title: str
    stage: str = ""
    stage_category: str | None = None
    driver: str | None = None
    impact: int | None = None
    effort: int | None = None
    hypothesis: str = ""
    metric: str = ""
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None
    verdict: str = Verdict.UNTESTED.value
    archived: bool = False
    deleted: bool = False
    #: The iteration the item is in now (``None`` = not planned).
    iteration_id: int | None = None
    committed: bool = False
    added: bool = False
    removed: bool = False

    @property
    def done(self) -> bool:
        return self.stage_category == ColumnCategory.DONE and not self.deleted

    @property
    def in_scope(self) -> bool:
        return (self.committed or self.added) and not self.removed

    @property
    def unfinished(self) -> bool:
        return self.in_scope and not self.done

    @property
    def score(self) -> float | None:
        return impact_per_effort(self.impact, self.effort)


#: A line's fields up to (not including) its scope flags, in order.
_FACTS = attrgetter(*[f.name for f in fields(ScopeLine)][:-3])
assert [f.name for f in fields(ScopeLine)][-3:] == ["committed", "added", "removed"]


def scope_lines(
    iteration_id: int,
    started_at: str | None,
    items: Sequence[ScopeLine],
    events: Iterable[PlanningEvent],
) -> list[ScopeLine]:
    """The lines of ``items`` (facts, in display order) that took part, with their flags.

    An archived item that is not done counts as dropped from the scope
    (removed), even if it still points at the iteration.
    """
    members = [
        line.item_id
        for line in items
        if line.iteration_id == iteration_id
        and not line.deleted
        and (line.done or not line.archived)
    ]
    scopes = classify_scope(iteration_id, started_at, events, members)
    # Positional copies: ``dataclasses.replace`` costs more than the whole
    # classification on an iteration of a few hundred items.
    return [
        ScopeLine(*_FACTS(line), found.committed, found.added, found.removed)
        for line in items
        if (found := scopes.get(line.item_id)) is not None
    ]


# --- headline numbers --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IterationNumbers:
    """The headline of an iteration: effort points and item counts.

    *planned* is what is in the iteration at the end (done or not), *carried
    over* what is in it unfinished. Items without an effort count as 0 points
    and are counted in ``unscored_items``.
    """

    capacity: float | None = None
    planned_effort: float = 0.0
    committed_effort: float = 0.0
    added_effort: float = 0.0
    removed_effort: float = 0.0
    done_effort: float = 0.0
    carried_over_effort: float = 0.0
    items_planned: int = 0
    items_committed: int = 0
    items_added: int = 0
    items_removed: int = 0
    items_done: int = 0
    items_carried_over: int = 0
    unscored_items: int = 0

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.planned_effort > self.capacity

    def to_row(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def iteration_numbers(capacity: float | None, lines: Iterable[ScopeLine]) -> IterationNumbers:
    """The headline numbers of an iteration whose scope lines are ``lines``."""
    effort: dict[str, float] = dict.fromkeys(_FLAGS, 0.0)
    count: dict[str, int] = dict.fromkeys(_FLAGS, 0)
    unscored = 0
    for line in lines:
        points = float(line.effort or 0)
        flags = {
            "planned": line.in_scope,
            "committed": line.committed,
            "added": line.added,
            "removed": line.removed,
            "done": line.in_scope and line.done,
            "carried_over": line.unfinished,
        }
        for name, on in flags.items():
            if on:
                effort[name] += points
                count[name] += 1
        if line.in_scope and line.effort is None:
            unscored += 1
    return IterationNumbers(
        capacity=capacity,
        **{f"{name}_effort": effort[name] for name in _FLAGS},
        **{f"items_{name}": count[name] for name in _FLAGS},
        unscored_items=unscored,
    )


_FLAGS = ("planned", "committed", "added", "removed", "done", "carried_over")


# --- closing -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClosePreview:
    """What the close dialog shows: read before anything is written."""

    iteration: Iteration
    lines: tuple[ScopeLine, ...]
    numbers: IterationNumbers
    #: The planned iteration that unfinished items go to when sent "to the next iteration".
    next_iteration: Iteration | None
    #: The name a new next iteration gets when there is none.
    next_name: str

    @property
    def unfinished(self) -> tuple[ScopeLine, ...]:
        return tuple(line for line in self.lines if line.unfinished)

    @property
    def to_verdict(self) -> tuple[ScopeLine, ...]:
        """Done items with a hypothesis: the close asks for their verdict and actual."""
        return tuple(line for line in self.lines if line.in_scope and line.done and line.hypothesis)


def parse_actual(value: object) -> float | None:
    """An actual value as typed ("42", "3,5", "80 %") or given as a number; ``None`` if empty.

    Raises ``ValueError`` with a sentence for anything else. Baselines, targets
    and actuals are numbers in the board file, so an actual is always numeric.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("the actual value must be a number")
    if isinstance(value, int | float):
        return parse_number(repr(float(value)))
    return parse_number(str(value))


def verdict_value(verdict: object) -> str:
    """A verdict as stored; ``ValueError`` for an unknown one."""
    try:
        return Verdict(str(verdict)).value
    except ValueError:
        known = ", ".join(v.value for v in Verdict)
        raise ValueError(f"unknown verdict {verdict!r} (choose one of {known})") from None


@dataclass(frozen=True, slots=True)
class SnapshotItem:
    """One item of a closed iteration, frozen at close (a row of ``iteration_snapshot_items``)."""

    item_id: int
    position: int
    key: str
    title: str
    stage: str
    stage_category: str | None
    driver: str | None
    impact: int | None
    effort: int | None
    score: float | None
    committed: bool
    added: bool
    removed: bool
    done: bool
    carried_over: bool
    carried_to_iteration_id: int | None
    carried_to: str
    hypothesis: str
    metric: str
    baseline: float | None
    target: float | None
    actual: float | None
    verdict: str
    #: Frozen since file format 5 (see ``domain/frozen.py``).
    audience: str = ""
    need: str = ""
    outcome: str = ""
    cost_of_inaction: str = ""
    sponsors: tuple[FrozenPerson, ...] = ()
    smes: tuple[FrozenPerson, ...] = ()

    def to_row(self) -> dict[str, Any]:
        row = {f.name: getattr(self, f.name) for f in fields(self)}
        for flag in ("committed", "added", "removed", "done", "carried_over"):
            row[flag] = int(row[flag])
        row["sponsors"], row["smes"] = people_json(self.sponsors), people_json(self.smes)
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> SnapshotItem:
        values = {f.name: row[f.name] for f in fields(cls)}
        for flag in ("committed", "added", "removed", "done", "carried_over"):
            values[flag] = bool(values[flag])
        values["sponsors"] = people_from_json(values["sponsors"])
        values["smes"] = people_from_json(values["smes"])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class IterationSnapshot:
    """A closed iteration as it was when it closed (``iteration_snapshots`` and its items)."""

    iteration_id: int
    name: str
    goal: str
    start: str | None
    end: str | None
    started_at: str | None
    closed_at: str
    numbers: IterationNumbers
    items: tuple[SnapshotItem, ...] = ()
    #: Median cycle time in days of the items finished in the iteration (``None``: none).
    median_cycle_time_days: float | None = None
    #: The burn-up, one entry per day (empty: no history to draw it from).
    burn_up: tuple[BurnUpDay, ...] = ()
    #: When the stories, people, median and burn-up were recorded: the close, or the
    #: upgrade to format 5 for an older snapshot; ``None`` if they never were.
    recorded_at: str | None = None

    def row(self) -> dict[str, Any]:
        """The ``iteration_snapshots`` row, without its key (``iteration_id``)."""
        return {
            "name": self.name,
            "goal": self.goal,
            "start": self.start,
            "end": self.end,
            "started_at": self.started_at,
            "closed_at": self.closed_at,
            **self.numbers.to_row(),
            "median_cycle_time_days": self.median_cycle_time_days,
            "burn_up": burn_up_json(self.burn_up),
            "recorded_at": self.recorded_at,
        }

    def by_flag(self, flag: str) -> tuple[SnapshotItem, ...]:
        """Items with ``flag`` set (``committed``, ``added``, ``removed``, ``done``,
        ``carried_over``)."""
        return tuple(item for item in self.items if getattr(item, flag))


def freeze(
    iteration: Iteration,
    lines: Sequence[ScopeLine],
    *,
    closed_at: str,
    carried_to: Mapping[int, tuple[int | None, str]],
    record: SnapshotRecord | None = None,
) -> IterationSnapshot:
    """The snapshot of ``iteration`` closing at ``closed_at``.

    ``lines`` are its scope lines as they are after the close's own edits
    (verdicts and actuals recorded), in display order; ``carried_to`` says
    where each unfinished item goes: ``(iteration id, name)``, or
    ``(None, "")`` for the backlog. ``record``: what else it freezes (``frozen.py``).
    """
    items = []
    for position, line in enumerate(lines):
        target_id, target_name = carried_to.get(line.item_id, (None, ""))
        unfinished = line.unfinished
        story = record.stories.get(line.item_id, {}) if record else {}
        sponsors, smes = record.people.get(line.item_id, ((), ())) if record else ((), ())
        items.append(
            SnapshotItem(
                item_id=line.item_id,
                position=position,
                key=line.key,
                title=line.title,
                stage=line.stage,
                stage_category=line.stage_category,
                driver=line.driver,
                impact=line.impact,
                effort=line.effort,
                score=line.score,
                committed=line.committed,
                added=line.added,
                removed=line.removed,
                done=line.in_scope and line.done,
                carried_over=unfinished,
                carried_to_iteration_id=target_id if unfinished else None,
                carried_to=target_name if unfinished else "",
                hypothesis=line.hypothesis,
                metric=line.metric,
                baseline=line.baseline,
                target=line.target,
                actual=line.actual,
                verdict=line.verdict,
                **{name: str(story.get(name) or "") for name in STORY_FIELDS},
                sponsors=tuple(sponsors),
                smes=tuple(smes),
            )
        )
    return IterationSnapshot(
        iteration_id=iteration.id,
        name=iteration.name,
        goal=iteration.goal,
        start=iteration.start,
        end=iteration.end,
        started_at=iteration.started_at,
        closed_at=closed_at,
        numbers=iteration_numbers(iteration.capacity, lines),
        items=tuple(items),
        median_cycle_time_days=record.median_cycle_time_days if record else None,
        burn_up=record.burn_up if record else (),
        recorded_at=closed_at if record else None,
    )
