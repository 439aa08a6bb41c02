"""The burn-up of one iteration: its scope, what is done, and the ideal pace.

Scope is drawn as steps, so a day on which work was added to or taken out of
the iteration shows as a jump, not as a slope that looks like slow progress.
The ideal line runs from nothing done on the first day to the latest scope on
the iteration's last day, so the gap between Done and Ideal is how far behind
an even pace the iteration is.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QChart, QLineSeries
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPen

from ldboard.domain.flow import BurnUp
from ldboard.domain.model import Iteration
from ldboard.ui.charts.axes import attach, count_axis, date_axis, day_ms, new_chart, reference_pen
from ldboard.ui.common import theme

CAPTION = (
    "Scope (steps up or down where work was added or dropped) and what is done, at the "
    "end of each day. Done below the dashed ideal line means the iteration is behind an "
    "even pace."
)

SCOPE_COLOUR = QColor("#475569")
IDEAL_COLOUR = QColor("#94a3b8")


def burnup_chart(burn: BurnUp, iteration: Iteration, effort: bool, title: str) -> QChart:
    """``effort``: points of effort, else numbers of items."""
    chart = new_chart(title, lines=True)
    scope = burn.scope_effort if effort else burn.scope_items
    done = burn.done_effort if effort else burn.done_items
    xs = [day_ms(day) for day in burn.days]
    last_day = burn.days[-1]
    if iteration.end:
        last_day = max(last_day, date.fromisoformat(iteration.end))
    end_x = day_ms(last_day)
    x_axis = date_axis(chart, xs[0], end_x)
    unit = "Effort points" if effort else "Items"
    # Headroom, so the scope line does not run along the top of the frame.
    y_axis = count_axis(chart, max(max(scope, default=0), 1) * 1.1, unit)

    steps: list[QPointF] = []
    for n, (x, value) in enumerate(zip(xs, scope, strict=True)):
        if n:
            steps.append(QPointF(x, scope[n - 1]))
        steps.append(QPointF(x, value))
    scope_line = QLineSeries()
    scope_line.setName(f"Scope ({scope[-1]:g} {unit.lower()})")
    scope_line.replace(steps)
    pen = QPen(SCOPE_COLOUR)
    pen.setWidthF(2.4)
    scope_line.setPen(pen)

    done_line = QLineSeries()
    done_line.setName(f"Done ({done[-1]:g})")
    done_line.replace([QPointF(x, y) for x, y in zip(xs, done, strict=True)])
    pen = QPen(theme.SUCCESS)
    pen.setWidthF(2.4)
    done_line.setPen(pen)

    ideal = QLineSeries()
    ideal.setName("Ideal")
    ideal.replace([QPointF(xs[0], 0), QPointF(end_x, scope[-1])])
    ideal.setPen(reference_pen(IDEAL_COLOUR))

    for series in (scope_line, done_line, ideal):
        attach(chart, series, x_axis, y_axis)
    return chart
