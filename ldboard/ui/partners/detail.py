"""One partner in full: who they are, what is in it for them, what they promised,
the initiatives they are on, and the thanks they were given.

Fields are buffered: a change is applied when the field loses focus, on Enter
(one-line fields), or with Apply — each field one undoable change through the
session. A field being edited is never overwritten by a change from elsewhere
(an undo, another view); the others follow the board.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.enums import PersonLevel, PersonRole
from ldboard.domain.model import Person
from ldboard.domain.stakeholders import STANCE_ADVICE
from ldboard.ops import partners
from ldboard.store import Change
from ldboard.ui.common.list_widgets import ListView, action_button, error_label, show_error
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.common.vocabulary_models import SortedModel
from ldboard.ui.partners.models import InitiativeModel
from ldboard.ui.partners.reads import level_text, stance_of
from ldboard.ui.partners.thanks import ThanksPanel


class PartnerDetail(QWidget):
    """The detail pane of the people directory, for one person at a time."""

    open_requested = Signal(int)  # item id

    def __init__(self, session: BoardSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partnerDetail")
        self.session = session
        self.person: Person | None = None
        self._loading = False
        #: What each field showed when last loaded from the board.
        self._loaded: dict[str, str] = {}

        self.heading = QLabel(self)
        self.heading.setObjectName("partnerHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.stance_label = QLabel(self)
        self.stance_label.setObjectName("partnerStance")
        self.stance_label.setWordWrap(True)

        self.name_edit = self._line("partnerName", "Name", "name")
        self.role_edit = self._line("partnerJobRole", "Job role", "role")
        self.department_edit = self._line("partnerDepartment", "Department", "department")
        self.level_box = QComboBox(self)
        self.level_box.setObjectName("partnerLevel")
        self.level_box.setAccessibleName("Level")
        self.level_box.addItem("Not set", "")
        for level in PersonLevel:
            self.level_box.addItem(level.label, level.value)
        self.level_box.activated.connect(lambda _index: self.apply_field("level"))
        self.wiifm_edit = self._text("partnerWiifm", "What's in it for them")
        self.wiifm_edit.setPlaceholderText("What this person gains when the initiative succeeds")
        self.commitments_edit = self._text("partnerCommitments", "Commitments")
        self.commitments_edit.setPlaceholderText(
            "What they will do outside the training: attend, coach afterwards, give time…"
        )
        self.notes_edit = self._text("partnerNotes", "Notes")
        #: The roles they play across the board, applied as soon as one is ticked.
        self.role_boxes: dict[str, QCheckBox] = {}
        roles = QWidget(self)
        roles_grid = QGridLayout(roles)  # two by two: the pane stays narrow
        roles_grid.setContentsMargins(0, 0, 0, 0)
        for index, role in enumerate(PersonRole):
            box = QCheckBox(role.label, roles)
            box.setObjectName(f"partnerRole_{role.value}")
            box.toggled.connect(self._roles_toggled)
            roles_grid.addWidget(box, index // 2, index % 2)
            self.role_boxes[role.value] = box
        roles_grid.setColumnStretch(2, 1)
        self.fields: dict[str, QLineEdit | QPlainTextEdit | QComboBox] = {
            "name": self.name_edit,
            "role": self.role_edit,
            "department": self.department_edit,
            "level": self.level_box,
            "wiifm": self.wiifm_edit,
            "commitments": self.commitments_edit,
            "notes": self.notes_edit,
        }
        self.apply_button = action_button("Apply", "partnerApply", self.apply, self)
        self.apply_button.setToolTip("Save the edited fields (each one can be undone)")
        self.error = error_label("partnerError", self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.name_edit)
        form.addRow("&Job role", self.role_edit)
        form.addRow("&Department", self.department_edit)
        form.addRow("&Level", self.level_box)
        roles_label = QLabel("Rol&es", self)
        roles_label.setBuddy(next(iter(self.role_boxes.values())))
        form.addRow(roles_label, roles)
        form.addRow("What's in it\nfor &them", self.wiifm_edit)
        form.addRow("&Commitments", self.commitments_edit)
        form.addRow("N&otes", self.notes_edit)
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.error, 1)
        apply_row.addStretch(0)
        apply_row.addWidget(self.apply_button)

        self.initiative_model = InitiativeModel(session, self)
        self.initiative_list = ListView("partnerInitiatives", "Initiatives", self)
        self.initiative_list.setModel(SortedModel(self.initiative_model, self))
        self.initiative_list.setMinimumHeight(90)
        self.initiative_list.setMaximumHeight(150)
        self.initiative_list.sortByColumn(InitiativeModel.KEY, Qt.SortOrder.AscendingOrder)
        self.initiative_list.activated.connect(self._open_initiative)
        header = self.initiative_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(InitiativeModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (InitiativeModel.KEY, InitiativeModel.ROLES, InitiativeModel.STAGE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.thanks = ThanksPanel(session, self.initiative_model, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.stance_label)
        layout.addLayout(form)
        layout.addLayout(apply_row)
        layout.addWidget(_section("Initiatives they request, sponsor or create", self))
        layout.addWidget(self.initiative_list)
        layout.addWidget(_section("Thanks", self))
        layout.addWidget(self.thanks, 1)
        self.setMinimumHeight(640)  # below that, the pane scrolls rather than squash the lists
        self.show_person(None)

    def _line(self, name: str, accessible: str, field: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.textEdited.connect(self._edited)
        edit.editingFinished.connect(lambda: self.apply_field(field))  # Enter or focus-out
        return edit

    def _text(self, name: str, accessible: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(52)
        edit.textChanged.connect(self._edited)
        edit.installEventFilter(self)
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for field, widget in self.fields.items():
                if widget is watched:
                    self.apply_field(field)
        return super().eventFilter(watched, event)

    # --- showing ---------------------------------------------------------------------------

    def show_person(self, person: Person | None) -> None:
        """Show ``person`` (``None``: nobody selected), or their fresh state."""
        same = person is not None and self.person is not None and person.id == self.person.id
        self.person = person
        self.setEnabled(person is not None)
        if not same:
            show_error(self.error, "")
            self.initiative_model.show_person(person.id if person else None)
            self.thanks.show_person(person.id if person else None)
        self._loading = True
        try:
            for role, box in self.role_boxes.items():
                box.setChecked(person is not None and role in person.roles)
            for field in self.fields:
                fresh, shown = self.stored(field), self.value(field)
                # A field typed in since it was loaded keeps the typing; the others follow.
                if not same or shown == self._loaded.get(field, shown) or shown == fresh:
                    self._set_value(field, fresh)
                    self._loaded[field] = fresh
        finally:
            self._loading = False
        self._update_labels()

    def _update_labels(self) -> None:
        person = self.person
        if person is None:
            self.heading.setText("Nobody selected")
            self.stance_label.setText("Pick someone in the list to see and edit their details.")
        else:
            self.heading.setText(person.name)
            found = stance_of(person)
            level = level_text(person.level)
            parts = [level] if level else []
            if found is None:
                parts.append("Not on the stakeholder map yet")
            else:
                parts.append(f"<b>{found.label}</b>: {STANCE_ADVICE[found]}")
            self.stance_label.setText(" · ".join(parts))
        self.apply_button.setEnabled(any(self.dirty(field) for field in self.fields))

    def stored(self, field: str) -> str:
        if self.person is None:
            return ""
        return getattr(self.person, field) or ""

    def value(self, field: str) -> str:
        widget = self.fields[field]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return str(widget.currentData() or "")

    def _set_value(self, field: str, value: str) -> None:
        widget = self.fields[field]
        if isinstance(widget, QLineEdit):
            widget.setText(value)
        elif isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != value:
                widget.setPlainText(value)
        else:
            widget.setCurrentIndex(max(0, widget.findData(value)))

    def dirty(self, field: str) -> bool:
        return self.person is not None and self.value(field) != self.stored(field)

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            show_error(self.error, "")
            self._update_labels()

    # --- applying --------------------------------------------------------------------------

    def apply(self) -> None:
        """Apply every edited field, one undoable change each."""
        for field in self.fields:
            self.apply_field(field)

    def apply_field(self, field: str) -> Change | None:
        if self._loading or self.person is None or not self.dirty(field):
            return None
        value = self.value(field)
        person_id = self.person.id
        if field == "level":
            return self._perform(partners.update_partner, person_id, level=value or None)
        if field == "commitments":
            return self._perform(partners.update_partner, person_id, commitments=value)
        return self._perform(ops.update_person, person_id, **{field: value})

    def _roles_toggled(self, _checked: bool) -> None:
        """A ticked or unticked role is one undoable change of the person's roles."""
        if self._loading or self.person is None:
            return
        roles = [role for role, box in self.role_boxes.items() if box.isChecked()]
        if sorted(roles) != sorted(self.person.roles):
            self._perform(ops.update_person, self.person.id, roles=roles)

    def _perform(self, operation: Callable[..., Change | None], *args: Any, **kwargs: Any) -> Any:
        failures: list[Failure] = []
        change = self.session.perform(operation, *args, report_to=failures.append, **kwargs)
        show_error(self.error, failures[0].message if failures else "")
        return change

    def _open_initiative(self, index: Any) -> None:
        proxy = self.initiative_list.model()
        item_id = self.initiative_model.id_at(proxy.mapToSource(index))  # type: ignore[attr-defined]
        if item_id is not None:
            self.open_requested.emit(item_id)


def _section(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 8, 0, 0)
    return label
