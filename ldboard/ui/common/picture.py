"""A drawing as a picture for a slide: a PNG (image) or an SVG, shared by every
screen that exports one (the matrix, the charts).

A screen gives the size of what it shows and a function that draws it into a
target rectangle; PNGs are drawn at twice that size so they stay sharp when a
slide is projected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from ldboard.ui.common.save_file import ExportError

#: PNGs are rendered at twice the on-screen size.
PNG_SCALE = 2.0

#: Draws the picture into the painter's target rectangle.
Drawing = Callable[[QPainter, QRectF], None]


def image_of(size: QSizeF, draw: Drawing, scale: float = PNG_SCALE) -> QImage:
    image = QImage(
        QSize(round(size.width() * scale), round(size.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    draw(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


def png_of(size: QSizeF, draw: Drawing, what: str = "picture") -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image_of(size, draw).save(buffer, "PNG"):
        raise ExportError(f"The {what} could not be encoded as PNG.")
    buffer.close()
    return bytes(data.data())


def svg_of(size: QSizeF, draw: Drawing, title: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size.toSize())
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription("Exported from ldboard")
    painter = QPainter(generator)
    draw(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    buffer.close()
    return bytes(data.data())
