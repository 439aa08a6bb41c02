"""The Prioritisation tab: impact, effort and estimate, with the score they give."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ldboard.domain.rules import EFFORT_NAMES, IMPACT_NAMES, Thresholds, quadrant, score
from ldboard.ui.common import theme
from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.widgets import NONE_TEXT, field_box, is_score, make_form, make_hint


class PrioritisationPage(FormBuilder):
    """Builds the Prioritisation tab and shows the score as impact and effort change."""

    def _build_prioritisation(self, page: QWidget) -> None:
        form = make_form()
        self.impact_combo = self._combo(
            "impact", [(NONE_TEXT, None), *((f"{n} · {t}", n) for n, t in IMPACT_NAMES.items())]
        )
        self._add_row(
            form,
            "impact",
            "&Impact:",
            self.impact_combo,
            self.impact_combo.currentData,
            "How much the business goal moves if this works (1 = minimal, 5 = transformative).",
        )
        self.effort_combo = self._combo(
            "effort", [(NONE_TEXT, None), *((f"{n} · {t}", n) for n, t in EFFORT_NAMES.items())]
        )
        self._add_row(
            form,
            "effort",
            "&Effort:",
            self.effort_combo,
            self.effort_combo.currentData,
            "Your time and your SMEs' time to build and run it (1 = trivial, 5 = very large).",
        )
        self.estimate_edit = self._line("estimate_days", "e.g. 3,5")
        self.estimate_edit.setMaximumWidth(140)
        self._add_row(
            form,
            "estimate_days",
            "Estimate (&days):",
            self.estimate_edit,
            self.estimate_edit.text,
        )
        self.impact_combo.currentIndexChanged.connect(self._update_score)
        self.effort_combo.currentIndexChanged.connect(self._update_score)

        self.score_label = QLabel()
        self.score_label.setObjectName("scoreLine")
        self.score_label.setAccessibleName("Score and quadrant")
        self.score_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        limits = Thresholds()
        explanation = make_hint(
            f"Score = impact ÷ effort. Impact of {limits.impact} or more counts as high, and "
            f"so does effort of {limits.effort} or more. Quick wins: high impact, low effort. "
            "Big bets: high impact, high effort. Fill-ins: low impact, low effort. Money "
            "pits: low impact, high effort."
        )
        explanation.setObjectName("quadrantHelp")
        form.addRow("Score:", field_box(self.score_label, explanation))
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)

    def _update_score(self) -> None:
        impact = self.impact_combo.currentData()
        effort = self.effort_combo.currentData()
        value = score(impact, effort) if is_score(impact) and is_score(effort) else None
        area = quadrant(impact, effort, Thresholds()) if value is not None else None
        if value is None or area is None:
            self.score_label.setText("Not scored yet: choose an impact and an effort.")
            self.score_label.setStyleSheet(f"color: {theme.MUTED_TEXT.name()};")
            return
        background, text = theme.QUADRANT_COLORS[area]
        self.score_label.setText(f"{value:.2f}  ·  {area.label}")
        self.score_label.setStyleSheet(
            f"background: {background.name()}; color: {text.name()}; "
            "border-radius: 4px; padding: 3px 8px; font-weight: 600;"
        )
