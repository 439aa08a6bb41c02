"""Page 6: how the conversation ends.

An initiative goes to the board's intake stage with everything gathered; a
non-training recommendation is kept as a request resolved without building
anything (a result leadership should see); a waitlisted request waits; a
declined one gets a reason to send back to the requester. The choice starts
at what the barriers suggest, and the lead can always overrule it.

An initiative also gets its format here, so it reaches the board with every
field filled. The format starts at what the barriers point to (practice → a
workshop, a job aid → a job aid) and is left open otherwise: a guess the lead
would have to undo is worse than an empty field.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.enums import Format
from ldboard.domain.intake import IntakeOutcome, Solution, Suggestion
from ldboard.ui.intake.fields import IntakePage, hint

OUTCOME_TEXT = {
    IntakeOutcome.INITIATIVE: "Create the &initiative in Intake",
    IntakeOutcome.NO_TRAINING: "Recommend a solution &without training",
    IntakeOutcome.WAITLISTED: "Wait&list it",
    IntakeOutcome.DECLINED: "&Decline it",
}

#: What the text box is for, for each outcome (and whether it must be filled).
REASON_TEXT = {
    IntakeOutcome.INITIATIVE: ("Note for the requester (optional):", "e.g. first pilot in May"),
    IntakeOutcome.NO_TRAINING: (
        "&Recommendation (required):",
        "What to do instead, e.g. a one-page pricing checklist in the CRM",
    ),
    IntakeOutcome.WAITLISTED: ("Why it waits (optional):", "e.g. after the Q3 launch"),
    IntakeOutcome.DECLINED: (
        "&Reason (required), to send back to the requester:",
        "Why it will not go ahead, in words you can send them",
    ),
}

#: The format a suggested solution calls for, when it is a training format at all.
FORMAT_FOR: dict[Solution, Format] = {
    Solution.PRACTICE: Format.WORKSHOP,
    Solution.JOB_AID: Format.JOB_AID,
}


def suggested_format(suggestion: Suggestion) -> Format | None:
    """The format of the highest-ranked solution that has one (``None``: no guess).

    Ranked rather than only the first: when most behaviours need a process fix
    and one needs practice, the initiative is the practice part.
    """
    for solution, _count in suggestion.solutions:
        if solution in FORMAT_FOR:
            return FORMAT_FOR[solution]
    return None


class OutcomePage(IntakePage):
    FIELDS = ("outcome", "recommendation", "format")

    def __init__(self) -> None:
        super().__init__(
            "6 · Outcome",
            "Decide with the requester what happens next.",
            "intakeOutcomePage",
        )
        self.summary = QLabel()
        self.summary.setObjectName("intakeOutcomeSummary")
        self.summary.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.buttons: dict[IntakeOutcome, QRadioButton] = {}
        choices = QVBoxLayout()
        for outcome, text in OUTCOME_TEXT.items():
            button = QRadioButton(text)
            button.setObjectName(f"intakeOutcome_{outcome.value}")
            self.group.addButton(button)
            self.buttons[outcome] = button
            choices.addWidget(button)
            button.toggled.connect(self._outcome_changed)
        self._chosen_by_hand = False
        self.group.buttonClicked.connect(self._clicked)
        self.format_label = QLabel("F&ormat of the initiative:")
        self.format_box = QComboBox()
        self.format_box.setObjectName("intakeFormat")
        self.format_box.setAccessibleName("Format of the initiative")
        self.format_box.addItem("Not decided yet", "")
        for found in Format:
            self.format_box.addItem(found.label, found.value)
        self.format_box.activated.connect(self._format_chosen)
        self.format_label.setBuddy(self.format_box)
        self.format_hint = hint("", "intakeFormatHint")
        self._format_by_hand = False
        self.reason_label = QLabel()
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("intakeRecommendation")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        self.reason_label.setBuddy(self.reason)
        format_row = QFormLayout()
        format_row.setContentsMargins(24, 0, 0, 0)  # under the initiative it belongs to
        format_row.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        format_row.addRow(self.format_label, self.format_box)
        format_row.addRow(self.format_hint)
        choices.insertLayout(1, format_row)
        form = QFormLayout()
        form.addRow(self.reason_label)
        form.addRow(self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(choices)
        layout.addLayout(form)
        layout.addWidget(self.problems)  # right under the reason it is usually about
        layout.addStretch(1)
        self.buttons[IntakeOutcome.INITIATIVE].setChecked(True)

    def _clicked(self, *_args: object) -> None:
        self._chosen_by_hand = True

    def _format_chosen(self, *_args: object) -> None:
        self._format_by_hand = True
        self.format_hint.setText("")

    def _outcome_changed(self, *_args: object) -> None:
        label, placeholder = REASON_TEXT[self.outcome()]
        self.reason_label.setText(label)
        self.reason.setPlaceholderText(placeholder)
        creating = self.outcome() == IntakeOutcome.INITIATIVE
        for widget in (self.format_label, self.format_box, self.format_hint):
            widget.setEnabled(creating)

    def show_suggestion(self, title: str, goal: str, suggestion: Suggestion) -> None:
        """Say where the conversation got to, and start at the outcome it suggests
        (unless the lead already chose one)."""
        goal_line = f"<br>{escape(goal)}" if goal else ""
        self.summary.setText(
            f"<b>{escape(title) or 'This request'}</b>{goal_line}"
            f"<br><br>{escape(suggestion.headline)}"
        )
        if not self._chosen_by_hand and suggestion.solutions:
            suggested = (
                IntakeOutcome.INITIATIVE if suggestion.needs_training else IntakeOutcome.NO_TRAINING
            )
            self.buttons[suggested].setChecked(True)
        if not self._format_by_hand:
            found = suggested_format(suggestion)
            self.format_box.setCurrentIndex(
                max(0, self.format_box.findData(found.value if found else ""))
            )
            self.format_hint.setText(
                f"Suggested by the barriers: {found.label.lower()}." if found else ""
            )

    def format(self) -> str | None:
        """The chosen format, for an initiative only (``None``: not decided)."""
        if self.outcome() != IntakeOutcome.INITIATIVE:
            return None
        return self.format_box.currentData() or None

    def outcome(self) -> IntakeOutcome:
        for outcome, button in self.buttons.items():
            if button.isChecked():
                return outcome
        return IntakeOutcome.INITIATIVE

    def recommendation(self) -> str:
        return self.reason.toPlainText().strip()

    def first_field(self) -> QWidget:
        return self.buttons[self.outcome()]

    def is_filled(self) -> bool:
        return bool(self.recommendation())
