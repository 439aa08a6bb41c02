"""The People page: the partners directory and the stakeholder map, on two tabs.

Both show the same people and share one selection: picking someone on the map
shows them in the directory's detail pane, and the other way round. Every
list follows ``session.changed``; nothing here refreshes after its own edit.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.model import Person
from ldboard.domain.stakeholders import STANCE_ADVICE, Stance, stance
from ldboard.ops import partners
from ldboard.store import Change
from ldboard.ui.common.list_widgets import ListView, action_button, confirm, new_row_id, select_row
from ldboard.ui.common.session import Failure
from ldboard.ui.common.vocabulary_models import SortedModel
from ldboard.ui.partners.detail import PartnerDetail
from ldboard.ui.partners.models import PartnerModel, UnplacedModel
from ldboard.ui.partners.new_person import NewPerson, NewPersonDialog
from ldboard.ui.partners.reads import level_text, removal_text
from ldboard.ui.partners.stakeholder_map import StakeholderScene, StakeholderView
from ldboard.ui.screen import ScreenContext


class PeoplePage(QWidget):
    open_requested = Signal(int)  # item id
    status_message = Signal(str)

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session = context.session
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("peopleTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_directory(), "&Directory")
        self.tabs.addTab(self._build_map(), "Stakeholder &map")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        session.changed.connect(self._board_changed)
        session.read_only_changed.connect(self.set_read_only)
        self.set_read_only(session.read_only)
        self._refresh_people()
        if self.model.rowCount():
            self.partner_list.setCurrentIndex(self.proxy.index(0, 0))

    # --- building --------------------------------------------------------------------------

    def _build_directory(self) -> QWidget:
        self.model = PartnerModel(self.session, self)
        self.proxy = SortedModel(self.model, self)
        self.partner_list = ListView("partnerList", "Partners", self)
        self.partner_list.setModel(self.proxy)
        self.partner_list.sortByColumn(PartnerModel.NAME, Qt.SortOrder.AscendingOrder)
        header = self.partner_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PartnerModel.ROLES, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (PartnerModel.NAME, 140),
            (PartnerModel.JOB_ROLE, 150),
            (PartnerModel.DEPARTMENT, 100),
            (PartnerModel.LEVEL, 104),
            (PartnerModel.STANCE, 110),
        ):
            header.resizeSection(column, width)
        self.partner_list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.partner_list.delete_requested.connect(self.remove_selected)
        self.summary = QLabel(self)
        self.summary.setObjectName("partnerSummary")
        self.new_button = action_button("Ne&w Person…", "newPersonButton", self.new_person, self)
        self.new_button.setAccessibleName("New person")
        self.new_button.setToolTip("Add someone you work with to the board (Alt+W)")
        self.remove_button = action_button(
            "&Remove Person…", "removePersonButton", self.remove_selected, self
        )
        self.remove_button.setAccessibleName("Remove person")
        self.remove_button.setToolTip(
            "Remove the selected person, with their links and thanks (Delete in the list)"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.remove_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        left_layout.addWidget(self.partner_list, 1)
        left_layout.addLayout(buttons)

        self.detail = PartnerDetail(self.session, self)
        self.detail.open_requested.connect(self.open_requested)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.detail)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("peopleSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([700, 560])
        return splitter

    def _build_map(self) -> QWidget:
        page = QWidget(self)
        self.scene = StakeholderScene(self.font(), self)
        self.map_view = StakeholderView(self.scene, self.session.token, page)
        self.scene.place_requested.connect(self.place)
        self.map_view.move_requested.connect(self.place)
        self.scene.open_requested.connect(self.show_in_directory)
        self.map_view.open_requested.connect(self.show_in_directory)
        self.scene.selectionChanged.connect(self._map_selection_changed)

        self.unplaced_model = UnplacedModel(self.session.token, self)
        self.unplaced_list = QListView(page)
        self.unplaced_list.setObjectName("unplacedList")
        self.unplaced_list.setAccessibleName("People not on the map yet")
        self.unplaced_list.setModel(self.unplaced_model)
        self.unplaced_list.setDragEnabled(True)
        self.unplaced_list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.unplaced_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.unplaced_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unplaced_list.activated.connect(self._unplaced_activated)
        self.unplaced_label = QLabel(page)
        self.unplaced_label.setObjectName("unplacedPeopleLabel")
        self.unplaced_label.setWordWrap(True)
        self.unplace_button = action_button(
            "Take off the map", "unplaceButton", self.unplace_selected, page
        )
        self.unplace_button.setToolTip("Put the selected person back in the list")
        self.advice = QLabel(page)
        self.advice.setObjectName("stanceAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)

        tray = QFrame(page)
        tray.setObjectName("unplacedTray")
        tray.setFixedWidth(250)
        tray_layout = QVBoxLayout(tray)
        tray_layout.setContentsMargins(8, 8, 8, 8)
        tray_layout.addWidget(self.unplaced_label)
        tray_layout.addWidget(self.unplaced_list, 1)
        tray_layout.addWidget(self.unplace_button)
        tray_layout.addWidget(self.advice)

        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.map_view, 1)
        layout.addWidget(tray)
        return page

    # --- following the board -----------------------------------------------------------------

    def _board_changed(self, change: Change) -> None:
        if change.touches("people"):
            self._refresh_people()

    def _refresh_people(self) -> None:
        """The model re-read the people first (it is connected before this page)."""
        people = list(self.model.people.values())
        self.scene.set_entries(people)
        unplaced = sorted(
            (p for p in people if self.scene.entry_cell(p) is None),
            key=lambda p: p.name.casefold(),
        )
        self.unplaced_model.show(unplaced, _describe)
        if unplaced:
            self.unplaced_label.setText(
                f"<b>Not on the map ({len(unplaced)})</b><br>"
                "Drag someone onto the map to place them by influence and involvement."
            )
        else:
            self.unplaced_label.setText("<b>Everyone is on the map.</b>")
        placed = len(people) - len(unplaced)
        self.summary.setText(f"{len(people)} people · {placed} on the stakeholder map")
        current = self.detail.person
        self.detail.show_person(self.model.people.get(current.id) if current else None)
        self._update_buttons()
        self._map_selection_changed()

    def _current_changed(self, *_args: object) -> None:
        person = self.selected_person()
        if self.detail.person is not None and (
            person is None or person.id != self.detail.person.id
        ):
            self.detail.apply()  # leaving someone keeps what was typed for them
        self.detail.show_person(self.selected_person())
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = not self.session.read_only
        self.new_button.setEnabled(writable)
        self.remove_button.setEnabled(writable and self.selected_person() is not None)

    def selected_person(self) -> Person | None:
        index = self.partner_list.currentIndex()
        person_id = self.model.id_at(self.proxy.mapToSource(index)) if index.isValid() else None
        return self.model.people.get(person_id) if person_id is not None else None

    def select_person(self, person_id: int) -> bool:
        return select_row(self.partner_list, self.proxy, self.model.row_of(person_id))

    def _map_selection_changed(self) -> None:
        chip = self.map_view.selected_chip()
        self.unplace_button.setEnabled(chip is not None and not self.session.read_only)
        if chip is None:
            self.advice.setText(_legend())
            return
        person = self.model.people.get(chip.entry_id)
        if person is not None:
            self.select_person(person.id)
            self.advice.setText(_advice(person))

    # --- actions ---------------------------------------------------------------------------

    def place(self, person_id: int, influence: int, involvement: int) -> Change | None:
        change = self.session.perform(partners.place_person, person_id, influence, involvement)
        if change is not None:
            person = self.model.people.get(person_id)
            name = person.name if person else "The person"
            self.status_message.emit(
                f"{name}: influence {influence}, involvement {involvement}. Undo with Ctrl+Z."
            )
            self.map_view.select_item(person_id)
        return change

    def unplace_selected(self) -> Change | None:
        chip = self.map_view.selected_chip()
        if chip is None:
            return None
        return self.session.perform(partners.place_person, chip.entry_id, None, None)

    def new_person(self) -> NewPersonDialog | None:
        """Ask for the new person's name (and what else is known); the dialog adds
        them and this page selects them, once the board has them."""
        if self.session.read_only:
            return None
        dialog = NewPersonDialog(self.add_person, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def add_person(self, values: NewPerson) -> str:
        """Add a person as one undoable change and select them; '' or why not."""
        name = " ".join(values.name.split())
        twin = next(
            (p for p in self.model.people.values() if p.name.casefold() == name.casefold()), None
        )
        if name and twin is not None:
            return f"There is already someone called “{twin.name}”."
        failures: list[Failure] = []
        change = self.session.perform(
            ops.create_person,
            values.name,
            roles=list(values.roles),
            role=values.role,
            department=values.department,
            report_to=failures.append,
        )
        person_id = new_row_id(change, "people")
        if person_id is None:
            return failures[0].message if failures else "The person could not be added."
        self.tabs.setCurrentIndex(0)
        self.select_person(person_id)
        self.partner_list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status_message.emit(f"Added {name}. Undo with Ctrl+Z.")
        return ""

    def remove_selected(self) -> Change | None:
        """Remove the selected person, once the lead agreed to what goes with them."""
        person = self.selected_person()
        if person is None or self.session.read_only or not self.confirm_remove(person):
            return None
        change = self.session.perform(ops.delete_person, person.id)
        if change is not None:
            self.status_message.emit(f"Removed {person.name}. Undo with Ctrl+Z.")
        return change

    def confirm_remove(self, person: Person) -> bool:
        return confirm(
            self,
            "Remove Person",
            f"Remove {person.name} from the board?",
            removal_text(self.session.board, person),
            "Remove",
        )

    def _unplaced_activated(self, index: object) -> None:
        person_id = self.unplaced_model.id_at(index)  # type: ignore[arg-type]
        if person_id is not None:
            self.select_person(person_id)

    def show_in_directory(self, person_id: int) -> None:
        self.tabs.setCurrentIndex(0)
        if self.select_person(person_id):
            self.partner_list.selectionModel().select(
                self.partner_list.currentIndex(),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.detail.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_read_only(self, read_only: bool) -> None:
        self.scene.read_only = read_only
        details = (*self.detail.fields.values(), *self.detail.role_boxes.values())
        for widget in (*details, self.detail.apply_button, self.detail.thanks):
            widget.setEnabled(not read_only)
        self._update_buttons()
        self._map_selection_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        focus = self.map_view if self.tabs.currentIndex() == 1 else self.partner_list
        focus.setFocus(Qt.FocusReason.OtherFocusReason)


def _describe(person: Person) -> str:
    details = " · ".join(t for t in (person.role, person.department, level_text(person.level)) if t)
    return f"{person.name}\n{details}" if details else person.name


def _advice(person: Person) -> str:
    found = stance(person.influence, person.involvement)
    if found is None:
        return ""
    return f"<b>{person.name}</b> — {found.label}<br>{STANCE_ADVICE[found]}"


def _legend() -> str:
    lines = [f"<b>{found.label}</b>: {STANCE_ADVICE[found]}" for found in Stance]
    return "<br>".join(lines)
