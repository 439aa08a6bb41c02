"""The People tab: the people list beside a form to add, edit and remove someone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.enums import PersonRole
from ldboard.domain.model import Person
from ldboard.store import Change
from ldboard.ui.common.list_widgets import (
    ListView,
    action_button,
    confirm,
    error_label,
    new_row_id,
    select_row,
    show_error,
)
from ldboard.ui.common.person_roles import ordered_roles
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.common.vocabulary_models import SortedModel, items_text
from ldboard.ui.people.people_model import PeopleModel, PersonRow


@dataclass(frozen=True, slots=True)
class PersonForm:
    """What the person form holds."""

    name: str = ""
    role: str = ""
    department: str = ""
    roles: tuple[str, ...] = ()
    wiifm: str = ""
    notes: str = ""
    TEXT: ClassVar[tuple[str, ...]] = ("name", "role", "department", "wiifm", "notes")

    @classmethod
    def of(cls, person: Person) -> PersonForm:
        return cls(
            person.name,
            person.role,
            person.department,
            ordered_roles(person.roles),
            person.wiifm,
            person.notes,
        )

    def fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.TEXT}


class PeoplePageMixin:
    """The People tab of ``VocabularyDialog``, mixed into the dialog.

    A mixin rather than a widget of its own so the tab's widgets, models and
    the ``confirm_delete_person`` hook stay attributes of the dialog, where
    callers and tests reach them.
    """

    session: BoardSession

    def _build_people_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("peoplePage")

        self.people_model = PeopleModel(self.session, self)
        self.people_proxy = SortedModel(self.people_model, self)

        self.people_view = ListView("peopleList", "People", page)
        self.people_view.setModel(self.people_proxy)
        self.people_view.sortByColumn(PeopleModel.NAME, Qt.SortOrder.AscendingOrder)
        header = self.people_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PeopleModel.ROLES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PeopleModel.USES, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        for column, width in (
            (PeopleModel.NAME, 136),
            (PeopleModel.JOB_ROLE, 192),
            (PeopleModel.DEPARTMENT, 120),
        ):
            header.resizeSection(column, width)
        self.people_view.delete_requested.connect(self.delete_person)

        self.new_person_button = action_button(
            "New person", "newPersonButton", self.new_person, page
        )
        self.new_person_button.setToolTip("Clear the form to add someone new")
        self.delete_person_button = action_button(
            "Remove…", "deletePersonButton", self.delete_person, page
        )
        self.delete_person_button.setToolTip("Remove the selected person from the board")

        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_person_button)
        list_buttons.addStretch(1)
        list_buttons.addWidget(self.delete_person_button)

        left = QWidget(page)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.people_view, 1)
        left_layout.addLayout(list_buttons)

        form_widget = QWidget(page)
        form_widget.setObjectName("personForm")
        self.person_heading = QLabel(form_widget)
        self.person_heading.setObjectName("personHeading")
        font = self.person_heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.person_heading.setFont(font)

        self.person_name = self._line_edit("personName", "Name", form_widget)
        self.person_name.setPlaceholderText("Full name")
        self.person_job_role = self._line_edit("personJobRole", "Job role", form_widget)
        self.person_job_role.setPlaceholderText("e.g. Head of Sales")
        self.person_department = self._line_edit("personDepartment", "Department", form_widget)
        self.department_completer = QCompleter(QStringListModel(self), self)
        self.department_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.person_department.setCompleter(self.department_completer)

        self.role_boxes: dict[str, QCheckBox] = {}
        roles = QGridLayout()
        roles.setContentsMargins(0, 0, 0, 0)
        for position, role in enumerate(PersonRole):
            box = QCheckBox(role.label, form_widget)
            box.setObjectName(f"personRole_{role.value}")
            box.toggled.connect(self._person_form_edited)
            self.role_boxes[role.value] = box
            roles.addWidget(box, position // 2, position % 2)

        self.person_wiifm = self._text_edit("personWiifm", "What's in it for them", form_widget)
        self.person_wiifm.setPlaceholderText("What this person gains when the initiative succeeds")
        self.person_notes = self._text_edit("personNotes", "Notes", form_widget)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.person_name)
        form.addRow("&Job role", self.person_job_role)
        form.addRow("&Department", self.person_department)
        form.addRow("Roles", roles)
        form.addRow("What's in it\nfor them", self.person_wiifm)
        form.addRow("N&otes", self.person_notes)

        self.add_person_button = action_button(
            "Add person", "addPersonButton", self.add_person, page
        )
        self.add_person_button.setToolTip("Add a new person with the details in the form")
        self.save_person_button = action_button("Save", "savePersonButton", self.save_person, page)
        self.save_person_button.setToolTip("Save the changes to the selected person")
        form_buttons = QHBoxLayout()
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.add_person_button)
        form_buttons.addWidget(self.save_person_button)

        self.person_error = error_label("personError", form_widget)

        form_layout = QVBoxLayout(form_widget)
        form_layout.setContentsMargins(8, 0, 0, 0)
        form_layout.addWidget(self.person_heading)
        form_layout.addLayout(form, 1)
        form_layout.addWidget(self.person_error)
        form_layout.addLayout(form_buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(form_widget)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([740, 380])

        layout = QVBoxLayout(page)
        layout.addWidget(splitter, 1)

        self._person_id: int | None = None
        self._loaded = PersonForm()
        self._loading = False

        self.people_view.selectionModel().selectionChanged.connect(self._person_selection_changed)
        for signal in (
            self.people_model.dataChanged,
            self.people_model.rowsInserted,
            self.people_model.rowsRemoved,
            self.people_model.modelReset,
        ):
            signal.connect(self._people_changed)
        self._people_changed()
        return page

    def _line_edit(self, name: str, accessible: str, parent: QWidget) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.textEdited.connect(self._person_form_edited)
        return edit

    def _text_edit(self, name: str, accessible: str, parent: QWidget) -> QPlainTextEdit:
        edit = QPlainTextEdit(parent)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(64)
        edit.textChanged.connect(self._person_form_edited)
        return edit

    # --- person selection and form ------------------------------------------------------

    def selected_person(self) -> PersonRow | None:
        rows = self.people_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.people_model.person_row(self.people_proxy.mapToSource(rows[0]).row())

    def select_person(self, person_id: int) -> bool:
        return select_row(self.people_view, self.people_proxy, self.people_model.row_of(person_id))

    def person_form(self) -> PersonForm:
        """The values in the form."""
        roles = (value for value, box in self.role_boxes.items() if box.isChecked())
        return PersonForm(
            name=self.person_name.text(),
            role=self.person_job_role.text(),
            department=self.person_department.text(),
            roles=ordered_roles(roles),
            wiifm=self.person_wiifm.toPlainText(),
            notes=self.person_notes.toPlainText(),
        )

    def person_form_dirty(self) -> bool:
        return self.person_form() != self._loaded

    def _load_person_form(self, values: PersonForm) -> None:
        self._loading = True
        try:
            self.person_name.setText(values.name)
            self.person_job_role.setText(values.role)
            self.person_department.setText(values.department)
            for value, box in self.role_boxes.items():
                box.setChecked(value in values.roles)
            self.person_wiifm.setPlainText(values.wiifm)
            self.person_notes.setPlainText(values.notes)
        finally:
            self._loading = False
        self._loaded = values
        self._update_person_buttons()

    def _person_selection_changed(self, *_args: object) -> None:
        selected = self.selected_person()
        self._person_id = selected.id if selected else None
        show_error(self.person_error, "")
        self._load_person_form(PersonForm.of(selected.person) if selected else PersonForm())

    def _people_changed(self, *_args: object) -> None:
        """The people list changed: keep the form on the selected person."""
        completions = self.department_completer.model()
        assert isinstance(completions, QStringListModel)
        departments = self.people_model.departments()
        if completions.stringList() != departments:
            completions.setStringList(departments)
        selected = self.selected_person()
        if selected is None:
            if self._person_id is not None:  # the person was removed
                self._person_id = None
                self._load_person_form(PersonForm())
            self._update_person_buttons()
            return
        if selected.id != self._person_id:
            self._person_selection_changed()
            return
        fresh = PersonForm.of(selected.person)
        if fresh == self.person_form():
            self._loaded = fresh
        elif not self.person_form_dirty():
            self._load_person_form(fresh)
        else:
            self._loaded = fresh  # keep the unsaved edits, compared to what is stored now
        self._update_person_buttons()

    def _person_form_edited(self, *_args: object) -> None:
        if not self._loading:
            show_error(self.person_error, "")
            self._update_person_buttons()

    def _update_person_buttons(self) -> None:
        person_id = self._person_id
        selected = person_id is not None
        row = self.people_model.row_of(person_id) if person_id is not None else -1
        if row >= 0:
            self.person_heading.setText(self.people_model.person_row(row).person.name)
        else:
            self.person_heading.setText("New person")
        self.save_person_button.setEnabled(selected and self.person_form_dirty())
        self.delete_person_button.setEnabled(selected)
        self.add_person_button.setEnabled(bool(self.person_name.text().strip()))

    # --- person actions -----------------------------------------------------------------

    def new_person(self) -> None:
        """Clear the selection and the form to enter someone new."""
        self.people_view.selectionModel().clearSelection()
        self.people_view.setCurrentIndex(QModelIndex())
        self._person_id = None
        show_error(self.person_error, "")
        self._load_person_form(PersonForm())
        self.person_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_person(self) -> None:
        if self._person_id is None:
            return
        values = self.person_form()
        self._perform_person(
            ops.update_person, self._person_id, roles=list(values.roles), **values.fields()
        )

    def add_person(self) -> None:
        values = self.person_form()
        name = " ".join(values.name.split())
        twin = next(
            (
                row.person
                for row in map(self.people_model.person_row, range(self.people_model.rowCount()))
                if row.person.name.casefold() == name.casefold()
            ),
            None,
        )
        if name and twin is not None:
            show_error(self.person_error, f"There is already someone called “{twin.name}”.")
            return
        fields = values.fields()
        change = self._perform_person(
            ops.create_person, fields.pop("name"), roles=list(values.roles), **fields
        )
        person_id = new_row_id(change, "people")
        if person_id is not None:
            self.select_person(person_id)

    def delete_person(self) -> None:
        selected = self.selected_person()
        if selected is not None and self.confirm_delete_person(selected):
            self._perform_person(ops.delete_person, selected.id)

    def confirm_delete_person(self, person: PersonRow) -> bool:
        """Ask before removing a person; ``True`` to go ahead."""
        name = person.person.name
        if person.uses:
            detail = (
                f"{name} is linked to {items_text(person.uses)} (archived ones included) "
                "and will be taken off them."
            )
        else:
            detail = f"{name} is not on any item."
        return confirm(
            self,
            "Remove person",
            f"Remove {name} from the board?",
            f"{detail} Edit → Undo brings them back.",
            "Remove",
        )

    def _perform_person(
        self, operation: Callable[..., Change | None], *args: Any, **kwargs: Any
    ) -> Change | None:
        failures: list[Failure] = []
        change = self.session.perform(operation, *args, report_to=failures.append, **kwargs)
        show_error(self.person_error, failures[0].message if failures else "")
        return change
