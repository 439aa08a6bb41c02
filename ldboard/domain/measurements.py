"""Measurements: the dated results of an initiative's metric.

An initiative states a metric with a baseline and a target; what actually
happened arrives later, often from a learning platform or a survey tool, as a
series of dated values (the baseline measured, the pilot, the 30/60/90-day
checks). Each is a :class:`Measurement`; the latest by date is the item's
``actual``, so the card, the matrix and the iteration summary show the newest
evidence without anyone retyping it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ldboard.domain.rules import EVALUATION_LEVELS, date_problem, unstorable, unstorable_message

#: Longest label ("Baseline", "Pilot", "30 days") and source ("LMS", "Pulse survey").
MEASUREMENT_LABEL_MAX = 60
MEASUREMENT_SOURCE_MAX = 120
#: Values beyond this are typing or export errors, not measurements (and the
#: file's CHECK refuses them).
VALUE_LIMIT = 1e15


@dataclass(frozen=True, slots=True)
class Measurement:
    """One dated value of an item's metric. ``level`` is a Kirkpatrick level (1–4)."""

    id: int
    item_id: int
    measured_on: str
    value: float
    label: str = ""
    source: str = ""
    level: int | None = None
    created_at: str = ""


def latest(measurements: Iterable[Measurement]) -> Measurement | None:
    """The newest measurement: the latest date, and of one day the last recorded."""
    return max(measurements, key=lambda m: (m.measured_on, m.id), default=None)


def measurement_problems(values: dict[str, Any]) -> dict[str, str]:
    """What is wrong with a measurement's fields, by field name (empty: nothing)."""
    problems: dict[str, str] = {}
    problem = date_problem("date", values.get("measured_on"))
    if values.get("measured_on") in (None, ""):
        problems["measured_on"] = "A measurement needs the date it was taken."
    elif problem:
        problems["measured_on"] = problem
    value = values.get("value")
    if value is None:
        problems["value"] = "A measurement needs a value."
    elif isinstance(value, bool) or not isinstance(value, int | float):
        problems["value"] = "The value must be a number."
    elif not math.isfinite(value) or abs(value) > VALUE_LIMIT:
        problems["value"] = "The value is too large to be a measurement."
    level = values.get("level")
    if level is not None and (isinstance(level, bool) or level not in EVALUATION_LEVELS):
        problems["level"] = "The level is a Kirkpatrick level from 1 to 4."
    for name, limit in (("label", MEASUREMENT_LABEL_MAX), ("source", MEASUREMENT_SOURCE_MAX)):
        text = values.get(name) or ""
        if not isinstance(text, str):
            problems[name] = f"The {name} must be text."
        elif len(text) > limit:
            problems[name] = f"Keep the {name} to {limit} characters (it has {len(text)})."
        elif unstorable(text):
            problems[name] = unstorable_message(name.capitalize())
    return problems


def sparkline_points(measurements: Iterable[Measurement]) -> list[tuple[float, float]]:
    """The series as ``(x, y)`` in 0…1, oldest first, for a small line without axes.

    x spreads the points evenly (a sparkline shows the trend, not the calendar);
    y is 0.5 for a flat series so it draws as a level line.
    """
    ordered = sorted(measurements, key=lambda m: (m.measured_on, m.id))
    if not ordered:
        return []
    low = min(m.value for m in ordered)
    high = max(m.value for m in ordered)
    span = high - low
    last = max(len(ordered) - 1, 1)
    return [
        (
            index / last if len(ordered) > 1 else 0.5,
            (m.value - low) / span if span else 0.5,
        )
        for index, m in enumerate(ordered)
    ]
