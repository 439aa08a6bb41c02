"""People pickers of the card editor: choose someone on the board, or type a new name.

A request often comes from someone the board has never seen. Rather than
leaving the card to add them under Tags & People first, the pickers accept a
typed name; Save creates the person in the same transaction as the card (see
``ops.create_item``'s ``new_people``), so one Undo takes both back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ldboard.domain.model import Person
from ldboard.ops.vocabulary import PERSON_NAME_MAX
from ldboard.ui.editor.widgets import NONE_TEXT, person_text

#: A picker's value: a person's id, a new person's name, or nobody.
PersonChoice = int | str | None


def find_person(people: Sequence[Person], text: str) -> int | None:
    """The id of the person ``text`` names, as a name or as a picker entry, ignoring case."""
    wanted = " ".join(text.split()).casefold()
    for person in people:
        if wanted in (person.name.casefold(), person_text(person).casefold()):
            return person.id
    return None


def new_person_hint(names: Sequence[str]) -> str:
    if not names:
        return ""
    quoted = ", ".join(f"“{name}”" for name in names)
    if len(names) == 1:
        return f"{quoted} is not on this board yet: saving adds them as a new person."
    return f"{quoted} are not on this board yet: saving adds them as new people."


class PersonPicker(QComboBox):
    """An editable combo of the board's people; text that names nobody is a new person."""

    def __init__(self, people: Sequence[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people = list(people)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(28)
        self.addItem(NONE_TEXT, None)
        for person in self._people:
            self.addItem(person_text(person), person.id)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        line.setPlaceholderText("Choose someone, or type a new name")
        line.setMaxLength(PERSON_NAME_MAX + 40)

    def value(self) -> PersonChoice:
        """The chosen person's id, a new person's name (as typed), or ``None``."""
        text = " ".join(self.currentText().split())
        if not text or text == NONE_TEXT:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            data = self.itemData(index)
            if isinstance(data, int):
                return data
        found = find_person(self._people, text)
        return found if found is not None else text

    def new_name(self) -> str | None:
        value = self.value()
        return value if isinstance(value, str) else None
