"""What the L&D practice adds to an iteration summary: the thank-you notes of the
thanks log, and the requests that came in and were handled without training.

Both are read **live** from the board for the iteration's dates, even for a
closed iteration whose other figures are frozen at close: a thank-you is often
written down days after the close, and the summary should show it, and a
request's triage is a decision that keeps its meaning whenever it was made.
The dates are a window, from the iteration's start to its end date; for a
closed iteration to its end date or its close, whichever is later, so that
nothing recorded on the last days falls between two iterations.

A module of its own so that ``summary.py`` stays a readable size. It does not
import it (``summary.py`` imports this one, and modules never import round a
loop), so it names what it reads of a summary and its items as protocols.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from ldboard.domain.intake import Triage
from ldboard.domain.practice import RequestLine
from ldboard.domain.scope import IterationSnapshot
from ldboard.io.requests_report import ORDER
from ldboard.store import Board


@dataclass(frozen=True, slots=True)
class ThanksNote:
    """A thank-you recorded in the thanks log: when, what for, and the item it names."""

    given_on: str
    text: str
    #: The key of the item it was for ("" when none is named or the item is gone).
    item_key: str = ""


@dataclass(frozen=True, slots=True)
class Thanks:
    """A partner who contributed to the iteration's items or was thanked in its dates."""

    name: str
    job_title: str
    sponsor_of: tuple[str, ...]
    sme_on: tuple[str, ...]
    #: Thank-you notes from the thanks log dated in the iteration, oldest first.
    notes: tuple[ThanksNote, ...] = ()


@dataclass(frozen=True, slots=True)
class HandledRequest:
    """A request resolved without building training, and what was recommended instead."""

    key: str
    title: str
    requested_on: str
    recommendation: str


@dataclass(frozen=True, slots=True)
class RequestsSummary:
    """The requests that came in during the iteration's dates, and those handled
    without building training (a result leadership should see)."""

    #: The first and last day of the window (``YYYY-MM-DD``).
    window: tuple[str, str]
    #: ``(triage state, count)`` of the requests received in the window, states as now,
    #: in the requests report's order; states with no request are left out.
    received: tuple[tuple[str, int], ...]
    #: Requests received in the window and resolved without training.
    handled: tuple[HandledRequest, ...]
    #: Every request on the board resolved without training so far (archived ones too).
    handled_total: int
    #: Whether the board has any request at all (if not, the formats leave the section out).
    any_on_board: bool

    @property
    def received_total(self) -> int:
        return sum(count for _, count in self.received)


class _Partnered(Protocol):
    """What the thanks read of a summary item."""

    @property
    def key(self) -> str: ...
    @property
    def sponsors(self) -> tuple[str, ...]: ...
    @property
    def smes(self) -> tuple[str, ...]: ...


class _Dated(Protocol):
    """What the window and the thanks read of an iteration summary."""

    @property
    def start(self) -> str | None: ...
    @property
    def end(self) -> str | None: ...
    @property
    def state(self) -> str: ...
    @property
    def as_of(self) -> str: ...
    @property
    def started_at(self) -> str | None: ...
    @property
    def closed_at(self) -> str | None: ...
    @property
    def thanks(self) -> tuple[Thanks, ...]: ...


Summary = TypeVar("Summary", bound=_Dated)


def _day(ts: str) -> str:
    """The day (``YYYY-MM-DD``) of a file timestamp."""
    return ts[:10]


def thanks_window(summary: _Dated) -> tuple[str, str]:
    """The first and last day a thank-you or a request counts for the iteration."""
    end_of_reading = _day(summary.as_of)
    first = summary.start or (_day(summary.started_at) if summary.started_at else end_of_reading)
    if summary.state == "closed" and summary.closed_at:
        close_day = _day(summary.closed_at)
        last = max(summary.end, close_day) if summary.end else close_day
    else:
        last = summary.end or end_of_reading
    return first, last


