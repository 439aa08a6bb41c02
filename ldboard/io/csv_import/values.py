"""Cell text → the value a board stores, read leniently but never guessed wildly.

People write "High", "4", "4 - Major" or "high " for the same score and
"Validated" or "validated" for the same verdict; all are read. A value that
means nothing for its field raises ``ValueError`` with a sentence saying what
would be accepted, and the import is refused naming the line.

Dates: ``YYYY-MM-DD`` (also with a time after it), ``d.m.yyyy`` (a dot is
always day first, as in German or Dutch exports), and ``a/b/yyyy``. Slashed
dates are read per file (:func:`slash_order`): day first if some date of the
column only makes sense that way (13/2/2026), month first if some date only
makes sense that way (2/13/2026) or if none decides (Excel's US default);
a column with both kinds is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from ldboard.domain.enums import Driver, Format, Verdict
from ldboard.domain.rules import EFFORT_NAMES, IMPACT_NAMES, parse_number

#: Words for impact (and priority) scores; the impact names of the editor too.
IMPACT_WORDS: dict[str, int] = {
    "very low": 1, "lowest": 1, "minimal": 1, "trivial": 1,
    "low": 2, "minor": 2,
    "medium": 3, "med": 3, "moderate": 3, "normal": 3, "average": 3,
    "high": 4, "major": 4, "important": 4,
    "very high": 5, "highest": 5, "critical": 5, "urgent": 5, "transformative": 5,
}  # fmt: skip
#: Words for effort scores, T-shirt sizes among them.
EFFORT_WORDS: dict[str, int] = {
    "very low": 1, "trivial": 1, "minimal": 1, "xs": 1, "tiny": 1,
    "low": 2, "small": 2, "s": 2, "minor": 2,
    "medium": 3, "med": 3, "moderate": 3, "m": 3, "normal": 3,
    "high": 4, "large": 4, "l": 4, "big": 4,
    "very high": 5, "very large": 5, "xl": 5, "huge": 5,
}  # fmt: skip
for _score, _name in IMPACT_NAMES.items():
    IMPACT_WORDS.setdefault(_name.casefold(), _score)
for _score, _name in EFFORT_NAMES.items():
    EFFORT_WORDS.setdefault(_name.casefold(), _score)

VERDICT_WORDS: dict[str, str] = {
    "not tested": "untested", "pending": "untested", "open": "untested", "": "untested",
    "confirmed": "validated", "proven": "validated", "yes": "validated",
    "refuted": "invalidated", "disproved": "invalidated", "rejected": "invalidated",
    "no": "invalidated",
    "unclear": "inconclusive", "mixed": "inconclusive",
}  # fmt: skip
FORMAT_WORDS: dict[str, str] = {
    "e-learning": "course", "elearning": "course", "online course": "course",
    "micro learning": "microlearning", "micro-learning": "microlearning",
    "job aid": "job_aid", "job-aid": "job_aid", "jobaid": "job_aid", "checklist": "job_aid",
    "repurpose existing content": "repurpose", "repurposing": "repurpose",
    "training": "workshop", "classroom": "workshop", "ilt": "workshop",
    "vilt": "webinar", "virtual classroom": "webinar",
    "mentorship": "mentoring", "community of practice": "community",
}  # fmt: skip
LEVEL_WORDS: dict[str, int] = {
    "reaction": 1, "learning": 2, "behaviour": 3, "behavior": 3, "results": 4, "result": 4,
}  # fmt: skip

_SCORE = re.compile(r"([1-5])(?:[.,]0+)?(?:\s*[-–:(/ ].*)?")
_LEVEL = re.compile(r"(?:level|l)?\s*([1-4])(?:\s*[-–:(/ ].*)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?: .*)?")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?: .*)?")
_YEAR_FIRST_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?: .*)?")


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").split())


def score(text: str, words: dict[str, int], what: str) -> int | None:
    """A 1–5 score from "4", "4.0", "4 - Major" or a word; ``None`` for an empty cell."""
    key = _key(text)
    if not key:
        return None
    if key in words:
        return words[key]
    found = _SCORE.fullmatch(key)
    if found:
        return int(found.group(1))
    examples = ", ".join(f"{w.capitalize()}→{words[w]}" for w in _EXAMPLES[what])
    raise ValueError(f"{text.strip()!r} is not an {what} score: use 1 to 5 or a word ({examples}).")


_EXAMPLES = {"impact": ("low", "medium", "high"), "effort": ("small", "medium", "large")}


def impact(text: str) -> int | None:
    return score(text, IMPACT_WORDS, "impact")


def effort(text: str) -> int | None:
    return score(text, EFFORT_WORDS, "effort")


def _choices(enum: type[StrEnum], words: dict[str, str]) -> dict[str, str]:
    """Every way to write a member of ``enum``: its value, its label, the synonyms."""
    found = dict(words)
    for member in enum:
        found[_key(member.value)] = member.value
        found[_key(member.label)] = member.value  # type: ignore[attr-defined]
    return found


_DRIVERS = _choices(Driver, {})
_FORMATS = _choices(Format, FORMAT_WORDS)
_VERDICTS = _choices(Verdict, VERDICT_WORDS)


def choice(text: str, enum: type[StrEnum], choices: dict[str, str], what: str) -> str | None:
    """A member of ``enum`` by value, label or synonym (any case, ``_`` read as a space)."""
    key = _key(text)
    if not key:
        return None
    if key in choices:
        return choices[key]
    known = ", ".join(member.label for member in enum)  # type: ignore[attr-defined]
    raise ValueError(f"{text.strip()!r} is not a {what}; use one of: {known}.")


def driver(text: str) -> str | None:
    return choice(text, Driver, _DRIVERS, "business driver")


def format_(text: str) -> str | None:
    return choice(text, Format, _FORMATS, "format")


def verdict(text: str) -> str:
    return choice(text, Verdict, _VERDICTS, "verdict") or "untested"


def evaluation_level(text: str) -> int | None:
    """A Kirkpatrick level: "3", "Level 3", "L3" or its name ("Behaviour")."""
    key = _key(text)
    if not key:
        return None
    if key in LEVEL_WORDS:
        return LEVEL_WORDS[key]
    found = _LEVEL.fullmatch(key)
    if found:
        return int(found.group(1))
    raise ValueError(
        f"{text.strip()!r} is not a Kirkpatrick level: use 1 to 4 "
        "(Reaction, Learning, Behaviour, Results)."
    )


def number(text: str) -> float | None:
    """A number as people type it ("3,5", "80 %"); see ``domain.rules.parse_number``."""
    return parse_number(text)


# --- lists ---------------------------------------------------------------------------


def split_tags(text: str) -> list[str]:
    """Tags separated by commas, semicolons or line breaks."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]


