"""Adding a partner from the people directory: a small form, then one undoable change.

Only the name is needed; job role, department and the roles they play can be
given at once because that is what a lead usually knows when someone new is
mentioned. Everything else (level, WIIFM, commitments) is filled in the detail
pane afterwards. The dialog stays open when the board refuses the person, with
the reason under the fields, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.enums import PersonRole
from ldboard.ops.vocabulary import PERSON_NAME_MAX
from ldboard.ui.common.list_widgets import error_label, show_error
from ldboard.ui.common.person_roles import ROLE_SHORT


@dataclass(frozen=True, slots=True)
class NewPerson:
    """What the form holds."""

    name: str
    role: str = ""
    department: str = ""
    roles: tuple[str, ...] = ()


#: Adds the person; returns why it could not ('' when it was added).
Submit = Callable[[NewPerson], str]


class NewPersonDialog(QDialog):
    def __init__(self, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newPersonDialog")
        self.setWindowTitle("New Person")
        self._submit = submit

        self.name_edit = self._line("newPersonName", "Name", "Full name (required)")
        self.name_edit.setMaxLength(PERSON_NAME_MAX)
        self.role_edit = self._line("newPersonJobRole", "Job role", "e.g. Head of Sales")
        self.department_edit = self._line("newPersonDepartment", "Department", "e.g. Sales")
        self.role_boxes: dict[str, QCheckBox] = {}
        roles = QGridLayout()
        roles.setContentsMargins(0, 0, 0, 0)
        for position, role in enumerate(PersonRole):
            box = QCheckBox(ROLE_SHORT[role], self)
            box.setObjectName(f"newPersonRole_{role.value}")
            self.role_boxes[role.value] = box
            roles.addWidget(box, position // 2, position % 2)
        self.error = error_label("newPersonError", self)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("Add person")
        self.add_button.setObjectName("newPersonAdd")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.name_edit)
        form.addRow("&Job role", self.role_edit)
        form.addRow("&Department", self.department_edit)
        form.addRow("Roles", roles)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._edited)
        self._edited()
        self.resize(420, self.sizeHint().height())

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def _edited(self, *_args: object) -> None:
        show_error(self.error, "")
        self.add_button.setEnabled(bool(self.name_edit.text().strip()))

    def values(self) -> NewPerson:
        return NewPerson(
            name=self.name_edit.text(),
            role=self.role_edit.text(),
            department=self.department_edit.text(),
            roles=tuple(value for value, box in self.role_boxes.items() if box.isChecked()),
        )

    def accept(self) -> None:
        """Add the person; stay open with the reason when the board refuses them."""
        if not self.add_button.isEnabled():
            return
        problem = self._submit(self.values())
        show_error(self.error, problem)
        if not problem:
            super().accept()
