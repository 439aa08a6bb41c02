"""Operations on the board's tags and people.

Input people type is refused with a ``ValidationError`` naming the field
(``name``, ``color``, ``roles``, … and ``tags`` for names typed on a card).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ldboard.domain.enums import EventKind, ItemRole, PersonRole
from ldboard.domain.rules import ValidationError, clean_text, unstorable, unstorable_message
from ldboard.ops._diff import deleted, inserted, updated
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
TAG_NAME_MAX = 40
PERSON_NAME_MAX = 120
_PERSON_TEXT = ("name", "role", "department", "wiifm", "notes")
#: Person fields edited in one-line boxes and shown inline (chips, tooltips, menus).
_PERSON_SINGLE_LINE = ("name", "role", "department")
_PERSON_LABELS = {
    "name": "The name",
    "role": "The job role",
    "department": "The department",
    "wiifm": "What's in it for them",
    "notes": "The notes",
}


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
    board: Board, names: Iterable[str], *, colors: Mapping[str, str] | None = None
) -> tuple[list[int], list[RowDiff], list[EventRecord]]:
    """Tag ids for ``names``, plus the inserts (and their events) of new tags.

    Lets an item operation attach tags typed by the person and create the
    missing ones inside its own change, so the whole edit is one transaction
    and one undo step. ``colors`` gives new tags a colour by name (casefolded),
    where an import's source has one; others take the next of the palette.
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
        if unstorable(name):
            raise ValidationError({"tags": unstorable_message("A tag name")})
        existing = board.tag_by_name(name)
        if existing is not None:
            tag_id = existing.id
        elif name.casefold() in created:
            tag_id = created[name.casefold()]
        else:
            _tag_name(board, name, field="tags")  # length and duplicate checks
            tag_id = created[name.casefold()] = next_id
            color = (colors or {}).get(name.casefold())
            row = {"name": name, "color": color or TAG_COLORS[(tag_id - 1) % len(TAG_COLORS)]}
            rows.append(inserted("tags", (tag_id,), row))
            events.append(_tag_added_event(tag_id, row))
            next_id += 1
        if tag_id not in ids:
            ids.append(tag_id)
    return ids, rows, events


#: The role a person plays for the board, from the role they have on an item.
_PERSON_ROLE_OF = {
    ItemRole.REQUESTER.value: PersonRole.STAKEHOLDER.value,
    ItemRole.SPONSOR.value: PersonRole.SPONSOR.value,
    ItemRole.SME.value: PersonRole.SME.value,
}


def plan_people(
    board: Board, wanted: Iterable[tuple[str, str]]
) -> tuple[list[tuple[int, str]], list[RowDiff], list[EventRecord]]:
    """``(person id, item role)`` pairs for people named on an item, plus the
    inserts (and their events) of the ones the board does not have yet.

    Lets the card editor add a person by typing a name, inside the item's own
    change (one transaction, one undo step). A name the board already has
    (ignoring case) means that person; a new person starts with the board role
    that matches their role on the item (requester → stakeholder).
    """
    pairs: list[tuple[int, str]] = []
    rows: list[RowDiff] = []
    events: list[EventRecord] = []
    known = {person.name.casefold(): person.id for person in board.people()}
    created: dict[str, dict[str, Any]] = {}
    next_id = board.next_id("people")
    for typed, role in wanted:
        if role not in _PERSON_ROLE_OF:
            raise ValueError(f"{role!r} is not a role on an item")
        if not clean_text(typed, single_line=True):
            continue
        try:
            name = _person_values({"name": typed}, None)["name"]
        except ValidationError as error:  # the same rules as the Tags & People dialog
            raise ValidationError({"people": error.problems["name"]}) from None
        person_id = known.get(name.casefold())
        if person_id is None:
            row = created.get(name.casefold())
            if row is None:
                row = created[name.casefold()] = {"id": next_id, "name": name, "roles": []}
                next_id += 1
            if _PERSON_ROLE_OF[role] not in row["roles"]:
                row["roles"].append(_PERSON_ROLE_OF[role])
            person_id = row["id"]
        if (person_id, role) not in pairs:
            pairs.append((person_id, role))
    for row in created.values():
        values = {
            "name": row["name"],
            "role": "",
            "department": "",
            "roles": json.dumps(sorted(row["roles"])),
            "wiifm": "",
            "notes": "",
        }
        rows.append(inserted("people", (row["id"],), values))
        data = {"action": "add_person", "after": {"id": row["id"], **values}}
        events.append(EventRecord(EventKind.BOARD, None, data))
    return pairs, rows, events


