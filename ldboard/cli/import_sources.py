"""The kinds of file ``ldboard import BOARD --KIND FILE`` adds to a board (cards, or
results of its cards), in one table: the option, its help and the dispatch all
follow from :data:`SOURCES`.

To add a kind, write a planner that reads the file into a plan (writing nothing;
it has ``problems`` and ``notices``) and raises :class:`SourceRefused` for a file
it cannot use, and an applier that writes a plan as one change and says what it
did; then add a :class:`FileSource` for them to :data:`SOURCES`. Each function
imports what it needs itself, so a command that never imports loads none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ldboard.store import Board


class SourceRefused(Exception):
    """The file cannot be imported; the message says why and is shown as it is."""


@dataclass(frozen=True)
class FileSource:
    """One kind of file: ``--{option} FILE`` on the command line."""

    option: str
    help: str
    plan: Callable[[Board, Path], Any]
    #: Writes a plan (``create_columns`` as given) and returns the line that says what it did.
    apply: Callable[[Board, Any, Path, bool], str]
    #: Whether the board may be created for the import (results need its items).
    creates_board: bool = True


def _add_items(board: Board, plan: Any, source: Path, create_columns: bool) -> str:
    from ldboard.io.csv_import import import_items, import_summary

    if plan.new_columns and not plan.problems and not create_columns:
        names = ", ".join(f"“{name}”" for name in plan.new_columns)
        raise SourceRefused(
            f"{source.name}: the stages {names} are not columns of “{board.path.name}”. "
            "Add --create-columns to create them."
        )
    summary = import_summary(import_items(board, plan, create_columns=create_columns))
    return f"{summary[:-1]} into {board.path} from {source.name}."


def _plan_results(board: Board, source: Path) -> Any:
    from ldboard.io.results_import import plan_results_file

    return plan_results_file(board, source)


def _record_results(board: Board, plan: Any, source: Path, create_columns: bool) -> str:
    from ldboard.io.results_import import import_results, results_summary

    if not plan.problems and not plan.rows:  # all recorded before: nothing to do is no error
        return f"{source.name} → {board.path}: nothing new to record."
    summary = results_summary(import_results(board, plan))
    return f"{source.name} → {board.path}: {summary}"


def _plan_csv(board: Board, source: Path) -> Any:
    from ldboard.io.csv_import import plan_csv_file

    return plan_csv_file(board, source)


def _plan_trello(board: Board, source: Path) -> Any:
    from ldboard.io.trello_import import TrelloError, read_trello_file
    from ldboard.io.trello_import.plan import plan_trello

    try:
        return plan_trello(board, read_trello_file(source))
    except TrelloError as error:
        raise SourceRefused(str(error)) from error


#: The kinds of file added to a board, in the order ``--help`` lists them.
SOURCES = (
    FileSource("csv", "a spreadsheet saved as CSV (docs/import-csv.md)", _plan_csv, _add_items),
    FileSource(
        "trello", "a Trello board's JSON export (docs/import-trello.md)", _plan_trello, _add_items
    ),
    FileSource(
        "results",
        "results from a learning platform or survey tool, as CSV: one dated value per row "
        "for an item named by key or title (docs/import-results.md)",
        _plan_results,
        _record_results,
        creates_board=False,
    ),
)


def source_named(option: str) -> FileSource:
    """The kind of file given as ``--{option}``."""
    return {source.option: source for source in SOURCES}[option]
