"""The cycle-time scatter: each finished item at its finish date, by how long
it took from its first active stage to Done.

Two dashed lines give the median and the 85th percentile, with their values
written at the right end of each (a legend entry alone makes readers hunt for
the number; see ``reference.py``). "85 % of our work finishes within N days" is the sentence a
sponsor takes away.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QChart
from PySide6.QtGui import QColor

from ldboard.domain.flow import CycleTimes, day_of
from ldboard.ui.charts.axes import (
    attach,
    count_axis,
    date_axis,
    day_ms,
    moment_ms,
    new_chart,
)
from ldboard.ui.charts.points import ItemPoint, ItemSeries, item_label
from ldboard.ui.charts.reference import add_reference_line
from ldboard.ui.common import theme

CAPTION = (
    "Each dot is an item finished in the range: when it reached Done, and how many days "
    "it spent from its first active stage until then. Hover a dot to see the item, click "
    "it to open it."
)

DOT_COLOUR = QColor("#3b82f6")
MEDIAN_COLOUR = QColor("#0f766e")
P85_COLOUR = theme.WARNING


def cycle_points(times: CycleTimes) -> list[ItemPoint]:
    points = []
    for item in times.items:
        if item.cycle_days is None:
            continue
        finished = day_of(item.finished_at)
        points.append(
            ItemPoint(
                moment_ms(item.finished_at),
                item.cycle_days,
                item.item_id,
                f"{item_label(item.key, item.title)}\n"
                f"Cycle time {item.cycle_days:.1f} days · finished {finished.day} "
                f"{finished:%b %Y}",
            )
        )
    return points


def cycle_chart(
    times: CycleTimes, points: list[ItemPoint], first: date, last: date, title: str
) -> QChart:
    chart = new_chart(title, lines=True)
    start, end = day_ms(first) - 43_200_000, day_ms(last) + 43_200_000
    x_axis = date_axis(chart, start, end, "Finished on")
    y_axis = count_axis(chart, max(p.y for p in points) * 1.08, "Cycle time (days)")
    dots = ItemSeries("Finished item", DOT_COLOUR, points)
    attach(chart, dots, x_axis, y_axis)
    for label, value, colour in (
        ("Median", times.cycle.median, MEDIAN_COLOUR),
        ("85th percentile", times.cycle.p85, P85_COLOUR),
    ):
        if value is None:
            continue
        text = f"{label}: {value:.1f} days"
        add_reference_line(chart, text, value, (start, end), colour, (x_axis, y_axis))
    return chart


__all__ = ["CAPTION", "P85_COLOUR", "cycle_chart", "cycle_points"]
