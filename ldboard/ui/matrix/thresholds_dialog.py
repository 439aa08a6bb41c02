"""Where the matrix splits high from low impact and effort, for this board."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.matrix import SCORES
from ldboard.domain.rules import EFFORT_NAMES, IMPACT_NAMES, Quadrant, Thresholds
from ldboard.ui.common.settings_buttons import settings_buttons

#: A threshold of 1 would make every score "high"; the lowest useful one is 2.
LOWEST, HIGHEST = SCORES[1], SCORES[-1]


class ThresholdsDialog(QDialog):
    """Two spin boxes (with the name of each score beside them), what they mean,
    and what the four quadrants hold with the values shown."""

    def __init__(self, current: Thresholds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thresholdsDialog")
        self.setWindowTitle("Matrix thresholds")
        explanation = QLabel(
            "An initiative counts as <b>high impact</b> from the impact score below up, and "
            "as <b>high effort</b> from the effort score below up. Together they divide the "
            "matrix into Quick wins, Big bets, Fill-ins and Money pits. The setting belongs "
            "to this board, and Undo takes it back."
        )
        explanation.setObjectName("thresholdsExplanation")
        explanation.setWordWrap(True)

        self.impact = self._spin("impactThreshold", "High-impact threshold", current.impact)
        self.effort = self._spin("effortThreshold", "High-effort threshold", current.effort)
        self.impact_name = QLabel(self)
        self.effort_name = QLabel(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("thresholdsSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, spin, name in (
            ("High &impact from:", self.impact, self.impact_name),
            ("High &effort from:", self.effort, self.effort_name),
        ):
            label = QLabel(text)
            label.setBuddy(spin)
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(name)
            row.addStretch(1)
            form.addRow(label, row)

        self.buttons = settings_buttons(
            self, self._restore_defaults, "Impact and effort of 3 or more count as high"
        )

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        QWidget.setTabOrder(self.impact, self.effort)
        QWidget.setTabOrder(self.effort, ok)
        QWidget.setTabOrder(ok, cancel)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        QWidget.setTabOrder(cancel, restore)
        self.impact.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update()

    def _spin(self, name: str, accessible: str, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(LOWEST, HIGHEST)
        spin.setValue(value)
        spin.setMinimumWidth(64)
        spin.valueChanged.connect(self._update)
        return spin

    def thresholds(self) -> Thresholds:
        return Thresholds(self.impact.value(), self.effort.value())

    def _restore_defaults(self) -> None:
        defaults = Thresholds()
        self.impact.setValue(defaults.impact)
        self.effort.setValue(defaults.effort)

    def _update(self) -> None:
        chosen = self.thresholds()
        self.impact_name.setText(f"{IMPACT_NAMES[chosen.impact]} and above")
        self.effort_name.setText(f"{EFFORT_NAMES[chosen.effort]} and above")
        high_i, high_e = f"{chosen.impact}–{HIGHEST}", f"{chosen.effort}–{HIGHEST}"
        low_i, low_e = _below(chosen.impact), _below(chosen.effort)
        rows = (
            (Quadrant.QUICK_WINS, high_i, low_e),
            (Quadrant.BIG_BETS, high_i, high_e),
            (Quadrant.FILL_INS, low_i, low_e),
            (Quadrant.MONEY_PITS, low_i, high_e),
        )
        cells = "".join(
            f"<tr><td><b>{area.label}</b></td><td style='padding-left:12px'>impact {i}</td>"
            f"<td style='padding-left:12px'>effort {e}</td></tr>"
            for area, i, e in rows
        )
        self.summary.setText(f"With these thresholds:<table>{cells}</table>")


def _below(threshold: int) -> str:
    low = SCORES[0]
    return f"{low}" if threshold - 1 == low else f"{low}–{threshold - 1}"
