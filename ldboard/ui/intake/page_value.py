"""Page 5: what doing nothing costs, and what acting would return.

Leaders talk about the cost of *not* acting — hours lost, errors, waste —
more than about ROI, so that figure comes first and is worked out as it is
typed. Phillips' ROI, benefit/cost ratio and payback follow for when a number
is asked for; each shows "—" until it can be worked out.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ldboard.domain.intake import Value, monthly_cost_of_inaction, number_text
from ldboard.ui.intake.fields import DASH, IntakePage, NumberLine, hint


def money(value: float | None) -> str:
    return DASH if value is None else number_text(round(value, 2))


class ValuePage(IntakePage):
    FIELDS = (
        "people_affected",
        "loss_per_person_month",
        "unit_cost",
        "expected_benefit",
        "expected_cost",
    )

    def __init__(self) -> None:
        super().__init__(
            "5 · Cost of inaction and value",
            "What the problem costs each month if nothing is done — and, if you have them, "
            "the benefits and costs you expect.",
            "intakeValuePage",
        )
        self.people = NumberLine("e.g. 40")
        self.people.setObjectName("intakePeopleAffected")
        self.loss = NumberLine("e.g. 3")
        self.loss.setObjectName("intakeLoss")
        self.unit_cost = NumberLine("e.g. 35")
        self.unit_cost.setObjectName("intakeUnitCost")
        self.monthly = QLabel(DASH)
        self.monthly.setObjectName("intakeMonthlyCost")
        self.monthly.setStyleSheet("font-weight: bold;")
        self.yearly = QLabel(DASH)
        self.yearly.setObjectName("intakeYearlyCost")
        cost_box = QGroupBox("The cost of doing nothing")
        cost = QFormLayout(cost_box)
        cost.addRow("&People affected:", self.people)
        cost.addRow("&Hours lost (or errors) per person per month:", self.loss)
        cost.addRow("Cost of one hour (or one &error):", self.unit_cost)
        cost.addRow("Doing nothing costs each month:", self.monthly)
        cost.addRow("… and over a year:", self.yearly)

        self.benefit = NumberLine("optional")
        self.benefit.setObjectName("intakeExpectedBenefit")
        self.cost = NumberLine("optional")
        self.cost.setObjectName("intakeExpectedCost")
        self.roi = QLabel(DASH)
        self.roi.setObjectName("intakeRoi")
        self.ratio = QLabel(DASH)
        self.ratio.setObjectName("intakeBenefitCostRatio")
        self.payback = QLabel(DASH)
        self.payback.setObjectName("intakePayback")
        value_box = QGroupBox("Expected value (optional)")
        value = QFormLayout(value_box)
        value.addRow("Expected &benefits (over a period):", self.benefit)
        value.addRow("Expected c&osts (same period):", self.cost)
        value.addRow("ROI = (benefits − costs) ÷ costs × 100:", self.roi)
        value.addRow("Benefit/cost ratio:", self.ratio)
        value.addRow("Payback = costs ÷ monthly cost of doing nothing:", self.payback)

        self.figure_problems = QLabel()
        self.figure_problems.setObjectName("intakeFigureProblems")
        self.figure_problems.setProperty("role", "error")
        self.figure_problems.setWordWrap(True)
        self.figure_problems.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(cost_box)
        layout.addWidget(value_box)
        layout.addWidget(self.figure_problems)
        layout.addWidget(
            hint("Leave what you do not know empty: a figure is shown once it can be worked out.")
        )
        layout.addStretch(1)
        layout.addWidget(self.problems)
        for line in self._lines():
            line.textChanged.connect(self._update)
        self._update()

    def _lines(self) -> tuple[NumberLine, ...]:
        return (self.people, self.loss, self.unit_cost, self.benefit, self.cost)

    def monthly_cost(self) -> float | None:
        parts = (self.people.value(), self.loss.value(), self.unit_cost.value())
        if any(part is None or part < 0 for part in parts):
            return None
        return monthly_cost_of_inaction(*parts)  # type: ignore[arg-type]

    def _update(self) -> None:
        monthly = self.monthly_cost()
        self.monthly.setText(money(monthly))
        self.yearly.setText(money(None if monthly is None else monthly * 12))
        benefit, cost = self.benefit.value(), self.cost.value()
        roi = ratio = payback = None
        if benefit is not None and cost is not None and benefit >= 0 and cost >= 0:
            figures = Value(benefit, cost)
            roi, ratio = figures.roi_percent, figures.benefit_cost_ratio
        if cost is not None and cost >= 0 and monthly is not None:
            payback = Value(benefit or 0.0, cost).payback_months(monthly)
        self.roi.setText(DASH if roi is None else f"{number_text(round(roi, 1))} %")
        self.ratio.setText(DASH if ratio is None else f"{number_text(round(ratio, 2))} : 1")
        months = None if payback is None else f"{number_text(round(payback, 1))} months"
        self.payback.setText(months or DASH)
        problems = self._figure_problems()
        self.figure_problems.setText("\n".join(problems))
        self.figure_problems.setVisible(bool(problems))

    def _figure_problems(self) -> list[str]:
        return [line.problem() for line in self._lines() if line.problem()]

    def validatePage(self) -> bool:
        problems = self._figure_problems()
        self.show_problems([])
        return not problems

    def figures(self) -> dict[str, float | None]:
        """The calculator's inputs, by the intake record's field names."""
        lines = dict(zip(self.FIELDS, self._lines(), strict=True))
        return {name: line.value() for name, line in lines.items()}

    def first_field(self) -> QWidget:
        return self.people

    def is_filled(self) -> bool:
        return any(line.text().strip() for line in self._lines())
