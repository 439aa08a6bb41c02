"""The filter bar shared by every view: free text, tag and person."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ldboard.domain.cards import CardFilter
from ldboard.ui.cards.board_model import BoardModel


class FilterBar(QWidget):
    filter_changed = Signal(object)  # CardFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.text = QLineEdit(self)
        self.text.setObjectName("filterText")
        self.text.setPlaceholderText("Filter cards…  (Ctrl+F)")
        self.text.setAccessibleName("Filter cards by text")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(140)
        self.tag = QComboBox(self)
        self.tag.setObjectName("filterTag")
        self.tag.setAccessibleName("Filter by tag")
        self.tag.setMinimumContentsLength(8)
        self.person = QComboBox(self)
        self.person.setObjectName("filterPerson")
        self.person.setAccessibleName("Filter by person")
        self.person.setMinimumContentsLength(8)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("filterClear")
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Show every card (Esc in the filter box)")
        self.count = QLabel(self)
        self.count.setObjectName("filterCount")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for combo in (self.tag, self.person):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        layout.addWidget(self.text, 2)
        layout.addWidget(self.tag)
        layout.addWidget(self.person)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.count)
        self.text.textChanged.connect(self._emit)
        self.tag.currentIndexChanged.connect(self._emit)
        self.person.currentIndexChanged.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)
        self._model: BoardModel | None = None

    def bind(self, model: BoardModel) -> None:
        """Follow a board: fill the tag and person lists and keep the count current."""
        if self._model is not None:
            self._model.vocabulary_changed.disconnect(self._vocabulary_changed)
            self._model.cards_changed.disconnect(self._update_count)
            self._model.filter_changed.disconnect(self._update_count)
        self._model = model
        model.vocabulary_changed.connect(self._vocabulary_changed)
        model.cards_changed.connect(self._update_count)
        model.filter_changed.connect(self._update_count)
        self.clear()
        self._fill_choices()
        self._update_count()

    def clear(self) -> None:
        self.blockSignals(True)
        self.text.clear()
        self.tag.setCurrentIndex(0)
        self.person.setCurrentIndex(0)
        self.blockSignals(False)
        self._emit()

    def current(self) -> CardFilter:
        return CardFilter(self.text.text(), self.tag.currentData(), self.person.currentData())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.current().active:
            self.clear()
            return
        super().keyPressEvent(event)

    def _emit(self) -> None:
        if self.signalsBlocked():
            return
        self.filter_changed.emit(self.current())

    def _vocabulary_changed(self) -> None:
        self._fill_choices()
        self._update_count()

    def _fill_choices(self) -> None:
        if self._model is None:
            return
        board = self._model.session.board
        for combo, everything, entries in (
            (self.tag, "All tags", [(t.id, t.name) for t in board.tags()]),
            (self.person, "Everyone", [(p.id, p.name) for p in board.people()]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for entry_id, name in entries:
                combo.addItem(name, entry_id)
            position = combo.findData(chosen)
            combo.setCurrentIndex(position if position >= 0 else 0)
            combo.blockSignals(False)
            if combo.currentData() != chosen:
                self._emit()

    def _update_count(self) -> None:
        if self._model is None:
            return
        shown = self._model.visible_count()
        total = self._model.total_count()
        self.count.setText(f"{shown} of {total} shown" if shown != total else f"{total} cards")
