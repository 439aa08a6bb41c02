"""Page 3: why aren't they doing it? One barrier per behaviour, and what that suggests.

Only a skills gap calls for practice; the environment is fixed where it is,
knowledge is served by a job aid, motivation by the manager. The suggestion is
worked out by ``domain.intake.suggest`` as the answers are given, so the lead
can say "this one is not a training problem" while still on the phone.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.intake import SOLUTION_TEXT, Barrier, Suggestion, suggest
from ldboard.ui.intake.fields import IntakePage, hint

#: Each barrier with the one line that tells them apart.
BARRIER_TEXT = {
    Barrier.ENVIRONMENT: "Environment — tools, process or incentives get in the way",
    Barrier.KNOWLEDGE: "Knowledge — they lack information they could look up",
    Barrier.SKILLS: "Skills — they know what to do but cannot do it well yet",
    Barrier.MOTIVATION: "Motivation — they could, but see no reason to",
}


def suggestion_html(suggestion: Suggestion) -> str:
    """The headline, then each kind of solution with how many behaviours need it."""
    lines = [f"<b>{escape(suggestion.headline)}</b>"]
    for solution, count in suggestion.solutions:
        many = "behaviour" if count == 1 else "behaviours"
        lines.append(f"• {escape(SOLUTION_TEXT[solution])} <i>({count} {many})</i>")
    return "<br>".join(lines)


class BarriersPage(IntakePage):
    FIELDS = ("barriers",)

    def __init__(self, behaviours: Callable[[], list[str]]) -> None:
        super().__init__(
            "3 · Why aren't they doing it?",
            "For each behaviour, what is in the way. The answer decides whether "
            "training is part of the solution at all.",
            "intakeBarriersPage",
        )
        #: Where the behaviours come from (the previous page's ``behaviours()``).
        self._behaviours = behaviours
        self._chosen: dict[str, str] = {}  # behaviour text → barrier, kept across visits
        self.combos: list[tuple[str, QComboBox]] = []
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(0, 1)
        self.grid.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_host)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("intakeSuggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.setFrameShape(QFrame.Shape.StyledPanel)
        self.suggestion.setStyleSheet(
            "QLabel#intakeSuggestion { background: #f1f5f9; padding: 8px; border-radius: 4px; }"
        )
        self.suggestion.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "<br>".join(
                    f"<b>{escape(a)}</b> — {escape(b)}"
                    for a, b in (text.split(" — ") for text in BARRIER_TEXT.values())
                )
            )
        )
        layout.addSpacing(6)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.problems)
        self._update_suggestion()

    def initializePage(self) -> None:
        """Rebuild the rows from the behaviours as they are now, keeping answers given."""
        self._remember()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.combos = []
        behaviours = self._behaviours()
        if not behaviours:
            self.grid.addWidget(
                hint("No behaviours yet: go back and say what people must do."), 0, 0
            )
        previous: QWidget | None = None
        for row, text in enumerate(behaviours):
            label = QLabel(text)
            label.setWordWrap(True)
            combo = QComboBox()
            combo.setObjectName("intakeBarrier")
            combo.setAccessibleName(f"Barrier for: {text}")
            combo.addItem("Not answered yet", "")
            for barrier, explanation in BARRIER_TEXT.items():
                combo.addItem(explanation, barrier.value)
            index = combo.findData(self._chosen.get(text, ""))
            combo.setCurrentIndex(max(index, 0))
            combo.currentIndexChanged.connect(self._update_suggestion)
            label.setBuddy(combo)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(combo, row, 1)
            if previous is not None:
                QWidget.setTabOrder(previous, combo)
            previous = combo
            self.combos.append((text, combo))
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        self._update_suggestion()

    def _remember(self) -> None:
        for text, combo in self.combos:
            self._chosen[text] = str(combo.currentData())

    def answers(self) -> list[tuple[str, str | None]]:
        """Each behaviour with its barrier (``None``: not answered)."""
        self._remember()
        return [(text, self._chosen.get(text) or None) for text in self._behaviours()]

    def suggestion_now(self) -> Suggestion:
        return suggest(barrier for _text, barrier in self.answers())

    def _update_suggestion(self) -> None:
        self.suggestion.setText(suggestion_html(self.suggestion_now()))

    def first_field(self) -> QWidget | None:
        return self.combos[0][1] if self.combos else None

    def is_filled(self) -> bool:
        return any(barrier for _text, barrier in self.answers())
