"""The History tab: what happened to the card, newest first, in words.

The page only reads (it works on a read-only board too) and follows the board
while the editor is open: when a change notification concerns this item, or
renames the stages and iterations its lines name, the lines are read again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ldboard.store import Change
from ldboard.ui.editor.history_model import WHEN, HistoryModel
from ldboard.ui.editor.widgets import make_hint

NO_HISTORY = "No history yet."
NEW_CARD_HISTORY = "No history yet: it starts when the card is saved."


class HistoryPage:
    """Builds the History tab. Like the other page mixins it keeps its widgets on
    the editor (``history_model``, ``history_view``, ``history_empty``)."""

    def _build_history(self, page: QWidget) -> None:
        self.history_model = HistoryModel(page)
        view = self.history_view = QTreeView()
        view.setObjectName("historyView")
        view.setAccessibleName("History of this card, newest first")
        view.setModel(self.history_model)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setAllColumnsShowFocus(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setStyleSheet("QTreeView::item { padding: 3px 6px; }")
        header = view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeMode.ResizeToContents)
        self.history_empty = make_hint(NO_HISTORY if self._item is not None else NEW_CARD_HISTORY)
        self.history_empty.setObjectName("historyEmpty")

        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("What happened to this card, newest first:"))
        layout.addWidget(view, 1)
        layout.addWidget(self.history_empty, 1, Qt.AlignmentFlag.AlignTop)
        self._read_history()
        self._following_history = self._item is not None
        if self._following_history:
            self._session.changed.connect(self._history_may_have_changed)
            self._session.closed.connect(self._stop_following_history)
            self.finished.connect(self._stop_following_history)

    def _history_may_have_changed(self, change: Change) -> None:
        item_id = self._item.id
        if (
            item_id in change.item_ids()
            or any(event.item_id == item_id for event in change.events)
            or change.touches("columns", "iterations")
        ):
            self._read_history()

    def _read_history(self) -> None:
        lines = self._board.item_history(self._item.id) if self._item is not None else []
        self.history_model.set_lines(lines, self._board.today())
        self.history_view.setVisible(bool(lines))
        self.history_empty.setVisible(not lines)

    def _stop_following_history(self, *_: object) -> None:
        """The editor closed (or its board did): nothing left to follow."""
        if not self._following_history:
            return
        self._following_history = False
        self._session.changed.disconnect(self._history_may_have_changed)
        self._session.closed.disconnect(self._stop_following_history)
        self.finished.disconnect(self._stop_following_history)
