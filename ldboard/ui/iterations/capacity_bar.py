"""How full the selected iteration is: planned effort against its capacity."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ldboard.ui.common import theme

_TRACK = QColor("#e2e8f0")
_FILL = QColor("#2563eb")
_FULL = QColor("#0f766e")


def capacity_text(planned: int, capacity: float | None) -> str:
    """ "18 of 24 effort points planned", "27 of 24 — 3 over capacity"."""
    if capacity is None:
        return f"{planned} effort points planned · no capacity set"
    limit = _number(capacity)
    if planned > capacity:
        return f"{planned} of {limit} effort points — {_number(planned - capacity)} over capacity"
    return f"{planned} of {limit} effort points planned"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


class CapacityBar(QWidget):
    """A bar that fills with planned effort and turns the warning colour when the
    plan is over capacity. The words say the same for screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capacityBar")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.planned = 0
        self.capacity: float | None = None
        self.set_load(0, None)

    @property
    def over(self) -> bool:
        return self.capacity is not None and self.planned > self.capacity

    def fill_color(self) -> QColor:
        if self.over:
            return theme.DANGER
        if self.capacity is not None and self.planned == self.capacity:
            return _FULL
        return _FILL

    def set_load(self, planned: int, capacity: float | None) -> None:
        self.planned, self.capacity = planned, capacity
        text = capacity_text(planned, capacity)
        self.setToolTip(text)
        self.setAccessibleName("Capacity")
        self.setAccessibleDescription(text)
        self.update()

    def text(self) -> str:
        return capacity_text(self.planned, self.capacity)

    def sizeHint(self) -> QSize:
        return QSize(320, self.fontMetrics().height() + 14)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_TRACK)
        painter.drawRoundedRect(track, 6, 6)
        if self.capacity:
            share = min(1.0, self.planned / self.capacity)
        else:
            share = 1.0 if self.planned and self.capacity == 0 else 0.0
        filled = QRectF(track)
        filled.setWidth(max(12.0, track.width() * share) if share > 0 else 0.0)
        if share > 0:
            painter.setBrush(self.fill_color())
            painter.drawRoundedRect(filled, 6, 6)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        # White on the fill when the words fit inside it, dark on the track otherwise.
        inside = painter.fontMetrics().horizontalAdvance(self.text()) + 20 <= filled.width()
        painter.setPen(QColor("#ffffff") if inside else theme.TEXT)
        painter.drawText(
            track.adjusted(10, 0, -10, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            self.text(),
        )
        painter.end()
