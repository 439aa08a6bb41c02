"""The entry point: decide between opening the window and running a sub-command,
and turn a board that cannot be used into exit code 2 with one plain sentence.

Each sub-command module registers its own parser and, through ``set_defaults(run=...)``,
the function that carries it out, so this module never needs to know their options.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ldboard import __version__
from ldboard.cli import exporting, importing, maintenance
from ldboard.cli.exit_codes import EXIT_UNUSABLE
from ldboard.cli.usage import COMMANDS, command_list, unknown_command
from ldboard.paths import BOARD_SUFFIX, default_board_path
from ldboard.store import BoardFileError


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``ldboard`` with ``argv`` (default: the process's arguments); the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return _run_subcommand(args)
    parser = argparse.ArgumentParser(
        prog="ldboard",
        description="Plan learning initiatives on a Kanban board stored in one SQLite file.",
        epilog="Commands:\n" + command_list(),
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
        return unknown_command(str(options.path))
    from ldboard.ui.shell.app import run  # Qt is only imported when a window is wanted

    try:
        return run(options.path, qt_args)
    except BoardFileError as error:
        return _unusable(error)


def _is_board_path(path: Path) -> bool:
    """An existing file or folder, or a new file whose name ends in ``.ldboard``."""
    return path.exists() or path.suffix.lower() == BOARD_SUFFIX


def _unusable(error: BoardFileError) -> int:
    print(f"ldboard: {error.message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _run_subcommand(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ldboard")
    commands = parser.add_subparsers(dest="command", required=True)
    maintenance.add_parsers(commands)
    exporting.add_parser(commands)
    importing.add_parser(commands)
    options = parser.parse_args(args)
    try:
        return options.run(options)
    except BoardFileError as error:
        return _unusable(error)
