"""Command line: ``ldboard [PATH]`` opens the GUI; sub-commands work without a display.

Exit codes: 0 success, 1 the board is unhealthy, 2 the file cannot be used or
the command line is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ldboard import __version__
from ldboard.paths import default_board_path
from ldboard.store import Board, BoardFileError

EXIT_OK, EXIT_UNHEALTHY, EXIT_UNUSABLE = 0, 1, 2
SUBCOMMANDS = ("check", "demo")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        return _run_subcommand(args)
    parser = argparse.ArgumentParser(
        prog="ldboard",
        description="Plan learning initiatives on a Kanban board stored in one SQLite file.",
        epilog="Sub-commands: 'ldboard check PATH' checks a board file; "
        "'ldboard demo PATH' writes a new board filled with the demo content.",
    )
    parser.add_argument("--version", action="version", version=f"ldboard {__version__}")
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help=f"board file to open or create (default: {default_board_path()})",
    )
    options, qt_args = parser.parse_known_args(args)
    from ldboard.ui.app import run  # Qt is only imported when a window is wanted

    return run(options.path, qt_args)


def _run_subcommand(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ldboard")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="report on a board file's health")
    check.add_argument("path", type=Path)
    demo = commands.add_parser("demo", help="write a new board with the demo content")
    demo.add_argument("path", type=Path)
    options = parser.parse_args(args)
    if options.command == "check":
        return check_board(options.path)
    return write_demo(options.path)


def check_board(path: Path) -> int:
    """Print schema version, item counts and SQLite's integrity check."""
    try:
        board = Board.open(path, create=False)
    except BoardFileError as error:
        print(f"ldboard: {error.message}", file=sys.stderr)
        return EXIT_UNUSABLE
    with board:
        integrity = board.integrity_check()
        foreign_keys = board.foreign_key_problems()
        print(f"board:          {path}")
        print(f"name:           {board.name}")
        print(f"schema version: {board.schema_version()}")
        print(
            f"items:          {board.item_count()} on the board, "
            f"{board.item_count(archived=True)} archived"
        )
        print(f"columns:        {len(board.columns())}")
        print(f"integrity:      {'; '.join(integrity)}")
        print(f"foreign keys:   {'ok' if not foreign_keys else f'{len(foreign_keys)} broken'}")
    return EXIT_OK if integrity == ["ok"] and not foreign_keys else EXIT_UNHEALTHY


def write_demo(path: Path) -> int:
    from ldboard.store.demo import create_demo_board

    if path.exists() and path.stat().st_size:
        print(f"ldboard: {path} already exists; choose a new file name.", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        create_demo_board(path).close()
    except BoardFileError as error:
        print(f"ldboard: {error.message}", file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"Wrote the demo board to {path}")
    return EXIT_OK
