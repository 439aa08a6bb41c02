"""Operations on iterations: create, edit, delete, start, plan and unplan, close.

Each is one user action: one ``Board.apply``, one ``Change`` whose inverse
undoes it exactly. Planning writes one ``planned`` event per item with the
iteration before and after, which is how a closed iteration can later tell
what was committed, added and removed (``domain/scope.py``). Closing lives in
``ops/closing.py`` and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ldboard.domain.enums import EventKind, IterationState
from ldboard.domain.iterations import EDITABLE, plan_problem, start_dates, start_problem
from ldboard.domain.rules import ValidationError
from ldboard.ops._diff import deleted, updated
from ldboard.ops._iteration_rows import (
    IterationNotFound,
    count_label,
    item_rows,
    iteration_event,
    iteration_of,
    new_iteration,
    planned_event,
    valid_fields,
)
from ldboard.store import Board, Change, EventRecord, RowDiff

__all__ = [
    "IterationNotFound",
    "create_iteration",
    "delete_iteration",
    "edit_iteration",
    "plan_items",
    "start_iteration",
    "unplan_items",
]


def create_iteration(
    board: Board,
    name: str,
    *,
    goal: str = "",
    start: str | None = None,
    end: str | None = None,
    capacity: float | None = None,
) -> Change:
    """Add a planned iteration."""
    values = {"name": name, "goal": goal, "start": start, "end": end, "capacity": capacity}
    _, row, event = new_iteration(board, values)
    return board.apply(Change(f"Add iteration “{row.value('name')}”", (row,), (event,)))


def edit_iteration(board: Board, iteration_id: int, **fields: Any) -> Change | None:
    """Change an iteration's ``name``, ``goal``, ``start``, ``end`` or ``capacity``.

    A closed iteration can be renamed or annotated; its snapshot keeps what it
    was at close.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"these iteration fields cannot be edited: {', '.join(sorted(unknown))}")
    iteration = iteration_of(board, iteration_id)
    values = valid_fields(board, fields, iteration)
    current = board.row("iterations", (iteration_id,))
    assert current is not None
    diff = updated("iterations", (iteration_id,), current, values)
    if diff is None:
        return None
    assert diff.before is not None and diff.after is not None
    event = iteration_event(
        "edit", {"id": iteration_id, **diff.before}, {"id": iteration_id, **diff.after}
    )
    return board.apply(Change(f"Edit iteration “{iteration.name}”", (diff,), (event,)))


def delete_iteration(
    board: Board, iteration_id: int, *, move_items_to: int | None = None
) -> Change:
    """Remove an iteration with its retrospective and snapshot.

    Its items (archived ones too) go to ``move_items_to`` or, by default, back
    to the backlog, each with a ``planned`` event. Actions of other iterations
    that were ticked in this one forget where they were ticked.
    """
    iteration = iteration_of(board, iteration_id)
    target_name = "the backlog"
    if move_items_to is not None:
        if move_items_to == iteration_id:
            raise ValidationError(
                {"move_items_to": "Choose another iteration (or the backlog) for its items."}
            )
        target = iteration_of(board, move_items_to)
        problem = plan_problem(target)
        if problem:
            raise ValidationError({"move_items_to": problem})
        target_name = f"“{target.name}”"
    now = board.now()
    rows: list[RowDiff] = []
    events: list[EventRecord] = []
    for item in board.rows("items", "iteration_id = ?", (iteration_id,), "id"):
        diff = updated(
            "items", (item["id"],), item, {"iteration_id": move_items_to, "updated_at": now}
        )
        assert diff is not None
        rows.append(diff)
        events.append(planned_event(item["id"], iteration_id, move_items_to, "iteration deleted"))
    for entry in board.rows("retro_entries", "closed_in_iteration_id = ?", (iteration_id,)):
        if entry["iteration_id"] == iteration_id:
            continue
        diff = updated("retro_entries", (entry["id"],), entry, {"closed_in_iteration_id": None})
        assert diff is not None
        rows.append(diff)
    for entry in board.rows("retro_entries", "iteration_id = ?", (iteration_id,), "id"):
        stored = {k: v for k, v in entry.items() if k != "id"}
        rows.append(deleted("retro_entries", (entry["id"],), stored))
        events.append(
            EventRecord(EventKind.RETRO, None, {"action": "delete", "before": entry, "after": None})
        )
    for line in board.rows(
        "iteration_snapshot_items", "iteration_id = ?", (iteration_id,), "position"
    ):
        stored = {k: v for k, v in line.items() if k not in ("iteration_id", "item_id")}
        rows.append(deleted("iteration_snapshot_items", (iteration_id, line["item_id"]), stored))
    header = board.row("iteration_snapshots", (iteration_id,))
    if header is not None:
        stored = {k: v for k, v in header.items() if k != "iteration_id"}
        rows.append(deleted("iteration_snapshots", (iteration_id,), stored))
    current = board.row("iterations", (iteration_id,))
    assert current is not None
    rows.append(
        deleted("iterations", (iteration_id,), {k: v for k, v in current.items() if k != "id"})
    )
    events.append(iteration_event("delete", current, None, items_to=move_items_to))
    label = f"Delete iteration “{iteration.name}”"
    if any(diff.table == "items" for diff in rows):
        label += f" (items to {target_name})"
    return board.apply(Change(label, tuple(rows), tuple(events)))


