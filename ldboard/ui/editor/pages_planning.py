"""The Planning tab: iteration, format and due date, and the card's record facts."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.enums import Format, IterationState
from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.widgets import NONE_TEXT, format_timestamp, make_form


class PlanningPage(FormBuilder):
    """Builds the Planning tab."""

    def _build_planning(self, page: QWidget) -> None:
        form = make_form()
        iterations = [
            (f"{it.name} ({IterationState(it.state).label.lower()})", it.id)
            for it in self._board.iterations()
        ]
        self.iteration_combo = self._combo("iteration_id", [(NONE_TEXT, None), *iterations])
        self._add_row(
            form,
            "iteration_id",
            "&Iteration:",
            self.iteration_combo,
            self.iteration_combo.currentData,
        )
        self.format_combo = self._combo(
            "format", [(NONE_TEXT, None), *((f.label, f.value) for f in Format)]
        )
        self._add_row(form, "format", "&Format:", self.format_combo, self.format_combo.currentData)

        self.due_check = QCheckBox("D&ue date:")
        self.due_check.setObjectName("field_due_set")
        self.due_check.setAccessibleName("Has a due date")
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("ddd d MMM yyyy")
        self.due_edit.setEnabled(False)
        self.due_edit.dateChanged.connect(partial(self._edited, "due"))
        self.due_check.toggled.connect(self._due_toggled)
        due_box = self._register("due", self.due_edit, "Due date", self._due_value)
        self.due_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form.addRow(self.due_check, due_box)

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        if self._item is not None:
            record = QGroupBox("Record")
            record.setObjectName("recordInfo")
            facts = QFormLayout(record)
            column = self._board.column(self._item.column_id)
            for title, value in (
                ("Key:", self._item.key),
                ("Stage:", column.name if column else NONE_TEXT),
                ("Created:", format_timestamp(self._item.created_at)),
                ("Last updated:", format_timestamp(self._item.updated_at)),
                ("Done:", format_timestamp(self._item.done_at)),
                ("Archived:", format_timestamp(self._item.archived_at)),
            ):
                shown = QLabel(value)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                shown.setAccessibleName(title.rstrip(":"))
                facts.addRow(title, shown)
            layout.addWidget(record)
        layout.addStretch(1)

    def _due_toggled(self, checked: bool) -> None:
        self.due_edit.setEnabled(checked)
        if checked and not self._loading:
            self.due_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._edited("due")

    def _due_value(self) -> str | None:
        if not self.due_check.isChecked():
            return None
        return self.due_edit.date().toString(Qt.DateFormat.ISODate)
