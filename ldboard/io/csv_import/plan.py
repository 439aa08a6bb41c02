"""A whole CSV file → an :class:`~ldboard.ops.importing.ImportPlan`, writing nothing.

Every row is read and checked before anything is written, and every problem
of the file is collected (not only the first), each as
``file:line: header (field): message``, so a person fixes the sheet once.
The plan also says what the board lacks (columns, tags, people) so the
preview can show it and ask before new columns are made.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ldboard.domain.rules import clean_text, unstorable, validate_item_fields
from ldboard.io.csv_import import values
from ldboard.io.csv_import.mapping import FIELD_LABELS, ColumnMapping
from ldboard.io.csv_import.reading import Table, read_csv_bytes, read_csv_file
from ldboard.ops.columns import NAME_MAX as COLUMN_NAME_MAX
from ldboard.ops.importing import ImportPlan, ImportRow
from ldboard.ops.items import normalise_fields
from ldboard.ops.vocabulary import PERSON_NAME_MAX, TAG_NAME_MAX, clean_tag_name
from ldboard.store import Board

#: Fields read by a function of ``values``; every other item field is text.
_READERS: dict[str, Callable[[str], Any]] = {
    "impact": values.impact,
    "effort": values.effort,
    "driver": values.driver,
    "format": values.format_,
    "verdict": values.verdict,
    "evaluation_level": values.evaluation_level,
    "baseline": values.number,
    "target": values.number,
    "actual": values.number,
    "estimate_days": values.number,
}
#: Import fields kept as the cell's text (cleaned and checked with the row).
_TEXT = frozenset(
    {"title", "description", "audience", "need", "outcome", "goal", "hypothesis", "metric"}
    | {"cost_of_inaction"}
)
#: Fields whose reader only returns values the board accepts.
_READ_VALID = frozenset(
    {"impact", "effort", "driver", "format", "verdict", "evaluation_level", "due"}
)
#: Import fields that name people, and the role they get on the item.
PEOPLE_FIELDS = {"requester": "requester", "sponsor": "sponsor", "sme": "sme"}


def plan_csv_file(
    board: Board, path: Path | str, mapping: ColumnMapping | None = None
) -> ImportPlan:
    """Read and plan a CSV file (see :func:`plan_table`)."""
    return plan_table(board, read_csv_file(path), mapping)


def plan_csv_bytes(
    board: Board, data: bytes, source: str, mapping: ColumnMapping | None = None
) -> ImportPlan:
    """Read and plan the bytes of a CSV file called ``source``."""
    return plan_table(board, read_csv_bytes(data, source), mapping)


def plan_table(board: Board, table: Table, mapping: ColumnMapping | None = None) -> ImportPlan:
    """The plan for a file already read; ``mapping`` defaults to the guessed one.

    A GUI reads the file once (``read_csv_file``), shows ``ColumnMapping.guess``
    of its header for the person to change, then calls this with their mapping.
    """
    source = table.source
    notices = list(table.notices)
    if table.problems:
        return ImportPlan(source, problems=tuple(table.problems), notices=tuple(notices))
    if mapping is None:
        mapping = ColumnMapping.guess(table.header)
    if len(mapping.headers) != len(table.header):
        raise ValueError("the mapping was made for another file's header")
    problems = mapping.problems(source, table.header_line)
    if problems:
        return ImportPlan(source, problems=tuple(problems), notices=tuple(notices))
    if mapping.ignored:
        notices.append(f"{source}: columns not imported: {', '.join(mapping.ignored)}.")
    reader = _RowReader(source, mapping, table)
    if reader.order == "dmy":
        notices.append(f"{source}: dates written with slashes are read day/month/year.")
    rows = [reader.row(row.line, row.cells) for row in table.rows]
    return _with_board(board, source, rows, reader.problems, notices)


class _RowReader:
    """Turns one row's cells into an ``ImportRow``, noting problems as it goes."""

    def __init__(self, source: str, mapping: ColumnMapping, table: Table) -> None:
        self.source = source
        self.used = mapping.used
        self.headers = mapping.headers
        self.problems: list[str] = []
        # Stages, scores, choices, tags and people repeat across rows: each distinct
        # cell of a column is read once (a cell that is refused is read again, so
        # every line it is on gets its problem).
        self._read: dict[tuple[str, str], Any] = {}
        due = mapping.index_of("due")
        self.order = "mdy"
        if due is not None:
            self.order = values.slash_order(r.cells[due] for r in table.rows if due < len(r.cells))

    def row(self, line: int, cells: tuple[str, ...]) -> ImportRow:
        fields: dict[str, Any] = {}
        stage: str | None = None
        tags: list[str] = []
        people: list[tuple[str, str]] = []
        for index, name in self.used:
            text = cells[index] if index < len(cells) else ""
            if name in _TEXT:
                fields[name] = text
                continue
            key = (name, text)
            try:
                value = self._read[key] if key in self._read else self._cell(name, text)
            except ValueError as error:
                self.note(line, index, str(error))
                continue
            self._read[key] = value
            if name == "stage":
                stage = value
            elif name == "tags":
                tags = value
            elif name in PEOPLE_FIELDS:
                people += [(person, PEOPLE_FIELDS[name]) for person in value]
            else:
                fields[name] = value
        fields = normalise_fields(fields)
        # Scores, choices and dates come out of ``values`` valid; the rest is checked here.
        checked = {k: v for k, v in fields.items() if k not in _READ_VALID}
        found = validate_item_fields({**checked, "title": fields.get("title")})
        for name, message in found.items():
            self.note(line, self._index(name), message)
        return ImportRow(line, fields, stage, tuple(tags), tuple(people))

    def _cell(self, name: str, text: str) -> Any:
        """The value of one cell of a column that is not plain text."""
        if name == "stage":
            return self._stage(text)
        if name == "tags":
            return self._tags(text)
        if name in PEOPLE_FIELDS:
            return self._people(text)
        if name == "due":
            return values.due_date(text, self.order)
        return _READERS[name](text)

    def note(self, line: int, index: int | None, message: str) -> None:
        where = "?"
        if index is not None:
            header, name = self.headers[index], self.used_field(index)
            where = header if header.casefold() == name else f"{header} ({name})"
        self.problems.append(f"{self.source}:{line}: {where}: {message}")

    def used_field(self, index: int) -> str:
        return dict(self.used)[index]

    def _index(self, name: str) -> int | None:
        return next((i for i, f in self.used if f == name), None)

    def _stage(self, text: str) -> str | None:
        name = clean_text(text, single_line=True)
        if len(name) > COLUMN_NAME_MAX or unstorable(name):
            raise ValueError(
                f"“{name[:20]}…” cannot be a column name (at most {COLUMN_NAME_MAX} characters)."
            )
        return name or None

    def _tags(self, text: str) -> list[str]:
        tags = [clean_tag_name(t) for t in values.split_tags(text)]
        for tag in tags:
            if len(tag) > TAG_NAME_MAX or unstorable(tag):
                raise ValueError(f"the tag “{tag[:20]}…” is too long (at most {TAG_NAME_MAX}).")
        return [t for t in tags if t]

    def _people(self, text: str) -> list[str]:
        names = [clean_text(p, single_line=True) for p in values.split_people(text)]
        for name in names:
            if len(name) > PERSON_NAME_MAX or unstorable(name):
                raise ValueError(
                    f"the name “{name[:20]}…” is too long (at most {PERSON_NAME_MAX})."
                )
        return [n for n in names if n]


