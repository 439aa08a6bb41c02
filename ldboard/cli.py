"""Command line: ``ldboard [PATH]`` opens the GUI; sub-commands work without a display.

Exit codes: 0 success, 1 the board is unhealthy (damaged, broken references),
2 the file cannot be used or the command line is wrong.

A word that is neither a command nor an existing path nor a path ending in
``.ldboard`` is an unknown command: ``ldboard export`` must not quietly create
and open a board called "export".
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ldboard import __version__
from ldboard.paths import BOARD_SUFFIX, default_board_path
from ldboard.store import Board, BoardFileError

EXIT_OK, EXIT_UNHEALTHY, EXIT_UNUSABLE = 0, 1, 2
#: Each sub-command with the line ``ldboard --help`` and "unknown command" show for it.
COMMANDS = {
    "backup": "backup PATH [-o FILE]\n"
    + " " * 30
    + "back the board up, verified (default: into its rolling backup folder)",
    "check": "check PATH          report on a board file's health (never changes it)",
    "demo": "demo PATH           write a new board filled with the demo content",
    "export": "export PATH --iteration NAME|ID|current|last [--format F] -o OUT\n"
    + " " * 30
    + "write an iteration's summary (md, html, pdf, csv or json)\n"
    + "  ldboard export PATH --format json -o OUT\n"
    + " " * 30
    + "write the whole board as JSON (backup, exchange)",
    "import": "import BOARD --csv FILE [--create-columns]\n"
    + " " * 30
    + "add a spreadsheet's rows to BOARD as cards (created if missing)\n"
    + "  ldboard import BOARD --trello FILE [--create-columns]\n"
    + " " * 30
    + "add a Trello board's export to BOARD (created if missing)\n"
    + "  ldboard import NEW --json FILE\n"
    + " " * 30
    + "create the new board NEW from a whole-board JSON file",
    "new": "new PATH            create a new, empty board",
    "salvage": "salvage PATH NEW    copy what can be read of a damaged board into a new one",
}
SUBCOMMANDS = tuple(COMMANDS)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return _run_subcommand(args)
    parser = argparse.ArgumentParser(
        prog="ldboard",
        description="Plan learning initiatives on a Kanban board stored in one SQLite file.",
        epilog="Commands:\n" + "\n".join(f"  ldboard {line}" for line in COMMANDS.values()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ldboard {__version__}")
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help=f"board file to open, or to create if it ends in {BOARD_SUFFIX} "
        f"(default: {default_board_path()})",
    )
    options, qt_args = parser.parse_known_args(args)
    if options.path is not None and not _is_board_path(options.path):
        return _unknown_command(str(options.path))
    from ldboard.ui.shell.app import run  # Qt is only imported when a window is wanted

    try:
        return run(options.path, qt_args)
    except BoardFileError as error:
        return _unusable(error)


def _is_board_path(path: Path) -> bool:
    """An existing file or folder, or a new file whose name ends in ``.ldboard``."""
    return path.exists() or path.suffix.lower() == BOARD_SUFFIX


def _unknown_command(word: str) -> int:
    print(f"ldboard: unknown command “{word}”.", file=sys.stderr)
    print("Commands:", file=sys.stderr)
    for line in COMMANDS.values():
        print(f"  ldboard {line}", file=sys.stderr)
    print(
        f"To open a board, give its path; to create one, give a path ending in {BOARD_SUFFIX} "
        "or use 'ldboard new PATH'.",
        file=sys.stderr,
    )
    return EXIT_UNUSABLE


def _unusable(error: BoardFileError) -> int:
    print(f"ldboard: {error.message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _run_subcommand(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ldboard")
    commands = parser.add_subparsers(dest="command", required=True)
    backup = commands.add_parser(
        "backup", help="back a board up (default: into its rolling backup folder)"
    )
    backup.add_argument("path", type=Path, help="the board (only read)")
    backup.add_argument("-o", "--output", type=Path, help="write the backup to this file instead")
    check = commands.add_parser("check", help="report on a board file's health")
    check.add_argument("path", type=Path)
    demo = commands.add_parser("demo", help="write a new board with the demo content")
    demo.add_argument("path", type=Path)
    new = commands.add_parser("new", help="create a new, empty board")
    new.add_argument("path", type=Path)
    salvage = commands.add_parser(
        "salvage", help="copy what can be read of a damaged board into a new board"
    )
    salvage.add_argument("path", type=Path, help="the damaged board (only read)")
    salvage.add_argument("new", type=Path, help="the new board to write (must not exist)")
    _add_export_parser(commands)
    _add_import_parser(commands)
    options = parser.parse_args(args)
    try:
        if options.command == "export" and options.iteration is None:
            return export_board(options.path, options.format, options.output)
        if options.command == "export":
            return export_iteration(
                options.path, options.iteration, options.format, options.output, options.page_size
            )
        if options.command == "import" and (options.csv or options.trello) is not None:
            kind = "csv" if options.csv is not None else "trello"
            source = options.csv if options.csv is not None else options.trello
            return import_into_board(options.path, source, kind, options.create_columns)
        if options.command == "import":
            return import_board(options.path, options.json)
        if options.command == "check":
            return check_board(options.path)
        if options.command == "backup":
            return backup_board(options.path, options.output)
        if options.command == "new":
            return new_board(options.path)
        if options.command == "salvage":
            return salvage_board(options.path, options.new)
        return write_demo(options.path)
    except BoardFileError as error:
        return _unusable(error)


def _add_export_parser(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="write an iteration's summary (Markdown, HTML, PDF, CSV or JSON), "
        "or the whole board as JSON",
        description="With --iteration: write the summary of a closed iteration (as it was at "
        "close) or of the running one (so far). Without it: write the whole board as JSON "
        "(docs/board-json.md), which 'ldboard import' turns back into a board. "
        "The board is only read.",
    )
    export.add_argument("path", type=Path, help="the board file (only read)")
    export.add_argument(
        "--iteration",
        help="the iteration: its name, its id, 'current' (the running one) or 'last' "
        "(the one closed last); without it, the whole board is written (JSON only)",
    )
    export.add_argument(
        "--format",
        help="md, html, pdf, csv or json (default: from the extension of OUT)",
    )
    export.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    export.add_argument(
        "--page-size",
        choices=("A4", "Letter"),
        default="A4",
        help="paper for PDF (default: A4)",
    )


def export_iteration(
    path: Path, iteration: str, fmt: str | None, output: Path, page_size: str = "A4"
) -> int:
    """Write an iteration's summary to ``output``. Reads the board, never writes it."""
    from ldboard.io.export import KNOWN_FORMATS, export_summary, format_for
    from ldboard.io.summary import SummaryError, build_summary, find_iteration

    chosen = (fmt or "").strip().lower().lstrip(".") or format_for(output)
    if chosen is None:
        return _refuse(
            f"cannot tell the format from “{output.name}”: give --format "
            f"({', '.join(KNOWN_FORMATS)}) or end the file name in .md, .html, .pdf, .csv or .json."
        )
    if chosen not in KNOWN_FORMATS:
        return _refuse(f"unknown format “{fmt}”: choose one of {', '.join(KNOWN_FORMATS)}.")
    if (unwritable := _unwritable_output(output)) is not None:
        return _refuse(unwritable)
    board = _open_read_only(path)
    try:
        try:
            found = find_iteration(board, iteration)
            summary = build_summary(board, found.id)
        except SummaryError as error:
            return _refuse(f"{path.name}: {error}")
    finally:
        board.close()
    try:
        export_summary(summary, chosen, output, page_size=page_size)
    except OSError as error:
        return _refuse(
            f"cannot write “{output}”: {error.strerror or error}. "
            "Choose a folder you can write to, or free some space."
        )
    print(f"Wrote the summary of “{summary.name}” to {output}")
    return EXIT_OK


