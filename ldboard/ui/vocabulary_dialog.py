"""Tags & People: the board's shared vocabularies.

``TagModel`` and ``PeopleModel`` list the board's tags and people with how many
items use each. They keep in step with the board through ``session.changed``;
the dialog's buttons and the in-place rename only ever call ``session.perform``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.enums import PersonRole
from ldboard.domain.model import Person
from ldboard.store import Change
from ldboard.ui import theme
from ldboard.ui.record_model import RecordTableModel
from ldboard.ui.session import BoardSession, Failure

Index = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

#: Short names of the roles a person plays, for the people list.
ROLE_SHORT = {
    PersonRole.STAKEHOLDER: "Stakeholder",
    PersonRole.SPONSOR: "Sponsor",
    PersonRole.SME: "SME",
    PersonRole.LEARNER_REP: "Learner rep",
}
PAGES = ("tags", "people")


def items_text(count: int) -> str:
    return "1 item" if count == 1 else f"{count} items"


@dataclass(frozen=True, slots=True)
class TagRow:
    id: int
    name: str
    color: str
    uses: int  # items carrying the tag, archived ones included


@dataclass(frozen=True, slots=True)
class PersonRow:
    person: Person
    uses: int  # items the person is on, in any role, archived ones included

    @property
    def id(self) -> int:
        return self.person.id


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
            _ordered_roles(person.roles),
            person.wiifm,
            person.notes,
        )

    def fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.TEXT}


def _ordered_roles(roles: Any) -> tuple[str, ...]:
    chosen = set(roles)
    return tuple(role.value for role in PersonRole if role.value in chosen)


# --- models -----------------------------------------------------------------------------


class _VocabularyModel(RecordTableModel):
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


class TagModel(_VocabularyModel):
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


class PeopleModel(_VocabularyModel):
    """The board's people: name, job role, department, the roles they play, items."""

    NAME, JOB_ROLE, DEPARTMENT, ROLES, USES = range(5)
    HEADERS = ("Name", "Job role", "Department", "Roles", "Items")
    TABLES = ("people", "item_people")

    def person_row(self, row: int) -> PersonRow:
        return self._rows[row]

    def departments(self) -> list[str]:
        return sorted(
            {e.person.department for e in self._rows if e.person.department}, key=str.casefold
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        entry: PersonRow = self._rows[index.row()]
        person = entry.person
        column = index.column()
        if role == ID_ROLE:
            return person.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == SORT_ROLE:
            if column == self.USES:
                return entry.uses
            return (self._display(entry, column) or "").casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.USES:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ROLES:
                return ", ".join(PersonRole(r).label for r in _ordered_roles(person.roles)) or None
            if column == self.USES:
                return f"{person.name} is on {items_text(entry.uses)}, archived ones included"
            if column == self.NAME and person.wiifm:
                return f"{person.name}: {person.wiifm}"
            return self._display(entry, column) or None
        return None

    def _display(self, entry: PersonRow, column: int) -> str | None:
        person = entry.person
        if column == self.NAME:
            return person.name
        if column == self.JOB_ROLE:
            return person.role
        if column == self.DEPARTMENT:
            return person.department
        if column == self.ROLES:
            return ", ".join(ROLE_SHORT[PersonRole(r)] for r in _ordered_roles(person.roles))
        if column == self.USES:
            return str(entry.uses)
        return None

    def _load(self) -> list[PersonRow]:
        board = self._session.board
        rows = []
        for person in board.people():
            links = board.rows("item_people", "person_id = ?", (person.id,))
            rows.append(PersonRow(person, len({link["item_id"] for link in links})))
        return rows


class _SortedModel(QSortFilterProxyModel):
    def __init__(self, source: QAbstractTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.sort(0, Qt.SortOrder.AscendingOrder)


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


# --- views ------------------------------------------------------------------------------


class _ListView(QTreeView):
    """A flat, sortable list with a header; Delete asks to remove the current row."""

    delete_requested = Signal()

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        editing = self.state() == QAbstractItemView.State.EditingState
        if plain and not editing and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def _error_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(
        f"color: {theme.DANGER.name()}; background: {theme.DANGER_BACKGROUND.name()};"
        "border-radius: 4px; padding: 4px 8px;"
    )
    label.setAccessibleName("Error")
    label.hide()
    return label


def _show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def _button(text: str, name: str, slot: Callable[[], object], parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.rstrip("…"))
    button.setAutoDefault(False)
    button.setDefault(False)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _new_row_id(change: Change | None, table: str) -> int | None:
    if change is None:
        return None
    for diff in change.diffs(table):
        if diff.is_insert:
            return int(diff.key[0])
    return None


# --- the dialog -------------------------------------------------------------------------


class VocabularyDialog(QDialog):
    """Tags & People of the board, each edit one undoable action."""

    def __init__(
        self, session: BoardSession, parent: QWidget | None = None, *, page: str = "tags"
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("vocabularyDialog")
        self.setWindowTitle("Tags & People")
        self.setAccessibleName("Tags and people")
        self.resize(1160, 620)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("vocabularyTabs")
        self.tags_page = self._build_tags_page()
        self.people_page = self._build_people_page()
        self.tabs.addTab(self.tags_page, "Tags")
        self.tabs.addTab(self.people_page, "People")

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        for button in close.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.show_page(page)

    def show_page(self, page: str) -> None:
        """Bring the "tags" or "people" tab to the front."""
        if page not in PAGES:
            raise ValueError(f"unknown page {page!r}; expected one of {', '.join(PAGES)}")
        self.tabs.setCurrentWidget(self.tags_page if page == "tags" else self.people_page)

    # === tags =============================================================================

    def _build_tags_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("tagsPage")

        self.tag_model = TagModel(self.session, self)
        self.tag_model.error_changed.connect(self._show_tag_error)
        self.tag_proxy = _SortedModel(self.tag_model, self)

        self.tag_view = _ListView("tagList", "Tags", page)
        self.tag_view.setModel(self.tag_proxy)
        self.tag_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tag_view.sortByColumn(TagModel.NAME, Qt.SortOrder.AscendingOrder)
        header = self.tag_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TagModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TagModel.USES, QHeaderView.ResizeMode.ResizeToContents)
        self.tag_view.delete_requested.connect(self.delete_tag)

        self.new_tag_edit = QLineEdit(page)
        self.new_tag_edit.setObjectName("newTagName")
        self.new_tag_edit.setAccessibleName("New tag name")
        self.new_tag_edit.setPlaceholderText("New tag name")
        self.new_tag_edit.setMaxLength(40)
        self.new_tag_edit.returnPressed.connect(self.add_tag)
        self.new_tag_edit.textChanged.connect(self._update_tag_buttons)
        self.add_tag_button = _button("Add", "addTagButton", self.add_tag, page)
        self.add_tag_button.setToolTip("Add a tag with this name")

        self.rename_tag_button = _button("Rename", "renameTagButton", self.rename_tag, page)
        self.rename_tag_button.setToolTip("Rename the selected tag (F2)")
        self.tag_color_button = _button("Colour…", "tagColorButton", self.recolor_tag, page)
        self.tag_color_button.setToolTip("Choose the colour of the selected tag")
        self.delete_tag_button = _button("Delete…", "deleteTagButton", self.delete_tag, page)
        self.delete_tag_button.setToolTip("Delete the selected tag and take it off every item")

        self.tag_error = _error_label("tagError", page)

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_tag_edit, 1)
        add_row.addWidget(self.add_tag_button)

        left = QVBoxLayout()
        left.addWidget(self.tag_view, 1)
        left.addLayout(add_row)

        side = QVBoxLayout()
        side.addWidget(self.rename_tag_button)
        side.addWidget(self.tag_color_button)
        side.addWidget(self.delete_tag_button)
        side.addStretch(1)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(side)

        layout = QVBoxLayout(page)
        layout.addLayout(body, 1)
        layout.addWidget(self.tag_error)

        self.tag_view.selectionModel().selectionChanged.connect(self._update_tag_buttons)
        self.tag_proxy.rowsRemoved.connect(self._update_tag_buttons)
        self.tag_proxy.modelReset.connect(self._update_tag_buttons)
        self._update_tag_buttons()
        return page

    def selected_tag(self) -> TagRow | None:
        rows = self.tag_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.tag_model.tag_row(self.tag_proxy.mapToSource(rows[0]).row())

    def select_tag(self, tag_id: int) -> bool:
        return _select(self.tag_view, self.tag_proxy, self.tag_model.row_of(tag_id))

    def add_tag(self) -> None:
        name = self.new_tag_edit.text()
        change = self._perform_tag(ops.create_tag, name)
        tag_id = _new_row_id(change, "tags")
        if tag_id is not None:
            self.new_tag_edit.clear()
            self.select_tag(tag_id)

    def rename_tag(self) -> None:
        """Start editing the selected tag's name in place."""
        rows = self.tag_view.selectionModel().selectedRows(TagModel.NAME)
        if rows:
            self.tag_view.setCurrentIndex(rows[0])
            self.tag_view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.tag_view.edit(rows[0])

    def recolor_tag(self) -> None:
        tag = self.selected_tag()
        if tag is None:
            return
        color = self.choose_color(tag)
        if color is not None:
            self._perform_tag(ops.update_tag, tag.id, color=color)

    def delete_tag(self) -> None:
        tag = self.selected_tag()
        if tag is not None and self.confirm_delete_tag(tag):
            self._perform_tag(ops.delete_tag, tag.id)

    def choose_color(self, tag: TagRow) -> str | None:
        """Ask for a tag colour; ``None`` if cancelled."""
        color = QColorDialog.getColor(QColor(tag.color), self, f"Colour of “{tag.name}”")
        return color.name() if color.isValid() else None

    def confirm_delete_tag(self, tag: TagRow) -> bool:
        """Ask before deleting a tag; ``True`` to go ahead."""
        if tag.uses:
            detail = f"{items_text(tag.uses)} will lose it (archived ones included)."
        else:
            detail = "No item uses it."
        return _confirm(
            self,
            "Delete tag",
            f"Delete the tag “{tag.name}”?",
            f"{detail} Edit → Undo brings it back.",
            "Delete tag",
        )

    def _perform_tag(
        self, operation: Callable[..., Change | None], *args: Any, **kwargs: Any
    ) -> Change | None:
        failures: list[Failure] = []
        change = self.session.perform(operation, *args, report_to=failures.append, **kwargs)
        self._show_tag_error(failures[0].message if failures else "")
        return change

    def _show_tag_error(self, message: str) -> None:
        _show_error(self.tag_error, message)

    def _update_tag_buttons(self, *_args: object) -> None:
        selected = self.tag_view.selectionModel().hasSelection()
        for button in (self.rename_tag_button, self.tag_color_button, self.delete_tag_button):
            button.setEnabled(selected)
        self.add_tag_button.setEnabled(bool(self.new_tag_edit.text().strip()))

    # === people ===========================================================================

    def _build_people_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("peoplePage")

        self.people_model = PeopleModel(self.session, self)
        self.people_proxy = _SortedModel(self.people_model, self)

        self.people_view = _ListView("peopleList", "People", page)
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

        self.new_person_button = _button("New person", "newPersonButton", self.new_person, page)
        self.new_person_button.setToolTip("Clear the form to add someone new")
        self.delete_person_button = _button(
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

        self.add_person_button = _button("Add person", "addPersonButton", self.add_person, page)
        self.add_person_button.setToolTip("Add a new person with the details in the form")
        self.save_person_button = _button("Save", "savePersonButton", self.save_person, page)
        self.save_person_button.setToolTip("Save the changes to the selected person")
        form_buttons = QHBoxLayout()
        form_buttons.addStretch(1)
        form_buttons.addWidget(self.add_person_button)
        form_buttons.addWidget(self.save_person_button)

        self.person_error = _error_label("personError", form_widget)

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
        return _select(self.people_view, self.people_proxy, self.people_model.row_of(person_id))

    def person_form(self) -> PersonForm:
        """The values in the form."""
        roles = (value for value, box in self.role_boxes.items() if box.isChecked())
        return PersonForm(
            name=self.person_name.text(),
            role=self.person_job_role.text(),
            department=self.person_department.text(),
            roles=_ordered_roles(roles),
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
        _show_error(self.person_error, "")
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
            _show_error(self.person_error, "")
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
        _show_error(self.person_error, "")
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
            _show_error(self.person_error, f"There is already someone called “{twin.name}”.")
            return
        fields = values.fields()
        change = self._perform_person(
            ops.create_person, fields.pop("name"), roles=list(values.roles), **fields
        )
        person_id = _new_row_id(change, "people")
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
        return _confirm(
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
        _show_error(self.person_error, failures[0].message if failures else "")
        return change


def _select(view: QTreeView, proxy: QSortFilterProxyModel, source_row: int) -> bool:
    if source_row < 0:
        return False
    source = proxy.sourceModel()
    index = proxy.mapFromSource(source.index(source_row, 0))
    if not index.isValid():
        return False
    view.setCurrentIndex(index)
    view.scrollTo(index)
    return True


def _confirm(parent: QWidget, title: str, question: str, detail: str, action: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(question)
    box.setInformativeText(detail)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go