def start_iteration(board: Board, iteration_id: int) -> Change:
    """Start a planned iteration: it becomes the active one and records the moment.

    Refused while another iteration is active, and for a closed one. An
    iteration without a start date starts today.
    """
    iteration = iteration_of(board, iteration_id)
    problem = start_problem(iteration, board.active_iteration())
    if problem:
        raise ValidationError({"state": problem})
    dates = start_dates(iteration, board.today())
    if dates and iteration.end and iteration.end < dates["start"]:
        raise ValidationError(
            {
                "end": f"“{iteration.name}” was planned to end on {iteration.end}, before today: "
                "move its end date before starting it."
            }
        )
    current = board.row("iterations", (iteration_id,))
    assert current is not None
    values = {"state": IterationState.ACTIVE.value, "started_at": board.now(), **dates}
    diff = updated("iterations", (iteration_id,), current, values)
    assert diff is not None and diff.before is not None and diff.after is not None
    event = iteration_event(
        "start", {"id": iteration_id, **diff.before}, {"id": iteration_id, **diff.after}
    )
    return board.apply(Change(f"Start “{iteration.name}”", (diff,), (event,)))


def plan_items(board: Board, item_ids: Iterable[int], iteration_id: int) -> Change | None:
    """Plan items into an iteration, as one step however many there are.

    Items already in it are left alone (``None`` when that is all of them).
    Planning into a closed iteration is refused: its scope is frozen. Items
    may come from another iteration, a closed one included.
    """
    iteration = iteration_of(board, iteration_id)
    problem = plan_problem(iteration)
    if problem:
        raise ValidationError({"iteration_id": problem})
    return _replan(board, item_ids, iteration_id, f"into “{iteration.name}”")


def unplan_items(board: Board, item_ids: Iterable[int]) -> Change | None:
    """Take items out of their iterations, back to the backlog, as one step."""
    return _replan(board, item_ids, None, "back to the backlog")


def _replan(
    board: Board, item_ids: Iterable[int], iteration_id: int | None, where: str
) -> Change | None:
    wanted = list(dict.fromkeys(item_ids))
    found = item_rows(board, wanted, "key, iteration_id, updated_at, archived_at")
    missing = [item_id for item_id in wanted if item_id not in found]
    if missing:
        raise ValidationError(
            {"item_ids": f"Item {missing[0]} no longer exists; refresh the list and try again."}
        )
    archived = [found[i]["key"] for i in wanted if found[i]["archived_at"] is not None]
    if archived:
        raise ValidationError(
            {"item_ids": f"{archived[0]} is archived: restore it before planning it."}
        )
    now = board.now()
    rows: list[RowDiff] = []
    events: list[EventRecord] = []
    for item_id in wanted:
        row = found[item_id]
        if row["iteration_id"] == iteration_id:
            continue
        rows.append(
            RowDiff(
                "items",
                (item_id,),
                {"iteration_id": row["iteration_id"], "updated_at": row["updated_at"]},
                {"iteration_id": iteration_id, "updated_at": now},
            )
        )
        events.append(planned_event(item_id, row["iteration_id"], iteration_id))
    if not rows:
        return None
    first = found[rows[0].key[0]]["key"]
    verb = "Plan" if iteration_id is not None else "Move"
    label = f"{verb} {count_label(len(rows), first)} {where}"
    return board.apply(Change(label, tuple(rows), tuple(events)))
