"""Operations on items: create, edit, move, archive, restore, delete.

Each function performs exactly one user action as one ``Board.apply`` call and
returns the applied ``Change`` (``None`` when the action changes nothing).
``change.inverse()`` undoes it exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ldboard.domain.enums import ColumnCategory, EventKind
from ldboard.domain.iterations import plan_problem
from ldboard.domain.model import Column, Item
from ldboard.domain.ranks import place
from ldboard.domain.rules import (
    ValidationError,
    clean_text,
    validate_item_fields,
)
from ldboard.ops._diff import deleted, inserted, updated
from ldboard.ops._item_parts import (
    ChecklistEntry,
    checklist_diffs,
    note_diffs,
    people_diffs,
    practice_deletions,
    support_lines,
    tag_diffs,
)
from ldboard.ops._measurement_parts import MeasurementEntry, measurement_diffs
from ldboard.ops.vocabulary import plan_people, plan_tags
from ldboard.store import Board, Change, EventRecord, RowDiff

#: Cards read on each side of a drop point; enough for almost every respace.
RANK_WINDOW = 64

_TEXT_FIELDS = (
    "title",
    "description",
    "audience",
    "need",
    "outcome",
    "goal",
    "hypothesis",
    "metric",
    "cost_of_inaction",
)
_SINGLE_LINE = ("title", "metric")
_NULLABLE_CHOICES = ("driver", "format", "due")
_PART_NAMES = {
    "item_tags": "tags",
    "item_people": "people",
    "checklist_items": "checklist",
    "notes": "notes",
    "measurements": "measurements",
}


class ItemNotFound(LookupError):
    pass


# --- create --------------------------------------------------------------------


def create_item(board: Board, column_id: int, title: str, **options: Any) -> Change:
    """Add a new item to ``column_id`` at ``index`` (default: the bottom).

    ``options`` are those of :func:`new_item_change`: ``index``, ``fields``, tags,
    people, checklist and notes. ``new_tags`` are tag names, found or created in the
    same transaction; ``new_people`` are ``(name, item role)`` pairs, likewise (see
    ``ops.vocabulary.plan_people``).
    """
    return board.apply(new_item_change(board, column_id, title, **options))


def new_item_change(
    board: Board,
    column_id: int,
    title: str,
    *,
    index: int | None = None,
    fields: dict[str, Any] | None = None,
    tag_ids: Iterable[int] = (),
    new_tags: Iterable[str] = (),
    people: Iterable[tuple[int, str]] = (),
    checklist: Iterable[ChecklistEntry] = (),
    notes: Iterable[str] = (),
    new_people: Iterable[tuple[str, str]] = (),
) -> Change:
    """The change :func:`create_item` applies, not applied: for an action that
    creates an item among other things in one change (a request at intake)."""
    column = _column(board, column_id)
    values = normalise_fields({**(fields or {}), "title": title})
    _validate(values)
    _check_iteration(board, values.get("iteration_id"))
    item_id = board.next_item_id()
    key = f"{board.key_prefix}-{item_id}"
    while board.item_by_key(key) is not None:
        item_id += 1
        key = f"{board.key_prefix}-{item_id}"
    total = board.column_count(column_id)
    index = total if index is None else max(0, min(index, total))
    placement = _plan(board, column_id, index, None, total)
    now = board.now()
    row = Item(id=item_id, key=key, title=values["title"], column_id=column_id, rank=0.0).to_row()
    row.update(values)
    row.update(
        column_id=column_id,
        rank=placement.rank,
        created_at=now,
        updated_at=now,
        done_at=now if column.category == ColumnCategory.DONE else None,
    )
    del row["id"]
    named_tags, tag_rows, tag_events = plan_tags(board, new_tags)
    named_people, people_rows, people_events = plan_people(board, new_people)
    rows = [*tag_rows, *people_rows, *placement.diffs, inserted("items", (item_id,), row)]
    rows += tag_diffs(item_id, set(), set(tag_ids) | set(named_tags))
    rows += people_diffs(item_id, set(), set(people) | set(named_people))
    rows += checklist_diffs(board, item_id, [], list(checklist))
    rows += note_diffs(board, item_id, notes, now)
    event = EventRecord(
        EventKind.CREATED,
        item_id,
        {"after": {"key": key, "title": row["title"], "column_id": column_id}},
    )
    events = [*tag_events, *people_events, event]
    if row["iteration_id"] is not None:  # the iteration's scope must see it arrive
        iteration = {"iteration_id": row["iteration_id"]}
        events.append(
            EventRecord(
                EventKind.PLANNED, item_id, {"before": {"iteration_id": None}, "after": iteration}
            )
        )
    return Change(f"Add {key}", tuple(rows), tuple(events))


# --- edit ------------------------------------------------------------------------


def edit_item(
    board: Board,
    item_id: int,
    fields: dict[str, Any] | None = None,
    *,
    tag_ids: Iterable[int] | None = None,
    new_tags: Iterable[str] = (),
    people: Iterable[tuple[int, str]] | None = None,
    checklist: Sequence[ChecklistEntry] | None = None,
    new_notes: Iterable[str] = (),
    new_people: Iterable[tuple[str, str]] = (),
    measurements: Sequence[MeasurementEntry] | None = None,
) -> Change | None:
    """Change an item's fields and, optionally, its tags, people, checklist, notes
    and measurements.

    ``None`` leaves a part as it is. ``new_tags`` are tag names to attach too,
    created in the same transaction when the board does not have them yet;
    ``new_people`` are ``(name, item role)`` pairs to attach, likewise. When the
    measurements change, ``actual`` becomes the newest one's value (whatever
    ``fields`` says).
    """
    current = _item_row(board, item_id)
    values = normalise_fields(fields or {})
    unknown = set(values) - set(Item.EDITABLE)
    if unknown:
        raise ValueError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
    _validate(values)
    if values.get("iteration_id") != current["iteration_id"]:
        _check_iteration(board, values.get("iteration_id"))
    now = board.now()
    measurement_rows: list[RowDiff] = []
    if measurements is not None:
        measurement_rows, newest = measurement_diffs(board, item_id, measurements, now)
        if measurement_rows and newest is not None:
            values["actual"] = newest

    events: list[EventRecord] = []
    field_diff = updated("items", (item_id,), current, values)
    named_tags, tag_rows, tag_events = plan_tags(board, new_tags)
    events += tag_events
    rows: list[RowDiff] = list(tag_rows)
    if tag_ids is not None or named_tags:
        stored = set(board.item_tag_ids(item_id))
        wanted = (stored if tag_ids is None else set(tag_ids)) | set(named_tags)
        rows += tag_diffs(item_id, stored, wanted)
    named_people, people_rows, people_events = plan_people(board, new_people)
    rows += people_rows
    events += people_events
    if people is not None or named_people:
        attached = set(board.item_people(item_id))
        wanted_people = (attached if people is None else set(people)) | set(named_people)
        rows += people_diffs(item_id, attached, wanted_people)
    if checklist is not None:
        rows += checklist_diffs(board, item_id, board.checklist(item_id), list(checklist))
    rows += note_diffs(board, item_id, new_notes, now)
    rows += measurement_rows
    if field_diff is None and not rows:
        return None

    parts = sorted({_PART_NAMES[diff.table] for diff in rows if diff.table in _PART_NAMES})
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if field_diff is not None:
        assert field_diff.before is not None and field_diff.after is not None
        before, after = dict(field_diff.before), dict(field_diff.after)
    events += edit_events(item_id, before, after, parts, current=current)
    before["updated_at"], after["updated_at"] = current["updated_at"], now
    rows.insert(0, RowDiff("items", (item_id,), before, after))
    return board.apply(Change(f"Edit {current['key']}", tuple(rows), tuple(events)))


def edit_events(
    item_id: int,
    before: dict[str, Any],
    after: dict[str, Any],
    parts: Sequence[str] = (),
    *,
    current: dict[str, Any] | None = None,
) -> list[EventRecord]:
    """The activity-log entries of an edit: always "edited" (changed fields, and which
    attached parts changed), plus the specific kinds that flow metrics look for.

    A ``rescored`` event names both scores, the unchanged one from ``current``
    (the row before the edit), so history can say "I3·E2 → I4·E2".
    """
    data: dict[str, Any] = {"before": dict(before), "after": dict(after)}
    if parts:
        data["changed"] = list(parts)
    events = [EventRecord(EventKind.EDITED, item_id, data)]
    specific = (
        (EventKind.RESCORED, ("impact", "effort")),
        (EventKind.VERDICT, ("verdict",)),
        (EventKind.PLANNED, ("iteration_id",)),
    )
    for kind, names in specific:
        if any(name in after for name in names):
            if kind == EventKind.RESCORED and current is not None:
                data = {
                    "before": {n: before.get(n, current.get(n)) for n in names},
                    "after": {n: after.get(n, current.get(n)) for n in names},
                }
            else:
                data = {
                    "before": {n: before[n] for n in names if n in before},
                    "after": {n: after[n] for n in names if n in after},
                }
            events.append(EventRecord(kind, item_id, data))
    return events


def rescore_item(
    board: Board, item_id: int, impact: int | None, effort: int | None
) -> Change | None:
    """Set an item's impact and effort (the matrix drag)."""
    return edit_item(board, item_id, {"impact": impact, "effort": effort})


