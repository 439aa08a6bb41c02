"""Dropping between the rows of a list: where it lands, and the line that shows it.

Board columns and retrospective lanes take drops the same way: a drag over a
row points in front of it or after it (whichever half it is over), a blue
line shows that gap, and the drop hands the model the row. Mixed into such
a view before its Qt class; the view says what it accepts (``accepts_drop``)
and where the line goes for a row (``drop_line_y``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QAbstractItemView

from ldboard.ui.common import theme


class DropLine:
    #: How far the line stays from the viewport's sides, in pixels.
    DROP_LINE_INSET = 6
    _drop_row: int | None = None

    # --- what the view provides --------------------------------------------------------

    def accepts_drop(self, mime: Any) -> bool:
        raise NotImplementedError

    def drop_line_y(self, row: int) -> int:
        """Where the line is drawn for a drop in front of ``row`` (``rowCount`` = after
        the last row)."""
        raise NotImplementedError

    # --- dragging over -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepts_drop(event.mimeData()):
            super().dragEnterEvent(event)  # type: ignore[misc]  # the state used for auto-scroll
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
            self._set_drop_row(self.drop_row_at(event.position().toPoint()))
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self.accepts_drop(event.mimeData()):
            event.ignore()
            return
        super().dragMoveEvent(event)  # type: ignore[misc]  # auto-scrolls near the edges
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        self._set_drop_row(self.drop_row_at(event.position().toPoint()))

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        super().dragLeaveEvent(event)  # type: ignore[misc]
        self._set_drop_row(None)

    def take_drop(self, event: QDropEvent) -> int | None:
        """End the drag over this view: the row the drop lands in front of, or
        ``None`` (the event ignored) when this view does not take it."""
        view: QAbstractItemView = self  # type: ignore[assignment]
        row = self.drop_row_at(event.position().toPoint())
        self._set_drop_row(None)
        view.stopAutoScroll()
        view.setState(QAbstractItemView.State.NoState)
        if not self.accepts_drop(event.mimeData()):
            event.ignore()
            return None
        view.model().dropMimeData(event.mimeData(), Qt.DropAction.MoveAction, row, 0, QModelIndex())
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()
        return row

    # --- where, and the line ---------------------------------------------------------------

    def drop_row_at(self, point: QPoint) -> int:
        """The row something dropped at ``point`` lands in front of."""
        view: QAbstractItemView = self  # type: ignore[assignment]
        index = view.indexAt(point)
        if index.isValid():
            rect = view.visualRect(index)
            return index.row() + (1 if point.y() > rect.center().y() else 0)
        model = view.model()
        count = model.rowCount()
        if count and point.y() < view.visualRect(model.index(0, 0)).top():
            return 0
        return count

    @property
    def drop_row(self) -> int | None:
        """Where the drop line is while something is dragged over (else ``None``)."""
        return self._drop_row

    def _set_drop_row(self, row: int | None) -> None:
        if row != self._drop_row:
            self._drop_row = row
            self.viewport().update()  # type: ignore[attr-defined]

    def paint_drop_line(self) -> None:
        """Draw the line, if a drag is over the view (call at the end of paintEvent)."""
        if self._drop_row is None:
            return
        viewport = self.viewport()  # type: ignore[attr-defined]
        painter = QPainter(viewport)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.SELECTION, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        y = self.drop_line_y(self._drop_row)
        inset = self.DROP_LINE_INSET
        painter.drawLine(inset, y, viewport.width() - inset, y)
        painter.end()