def with_practice(board: Board, summary: Summary, snapshot: IterationSnapshot | None) -> Summary:
    """``summary`` with its thanks completed from the thanks log and its requests told."""
    window = thanks_window(summary)
    frozen = _frozen_names(snapshot)
    return replace(
        summary,
        thanks=_with_notes(board, summary.thanks, window, frozen),
        requests=requests_summary(board, window),
    )


def partners_thanks(items: Iterable[_Partnered], titles: dict[str, str]) -> tuple[Thanks, ...]:
    """Everyone who sponsored or lent expertise to an item of the iteration, by name,
    with their job title (``titles``: as frozen at close, or as now for a live report)."""
    sponsor_of: dict[str, list[str]] = {}
    sme_on: dict[str, list[str]] = {}
    for item in items:
        for name in item.sponsors:
            sponsor_of.setdefault(name, []).append(item.key)
        for name in item.smes:
            sme_on.setdefault(name, []).append(item.key)
    everyone = sorted(set(sponsor_of) | set(sme_on), key=str.casefold)
    return tuple(
        Thanks(
            name, titles.get(name, ""), tuple(sponsor_of.get(name, ())), tuple(sme_on.get(name, ()))
        )
        for name in everyone
    )


def _frozen_names(snapshot: IterationSnapshot | None) -> dict[int, str]:
    """The names a closed iteration's record gave its people, by person id: a note
    for someone renamed since the close joins their frozen entry, not a second one."""
    if snapshot is None or snapshot.recorded_at is None:
        return {}
    return {p.id: p.name for item in snapshot.items for p in (*item.sponsors, *item.smes)}


def _with_notes(
    board: Board, thanks: tuple[Thanks, ...], window: tuple[str, str], frozen: dict[int, str]
) -> tuple[Thanks, ...]:
    first, last = window
    people = {person.id: person for person in board.people()}
    notes: dict[str, list[ThanksNote]] = {}
    for entry in reversed(board.thanks()):  # the log is newest first
        person = people.get(entry.person_id)
        if person is None or not first <= entry.given_on <= last:
            continue
        item = board.item(entry.item_id) if entry.item_id is not None else None
        name = frozen.get(person.id, person.name)
        notes.setdefault(name, []).append(
            ThanksNote(entry.given_on, entry.text, item.key if item else "")
        )
    by_name = {t.name: t for t in thanks}
    for person in people.values():
        name = frozen.get(person.id, person.name)
        if name in notes and name not in by_name:
            by_name[name] = Thanks(name, person.role, (), ())
    return tuple(
        replace(by_name[name], notes=tuple(notes.get(name, ())))
        for name in sorted(by_name, key=str.casefold)
    )


def requests_summary(board: Board, window: tuple[str, str]) -> RequestsSummary:
    """The requests of the board received in ``window``, and those handled without training."""
    first, last = window
    lines = board.requests()
    received = [line for line in lines if first <= _requested_on(board, line) <= last]
    counts = {state.value: 0 for state in ORDER}
    for line in received:
        counts[line.triage] = counts.get(line.triage, 0) + 1
    handled = tuple(
        HandledRequest(
            line.key, line.title, _requested_on(board, line), _recommendation(board, line)
        )
        for line in received
        if line.triage == Triage.RESOLVED
    )
    return RequestsSummary(
        window=window,
        received=tuple((state, n) for state, n in counts.items() if n),
        handled=handled,
        handled_total=sum(1 for line in lines if line.triage == Triage.RESOLVED),
        any_on_board=bool(lines),
    )


def _requested_on(board: Board, line: RequestLine) -> str:
    """The day a request came in: the intake's date, else the day its item was created
    (the board orders its requests the same way)."""
    if line.requested_on:
        return line.requested_on
    item = board.item(line.item_id)
    return item.created_at[:10] if item and item.created_at else ""


def _recommendation(board: Board, line: RequestLine) -> str:
    """What was done instead of training: the reason given at triage, else the intake's."""
    if line.reason:
        return line.reason
    record = board.intake(line.item_id)
    return record.recommendation if record else ""
