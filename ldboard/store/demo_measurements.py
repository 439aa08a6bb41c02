"""The demo's measured results: each initiative being evaluated has a series of
dated values of its metric, from the baseline to the latest check, whose last
value is the item's ``actual`` (as an import or the card editor would leave it).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Protocol

from ldboard.domain.enums import EventKind


class DemoDataError(ValueError):
    """The demo content is inconsistent (a packaging bug, reported precisely)."""


class DemoWriter(Protocol):
    """What the demo's add-on writers use of the demo writer (``demo._DemoWriter``)."""

    conn: Any

    def insert(self, table: str, row: dict[str, Any]) -> int: ...
    def moment(self, offset_days: int, minutes: int = 0) -> str: ...
    def day(self, offset_days: int | None) -> str | None: ...
    def event(self, ts: str, kind: str, item_id: int | None, data: dict[str, Any]) -> None: ...


def write_measurements(writer: DemoWriter, entries: list[dict[str, Any]]) -> None:
    """Insert ``entries`` (``item`` by title, ``offset_days``, ``value``, ``label``,
    ``source``) with the log's "recorded a result" events."""
    items = {
        title: (item_id, actual, level)
        for item_id, title, actual, level in writer.conn.execute(
            "SELECT id, title, actual, evaluation_level FROM items"
        )
    }
    by_item: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        if entry["item"] not in items:
            raise DemoDataError(f"demo measurement for an unknown item {entry['item']!r}")
        by_item[entry["item"]].append(entry)
    for title, series in by_item.items():
        item_id, actual, level = items[title]
        series.sort(key=lambda e: e["offset_days"])
        if series[-1]["value"] != actual:
            raise DemoDataError(f"{title!r}: the latest measurement is not the item's actual")
        previous = None
        for entry in series:
            created = writer.moment(entry["offset_days"], minutes=60 + item_id * 3)
            row = {
                "item_id": item_id,
                "measured_on": writer.day(entry["offset_days"]),
                "value": float(entry["value"]),
                "label": entry["label"],
                "source": entry["source"],
                "level": level,
                "created_at": created,
            }
            writer.insert("measurements", row)
            told = {k: row[k] for k in ("measured_on", "value", "label", "source", "level")}
            data = {
                "before": {"measurements": [], "actual": previous},
                "after": {"measurements": [told], "actual": row["value"]},
            }
            writer.event(created, EventKind.EDITED, item_id, data)
            previous = row["value"]
