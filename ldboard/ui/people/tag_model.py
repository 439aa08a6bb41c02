"""The board's tags as a table: swatch and name, then how many items carry each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ldboard import ops
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.common.vocabulary_models import (
    ID_ROLE,
    SORT_ROLE,
    Index,
    VocabularyModel,
    items_text,
)


@dataclass(frozen=True, slots=True)
class TagRow:
    id: int
    name: str
    color: str
    uses: int  # items carrying the tag, archived ones included


class TagModel(VocabularyModel):
    """The board's tags: a colour swatch and the name, then how many items use it.

    The name is editable in place; renaming performs ``ops.update_tag`` and
    reports a refused name through ``error_changed`` ("" after a success).
    """

    NAME, USES = range(2)
    HEADERS = ("Tag", "Items")
    TABLES = ("tags", "item_tags")

    error_changed = Signal(str)

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self._swatches: dict[str, QIcon] = {}

    def tag_row(self, row: int) -> TagRow:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        entry: TagRow = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return entry.id
        if column == self.NAME:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return entry.name
            if role == Qt.ItemDataRole.DecorationRole:
                return self._swatch(entry.color)
            if role == SORT_ROLE:
                return entry.name.casefold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{entry.name} ({entry.color}); double-click or F2 to rename"
        elif column == self.USES:
            if role == Qt.ItemDataRole.DisplayRole:
                return items_text(entry.uses)
            if role == SORT_ROLE:
                return entry.uses
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"“{entry.name}” is on {items_text(entry.uses)}, archived ones included"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.NAME:
            return False
        entry: TagRow = self._rows[index.row()]
        failures: list[Failure] = []
        self._session.perform(ops.update_tag, entry.id, name=str(value), report_to=failures.append)
        self.error_changed.emit(failures[0].message if failures else "")
        return not failures

    def _load(self) -> list[TagRow]:
        board = self._session.board
        return [
            TagRow(
                tag.id, tag.name, tag.color, len(board.rows("item_tags", "tag_id = ?", (tag.id,)))
            )
            for tag in board.tags()
        ]

    def _swatch(self, color: str) -> QIcon:
        icon = self._swatches.get(color)
        if icon is None:
            icon = self._swatches[color] = swatch_icon(color)
        return icon


def swatch_icon(color: str, size: int = 16) -> QIcon:
    """A rounded square of ``color``."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(color)
    painter.setPen(fill.darker(125))
    painter.setBrush(fill)
    painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3)
    painter.end()
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        icon.addPixmap(pixmap, mode)
    return icon
