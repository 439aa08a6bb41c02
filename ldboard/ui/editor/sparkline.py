"""A sparkline: an initiative's results as a small line, without axes.

A person glancing at a card wants the trend (is the metric moving towards the
target?) more than exact figures, which the list beside it gives. So the line
spreads the results evenly from oldest to newest, marks the newest one, and
draws the baseline and target faintly so "above or below the goal" reads at a
glance. Exact values are in the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ldboard.domain.measurements import Measurement, sparkline_points
from ldboard.ui.common import theme
from ldboard.ui.editor.widgets import format_number

LINE = theme.SELECTION
BASELINE = QColor(theme.MUTED_TEXT)
TARGET = QColor(theme.SUCCESS)
MARGIN = 6.0
DOT = 3.5


class Sparkline(QWidget):
    """Paints a series of measurements; :meth:`set_series` replaces what it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsSparkline")
        self.setAccessibleName("Results trend")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._values: list[float] = []
        self._points: list[tuple[float, float]] = []
        self._baseline: float | None = None
        self._target: float | None = None

    def sizeHint(self) -> QSize:
        return QSize(180, 56)

    # --- content -------------------------------------------------------------------------

    def set_series(
        self,
        measurements: Sequence[Measurement],
        baseline: float | None = None,
        target: float | None = None,
    ) -> None:
        """Show ``measurements`` (any order) with faint lines at ``baseline`` and ``target``."""
        ordered = sorted(measurements, key=lambda m: (m.measured_on, m.id))
        self._values = [m.value for m in ordered]
        self._points = sparkline_points(ordered)
        self._baseline = baseline
        self._target = target
        self.setToolTip(_tooltip(ordered, baseline, target))
        self.setAccessibleDescription(self.toolTip().replace("\n", "; "))
        self.update()

    def points(self) -> list[tuple[float, float]]:
        """The line's points in 0…1, oldest first (without the reference lines' room)."""
        return list(self._points)

    def references(self) -> dict[str, float]:
        """The reference lines drawn: ``{"baseline": …, "target": …}`` as set."""
        found = {"baseline": self._baseline, "target": self._target}
        return {name: value for name, value in found.items() if value is not None}

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._values:
            return
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        low, high = self._range()

        def y_of(value: float) -> float:
            share = (value - low) / (high - low) if high > low else 0.5
            return area.bottom() - share * area.height()

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for value, color in ((self._baseline, BASELINE), (self._target, TARGET)):
            if value is None:
                continue
            faint = QColor(color)
            faint.setAlpha(120)
            pen = QPen(faint, 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = y_of(value)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))

        spots = [
            QPointF(area.left() + x * area.width(), y_of(value))
            for (x, _), value in zip(self._points, self._values, strict=True)
        ]
        path = QPainterPath(spots[0])
        for spot in spots[1:]:
            path.lineTo(spot)
        painter.setPen(
            QPen(
                LINE, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
            )
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LINE)
        painter.drawEllipse(spots[-1], DOT, DOT)
        painter.end()

    def _range(self) -> tuple[float, float]:
        """The values the height spans: the results and the reference lines."""
        every = [*self._values, *self.references().values()]
        return min(every), max(every)


def _tooltip(ordered: Sequence[Measurement], baseline: float | None, target: float | None) -> str:
    if not ordered:
        return "No results yet"
    lines = ["Results, oldest first:"]
    for m in ordered:
        label = f" ({m.label})" if m.label else ""
        lines.append(f"{m.measured_on}{label}: {format_number(m.value)}")
    references = [
        f"{name} {format_number(value)}"
        for name, value in (("Baseline", baseline), ("Target", target))
        if value is not None
    ]
    if references:
        lines.append(" · ".join(references))
    return "\n".join(lines)
