"""Saving what the card editor collected: one operation, one transaction, one undo step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ldboard.domain.rules import ValidationError, validate_item_fields
from ldboard.ops import ChecklistEntry, create_item, edit_item, move_item, normalise_fields
from ldboard.ops.measuring import MeasurementEntry
from ldboard.ops.vocabulary import clean_tag_name
from ldboard.store import Board, Change, RowDiff


def save_card(
    board: Board,
    item_id: int | None,
    column_id: int,
    fields: dict[str, Any],
    tag_names: Sequence[str] | None,
    people: Sequence[tuple[int, str]] | None,
    checklist: Sequence[ChecklistEntry] | None,
    new_notes: Sequence[str] = (),
    *,
    new_people: Sequence[tuple[str, str]] = (),
    measurements: Sequence[MeasurementEntry] | None = None,
    stage: int | None = None,
) -> Change | None:
    """Create (``item_id`` is ``None``) or edit an item with everything the editor collected.

    A new item goes to the bottom of ``column_id``. ``tag_names`` is the complete
    list of the item's tags as typed; the board creates the ones it does not have
    yet within the same change, and likewise the people in ``new_people``
    (``(name, item role)`` pairs). ``None`` for tags, people, checklist or
    ``measurements`` (the complete list of an existing item's results) leaves
    them as they are; when the results change, the newest becomes ``actual``.
    ``stage``, for an existing item, moves it to the bottom of that column as
    part of the same change.
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
            new_people=new_people,
        )
    current = board.item(item_id)
    moving = current is not None and stage is not None and stage != current.column_id

    def edit(target: Board) -> Change | None:
        return edit_item(
            target,
            item_id,
            values,
            tag_ids=None if tag_names is None else (),
            new_tags=tag_names or (),
            people=people,
            checklist=checklist,
            new_notes=new_notes,
            new_people=new_people,
            measurements=measurements,
        )

    if not moving:
        return edit(board)
    assert stage is not None
    # Both operations read the board as it is and hand back their change
    # unwritten; the two are then written together, so the edit and the move
    # are one transaction and one undo step. (Neither reads what the other
    # changes: an edit never touches the column or rank, a move nothing else.)
    planner = _Planner(board)
    edited = edit(planner)  # type: ignore[arg-type]
    moved = move_item(planner, item_id, stage, board.column_count(stage))  # type: ignore[arg-type]
    if moved is None:
        return edit(board)
    if edited is None:
        return board.apply(moved)
    label = f"{edited.label} and move it to {_column_name(board, stage)}"
    return board.apply(merge_changes(label, edited, moved))


class _Planner:
    """Lends an operation the board's reads but keeps its change instead of writing it."""

    def __init__(self, board: Board) -> None:
        self._board = board

    def __getattr__(self, name: str) -> Any:
        return getattr(self._board, name)

    def apply(self, change: Change) -> Change:
        return change


def merge_changes(label: str, first: Change, second: Change) -> Change:
    """One change doing ``first`` then ``second``, both planned on the same state.

    Where both update the same row, the updates become one (the earlier
    "before" values, the later "after" values), so the merged change checks
    and writes each row once and its inverse restores the original exactly.
    """
    rows = list(first.rows)
    position = {(d.table, d.key): n for n, d in enumerate(rows) if d.before and d.after}
    for diff in second.rows:
        earlier = position.get((diff.table, diff.key))
        if earlier is None or diff.before is None or diff.after is None:
            rows.append(diff)
            continue
        previous = rows[earlier]
        assert previous.before is not None and previous.after is not None
        before = {**diff.before, **previous.before}
        after = {**previous.after, **diff.after}
        rows[earlier] = RowDiff(diff.table, diff.key, before, after)
    return Change(label, tuple(rows), (*first.events, *second.events))


def _column_name(board: Board, column_id: int) -> str:
    column = board.column(column_id)
    return column.name if column is not None else "another stage"


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
