"""What every chart shares: a plain chart, date and count axes, day positions.

Days sit at noon UTC on the time axis: the metrics count calendar days in UTC,
and noon keeps a day's label on that day whatever the viewer's time zone.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from PySide6.QtCharts import QAbstractAxis, QAbstractSeries, QChart, QDateTimeAxis, QValueAxis
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPen

from ldboard.ui.common import theme

DAY_MS = 86_400_000


def day_ms(day: date) -> float:
    """Where a calendar day sits on a time axis (noon UTC, in ms since the epoch)."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp() * 1000


def moment_ms(ts: str) -> float:
    """Where a file timestamp (``2026-11-23T09:30:00Z``) sits on a time axis."""
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp() * 1000


def new_chart(title: str, lines: bool = False) -> QChart:
    """A chart with the app's calm look: no animation, legend below, small margins.
    ``lines``: the legend draws each series' own line or dot (a filled square
    otherwise, which is what areas and bars need)."""
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setTheme(QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(8, 4, 16, 4))
    font = QFont(chart.titleFont())
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setTitleBrush(theme.TEXT)
    chart.setTitle(title)
    legend = chart.legend()
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    if lines:
        legend.setMarkerShape(legend.MarkerShape.MarkerShapeFromSeries)
    return chart


def attach(chart: QChart, series: QAbstractSeries, *axes: QAbstractAxis) -> None:
    """Add ``series`` to ``chart`` and to each of ``axes`` (already on the chart)."""
    chart.addSeries(series)
    for axis in axes:
        series.attachAxis(axis)


def date_axis(chart: QChart, first: float, last: float, title: str = "") -> QDateTimeAxis:
    """A time axis at the bottom from ``first`` to ``last`` (ms), labelled "3 Nov"."""
    axis = QDateTimeAxis()
    if last - first < DAY_MS:  # one day: give it some room on both sides
        first, last = first - DAY_MS / 2, last + DAY_MS / 2
    span_days = (last - first) / DAY_MS
    axis.setFormat("d MMM yy" if span_days > 330 else "d MMM")
    axis.setTickCount(min(8, max(2, math.ceil(span_days) + 1)))
    axis.setRange(
        QDateTime.fromMSecsSinceEpoch(round(first)), QDateTime.fromMSecsSinceEpoch(round(last))
    )
    axis.setTitleText(title)
    _quiet(axis)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    return axis


def count_axis(chart: QChart, maximum: float, title: str, decimals: int = 0) -> QValueAxis:
    """A value axis on the left from 0 to a round number at or above ``maximum``,
    with round ticks (whole numbers for counts)."""
    axis = QValueAxis()
    top, ticks = nice_range(maximum)
    axis.setRange(0, top)
    axis.setTickCount(ticks)
    axis.setLabelFormat(f"%.{decimals}f" if top / (ticks - 1) % 1 == 0 else "%.1f")
    axis.setTitleText(title)
    _quiet(axis)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    return axis


def nice_range(maximum: float) -> tuple[float, int]:
    """A top at or above ``maximum`` and a tick count whose steps are 1, 2 or 5
    times a power of ten, with at most 9 ticks: 7 → (7, 8), 23 → (25, 6)."""
    maximum = max(float(maximum), 1.0)
    for power in range(0, 12):
        for factor in (1, 2, 5):
            step = factor * 10**power
            steps = math.ceil(maximum / step)
            if steps <= 8:
                return step * steps, steps + 1
    return maximum, 2  # pragma: no cover - beyond any board


def reference_pen(color: QColor, dashed: bool = True) -> QPen:
    pen = QPen(color)
    pen.setWidthF(1.6)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _quiet(axis: QAbstractAxis) -> None:
    """Grid and labels in the muted colours of the rest of the app."""
    axis.setLabelsColor(theme.MUTED_TEXT)
    axis.setTitleBrush(theme.MUTED_TEXT)
    axis.setGridLineColor(QColor("#e5e9f0"))
    axis.setLinePenColor(QColor("#cbd5e1"))
