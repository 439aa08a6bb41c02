"""``ldboard export``: an iteration's summary (Markdown, HTML, PDF, CSV or JSON), the
requests report (Markdown or CSV), or the whole board as JSON. The board is only ever
read, never written or locked, so an export is safe while the board is open in the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ldboard.cli.exit_codes import EXIT_OK, EXIT_UNUSABLE
from ldboard.store import Board, BoardFileError


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register ``export``; with --iteration it writes a summary, without it the board."""
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
        "--requests",
        action="store_true",
        help="write the requests report instead: every request by triage state, with its "
        "requester and outcome (md or csv)",
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
    export.set_defaults(run=_run)


def _run(options: argparse.Namespace) -> int:
    if options.requests:
        if options.iteration is not None:
            return _refuse("--requests and --iteration write different reports: give one.")
        return export_requests(options.path, options.format, options.output)
    if options.iteration is None:
        return export_board(options.path, options.format, options.output)
    return export_iteration(
        options.path, options.iteration, options.format, options.output, options.page_size
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
        return _refuse(_cannot_write(output, error))
    print(f"Wrote the summary of “{summary.name}” to {output}")
    return EXIT_OK


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
        return _refuse(_cannot_write(output, error))
    except sqlite3.Error as error:
        return _refuse(f"{path.name} cannot be read to the end: {error}.")
    finally:
        board.close()
    print(f"Wrote the whole board to {output}")
    return EXIT_OK


def export_requests(path: Path, fmt: str | None, output: Path) -> int:
    """Write the requests report (Markdown or CSV). Reads the board, never writes it."""
    from ldboard.io.atomic import write_atomically
    from ldboard.io.export import format_for
    from ldboard.io.requests_report import FORMATS, render_requests

    chosen = (fmt or "").strip().lower().lstrip(".") or format_for(output)
    if chosen not in FORMATS:
        return _refuse(
            f"the requests report is written as {' or '.join(FORMATS)}: give --format md or "
            "--format csv, or end the file name in .md or .csv."
        )
    if (unwritable := _unwritable_output(output)) is not None:
        return _refuse(unwritable)
    board = _open_read_only(path)
    try:
        data = render_requests(board.name, board.requests(), chosen)
        count = len(board.requests())
    finally:
        board.close()
    try:
        write_atomically(output, data)
    except OSError as error:
        return _refuse(_cannot_write(output, error))
    print(f"Wrote {count} request{'s' if count != 1 else ''} to {output}")
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


def _cannot_write(output: Path, error: OSError) -> str:
    return (
        f"cannot write “{output}”: {error.strerror or error}. "
        "Choose a folder you can write to, or free some space."
    )


def _refuse(message: str) -> int:
    print(f"ldboard export: {message}", file=sys.stderr)
    return EXIT_UNUSABLE
