"""Small builders for row diffs, shared by the operations."""

from __future__ import annotations

from typing import Any

from ldboard.store.changes import RowDiff

Row = dict[str, Any]

#: Child tables whose update diffs always carry their parent's id, so a change
#: can tell which card (or iteration) it affects.
_PARENT_COLUMN = {
    "checklist_items": "item_id",
    "notes": "item_id",
    "measurements": "item_id",
    "intake_behaviours": "item_id",
    "evaluation_checks": "item_id",
    "thanks": "person_id",
    "retro_entries": "iteration_id",
}


def inserted(table: str, key: tuple[Any, ...], row: Row) -> RowDiff:
    return RowDiff(table, key, None, dict(row))


def deleted(table: str, key: tuple[Any, ...], row: Row) -> RowDiff:
    return RowDiff(table, key, dict(row), None)


def updated(table: str, key: tuple[Any, ...], current: Row, values: Row) -> RowDiff | None:
    """An update of only the columns whose value differs; ``None`` if nothing does."""
    changed = [name for name, value in values.items() if current.get(name) != value]
    if not changed:
        return None
    before = {name: current.get(name) for name in changed}
    after = {name: values[name] for name in changed}
    parent = _PARENT_COLUMN.get(table)
    if parent is not None:
        before.setdefault(parent, current[parent])
        after.setdefault(parent, current[parent])
    return RowDiff(table, key, before, after)
