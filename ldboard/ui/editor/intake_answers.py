"""Editing the intake answers kept with a request ("Edit Answers…" on the Intake tab).

The conversation often goes on after the request was taken: a sponsor agrees
to coach, a number is corrected, a barrier turns out to be motivation. This
form holds every answer; OK saves them all with ``ops.intake.edit_intake``
through the session, as one undo step. When the board refuses the answers,
the form stays open with what is wrong, so nothing typed is lost.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.intake import Barrier, IntakeOutcome, PartnerRole
from ldboard.domain.practice import BehaviourAnswer, IntakeRecord, PartnerAnswer
from ldboard.domain.rules import parse_number
from ldboard.ops.intake import edit_intake
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.editor.intake_text import OUTCOME_TEXT, ROLE_TEXT
from ldboard.ui.editor.widgets import NONE_TEXT, ShortText, format_number, select_data

NUMBERS = (
    ("people_affected", "People affected:"),
    ("loss_per_person_month", "Hours lost (or errors) a month, each:"),
    ("unit_cost", "Cost of one hour (or error):"),
    ("expected_benefit", "Expected benefit:"),
    ("expected_cost", "Expected cost:"),
)
#: Commitments are typed in one cell, separated like this.
COMMITMENT_SEPARATOR = ";"


def _qdate(text: str | None, fallback: date) -> QDate:
    try:
        day = date.fromisoformat(text) if text else fallback
    except ValueError:
        day = fallback
    return QDate(day.year, day.month, day.day)


def _table(headers: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(120)
    return table


class IntakeAnswersDialog(QDialog):
    """Every answer of one request's intake, editable; OK saves them as one change."""

    def __init__(
        self, session: BoardSession, item_id: int, record: IntakeRecord, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intakeAnswersDialog")
        self.setWindowTitle("Edit the intake answers")
        self.resize(760, 680)
        self._session = session
        self._item_id = item_id
        self._people = session.board.people()
        self.change = None
        today = session.board.today()

        self.requested_on = QDateEdit(_qdate(record.requested_on, today))
        self.requested_on.setObjectName("answerRequestedOn")
        self.requested_on.setCalendarPopup(True)
        self.requested_on.setDisplayFormat("d MMM yyyy")
        self.problem = ShortText(3)
        self.problem.setObjectName("answerProblem")
        self.problem.setPlainText(record.problem)
        self.goal_by_set = QCheckBox("By:")
        self.goal_by_set.setChecked(bool(record.goal_by))
        self.goal_by = QDateEdit(_qdate(record.goal_by, today))
        self.goal_by.setObjectName("answerGoalBy")
        self.goal_by.setCalendarPopup(True)
        self.goal_by.setDisplayFormat("d MMM yyyy")
        self.goal_by.setEnabled(bool(record.goal_by))
        self.goal_by_set.toggled.connect(self.goal_by.setEnabled)
        self.goal_action = QLineEdit(record.goal_action)
        self.goal_action.setObjectName("answerGoalAction")
        self.goal_action.setPlaceholderText("what the audience will do")

        self.behaviours = _table(("Behaviour", "Why it is not happening"), "answerBehaviours")
        for answer in record.behaviours:
            self.add_behaviour(answer.text, answer.barrier)
        self.partners = _table(
            ("Person", "Part", "Commitments (separated by ;)", "What's in it for them"),
            "answerPartners",
        )
        for partner in record.partners:
            self.add_partner(partner)

        self.numbers: dict[str, QLineEdit] = {}
        money = QFormLayout()
        for name, label in NUMBERS:
            edit = QLineEdit(format_number(getattr(record, name)))
            edit.setObjectName(f"answer_{name}")
            edit.setMaximumWidth(140)
            self.numbers[name] = edit
            money.addRow(label, edit)

        self.outcome = QComboBox()
        self.outcome.setObjectName("answerOutcome")
        for outcome in IntakeOutcome:
            self.outcome.addItem(OUTCOME_TEXT.get(outcome.value, outcome.label), outcome.value)
        select_data(self.outcome, record.outcome)
        self.recommendation = ShortText(2, "The solution without training, or the reason")
        self.recommendation.setObjectName("answerRecommendation")
        self.recommendation.setPlainText(record.recommendation)

        self.problems = QLabel()
        self.problems.setObjectName("answerProblems")
        self.problems.setProperty("role", "error")
        self.problems.setStyleSheet("color: #dc2626;")
        self.problems.setWordWrap(True)
        self.problems.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("answerButtons")
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("answerSave")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Requested on:", self.requested_on)
        form.addRow("Business problem:", self.problem)
        goal = QHBoxLayout()
        goal.addWidget(self.goal_action, 1)
        goal.addWidget(self.goal_by_set)
        goal.addWidget(self.goal_by)
        form.addRow("The audience will:", goal)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("What people must do:"))
        layout.addLayout(self._with_buttons(self.behaviours, "Behaviour", self._new_behaviour))
        layout.addWidget(QLabel("Partners:"))
        layout.addLayout(self._with_buttons(self.partners, "Partner", self._new_partner))
        lower = QGridLayout()
        lower.addLayout(money, 0, 0)
        ending = QFormLayout()
        ending.addRow("Outcome:", self.outcome)
        ending.addRow("Recommendation or reason:", self.recommendation)
        lower.addLayout(ending, 0, 1)
        layout.addLayout(lower)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    # --- rows ---------------------------------------------------------------------------

    def _with_buttons(self, table: QTableWidget, noun: str, add: object) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(table, 1)
        side = QVBoxLayout()
        adding = QPushButton(f"Add {noun}")
        adding.setObjectName(f"add{noun}")
        adding.setAutoDefault(False)
        adding.clicked.connect(add)
        removing = QPushButton("Remove")
        removing.setObjectName(f"remove{noun}")
        removing.setAutoDefault(False)
        removing.clicked.connect(lambda: table.removeRow(table.currentRow()))
        side.addWidget(adding)
        side.addWidget(removing)
        side.addStretch(1)
        row.addLayout(side)
        return row

    def _new_behaviour(self) -> None:
        self.add_behaviour("", None)
        self.behaviours.editItem(self.behaviours.item(self.behaviours.rowCount() - 1, 0))

    def _new_partner(self) -> None:
        self.add_partner(PartnerAnswer("", PartnerRole.SPONSOR.value))

    def add_behaviour(self, text: str, barrier: str | None) -> None:
        row = self.behaviours.rowCount()
        self.behaviours.insertRow(row)
        self.behaviours.setItem(row, 0, QTableWidgetItem(text))
        combo = QComboBox()
        combo.addItem(NONE_TEXT, None)
        for choice in Barrier:
            combo.addItem(choice.label, choice.value)
        select_data(combo, barrier)
        self.behaviours.setCellWidget(row, 1, combo)

    def add_partner(self, partner: PartnerAnswer) -> None:
        row = self.partners.rowCount()
        self.partners.insertRow(row)
        person = QComboBox()
        person.setEditable(True)
        person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for known in self._people:
            person.addItem(known.name, known.id)
        if isinstance(partner.person, int):
            select_data(person, partner.person)
        else:
            person.setCurrentIndex(-1)
            person.setEditText(partner.person)
        self.partners.setCellWidget(row, 0, person)
        role = QComboBox()
        for part in PartnerRole:
            role.addItem(ROLE_TEXT.get(part.value, part.label), part.value)
        select_data(role, partner.role)
        self.partners.setCellWidget(row, 1, role)
        commitments = f"{COMMITMENT_SEPARATOR} ".join(partner.commitments)
        self.partners.setItem(row, 2, QTableWidgetItem(commitments))
        self.partners.setItem(row, 3, QTableWidgetItem(partner.wiifm))

    # --- reading back -------------------------------------------------------------------

    def record(self) -> tuple[IntakeRecord | None, str]:
        """The answers as typed, or what is wrong with them."""
        values: dict[str, float | None] = {}
        for name, label in NUMBERS:
            try:
                values[name] = parse_number(self.numbers[name].text())
            except ValueError as error:
                return None, f"{label.rstrip(':')}: {error}"
        behaviours = []
        for row in range(self.behaviours.rowCount()):
            text = " ".join(self.behaviours.item(row, 0).text().split())
            barrier = self.behaviours.cellWidget(row, 1).currentData()
            if text:
                behaviours.append(BehaviourAnswer(text, barrier))
        partners = []
        for row in range(self.partners.rowCount()):
            person = self._person(self.partners.cellWidget(row, 0))
            if person is None:
                continue
            commitments = tuple(
                part.strip()
                for part in self.partners.item(row, 2).text().split(COMMITMENT_SEPARATOR)
                if part.strip()
            )
            role = self.partners.cellWidget(row, 1).currentData()
            partners.append(
                PartnerAnswer(person, role, commitments, self.partners.item(row, 3).text())
            )
        record = IntakeRecord(
            requested_on=self.requested_on.date().toString(Qt.DateFormat.ISODate),
            outcome=self.outcome.currentData(),
            problem=self.problem.toPlainText(),
            goal_by=(
                self.goal_by.date().toString(Qt.DateFormat.ISODate)
                if self.goal_by_set.isChecked()
                else None
            ),
            goal_action=self.goal_action.text(),
            behaviours=tuple(behaviours),
            partners=tuple(partners),
            recommendation=self.recommendation.toPlainText(),
            **values,
        )
        return record, ""

    def _person(self, combo: QComboBox) -> int | str | None:
        """An existing person's id, a new person's name, or ``None`` for an empty row."""
        text = " ".join(combo.currentText().split())
        if not text:
            return None
        for known in self._people:
            if known.name.casefold() == text.casefold():
                return known.id
        return text

    def accept(self) -> None:
        record, problem = self.record()
        if record is None:
            self._show_problem(problem)
            return
        failures: list[Failure] = []
        self.change = self._session.perform(
            edit_intake, self._item_id, record, report_to=failures.append
        )
        if failures:
            self._show_problem(failures[0].message)
            return
        super().accept()

    def _show_problem(self, message: str) -> None:
        self.problems.setText(message)
        self.problems.show()
