"""Helpers shared by the iteration and closing operations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ldboard.domain.enums import EventKind, IterationState
from ldboard.domain.iterations import clean_iteration_fields, iteration_problems
from ldboard.domain.model import Iteration
from ldboard.domain.rules import ValidationError
from ldboard.ops._diff import inserted
from ldboard.store import Board, EventRecord, RowDiff
from ldboard.store.iteration_reads import ids_json


class IterationNotFound(LookupError):
    pass


def iteration_of(board: Board, iteration_id: int) -> Iteration:
    iteration = board.iteration(iteration_id)
    if iteration is None:
        raise IterationNotFound(f"iteration {iteration_id} does not exist")
    return iteration


def iteration_event(action: str, before: Any, after: Any, **extra: Any) -> EventRecord:
    """An ``iteration`` event; ``before``/``after`` name the iteration's ``id``."""
    return EventRecord(
        EventKind.ITERATION, None, {"action": action, "before": before, "after": after, **extra}
    )


def valid_fields(
    board: Board, values: Mapping[str, Any], current: Iteration | None = None
) -> dict[str, Any]:
    """Cleaned iteration fields; ``ValidationError`` naming every field that is wrong.

    Names are unique (ignoring case): pickers, exports and the command line find
    an iteration by its name.
    """
    cleaned = clean_iteration_fields(values)
    problems = iteration_problems(cleaned, current=current)
    name = cleaned.get("name")
    if name and "name" not in problems:
        taken = next(
            (
                other
                for other in board.iterations()
                if other.name.casefold() == name.casefold()
                and (current is None or other.id != current.id)
            ),
            None,
        )
        if taken is not None:
            problems["name"] = (
                f"“{taken.name}” is already the name of an iteration; choose another name."
            )
    if problems:
        raise ValidationError(problems)
    return cleaned


def new_iteration(
    board: Board, values: Mapping[str, Any], *, iteration_id: int | None = None
) -> tuple[int, RowDiff, EventRecord]:
    """The insert (and its ``create`` event) of a new planned iteration."""
    cleaned = valid_fields(board, values)
    new_id = board.next_id("iterations") if iteration_id is None else iteration_id
    row = {
        "name": cleaned["name"],
        "goal": cleaned.get("goal", ""),
        "start": cleaned.get("start"),
        "end": cleaned.get("end"),
        "state": IterationState.PLANNED.value,
        "capacity": cleaned.get("capacity"),
        "started_at": None,
        "closed_at": None,
    }
    event = iteration_event("create", None, {"id": new_id, **row})
    return new_id, inserted("iterations", (new_id,), row), event


def item_rows(board: Board, item_ids: Iterable[int], columns: str) -> dict[int, dict[str, Any]]:
    """``columns`` of the items ``item_ids`` by id, in one query however many there are."""
    cursor = board.connection.execute(
        f"SELECT id, {columns} FROM items WHERE id IN (SELECT value FROM json_each(?))",
        (ids_json(item_ids),),
    )
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor}


def planned_event(
    item_id: int, before: int | None, after: int | None, reason: str | None = None
) -> EventRecord:
    data: dict[str, Any] = {"before": {"iteration_id": before}, "after": {"iteration_id": after}}
    if reason:
        data["reason"] = reason
    return EventRecord(EventKind.PLANNED, item_id, data)


def count_label(count: int, one: str) -> str:
    return one if count == 1 else f"{count} items"
