"""The iteration summary: what one iteration achieved and learned, as plain data.

Every exporter (Markdown, HTML, PDF, CSV, JSON) renders the same
``IterationSummary``; none of them reads the board. That keeps the formats
in step and makes each one a pure function that is easy to test. How the
human-readable formats put it in words is in ``wording.py``.

A **closed** iteration is told from its snapshot (``iteration_snapshots``),
so what it tells is the same whenever it is exported: the snapshot freezes the
scope, each item's story and people, the median cycle time and the burn-up
(``domain/frozen.py``). Only the retrospective, the thanks log and the
requests are read as they are now: they are usually written after the close
(``summary_practice.py``). The **active** iteration is told live from
the board, as a "so far" report stamped with the moment it was read, its flow
figures replayed from the activity log (``Board.flow_history()``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ldboard.domain.enums import Driver, ItemRole, RetroKind, Verdict
from ldboard.domain.flow import FlowHistory, day_of
from ldboard.domain.frozen import STORY_FIELDS, BurnUpDay, iteration_flow
from ldboard.domain.model import Iteration
from ldboard.domain.scope import (
    IterationNumbers,
    IterationSnapshot,
    ScopeLine,
    SnapshotItem,
    iteration_numbers,
)
from ldboard.io.moments import moment_text
from ldboard.io.summary_practice import RequestsSummary, Thanks, partners_thanks, with_practice
from ldboard.store import Board

#: The order of "what we learned": what held first, what was never tested last.
VERDICT_ORDER = (
    Verdict.VALIDATED.value,
    Verdict.INVALIDATED.value,
    Verdict.INCONCLUSIVE.value,
    Verdict.UNTESTED.value,
)
#: The owner shown for an action that has none: the board's own lead.
LEAD = "You"
#: Fields of an item that scope lines and snapshot rows both carry, copied as they are.
_COPIED = (
    "item_id",
    "key",
    "title",
    "stage",
    "stage_category",
    "driver",
    "impact",
    "effort",
    "score",
    "committed",
    "added",
    "removed",
    "hypothesis",
    "metric",
    "baseline",
    "target",
    "actual",
    "verdict",
)


class SummaryError(ValueError):
    """An iteration that cannot be summarised; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class SummaryItem:
    """One item that took part in the iteration, with everything a summary tells of it."""

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
    #: In the iteration and unfinished (at close, or now for a live report).
    unfinished: bool
    #: Where an unfinished item went at close ("" = the backlog, or still running).
    carried_to: str
    hypothesis: str
    metric: str
    baseline: float | None
    target: float | None
    actual: float | None
    verdict: str
    audience: str = ""
    need: str = ""
    outcome: str = ""
    cost_of_inaction: str = ""
    sponsors: tuple[str, ...] = ()
    smes: tuple[str, ...] = ()
    #: "done", "carried over", "in progress" or "removed".
    status: str = ""

    @property
    def in_scope(self) -> bool:
        return (self.committed or self.added) and not self.removed

    @property
    def driver_label(self) -> str:
        return Driver(self.driver).label if self.driver else ""

    @property
    def verdict_label(self) -> str:
        return Verdict(self.verdict).label

    @property
    def has_story(self) -> bool:
        return bool(self.audience or self.need or self.outcome)

    def to_row(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class ActionLine:
    """A retrospective action: its owner (a person's name, or the lead), due date, tick."""

    text: str
    owner: str
    due: str | None
    done: bool
    #: For actions carried from earlier iterations: where it was written and how often it slipped.
    written_in: str = ""
    slips: int = 0


@dataclass(frozen=True, slots=True)
class DriverServed:
    """A business driver and the items done for it."""

    driver: str
    label: str
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IterationSummary:
    """Everything an exported iteration summary says, in the order it says it."""

    board_name: str
    iteration_id: int
    name: str
    goal: str
    start: str | None
    end: str | None
    #: "closed" (from the snapshot) or "active" (live, "so far").
    state: str
    #: True for a report read live from the board rather than from a snapshot.
    live: bool
    #: The moment the figures describe: the close, or when a live report was read.
    as_of: str
    started_at: str | None
    closed_at: str | None
    numbers: IterationNumbers
    #: Median cycle time in days of the items finished in the iteration (``None`` = not known).
    median_cycle_time_days: float | None
    items: tuple[SummaryItem, ...]
    went_well: tuple[str, ...]
    to_improve: tuple[str, ...]
    actions: tuple[ActionLine, ...]
    carried_actions: tuple[ActionLine, ...]
    thanks: tuple[Thanks, ...]
    #: Sentences the reader must know (e.g. a closed iteration without a snapshot).
    notes: tuple[str, ...] = ()
    #: The burn-up, one entry per day (empty: no history, no chart).
    burn_up: tuple[BurnUpDay, ...] = ()
    #: Requests received in the iteration's dates (``summary_practice.py``, read live).
    requests: RequestsSummary | None = None

    @property
    def throughput(self) -> int:
        """Items finished in the iteration."""
        return self.numbers.items_done

    @property
    def learned(self) -> tuple[SummaryItem, ...]:
        """Items of the iteration with a hypothesis, validated ones first."""
        tested = [item for item in self.items if item.in_scope and item.hypothesis.strip()]
        return tuple(sorted(tested, key=lambda item: _verdict_rank(item.verdict)))

    @property
    def drivers_served(self) -> tuple[DriverServed, ...]:
        """Each business driver with the items done for it, in the drivers' own order."""
        by_driver: dict[str, list[str]] = {}
        for item in self.items:
            if item.done and item.driver:
                by_driver.setdefault(item.driver, []).append(item.key)
        return tuple(
            DriverServed(driver.value, driver.label, tuple(by_driver[driver.value]))
            for driver in Driver
            if driver.value in by_driver
        )

    @property
    def costs_of_inaction(self) -> tuple[SummaryItem, ...]:
        return tuple(i for i in self.items if i.in_scope and i.cost_of_inaction.strip())

    @property
    def unfinished(self) -> tuple[SummaryItem, ...]:
        return tuple(item for item in self.items if item.unfinished)

    @property
    def removed(self) -> tuple[SummaryItem, ...]:
        return tuple(item for item in self.items if item.removed)


# --- building a summary ---------------------------------------------------------------------


def find_iteration(board: Board, wanted: str) -> Iteration:
    """The iteration ``wanted`` names: its id, its name (ignoring case), ``current`` (the
    active one) or ``last`` (the one closed last). ``SummaryError`` if there is none."""
    iterations = board.iterations()
    text = wanted.strip()
    lowered = text.casefold()
    if lowered == "current":
        found = next((i for i in iterations if i.state == "active"), None)
        if found is None:
            raise SummaryError("no iteration is running: “current” needs an active iteration.")
        return found
    if lowered == "last":
        closed = [i for i in iterations if i.state == "closed"]
        if not closed:
            raise SummaryError("no iteration has been closed yet: “last” needs a closed one.")
        return closed[-1]
    by_name = [i for i in iterations if i.name.strip().casefold() == lowered]
    if by_name:
        return by_name[0]
    if text.isdigit():
        by_id = next((i for i in iterations if i.id == int(text)), None)
        if by_id is not None:
            return by_id
    names = ", ".join(f"“{i.name}”" for i in iterations) or "none"
    raise SummaryError(
        f"no iteration is called “{text}”. Give a name, an id, “current” or “last” "
        f"(iterations on this board: {names})."
    )


def build_summary(
    board: Board, iteration_id: int, *, history: FlowHistory | None = None
) -> IterationSummary:
    """The summary of a closed or active iteration (``SummaryError`` for a planned one).

    ``history`` is the board's ``flow_history()`` if the caller has it at hand;
    it is read here only when the figures are not frozen in a snapshot.
    """
    iteration = board.iteration(iteration_id)
    if iteration is None:
        raise SummaryError(f"iteration {iteration_id} does not exist.")
    if iteration.state == "planned":
        raise SummaryError(
            f"“{iteration.name}” has not started yet: there is nothing to summarise. "
            "Start it, or choose an active or closed iteration."
        )
    snapshot = board.snapshot(iteration_id) if iteration.state == "closed" else None
    notes: list[str] = []
    names = _names(board)
    titles = {person.name: person.role for person in board.people()}
    if snapshot is not None and snapshot.recorded_at is not None:
        items = tuple(_from_record(line) for line in snapshot.items)
        titles = _frozen_titles(snapshot)
        median, burn_up = snapshot.median_cycle_time_days, snapshot.burn_up
        if snapshot.recorded_at != snapshot.closed_at:
            notes.append(_upgrade_note(snapshot.recorded_at))
    elif snapshot is not None:  # frozen without its record: read that part now
        items = tuple(
            _from_snapshot(board, names, line, snapshot.closed_at) for line in snapshot.items
        )
        done = [line.item_id for line in snapshot.items if line.done]
        history = history or board.flow_history()
        median, burn_up = iteration_flow(history, iteration_id, done, day_of(snapshot.closed_at))
    if snapshot is not None:
        numbers, as_of = snapshot.numbers, snapshot.closed_at
        name, goal, start, end = snapshot.name, snapshot.goal, snapshot.start, snapshot.end
    else:
        lines = board.scope(iteration_id)
        closing = iteration.state == "closed"
        items = tuple(_from_scope(board, names, n, line, closing) for n, line in enumerate(lines))
        numbers = iteration_numbers(iteration.capacity, lines)
        as_of = board.now()
        name, goal, start, end = iteration.name, iteration.goal, iteration.start, iteration.end
        history = history or board.flow_history()
        until = day_of(iteration.closed_at) if iteration.closed_at else history.today()
        done = [item.item_id for item in items if item.done]
        median, burn_up = iteration_flow(history, iteration_id, done, until)
        if closing:
            notes.append(
                "This iteration was closed before ldboard kept a record of it at close; "
                "its figures are read from the board as it is now."
            )
    went_well, to_improve, actions = _retrospective(board, iteration_id)
    summary = IterationSummary(
        board_name=board.name,
        iteration_id=iteration.id,
        name=name,
        goal=goal,
        start=start,
        end=end,
        state=iteration.state,
        live=snapshot is None,
        as_of=as_of,
        started_at=iteration.started_at,
        closed_at=iteration.closed_at,
        numbers=numbers,
        median_cycle_time_days=median,
        items=items,
        went_well=went_well,
        to_improve=to_improve,
        actions=actions,
        carried_actions=_carried(board, iteration_id),
        thanks=partners_thanks(items, titles),
        notes=tuple(notes),
        burn_up=burn_up,
    )
    return with_practice(board, summary, snapshot)  # the thanks log and requests, live


def _upgrade_note(recorded_at: str) -> str:
    return (
        "This iteration closed before ldboard recorded its people, stories and flow at "
        f"close; they were recorded when the board was upgraded ({moment_text(recorded_at)})."
    )


def _frozen_titles(snapshot: IterationSnapshot) -> dict[str, str]:
    """Job titles of the people a snapshot names, as it recorded them."""
    return {
        person.name: person.job_title
        for item in snapshot.items
        for person in (*item.sponsors, *item.smes)
    }


def _from_record(line: SnapshotItem) -> SummaryItem:
    """A snapshot item told entirely from what the snapshot froze."""
    story = {name: getattr(line, name) for name in STORY_FIELDS}
    sponsors = tuple(sorted(p.name for p in line.sponsors))
    return _snapshot_item(line, sponsors, tuple(sorted(p.name for p in line.smes)), story)


def _from_snapshot(
    board: Board, names: dict[int, str], line: SnapshotItem, closed_at: str
) -> SummaryItem:
    story = board.stories_at([line.item_id], closed_at)[line.item_id]
    sponsors, smes = _partners(board, names, line.item_id)
    return _snapshot_item(line, sponsors, smes, story)


def _snapshot_item(
    line: SnapshotItem, sponsors: tuple[str, ...], smes: tuple[str, ...], story: dict[str, str]
) -> SummaryItem:
    status = "done" if line.done else "carried over" if line.carried_over else "removed"
    return SummaryItem(
        **_copied(line),
        position=line.position,
        done=line.done,
        unfinished=line.carried_over,
        carried_to=line.carried_to,
        sponsors=sponsors,
        smes=smes,
        status=status,
        **story,
    )


def _from_scope(
    board: Board, names: dict[int, str], position: int, line: ScopeLine, closed: bool
) -> SummaryItem:
    item = None if line.deleted else board.item(line.item_id)
    story = {name: getattr(item, name) if item else "" for name in STORY_FIELDS}
    sponsors, smes = _partners(board, names, line.item_id)
    done = line.in_scope and line.done
    if done:
        status = "done"
    elif line.unfinished:
        status = "carried over" if closed else "in progress"
    else:
        status = "removed"
    return SummaryItem(
        **_copied(line),
        position=position,
        done=done,
        unfinished=line.unfinished,
        carried_to="",
        sponsors=sponsors,
        smes=smes,
        status=status,
        **story,
    )


def _copied(line: ScopeLine | SnapshotItem) -> dict[str, Any]:
    """The fields a summary item takes as they are from a scope line or a snapshot row."""
    return {name: getattr(line, name) for name in _COPIED}


def _partners(
    board: Board, names: dict[int, str], item_id: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of an item's sponsors and subject-matter experts."""
    sponsors, smes = [], []
    for person_id, role in board.item_people(item_id):
        if role == ItemRole.SPONSOR:
            sponsors.append(names.get(person_id, ""))
        elif role == ItemRole.SME:
            smes.append(names.get(person_id, ""))
    return tuple(sorted(filter(None, sponsors))), tuple(sorted(filter(None, smes)))


def _names(board: Board) -> dict[int, str]:
    return {person.id: person.name for person in board.people()}


def _retrospective(
    board: Board, iteration_id: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[ActionLine, ...]]:
    owners = _names(board)
    went_well, to_improve, actions = [], [], []
    for entry in board.retro_entries(iteration_id):
        if entry.kind == RetroKind.WENT_WELL:
            went_well.append(entry.text)
        elif entry.kind == RetroKind.TO_IMPROVE:
            to_improve.append(entry.text)
        elif entry.kind == RetroKind.ACTION:
            owner = owners.get(entry.owner_id, LEAD) if entry.owner_id else LEAD
            actions.append(ActionLine(entry.text, owner, entry.due, entry.done_at is not None))
    return tuple(went_well), tuple(to_improve), tuple(actions)


def _carried(board: Board, iteration_id: int) -> tuple[ActionLine, ...]:
    owners = _names(board)
    return tuple(
        ActionLine(
            carried.entry.text,
            owners.get(carried.entry.owner_id, LEAD) if carried.entry.owner_id else LEAD,
            carried.entry.due,
            carried.entry.done_at is not None,
            written_in=carried.written_in.name,
            slips=carried.slips,
        )
        for carried in board.carried_actions(iteration_id)
    )


def _verdict_rank(verdict: str) -> int:
    return VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER)
