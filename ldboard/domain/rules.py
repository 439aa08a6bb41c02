"""Business rules: validation, prioritisation and WIP limits."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from ldboard.domain.enums import Driver, Format, Verdict

TITLE_MAX = 200
SCORE_RANGE = range(1, 6)
EVALUATION_LEVELS = range(1, 5)


class ValidationError(ValueError):
    """One or more fields hold values the board file cannot accept.

    ``problems`` maps each offending field to a sentence a person can act on.
    """

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        detail = "; ".join(f"{name}: {message}" for name, message in self.problems.items())
        super().__init__(detail)


def parse_number(text: str) -> float | None:
    """Read a number typed by a person: ``"42"``, ``"3.5"``, ``"3,5"``, ``"85 %"``.

    Empty text means "no value". Raises ``ValueError`` for anything else.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if not cleaned:
        return None
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", cleaned):
        raise ValueError(f"{text.strip()!r} is not a number (examples: 42, 3.5, 80%)")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(f"{text.strip()!r} is too large")
    return value


def validate_item_fields(values: dict[str, Any]) -> dict[str, str]:
    """Check the item fields present in ``values``; return problems by field."""
    problems: dict[str, str] = {}
    if "title" in values:
        title = (values["title"] or "").strip()
        if not title:
            problems["title"] = "A title is required."
        elif len(title) > TITLE_MAX:
            problems["title"] = f"Keep the title to {TITLE_MAX} characters (it has {len(title)})."
    for name in ("impact", "effort"):
        if name in values and not _in_range_or_none(values[name], SCORE_RANGE):
            problems[name] = f"{name.capitalize()} must be a whole number from 1 to 5."
    if "evaluation_level" in values and not _in_range_or_none(
        values["evaluation_level"], EVALUATION_LEVELS
    ):
        problems["evaluation_level"] = "The evaluation level is a Kirkpatrick level from 1 to 4."
    for name in ("baseline", "target", "actual", "estimate_days"):
        if name in values and values[name] is not None:
            value = values[name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems[name] = f"{_label(name)} must be a number."
            elif not math.isfinite(value):
                problems[name] = f"{_label(name)} must be a finite number."
    if "estimate_days" in values and "estimate_days" not in problems:
        days = values["estimate_days"]
        if days is not None and days < 0:
            problems["estimate_days"] = "The estimate cannot be negative."
    for name, enum in (("driver", Driver), ("format", Format)):
        if name in values and values[name] is not None and values[name] not in _values(enum):
            problems[name] = f"Unknown {name} {values[name]!r}."
    if "verdict" in values and values["verdict"] not in _values(Verdict):
        problems["verdict"] = f"Unknown verdict {values['verdict']!r}."
    if "due" in values and values["due"] is not None:
        try:
            date.fromisoformat(values["due"])
        except (TypeError, ValueError):
            problems["due"] = f"The due date {values['due']!r} is not a date (YYYY-MM-DD)."
    return problems


def _in_range_or_none(value: Any, allowed: range) -> bool:
    if value is None:
        return True
    return isinstance(value, int) and not isinstance(value, bool) and value in allowed


def _values(enum: type[StrEnum]) -> set[str]:
    return {member.value for member in enum}


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


# --- prioritisation -------------------------------------------------------------


class Quadrant(StrEnum):
    QUICK_WINS = "quick_wins"
    BIG_BETS = "big_bets"
    FILL_INS = "fill_ins"
    MONEY_PITS = "money_pits"

    @property
    def label(self) -> str:
        return _QUADRANT_LABELS[self]


_QUADRANT_LABELS = {
    Quadrant.QUICK_WINS: "Quick wins",
    Quadrant.BIG_BETS: "Big bets",
    Quadrant.FILL_INS: "Fill-ins",
    Quadrant.MONEY_PITS: "Money pits",
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Impact and effort at or above these values count as "high"."""

    impact: int = 3
    effort: int = 3


def quadrant(impact: int | None, effort: int | None, thresholds: Thresholds) -> Quadrant | None:
    """The impact/effort quadrant of a scored item; ``None`` if it is not scored yet."""
    if impact is None or effort is None:
        return None
    high_impact = impact >= thresholds.impact
    high_effort = effort >= thresholds.effort
    if high_impact:
        return Quadrant.BIG_BETS if high_effort else Quadrant.QUICK_WINS
    return Quadrant.MONEY_PITS if high_effort else Quadrant.FILL_INS


def score(impact: int | None, effort: int | None) -> float | None:
    """Impact per unit of effort; higher is better. ``None`` if unscored."""
    if impact is None or effort is None:
        return None
    return impact / effort


# --- flow -----------------------------------------------------------------------


class WipState(StrEnum):
    UNLIMITED = "unlimited"
    UNDER = "under"
    AT_LIMIT = "at_limit"
    OVER = "over"


def wip_state(count: int, limit: int | None) -> WipState:
    """How a column's card count compares with its (soft) WIP limit."""
    if limit is None:
        return WipState.UNLIMITED
    if count > limit:
        return WipState.OVER
    if count == limit:
        return WipState.AT_LIMIT
    return WipState.UNDER


def is_overdue(due: str | None, today: date, *, done: bool) -> bool:
    """A due date in the past on an item that is not finished."""
    if due is None or done:
        return False
    try:
        return date.fromisoformat(due) < today
    except ValueError:
        return False