def _open_read_only(path: Path) -> Board:
    """The board at ``path``, read into memory the way a read-only board is: nothing is
    written to the file or beside it, and an older board is upgraded in the copy only."""
    from ldboard.store.inspect import FileState, inspect_board_file
    from ldboard.store.opening import open_in_memory_copy

    state = inspect_board_file(path)
    if state is FileState.MISSING:
        raise BoardFileError(path, f"“{path}” does not exist.")
    if state is FileState.EMPTY:
        raise BoardFileError(path, f"“{path}” is empty: it does not hold a board.")
    board = Board(open_in_memory_copy(path), path)
    board.read_only = True
    board.read_only_reason = "exports only read the board."
    return board


def _unwritable_output(output: Path) -> str | None:
    """Why ``output`` cannot be written at all (checked before any work), if it cannot."""
    if output.is_dir():
        return f"“{output}” is a folder: give the path of the file to write."
    if not output.parent.is_dir():
        return f"cannot write “{output}”: the folder {output.parent} does not exist."
    return None


def _refuse(message: str) -> int:
    print(f"ldboard export: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def export_board(path: Path, fmt: str | None, output: Path) -> int:
    """Write the whole board as JSON (docs/board-json.md). Reads the board, never writes it."""
    import sqlite3

    from ldboard.io.board_json_export import write_board_json
    from ldboard.io.export import format_for

    chosen = (fmt or "").strip().lower().lstrip(".") or format_for(output)
    if chosen != "json":
        return _refuse(
            "without --iteration the whole board is written, and only as JSON: "
            "give --format json, or --iteration NAME for an iteration's summary."
        )
    if (unwritable := _unwritable_output(output)) is not None:
        return _refuse(unwritable)
    board = _open_read_only(path)
    try:
        write_board_json(board.connection, output)
    except OSError as error:
        return _refuse(
            f"cannot write “{output}”: {error.strerror or error}. "
            "Choose a folder you can write to, or free some space."
        )
    except sqlite3.Error as error:
        return _refuse(f"{path.name} cannot be read to the end: {error}.")
    finally:
        board.close()
    print(f"Wrote the whole board to {output}")
    return EXIT_OK


def _add_import_parser(commands: argparse._SubParsersAction) -> None:
    """One source per import; more kinds of source join the same exclusive group."""
    imported = commands.add_parser(
        "import",
        help="add a spreadsheet (CSV) or a Trello export to a board, or create a board "
        "from whole-board JSON",
        description="--csv FILE adds the rows of a spreadsheet saved as CSV to BOARD as cards "
        "(docs/import-csv.md), and --trello FILE the cards of a Trello board's JSON export "
        "(docs/import-trello.md), creating BOARD with the default columns if it does not exist. "
        "--json FILE creates the new board BOARD from what another program or "
        "'ldboard export PATH --format json' wrote; BOARD must not exist yet. Either way the "
        "board is written completely or not at all.",
    )
    imported.add_argument("path", type=Path, metavar="BOARD", help="the board to import into")
    source = imported.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--csv", type=Path, metavar="FILE", help="a spreadsheet saved as CSV (docs/import-csv.md)"
    )
    source.add_argument(
        "--trello",
        type=Path,
        metavar="FILE",
        help="a Trello board's JSON export (docs/import-trello.md)",
    )
    source.add_argument(
        "--json", type=Path, metavar="FILE", help="a whole-board JSON file (docs/board-json.md)"
    )
    imported.add_argument(
        "--create-columns",
        action="store_true",
        help="add the stages the board has no column for as new columns (--csv, --trello)",
    )