def split_people(text: str) -> list[str]:
    """People separated by semicolons or line breaks (a comma may be inside a
    name written "Chen, Maya", so it does not separate people)."""
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


# --- dates ---------------------------------------------------------------------------


def slash_order(cells: Iterable[str]) -> str:
    """``"dmy"`` or ``"mdy"`` for the slashed dates of one column; ``"mixed"`` when
    some only make sense day first and others only month first."""
    day_first = month_first = False
    for cell in cells:
        found = _SLASHED.fullmatch(cell.strip())
        if found:
            first, second = int(found.group(1)), int(found.group(2))
            day_first |= first > 12 >= second
            month_first |= second > 12 >= first
    if day_first and month_first:
        return "mixed"
    return "dmy" if day_first else "mdy"


def due_date(text: str, order: str = "mdy") -> str | None:
    """A date written any way :mod:`this module <values>` accepts, as ``YYYY-MM-DD``."""
    cell = text.strip()
    if not cell:
        return None
    if found := _ISO.fullmatch(cell) or _YEAR_FIRST_SLASHED.fullmatch(cell):
        year, month, day = (int(g) for g in found.groups())
    elif found := _DOTTED.fullmatch(cell):
        day, month, year = (int(g) for g in found.groups())
    elif found := _SLASHED.fullmatch(cell):
        if order == "mixed":
            raise ValueError(
                f"{cell!r}: this column has dates written day first and others month "
                "first; write them as YYYY-MM-DD."
            )
        first, second, year = (int(g) for g in found.groups())
        day, month = (first, second) if order == "dmy" else (second, first)
    else:
        raise ValueError(
            f"{cell!r} is not a date: write YYYY-MM-DD, d.m.yyyy or m/d/yyyy "
            "(for example 2026-01-05)."
        )
    if year < 100:
        year += 2000
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"{cell!r} is not a day of the calendar.") from None
