"""Work-item age: each item in progress, in its stage, by how long it has been
in progress, against the 85th-percentile cycle time.

Stages are the board's active stages in board order, so the chart reads like
the board; dots in a stage are spread sideways a little (by item id, so they
stay put from one redraw to the next) so that items of the same age do not
hide each other. Items already older than 85 % of finished work took are drawn
in the warning colour: the ones to ask about at the next stand-up.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QCategoryAxis, QChart
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from ldboard.domain.flow import Stage, WorkItemAge
from ldboard.ui.charts.axes import attach, count_axis, new_chart
from ldboard.ui.charts.cycle import P85_COLOUR
from ldboard.ui.charts.points import ItemPoint, ItemSeries, item_label
from ldboard.ui.charts.reference import add_reference_line
from ldboard.ui.common import theme

CAPTION = (
    "Each dot is an item in progress now: its stage, and the days since it first entered "
    "an active stage. Items above the 85th-percentile cycle time of the range are drawn "
    "in orange. Hover a dot to see the item, click it to open it."
)

DOT_COLOUR = QColor("#3b82f6")
#: How far, in stage widths, dots of one stage spread sideways.
SPREAD = 0.5


def age_stages(age: WorkItemAge, active: Sequence[Stage]) -> list[Stage]:
    """The stages along the axis: every active stage in board order, then any
    removed stage an item still sits in."""
    stages = list(active)
    known = {stage.id for stage in stages}
    for item in age.items:
        if item.stage.id not in known:
            known.add(item.stage.id)
            stages.append(item.stage)
    return stages


def age_points(
    age: WorkItemAge, stages: Sequence[Stage]
) -> tuple[list[ItemPoint], list[ItemPoint]]:
    """(within the 85th percentile, older than it)."""
    where = {stage.id: n for n, stage in enumerate(stages)}
    over = {item.item_id for item in age.over_p85}
    within: list[ItemPoint] = []
    older: list[ItemPoint] = []
    for item in age.items:
        offset = ((item.item_id * 2654435761) % 1000 / 999 - 0.5) * SPREAD
        point = ItemPoint(
            where[item.stage.id] + offset,
            item.age_days,
            item.item_id,
            f"{item_label(item.key, item.title)}\n"
            f"{item.stage.name}: in progress for {item.age_days:.1f} days",
        )
        (older if item.item_id in over else within).append(point)
    return within, older


def age_chart(
    age: WorkItemAge,
    stages: Sequence[Stage],
    points: tuple[list[ItemPoint], list[ItemPoint]],
    title: str,
) -> QChart:
    chart = new_chart(title, lines=True)
    counts = {stage.id: 0 for stage in stages}
    for item in age.items:
        counts[item.stage.id] += 1
    x_axis = QCategoryAxis()
    x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
    x_axis.setStartValue(-0.5)
    for n, stage in enumerate(stages):
        x_axis.append(f"{stage.name} ({counts[stage.id]})", n + 0.5)
    x_axis.setRange(-0.5, len(stages) - 0.5)
    x_axis.setLabelsColor(theme.TEXT)
    x_axis.setGridLineColor(QColor("#e5e9f0"))
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    top = max((item.age_days for item in age.items), default=0)
    y_axis = count_axis(chart, max(top, age.cycle_p85 or 0) * 1.08, "Days in progress")
    within, older = points
    for name, colour, chosen in (
        ("In progress", DOT_COLOUR, within),
        ("Older than the 85th percentile", P85_COLOUR, older),
    ):
        if chosen:
            attach(chart, ItemSeries(name, colour, chosen), x_axis, y_axis)
    if age.cycle_p85 is not None:
        add_reference_line(
            chart,
            f"85th percentile cycle time: {age.cycle_p85:.1f} days",
            age.cycle_p85,
            (-0.5, len(stages) - 0.5),
            P85_COLOUR,
            (x_axis, y_axis),
            label=f"85th percentile: {age.cycle_p85:.1f} days",
        )
    return chart
