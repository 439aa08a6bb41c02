"""Throughput: how much was finished per iteration, or per ISO week.

Bars with their value written on them: a sponsor reads "3, 5, 4" faster than
a y axis. Iteration names are often long ("Iteration 2: CRM go-live…"), so the
axis shows the part before the colon, cut if still long; weeks are named by
their Monday.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart
from PySide6.QtCore import Qt

from ldboard.domain.flow import Throughput
from ldboard.ui.charts.axes import count_axis, new_chart
from ldboard.ui.common import theme

CAPTION = (
    "Items (or effort) finished per iteration or per week. Closed iterations count what "
    "their close recorded as done; the others count what is in a Done stage now."
)

PER_ITERATION, PER_WEEK = "iteration", "week"
#: Longest iteration label on the axis.
LABEL_LIMIT = 24


def iteration_label(name: str) -> str:
    """ "Iteration 2" for "Iteration 2: CRM go-live…"; long names are cut."""
    head = name.split(":", 1)[0].strip() if ":" in name else name
    return head if len(head) <= LABEL_LIMIT else head[: LABEL_LIMIT - 1].rstrip() + "…"


def throughput_rows(flow: Throughput, per: str, effort: bool) -> list[tuple[str, float]]:
    """(label, value) per bar, in order."""
    if per == PER_ITERATION:
        return [(iteration_label(i.name), i.effort if effort else i.items) for i in flow.iterations]
    return [(f"{w.monday.day} {w.monday:%b}", w.effort if effort else w.items) for w in flow.weeks]


def throughput_chart(rows: list[tuple[str, float]], per: str, effort: bool, title: str) -> QChart:
    chart = new_chart(title)
    bars = QBarSet("Effort points finished" if effort else "Items finished")
    bars.setColor(theme.SELECTION)
    bars.setBorderColor(theme.SELECTION.darker(120))
    bars.setLabelColor(theme.TEXT)
    bars.append([float(value) for _label, value in rows])
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    series.setBarWidth(0.6)
    chart.addSeries(series)
    x_axis = QBarCategoryAxis()
    x_axis.append([label for label, _value in rows])
    x_axis.setTitleText("Week starting" if per == PER_WEEK else "")
    x_axis.setLabelsColor(theme.MUTED_TEXT)
    x_axis.setTitleBrush(theme.MUTED_TEXT)
    if len(rows) > 16:
        x_axis.setLabelsAngle(-60)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x_axis)
    top = max((value for _label, value in rows), default=0)
    # Room above the tallest bar for its label.
    y_axis = count_axis(chart, top * 1.12, "Effort points" if effort else "Items")
    series.attachAxis(y_axis)
    chart.legend().setVisible(False)
    return chart
