"""Which column of the spreadsheet feeds which field of an item.

Headers are matched after folding case and dropping spaces and punctuation
("Due date", "due_date", "DUE-DATE" are one header), against each field's
own name and the words spreadsheets and other tools use for it ("Name",
"Stage", "Labels", "Owner"…). The result is a :class:`ColumnMapping` that
a preview dialog can show and change before the import is planned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Self

#: Import fields (item fields plus the parts an item links to), with their label.
FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    "stage": "Stage (column)",
    "description": "Description",
    "audience": "Audience",
    "need": "Need",
    "outcome": "Outcome",
    "driver": "Business driver",
    "goal": "Business goal",
    "hypothesis": "Hypothesis",
    "metric": "Metric",
    "baseline": "Baseline",
    "target": "Target",
    "actual": "Actual",
    "verdict": "Verdict",
    "evaluation_level": "Evaluation level",
    "cost_of_inaction": "Cost of inaction",
    "impact": "Impact (priority)",
    "effort": "Effort",
    "estimate_days": "Estimate (days)",
    "format": "Format",
    "due": "Due date",
    "tags": "Tags",
    "requester": "Requester",
    "sponsor": "Sponsor",
    "sme": "Subject-matter experts",
}

#: Other headers for each field (written as people write them; folded when matched).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("Name", "Title", "Item", "Summary", "Card name", "Task", "Initiative", "Subject"),
    "stage": ("Status", "Stage", "Column", "List", "State", "Workflow stage", "Lane"),
    "description": ("Description", "Details", "Notes", "Card description", "Body"),
    "audience": ("Audience", "Learners", "Target audience", "Who"),
    "need": ("Need", "Learning need", "Performance need"),
    "outcome": ("Outcome", "So that", "Expected outcome"),
    "driver": ("Driver", "Business driver", "Reason"),
    "goal": ("Goal", "Business goal", "Objective"),
    "hypothesis": ("Hypothesis",),
    "metric": ("Metric", "KPI", "Measure"),
    "baseline": ("Baseline",),
    "target": ("Target",),
    "actual": ("Actual", "Actual value", "Result value"),
    "verdict": ("Verdict", "Result", "Validation"),
    "evaluation_level": ("Evaluation level", "Kirkpatrick level", "Kirkpatrick", "Level"),
    "cost_of_inaction": ("Cost of inaction",),
    "impact": ("Impact", "Priority", "Value", "Importance", "Business value"),
    "effort": ("Effort", "Size", "Complexity", "Effort score"),
    "estimate_days": ("Estimate days", "Estimate", "Days", "Estimated days", "Duration days"),
    "format": ("Format", "Type", "Modality", "Delivery format", "Solution"),
    "due": ("Due", "Due date", "Deadline", "Due by", "Target date", "End date"),
    "tags": ("Tags", "Labels", "Tag", "Label", "Categories", "Keywords"),
    "requester": ("Requester", "Owner", "Requested by", "Stakeholder", "Assignee", "Contact"),
    "sponsor": ("Sponsor", "Executive sponsor"),
    "sme": ("SME", "SMEs", "Subject matter expert", "Subject matter experts", "Experts"),
}


def fold(header: str) -> str:
    """A header reduced to lower-case letters and digits ("Due-Date " → "duedate")."""
    return re.sub(r"[\W_]+", "", header.casefold())


def folded_synonyms(synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Folded header → field, from each field's name and synonyms (the first field
    naming a word keeps it)."""
    by_folded: dict[str, str] = {}
    for name, words in synonyms.items():
        for word in (name, *words):
            by_folded.setdefault(fold(word), name)
    return by_folded


_BY_FOLDED = folded_synonyms(SYNONYMS)


def field_for_header(header: str) -> str | None:
    """The import field a header names, or ``None`` if it names none."""
    return _BY_FOLDED.get(fold(header))


@dataclass(frozen=True, slots=True)
class HeaderMapping:
    """For each column of the file (by position), the field it feeds or ``None``.

    Immutable: :meth:`with_field` returns the mapping a person's change in the
    preview makes, and a field is fed by one column at most. A kind of import
    subclasses it with its fields (``LABELS``) and how it reads a header.
    """

    headers: tuple[str, ...]
    fields: tuple[str | None, ...]

    #: The fields a column can feed, with the label a preview shows.
    LABELS: ClassVar[dict[str, str]] = {}

    @staticmethod
    def field_for(header: str) -> str | None:
        """The field ``header`` names, or ``None``."""
        raise NotImplementedError

    @classmethod
    def guess(cls, headers: tuple[str, ...] | list[str]) -> Self:
        """Match each header; a field named twice is fed by its first column only."""
        taken: set[str] = set()
        fields: list[str | None] = []
        for header in headers:
            name = cls.field_for(header)
            if name in taken:
                name = None
            if name is not None:
                taken.add(name)
            fields.append(name)
        return cls(tuple(headers), tuple(fields))

    def with_field(self, index: int, name: str | None) -> Self:
        """Column ``index`` feeds ``name`` (``None``: ignored); another column that
        fed ``name`` is ignored from now on."""
        if name is not None and name not in self.LABELS:
            raise ValueError(f"{name!r} is not a field an import can fill")
        fields = [None if f == name else f for f in self.fields]
        fields[index] = name
        return type(self)(self.headers, tuple(fields))

    def index_of(self, name: str) -> int | None:
        """The column that feeds ``name``, if any."""
        return self.fields.index(name) if name in self.fields else None

    @property
    def used(self) -> list[tuple[int, str]]:
        """``(column index, field)`` of every mapped column."""
        return [(i, f) for i, f in enumerate(self.fields) if f is not None]

    @property
    def ignored(self) -> list[str]:
        """Headers of the columns that feed nothing (reported, never an error)."""
        return [h for h, f in zip(self.headers, self.fields, strict=True) if f is None and h]


@dataclass(frozen=True, slots=True)
class ColumnMapping(HeaderMapping):
    """The columns of a spreadsheet of items."""

    LABELS: ClassVar[dict[str, str]] = FIELD_LABELS

    @staticmethod
    def field_for(header: str) -> str | None:
        return field_for_header(header)

    def problems(self, source: str, line: int = 1) -> list[str]:
        """Why the file cannot be imported with this mapping (no title column)."""
        if "title" in self.fields:
            return []
        words = ", ".join(f"“{w}”" for w in SYNONYMS["title"][:3])
        return [
            f"{source}:{line}: title: no column holds the items' titles; name one of the "
            f"headers {words} (found: {', '.join(self.headers) or 'none'})."
        ]
