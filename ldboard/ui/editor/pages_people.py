"""The People tab: requester, sponsor and subject-matter experts.

Someone can be picked from the board or typed by name; a typed name is a new
person who is created with the card on Save (see :mod:`.people`).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.enums import ItemRole
from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.people import (
    PERSON_NAME_MAX,
    PersonPicker,
    find_person,
    new_person_hint,
)
from ldboard.ui.editor.widgets import EntryLine, make_form, make_hint, person_text

_ROLES_IN_EDITOR = (ItemRole.REQUESTER.value, ItemRole.SPONSOR.value, ItemRole.SME.value)


class PeoplePage(FormBuilder):
    """Builds the People tab and reads back who was chosen for each role."""

    def _person_picker(self, name: str) -> PersonPicker:
        picker = PersonPicker(self._people)
        picker.currentIndexChanged.connect(partial(self._edited, name))
        picker.editTextChanged.connect(partial(self._edited, name))
        picker.editTextChanged.connect(self._update_people_hint)
        return picker

    def _build_people(self, page: QWidget) -> None:
        form = make_form()
        self.requester_combo = self._person_picker("requester")
        self._add_row(
            form,
            "requester",
            "&Requester:",
            self.requester_combo,
            self.requester_combo.value,
            "The stakeholder who brought the request. Type a name to add someone new.",
        )
        self.sponsor_combo = self._person_picker("sponsor")
        self._add_row(
            form,
            "sponsor",
            "S&ponsor:",
            self.sponsor_combo,
            self.sponsor_combo.value,
            "The manager who backs it and removes obstacles.",
        )
        self.sme_list = QListWidget()
        self.sme_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for person in self._people:
            entry = QListWidgetItem(person_text(person))
            entry.setData(Qt.ItemDataRole.UserRole, person.id)
            entry.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.sme_list.addItem(entry)
        self.sme_list.itemChanged.connect(partial(self._edited, "smes"))
        self.sme_list.itemChanged.connect(self._update_people_hint)
        self.sme_list.setMinimumHeight(160)
        self.sme_list.setSpacing(1)
        self._add_row(
            form,
            "smes",
            "Subject-matter &experts:",
            self.sme_list,
            self._sme_state,
            "Tick everyone who contributes expertise or content.",
        )
        self.sme_new = EntryLine()
        self.sme_new.setObjectName("smeNewName")
        self.sme_new.setAccessibleName("New subject-matter expert")
        self.sme_new.setPlaceholderText("Name of an expert who is not listed")
        self.sme_new.setMaxLength(PERSON_NAME_MAX)
        self.sme_new.submitted.connect(self._add_expert)
        self.sme_add = QPushButton("A&dd expert")
        self.sme_add.setObjectName("smeAdd")
        self.sme_add.setAutoDefault(False)
        self.sme_add.clicked.connect(self._add_expert)
        self.people_hint = make_hint("")
        self.people_hint.setObjectName("newPeopleHint")
        self.people_hint.hide()
        adder = QWidget()
        adder_column = QVBoxLayout(adder)
        adder_column.setContentsMargins(0, 0, 0, 0)
        adder_row = QHBoxLayout()
        adder_row.addWidget(self.sme_new, 1)
        adder_row.addWidget(self.sme_add)
        adder_column.addLayout(adder_row)
        adder_column.addWidget(self.people_hint)
        form.addRow("", adder)
        if not self._people:
            form.addRow(
                "", make_hint("This board has no people yet: type a name above to add someone.")
            )
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)

    def _add_expert(self) -> None:
        """Tick the typed expert: someone listed, or a new person saved with the card."""
        name = " ".join(self.sme_new.text().split())
        if not name:
            return
        existing = find_person(self._people, name)
        for row in range(self.sme_list.count()):
            entry = self.sme_list.item(row)
            data = entry.data(Qt.ItemDataRole.UserRole)
            if data == existing or (isinstance(data, str) and data.casefold() == name.casefold()):
                entry.setCheckState(Qt.CheckState.Checked)
                self.sme_list.setCurrentItem(entry)
                break
        else:
            entry = QListWidgetItem(f"{name} (new)")
            entry.setData(Qt.ItemDataRole.UserRole, name)
            entry.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            entry.setCheckState(Qt.CheckState.Checked)
            self.sme_list.addItem(entry)
            self.sme_list.setCurrentItem(entry)
            self._edited("smes")  # a new entry emits no itemChanged
        self.sme_new.clear()
        self._update_people_hint()

    def _update_people_hint(self, *_: object) -> None:
        text = new_person_hint(self._new_people_names())
        self.people_hint.setText(text)
        self.people_hint.setVisible(bool(text))

    def _sme_state(self) -> frozenset[int | str]:
        """The ticked experts: ids of people on the board, names of new ones."""
        return frozenset(
            self.sme_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.sme_list.count())
            if self.sme_list.item(row).checkState() == Qt.CheckState.Checked
        )

    def _sme_ids(self) -> frozenset[int]:
        return frozenset(p for p in self._sme_state() if isinstance(p, int))

    def _new_people(self) -> list[tuple[str, str]]:
        """People typed by name who are not on the board yet, with their role here."""
        wanted = [
            (self.requester_combo.new_name(), ItemRole.REQUESTER.value),
            (self.sponsor_combo.new_name(), ItemRole.SPONSOR.value),
            *((p, ItemRole.SME.value) for p in sorted(self._sme_state(), key=str)),
        ]
        return [(name, role) for name, role in wanted if isinstance(name, str)]

    def _new_people_names(self) -> list[str]:
        names: dict[str, str] = {}
        for name, _role in self._new_people():
            names.setdefault(name.casefold(), name)
        return list(names.values())

    def _people_value(self) -> list[tuple[int, str]]:
        """The item's people as edited; roles this dialog does not show are kept.

        A single combo stands for the requester (and the sponsor); if the file
        holds several and the combo still shows the first, all of them stay.
        """
        people = [(p, r) for p, r in self._original_people if r not in _ROLES_IN_EDITOR]
        for role, combo in (
            (ItemRole.REQUESTER.value, self.requester_combo),
            (ItemRole.SPONSOR.value, self.sponsor_combo),
        ):
            chosen = combo.value()  # a new person's name goes with the new people
            before = [p for p, r in self._original_people if r == role]
            if before and chosen == before[0]:
                people += [(p, role) for p in before]
            elif isinstance(chosen, int):
                people.append((chosen, role))
        people += [(p, ItemRole.SME.value) for p in sorted(self._sme_ids())]
        return people