def clean_tag_name(text: str) -> str:
    """A tag as typed ("#Sales ", "# #Sales") to its stored form ("Sales")."""
    return clean_text(text, single_line=True).lstrip("# ")


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
    """Remove a person from every item and request they were on, with the thanks
    they were given, then from the board.

    Retro actions they owned become the lead's own (owner "yourself"), so no
    action is lost with its owner; undo gives them back.
    """
    current = _row(board, "people", person_id)
    rows: list[RowDiff] = [
        deleted("item_people", (r["item_id"], person_id, r["role"]), r)
        for r in board.rows("item_people", "person_id = ?", (person_id,))
    ]
    for entry in board.rows("retro_entries", "owner_id = ?", (person_id,), "id"):
        owner = updated("retro_entries", (entry["id"],), entry, {"owner_id": None})
        assert owner is not None
        rows.append(owner)
    # Their part in requests and the thanks they were given go with them (undo: back).
    rows += [
        deleted("intake_partners", (r["item_id"], person_id, r["role"]), r)
        for r in board.rows("intake_partners", "person_id = ?", (person_id,))
    ]
    rows += [
        deleted("thanks", (r["id"],), r)
        for r in board.rows("thanks", "person_id = ?", (person_id,), "id")
    ]
    rows.append(deleted("people", (person_id,), _without_id(current)))
    event = EventRecord(EventKind.BOARD, None, {"action": "delete_person", "before": current})
    return board.apply(Change(f"Remove {current['name']}", tuple(rows), (event,)))


# --- helpers ----------------------------------------------------------------------


def _person_values(
    fields: dict[str, str], roles: Iterable[str] | None, *, require_name: bool = True
) -> dict[str, Any]:
    values: dict[str, Any] = {
        k: clean_text(v, single_line=k in _PERSON_SINGLE_LINE) for k, v in fields.items()
    }
    problems = {
        name: unstorable_message(_PERSON_LABELS[name])
        for name, value in values.items()
        if unstorable(value)
    }
    name = values.get("name")
    if "name" not in problems:
        if require_name and not name:
            problems["name"] = "A person needs a name."
        elif name and len(name) > PERSON_NAME_MAX:
            problems["name"] = (
                f"Keep names to {PERSON_NAME_MAX} characters (this one has {len(name)})."
            )
    if roles is not None:
        chosen = list(roles)
        known = {role.value for role in PersonRole}
        unknown = [r for r in chosen if r not in known]
        if unknown:
            problems["roles"] = (
                f"Unknown role {unknown[0]!r}; choose from {', '.join(sorted(known))}."
            )
        else:
            values["roles"] = json.dumps(sorted({PersonRole(r).value for r in chosen}))
    if problems:
        raise ValidationError(problems)
    return values


def _tag_name(board: Board, name: str, tag_id: int | None = None, *, field: str = "name") -> str:
    """The stored form of a tag name; ``ValidationError`` on ``field`` if it cannot be used."""
    name = clean_tag_name(name)
    if not name:
        raise ValidationError({field: "A tag needs a name."})
    if unstorable(name):
        raise ValidationError({field: unstorable_message("The tag name")})
    if len(name) > TAG_NAME_MAX:
        raise ValidationError({field: f"Keep tag names to {TAG_NAME_MAX} characters."})
    existing = board.tag_by_name(name)
    if existing is not None and existing.id != tag_id:
        raise ValidationError({field: f"There is already a tag called “{existing.name}”."})
    return name


def _color(color: str) -> str:
    if not isinstance(color, str) or not _COLOR.fullmatch(color):
        raise ValidationError({"color": f"{color!r} is not a colour like #2563eb."})
    return color.lower()


def _row(board: Board, table: str, row_id: int) -> dict[str, Any]:
    row = board.row(table, (row_id,))
    if row is None:
        raise LookupError(f"{table} {row_id} does not exist")
    return row


def _without_id(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "id"}
