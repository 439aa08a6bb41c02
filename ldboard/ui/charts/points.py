"""Scatter points that stand for items: hover shows the item, a click opens it.

A ``QScatterSeries`` only knows coordinates, so each series keeps, in the
order of its points, which item each point is and what its tooltip says.
Qt hands back the point itself on hover and click; the item is found by exact
position first (several items can share a dot: the tooltip lists them) and
otherwise by the nearest point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import QScatterSeries
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPen

from ldboard.ui.charts.empty_state import ChartPane

#: At most this many items are named in one tooltip; the rest are counted.
TOOLTIP_ITEMS = 4
#: Above this many dots a series draws them smaller and see-through, so a crowd
#: shows its density instead of a solid blot.
CROWD = 300


@dataclass(frozen=True, slots=True)
class ItemPoint:
    x: float
    y: float
    item_id: int
    tooltip: str


class ItemSeries(QScatterSeries):
    """A scatter series of items, wired to a pane's hover text and click signal."""

    def __init__(self, name: str, color: QColor, points: Sequence[ItemPoint]) -> None:
        super().__init__()
        self.setName(name)
        self.points_items = list(points)
        crowded = len(self.points_items) > CROWD
        fill = QColor(color)
        if crowded:
            fill.setAlpha(150)
        self.setColor(fill)
        self.setBorderColor(color.darker(130))
        self.setPen(QPen(color.darker(130)))
        self.setMarkerSize(7.0 if crowded else 10.0)
        self.replace([QPointF(p.x, p.y) for p in self.points_items])
        self._pane: ChartPane | None = None

    def connect_to(self, pane: ChartPane) -> None:
        self._pane = pane
        self.hovered.connect(self._hovered)
        self.clicked.connect(self._clicked)

    def items_at(self, point: QPointF) -> list[ItemPoint]:
        """The items drawn at ``point``, else the one nearest to it."""
        exact = [p for p in self.points_items if p.x == point.x() and p.y == point.y()]
        if exact or not self.points_items:
            return exact
        chart = self.chart()
        if chart is None:
            return []
        there = chart.mapToPosition(point, self)

        def distance(p: ItemPoint) -> float:
            at = chart.mapToPosition(QPointF(p.x, p.y), self)
            return (at.x() - there.x()) ** 2 + (at.y() - there.y()) ** 2

        return [min(self.points_items, key=distance)]

    def _hovered(self, point: QPointF, state: bool) -> None:
        if self._pane is None:
            return
        if not state:
            self._pane.show_hover("")
            return
        found = self.items_at(point)
        lines = [p.tooltip for p in found[:TOOLTIP_ITEMS]]
        if len(found) > TOOLTIP_ITEMS:
            lines.append(f"and {len(found) - TOOLTIP_ITEMS} more at the same place")
        self._pane.show_hover("\n\n".join(lines))

    def _clicked(self, point: QPointF) -> None:
        found = self.items_at(point)
        if found and self._pane is not None:
            self._pane.item_clicked.emit(found[0].item_id)


def item_label(key: str, title: str, limit: int = 60) -> str:
    """ "LD-12 — Coaching for new managers", the title cut at ``limit``."""
    title = title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
    return f"{key} — {title}" if key else title
