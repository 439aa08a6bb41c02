"""Recording the measured results of initiatives (``measurements``), one change per action.

Results arrive two ways: many at once from a learning platform or survey
export (``io.results_import`` reads the file into a :class:`ResultsPlan`), or
one at a time in the card editor. Either way the newest measurement of an item
(``domain.measurements.latest``) becomes its ``actual`` in the same change, so
undoing the import or the entry puts the previous actual back too.

The activity log gets one "edited" event per item whose ``before``/``after``
hold the ``actual`` that changed (if it did) and under ``measurements`` the
entries removed/added, so a card's history says what was recorded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ldboard.domain.enums import EventKind
from ldboard.domain.measurements import Measurement, latest, measurement_problems
from ldboard.domain.rules import ValidationError, clean_text
from ldboard.ops._diff import deleted, inserted
from ldboard.ops._measurement_parts import MeasurementEntry, row_of
from ldboard.ops.importing import ImportRefused
from ldboard.store import Board, Change, EventRecord, RowDiff

__all__ = [
    "MeasurementEntry",
    "MeasurementRow",
    "ResultsPlan",
    "add_measurement",
    "delete_measurement",
    "import_results",
    "results_summary",
]


@dataclass(frozen=True, slots=True)
class MeasurementRow:
    """One measurement to record, and the file line it came from (0: typed in)."""

    line: int
    item_id: int
    measured_on: str
    value: float
    label: str = ""
    source: str = ""
    level: int | None = None


@dataclass(frozen=True, slots=True)
class ResultsPlan:
    """What a results import would record. ``problems`` non-empty: nothing is."""

    source: str
    rows: tuple[MeasurementRow, ...] = ()
    problems: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def item_count(self) -> int:
        return len({row.item_id for row in self.rows})


def import_results(board: Board, plan: ResultsPlan) -> Change:
    """Record every measurement of ``plan`` as one change (one transaction, one undo step).

    Raises :class:`~ldboard.ops.importing.ImportRefused` before writing anything
    when the plan has problems, is empty, or names an item that no longer exists.
    """
    if plan.problems:
        raise ImportRefused(plan.problems)
    if not plan.rows:
        raise ImportRefused([f"{plan.source}: there are no results to import."])
    problems = [
        f"{plan.source}:{row.line}: {name}: {message}"
        for row in plan.rows
        for name, message in measurement_problems(_values(row)).items()
    ]
    if problems:
        raise ImportRefused(problems)
    known = {item_id for item_id, _key, _title in board.item_directory()}
    gone = [
        f"{plan.source}:{row.line}: item: it was deleted after the file was read."
        for row in plan.rows
        if row.item_id not in known
    ]
    if gone:
        raise ImportRefused(gone)
    count = len(plan.rows)
    label = f"Import {count:,} result{'s' if count != 1 else ''} from {plan.source}"
    return _record(board, label, plan.rows, ())


def add_measurement(
    board: Board,
    item_id: int,
    measured_on: str,
    value: float,
    *,
    label: str = "",
    source: str = "",
    level: int | None = None,
) -> Change:
    """Record one measurement typed in by hand; ``ValidationError`` names bad fields."""
    row = MeasurementRow(
        0,
        item_id,
        measured_on,
        value,
        clean_text(label, single_line=True),
        clean_text(source, single_line=True),
        level,
    )
    problems = measurement_problems(_values(row))
    if problems:
        raise ValidationError(problems)
    key = _item(board, item_id)["key"]
    return _record(board, f"Record a result on {key}", (row,), ())


def delete_measurement(board: Board, measurement_id: int) -> Change:
    """Remove one measurement; the item's actual follows the newest one left."""
    found = board.row("measurements", (measurement_id,))
    if found is None:
        raise LookupError(f"measurement {measurement_id} does not exist")
    key = _item(board, found["item_id"])["key"]
    return _record(board, f"Remove a result from {key}", (), (Measurement(**found),))


def results_summary(change: Change) -> str:
    """What an import recorded, in a sentence."""
    added = sum(1 for diff in change.diffs("measurements") if diff.is_insert)
    items = len({diff.value("item_id") for diff in change.diffs("measurements")})
    actuals = sum(1 for diff in change.diffs("items") if "actual" in (diff.after or {}))
    changed = {0: "no actual value changed", 1: "1 actual value changed"}.get(
        actuals, f"{actuals:,} actual values changed"
    )
    return (
        f"Recorded {added:,} result{'s' if added != 1 else ''} on {items:,} "
        f"item{'s' if items != 1 else ''}; {changed}."
    )


# --- the change ------------------------------------------------------------------------


def _record(
    board: Board,
    label: str,
    added: Iterable[MeasurementRow],
    removed: Iterable[Measurement],
) -> Change:
    now = board.now()
    next_id = board.next_id("measurements")
    new_by_item: dict[int, list[Measurement]] = defaultdict(list)
    for row in added:
        new = Measurement(next_id, created_at=now, **_values(row), item_id=row.item_id)
        new_by_item[row.item_id].append(new)
        next_id += 1
    gone_by_item: dict[int, list[Measurement]] = defaultdict(list)
    for measurement in removed:
        gone_by_item[measurement.item_id].append(measurement)

    # Like rows together (all deletes, all inserts, then the items): the store
    # writes a run of like inserts as one statement.
    removals: list[RowDiff] = []
    additions: list[RowDiff] = []
    items: list[RowDiff] = []
    events: list[EventRecord] = []
    for item_id in dict.fromkeys([*new_by_item, *gone_by_item]):
        new, gone = new_by_item.get(item_id, []), gone_by_item.get(item_id, [])
        removals += [deleted("measurements", (m.id,), row_of(m)) for m in gone]
        additions += [inserted("measurements", (m.id,), row_of(m)) for m in new]
        before: dict[str, Any] = {"measurements": [_entry(m) for m in gone]}
        after: dict[str, Any] = {"measurements": [_entry(m) for m in new]}
        item = _item(board, item_id)
        gone_ids = {m.id for m in gone}
        kept = [m for m in board.measurements(item_id) if m.id not in gone_ids]
        newest = latest([*kept, *new])
        values: dict[str, Any] = {"updated_at": now}
        if newest is not None and newest.value != item["actual"]:
            before["actual"] = item["actual"]
            values["actual"] = after["actual"] = newest.value
        items.append(RowDiff("items", (item_id,), {name: item[name] for name in values}, values))
        events.append(EventRecord(EventKind.EDITED, item_id, {"before": before, "after": after}))
    rows = (*removals, *additions, *items)
    return board.apply(Change(label, rows, tuple(events)))


def _values(row: MeasurementRow) -> dict[str, Any]:
    return {
        "measured_on": row.measured_on,
        "value": row.value,
        "label": row.label,
        "source": row.source,
        "level": row.level,
    }


def _entry(measurement: Measurement) -> dict[str, Any]:
    """What the activity log keeps of a measurement (enough to tell it in a history)."""
    entry: dict[str, Any] = {"measured_on": measurement.measured_on, "value": measurement.value}
    for name in ("label", "source"):
        if getattr(measurement, name):
            entry[name] = getattr(measurement, name)
    if measurement.level is not None:
        entry["level"] = measurement.level
    return entry


def _item(board: Board, item_id: int) -> dict[str, Any]:
    found = board.row("items", (item_id,))
    if found is None:
        raise LookupError(f"item {item_id} does not exist")
    return found
