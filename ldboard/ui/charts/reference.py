"""A dashed horizontal reference line (median, 85th percentile) with its value
written on the chart, above the dots, at the line's right end.

The label is a small text item of the chart on a white backing, placed again
whenever the plot area changes: a point label of a series would be drawn under
the dots of a crowded scatter and lost in them.
"""

from __future__ import annotations

from PySide6.QtCharts import QAbstractAxis, QChart, QLineSeries
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem

from ldboard.ui.charts.axes import attach, reference_pen

#: Above the series and their dots.
LABEL_Z = 20.0
PADDING = 3.0


def add_reference_line(
    chart: QChart,
    text: str,
    value: float,
    span: tuple[float, float],
    colour: QColor,
    axes: tuple[QAbstractAxis, QAbstractAxis],
    *,
    label: str = "",
) -> QGraphicsSimpleTextItem:
    """A dashed line at ``value`` across ``span`` (x from, to), named ``text`` in
    the legend, with ``label`` (default ``text``) written at its right end."""
    start, end = span
    line = QLineSeries()
    line.setName(text)
    line.replace([QPointF(start, value), QPointF(end, value)])
    line.setPen(reference_pen(colour))
    attach(chart, line, *axes)

    backing = QGraphicsRectItem(chart)
    backing.setBrush(QBrush(QColor(255, 255, 255, 225)))
    backing.setPen(QPen(QColor(0, 0, 0, 0)))
    backing.setZValue(LABEL_Z)
    tag = QGraphicsSimpleTextItem(label or text, chart)
    font = tag.font()
    font.setBold(True)
    tag.setFont(font)
    tag.setBrush(colour)
    tag.setZValue(LABEL_Z + 1)

    def place() -> None:
        at = chart.mapToPosition(QPointF(end, value), line)
        size = tag.boundingRect()
        left = at.x() - size.width() - 2 * PADDING
        top = at.y() - size.height() - PADDING
        tag.setPos(left, top)
        backing.setRect(QRectF(left - PADDING, top, size.width() + 2 * PADDING, size.height()))

    chart.plotAreaChanged.connect(lambda _area: place())
    place()
    return tag