def _with_board(
    board: Board, source: str, rows: list[ImportRow], problems: list[str], notices: list[str]
) -> ImportPlan:
    """The plan, with what the board lacks named for the preview."""
    columns = {c.name.casefold() for c in board.columns()}
    tags = {t.name.casefold() for t in board.tags()}
    people = {p.name.casefold() for p in board.people()}
    new_columns: dict[str, str] = {}
    stage_lines: dict[str, int] = {}
    new_tags: dict[str, str] = {}
    new_people: dict[str, str] = {}
    for row in rows:
        if row.stage and row.stage.casefold() not in columns:
            new_columns.setdefault(row.stage.casefold(), row.stage)
            stage_lines.setdefault(row.stage.casefold(), row.line)
        for tag in row.tags:
            if tag.casefold() not in tags:
                new_tags.setdefault(tag.casefold(), tag)
        for name, _ in row.people:
            if name.casefold() not in people:
                new_people.setdefault(name.casefold(), name)
    return ImportPlan(
        source,
        rows=tuple(rows),
        problems=tuple(problems),
        notices=tuple(notices),
        new_columns=tuple(new_columns.values()),
        new_tags=tuple(new_tags.values()),
        new_people=tuple(new_people.values()),
        stage_lines=stage_lines,
        checked=True,
    )


def describe(plan: ImportPlan) -> str:
    """What importing ``plan`` would create, for a preview or a confirmation prompt."""
    count = len(plan.rows)
    parts = [f"{count:,} item{'s' if count != 1 else ''}"]
    for names, one, many in (
        (plan.new_columns, "new column", "new columns"),
        (plan.new_tags, "new tag", "new tags"),
        (plan.new_people, "new person", "new people"),
    ):
        if names:
            parts.append(f"{len(names):,} {one if len(names) == 1 else many}")
    return ", ".join(parts)


__all__ = ["FIELD_LABELS", "describe", "plan_csv_bytes", "plan_csv_file", "plan_table"]
