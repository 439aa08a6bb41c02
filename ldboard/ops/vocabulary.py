"""Operations on the board's tags and people."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ldboard.domain.enums import EventKind, PersonRole
from ldboard.domain.rules import ValidationError
from ldboard.ops._diff import clean_text, deleted, inserted, updated
from ldboard.store import Board, Change, EventRecord, RowDiff

TAG_COLORS = (
    "#2563eb",
    "#16a34a",
    "#d97706",
    "#db2777",
    "#7c3aed",
    "#0891b2",
    "#dc2626",
    "#65a30d",
    "#475569",
)
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_PERSON_TEXT = ("name", "role", "department", "wiifm", "notes")


# --- tags -------------------------------------------------------------------------


def create_tag(board: Board, name: str, color: str | None = None) -> Change:
    name = _tag_name(board, name)
    tag_id = board.next_id("tags")
    row = {"name": name, "color": _color(color or TAG_COLORS[(tag_id - 1) % len(TAG_COLORS)])}
    event = _tag_added_event(tag_id, row)
    return board.apply(Change(f"Add tag “{name}”", (inserted("tags", (tag_id,), row),), (event,)))


def _tag_added_event(tag_id: int, row: dict[str, Any]) -> EventRecord:
    return EventRecord(EventKind.BOARD, None, {"action": "add_tag", "after": {"id": tag_id, **row}})


def update_tag(
    board: Board, tag_id: int, *, name: str | None = None, color: str | None = None
) -> Change | None:
    current = _row(board, "tags", tag_id)
    values: dict[str, Any] = {}
    if name is not None:
        values["name"] = _tag_name(board, name, tag_id)
    if color is not None:
        values["color"] = _color(color)
    diff = updated("tags", (tag_id,), current, values)
    if diff is None:
        return None
    data = {"action": "edit_tag", "before": {"id": tag_id, **diff.before}}
    data["after"] = {"id": tag_id, **(diff.after or {})}
    event = EventRecord(EventKind.BOARD, None, data)
    return board.apply(Change(f"Edit tag “{current['name']}”", (diff,), (event,)))


def delete_tag(board: Board, tag_id: int) -> Change:
    """Remove a tag from every item and from the board."""
    current = _row(board, "tags", tag_id)
    rows: list[RowDiff] = [
        deleted("item_tags", (r["item_id"], tag_id), r)
        for r in board.rows("item_tags", "tag_id = ?", (tag_id,))
    ]
    rows.append(deleted("tags", (tag_id,), _without_id(current)))
    event = EventRecord(EventKind.BOARD, None, {"action": "delete_tag", "before": current})
    return board.apply(Change(f"Delete tag “{current['name']}”", tuple(rows), (event,)))


def plan_tags(
    board: Board, names: Iterable[str]
) -> tuple[list[int], list[RowDiff], list[EventRecord]]:
    """Tag ids for ``names``, plus the inserts (and their events) of new tags.

    Lets an item operation attach tags typed by the person and create the
    missing ones inside its own change, so the whole edit is one transaction
    and one undo step.
    """
    ids: list[int] = []
    rows: list[RowDiff] = []
    events: list[EventRecord] = []
    created: dict[str, int] = {}
    next_id = board.next_id("tags")
    for typed in names:
        name = clean_tag_name(typed)
        if not name:
            continue
        existing = board.tag_by_name(name)
        if existing is not None:
            tag_id = existing.id
        elif name.casefold() in created:
            tag_id = created[name.casefold()]
        else:
            try:
                _tag_name(board, name)  # length and duplicate checks
            except ValueError as error:
                raise ValidationError({"tags": str(error)}) from error
            tag_id = created[name.casefold()] = next_id
            row = {"name": name, "color": TAG_COLORS[(tag_id - 1) % len(TAG_COLORS)]}
            rows.append(inserted("tags", (tag_id,), row))
            events.append(_tag_added_event(tag_id, row))
            next_id += 1
        if tag_id not in ids:
            ids.append(tag_id)
    return ids, rows, events


def clean_tag_name(text: str) -> str:
    """A tag as typed ("#Sales ") to its stored form ("Sales")."""
    return clean_text(text, single_line=True).lstrip("#").strip()


# --- people -----------------------------------------------------------------------


def create_person(
    board: Board,
    name: str,
    *,
    role: str = "",
    department: str = "",
    roles: Iterable[str] = (),
    wiifm: str = "",
    notes: str = "",
) -> Change:
    values = _person_values(
        {"name": name, "role": role, "department": department, "wiifm": wiifm, "notes": notes},
        roles,
    )
    person_id = board.next_id("people")
    data = {"action": "add_person", "after": {"id": person_id, **values}}
    event = EventRecord(EventKind.BOARD, None, data)
    return board.apply(
        Change(f"Add {values['name']}", (inserted("people", (person_id,), values),), (event,))
    )


def update_person(
    board: Board, person_id: int, roles: Iterable[str] | None = None, **fields: str
) -> Change | None:
    current = _row(board, "people", person_id)
    unknown = set(fields) - set(_PERSON_TEXT)
    if unknown:
        raise ValueError(f"unknown person fields: {', '.join(sorted(unknown))}")
    values = _person_values(fields, roles, require_name="name" in fields)
    diff = updated("people", (person_id,), current, values)
    if diff is None:
        return None
    data = {"action": "edit_person", "before": {"id": person_id, **diff.before}}
    data["after"] = {"id": person_id, **(diff.after or {})}
    event = EventRecord(EventKind.BOARD, None, data)
    return board.apply(Change(f"Edit {current['name']}", (diff,), (event,)))


def delete_person(board: Board, person_id: int) -> Change:
    """Remove a person from every item they were on, then from the board."""
    current = _row(board, "people", person_id)
    rows: list[RowDiff] = [
        deleted("item_people", (r["item_id"], person_id, r["role"]), r)
        for r in board.rows("item_people", "person_id = ?", (person_id,))
    ]
    rows.append(deleted("people", (person_id,), _without_id(current)))
    event = EventRecord(EventKind.BOARD, None, {"action": "delete_person", "before": current})
    return board.apply(Change(f"Remove {current['name']}", tuple(rows), (event,)))


# --- helpers ----------------------------------------------------------------------


def _person_values(
    fields: dict[str, str], roles: Iterable[str] | None, *, require_name: bool = True
) -> dict[str, Any]:
    values: dict[str, Any] = {k: clean_text(v, single_line=k == "name") for k, v in fields.items()}
    if require_name and not values.get("name"):
        raise ValueError("A person needs a name.")
    if roles is not None:
        chosen = [PersonRole(r).value for r in roles]
        values["roles"] = json.dumps(sorted(set(chosen)))
    return values


def _tag_name(board: Board, name: str, tag_id: int | None = None) -> str:
    name = clean_tag_name(name)
    if not name:
        raise ValueError("A tag needs a name.")
    if len(name) > 40:
        raise ValueError("Keep tag names to 40 characters.")
    existing = board.tag_by_name(name)
    if existing is not None and existing.id != tag_id:
        raise ValueError(f"There is already a tag called “{existing.name}”.")
    return name


def _color(color: str) -> str:
    if not _COLOR.fullmatch(color):
        raise ValueError(f"{color!r} is not a colour like #2563eb.")
    return color.lower()


def _row(board: Board, table: str, row_id: int) -> dict[str, Any]:
    row = board.row(table, (row_id,))
    if row is None:
        raise LookupError(f"{table} {row_id} does not exist")
    return row


def _without_id(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "id"}
