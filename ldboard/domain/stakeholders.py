"""The stakeholder map: each partner placed by influence (up) against involvement (across).

The four quadrants say how to work with a person (the classic power/interest
grid): much influence and much involvement, *manage closely*; much influence,
little involvement, *keep satisfied*; little influence, much involvement,
*keep informed*; little of both, *monitor*. Influence and involvement are 1–5,
like impact and effort on the matrix, and 3 or more counts as "much".
"""

from __future__ import annotations

from ldboard.domain.enums import _Labelled

#: Values a person can be placed at, on both axes.
MAP_RANGE = range(1, 6)
#: From this value up, influence or involvement counts as high.
HIGH = 3


class Stance(_Labelled):
    """How to work with a person, from where they sit on the map."""

    MANAGE_CLOSELY = "manage_closely"
    KEEP_SATISFIED = "keep_satisfied"
    KEEP_INFORMED = "keep_informed"
    MONITOR = "monitor"


STANCE_ADVICE = {
    Stance.MANAGE_CLOSELY: "Involve in every decision; co-sponsor and review together.",
    Stance.KEEP_SATISFIED: "Brief on results and the cost of inaction; ask for little time.",
    Stance.KEEP_INFORMED: "Share progress often; invite to pilots and feedback sessions.",
    Stance.MONITOR: "Keep in view; a short update now and then.",
}


def stance(influence: int | None, involvement: int | None) -> Stance | None:
    """The quadrant of a person on the map; ``None`` while they are not placed."""
    if influence is None or involvement is None:
        return None
    if influence >= HIGH:
        return Stance.MANAGE_CLOSELY if involvement >= HIGH else Stance.KEEP_SATISFIED
    return Stance.KEEP_INFORMED if involvement >= HIGH else Stance.MONITOR
