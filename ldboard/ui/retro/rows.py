"""What one retrospective entry shows, read once per change.

An ``EntryRow`` is a ``RetroEntry`` together with everything painting it needs
(the owner's name, the linked initiative's key, whether it is overdue, where
a carried action came from). The lane models compare rows to decide which
ones changed, so a renamed person or a retitled initiative repaints exactly
the entries that show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ldboard.domain.enums import RetroKind
from ldboard.domain.iterations import CarriedAction
from ldboard.domain.model import Iteration, RetroEntry
from ldboard.store import Board
from ldboard.ui.common.iteration_text import friendly_date

#: The lanes, in the order they are shown, with their titles.
LANES: tuple[tuple[str, str], ...] = (
    (RetroKind.WENT_WELL.value, "Went well"),
    (RetroKind.TO_IMPROVE.value, "To improve"),
    (RetroKind.ACTION.value, "Actions"),
    (RetroKind.NOTE.value, "Notes"),
)
LANE_TITLES = dict(LANES)
ACTION = RetroKind.ACTION.value


@dataclass(frozen=True, slots=True)
class EntryRow:
    entry: RetroEntry
    #: The owner's name and initials; empty when the action is the lead's own ("You").
    owner_name: str = ""
    owner_initials: str = ""
    #: The linked initiative's key and title (empty when none is linked).
    item_key: str = ""
    item_title: str = ""
    #: An open action whose due date has passed.
    overdue: bool = False
    #: For carried actions: the iteration it was written in, and how often it slipped.
    carried_from: str = ""
    slips: int = 0
    #: For done actions: the name of the iteration in which it was ticked.
    closed_in_name: str = ""
    #: Shown in the carry-over of a later retrospective, not in its own lane.
    carried: bool = False
    #: The retrospective on screen: a done action ticked in it says "done here".
    shown_in: int | None = None

    @property
    def id(self) -> int:
        return self.entry.id

    @property
    def is_action(self) -> bool:
        return self.entry.kind == ACTION

    @property
    def done(self) -> bool:
        return self.entry.done_at is not None

    @property
    def owner_label(self) -> str:
        return self.owner_name or "You"

    def due_text(self, today: date | None = None) -> str:
        """ "Due 5 Dec", "Overdue · 16 Nov", or "" without a due date."""
        due = self.entry.due
        if not due:
            return ""
        day = friendly_date(due, today)
        return f"Overdue · {day}" if self.overdue else f"Due {day}"

    def carried_text(self) -> str:
        """ "From Iteration 1 · slipped 2×" for a carried action."""
        if not self.carried:
            return ""
        text = f"From {self.carried_from}"
        return f"{text} · slipped {self.slips}×" if self.slips else text

    def done_text(self) -> str:
        """Where a done action was ticked ("Done in this iteration")."""
        if not self.done:
            return ""
        closed_in = self.entry.closed_in_iteration_id
        if closed_in is not None and closed_in == self.shown_in:
            return "Done in this iteration"
        return f"Done in {self.closed_in_name}" if self.closed_in_name else "Done"

    def describe(self) -> str:
        """The entry in one sentence, for tooltips and screen readers."""
        parts = [self.entry.text]
        if self.is_action:
            parts.append(f"Owner: {self.owner_label}")
            due = self.due_text()
            if due:
                parts.append(due)
            if self.item_key:
                parts.append(f"Initiative: {self.item_key} {self.item_title}")
            parts.append(self.done_text() or "Open")
        if self.carried:
            parts.append(self.carried_text())
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class RetroRows:
    """One retrospective as its models show it."""

    lanes: dict[str, list[EntryRow]]
    carried: list[EntryRow]


def read_rows(board: Board, iteration_id: int | None, iterations: Sequence[Iteration]) -> RetroRows:
    """Every row of ``iteration_id``'s retrospective (empty lanes without one)."""
    lanes: dict[str, list[EntryRow]] = {kind: [] for kind, _ in LANES}
    if iteration_id is None:
        return RetroRows(lanes, [])
    entries = board.retro_entries(iteration_id)
    carried = board.carried_actions(iteration_id)
    maker = _RowMaker(board, [*entries, *(c.entry for c in carried)], iterations, iteration_id)
    for entry in entries:
        lanes.setdefault(entry.kind, []).append(maker.row(entry))
    return RetroRows(lanes, [maker.carried(c) for c in carried])


class _RowMaker:
    """Turns entries into rows with the names they show, read once."""

    def __init__(
        self,
        board: Board,
        entries: Iterable[RetroEntry],
        iterations: Sequence[Iteration],
        shown_in: int,
    ) -> None:
        self.people = {p.id: p for p in board.people()}
        linked = {e.item_id for e in entries if e.item_id is not None}
        self.items = {i: board.item(i) for i in linked}
        self.iterations = {i.id: i.name for i in iterations}
        self.today = board.today().isoformat()
        self.shown_in = shown_in

    def row(self, entry: RetroEntry, **carried: object) -> EntryRow:
        owner = self.people.get(entry.owner_id) if entry.owner_id is not None else None
        item = self.items.get(entry.item_id) if entry.item_id is not None else None
        overdue = entry.is_open_action and bool(entry.due) and entry.due < self.today
        closed_in = entry.closed_in_iteration_id
        return EntryRow(
            entry,
            owner_name=owner.name if owner else "",
            owner_initials=owner.initials if owner else "",
            item_key=item.key if item else "",
            item_title=item.title if item else "",
            overdue=overdue,
            closed_in_name=self.iterations.get(closed_in, "") if closed_in is not None else "",
            shown_in=self.shown_in,
            **carried,  # type: ignore[arg-type]
        )

    def carried(self, carried: CarriedAction) -> EntryRow:
        return self.row(
            carried.entry, carried=True, carried_from=carried.written_in.name, slips=carried.slips
        )
