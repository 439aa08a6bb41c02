"""Writing the matrix as a picture for a slide: PNG, SVG or the clipboard.

Pictures are made by ``ui/common/picture.py``; files are written atomically
by ``ui/common/save_file.py`` (``QSaveFile``): a failed export (a full disk,
a folder without write permission) leaves any earlier file untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from ldboard.ui.common.picture import PNG_SCALE, Drawing, image_of, png_of, svg_of
from ldboard.ui.common.save_file import ExportError, write_file

__all__ = ["PNG_SCALE", "ExportError", "png_bytes", "render_image", "svg_bytes", "write_file"]


def render_image(scene: QGraphicsScene, scale: float = PNG_SCALE) -> QImage:
    return image_of(scene.sceneRect().size(), _drawing(scene), scale)


def png_bytes(scene: QGraphicsScene) -> bytes:
    return png_of(scene.sceneRect().size(), _drawing(scene))


def svg_bytes(scene: QGraphicsScene, title: str = "Impact / effort matrix") -> bytes:
    return svg_of(scene.sceneRect().size(), _drawing(scene), title)


def _drawing(scene: QGraphicsScene) -> Drawing:
    def draw(painter: QPainter, target: QRectF) -> None:
        """Render without the current selection, as a reader of the slide would see it."""
        selected = scene.selectedItems()
        scene.clearSelection()
        try:
            scene.render(painter, target, scene.sceneRect())
        finally:
            for item in selected:
                item.setSelected(True)

    return draw
