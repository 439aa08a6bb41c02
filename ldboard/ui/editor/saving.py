"""Saving what the card editor collected: one operation, one transaction, one undo step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ldboard.domain.practice import EvaluationPlan
from ldboard.domain.rules import ValidationError, validate_item_fields
from ldboard.ops import ChecklistEntry, create_item, edit_item, move_item, normalise_fields
from ldboard.ops.evaluation import save_evaluation_plan
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
    evaluation_plan: EvaluationPlan | None = None,
) -> Change | None:
    """Create (``item_id`` is ``None``) or edit an item with everything the editor collected.

    A new item goes to the bottom of ``column_id``. ``tag_names`` is the complete
    list of the item's tags as typed; the board creates the ones it does not have
    yet within the same change, and likewise the people in ``new_people``
    (``(name, item role)`` pairs). ``None`` for tags, people, checklist or
    ``measurements`` (the complete list of an existing item's results) leaves
    them as they are; when the results change, the newest becomes ``actual``.
    ``stage``, for an existing item, moves it to the bottom of that column as
    part of the same change, and so is ``evaluation_plan`` (the item's whole
    evaluation plan when it changed; ``None`` leaves it as it is).
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

    if not moving and evaluation_plan is None:
        return edit(board)
    # Each operation reads the board as it is and hands back its change
    # unwritten; the changes are then written together, so the edit, the move
    # and the evaluation plan are one transaction and one undo step. (None
    # reads what another changes: an edit never touches the column, rank or
    # evaluation tables, a move and a plan nothing else.)
    planner = _Planner(board)
    edited = edit(planner)  # type: ignore[arg-type]
    #: Each change, and how it is named after the first one's label.
    parts: list[tuple[Change, str]] = []
    if edited is not None:
        parts.append((edited, ""))
    if moving:
        assert stage is not None
        moved = move_item(planner, item_id, stage, board.column_count(stage))  # type: ignore[arg-type]
        if moved is not None:
            parts.append((moved, f"move it to {_column_name(board, stage)}"))
    if evaluation_plan is not None:
        planned = save_evaluation_plan(planner, item_id, evaluation_plan)  # type: ignore[arg-type]
        if planned is not None:
            parts.append((planned, "plan its evaluation"))
    if not parts:
        return None
    merged = parts[0][0]
    label = merged.label
    for part, joined in parts[1:]:
        label = f"{label} and {joined}"
        merged = merge_changes(label, merged, part)
    return board.apply(merged)


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
