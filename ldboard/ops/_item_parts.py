"""Row diffs for the parts attached to an item: tags, people, checklist lines, notes,
and (removing an item) its intake answers and evaluation plan.

Shared by creating and editing an item, so both attach parts the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ldboard.domain.practice import PILOT_STAGE, SUPPORT_CHECKLIST
from ldboard.domain.rules import ValidationError, clean_text, unstorable, unstorable_message
from ldboard.ops._diff import deleted, inserted, updated
from ldboard.store import Board, RowDiff


@dataclass(frozen=True, slots=True)
class ChecklistEntry:
    """A checklist line as edited in the card editor (``id`` is ``None`` when new)."""

    text: str
    done: bool = False
    id: int | None = None


def note_diffs(board: Board, item_id: int, texts: Iterable[str], now: str) -> list[RowDiff]:
    """Inserts for the notes among ``texts`` that are not empty once cleaned."""
    rows = []
    next_note = board.next_id("notes")
    for text in texts:
        cleaned = clean_text(text)
        if unstorable(cleaned):
            raise ValidationError({"new_note": unstorable_message("The note")})
        if cleaned:
            row = {"item_id": item_id, "text": cleaned, "created_at": now}
            rows.append(inserted("notes", (next_note,), row))
            next_note += 1
    return rows


def tag_diffs(item_id: int, old: set[int], new: set[int]) -> list[RowDiff]:
    removed = [
        deleted("item_tags", (item_id, tag), {"item_id": item_id, "tag_id": tag})
        for tag in sorted(old - new)
    ]
    added = [
        inserted("item_tags", (item_id, tag), {"item_id": item_id, "tag_id": tag})
        for tag in sorted(new - old)
    ]
    return removed + added


def people_diffs(
    item_id: int, old: set[tuple[int, str]], new: set[tuple[int, str]]
) -> list[RowDiff]:
    def row(person: int, role: str) -> dict[str, Any]:
        return {"item_id": item_id, "person_id": person, "role": role}

    removed = [deleted("item_people", (item_id, p, r), row(p, r)) for p, r in sorted(old - new)]
    added = [inserted("item_people", (item_id, p, r), row(p, r)) for p, r in sorted(new - old)]
    return removed + added


def checklist_diffs(
    board: Board, item_id: int, old: Sequence[Any], new: list[ChecklistEntry]
) -> list[RowDiff]:
    """Diffs that turn the stored checklist ``old`` into the edited list ``new``."""
    existing = {entry.id: entry for entry in old}
    kept = {entry.id for entry in new if entry.id is not None}
    rows: list[RowDiff] = []
    for entry in old:
        if entry.id not in kept:
            row = {"item_id": item_id, "text": entry.text, "done": int(entry.done)}
            rows.append(deleted("checklist_items", (entry.id,), row | {"position": entry.position}))
    next_id = board.next_id("checklist_items")
    for position, entry in enumerate(new):
        text = clean_text(entry.text, single_line=True)
        if not text:
            raise ValidationError({"checklist": f"Checklist line {position + 1} is empty."})
        if unstorable(text):
            label = f"Checklist line {position + 1}"
            raise ValidationError({"checklist": unstorable_message(label)})
        values = {"item_id": item_id, "text": text, "done": int(entry.done), "position": position}
        if entry.id is None or entry.id not in existing:
            rows.append(inserted("checklist_items", (next_id,), values))
            next_id += 1
        else:
            stored = existing[entry.id]
            current = {
                "item_id": item_id,
                "text": stored.text,
                "done": int(stored.done),
                "position": stored.position,
            }
            diff = updated("checklist_items", (entry.id,), current, values)
            if diff is not None:
                rows.append(diff)
    return rows


def practice_deletions(board: Board, item_id: int) -> list[RowDiff]:
    """The item's intake answers and evaluation plan, children first."""
    rows = [deleted("intake_behaviours", (r["id"],), r)
            for r in board.rows("intake_behaviours", "item_id = ?", (item_id,))]  # fmt: skip
    rows += [
        deleted("intake_partners", (item_id, r["person_id"], r["role"]), r)
        for r in board.rows("intake_partners", "item_id = ?", (item_id,))
    ]
    for table in ("intakes", "evaluation_plans"):
        rows += [
            deleted(table, (item_id,), r) for r in board.rows(table, "item_id = ?", (item_id,))
        ]
    return rows


def support_lines(board: Board, item_id: int, stage: str) -> list[RowDiff]:
    """Inserts of the performance-support checklist lines an item entering ``stage``
    gets when that is the pilot stage, less those it already has."""
    if stage.strip().casefold() != PILOT_STAGE:
        return []
    lines = board.checklist(item_id)
    have = {line.text.casefold() for line in lines}
    position = max((line.position for line in lines), default=-1) + 1
    rows = []
    next_id = board.next_id("checklist_items")
    for text in SUPPORT_CHECKLIST:
        if text.casefold() in have:
            continue
        row = {"item_id": item_id, "text": text, "done": 0, "position": position}
        rows.append(inserted("checklist_items", (next_id,), row))
        next_id += 1
        position += 1
    return rows
