"""A chart as a picture for a slide: PNG, SVG or the clipboard.

The chart is drawn as it is on screen (its size, fonts and legend), by
``ui/common/picture.py`` (PNGs at twice that size). Files go through
``ui/common/save_file.py``: written whole or not at all.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter

from ldboard.ui.common.picture import PNG_SCALE, Drawing, image_of, png_of, svg_of

#: A chart never laid out on screen is drawn at this size (a 16:9 slide).
FALLBACK_SIZE = QSize(1280, 720)


def chart_image(chart: QChart, scale: float = PNG_SCALE) -> QImage:
    source = _source(chart)
    return image_of(source.size(), _drawing(chart, source), scale)


def png_bytes(chart: QChart) -> bytes:
    source = _source(chart)
    return png_of(source.size(), _drawing(chart, source), "chart")


def svg_bytes(chart: QChart, title: str) -> bytes:
    source = _source(chart)
    return svg_of(source.size(), _drawing(chart, source), title)


def _drawing(chart: QChart, source: QRectF) -> Drawing:
    def draw(painter: QPainter, target: QRectF) -> None:
        chart.scene().render(painter, target, source)

    return draw


def _source(chart: QChart) -> QRectF:
    """The chart's area in its scene, laid out at a slide's size if it never was."""
    if chart.size().width() < 200 or chart.size().height() < 150:
        chart.resize(FALLBACK_SIZE.toSizeF())
    return chart.sceneBoundingRect()


def file_stem(board_name: str, chart_name: str) -> str:
    """ "Demo board cumulative flow": characters file systems refuse become spaces."""
    text = f"{board_name} {chart_name}"
    cleaned = "".join(" " if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in text)
    return " ".join(cleaned.split()) or "chart"
