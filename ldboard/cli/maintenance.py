"""The commands that look after board files themselves rather than their contents:
``check``, ``backup``, ``new``, ``salvage`` and ``demo``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ldboard.cli.exit_codes import EXIT_OK, EXIT_UNHEALTHY, EXIT_UNUSABLE
from ldboard.paths import BOARD_SUFFIX
from ldboard.store import Board


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Register backup, check, demo, new and salvage, each with the function it runs."""
    backup = commands.add_parser(
        "backup", help="back a board up (default: into its rolling backup folder)"
    )
    backup.add_argument("path", type=Path, help="the board (only read)")
    backup.add_argument("-o", "--output", type=Path, help="write the backup to this file instead")
    backup.set_defaults(run=lambda options: backup_board(options.path, options.output))
    check = commands.add_parser("check", help="report on a board file's health")
    check.add_argument("path", type=Path)
    check.set_defaults(run=lambda options: check_board(options.path))
    demo = commands.add_parser("demo", help="write a new board with the demo content")
    demo.add_argument("path", type=Path)
    demo.set_defaults(run=lambda options: write_demo(options.path))
    new = commands.add_parser("new", help="create a new, empty board")
    new.add_argument("path", type=Path)
    new.set_defaults(run=lambda options: new_board(options.path))
    salvage = commands.add_parser(
        "salvage", help="copy what can be read of a damaged board into a new board"
    )
    salvage.add_argument("path", type=Path, help="the damaged board (only read)")
    salvage.add_argument("new", type=Path, help="the new board to write (must not exist)")
    salvage.set_defaults(run=lambda options: salvage_board(options.path, options.new))


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


def new_board(path: Path) -> int:
    """Create an empty board at ``path``; an existing, non-empty file is left alone."""
    if path.exists() and (path.is_dir() or path.stat().st_size):
        print(f"ldboard: {path} already exists; choose a new file name.", file=sys.stderr)
        return EXIT_UNUSABLE
    Board.open(path).close()
    print(f"Created the board {path}")
    return EXIT_OK


def salvage_board(damaged: Path, destination: Path) -> int:
    """Copy what can be read of ``damaged`` into the new board ``destination``."""
    from ldboard.store.recovery import salvage

    report = salvage(damaged, destination)
    print(report.summary())
    return EXIT_OK


def write_demo(path: Path) -> int:
    """Write a new board filled with the demo content; an existing file is left alone."""
    from ldboard.store.demo import create_demo_board

    if path.exists() and path.stat().st_size:
        print(f"ldboard: {path} already exists; choose a new file name.", file=sys.stderr)
        return EXIT_UNUSABLE
    create_demo_board(path).close()
    print(f"Wrote the demo board to {path}")
    return EXIT_OK
