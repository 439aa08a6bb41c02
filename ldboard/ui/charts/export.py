"""A chart as a picture for a slide: PNG, SVG or the clipboard.

The chart is drawn as it is on screen (its size, fonts and legend), PNGs at
twice that size so they stay sharp when a slide is projected. Files go through
``ui/common/save_file.py``: written whole or not at all.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from ldboard.ui.common.save_file import ExportError

#: PNGs are rendered at twice the on-screen size.
PNG_SCALE = 2.0
#: A chart never laid out on screen is drawn at this size (a 16:9 slide).
FALLBACK_SIZE = QSize(1280, 720)


def chart_image(chart: QChart, scale: float = PNG_SCALE) -> QImage:
    source = _source(chart)
    image = QImage(
        QSize(round(source.width() * scale), round(source.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    chart.scene().render(painter, QRectF(0, 0, image.width(), image.height()), source)
    painter.end()
    return image


def png_bytes(chart: QChart) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not chart_image(chart).save(buffer, "PNG"):
        raise ExportError("The chart could not be encoded as PNG.")
    buffer.close()
    return bytes(data.data())


def svg_bytes(chart: QChart, title: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    source = _source(chart)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    generator.setDescription("Exported from ldboard")
    painter = QPainter(generator)
    chart.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    buffer.close()
    return bytes(data.data())


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
