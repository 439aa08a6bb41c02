"""Asking for a column's work-in-progress limit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.rules import WipState, wip_state

#: Highest limit offered; a column with more work in progress has no real limit.
MAX_WIP_LIMIT = 999
NO_LIMIT_TEXT = "No limit"


class WipLimitDialog(QDialog):
    """A spin box from "No limit" (0) up, with what the limit means and what it
    would say about the column right now."""

    def __init__(
        self, column_name: str, count: int, current: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wipLimitDialog")
        self.setWindowTitle(f"WIP limit — {column_name}")
        self._count = count

        explanation = QLabel(
            f"How many initiatives may be in “{column_name}” at once. When the column "
            "reaches its limit its count turns amber, and red once it is over. The limit "
            "is a warning: ldboard never blocks a move."
        )
        explanation.setObjectName("wipExplanation")
        explanation.setWordWrap(True)

        self.limit = QSpinBox(self)
        self.limit.setObjectName("wipLimit")
        self.limit.setRange(0, MAX_WIP_LIMIT)
        self.limit.setSpecialValueText(NO_LIMIT_TEXT)
        self.limit.setValue(current or 0)
        self.limit.setAccessibleName("WIP limit")
        self.limit.setToolTip("0 or “No limit” removes the limit")
        self.limit.setMinimumWidth(120)
        self.limit.valueChanged.connect(self._update_outlook)
        self.outlook = QLabel(self)
        self.outlook.setObjectName("wipOutlook")
        self.outlook.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        label = QLabel("&Limit:")
        label.setBuddy(self.limit)
        form.addRow(label, self.limit)
        form.addRow("", self.outlook)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(400)

        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        QWidget.setTabOrder(self.limit, ok)
        QWidget.setTabOrder(ok, cancel)
        self.limit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.limit.selectAll()
        self._update_outlook()

    def value(self) -> int | None:
        """The chosen limit; ``None`` for no limit."""
        return self.limit.value() or None

    def _update_outlook(self) -> None:
        limit = self.value()
        items = f"{self._count} initiative{'s' if self._count != 1 else ''}"
        if limit is None:
            self.outlook.setText(f"Now {items}; without a limit the count never warns.")
            return
        state = wip_state(self._count, limit)
        if state == WipState.OVER:
            verdict = f"that is {self._count - limit} over this limit."
        elif state == WipState.AT_LIMIT:
            verdict = "that is exactly at this limit."
        else:
            verdict = f"room for {limit - self._count} more."
        self.outlook.setText(f"Now {items}: {verdict}")