# --- move ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Plan:
    rank: float
    diffs: tuple[RowDiff, ...]


def move_item(board: Board, item_id: int, column_id: int, index: int) -> Change | None:
    """Put an item at position ``index`` of ``column_id`` (counted without the item).

    Writes the moved row only, except for the rare local respace when its new
    neighbours' ranks are too close (see ``ldboard.domain.ranks``).
    """
    current = _item_row(board, item_id)
    if current["archived_at"] is not None:
        raise ValueError(f"{current['key']} is archived; restore it before moving it")
    target = _column(board, column_id)
    total = board.column_count(column_id, exclude_id=item_id)
    index = max(0, min(index, total))
    same_column = current["column_id"] == column_id
    if same_column and board.position_in_column(item_id) == index:
        return None
    plan = _plan(board, column_id, index, item_id, total)
    now = board.now()
    values: dict[str, Any] = {"column_id": column_id, "rank": plan.rank, "updated_at": now}
    if not same_column:
        source = _column(board, current["column_id"])
        values["done_at"] = _done_at(current["done_at"], source.category, target.category, now)
    diff = updated("items", (item_id,), current, values)
    assert diff is not None
    kind = EventKind.REORDERED if same_column else EventKind.MOVED
    event = EventRecord(
        kind,
        item_id,
        {
            "before": {"column_id": current["column_id"], "rank": current["rank"]},
            "after": {"column_id": column_id, "rank": plan.rank, "column": target.name},
        },
    )
    key = current["key"]
    label = f"Reorder {key}" if same_column else f"Move {key} to {target.name}"
    support = [] if same_column else support_lines(board, item_id, target.name)
    if support:
        event.data["checklist_added"] = len(support)
    return board.apply(Change(label, (*plan.diffs, diff, *support), (event,)))


