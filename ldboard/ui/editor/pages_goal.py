"""The Business goal & hypothesis tab: the goal, how it is measured, the results, the verdict."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ldboard.domain.enums import Driver, Verdict
from ldboard.ui.editor.pages_results import ResultsSection
from ldboard.ui.editor.widgets import EVALUATION_LEVEL_NAMES, NONE_TEXT, make_form


class GoalPage(ResultsSection):
    """Builds the Business goal & hypothesis tab (its Results section is ``pages_results``)."""

    def _build_goal(self, page: QWidget) -> None:
        form = make_form()
        self.driver_combo = self._combo(
            "driver", [(NONE_TEXT, None), *((d.label, d.value) for d in Driver)]
        )
        self._add_row(form, "driver", "Dri&ver:", self.driver_combo, self.driver_combo.currentData)
        self.goal_edit = self._text("goal", 2, "Raise the win rate on competitive deals to 25%")
        self._add_row(form, "goal", "&Goal:", self.goal_edit, self.goal_edit.toPlainText)
        self.hypothesis_edit = self._text(
            "hypothesis", 3, "We believe … will result in …, measured by …"
        )
        self._add_row(
            form,
            "hypothesis",
            "&Hypothesis:",
            self.hypothesis_edit,
            self.hypothesis_edit.toPlainText,
        )
        self.metric_edit = self._line("metric", "e.g. Win rate on competitive deals (%)")
        self._add_row(form, "metric", "&Metric:", self.metric_edit, self.metric_edit.text)

        measures = QWidget()
        grid = QGridLayout(measures)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.measure_edits: dict[str, QLineEdit] = {}
        for column, (name, label, example) in enumerate(
            (
                ("baseline", "&Baseline", "e.g. 18%"),
                ("target", "&Target", "e.g. 25%"),
                ("actual", "Act&ual", "measured later"),
            )
        ):
            edit = self._line(name, example)
            self.measure_edits[name] = edit
            box = self._register(name, edit, label, edit.text)
            grid.addWidget(self._buddy(label, edit), 0, column)
            grid.addWidget(box, 1, column, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(column, 1)
        form.addRow("Measures:", measures)
        results = self._build_results()
        form.addRow(self._buddy("Result&s:", self.results_table), results)

        judgement = QWidget()
        row = QHBoxLayout(judgement)
        row.setContentsMargins(0, 0, 0, 0)
        self.verdict_combo = self._combo("verdict", [(v.label, v.value) for v in Verdict])
        row.addWidget(
            self._register(
                "verdict", self.verdict_combo, "Ve&rdict", self.verdict_combo.currentData
            )
        )
        self.level_combo = self._combo(
            "evaluation_level",
            [(NONE_TEXT, None), *((f"{n} · {t}", n) for n, t in EVALUATION_LEVEL_NAMES.items())],
        )
        self.level_combo.setToolTip("Kirkpatrick level the evaluation reaches")
        level_box = self._register(
            "evaluation_level",
            self.level_combo,
            "Evaluation &level",
            self.level_combo.currentData,
        )
        row.addSpacing(16)
        row.addWidget(self._buddy("Evaluation &level:", self.level_combo))
        row.addWidget(level_box)
        row.addStretch(1)
        form.addRow(self._buddy("Ve&rdict:", self.verdict_combo), judgement)

        self.cost_edit = self._text(
            "cost_of_inaction", 2, "What it costs if nothing is done, e.g. €40k a quarter in churn"
        )
        self._add_row(
            form,
            "cost_of_inaction",
            "Cost of &inaction:",
            self.cost_edit,
            self.cost_edit.toPlainText,
        )
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)
