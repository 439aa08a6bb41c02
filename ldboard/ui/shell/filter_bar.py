"""The filter bar shared by every view: free text, tag, person, iteration and triage.

The iteration choice offers "Current iteration", which is not one iteration
but whichever one is running: the bar turns it into that iteration's id each
time it builds the filter, and builds the filter again when the board says its
iterations changed, so the board follows a newly started iteration by itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ldboard.domain.cards import ANY_REQUEST, NOT_PLANNED, CardFilter
from ldboard.domain.intake import CLOSED_TRIAGE, TRIAGE_LABELS
from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.common.iteration_text import state_text

#: Data of the iteration choices that are not one iteration's id.
CURRENT_ITERATION = "current"
UNPLANNED = "unplanned"


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
        self.text.setMinimumWidth(120)
        self.tag = QComboBox(self)
        self.tag.setObjectName("filterTag")
        self.tag.setAccessibleName("Filter by tag")
        self.tag.setMinimumContentsLength(8)
        self.person = QComboBox(self)
        self.person.setObjectName("filterPerson")
        self.person.setAccessibleName("Filter by person")
        self.person.setMinimumContentsLength(8)
        self.iteration = QComboBox(self)
        self.iteration.setObjectName("iterationFilter")
        self.iteration.setAccessibleName("Filter by iteration")
        self.iteration.setMinimumContentsLength(14)
        self.triage = QComboBox(self)
        self.triage.setObjectName("filterTriage")
        self.triage.setAccessibleName("Filter by triage")
        self.triage.setMinimumContentsLength(8)
        self.triage.addItem("All cards", None)
        self.triage.addItem("Requests only", ANY_REQUEST)
        # Declined and resolved requests are archived: View → Archived Items finds them.
        for state, label in TRIAGE_LABELS.items():
            if state not in CLOSED_TRIAGE:
                self.triage.addItem(label, state.value)
        self.triage.setToolTip(
            "Show only requests, or the requests in one triage state "
            "(declined and resolved ones are in View → Archived Items)"
        )
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("filterClear")
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Show every card (Esc in the filter box)")
        self.count = QLabel(self)
        self.count.setObjectName("filterCount")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for combo, narrowest in (
            (self.tag, 64),
            (self.person, 64),
            (self.iteration, 84),
            (self.triage, 64),
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            # Below its usual width only when the window is too narrow for it.
            combo.setMinimumWidth(narrowest)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.tag)
        layout.addWidget(self.person)
        layout.addWidget(self.iteration)
        layout.addWidget(self.triage)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.count)
        self.text.textChanged.connect(self._emit)
        self.tag.currentIndexChanged.connect(self._emit)
        self.person.currentIndexChanged.connect(self._emit)
        self.triage.currentIndexChanged.connect(self._emit)
        self.iteration.currentIndexChanged.connect(self._iteration_chosen)
        self.clear_button.clicked.connect(self.clear)
        self._model: BoardModel | None = None
        #: The filter last sent to the views.
        self._sent = CardFilter()

    def bind(self, model: BoardModel) -> None:
        """Follow a board: fill the tag, person and iteration lists and keep the count current."""
        if self._model is not None:
            self._model.vocabulary_changed.disconnect(self._vocabulary_changed)
            self._model.cards_changed.disconnect(self._update_count)
            self._model.filter_changed.disconnect(self._update_count)
            self._model.iterations_changed.disconnect(self._iterations_changed)
        self._model = model
        model.vocabulary_changed.connect(self._vocabulary_changed)
        model.cards_changed.connect(self._update_count)
        model.filter_changed.connect(self._update_count)
        model.iterations_changed.connect(self._iterations_changed)
        self.clear()
        self._fill_choices()
        self._fill_iterations()
        self._update_count()

    def clear(self) -> None:
        self.blockSignals(True)
        self.text.clear()
        self.tag.setCurrentIndex(0)
        self.person.setCurrentIndex(0)
        self.iteration.setCurrentIndex(0)
        self.triage.setCurrentIndex(0)
        self.blockSignals(False)
        self._iteration_chosen()

    def current(self) -> CardFilter:
        return CardFilter(
            self.text.text(),
            self.tag.currentData(),
            self.person.currentData(),
            self._chosen_iterations(),
            self.triage.currentData(),
        )

    def choose_iteration(self, choice: int | str | None) -> None:
        """Show the cards of an iteration (its id), of ``CURRENT_ITERATION``,
        ``UNPLANNED`` ones, or every card (``None``)."""
        position = self.iteration.findData(choice)
        if position < 0:
            raise LookupError(f"the iteration filter offers no {choice!r}")
        self.iteration.setCurrentIndex(position)

    def _chosen_iterations(self) -> frozenset[int | None] | None:
        choice = self.iteration.currentData()
        if choice is None:
            return None
        if choice == UNPLANNED:
            return NOT_PLANNED
        if choice == CURRENT_ITERATION:
            running = self._model.active_iteration_id() if self._model is not None else None
            return frozenset() if running is None else frozenset({running})
        return frozenset({choice})

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.current().active:
            self.clear()
            return
        super().keyPressEvent(event)

    def _emit(self) -> None:
        if self.signalsBlocked():
            return
        self._sent = self.current()
        self.filter_changed.emit(self._sent)

    def _iteration_chosen(self) -> None:
        self._show_iteration_tip()
        self._emit()

    def _show_iteration_tip(self) -> None:
        """The combo names the chosen iteration in full, whatever its width."""
        tip = self.iteration.itemData(self.iteration.currentIndex(), Qt.ItemDataRole.ToolTipRole)
        self.iteration.setToolTip(tip or "Show the cards of one iteration")

    def _iterations_changed(self) -> None:
        """Iterations were added, renamed, started, closed or removed: offer them as
        they are now, and follow the running one if "Current iteration" is chosen."""
        self._fill_iterations()
        # Compared with what was sent, not with a moment ago: "Current iteration"
        # already means the new running iteration by the time this is called.
        if self.current() != self._sent:
            self._emit()

    def _fill_iterations(self) -> None:
        """All, the running one, not planned, then every iteration in the order they run.

        Closed iterations are offered too: a card stays in the iteration it was
        done in, so choosing one shows what that iteration delivered, and a
        board has a handful of them a year.
        """
        if self._model is None:
            return
        combo = self.iteration
        running = self._model.active_iteration()
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("All iterations", None)
        combo.setItemData(0, "Show cards whatever their iteration", Qt.ItemDataRole.ToolTipRole)
        if running is None:
            combo.addItem("Current iteration (none running)", CURRENT_ITERATION)
            tip = "No iteration is running: start one from the Iteration menu."
        else:
            combo.addItem("Current iteration", CURRENT_ITERATION)
            tip = f"The running iteration, now “{running.name}”; follows the next one started"
        combo.setItemData(1, tip, Qt.ItemDataRole.ToolTipRole)
        model = combo.model()
        assert isinstance(model, QStandardItemModel)
        current_item = model.item(1)
        current_item.setEnabled(running is not None)
        combo.addItem("Not planned", UNPLANNED)
        combo.setItemData(2, "Cards planned into no iteration", Qt.ItemDataRole.ToolTipRole)
        iterations = self._model.session.board.iterations()
        if iterations:
            combo.insertSeparator(combo.count())
        for iteration in iterations:
            combo.addItem(f"{iteration.name} ({state_text(iteration)})", iteration.id)
            combo.setItemData(combo.count() - 1, iteration.name, Qt.ItemDataRole.ToolTipRole)
        # "Current iteration" stays chosen while none runs (no card is in it), so
        # the board follows the next iteration started; a removed one is let go.
        position = combo.findData(chosen)
        combo.setCurrentIndex(position if position >= 0 else 0)
        combo.blockSignals(False)
        self._show_iteration_tip()

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
