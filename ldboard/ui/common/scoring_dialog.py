"""Which score a board prioritises by: impact ÷ effort, or the weighted score.

The choice belongs to the board (``ops.scoring``) and is one undoable change.
The weights can be set whichever score is chosen, but only count for the
weighted one, so their spin boxes are greyed out while impact ÷ effort is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.weighted_score import (
    CRITERIA_LABELS,
    DEFAULT_WEIGHTS,
    WEIGHT_RANGE,
    WORTH_CRITERIA,
    Weights,
)
from ldboard.ops.scoring import IMPACT_EFFORT, WEIGHTED
from ldboard.ui.common.settings_buttons import settings_buttons

#: Keyboard mnemonics of the weight labels (the radio buttons use S and W).
_MNEMONICS = {
    "impact": "&Impact",
    "audience_size": "&Audience size",
    "risk": "&Risk or compliance exposure",
    "inaction_score": "&Cost of inaction",
}


class ScoringDialog(QDialog):
    """Two choices of score and, for the weighted one, a 0–5 weight per criterion."""

    def __init__(self, mode: str, weights: Weights, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoringDialog")
        self.setWindowTitle("Priority score")
        explanation = QLabel(
            "“Prioritise by score” orders a column by this score, and cards and the "
            "backlog show it. The weighted score weighs what an initiative is worth "
            "(each criterion scored 1–5 on the card's Prioritisation tab) and divides it "
            "by effort, so it reads on the same scale as impact ÷ effort. The setting "
            "belongs to this board, and Undo takes it back."
        )
        explanation.setObjectName("scoringExplanation")
        explanation.setWordWrap(True)
        self.simple = QRadioButton("&Simple score: impact ÷ effort (the default)", self)
        self.simple.setObjectName("scoreImpactEffort")
        self.weighted = QRadioButton("&Weighted score", self)
        self.weighted.setObjectName("scoreWeighted")
        group = QButtonGroup(self)
        group.addButton(self.simple)
        group.addButton(self.weighted)
        (self.weighted if mode == WEIGHTED else self.simple).setChecked(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.spins: dict[str, QSpinBox] = {}
        for name in WORTH_CRITERIA:
            spin = QSpinBox(self)
            spin.setObjectName(f"weight_{name}")
            spin.setAccessibleName(f"Weight of {CRITERIA_LABELS[name].lower()}")
            spin.setRange(WEIGHT_RANGE.start, WEIGHT_RANGE.stop - 1)
            spin.setValue(weights.values.get(name, 0))
            spin.setMinimumWidth(64)
            label = QLabel(f"{_MNEMONICS[name]}:", self)
            label.setBuddy(spin)
            form.addRow(label, spin)
            self.spins[name] = spin
        note = QLabel("0 leaves a criterion out; effort always divides.", self)
        note.setObjectName("weightsNote")

        self.buttons = settings_buttons(
            self, self._restore_defaults, "Impact ÷ effort, and the default weights 3, 2, 2, 2"
        )

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(6)
        layout.addWidget(self.simple)
        layout.addWidget(self.weighted)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.weighted.toggled.connect(self._update)
        self._update()
        (self.weighted if mode == WEIGHTED else self.simple).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def mode(self) -> str:
        return WEIGHTED if self.weighted.isChecked() else IMPACT_EFFORT

    def weights(self) -> Weights:
        return Weights({name: spin.value() for name, spin in self.spins.items()})

    def _restore_defaults(self) -> None:
        self.simple.setChecked(True)
        for name, spin in self.spins.items():
            spin.setValue(DEFAULT_WEIGHTS[name])

    def _update(self) -> None:
        for spin in self.spins.values():
            spin.setEnabled(self.weighted.isChecked())
