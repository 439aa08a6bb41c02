"""``ldboard import``: add a file's cards to a board (the kinds are in
:mod:`ldboard.cli.import_sources`), or create a new board from whole-board JSON.

Adding to a board creates it (with the default columns) if it is missing, refuses
while the board is open in the app, and removes a board it created when the import
is refused, so a failed import leaves nothing behind.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ldboard.cli.exit_codes import EXIT_OK, EXIT_UNUSABLE
from ldboard.cli.import_sources import SOURCES, SourceRefused, source_named
from ldboard.store import Board


def add_parser(commands: argparse._SubParsersAction) -> None:
    """One source per import; more kinds of source join the same exclusive group."""
    imported = commands.add_parser(
        "import",
        help="add a spreadsheet (CSV), a Trello export or results to a board, or create a "
        "board from whole-board JSON",
        description="--csv FILE adds the rows of a spreadsheet saved as CSV to BOARD as cards "
        "(docs/import-csv.md), and --trello FILE the cards of a Trello board's JSON export "
        "(docs/import-trello.md), creating BOARD with the default columns if it does not exist; "
        "--results FILE records the dated values of a results CSV on BOARD's items "
        "(docs/import-results.md). "
        "--json FILE creates the new board BOARD from what another program or "
        "'ldboard export PATH --format json' wrote; BOARD must not exist yet. Either way the "
        "board is written completely or not at all.",
    )
    imported.add_argument("path", type=Path, metavar="BOARD", help="the board to import into")
    source = imported.add_mutually_exclusive_group(required=True)
    for kind in SOURCES:
        source.add_argument(f"--{kind.option}", type=Path, metavar="FILE", help=kind.help)
    source.add_argument(
        "--json", type=Path, metavar="FILE", help="a whole-board JSON file (docs/board-json.md)"
    )
    imported.add_argument(
        "--create-columns",
        action="store_true",
        help="add the stages the board has no column for as new columns (--csv, --trello)",
    )
    imported.set_defaults(run=_run)


def _run(options: argparse.Namespace) -> int:
    for kind in SOURCES:
        if (source := getattr(options, kind.option)) is not None:
            return import_into_board(options.path, source, kind.option, options.create_columns)
    return import_board(options.path, options.json)


def import_into_board(path: Path, source: Path, kind: str, create_columns: bool) -> int:
    """Add what the ``kind`` file ``source`` holds (``kind`` names one of
    :data:`~ldboard.cli.import_sources.SOURCES`, e.g. "csv" or "trello") to the board
    ``path`` (created with the default columns if missing), in one transaction."""
    from ldboard.ops.importing import ImportRefused
    from ldboard.store import StorageError

    kind_of_file = source_named(kind)
    if not source.is_file():
        return _refuse(f"cannot read “{source}”: it does not exist.")
    if not kind_of_file.creates_board and not path.exists():
        return _refuse(f"“{path}” does not exist: results are added to the items of a board.")
    holder = _open_elsewhere(path)
    if holder is not None:
        return _refuse(
            f"“{path.name}” is open in ldboard (process {holder}): import from the app "
            "(File → Import) or close the board first."
        )
    created = not path.exists()
    board = Board.open(path)
    imported = False
    try:
        plan = kind_of_file.plan(board, source)
        summary = kind_of_file.apply(board, plan, source, create_columns)
        imported = True
    except (ImportRefused, SourceRefused) as error:
        return _refuse(str(error))
    except (OSError, StorageError) as error:
        return _refuse(getattr(error, "message", None) or str(error))
    finally:
        board.close()
        if created and not imported:  # a refused import leaves no new board behind
            _remove_board_files(path)
    for notice in plan.notices:
        print(f"ldboard import: {notice}", file=sys.stderr)
    print(summary)
    return EXIT_OK


def import_board(path: Path, source: Path) -> int:
    """Create the board ``path`` from the whole-board JSON file ``source``."""
    import sqlite3

    from ldboard.store.board_json import BoardJsonError
    from ldboard.store.board_json_import import DestinationError, import_board_json

    try:
        report = import_board_json(source, path)
    except (BoardJsonError, DestinationError) as error:
        message = str(error)
    except FileNotFoundError:
        message = f"cannot read “{source}”: it does not exist."
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or error
        message = f"cannot import “{source}” into “{path}”: {reason}."
    else:
        counts = report.rows
        print(
            f"Created the board {path} from {source.name}: "
            f"{counts['items']} items, {counts['events']} events"
        )
        return EXIT_OK
    print(f"ldboard import: {message} Nothing was written.", file=sys.stderr)
    return EXIT_UNUSABLE


def _open_elsewhere(path: Path) -> int | None:
    """The process that has ``path`` open in ldboard (its lock file names a live
    process), if any: writing under an open window would leave it out of date."""
    lock = path.with_name(path.name + ".lock")
    try:
        pid = int(lock.read_text(encoding="utf-8", errors="replace").split()[0])
        os.kill(pid, 0)
    except (OSError, ValueError, IndexError):
        return None
    return pid if pid != os.getpid() else None


def _remove_board_files(path: Path) -> None:
    """Delete the board ``path`` and SQLite's journal files beside it."""
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)


def _refuse(message: str) -> int:
    print(f"ldboard import: {message}\nNothing was written.", file=sys.stderr)
    return EXIT_UNUSABLE
