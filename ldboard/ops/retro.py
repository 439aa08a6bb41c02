"""Operations on an iteration's retrospective: add, edit, move, delete, tick actions.

Entries are ordered inside their lane by ``position``, a gapped float like a
card's rank: a move writes the moved entry only, except for the rare local
respace when its new neighbours are too close (``domain/ranks.py``). Every
operation logs a ``retro`` event (``item_id`` NULL) naming the entry's id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ldboard.domain.enums import EventKind, RetroKind
from ldboard.domain.iterations import active_of, latest_closed
from ldboard.domain.ranks import place
from ldboard.domain.rules import (
    ValidationError,
    clean_text,
    date_problem,
    unstorable,
    unstorable_message,
)
from ldboard.ops._diff import deleted, inserted, updated
from ldboard.ops._iteration_rows import iteration_of
from ldboard.store import Board, Change, EventRecord, RowDiff

TEXT_MAX = 2_000
#: Fields of an entry a person edits in place.
EDITABLE = ("text", "owner_id", "due", "item_id")
#: Only actions have an owner and a due date.
ACTION_FIELDS = ("owner_id", "due")


class RetroEntryNotFound(LookupError):
    pass


def add_retro_entry(
    board: Board,
    iteration_id: int,
    kind: str,
    text: str,
    *,
    owner_id: int | None = None,
    due: str | None = None,
    item_id: int | None = None,
    index: int | None = None,
) -> Change:
    """Add an entry to a lane of an iteration's retrospective at ``index`` (default: last).

    ``owner_id`` ``None`` means the lead ("yourself"); ``item_id`` links an initiative.
    """
    iteration = iteration_of(board, iteration_id)
    lane = _kind(kind)
    values = _values(
        board, lane, {"text": text, "owner_id": owner_id, "due": due, "item_id": item_id}
    )
    slots = board.lane_slots(iteration_id, lane)
    index = len(slots) if index is None else max(0, min(index, len(slots)))
    position, respaced = _placed(iteration_id, slots, index)
    entry_id = board.next_id("retro_entries")
    row = {
        "iteration_id": iteration_id,
        "kind": lane,
        "text": values["text"],
        "created_at": board.now(),
        "position": position,
        "owner_id": values["owner_id"],
        "due": values["due"],
        "done_at": None,
        "closed_in_iteration_id": None,
        "item_id": values["item_id"],
    }
    rows = [*respaced, inserted("retro_entries", (entry_id,), row)]
    event = _event("add", None, {"id": entry_id, **row})
    label = f"Add “{_short(row['text'])}” to {RetroKind(lane).label} of “{iteration.name}”"
    return board.apply(Change(label, tuple(rows), (event,)))


def edit_retro_entry(board: Board, entry_id: int, **fields: Any) -> Change | None:
    """Change an entry's ``text``, ``owner_id``, ``due`` or ``item_id``."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"these retro fields cannot be edited: {', '.join(sorted(unknown))}")
    current = _row(board, entry_id)
    values = _values(board, current["kind"], fields)
    diff = updated("retro_entries", (entry_id,), current, values)
    if diff is None:
        return None
    assert diff.before is not None and diff.after is not None
    event = _event("edit", {"id": entry_id, **diff.before}, {"id": entry_id, **diff.after})
    return board.apply(Change(f"Edit “{_short(current['text'])}”", (diff,), (event,)))


def move_retro_entry(board: Board, entry_id: int, kind: str, index: int) -> Change | None:
    """Put an entry at ``index`` of a lane (counted without it) of the same retrospective.

    An action moved to another lane keeps its owner, due date and tick, so
    moving it back restores it; outside the Actions lane they are not shown.
    """
    current = _row(board, entry_id)
    lane = _kind(kind)
    iteration_id = current["iteration_id"]
    slots = board.lane_slots(iteration_id, lane, exclude_id=entry_id)
    index = max(0, min(index, len(slots)))
    if lane == current["kind"]:
        order = [i for i, _ in board.lane_slots(iteration_id, lane)]
        if order.index(entry_id) == index:
            return None
    position, respaced = _placed(iteration_id, slots, index)
    diff = updated("retro_entries", (entry_id,), current, {"kind": lane, "position": position})
    assert diff is not None
    before = {"id": entry_id, "kind": current["kind"], "position": current["position"]}
    event = _event("move", before, {"id": entry_id, "kind": lane, "position": position})
    label = f"Move “{_short(current['text'])}”"
    if lane != current["kind"]:
        label += f" to {RetroKind(lane).label}"
    return board.apply(Change(label, (*respaced, diff), (event,)))


