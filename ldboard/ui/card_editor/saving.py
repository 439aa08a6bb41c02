"""Saving what the card editor collected: one operation, one transaction, one undo step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ldboard.domain.rules import ValidationError, validate_item_fields
from ldboard.ops import ChecklistEntry, create_item, edit_item, normalise_fields
from ldboard.ops.vocabulary import clean_tag_name
from ldboard.store import Board, Change


def save_card(
    board: Board,
    item_id: int | None,
    column_id: int,
    fields: dict[str, Any],
    tag_names: Sequence[str] | None,
    people: Sequence[tuple[int, str]] | None,
    checklist: Sequence[ChecklistEntry] | None,
    new_notes: Sequence[str] = (),
) -> Change | None:
    """Create (``item_id`` is ``None``) or edit an item with everything the editor collected.

    ``tag_names`` is the complete list of the item's tags as typed; the board
    creates the ones it does not have yet within the same change. ``None`` for
    tags, people or checklist leaves them as they are.
    """
    values = normalise_fields(fields)
    problems = validate_item_fields(values)
    if item_id is None and "title" not in values:
        problems["title"] = "A title is required."
    if problems:
        raise ValidationError(problems)
    if item_id is None:
        title = values.pop("title")
        return create_item(
            board,
            column_id,
            title,
            fields=values,
            new_tags=tag_names or (),
            people=people or (),
            checklist=checklist or (),
            notes=new_notes,
        )
    return edit_item(
        board,
        item_id,
        values,
        tag_ids=None if tag_names is None else (),
        new_tags=tag_names or (),
        people=people,
        checklist=checklist,
        new_notes=new_notes,
    )


def created_item_id(change: Change) -> int:
    """The id of the item a creating change inserted."""
    for diff in change.diffs("items"):
        if diff.is_insert:
            return int(diff.key[0])
    raise ValueError(f"{change.label!r} does not create an item")


def parse_tag_names(text: str) -> list[str]:
    """Tag names typed as ``"sales, #onboarding, Sales"``: trimmed, without ``#``, each once."""
    names: list[str] = []
    seen: set[str] = set()
    for part in text.split(","):
        name = clean_tag_name(part)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names
