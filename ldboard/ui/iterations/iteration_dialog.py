"""Creating or editing an iteration: name, goal, dates and capacity.

The dialog saves through the session like every other change; when the
operation refuses the input, the problem is shown under the field it is
about and the dialog stays open with everything typed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.model import Iteration
from ldboard.ui.common.session import BoardSession, Failure

#: A new iteration lasts this long unless the person changes its end.
DEFAULT_LENGTH_DAYS = 13
NO_CAPACITY_TEXT = "Not set"


class OptionalDate(QWidget):
    """A date that may be left unset: a tick box beside a calendar date edit."""

    def __init__(self, name: str, value: str | None, fallback: date, parent: QWidget) -> None:
        super().__init__(parent)
        self.set_box = QCheckBox(self)
        self.set_box.setObjectName(f"{name}Set")
        self.set_box.setAccessibleName(f"Set the {name} date")
        self.edit = QDateEdit(self)
        self.edit.setObjectName(name)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setAccessibleName(f"{name.capitalize()} date")
        day = date.fromisoformat(value) if value else fallback
        self.edit.setDate(QDate(day.year, day.month, day.day))
        self.set_box.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.set_box.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.set_box)
        row.addWidget(self.edit, 1)

    def value(self) -> str | None:
        if not self.set_box.isChecked():
            return None
        return self.edit.date().toString(Qt.DateFormat.ISODate)

    def set_value(self, value: str) -> None:
        day = date.fromisoformat(value)
        self.edit.setDate(QDate(day.year, day.month, day.day))
        self.set_box.setChecked(True)


class IterationDialog(QDialog):
    """Name, goal, start, end and capacity of one iteration (``None``: a new one)."""

    def __init__(
        self,
        session: BoardSession,
        iteration: Iteration | None,
        parent: QWidget | None = None,
        *,
        suggested_name: str = "",
        suggested_start: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("iterationDialog")
        self.session = session
        self.iteration = iteration
        #: The id of the iteration once saved (a new one's id after creation).
        self.iteration_id: int | None = iteration.id if iteration else None
        creating = iteration is None
        self.setWindowTitle("New Iteration" if creating else f"Edit {iteration.name}")
        start = suggested_start or session.board.today()

        self.name = QLineEdit(iteration.name if iteration else suggested_name, self)
        self.name.setObjectName("iterationName")
        self.name.setPlaceholderText("Iteration 4")
        self.goal = QPlainTextEdit(iteration.goal if iteration else "", self)
        self.goal.setObjectName("iterationGoal")
        self.goal.setPlaceholderText(
            "What this iteration should achieve, in the words a sponsor would use"
        )
        self.goal.setTabChangesFocus(True)
        self.goal.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.start = OptionalDate(
            "start", iteration.start if iteration else start.isoformat(), start, self
        )
        end = start + timedelta(days=DEFAULT_LENGTH_DAYS)
        self.end = OptionalDate("end", iteration.end if iteration else end.isoformat(), end, self)
        self.capacity = QDoubleSpinBox(self)
        self.capacity.setObjectName("iterationCapacity")
        self.capacity.setRange(0, 10_000)
        self.capacity.setDecimals(0)
        self.capacity.setSpecialValueText(NO_CAPACITY_TEXT)
        self.capacity.setSuffix(" effort points")
        self.capacity.setAccessibleName("Capacity in effort points")
        self.capacity.setToolTip(
            "How much work fits in the iteration, in effort points (an item's effort "
            "is 1 trivial – 5 very large). 0 leaves it unset."
        )
        if iteration is not None and iteration.capacity is not None:
            self.capacity.setValue(iteration.capacity)

        self.problems: dict[str, QLabel] = {}
        form = QFormLayout()
        for field_name, label, widget in (
            ("name", "&Name:", self.name),
            ("goal", "&Goal:", self.goal),
            ("start", "&Start:", self.start),
            ("end", "&End:", self.end),
            ("capacity", "&Capacity:", self.capacity),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget.edit if isinstance(widget, OptionalDate) else widget)
            form.addRow(caption, widget)
            problem = QLabel(self)
            problem.setObjectName(f"{field_name}Problem")
            problem.setStyleSheet("color: #b91c1c")
            problem.setWordWrap(True)
            problem.hide()
            form.addRow("", problem)
            self.problems[field_name] = problem
        self.general_problem = QLabel(self)
        self.general_problem.setObjectName("iterationProblem")
        self.general_problem.setStyleSheet("color: #b91c1c")
        self.general_problem.setWordWrap(True)
        self.general_problem.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        if creating:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Create")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()

    def values(self) -> dict[str, Any]:
        capacity = self.capacity.value()
        return {
            "name": self.name.text(),
            "goal": self.goal.toPlainText(),
            "start": self.start.value(),
            "end": self.end.value(),
            "capacity": capacity if capacity > 0 else None,
        }

    def save(self) -> None:
        """Create or update the iteration; on a refusal, say why beside the field."""
        for label in (*self.problems.values(), self.general_problem):
            label.hide()
        failures: list[Failure] = []
        values = self.values()
        if self.iteration is None:
            name = values.pop("name")
            change = self.session.perform(
                ops.create_iteration, name, report_to=failures.append, **values
            )
            if change is not None:
                self.iteration_id = next(
                    diff.key[0] for diff in change.diffs("iterations") if diff.before is None
                )
        else:
            change = self.session.perform(
                ops.edit_iteration, self.iteration.id, report_to=failures.append, **values
            )
        if failures:
            self._show(failures[0])
            return
        self.accept()

    def _show(self, failure: Failure) -> None:
        shown = False
        for field_name, text in failure.problems.items():
            label = self.problems.get(field_name)
            if label is not None:
                label.setText(text)
                label.show()
                shown = True
        if not shown:
            self.general_problem.setText(failure.message)
            self.general_problem.show()
