"""The intake answers kept with a request, as a page people read.

The Intake tab shows the conversation the way it went: who asked and when,
the problem, the goal sentence, what people must do and why they are not
doing it (with the kind of solution each barrier calls for), the partners and
what each commits to and gets out of it, the money, and how it ended. All user
text is escaped: it becomes rich text in a label.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from ldboard.domain.intake import (
    SOLUTION_FOR,
    SOLUTION_TEXT,
    Barrier,
    Goal,
    Value,
    number_text,
    suggest,
)
from ldboard.domain.practice import IntakeRecord
from ldboard.ops.intake import intake_cost
from ldboard.ui.editor.widgets import format_day

ROLE_TEXT = {"sponsor": "Sponsor", "co_sponsor": "Co-sponsor", "sme": "Subject-matter expert"}
OUTCOME_TEXT = {
    "initiative": "Start an initiative",
    "no_training": "A solution without training",
    "waitlisted": "Waitlisted",
    "declined": "Declined",
}
NOT_RECORDED = "Not recorded."


def intake_html(
    record: IntakeRecord, *, requester: str, goal: Goal, names: Mapping[int, str]
) -> str:
    """The whole record as rich text; ``names`` are the board's people by id."""
    day = escape(format_day(record.requested_on))
    asked = f"Asked by <b>{escape(requester)}</b> on {day}" if requester else f"Asked on {day}"
    parts = [f"<p>{asked}.</p>"]
    parts += _section("The business problem", _paragraph(record.problem))
    parts += _section("The goal", f"<p>{escape(goal.sentence)}</p>")
    parts += _section("What people must do, and why they are not", _behaviours(record))
    parts += _section("Partners", _partners(record, names))
    parts += _section("Cost of inaction and value", _money(record))
    outcome = OUTCOME_TEXT.get(record.outcome, record.outcome)
    ending = f"<p><b>{escape(outcome)}</b></p>"
    if record.recommendation.strip():
        ending += _paragraph(record.recommendation)
    parts += _section("Outcome", ending)
    return "".join(parts)


def _section(title: str, body: str) -> list[str]:
    return [f"<h4 style='margin-top:10px; margin-bottom:2px'>{escape(title)}</h4>", body]


def _paragraph(text: str) -> str:
    if not text.strip():
        return f"<p><i>{NOT_RECORDED}</i></p>"
    return "<p>" + "<br>".join(escape(line) for line in text.strip().splitlines()) + "</p>"


def barrier_text(barrier: str | None) -> str:
    """ "Skills → Practice with feedback…": the barrier and what it calls for."""
    if not barrier:
        return "Barrier not answered yet."
    try:
        found = Barrier(barrier)
    except ValueError:
        return barrier
    return f"{found.label}: {SOLUTION_TEXT[SOLUTION_FOR[found]]}"


def _behaviours(record: IntakeRecord) -> str:
    if not record.behaviours:
        return f"<p><i>{NOT_RECORDED}</i></p>"
    lines = "".join(
        f"<li>{escape(b.text)}<br><span style='color:gray'>{escape(barrier_text(b.barrier))}"
        "</span></li>"
        for b in record.behaviours
    )
    suggestion = suggest(b.barrier for b in record.behaviours if _known(b.barrier))
    ranked = ", ".join(f"{s.label} ({n})" for s, n in suggestion.solutions)
    advice = f"<p><b>Suggestion:</b> {escape(suggestion.headline)}"
    if ranked:
        advice += f" Most needed: {escape(ranked)}."
    return f"<ul style='margin-top:0'>{lines}</ul>{advice}</p>"


def _known(barrier: str | None) -> bool:
    return barrier in {b.value for b in Barrier}


def _partners(record: IntakeRecord, names: Mapping[int, str]) -> str:
    if not record.partners:
        return f"<p><i>{NOT_RECORDED}</i></p>"
    lines = []
    for partner in record.partners:
        person = partner.person
        name = names.get(person, f"Person {person}") if isinstance(person, int) else person
        role = ROLE_TEXT.get(partner.role, partner.role)
        line = f"<b>{escape(name)}</b> ({escape(role)})"
        if partner.commitments:
            line += " — commits to: " + escape("; ".join(partner.commitments))
        if partner.wiifm.strip():
            line += f"<br>What's in it for them: {escape(partner.wiifm)}"
        lines.append(f"<li>{line}</li>")
    return f"<ul style='margin-top:0'>{''.join(lines)}</ul>"


def _money(record: IntakeRecord) -> str:
    lines = []
    cost = intake_cost(record)
    if cost is not None:
        lines.append(
            f"Doing nothing costs about <b>{number_text(round(cost, 2))} a month</b>: "
            f"{number_text(record.people_affected or 0)} people × "
            f"{number_text(record.loss_per_person_month or 0)} lost a month × "
            f"{number_text(record.unit_cost or 0)} each."
        )
    benefit, spend = record.expected_benefit, record.expected_cost
    if benefit is not None and spend is not None:
        value = Value(benefit, spend)
        line = f"Expected benefit {number_text(benefit)} against a cost of {number_text(spend)}"
        if value.roi_percent is not None and value.benefit_cost_ratio is not None:
            line += (
                f": ROI <b>{number_text(round(value.roi_percent, 1))}%</b>, "
                f"benefit/cost ratio {number_text(round(value.benefit_cost_ratio, 2))}"
            )
        payback = value.payback_months(cost) if cost else None
        if payback is not None:
            line += (
                f"; it pays back in {number_text(round(payback, 1))} months "
                "if it removes the monthly cost of inaction"
            )
        lines.append(line + ".")
    if not lines:
        return f"<p><i>{NOT_RECORDED}</i></p>"
    return "".join(f"<p>{line}</p>" for line in lines)
