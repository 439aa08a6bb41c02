"""Partners: a person's level, place on the stakeholder map, commitments, and thanks.

Dragging a person on the stakeholder map is :func:`place_person`, one undoable
change like rescoring a card on the matrix; the People view edits the rest.
"""

from __future__ import annotations

from typing import Any

from ldboard.domain.enums import EventKind, PersonLevel
from ldboard.domain.rules import ValidationError, clean_text, date_problem, unstorable
from ldboard.domain.stakeholders import MAP_RANGE
from ldboard.ops._diff import deleted, inserted, updated
from ldboard.store import Board, Change, EventRecord

THANKS_MAX = 500


def place_person(
    board: Board, person_id: int, influence: int | None, involvement: int | None
) -> Change | None:
    """Put a person at ``influence`` (1–5, up) × ``involvement`` (1–5, across) on the map."""
    for name, value in (("influence", influence), ("involvement", involvement)):
        if value is not None and (isinstance(value, bool) or value not in MAP_RANGE):
            raise ValidationError({name: f"{name.capitalize()} is a whole number from 1 to 5."})
    return _update(board, person_id, {"influence": influence, "involvement": involvement}, "Place")


def update_partner(board: Board, person_id: int, **values: Any) -> Change | None:
    """Change a partner's ``level`` (``PersonLevel`` or ``None``) and ``commitments``."""
    unknown = set(values) - {"level", "commitments"}
    if unknown:
        raise ValueError(f"unknown partner fields: {', '.join(sorted(unknown))}")
    if "level" in values and values["level"] is not None:
        try:
            values["level"] = PersonLevel(values["level"]).value
        except ValueError:
            raise ValidationError({"level": f"Unknown level {values['level']!r}."}) from None
    if "commitments" in values:
        values["commitments"] = clean_text(values["commitments"])
        if unstorable(values["commitments"]):
            raise ValidationError({"commitments": "The commitments hold broken characters."})
    return _update(board, person_id, values, "Edit")


def add_thanks(
    board: Board, person_id: int, given_on: str, text: str, item_id: int | None = None
) -> Change:
    """Record a thank-you to a person (what for, and the initiative if any)."""
    person = _person(board, person_id)
    cleaned = clean_text(text)
    problems: dict[str, str] = {}
    if not cleaned:
        problems["text"] = "Say what the thanks are for."
    elif len(cleaned) > THANKS_MAX or unstorable(cleaned):
        problems["text"] = f"Keep it to {THANKS_MAX} characters of plain text."
    if problem := date_problem("date", given_on):
        problems["given_on"] = problem
    if item_id is not None and board.row("items", (item_id,)) is None:
        problems["item_id"] = "That initiative no longer exists."
    if problems:
        raise ValidationError(problems)
    thanks_id = board.next_id("thanks")
    row = {"person_id": person_id, "given_on": given_on, "text": cleaned, "item_id": item_id}
    data = {"action": "thank", "after": {"id": thanks_id, **row}}
    event = EventRecord(EventKind.BOARD, None, data)
    change = Change(f"Thank {person['name']}", (inserted("thanks", (thanks_id,), row),), (event,))
    return board.apply(change)


def delete_thanks(board: Board, thanks_id: int) -> Change:
    found = board.row("thanks", (thanks_id,))
    if found is None:
        raise LookupError(f"thanks {thanks_id} do not exist")
    person = _person(board, found["person_id"])
    event = EventRecord(EventKind.BOARD, None, {"action": "unthank", "before": dict(found)})
    diff = deleted("thanks", (thanks_id,), found)
    return board.apply(Change(f"Remove thanks to {person['name']}", (diff,), (event,)))


def _update(board: Board, person_id: int, values: dict[str, Any], verb: str) -> Change | None:
    current = _person(board, person_id)
    diff = updated("people", (person_id,), current, values)
    if diff is None:
        return None
    data = {
        "action": "edit_person",
        "before": {"id": person_id, **(diff.before or {})},
        "after": {"id": person_id, **(diff.after or {})},
    }
    event = EventRecord(EventKind.BOARD, None, data)
    return board.apply(Change(f"{verb} {current['name']}", (diff,), (event,)))


def _person(board: Board, person_id: int) -> dict[str, Any]:
    found = board.row("people", (person_id,))
    if found is None:
        raise LookupError(f"person {person_id} does not exist")
    return found