def _plan(board: Board, column_id: int, index: int, exclude_id: int | None, total: int) -> _Plan:
    offset = max(0, index - RANK_WINDOW)
    slots = board.column_slots(
        column_id, exclude_id=exclude_id, offset=offset, limit=2 * RANK_WINDOW
    )
    placement = place([rank for _, rank in slots], index, offset=offset, total=total)
    if placement is None:  # the respace needs more of the column than the window
        offset = 0
        slots = board.column_slots(column_id, exclude_id=exclude_id)
        placement = place([rank for _, rank in slots], index, total=total)
        assert placement is not None
    diffs = tuple(
        RowDiff(
            "items",
            (slots[position - offset][0],),
            {"rank": slots[position - offset][1]},
            {"rank": rank},
        )
        for position, rank in sorted(placement.respaced.items())
    )
    return _Plan(placement.rank, diffs)


def _done_at(done_at: str | None, source: str, target: str, now: str) -> str | None:
    """Entering a done stage stamps ``done_at``; leaving it clears the stamp."""
    if target == ColumnCategory.DONE:
        return done_at if source == ColumnCategory.DONE and done_at else now
    return None


# --- archive, restore, delete ------------------------------------------------------


def archive_item(board: Board, item_id: int) -> Change | None:
    current = _item_row(board, item_id)
    if current["archived_at"] is not None:
        return None
    now = board.now()
    diff = updated("items", (item_id,), current, {"archived_at": now, "updated_at": now})
    assert diff is not None
    event = EventRecord(EventKind.ARCHIVED, item_id, {"column_id": current["column_id"]})
    return board.apply(Change(f"Archive {current['key']}", (diff,), (event,)))


def restore_item(board: Board, item_id: int) -> Change | None:
    """Bring an archived item back to its column, where it was if that slot is free."""
    current = _item_row(board, item_id)
    if current["archived_at"] is None:
        return None
    column_id = current["column_id"]
    rank = current["rank"]
    slots = board.column_slots(column_id)
    if any(existing == rank for _, existing in slots):
        rank = _plan(board, column_id, len(slots), None, len(slots)).rank
    diff = updated(
        "items", (item_id,), current, {"archived_at": None, "rank": rank, "updated_at": board.now()}
    )
    assert diff is not None
    event = EventRecord(EventKind.RESTORED, item_id, {"column_id": column_id})
    return board.apply(Change(f"Restore {current['key']}", (diff,), (event,)))


