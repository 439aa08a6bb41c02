"""Row diffs for an item's measurements as edited in the card editor.

A measurement is a fact recorded on a date, so an edit only keeps, removes or
adds measurements; correcting one is removing it and adding the right one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ldboard.domain.measurements import Measurement, latest, measurement_problems
from ldboard.domain.rules import ValidationError, clean_text
from ldboard.ops._diff import deleted, inserted
from ldboard.store import Board, RowDiff


@dataclass(frozen=True, slots=True)
class MeasurementEntry:
    """A measurement as listed in the card editor (``id`` is ``None`` when new)."""

    measured_on: str
    value: float
    label: str = ""
    source: str = ""
    level: int | None = None
    id: int | None = None


def measurement_diffs(
    board: Board, item_id: int, wanted: Sequence[MeasurementEntry], now: str
) -> tuple[list[RowDiff], float | None]:
    """Diffs that turn the item's stored measurements into ``wanted``, and the
    value of the newest measurement after them (``None``: none left)."""
    stored = board.measurements(item_id)
    kept_ids = {entry.id for entry in wanted if entry.id is not None}
    rows: list[RowDiff] = []
    result: list[Measurement] = []
    for measurement in stored:
        if measurement.id in kept_ids:
            result.append(measurement)
        else:
            rows.append(deleted("measurements", (measurement.id,), row_of(measurement)))
    next_id = board.next_id("measurements")
    for position, entry in enumerate(wanted, start=1):
        if entry.id is not None:
            continue
        new = Measurement(
            next_id,
            item_id,
            entry.measured_on,
            entry.value,
            clean_text(entry.label, single_line=True),
            clean_text(entry.source, single_line=True),
            entry.level,
            now,
        )
        problems = measurement_problems(row_of(new))
        if problems:
            detail = "; ".join(problems.values())
            raise ValidationError({"measurements": f"Result {position}: {detail}"})
        rows.append(inserted("measurements", (next_id,), row_of(new)))
        result.append(new)
        next_id += 1
    newest = latest(result)
    return rows, None if newest is None else newest.value


def row_of(measurement: Measurement) -> dict:
    """A measurement as a row of the ``measurements`` table, without its id."""
    return {
        "item_id": measurement.item_id,
        "measured_on": measurement.measured_on,
        "value": measurement.value,
        "label": measurement.label,
        "source": measurement.source,
        "level": measurement.level,
        "created_at": measurement.created_at,
    }
