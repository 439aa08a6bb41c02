"""A partner's thanks log: when they were thanked, what for, and for which initiative.

Partnership is kept by thanking people (DESIGN §9); the log is what the
iteration summary's thanks section draws on. Adding is one row of fields
(the date defaults to today); Delete or Remove takes the selected entry out.
Both are undoable changes; the list follows the board's change notification.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ldboard.ops import partners
from ldboard.store import Change
from ldboard.ui.common.list_widgets import ListView, action_button, error_label, show_error
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.common.vocabulary_models import SortedModel
from ldboard.ui.partners.models import InitiativeModel, ThanksModel


class ThanksPanel(QWidget):
    def __init__(
        self, session: BoardSession, initiatives: InitiativeModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("thanksPanel")
        self.session = session
        self.person_id: int | None = None
        self._initiatives = initiatives

        self.model = ThanksModel(session, self)
        self.proxy = SortedModel(self.model, self)
        self.list = ListView("thanksList", "Thanks given", self)
        self.list.setModel(self.proxy)
        self.list.sortByColumn(ThanksModel.DATE, Qt.SortOrder.DescendingOrder)
        self.list.setMinimumHeight(110)
        self.list.delete_requested.connect(self.remove_selected)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ThanksModel.DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ThanksModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(ThanksModel.INITIATIVE, 180)

        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("thanksDate")
        self.date_edit.setAccessibleName("Date of the thanks")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("thanksText")
        self.text_edit.setAccessibleName("What the thanks are for")
        self.text_edit.setPlaceholderText("What for, e.g. coached her team after the pilot")
        self.text_edit.returnPressed.connect(self.add)
        self.item_box = QComboBox(self)
        self.item_box.setObjectName("thanksInitiative")
        self.item_box.setAccessibleName("Initiative the thanks are for")
        self.item_box.setMinimumContentsLength(12)
        self.item_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_button = action_button("Add thanks", "addThanksButton", self.add, self)
        self.remove_button = action_button(
            "Remove", "removeThanksButton", self.remove_selected, self
        )
        self.error = error_label("thanksError", self)

        fields = QHBoxLayout()
        fields.addWidget(self.date_edit)
        fields.addWidget(self.text_edit, 1)
        fields.addWidget(self.item_box)
        fields.addWidget(self.add_button)
        fields.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(fields)
        layout.addWidget(self.error)

        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.text_edit.textChanged.connect(self._update_buttons)
        for signal in (initiatives.rowsInserted, initiatives.rowsRemoved, initiatives.dataChanged):
            signal.connect(self._fill_initiatives)

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.model.show_person(person_id)
        self.text_edit.clear()
        today = self.session.board.today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        show_error(self.error, "")
        self._fill_initiatives()
        self._update_buttons()

    def _fill_initiatives(self, *_args: object) -> None:
        chosen = self.item_box.currentData()
        self.item_box.clear()
        self.item_box.addItem("No initiative", 0)
        for entry in self._initiatives.entries:
            self.item_box.addItem(f"{entry.key} {entry.title}", entry.id)
        self.item_box.setCurrentIndex(max(0, self.item_box.findData(chosen)))

    def _update_buttons(self, *_args: object) -> None:
        has_person = self.person_id is not None
        self.add_button.setEnabled(has_person and bool(self.text_edit.text().strip()))
        self.remove_button.setEnabled(has_person and self.selected_id() is not None)

    def selected_id(self) -> int | None:
        rows = self.list.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.id_at(self.proxy.mapToSource(rows[0]))

    # --- changes ---------------------------------------------------------------------------

    def add(self) -> Change | None:
        if self.person_id is None:
            return None
        item_id = self.item_box.currentData() or None
        given_on = self.date_edit.date().toString("yyyy-MM-dd")
        change = self._perform(
            partners.add_thanks, self.person_id, given_on, self.text_edit.text(), item_id
        )
        if change is not None:
            self.text_edit.clear()
        return change

    def remove_selected(self) -> Change | None:
        thanks_id = self.selected_id()
        if thanks_id is None:
            return None
        return self._perform(partners.delete_thanks, thanks_id)

    def _perform(self, operation: object, *args: object) -> Change | None:
        failures: list[Failure] = []
        change = self.session.perform(operation, *args, report_to=failures.append)  # type: ignore[arg-type]
        show_error(self.error, failures[0].message if failures else "")
        return change
