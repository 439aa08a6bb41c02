"""Consultative intake: the rules a request is talked through with.

A request for "a course" is a conversation about a business problem. The lead
asks what must move (a goal in Action Mapping's form), what people must *do*
differently, and for each behaviour why they are not doing it now. The
barrier decides the kind of solution: a problem in the environment (tools,
process, incentives) is fixed there, not trained away; a knowledge gap is
served by a job aid or content that already exists; only a skills gap calls
for practice; and motivation is a conversation with the manager. The money
side speaks the way leadership does: what doing nothing costs each month, and
when asked, Phillips' ROI, benefit/cost ratio and payback.

Everything here is arithmetic and wording over plain values, so the wizard,
the card editor and the requests report agree.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ldboard.domain.enums import _Labelled


class Barrier(_Labelled):
    """Why people are not doing what they should (Action Mapping's four causes)."""

    ENVIRONMENT = "environment"
    KNOWLEDGE = "knowledge"
    SKILLS = "skills"
    MOTIVATION = "motivation"


class Solution(_Labelled):
    """The kind of solution a barrier calls for."""

    PROCESS_FIX = "process_fix"
    JOB_AID = "job_aid"
    PRACTICE = "practice"
    MANAGER_CONVERSATION = "manager_conversation"


class Triage(_Labelled):
    """Where a request stands. Declined and resolved ones leave the board."""

    NEW = "new"
    IN_REVIEW = "in_review"
    WAITLISTED = "waitlisted"
    APPROVED = "approved"
    DECLINED = "declined"
    RESOLVED = "resolved"


class IntakeOutcome(_Labelled):
    """How the intake conversation ended."""

    INITIATIVE = "initiative"
    NO_TRAINING = "no_training"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"


#: The triage state each outcome leaves a request in.
OUTCOME_TRIAGE = {
    IntakeOutcome.INITIATIVE: Triage.APPROVED,
    IntakeOutcome.NO_TRAINING: Triage.RESOLVED,
    IntakeOutcome.WAITLISTED: Triage.WAITLISTED,
    IntakeOutcome.DECLINED: Triage.DECLINED,
}


class PartnerRole(_Labelled):
    """The part a partner plays in a request: who backs it and who builds it."""

    SPONSOR = "sponsor"
    CO_SPONSOR = "co_sponsor"
    SME = "sme"


#: What a manager can commit to outside the training itself.
COMMITMENTS = (
    "Attend the sessions",
    "Open the first session",
    "Coach the team afterwards",
    "Act as an internal lecturer",
    "Give the team time to take part",
    "Fund it",
    "Share results with the leadership team",
)

#: Triage states whose requests no longer sit on the board (they are archived,
#: findable, and counted as handled).
CLOSED_TRIAGE = frozenset({Triage.DECLINED, Triage.RESOLVED})

TRIAGE_LABELS = {
    Triage.NEW: "New request",
    Triage.IN_REVIEW: "In review",
    Triage.WAITLISTED: "Waitlisted",
    Triage.APPROVED: "Approved",
    Triage.DECLINED: "Declined",
    Triage.RESOLVED: "Resolved without training",
}

#: What each barrier calls for, and how the wizard says it.
SOLUTION_FOR: dict[Barrier, Solution] = {
    Barrier.ENVIRONMENT: Solution.PROCESS_FIX,
    Barrier.KNOWLEDGE: Solution.JOB_AID,
    Barrier.SKILLS: Solution.PRACTICE,
    Barrier.MOTIVATION: Solution.MANAGER_CONVERSATION,
}
SOLUTION_TEXT: dict[Solution, str] = {
    Solution.PROCESS_FIX: "Fix the process or the tool: this is not a training problem.",
    Solution.JOB_AID: "A job aid, or content that already exists, at the moment of need.",
    Solution.PRACTICE: "Practice with feedback: a workshop, coaching or on-the-job drills.",
    Solution.MANAGER_CONVERSATION: (
        "A conversation with the manager about expectations, incentives and consequences."
    ),
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the answers point to: the solutions by how many behaviours need each,
    and whether any of it is training at all."""

    solutions: tuple[tuple[Solution, int], ...]
    needs_training: bool

    @property
    def headline(self) -> str:
        if not self.solutions:
            return "Say why each behaviour is not happening to see what would help."
        if not self.needs_training:
            return "None of these barriers is a skills gap: consider a solution without training."
        return "Some behaviours need practice: training can be part of the answer."


def suggest(barriers: Iterable[Barrier | str | None]) -> Suggestion:
    """The solutions the behaviours' barriers call for, most needed first.

    Only a skills gap needs training (practice); a knowledge gap is better
    served by a job aid, the environment by a fix there, motivation by the
    manager. Behaviours without an answer yet are left out.
    """
    counts: Counter[Solution] = Counter()
    for barrier in barriers:
        if barrier:
            counts[SOLUTION_FOR[Barrier(barrier)]] += 1
    order = list(Solution)
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], order.index(pair[0])))
    return Suggestion(tuple(ranked), Solution.PRACTICE in counts)


# --- behaviours ------------------------------------------------------------------------

#: Verbs that name a state of mind, not something anyone can watch a person do.
VAGUE_VERBS = (
    "understand",
    "know",
    "be aware of",
    "be aware",
    "appreciate",
    "familiar with",
    "learn",
    "grasp",
    "realise",
    "realize",
    "recognise the importance",
    "recognize the importance",
    "believe",
    "comprehend",
)
_VAGUE = re.compile(
    r"\b(" + "|".join(re.escape(v) for v in sorted(VAGUE_VERBS, key=len, reverse=True)) + r")\w*",
    re.IGNORECASE,
)


def vague_verbs(behaviour: str) -> list[str]:
    """The vague verbs a behaviour uses ("understand", "know"…), as written, in order."""
    found: list[str] = []
    for match in _VAGUE.finditer(behaviour):
        word = match.group(0)
        if word.casefold() not in (w.casefold() for w in found):
            found.append(word)
    return found


def vague_warning(behaviour: str) -> str:
    """A gentle note on a behaviour that names no observable action ('' if it does)."""
    words = vague_verbs(behaviour)
    if not words:
        return ""
    quoted = " and ".join(f"“{w}”" for w in words)
    return (
        f"{quoted} cannot be observed: what would you see people do? "
        "(e.g. “ask two open questions before quoting a price”)"
    )


# --- the goal ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Goal:
    """A measurable goal: *metric* moves from *baseline* to *target* by *date* as
    *audience* do *what* (Action Mapping's form)."""

    metric: str = ""
    baseline: float | None = None
    target: float | None = None
    by: str = ""
    audience: str = ""
    action: str = ""

    @property
    def sentence(self) -> str:
        """The goal as one sentence, with gaps shown as "…"."""

        def part(value: object) -> str:
            if value is None or value == "":
                return "…"
            return number_text(value) if isinstance(value, float | int) else str(value)

        return (
            f"{part(self.metric)} will move from {part(self.baseline)} to {part(self.target)} "
            f"by {part(self.by)} as {part(self.audience)} {part(self.action)}."
        )

    @property
    def complete(self) -> bool:
        return all(
            value not in (None, "")
            for value in (self.metric, self.baseline, self.target, self.by, self.audience)
        ) and bool(self.action)


def number_text(value: float | int) -> str:
    """42 rather than 42.0; 3.5 as is; thousands grouped."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


# --- money ------------------------------------------------------------------------------


def monthly_cost_of_inaction(people: float, per_person_month: float, unit_cost: float) -> float:
    """What doing nothing costs each month: people affected × hours lost (or errors)
    per person per month × the cost of one hour (or one error)."""
    for name, value in (("people", people), ("per month", per_person_month), ("cost", unit_cost)):
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{name} must be a number of at least 0")
    return people * per_person_month * unit_cost


@dataclass(frozen=True, slots=True)
class Value:
    """Phillips' figures for expected benefits and costs over the same period."""

    benefits: float
    costs: float

    @property
    def roi_percent(self) -> float | None:
        """(benefits − costs) ÷ costs × 100; ``None`` without costs."""
        return (self.benefits - self.costs) / self.costs * 100 if self.costs > 0 else None

    @property
    def benefit_cost_ratio(self) -> float | None:
        return self.benefits / self.costs if self.costs > 0 else None

    def payback_months(self, monthly_benefit: float) -> float | None:
        """Months until ``monthly_benefit`` has repaid the costs (``None``: never)."""
        return self.costs / monthly_benefit if monthly_benefit > 0 else None
