"""Command line: ``ldboard [PATH]`` opens the GUI; sub-commands work without a display.

Exit codes: 0 success, 1 the board is unhealthy (damaged, broken references),
2 the file cannot be used or the command line is wrong.

A word that is neither a command nor an existing path nor a path ending in
``.ldboard`` is an unknown command: ``ldboard export`` must not quietly create
and open a board called "export".

The package keeps each group of commands in its own module: :mod:`.main` (the entry
point and dispatch), :mod:`.usage` (the command list), :mod:`.exporting`,
:mod:`.importing` with :mod:`.import_sources`, and :mod:`.maintenance` (check, backup,
new, salvage, demo). Nothing here loads Qt until a window is wanted.
"""

from ldboard.cli.exit_codes import EXIT_OK, EXIT_UNHEALTHY, EXIT_UNUSABLE
from ldboard.cli.exporting import export_board, export_iteration
from ldboard.cli.importing import import_board, import_into_board
from ldboard.cli.main import main
from ldboard.cli.maintenance import backup_board, check_board, new_board, salvage_board, write_demo
from ldboard.cli.usage import COMMANDS, SUBCOMMANDS

__all__ = [
    "COMMANDS",
    "EXIT_OK",
    "EXIT_UNHEALTHY",
    "EXIT_UNUSABLE",
    "SUBCOMMANDS",
    "backup_board",
    "check_board",
    "export_board",
    "export_iteration",
    "import_board",
    "import_into_board",
    "main",
    "new_board",
    "salvage_board",
    "write_demo",
]
