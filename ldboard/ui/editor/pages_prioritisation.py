"""The Prioritisation tab: impact, effort and estimate, with the score they give.

It also holds the evidence a board's weighted score weighs (audience size, risk
or compliance exposure, cost of inaction, each 1–5). Those are scored here
whichever score the board uses, so switching the board to the weighted score
later finds them ready; the weighted score itself is shown only when the board
uses it, so a board that never switches sees one score, not two.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from ldboard.domain.rules import EFFORT_NAMES, IMPACT_NAMES, Thresholds, quadrant, score
from ldboard.domain.weighted_score import weighted_score
from ldboard.ops.scoring import WEIGHTED, score_weights, scoring_mode
from ldboard.ui.common import theme
from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.widgets import (
    NONE_TEXT,
    field_box,
    is_score,
    make_form,
    make_hint,
    select_data,
)

#: The weighted score's own 1–5 criteria: (field, label, what 1 and 5 mean).
EVIDENCE_FIELDS = (
    (
        "audience_size",
        "&Audience size:",
        "How many people the problem touches (1 = a handful, 5 = the whole organisation).",
    ),
    (
        "risk",
        "Ris&k or compliance:",
        "The risk or compliance exposure if nothing is done (1 = none, 5 = severe).",
    ),
    (
        "inaction_score",
        "Cost of i&naction:",
        "What doing nothing costs each month, compared with other requests (1 = little, "
        "5 = a great deal).",
    ),
)


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
        self.evidence_combos: dict[str, QComboBox] = {}
        for name, label, hint in EVIDENCE_FIELDS:
            combo = self._combo(name, [(NONE_TEXT, None), *((str(n), n) for n in range(1, 6))])
            self.evidence_combos[name] = combo
            self._add_row(form, name, label, combo, combo.currentData, hint)
            # The editor's loading step fills impact and effort; these are filled
            # here, while the editor still ignores edits (before its first state).
            select_data(combo, getattr(self._item, name) if self._item is not None else None)
            combo.currentIndexChanged.connect(self._update_score)
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
        self.weighted_label = QLabel()
        self.weighted_label.setObjectName("weightedScoreLine")
        self.weighted_label.setAccessibleName("Weighted score")
        self.weighted_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._weights = score_weights(self._board)
        self.weighted_label.setVisible(scoring_mode(self._board) == WEIGHTED)
        limits = Thresholds()
        explanation = make_hint(
            f"Score = impact ÷ effort. Impact of {limits.impact} or more counts as high, and "
            f"so does effort of {limits.effort} or more. Quick wins: high impact, low effort. "
            "Big bets: high impact, high effort. Fill-ins: low impact, low effort. Money "
            "pits: low impact, high effort."
        )
        explanation.setObjectName("quadrantHelp")
        form.addRow("Score:", field_box(self.score_label, self.weighted_label, explanation))
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)

    def _update_score(self) -> None:
        impact = self.impact_combo.currentData()
        effort = self.effort_combo.currentData()
        self._update_weighted(impact, effort)
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

    def _update_weighted(self, impact: object, effort: object) -> None:
        """The weighted score the board prioritises by (shown only when it does)."""
        scores = {
            name: value if is_score(value) else None
            for name, value in (
                ("impact", impact),
                *((n, c.currentData()) for n, c in self.evidence_combos.items()),
            )
        }
        found = weighted_score(scores, effort if is_score(effort) else None, self._weights)
        if found is None:
            self.weighted_label.setText(
                "Weighted score: not scored yet (choose an effort and at least one of "
                "impact, audience size, risk or cost of inaction)."
            )
            return
        self.weighted_label.setText(
            f"Weighted score: {found:.2f}. The board prioritises by it; the quadrant still "
            "comes from impact and effort."
        )
