"""A weighted priority score, for a lead who weighs more than impact against effort.

The default score stays impact ÷ effort (``rules.score``). A board can switch to
this one, which weighs what an initiative is worth (impact, audience size,
risk or compliance exposure, cost of inaction, each scored 1–5) by the
board's weights, then divides by effort like the default does:

    worth = Σ weightₖ × scoreₖ ÷ Σ weightₖ   (over the worth criteria scored)
    score = worth ÷ effort

so it reads on the same scale as impact ÷ effort (0.2–5), and an item scored
only on impact and effort gets exactly its default score. Weights are whole
numbers 0–5 (0 leaves a criterion out); the defaults are in
:data:`DEFAULT_WEIGHTS` and docs/file-format.md ("The weighted score").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: The criteria of worth, in the order the card and the table show them.
WORTH_CRITERIA = ("impact", "audience_size", "risk", "inaction_score")
CRITERIA_LABELS = {
    "impact": "Impact",
    "audience_size": "Audience size",
    "risk": "Risk or compliance exposure",
    "inaction_score": "Cost of inaction",
}
WEIGHT_RANGE = range(0, 6)
DEFAULT_WEIGHTS: dict[str, int] = {
    "impact": 3,
    "audience_size": 2,
    "risk": 2,
    "inaction_score": 2,
}


@dataclass(frozen=True, slots=True)
class Weights:
    """A board's weights of the worth criteria."""

    values: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    def __post_init__(self) -> None:
        for name, weight in self.values.items():
            if name not in WORTH_CRITERIA:
                raise ValueError(f"unknown criterion {name!r}")
            if isinstance(weight, bool) or weight not in WEIGHT_RANGE:
                raise ValueError(f"the weight of {name} must be a whole number from 0 to 5")


def weighted_score(
    scores: Mapping[str, int | None], effort: int | None, weights: Weights
) -> float | None:
    """The weighted score of an item's 1–5 ``scores`` (``None``: not scored).

    ``None`` without effort or without any weighted criterion scored.
    """
    if effort is None or effort <= 0:
        return None
    total = weight_sum = 0
    for name in WORTH_CRITERIA:
        score, weight = scores.get(name), weights.values.get(name, 0)
        if score is None or weight == 0:
            continue
        total += weight * score
        weight_sum += weight
    if weight_sum == 0:
        return None
    return total / weight_sum / effort