def import_into_board(path: Path, source: Path, kind: str, create_columns: bool) -> int:
    """Add what the ``kind`` ("csv" or "trello") file ``source`` holds to the board
    ``path`` (created with the default columns if missing), in one transaction."""
    from ldboard.io.csv_import import ImportRefused, import_items, import_summary, plan_csv_file
    from ldboard.io.trello_import import TrelloError, read_trello_file
    from ldboard.io.trello_import.plan import plan_trello
    from ldboard.store import StorageError

    if not source.is_file():
        return _refuse_import(f"cannot read “{source}”: it does not exist.")
    holder = _open_elsewhere(path)
    if holder is not None:
        return _refuse_import(
            f"“{path.name}” is open in ldboard (process {holder}): import from the app "
            "(File → Import) or close the board first."
        )
    created = not path.exists()
    board = Board.open(path)
    imported = False
    try:
        if kind == "trello":
            plan = plan_trello(board, read_trello_file(source))
        else:
            plan = plan_csv_file(board, source)
        if plan.new_columns and not plan.problems and not create_columns:
            names = ", ".join(f"“{name}”" for name in plan.new_columns)
            return _refuse_import(
                f"{source.name}: the stages {names} are not columns of “{path.name}”. "
                "Add --create-columns to create them."
            )
        change = import_items(board, plan, create_columns=create_columns)
        imported = True
    except (ImportRefused, TrelloError) as error:
        return _refuse_import(str(error))
    except (OSError, StorageError) as error:
        return _refuse_import(getattr(error, "message", None) or str(error))
    finally:
        board.close()
        if created and not imported:  # a refused import leaves no new board behind
            for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
    for notice in plan.notices:
        print(f"ldboard import: {notice}", file=sys.stderr)
    print(f"{import_summary(change)[:-1]} into {path} from {source.name}.")
    return EXIT_OK


