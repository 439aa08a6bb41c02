"""What the tag and the people lists share: data roles, the base model, the sorter."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ldboard.store import Change
from ldboard.ui.common.record_model import RecordTableModel
from ldboard.ui.common.session import BoardSession

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def items_text(count: int) -> str:
    return "1 item" if count == 1 else f"{count} items"


class VocabularyModel(RecordTableModel):
    """Rows keyed by id, re-read when a change touches ``TABLES``.

    Rows keep the order they arrived in (a proxy sorts them), so a refresh only
    removes, updates and appends rows: views keep their selection across edits.
    """

    HEADERS: ClassVar[tuple[str, ...]] = ()
    TABLES: ClassVar[tuple[str, ...]] = ()

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.refresh()
        session.changed.connect(self._on_change)

    def refresh(self) -> None:
        """Bring the rows in line with the board."""
        self.sync(self._load())

    def _on_change(self, change: Change) -> None:
        if change.touches(*self.TABLES):
            self.refresh()

    def _load(self) -> list[Any]:
        raise NotImplementedError


class SortedModel(QSortFilterProxyModel):
    def __init__(self, source: QAbstractTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.sort(0, Qt.SortOrder.AscendingOrder)