def delete_retro_entry(board: Board, entry_id: int) -> Change:
    current = _row(board, entry_id)
    stored = {k: v for k, v in current.items() if k != "id"}
    event = _event("delete", current, None)
    return board.apply(
        Change(
            f"Delete “{_short(current['text'])}”",
            (deleted("retro_entries", (entry_id,), stored),),
            (event,),
        )
    )


def set_action_done(
    board: Board, entry_id: int, done: bool, *, iteration_id: int | None = None
) -> Change | None:
    """Tick an action done (or open again), recording when and in which iteration.

    The iteration defaults to the active one; between iterations, the one that
    closed last (its retrospective is where open actions are reviewed); on a
    board that never ran one, the action's own iteration.
    """
    current = _row(board, entry_id)
    if current["kind"] != RetroKind.ACTION:
        raise ValidationError({"done": "Only actions can be ticked done."})
    if done:
        if current["done_at"] is not None:
            return None
        if iteration_id is not None:
            iteration_of(board, iteration_id)
        else:
            iterations = board.iterations()
            found = active_of(iterations) or latest_closed(iterations)
            iteration_id = found.id if found else current["iteration_id"]
        values = {"done_at": board.now(), "closed_in_iteration_id": iteration_id}
    else:
        if current["done_at"] is None:
            return None
        values = {"done_at": None, "closed_in_iteration_id": None}
    diff = updated("retro_entries", (entry_id,), current, values)
    assert diff is not None and diff.before is not None and diff.after is not None
    keys = ("done_at", "closed_in_iteration_id")
    before = {"id": entry_id, **{k: current[k] for k in keys}}
    event = _event("done" if done else "reopen", before, {"id": entry_id, **values})
    verb = "Tick" if done else "Reopen"
    return board.apply(Change(f"{verb} “{_short(current['text'])}”", (diff,), (event,)))


# --- helpers -------------------------------------------------------------------------


def _values(board: Board, kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Cleaned entry fields; ``ValidationError`` naming every field that is wrong."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    if "text" in fields:
        text = clean_text(fields["text"])
        if not text:
            problems["text"] = "Write something first: an entry cannot be empty."
        elif unstorable(text):
            problems["text"] = unstorable_message("The entry")
        elif len(text) > TEXT_MAX:
            problems["text"] = f"Keep an entry to {TEXT_MAX} characters (it has {len(text)})."
        values["text"] = text
    if "due" in fields:
        due = fields["due"] or None
        if due is not None:
            problem = date_problem("due date", due)
            if problem:
                problems["due"] = problem
        values["due"] = due
    if "owner_id" in fields:
        owner = fields["owner_id"]
        if owner is not None and board.person(owner) is None:
            problems["owner_id"] = "That person is no longer on the board; choose another owner."
        values["owner_id"] = owner
    if "item_id" in fields:
        item_id = fields["item_id"]
        if item_id is not None and board.row("items", (item_id,)) is None:
            problems["item_id"] = "That initiative no longer exists; link another one."
        values["item_id"] = item_id
    if kind != RetroKind.ACTION:
        for name in ACTION_FIELDS:
            if values.get(name) is not None:
                problems[name] = "Only actions have an owner and a due date."
    if problems:
        raise ValidationError(problems)
    return values


def _placed(
    iteration_id: int, slots: list[tuple[int, float]], index: int
) -> tuple[float, list[RowDiff]]:
    """The position for ``index`` in a lane, and the neighbours respaced to make room."""
    placement = place([position for _, position in slots], index)
    assert placement is not None  # the whole lane is known
    respaced = [
        RowDiff(
            "retro_entries",
            (slots[n][0],),
            {"position": slots[n][1], "iteration_id": iteration_id},
            {"position": value, "iteration_id": iteration_id},
        )
        for n, value in sorted(placement.respaced.items())
    ]
    return placement.rank, respaced


def _kind(kind: str) -> str:
    try:
        return RetroKind(kind).value
    except ValueError:
        lanes = ", ".join(k.value for k in RetroKind)
        raise ValidationError({"kind": f"Unknown lane {kind!r}; use one of {lanes}."}) from None


def _row(board: Board, entry_id: int) -> dict[str, Any]:
    row = board.row("retro_entries", (entry_id,))
    if row is None:
        raise RetroEntryNotFound(f"retro entry {entry_id} does not exist")
    return row


def _event(action: str, before: Any, after: Any) -> EventRecord:
    return EventRecord(EventKind.RETRO, None, {"action": action, "before": before, "after": after})


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


__all__ = [
    "RetroEntryNotFound",
    "add_retro_entry",
    "delete_retro_entry",
    "edit_retro_entry",
    "move_retro_entry",
    "set_action_done",
]
