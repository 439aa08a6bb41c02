"""The cumulative flow diagram: how many items sat in each stage, day by day.

Bands are stacked with the last stage (Done) at the bottom and the first
(the intake) on top, the usual reading of a CFD: work arrives at the top and
settles at the bottom, so a band that widens is a stage where work piles up.
The series are added in board order, so the legend reads left to right like
the board's columns, in the board's own column colours.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCharts import QAreaSeries, QChart, QLineSeries
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPen

from ldboard.domain.flow import CumulativeFlow
from ldboard.ui.charts.axes import attach, count_axis, date_axis, day_ms, new_chart

CAPTION = (
    "Items in each stage at the end of every day. A band that widens is a stage where "
    "work arrives faster than it leaves; a steadily rising Done band means work is flowing."
)


def cfd_chart(flow: CumulativeFlow, colours: Mapping[int, QColor], title: str) -> QChart:
    """The stacked areas of ``flow``; ``colours`` by stage id (the board's)."""
    chart = new_chart(title)
    xs = [day_ms(day) for day in flow.days]
    bands = [b for b in flow.bands if not b.stage.removed or any(b.counts)]
    x_axis = date_axis(chart, xs[0], xs[-1])
    y_axis = count_axis(chart, max(flow.totals, default=0), "Items")
    areas: dict[int, QAreaSeries] = {}
    below: QLineSeries | None = None
    floor = [0] * len(xs)
    for band in reversed(bands):  # bottom (Done) first: each band sits on the one below
        top = [a + b for a, b in zip(floor, band.counts, strict=True)]
        area = QAreaSeries()
        upper = QLineSeries(area)
        upper.replace([QPointF(x, y) for x, y in zip(xs, top, strict=True)])
        area.setUpperSeries(upper)
        if below is not None:
            lower = QLineSeries(area)
            lower.replace([QPointF(x, y) for x, y in zip(xs, floor, strict=True)])
            area.setLowerSeries(lower)
        below, floor = upper, top
        colour = colours.get(band.stage.id, QColor("#cbd5e1"))
        area.setColor(colour)
        area.setBorderColor(colour.darker(125))
        pen = QPen(colour.darker(125))
        pen.setWidthF(1.0)
        area.setPen(pen)
        area.setName(band.stage.name)
        areas[band.stage.id] = area
    for band in bands:  # board order, so the legend reads like the board
        attach(chart, areas[band.stage.id], x_axis, y_axis)
    return chart
