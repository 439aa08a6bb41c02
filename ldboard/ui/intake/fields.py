"""Small widgets the intake pages share: a person picker that takes new names,
a number box that says what is wrong with its text, and the page base class
that shows the problems the request was refused for beside the fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
    QWizardPage,
)

from ldboard.domain.model import Person
from ldboard.domain.rules import parse_number

#: Shown for a figure that cannot be worked out yet.
DASH = "—"


class PersonPicker(QComboBox):
    """One of the board's people, or a new name typed in (created with the request).

    Completion matches any part of a name, so typing a surname finds the person;
    a name the board does not know is kept as typed.
    """

    def __init__(
        self, people: list[Person], placeholder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("")
        for person in people:
            self.addItem(person.name, person.id)
        self.setCurrentIndex(0)
        self.lineEdit().setPlaceholderText(placeholder)
        self.lineEdit().setClearButtonEnabled(True)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMinimumWidth(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def value(self) -> int | str | None:
        """The person's id, a new name, or ``None`` when left empty."""
        text = " ".join(self.currentText().split())
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)  # case-insensitive
        if index > 0:
            return int(self.itemData(index))
        return text

    def set_text(self, text: str) -> None:
        self.setEditText(text)


class DateBox(QDateEdit):
    """A date whose parts are moved between with the arrow keys, so Tab leaves it
    at once (a date edit otherwise spends Tab on its day, month and year)."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class NumberLine(QLineEdit):
    """A figure typed as people write it ("40", "3,5", "1 200"); empty means not known."""

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setMaximumWidth(140)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> float | None:
        try:
            return parse_number(self.text())
        except ValueError:
            return None

    def problem(self) -> str:
        """Why the text is not a usable figure ('' when it is, or is empty)."""
        try:
            value = parse_number(self.text())
        except ValueError as error:
            return str(error)
        if value is not None and value < 0:
            return f"{self.text().strip()} is below 0."
        return ""


def hint(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class IntakePage(QWizardPage):
    """A page of the conversation. ``FIELDS`` names the request fields it asks
    for, so a refusal can bring the person back to the page that fixes it."""

    FIELDS: tuple[str, ...] = ()

    def __init__(self, title: str, subtitle: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.problems = QLabel()
        self.problems.setObjectName("intakeProblems")
        self.problems.setProperty("role", "error")
        self.problems.setWordWrap(True)
        self.problems.hide()

    def show_problems(self, messages: list[str]) -> None:
        self.problems.setText("\n".join(messages))
        self.problems.setVisible(bool(messages))

    def first_field(self) -> QWidget | None:
        """Where the keyboard starts when the page is shown."""
        return None

    def is_filled(self) -> bool:
        """Whether the person typed or chose anything here (worth asking before discarding)."""
        return False
