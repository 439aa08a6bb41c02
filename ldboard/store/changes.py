"""Changes: the single currency of every mutation.

An operation describes what it does as a ``Change``: the exact rows it inserts,
updates or deletes (with their values before and after) and the activity-log
events it records. ``Board.apply`` writes a change in one transaction; undo
applies ``change.inverse()``, which swaps every before/after pair and reverses
their order, so undo restores the previous state exactly by construction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

#: Primary-key columns of every table a change may touch. ``events`` is absent
#: on purpose: the activity log is append-only.
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "meta": ("key",),
    "columns": ("id",),
    "items": ("id",),
    "people": ("id",),
    "tags": ("id",),
    "item_tags": ("item_id", "tag_id"),
    "item_people": ("item_id", "person_id", "role"),
    "iterations": ("id",),
    "retro_entries": ("id",),
    "checklist_items": ("id",),
    "notes": ("id",),
    "measurements": ("id",),
    "intakes": ("item_id",),
    "intake_behaviours": ("id",),
    "intake_partners": ("item_id", "person_id", "role"),
    "evaluation_plans": ("item_id",),
    "evaluation_checks": ("id",),
    "thanks": ("id",),
    "iteration_snapshots": ("iteration_id",),
    "iteration_snapshot_items": ("iteration_id", "item_id"),
}

Row = dict[str, Any]

#: Tables whose rows belong to one item (they carry its ``item_id``).
_ITEM_PARTS = frozenset(
    (
        "item_tags",
        "item_people",
        "checklist_items",
        "notes",
        "measurements",
        "intakes",
        "intake_behaviours",
        "intake_partners",
        "evaluation_plans",
        "evaluation_checks",
    )
)

_INVERSE_KIND = {
    "created": "deleted",
    "deleted": "created",
    "archived": "restored",
    "restored": "archived",
}


@dataclass(frozen=True, slots=True)
class RowDiff:
    """One row's state before and after. ``None`` before = insert, after = delete.

    For updates, ``before`` and ``after`` hold only the columns that change.
    """

    table: str
    key: tuple[Any, ...]
    before: Row | None
    after: Row | None

    def __post_init__(self) -> None:
        if self.table not in TABLE_KEYS:
            raise ValueError(f"table {self.table!r} cannot be changed")
        if self.before is None and self.after is None:
            raise ValueError("a row diff needs a before or an after state")
        if len(self.key) != len(TABLE_KEYS[self.table]):
            raise ValueError(f"{self.table} rows are keyed by {TABLE_KEYS[self.table]}")

    @property
    def is_insert(self) -> bool:
        return self.before is None

    @property
    def is_delete(self) -> bool:
        return self.after is None

    def inverse(self) -> RowDiff:
        return RowDiff(self.table, self.key, self.after, self.before)

    def value(self, column: str, default: Any = None) -> Any:
        """The column's value after the change (or before it, for a delete)."""
        state = self.after if self.after is not None else self.before
        assert state is not None
        return state.get(column, default)


@dataclass(frozen=True, slots=True)
class EventRecord:
    """An activity-log entry to append when the change is applied."""

    kind: str
    item_id: int | None
    data: dict[str, Any] = field(default_factory=dict)

    def inverse(self) -> EventRecord:
        data = dict(self.data)
        if "before" in data or "after" in data:
            data["before"], data["after"] = self.data.get("after"), self.data.get("before")
        data["undo"] = not self.data.get("undo", False)
        return EventRecord(_INVERSE_KIND.get(self.kind, self.kind), self.item_id, data)


@dataclass(frozen=True, slots=True)
class Change:
    """What one user action did. ``label`` is shown in Edit → Undo/Redo."""

    label: str
    rows: tuple[RowDiff, ...]
    events: tuple[EventRecord, ...] = ()

    def inverse(self) -> Change:
        return Change(
            self.label,
            tuple(diff.inverse() for diff in reversed(self.rows)),
            tuple(event.inverse() for event in self.events),
        )

    def diffs(self, table: str) -> Iterator[RowDiff]:
        return (diff for diff in self.rows if diff.table == table)

    def touches(self, *tables: str) -> bool:
        return any(diff.table in tables for diff in self.rows)

    def item_ids(self) -> set[int]:
        """Items whose card may look different after this change."""
        ids: set[int] = set()
        for diff in self.rows:
            if diff.table == "items":
                ids.add(diff.key[0])
            elif diff.table in _ITEM_PARTS:
                ids.add(diff.value("item_id"))
        return ids

    def iteration_ids(self) -> set[int]:
        """Iterations whose row, plan, retrospective or snapshot this change touches.

        An item counts for the iteration it left and the one it joined; a retro
        entry for its iteration (update diffs of retro entries always carry
        ``iteration_id``) and for the iteration an action was ticked in.
        """
        ids: set[int] = set()
        for diff in self.rows:
            if diff.table in ("iterations", "iteration_snapshots", "iteration_snapshot_items"):
                ids.add(diff.key[0])
                continue
            if diff.table not in ("items", "retro_entries"):
                continue
            names = ("iteration_id", "closed_in_iteration_id")
            for state in (diff.before, diff.after):
                for name in names:
                    value = (state or {}).get(name)
                    if isinstance(value, int):
                        ids.add(value)
        return ids
