"""An action's details: its text, owner, due date and linked initiative.

Saving is one ``edit_retro_entry`` of the fields that changed, so it is one
undoable step; when the operation refuses the input the problem shows under
the field it is about and the dialog stays open with what was typed. The
initiative is typed as its key ("LD-12") with completion on keys and titles.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.model import RetroEntry
from ldboard.ui.common.session import BoardSession, Failure

#: A due date ticked on for the first time starts a week from today.
DEFAULT_DUE_DAYS = 7
YOU = "You (the board’s lead)"


class ActionDialog(QDialog):
    def __init__(
        self, session: BoardSession, entry: RetroEntry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("retroActionDialog")
        self.setWindowTitle("Action")
        self.session = session
        self.entry = entry
        board = session.board

        self.text = QPlainTextEdit(entry.text, self)
        self.text.setObjectName("actionText")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.owner = QComboBox(self)
        self.owner.setObjectName("actionOwner")
        self.owner.setAccessibleName("Owner")
        self.owner.addItem(YOU, -1)
        for person in board.people():
            role = f" · {person.role}" if person.role else ""
            self.owner.addItem(f"{person.name}{role}", person.id)
        found = self.owner.findData(entry.owner_id if entry.owner_id is not None else -1)
        self.owner.setCurrentIndex(max(0, found))

        self.due_set = QCheckBox(self)
        self.due_set.setObjectName("actionDueSet")
        self.due_set.setAccessibleName("Set a due date")
        self.due = QDateEdit(self)
        self.due.setObjectName("actionDue")
        self.due.setAccessibleName("Due date")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("d MMM yyyy")
        day = (
            date.fromisoformat(entry.due)
            if entry.due
            else board.today() + timedelta(DEFAULT_DUE_DAYS)
        )
        self.due.setDate(QDate(day.year, day.month, day.day))
        self.due_set.setChecked(entry.due is not None)
        self.due.setEnabled(entry.due is not None)
        self.due_set.toggled.connect(self.due.setEnabled)
        due_row = QWidget(self)
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(self.due_set)
        due_layout.addWidget(self.due, 1)

        self.initiative = QLineEdit(self)
        self.initiative.setObjectName("actionInitiative")
        self.initiative.setAccessibleName("Linked initiative")
        self.initiative.setPlaceholderText("An initiative's key, such as LD-12 (optional)")
        self.initiative.setClearButtonEnabled(True)
        choices = [
            f"{row['key']} — {row['title']}"
            for row in board.rows("items", "archived_at IS NULL", order_by="id")
        ]
        completer = QCompleter(choices, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.initiative.setCompleter(completer)
        if entry.item_id is not None:
            item = board.item(entry.item_id)
            if item is not None:
                self.initiative.setText(f"{item.key} — {item.title}")

        self.problems: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label, widget, buddy in (
            ("text", "&Action:", self.text, self.text),
            ("owner_id", "&Owner:", self.owner, self.owner),
            ("due", "&Due:", due_row, self.due),
            ("item_id", "&Initiative:", self.initiative, self.initiative),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(buddy)
            form.addRow(caption, widget)
            problem = QLabel(self)
            problem.setObjectName(f"{name}Problem")
            problem.setStyleSheet("color: #b91c1c")
            problem.setWordWrap(True)
            problem.hide()
            form.addRow("", problem)
            self.problems[name] = problem
        self.general_problem = QLabel(self)
        self.general_problem.setObjectName("actionProblem")
        self.general_problem.setStyleSheet("color: #b91c1c")
        self.general_problem.setWordWrap(True)
        self.general_problem.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.owner.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- reading the form --------------------------------------------------------------

    def item_id(self) -> int | str | None:
        """The linked item's id, ``None`` for none, or the key typed when no item has it."""
        typed = self.initiative.text().strip()
        if not typed:
            return None
        key = typed.split("—", 1)[0].strip()
        board = self.session.board
        item = board.item_by_key(key) or board.item_by_key(key.upper())
        return item.id if item is not None else key

    def values(self) -> dict[str, Any]:
        owner = self.owner.currentData()
        return {
            "text": self.text.toPlainText(),
            "owner_id": None if owner == -1 else owner,
            "due": self.due.date().toString(Qt.DateFormat.ISODate)
            if self.due_set.isChecked()
            else None,
            "item_id": self.item_id(),
        }

    def changed_values(self) -> dict[str, Any]:
        current = {
            "text": self.entry.text,
            "owner_id": self.entry.owner_id,
            "due": self.entry.due,
            "item_id": self.entry.item_id,
        }
        values = self.values()
        changed = {k: v for k, v in values.items() if v != current[k]}
        if "text" in changed and changed["text"].strip() == self.entry.text.strip():
            del changed["text"]
        return changed

    # --- saving ------------------------------------------------------------------------

    def save(self) -> None:
        for label in (*self.problems.values(), self.general_problem):
            label.hide()
        changed = self.changed_values()
        if isinstance(changed.get("item_id"), str):
            self._show_problem(
                "item_id",
                f"No initiative has the key “{changed['item_id']}”. Type a key such as "
                f"{self.session.board.key_prefix}-12, pick one from the list, or leave it empty.",
            )
            return
        if not changed:
            self.accept()
            return
        failures: list[Failure] = []
        self.session.perform(
            ops.edit_retro_entry, self.entry.id, report_to=failures.append, **changed
        )
        if failures:
            self._show(failures[0])
            return
        self.accept()

    def _show_problem(self, name: str, text: str) -> None:
        label = self.problems[name]
        label.setText(text)
        label.show()

    def _show(self, failure: Failure) -> None:
        shown = False
        for name, text in failure.problems.items():
            if name in self.problems:
                self._show_problem(name, text)
                shown = True
        if not shown:
            self.general_problem.setText(failure.message)
            self.general_problem.show()
