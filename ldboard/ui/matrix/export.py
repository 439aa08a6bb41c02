"""Writing the matrix as a picture for a slide: PNG, SVG or the clipboard.

Files are written atomically by ``ui/common/save_file.py`` (``QSaveFile``): a
failed export (a full disk, a folder without write permission) leaves any
earlier file untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from ldboard.ui.common.save_file import ExportError, write_file

__all__ = ["ExportError", "png_bytes", "render_image", "svg_bytes", "write_file"]

#: PNGs are rendered at twice the on-screen size so they stay sharp on a slide.
PNG_SCALE = 2.0


def render_image(scene: QGraphicsScene, scale: float = PNG_SCALE) -> QImage:
    source = scene.sceneRect()
    image = QImage(
        QSize(round(source.width() * scale), round(source.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    _render(scene, painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    return image


def png_bytes(scene: QGraphicsScene) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not render_image(scene).save(buffer, "PNG"):
        raise ExportError("The picture could not be encoded as PNG.")
    buffer.close()
    return bytes(data.data())


def svg_bytes(scene: QGraphicsScene, title: str = "Impact / effort matrix") -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    source = scene.sceneRect()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    generator.setDescription("Exported from ldboard")
    painter = QPainter(generator)
    _render(scene, painter, QRectF(0, 0, source.width(), source.height()))
    painter.end()
    buffer.close()
    return bytes(data.data())


def _render(scene: QGraphicsScene, painter: QPainter, target: QRectF) -> None:
    """Render without the current selection, as a reader of the slide would see it."""
    selected = scene.selectedItems()
    scene.clearSelection()
    try:
        scene.render(painter, target, scene.sceneRect())
    finally:
        for item in selected:
            item.setSelected(True)
