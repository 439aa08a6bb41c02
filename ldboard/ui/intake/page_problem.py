"""Page 1: the business problem — who asked, why, and what must move.

The goal is asked for in Action Mapping's form, one part per field, and the
sentence it makes is shown as it is typed: reading it back to the requester is
how a vague wish ("they need a course") becomes a measurable goal.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.enums import Driver
from ldboard.domain.intake import Goal
from ldboard.domain.model import Person
from ldboard.domain.rules import date_problem
from ldboard.ui.intake.fields import DateBox, IntakePage, NumberLine, PersonPicker, hint


class ProblemPage(IntakePage):
    FIELDS = ("title", "requested_on", "driver", "problem", "goal_by", "metric", "baseline")

    def __init__(self, people: list[Person], today: date) -> None:
        super().__init__(
            "1 · The business problem",
            "Who is asking, what they are trying to achieve, and how you will both know it worked.",
            "intakeProblemPage",
        )
        self.title = QLineEdit()
        self.title.setObjectName("intakeTitle")
        self.title.setPlaceholderText("A short name for the request, e.g. “Negotiation skills”")
        self.requester = PersonPicker(people, "Who asked? Type a new name to add them")
        self.requester.setObjectName("intakeRequester")
        self.requested_on = DateBox(QDate(today.year, today.month, today.day))
        self.requested_on.setObjectName("intakeRequestedOn")
        self.requested_on.setCalendarPopup(True)
        self.requested_on.setDisplayFormat("yyyy-MM-dd")
        self.driver = QComboBox()
        self.driver.setObjectName("intakeDriver")
        self.driver.addItem("Not said yet", "")
        for driver in Driver:
            self.driver.addItem(driver.label, driver.value)
        self.problem = QPlainTextEdit()
        self.problem.setObjectName("intakeProblem")
        self.problem.setTabChangesFocus(True)
        self.problem.setPlaceholderText("What is going wrong, in the requester's words")
        self.problem.setFixedHeight(64)

        self.metric = QLineEdit()
        self.metric.setObjectName("intakeMetric")
        self.metric.setPlaceholderText("e.g. Win rate on deals over 50k (%)")
        self.baseline = NumberLine("now")
        self.baseline.setObjectName("intakeBaseline")
        self.target = NumberLine("target")
        self.target.setObjectName("intakeTarget")
        self.by = QLineEdit()
        self.by.setObjectName("intakeGoalBy")
        self.by.setPlaceholderText("YYYY-MM-DD")
        self.by.setMaximumWidth(130)
        self.audience = QLineEdit()
        self.audience.setObjectName("intakeAudience")
        self.audience.setPlaceholderText("who, e.g. account managers")
        self.action = QLineEdit()
        self.action.setObjectName("intakeAction")
        self.action.setPlaceholderText("what they will do, e.g. ask for the budget before quoting")
        self.preview = QLabel()
        self.preview.setObjectName("intakeGoalPreview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("font-style: italic; padding: 4px 0;")
        self.goal_problem = QLabel()
        self.goal_problem.setObjectName("intakeGoalProblem")
        self.goal_problem.setProperty("role", "error")
        self.goal_problem.setWordWrap(True)
        self.goal_problem.hide()

        form = QFormLayout()
        form.addRow(self._label("&Title:", self.title), self.title)
        who = QHBoxLayout()
        who.addWidget(self.requester, 1)
        who.addWidget(self._label("on", self.requested_on))
        who.addWidget(self.requested_on)
        form.addRow(self._label("Re&quested by:", self.requester), who)
        self.driver.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form.addRow(self._label("&Driver:", self.driver), self.driver)
        form.addRow(self._label("The &problem:", self.problem), self.problem)

        goal_box = QGroupBox("The measurable goal")
        goal_form = QFormLayout(goal_box)
        goal_form.addRow(self._label("&Metric:", self.metric), self.metric)
        moves = QHBoxLayout()
        moves.addWidget(self.baseline)
        moves.addWidget(self._label("to", self.target))
        moves.addWidget(self.target)
        moves.addWidget(self._label("b&y", self.by))
        moves.addWidget(self.by)
        moves.addStretch(1)
        goal_form.addRow(self._label("will move from:", self.baseline), moves)
        goal_form.addRow(self._label("as (&audience):", self.audience), self.audience)
        goal_form.addRow(self._label("d&o what:", self.action), self.action)
        goal_form.addRow(self.goal_problem)
        goal_form.addRow(self.preview)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(goal_box)
        layout.addWidget(hint("Read the sentence back to the requester: would they sign up to it?"))
        layout.addStretch(1)
        layout.addWidget(self.problems)

        for line in (self.metric, self.baseline, self.target, self.by, self.audience, self.action):
            line.textChanged.connect(self._update_preview)
        self._update_preview()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def goal(self) -> Goal:
        return Goal(
            metric=self.metric.text().strip(),
            baseline=self.baseline.value(),
            target=self.target.value(),
            by=self.by.text().strip(),
            audience=self.audience.text().strip(),
            action=self.action.text().strip(),
        )

    def requested_date(self) -> str:
        return self.requested_on.date().toString("yyyy-MM-dd")

    def driver_value(self) -> str | None:
        return str(self.driver.currentData()) or None

    def _goal_problems(self) -> list[str]:
        problems = [
            f"{name}: {line.problem()}"
            for name, line in (("From", self.baseline), ("To", self.target))
            if line.problem()
        ]
        by = self.by.text().strip()
        if by and (problem := date_problem("goal date", by)):
            problems.append(problem)
        return problems

    def _update_preview(self) -> None:
        self.preview.setText(self.goal().sentence)
        problems = self._goal_problems()
        self.goal_problem.setText("\n".join(problems))
        self.goal_problem.setVisible(bool(problems))

    def validatePage(self) -> bool:
        """Figures and dates that cannot be read stop here, next to their fields."""
        problems = self._goal_problems()
        if not self.title.text().strip():
            problems.insert(0, "Give the request a short title.")
        self.show_problems(problems)
        return not problems

    def first_field(self) -> QWidget:
        return self.title

    def is_filled(self) -> bool:
        lines = (self.title, self.metric, self.baseline, self.target, self.by, self.audience)
        return (
            any(line.text().strip() for line in (*lines, self.action))
            or bool(self.requester.currentText().strip())
            or bool(self.problem.toPlainText().strip())
            or self.driver.currentIndex() > 0
        )
