"""Closing an iteration: unfinished items find a home, verdicts are recorded, and
the iteration's story is frozen in a snapshot, all as one undoable step.

:func:`close_preview` reads what the close dialog shows; :func:`close_iteration`
writes the close. Both take the scope from the same read (``Board.scope``), so
the dialog shows exactly what the snapshot will hold.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ldboard.domain.enums import IterationState
from ldboard.domain.iterations import (
    close_dates,
    close_problem,
    following_dates,
    following_name,
    next_planned,
)
from ldboard.domain.model import Iteration
from ldboard.domain.rules import ValidationError
from ldboard.domain.scope import (
    CARRIED_REASON,
    RETURNED_REASON,
    ClosePreview,
    ScopeLine,
    freeze,
    iteration_numbers,
    parse_actual,
    verdict_value,
)
from ldboard.ops._diff import inserted, updated
from ldboard.ops._iteration_rows import (
    item_rows,
    iteration_event,
    iteration_of,
    new_iteration,
    planned_event,
)
from ldboard.ops.items import edit_events
from ldboard.store import Board, Change, EventRecord, RowDiff


class _Next(enum.Enum):
    NEXT_ITERATION = "the next planned iteration"

    def __repr__(self) -> str:
        return "NEXT_ITERATION"


#: In ``close_iteration(unfinished=…)``: into the next planned iteration (created if none).
NEXT_ITERATION = _Next.NEXT_ITERATION

Destination = int | None | _Next


def close_preview(board: Board, iteration_id: int) -> ClosePreview:
    """What closing ``iteration_id`` now would do: its scope with headline numbers, the
    unfinished items, the done items awaiting a verdict, and the next planned iteration."""
    iteration = iteration_of(board, iteration_id)
    lines = board.scope(iteration_id)
    others = [i for i in board.iterations() if i.id != iteration_id]
    return ClosePreview(
        iteration=iteration,
        lines=tuple(lines),
        numbers=iteration_numbers(iteration.capacity, lines),
        next_iteration=next_planned(others),
        next_name=following_name(iteration.name, (i.name for i in others)),
    )


def close_iteration(
    board: Board,
    iteration_id: int,
    *,
    unfinished: Mapping[int, Destination] | None = None,
    verdicts: Mapping[int, tuple[str, Any]] | None = None,
    next_name: str | None = None,
) -> Change:
    """Close the active iteration as one step.

    * ``unfinished`` maps unfinished items to a planned iteration's id,
      ``NEXT_ITERATION`` (the next planned iteration, created and named
      ``next_name`` or after this one when there is none) or ``None`` (the
      backlog). Unfinished items not in it go back to the backlog; so does an
      archived item that was not done.
    * ``verdicts`` maps done items to ``(verdict, actual)``; the actual is a
      number or a number as typed ("42", "3,5", "80 %"), or empty.

    The iteration gets ``state`` closed, ``closed_at`` and, if it had none, an
    end date; its snapshot is written. Problems are refused with a
    ``ValidationError`` whose fields are ``unfinished:<item id>``,
    ``verdict:<item id>``, ``actual:<item id>``, ``next_name`` or ``state``.
    """
    iteration = iteration_of(board, iteration_id)
    problem = close_problem(iteration)
    if problem:
        raise ValidationError({"state": problem})
    unfinished = dict(unfinished or {})
    verdicts = dict(verdicts or {})
    lines = board.scope(iteration_id)
    by_id = {line.item_id: line for line in lines}
    others = [i for i in board.iterations() if i.id != iteration_id]
    recorded = _checked(iteration, by_id, others, unfinished, verdicts)

    rows: list[RowDiff] = []
    events: list[EventRecord] = []
    now = board.now()
    closed_values = {
        "state": IterationState.CLOSED.value,
        "closed_at": now,
        **close_dates(iteration, board.today()),
    }
    closed = replace(iteration, **closed_values)
    next_iteration = next_planned(others)
    if next_iteration is None and NEXT_ITERATION in unfinished.values():
        next_iteration = _create_next(board, closed, others, next_name, rows, events)
    names = {i.id: i.name for i in others}
    if next_iteration is not None:
        names[next_iteration.id] = next_iteration.name

    current = board.row("iterations", (iteration_id,))
    assert current is not None
    diff = updated("iterations", (iteration_id,), current, closed_values)
    assert diff is not None and diff.before is not None and diff.after is not None
    rows.append(diff)

    leaving: dict[int, int | None] = {}
    for line in lines:
        if line.unfinished:
            target = unfinished.get(line.item_id)
            if target is NEXT_ITERATION:
                assert next_iteration is not None
                target = next_iteration.id
            leaving[line.item_id] = target
        elif line.iteration_id == iteration_id and not line.done:  # archived, not done
            leaving[line.item_id] = None
    stored = item_rows(board, [*leaving, *recorded], "iteration_id, verdict, actual, updated_at")
    for item_id, target in leaving.items():
        values = {"iteration_id": target, "updated_at": now}
        change = updated("items", (item_id,), stored[item_id], values)
        assert change is not None
        rows.append(change)
        reason = RETURNED_REASON if target is None else CARRIED_REASON
        events.append(planned_event(item_id, iteration_id, target, reason))
    for item_id, (verdict, actual) in recorded.items():
        change = updated(
            "items", (item_id,), stored[item_id], {"verdict": verdict, "actual": actual}
        )
        if change is None:
            continue
        assert change.before is not None and change.after is not None
        events += edit_events(item_id, dict(change.before), dict(change.after))
        change.before["updated_at"] = stored[item_id]["updated_at"]
        change.after["updated_at"] = now
        rows.append(change)

    final = [_recorded(line, recorded) for line in lines]
    carried_to = {
        item_id: (target, names.get(target, "") if target is not None else "")
        for item_id, target in leaving.items()
    }
    snapshot = freeze(
        closed,
        final,
        closed_at=now,
        carried_to=carried_to,
        record=board.snapshot_record(closed, final, now),
    )
    rows.append(inserted("iteration_snapshots", (iteration_id,), snapshot.row()))
    for item in snapshot.items:
        row = item.to_row()
        del row["item_id"]
        rows.append(inserted("iteration_snapshot_items", (iteration_id, item.item_id), row))
    numbers = snapshot.numbers
    events.append(
        iteration_event(
            "close",
            {"id": iteration_id, **diff.before},
            {"id": iteration_id, **diff.after},
            done=numbers.items_done,
            carried_over=numbers.items_carried_over,
        )
    )
    return board.apply(Change(f"Close “{iteration.name}”", tuple(rows), tuple(events)))


def _checked(
    iteration: Iteration,
    lines: Mapping[int, ScopeLine],
    others: list[Iteration],
    unfinished: Mapping[int, Destination],
    verdicts: Mapping[int, tuple[str, Any]],
) -> dict[int, tuple[str, float | None]]:
    """Refuse every problem of the close at once; the verdicts as they will be stored."""
    problems: dict[str, str] = {}
    by_id = {i.id: i for i in others}
    for item_id, target in unfinished.items():
        line = lines.get(item_id)
        field = f"unfinished:{item_id}"
        if line is None or not line.unfinished:
            name = line.key if line else f"Item {item_id}"
            problems[field] = f"{name} is not an unfinished item of “{iteration.name}”."
        elif isinstance(target, int) and not isinstance(target, bool):
            other = by_id.get(target)
            if other is None or other.state != IterationState.PLANNED:
                problems[field] = (
                    f"{line.key} can only move to a planned iteration, the next one or the backlog."
                )
        elif target is not None and target is not NEXT_ITERATION:
            problems[field] = f"{line.key}: {target!r} is not an iteration."
    recorded: dict[int, tuple[str, float | None]] = {}
    for item_id, given in verdicts.items():
        line = lines.get(item_id)
        if line is None or not (line.in_scope and line.done):
            name = line.key if line else f"Item {item_id}"
            problems[f"verdict:{item_id}"] = (
                f"{name} is not a done item of “{iteration.name}”; record its verdict in the card."
            )
            continue
        verdict, actual = given
        try:
            verdict = verdict_value(verdict)
        except ValueError as error:
            problems[f"verdict:{item_id}"] = f"{line.key}: {error}."
            continue
        try:
            value = parse_actual(actual)
        except ValueError as error:
            unit = f" in {line.metric}" if line.metric else ""
            problems[f"actual:{item_id}"] = (
                f"{line.key}: the actual value is measured{unit} like the baseline and "
                f"target, so it must be a number: {error}."
            )
            continue
        recorded[item_id] = (verdict, value)
    if problems:
        raise ValidationError(problems)
    return recorded


def _create_next(
    board: Board,
    closed: Iteration,
    others: list[Iteration],
    next_name: str | None,
    rows: list[RowDiff],
    events: list[EventRecord],
) -> Iteration:
    """Add the planned iteration that carried-over items go to, after ``closed``."""
    name = next_name if next_name and next_name.strip() else None
    name = name or following_name(closed.name, (i.name for i in others))
    values = {
        "name": name,
        "goal": "",
        "capacity": closed.capacity,
        **following_dates(closed, closed.end),
    }
    try:
        new_id, row, event = new_iteration(board, values)
    except ValidationError as error:
        problem = error.problems.get("name") or next(iter(error.problems.values()))
        raise ValidationError({"next_name": problem}) from None
    rows.append(row)
    events.append(event)
    assert row.after is not None
    return Iteration.from_row({"id": new_id, **row.after})


def _recorded(line: ScopeLine, recorded: Mapping[int, tuple[str, float | None]]) -> ScopeLine:
    if line.item_id not in recorded:
        return line
    verdict, actual = recorded[line.item_id]
    return replace(line, verdict=verdict, actual=actual)
