"""One tab of the Charts view: the chart, or a sentence saying why there is none.

An empty metric drawn as a chart is an axis from 0 to 0 and a legend of
nothing, which reads as broken. Each tab therefore swaps its chart for a
centred message that says what would make the chart appear.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QStackedWidget, QToolTip, QVBoxLayout, QWidget

from ldboard.ui.common import theme


class ChartPane(QWidget):
    """A chart view and its empty-state message, with a caption on reading it."""

    #: A point standing for an item was clicked: open that item.
    item_clicked = Signal(int)

    def __init__(self, name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The chart's name in file names and messages ("cumulative flow").
        self.name = name
        #: The text the last hovered point showed (also shown as a tooltip).
        self.hover_text = ""
        self.view = QChartView(self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAccessibleName(name.capitalize())
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(48)
        self.message.setStyleSheet(f"color: {theme.MUTED_TEXT.name()}; font-size: 13pt;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet(f"color: {theme.MUTED_TEXT.name()};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.caption)

    @property
    def chart(self) -> QChart:
        return self.view.chart()

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.message

    def set_chart(self, chart: QChart) -> None:
        """Show ``chart``; the one shown before is deleted."""
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.stack.setCurrentWidget(self.view)

    def set_empty(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_hover(self, text: str) -> None:
        """A point was hovered (``text``) or left (empty)."""
        self.hover_text = text
        if text:
            QToolTip.showText(self.view.cursor().pos(), text, self.view)
        else:
            QToolTip.hideText()