def delete_item(board: Board, item_id: int) -> Change:
    """Remove an item and everything attached to it (its events stay in the log)."""
    current = _item_row(board, item_id)
    rows: list[RowDiff] = []
    for row in board.rows("item_tags", "item_id = ?", (item_id,)):
        rows.append(deleted("item_tags", (item_id, row["tag_id"]), row))
    for row in board.rows("item_people", "item_id = ?", (item_id,)):
        rows.append(deleted("item_people", (item_id, row["person_id"], row["role"]), row))
    for table in ("checklist_items", "notes", "measurements", "evaluation_checks"):
        for row in board.rows(table, "item_id = ?", (item_id,)):
            rows.append(deleted(table, (row["id"],), row))
    rows += practice_deletions(board, item_id)
    # Thanks given for the item stay with the person, without the link (undo restores it).
    for row in board.rows("thanks", "item_id = ?", (item_id,), "id"):
        link = updated("thanks", (row["id"],), row, {"item_id": None})
        assert link is not None
        rows.append(link)
    # Retro entries that name the item keep their text and lose the link (undo restores it).
    for row in board.rows("retro_entries", "item_id = ?", (item_id,), "id"):
        link = updated("retro_entries", (row["id"],), row, {"item_id": None})
        assert link is not None
        rows.append(link)
    rows.append(deleted("items", (item_id,), {k: v for k, v in current.items() if k != "id"}))
    gone = {"key": current["key"], "title": current["title"]}
    if current["iteration_id"] is not None:
        gone["iteration_id"] = current["iteration_id"]
    event = EventRecord(EventKind.DELETED, item_id, {"before": gone})
    return board.apply(Change(f"Delete {current['key']}", tuple(rows), (event,)))


# --- checklist and notes -------------------------------------------------------------


def toggle_checklist_entry(board: Board, entry_id: int) -> Change:
    row = board.row("checklist_items", (entry_id,))
    if row is None:
        raise LookupError(f"checklist entry {entry_id} does not exist")
    item = _item_row(board, row["item_id"])
    diff = updated("checklist_items", (entry_id,), row, {"done": 0 if row["done"] else 1})
    assert diff is not None
    data = {"before": {"checklist": diff.before}, "after": {"checklist": diff.after}}
    event = EventRecord(EventKind.EDITED, row["item_id"], data)
    verb = "Uncheck" if row["done"] else "Check"
    return board.apply(Change(f"{verb} “{row['text']}” on {item['key']}", (diff,), (event,)))


def add_note(board: Board, item_id: int, text: str) -> Change:
    """Add a note to an item. Text that is empty once cleaned is refused."""
    if not clean_text(text):
        raise ValidationError({"new_note": "A note cannot be empty: write something first."})
    change = edit_item(board, item_id, new_notes=[text])
    assert change is not None  # a non-empty note always adds a row
    return change


# --- helpers -----------------------------------------------------------------------


def normalise_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Clean text (see ``domain.rules.clean_text``), turn empty choices into ``None``;
    leave other values as given for :func:`_validate` to check."""
    result = dict(values)
    for name in _TEXT_FIELDS:
        if name in result:
            result[name] = clean_text(result[name], single_line=name in _SINGLE_LINE)
    for name in _NULLABLE_CHOICES:
        if name in result and result[name] in ("", None):
            result[name] = None
    return result


def _check_iteration(board: Board, iteration_id: int | None) -> None:
    """An item can be planned into an existing iteration that is not closed."""
    if iteration_id is None:
        return
    iteration = board.iteration(iteration_id)
    if iteration is None:
        raise ValidationError({"iteration_id": "That iteration no longer exists."})
    problem = plan_problem(iteration)
    if problem:
        raise ValidationError({"iteration_id": problem})


def _validate(values: dict[str, Any]) -> None:
    """Refuse the whole action, naming every field that is wrong (nothing is written)."""
    problems = validate_item_fields(values)
    if problems:
        raise ValidationError(problems)


def _item_row(board: Board, item_id: int) -> dict[str, Any]:
    row = board.row("items", (item_id,))
    if row is None:
        raise ItemNotFound(f"item {item_id} does not exist")
    return row


def _column(board: Board, column_id: int) -> Column:
    column = board.column(column_id)
    if column is None:
        raise LookupError(f"column {column_id} does not exist")
    return column
