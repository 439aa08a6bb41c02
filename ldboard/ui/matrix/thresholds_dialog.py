"""Where the matrix splits high from low impact and effort, for this board."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from ldboard.domain.rules import Thresholds


class ThresholdsDialog(QDialog):
    def __init__(self, current: Thresholds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thresholdsDialog")
        self.setWindowTitle("Matrix thresholds")
        explanation = QLabel(
            "An initiative counts as <b>high impact</b> from this impact score up, and as "
            "<b>high effort</b> from this effort score up. Together they divide the matrix "
            "into Quick wins, Big bets, Fill-ins and Money pits. The setting belongs to "
            "this board."
        )
        explanation.setWordWrap(True)
        self.impact = QSpinBox(self)
        self.impact.setObjectName("impactThreshold")
        self.impact.setRange(2, 5)
        self.impact.setValue(current.impact)
        self.effort = QSpinBox(self)
        self.effort.setObjectName("effortThreshold")
        self.effort.setRange(2, 5)
        self.effort.setValue(current.effort)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(explanation)
        form.addRow("High &impact from:", self.impact)
        form.addRow("High &effort from:", self.effort)
        form.addRow(buttons)

    def thresholds(self) -> Thresholds:
        return Thresholds(self.impact.value(), self.effort.value())
