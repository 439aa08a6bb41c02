"""Business rules: validation, prioritisation and WIP limits.

Validation also owns the rules for what text and dates a board accepts, so that
every operation (and every future write path: iterations, retrospectives,
imports) cleans and checks input the same way:

* Dates are written ``YYYY-MM-DD`` and nothing else (:func:`parse_iso_date`).
  Python's ``date.fromisoformat`` also accepts ``20260105`` and ``2026-W01-1``;
  the board file and every view expect the one form.
* Text loses NUL and other control characters (NUL cuts text short in many
  SQLite tools), keeping tabs and line breaks in long text (:func:`clean_text`).
* Single-line text (titles, metrics, tag, person and column names, checklist
  lines) also loses bidirectional embedding, override and isolate controls
  (U+202A–U+202E, U+2066–U+2069). These strings are shown inline with other
  text (card titles, chips, menus, undo labels) and are how people tell cards,
  tags and people apart, so an invisible override there can make one name
  display as another. Long Markdown text keeps them: right-to-left writers need
  them for mixed-direction paragraphs, the Unicode bidi algorithm ends every
  embedding, override and isolate at the end of its paragraph so they cannot
  reorder anything outside the text, and long text is only ever shown in its own
  field or preview, or as the last lines of a tooltip.
* Text holding lone surrogates (half of a UTF-16 pair, e.g. ``"\\ud800"``)
  cannot be encoded for the file; it is refused with a message naming the field
  (:func:`unstorable`) instead of failing inside SQLite.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from ldboard.domain.enums import Driver, Format, Verdict
from ldboard.domain.intake import Triage

TITLE_MAX = 200
SCORE_RANGE = range(1, 6)
#: What each impact and effort score means, as the editor and the matrix name them.
IMPACT_NAMES = {1: "Minimal", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Transformative"}
EFFORT_NAMES = {1: "Trivial", 2: "Small", 3: "Medium", 4: "Large", 5: "Very large"}
EVALUATION_LEVELS = range(1, 5)
#: Item fields that hold a calendar date.
ITEM_DATE_FIELDS = ("due",)
#: How a date is written everywhere in ldboard.
DATE_FORM = "YYYY-MM-DD"


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
    for name in ("impact", "effort", "audience_size", "risk", "inaction_score"):
        if name in values and not _in_range_or_none(values[name], SCORE_RANGE):
            problems[name] = f"{_label(name)} must be a whole number from 1 to 5."
    triage = values.get("triage")
    if triage is not None and triage not in _values(Triage):
        problems["triage"] = f"Unknown triage state {triage!r}."
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
    for name in ITEM_DATE_FIELDS:
        if name in values and values[name] is not None:
            problem = date_problem(f"{_label(name).lower()} date", values[name])
            if problem:
                problems[name] = problem
    for name, value in values.items():
        if isinstance(value, str) and unstorable(value):
            problems[name] = unstorable_message(_label(name))
    return problems


# --- dates ------------------------------------------------------------------------

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_iso_date(value: object) -> date:
    """The calendar date written as ``YYYY-MM-DD``; ``ValueError`` for anything else.

    The one place that decides what a date looks like: items, iterations,
    retrospective actions and imports all read dates through it.
    """
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError(f"{value!r} is not written as {DATE_FORM}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a day of the calendar") from None


def date_problem(label: str, value: object) -> str | None:
    """A sentence about ``value`` if it is not a ``YYYY-MM-DD`` date, else ``None``.

    ``label`` names the field in the sentence ("due date", "start date").
    """
    try:
        parse_iso_date(value)
    except ValueError:
        return (
            f"The {label} {value!r} is not a date: write it as {DATE_FORM} "
            "(for example 2026-01-05)."
        )
    return None


# --- text -------------------------------------------------------------------------

#: Bidirectional embedding, override and isolate controls, removed from single-line text.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))
#: C0 controls and DEL; long text keeps tabs and line breaks.
_CONTROL = {c: None for c in range(32) if c not in (9, 10)} | {127: None}
#: In single-line text, controls that are not whitespace go; whitespace becomes spaces.
_SINGLE_LINE_DROP = {c: None for c in range(32) if not chr(c).isspace()} | {127: None} | _BIDI
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: Any, *, single_line: bool = False) -> str:
    """Text as a board stores it: trimmed and without control characters.

    Single-line text also loses bidirectional controls, and every run of
    whitespace (line breaks included) becomes one space. Long text keeps tabs
    and line breaks, with ``\\r\\n`` and ``\\r`` turned into ``\\n``.
    Lone surrogates are kept, for :func:`unstorable` to report.
    """
    if value is None:
        return ""
    text = str(value)
    if single_line:
        return " ".join(text.translate(_SINGLE_LINE_DROP).split())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_CONTROL).strip()


def unstorable(text: str) -> bool:
    """Whether ``text`` holds characters that cannot be written as UTF-8 (lone surrogates)."""
    return _SURROGATE.search(text) is not None


def unstorable_message(label: str) -> str:
    """The sentence for a field whose text :func:`unstorable` refuses."""
    return (
        f"{label} contains characters that cannot be stored (a broken character, "
        "often left behind by copying and pasting). Retype the text or copy it again."
    )


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
        return parse_iso_date(due) < today
    except ValueError:
        return False
