"""Page 2: what people must *do* — observable behaviours, one line each.

A behaviour someone could watch ("asks two open questions before quoting")
can be practised and measured; a state of mind ("understands pricing") cannot.
The page says so gently under the line, and never stops the conversation.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.intake import vague_warning
from ldboard.ui.intake.fields import IntakePage, hint


class BehaviourRow(QWidget):
    """One behaviour: its line, the vague-verb note under it, a button to remove it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(text)
        self.line.setObjectName("intakeBehaviour")
        self.line.setAccessibleName("Behaviour")
        self.line.setPlaceholderText("e.g. Ask for the budget before quoting a price")
        self.remove = QToolButton()
        self.remove.setObjectName("intakeRemoveBehaviour")
        self.remove.setText("✕")
        self.remove.setToolTip("Remove this behaviour")
        self.remove.setAccessibleName("Remove this behaviour")
        self.warning = QLabel()
        self.warning.setObjectName("intakeVagueWarning")
        self.warning.setProperty("role", "warning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.line, 1)
        top.addWidget(self.remove)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.warning)
        self.line.textChanged.connect(self._check)
        self._check(text)

    def _check(self, text: str) -> None:
        warning = vague_warning(text)
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))


class BehavioursPage(IntakePage):
    FIELDS = ("behaviours",)

    def __init__(self) -> None:
        super().__init__(
            "2 · What people must do",
            "The observable behaviours that would move the metric, one per line. "
            "Press Enter for another line.",
            "intakeBehavioursPage",
        )
        self.rows: list[BehaviourRow] = []
        self.list = QVBoxLayout()
        self.list.setSpacing(6)
        self.add_button = QPushButton("&Add a behaviour")
        self.add_button.setObjectName("intakeAddBehaviour")
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Ask: “If we walked past, what would we see them do differently?” "
                "Aim for what people do on the job, not what they know."
            )
        )
        layout.addLayout(self.list)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(self.problems)
        self.add_row()

    def add_row(self, text: str = "", *, focus: bool = False) -> BehaviourRow:
        row = BehaviourRow(text, self)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        row.line.installEventFilter(self)
        previous = self.rows[-1].remove if self.rows else None
        self.rows.append(row)
        self.list.addWidget(row)
        if previous is not None:  # keep the tab order top to bottom, then the Add button
            QWidget.setTabOrder(previous, row.line)
        QWidget.setTabOrder(row.line, row.remove)
        QWidget.setTabOrder(row.remove, self.add_button)
        if focus:
            row.line.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def remove_row(self, row: BehaviourRow) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        row.hide()
        row.deleteLater()
        if not self.rows:
            self.add_row(focus=True)
        else:
            self.rows[min(index, len(self.rows) - 1)].line.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a filled behaviour opens the next line (not the next page)."""
        if isinstance(event, QKeyEvent) and isinstance(watched, QLineEdit):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if event.type() == QEvent.Type.KeyPress and enter and watched.text().strip():
                rows = [r for r in self.rows if r.line is watched]
                if rows:
                    after = self.rows.index(rows[0]) + 1
                    if after < len(self.rows):
                        self.rows[after].line.setFocus()
                    else:
                        self.add_row(focus=True)
                    return True
        return super().eventFilter(watched, event)

    def behaviours(self) -> list[str]:
        """The behaviours typed so far, in order, without empty lines."""
        return [text for row in self.rows if (text := " ".join(row.line.text().split()))]

    def first_field(self) -> QWidget:
        return self.rows[0].line

    def is_filled(self) -> bool:
        return bool(self.behaviours())