def _refuse_import(message: str) -> int:
    print(f"ldboard import: {message}\nNothing was written.", file=sys.stderr)
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


def check_board(path: Path) -> int:
    """Print schema version, item counts and SQLite's integrity check. Writes nothing."""
    from ldboard.store.checking import check_board_file
    from ldboard.store.recovery import latest_backup

    health = check_board_file(path)
    print(f"board:          {path}")
    if health.name is not None:
        print(f"name:           {health.name}")
    if health.schema_version is not None:
        print(f"schema version: {health.schema_version}")
    if health.items is not None:
        print(f"items:          {health.items} on the board, {health.archived} archived")
    if health.columns is not None:
        print(f"columns:        {health.columns}")
    print(f"integrity:      {'ok' if not health.findings else 'DAMAGED'}")
    for finding in health.findings:
        print(f"  - {finding}")
    broken = health.broken_references
    if broken is None:
        print("foreign keys:   not checked (the board is damaged)")
    else:
        print(f"foreign keys:   {'ok' if not broken else f'{broken} broken'}")
    for note in health.notes:
        print(f"note:           {note}")
    _print_latest_backups(path)
    if health.findings:
        backup = latest_backup(path)
        if backup is not None:
            print(f"backup:         {backup}")
        salvaged = path.with_name(f"{path.stem} (salvaged){BOARD_SUFFIX}")
        print(
            "what to do:     open a backup copy, or copy what can be read into a new "
            f"board: ldboard salvage '{path}' '{salvaged}'"
        )
    return EXIT_OK if health.healthy else EXIT_UNHEALTHY


def backup_board(path: Path, output: Path | None = None) -> int:
    """Back the board up with SQLite's backup API, verified; print where it went."""
    from ldboard.store.errors import StorageError
    from ldboard.store.rolling_backups import make_backup

    try:
        written = make_backup(path, output=output)
    except StorageError as error:
        print(f"ldboard backup: {error.message}", file=sys.stderr)
        return EXIT_UNUSABLE
    print(written)
    return EXIT_OK


def _print_latest_backups(path: Path, shown: int = 3) -> None:
    """The newest rolling backups: when, and how many items each holds."""
    from ldboard.store.rolling_backups import backup_folder, list_backups

    backups = list_backups(path)
    if not backups:
        print(f"backups:        none yet (they go to {backup_folder(path)})")
        return
    print(f"backups:        {len(backups)} in {backups[0].path.parent}, the latest:")
    for info in backups[:shown]:
        items = "unreadable" if info.items is None else f"{info.items} items"
        print(f"  - {info.time:%Y-%m-%d %H:%M} UTC, {items}")


def new_board(path: Path) -> int:
    if path.exists() and (path.is_dir() or path.stat().st_size):
        print(f"ldboard: {path} already exists; choose a new file name.", file=sys.stderr)
        return EXIT_UNUSABLE
    Board.open(path).close()
    print(f"Created the board {path}")
    return EXIT_OK


def salvage_board(damaged: Path, destination: Path) -> int:
    from ldboard.store.recovery import salvage

    report = salvage(damaged, destination)
    print(report.summary())
    return EXIT_OK


def write_demo(path: Path) -> int:
    from ldboard.store.demo import create_demo_board

    if path.exists() and path.stat().st_size:
        print(f"ldboard: {path} already exists; choose a new file name.", file=sys.stderr)
        return EXIT_UNUSABLE
    create_demo_board(path).close()
    print(f"Wrote the demo board to {path}")
    return EXIT_OK
