"""The board's people as a table: who they are, the roles they play, their items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt

from ldboard.domain.enums import PersonRole
from ldboard.domain.model import Person
from ldboard.ui.common.person_roles import ROLE_SHORT, ordered_roles
from ldboard.ui.common.vocabulary_models import (
    ID_ROLE,
    SORT_ROLE,
    Index,
    VocabularyModel,
    items_text,
)

#: Short names of the roles a person plays, for the people list.


@dataclass(frozen=True, slots=True)
class PersonRow:
    person: Person
    uses: int  # items the person is on, in any role, archived ones included

    @property
    def id(self) -> int:
        return self.person.id


class PeopleModel(VocabularyModel):
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
                return ", ".join(PersonRole(r).label for r in ordered_roles(person.roles)) or None
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
            return ", ".join(ROLE_SHORT[PersonRole(r)] for r in ordered_roles(person.roles))
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
