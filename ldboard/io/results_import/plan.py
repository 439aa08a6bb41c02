"""A results file read into a :class:`~ldboard.ops.measuring.ResultsPlan` (nothing written).

Every row must name an item of the board (by key, else by its exact title),
carry a number and a date; a row that does not is a problem naming its line
and field, and one problem refuses the whole file, so a half-imported export
never leaves some items updated and others not. Rows already recorded (the
same item, day, value, label and source) are skipped with a notice, so
importing this month's export after last month's overlapping one adds only
what is new.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ldboard.domain.measurements import MEASUREMENT_LABEL_MAX, MEASUREMENT_SOURCE_MAX
from ldboard.domain.rules import clean_text, unstorable
from ldboard.io.csv_import import values
from ldboard.io.csv_import.reading import Row, Table, read_csv_bytes, read_csv_file
from ldboard.io.results_import.columns import ResultsMapping
from ldboard.ops.measuring import MeasurementRow, ResultsPlan
from ldboard.store import Board

T = TypeVar("T")


def plan_results_file(board: Board, path: Path | str) -> ResultsPlan:
    """Read ``path`` and plan its results with the guessed column mapping."""
    return plan_results_table(board, read_csv_file(path))


def plan_results_bytes(board: Board, data: bytes, source: str) -> ResultsPlan:
    return plan_results_table(board, read_csv_bytes(data, source))


def plan_results_table(
    board: Board, table: Table, mapping: ResultsMapping | None = None
) -> ResultsPlan:
    """Plan ``table``'s rows as measurements of the board's items."""
    if table.problems:
        return ResultsPlan(table.source, problems=tuple(table.problems))
    mapping = mapping or ResultsMapping.guess(table.header)
    problems = mapping.problems(table.source, table.header_line)
    if problems:
        return ResultsPlan(table.source, problems=tuple(problems))
    if not table.rows:
        return ResultsPlan(
            table.source, problems=(f"{table.source}: there are no rows below the header.",)
        )
    reader = _Reader(board, table, mapping)
    rows = [row for row in (reader.read(raw) for raw in table.rows) if row is not None]
    notices = list(table.notices)
    if mapping.ignored:
        notices.append(
            "Columns not imported: " + ", ".join(f"“{h}”" for h in mapping.ignored) + "."
        )
    if reader.problems:
        return ResultsPlan(table.source, problems=tuple(reader.problems), notices=tuple(notices))
    fresh = _not_yet_recorded(board, rows)
    skipped = len(rows) - len(fresh)
    if not fresh:
        notices.append("Every result in the file is already recorded: there is nothing to add.")
    elif skipped:
        notices.append(
            f"{skipped:,} row{'s are' if skipped != 1 else ' is'} already recorded "
            "(same item, date, value, label and source) and skipped."
        )
    return ResultsPlan(table.source, rows=tuple(fresh), notices=tuple(notices))


class _Reader:
    """Reads rows one by one, collecting every problem rather than stopping at the first."""

    def __init__(self, board: Board, table: Table, mapping: ResultsMapping) -> None:
        self.source = table.source
        self.problems: list[str] = []
        self.columns = {name: mapping.index_of(name) for name in ("key", "title", "value", "date")}
        self.columns |= {name: mapping.index_of(name) for name in ("label", "source", "level")}
        self.by_key: dict[str, int] = {}
        self.by_title: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for item_id, key, title in board.item_directory():
            self.by_key[key.casefold()] = item_id
            self.by_title[title.strip().casefold()].append((item_id, key))
        date_column = self.columns["date"]
        cells = (self._cell(row, date_column) for row in table.rows)
        self.date_order = values.slash_order(cells)
        default_source = clean_text(Path(table.source).stem, single_line=True)
        self.default_source = default_source[:MEASUREMENT_SOURCE_MAX]

    def read(self, raw: Row) -> MeasurementRow | None:
        found = len(self.problems)
        item_id = self._item(raw)
        value = self._parsed(raw, "value", values.number, "value")
        when = self._parsed(
            raw, "date", lambda text: values.due_date(text, self.date_order), "date"
        )
        level = self._parsed(raw, "level", values.evaluation_level, "level")
        label = self._text(raw, "label", MEASUREMENT_LABEL_MAX)
        source = self._text(raw, "source", MEASUREMENT_SOURCE_MAX) or self.default_source
        if value is None and len(self.problems) == found and self.columns["value"] is not None:
            self._problem(raw, "value", "the row has no value.")
        if when is None and len(self.problems) == found:
            self._problem(raw, "date", "the row has no date.")
        if len(self.problems) > found or item_id is None or value is None or when is None:
            return None
        return MeasurementRow(raw.line, item_id, when, value, label, source, level)

    def _item(self, raw: Row) -> int | None:
        key = self._cell(raw, self.columns["key"]).strip()
        if key:
            item_id = self.by_key.get(key.casefold())
            if item_id is None:
                self._problem(raw, "key", f"no item “{key[:40]}” on this board.")
            return item_id
        title = self._cell(raw, self.columns["title"]).strip()
        if not title:
            what = "key or title" if self.columns["title"] is not None else "key"
            self._problem(raw, "key", f"the row names no item (its {what} is empty).")
            return None
        matches = self.by_title.get(title.casefold(), [])
        if not matches:
            self._problem(raw, "title", f"no item titled “{title[:60]}” on this board.")
            return None
        if len(matches) > 1:
            keys = ", ".join(key for _id, key in matches[:5])
            self._problem(
                raw,
                "title",
                f"“{title[:60]}” is the title of {len(matches)} items ({keys}); "
                "give the key instead.",
            )
            return None
        return matches[0][0]

    def _parsed(self, raw: Row, name: str, parse: Callable[[str], T], field: str) -> T | None:
        text = self._cell(raw, self.columns[name])
        try:
            return parse(text)
        except ValueError as error:
            self._problem(raw, field, str(error))
            return None

    def _text(self, raw: Row, name: str, limit: int) -> str:
        text = clean_text(self._cell(raw, self.columns[name]), single_line=True)
        if len(text) > limit:
            self._problem(raw, name, f"keep it to {limit} characters (it has {len(text)}).")
        elif unstorable(text):
            self._problem(raw, name, "it holds characters a board cannot store.")
        return text

    def _problem(self, raw: Row, field: str, message: str) -> None:
        self.problems.append(f"{self.source}:{raw.line}: {field}: {message}")

    @staticmethod
    def _cell(raw: Row, index: int | None) -> str:
        if index is None or index >= len(raw.cells):
            return ""
        return raw.cells[index]


def _not_yet_recorded(board: Board, rows: list[MeasurementRow]) -> list[MeasurementRow]:
    """``rows`` without those the board already holds (and without repeats in the file)."""
    seen: set[tuple] = set()
    for item_id in {row.item_id for row in rows}:
        for m in board.measurements(item_id):
            seen.add((m.item_id, m.measured_on, m.value, m.label, m.source))
    fresh = []
    for row in rows:
        identity = (row.item_id, row.measured_on, row.value, row.label, row.source)
        if identity not in seen:
            seen.add(identity)
            fresh.append(row)
    return fresh


def describe(plan: ResultsPlan) -> str:
    """A few lines a person reads before confirming (the CLI prints them)."""
    if plan.problems:
        return "\n".join(plan.problems)
    lines = [
        f"{plan.source}: {len(plan.rows):,} result{'s' if len(plan.rows) != 1 else ''} "
        f"for {plan.item_count:,} item{'s' if plan.item_count != 1 else ''}."
    ]
    lines += plan.notices
    return "\n".join(lines)
