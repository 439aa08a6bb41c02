"""Entities of a board.

Field names are the column names of the board file (docs/file-format.md), so a
row read from SQLite maps onto a dataclass with ``Item(**row)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar


@dataclass(slots=True)
class Item:
    """A learning initiative: one backlog item on the board."""

    id: int
    key: str
    title: str
    column_id: int
    rank: float
    description: str = ""
    audience: str = ""
    need: str = ""
    outcome: str = ""
    driver: str | None = None
    goal: str = ""
    hypothesis: str = ""
    metric: str = ""
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None
    verdict: str = "untested"
    evaluation_level: int | None = None
    cost_of_inaction: str = ""
    impact: int | None = None
    effort: int | None = None
    estimate_days: float | None = None
    iteration_id: int | None = None
    format: str | None = None
    due: str | None = None
    created_at: str = ""
    updated_at: str = ""
    done_at: str | None = None
    archived_at: str | None = None
    #: Where a request stands (``domain.intake.Triage``); ``None``: not a request.
    triage: str | None = None
    triage_reason: str = ""
    #: Criteria of the weighted score, 1–5 (``domain.weighted_score``).
    audience_size: int | None = None
    risk: int | None = None
    inaction_score: int | None = None

    #: Fields a person edits directly in the card editor.
    EDITABLE: ClassVar[tuple[str, ...]] = (
        "title",
        "description",
        "audience",
        "need",
        "outcome",
        "driver",
        "goal",
        "hypothesis",
        "metric",
        "baseline",
        "target",
        "actual",
        "verdict",
        "evaluation_level",
        "cost_of_inaction",
        "impact",
        "effort",
        "estimate_days",
        "iteration_id",
        "format",
        "due",
        "triage",
        "triage_reason",
        "audience_size",
        "risk",
        "inaction_score",
    )

    #: The editable fields the card editor's form buffers and saves with the card;
    #: a request's triage is changed on its own (``ops.intake.set_triage``), since
    #: declining or resolving it also takes it off the board.
    FORM_FIELDS: ClassVar[tuple[str, ...]] = tuple(
        name for name in EDITABLE if name not in ("triage", "triage_reason")
    )

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Item:
        names = _field_names(cls)
        return cls(**{k: v for k, v in row.items() if k in names})

    def to_row(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _field_names(type(self))}


@dataclass(slots=True)
class Column:
    """A workflow stage."""

    id: int
    name: str
    position: float
    category: str = "active"
    wip_limit: int | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Column:
        names = _field_names(cls)
        return cls(**{k: v for k, v in row.items() if k in names})


@dataclass(slots=True)
class Tag:
    id: int
    name: str
    color: str = "#64748b"


@dataclass(slots=True)
class Person:
    id: int
    name: str
    role: str = ""
    department: str = ""
    roles: list[str] = field(default_factory=list)
    wiifm: str = ""
    notes: str = ""
    #: ``domain.enums.PersonLevel``; ``None``: not said.
    level: str | None = None
    #: Place on the stakeholder map, 1–5 each (``domain.stakeholders``).
    influence: int | None = None
    involvement: int | None = None
    #: What they have committed to, in their words.
    commitments: str = ""

    @property
    def initials(self) -> str:
        return initials(self.name)


@dataclass(slots=True)
class Iteration:
    """A time box with a goal and a capacity in effort points.

    ``start``/``end`` are the calendar days it covers; ``started_at``/``closed_at``
    the moments it was started and closed (scope changes are told apart from
    the plan by comparing event times with ``started_at``).
    """

    id: int
    name: str
    goal: str = ""
    start: str | None = None
    end: str | None = None
    state: str = "planned"
    capacity: float | None = None
    started_at: str | None = None
    closed_at: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Iteration:
        names = _field_names(cls)
        return cls(**{k: v for k, v in row.items() if k in names})


@dataclass(slots=True)
class RetroEntry:
    """One line of an iteration's retrospective.

    ``position`` orders the entries of one lane (``kind``) like ranks order
    cards. Actions also have an owner (``owner_id``; ``None`` means the board's
    own lead, "yourself"), a due date, and once ticked ``done_at`` and the
    iteration in which they were closed (``closed_in_iteration_id``).
    """

    id: int
    iteration_id: int
    kind: str
    text: str
    created_at: str = ""
    position: float = 0.0
    owner_id: int | None = None
    due: str | None = None
    done_at: str | None = None
    closed_in_iteration_id: int | None = None
    item_id: int | None = None

    @property
    def is_open_action(self) -> bool:
        return self.kind == "action" and self.done_at is None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RetroEntry:
        names = _field_names(cls)
        return cls(**{k: v for k, v in row.items() if k in names})


@dataclass(slots=True)
class ChecklistItem:
    id: int
    item_id: int
    text: str
    done: bool = False
    position: float = 0.0


@dataclass(slots=True)
class Note:
    id: int
    item_id: int
    text: str
    created_at: str = ""


@dataclass(slots=True)
class Event:
    id: int
    ts: str
    item_id: int | None
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


def initials(name: str) -> str:
    """Two-letter initials for a person's name ("Maya Chen" -> "MC")."""
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


_FIELD_CACHE: dict[type, frozenset[str]] = {}


def _field_names(cls: type) -> frozenset[str]:
    names = _FIELD_CACHE.get(cls)
    if names is None:
        names = frozenset(f.name for f in fields(cls))
        _FIELD_CACHE[cls] = names
    return names
