"""What the board keeps of the L&D practice around an item: its intake conversation,
its evaluation plan, and the thanks given to partners (file format 7).

Plain records, read by ``store/practice_reads.py`` and written by
``ops/intake.py`` and ``ops/evaluation.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The stage whose entry adds the performance-support lines to a card's checklist:
#: a pilot is where the support after training must be ready (matched by name).
PILOT_STAGE = "pilot"
#: Performance support after training, as checklist lines (editable like any other).
SUPPORT_CHECKLIST = (
    "Performance support: job aids ready where the work is done",
    "Performance support: manager follow-up after the training",
    "Performance support: how performance is measured on the job",
)


@dataclass(frozen=True, slots=True)
class BehaviourAnswer:
    """An observable behaviour the request needs, and why it is not happening now
    (``domain.intake.Barrier``; ``None``: not answered)."""

    text: str
    barrier: str | None = None


@dataclass(frozen=True, slots=True)
class PartnerAnswer:
    """A partner of a request: a person (their id, or a new name), the part they play
    (``domain.intake.PartnerRole``), what they commit to and what is in it for them."""

    person: int | str
    role: str
    commitments: tuple[str, ...] = ()
    wiifm: str = ""


@dataclass(frozen=True, slots=True)
class IntakeRecord:
    """The answers of the intake conversation kept with a request."""

    requested_on: str
    outcome: str
    problem: str = ""
    goal_by: str | None = None
    goal_action: str = ""
    behaviours: tuple[BehaviourAnswer, ...] = ()
    partners: tuple[PartnerAnswer, ...] = ()
    people_affected: float | None = None
    loss_per_person_month: float | None = None
    unit_cost: float | None = None
    expected_benefit: float | None = None
    expected_cost: float | None = None
    #: The non-training recommendation, or the reason sent back to the requester.
    recommendation: str = ""


@dataclass(frozen=True, slots=True)
class EvaluationCheck:
    """A dated check of an evaluation plan: what is looked at, how, and by when."""

    what: str
    how: str = ""
    due: str | None = None
    done_at: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class EvaluationPlan:
    """How an initiative's results will be measured, planned before it is built."""

    level: int | None = None
    critical_behaviours: str = ""
    leading_indicators: str = ""
    support: str = ""
    checks: tuple[EvaluationCheck, ...] = ()


@dataclass(frozen=True, slots=True)
class Thanks:
    """A thank-you recorded for a partner."""

    id: int
    person_id: int
    given_on: str
    text: str
    item_id: int | None = None


@dataclass(frozen=True, slots=True)
class RequestLine:
    """One request for the requests report: the item, who asked, where it stands."""

    item_id: int
    key: str
    title: str
    triage: str
    reason: str
    requester: str
    requested_on: str | None
    outcome: str | None
    stage: str
    archived: bool
