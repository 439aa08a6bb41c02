"""Which column of a results file holds what: headers matched to the fields of a measurement.

Learning platforms and survey tools name their columns in many ways ("Course",
"Completion rate", "Submitted"), so each field has the synonyms people meet in
those exports. Headers are compared folded (case, spaces and punctuation
ignored), like the spreadsheet import does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ldboard.io.csv_import.mapping import HeaderMapping, fold, folded_synonyms

#: The fields a results file can feed, with the label the preview shows.
RESULT_FIELDS: dict[str, str] = {
    "key": "Item key",
    "title": "Item title",
    "value": "Value",
    "date": "Date",
    "label": "Label (baseline, pilot, 30 days…)",
    "source": "Source",
    "level": "Kirkpatrick level",
}

#: Header words for each field, the most common first (the first three are
#: suggested when a column is missing).
RESULT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "key": ("Key", "Item key", "Item", "ID", "Item ID", "Initiative key", "Code", "Course code"),
    "title": ("Title", "Name", "Course", "Course name", "Initiative", "Item title", "Training"),
    "value": (
        "Value",
        "Result",
        "Score",
        "Metric value",
        "Actual",
        "Measurement",
        "Average score",
        "Average",
        "Rate",
        "Percent",
        "Percentage",
        "Completion rate",
        "Pass rate",
    ),
    "date": (
        "Date",
        "Measured on",
        "Measured",
        "As of",
        "As at",
        "Completed",
        "Completion date",
        "Submitted",
        "Timestamp",
        "Survey date",
        "Period end",
        "Report date",
    ),
    "label": ("Label", "Phase", "Milestone", "Checkpoint", "Wave", "Point", "Measure point"),
    "source": ("Source", "System", "Tool", "LMS", "Survey", "From", "Data source"),
    "level": ("Level", "Kirkpatrick level", "Kirkpatrick", "Evaluation level"),
}

_BY_FOLDED = folded_synonyms(RESULT_SYNONYMS)


def result_field_for_header(header: str) -> str | None:
    """The field a header names, or ``None``."""
    return _BY_FOLDED.get(fold(header))


@dataclass(frozen=True, slots=True)
class ResultsMapping(HeaderMapping):
    """The columns of a results file."""

    LABELS: ClassVar[dict[str, str]] = RESULT_FIELDS

    @staticmethod
    def field_for(header: str) -> str | None:
        return result_field_for_header(header)

    def problems(self, source: str, line: int = 1) -> list[str]:
        """The columns a results file cannot do without: the item, the value, the date."""
        found = ", ".join(f"“{h}”" for h in self.headers if h) or "none"
        problems = []
        needed = (
            (("key", "title"), "the item each result is for (its key or its exact title)"),
            (("value",), "the values"),
            (("date",), "the dates the values were measured"),
        )
        for names, what in needed:
            if not any(name in self.fields for name in names):
                words = ", ".join(f"“{w}”" for n in names for w in RESULT_SYNONYMS[n][:2])
                problems.append(
                    f"{source}:{line}: {names[0]}: no column holds {what}; name one of the "
                    f"headers {words} (found: {found})."
                )
        return problems
