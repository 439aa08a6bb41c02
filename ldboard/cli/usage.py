"""The one-line summary of each sub-command, kept in one table so that
``ldboard --help`` and the "unknown command" message always list the same thing."""

from __future__ import annotations

import sys

from ldboard.cli.exit_codes import EXIT_UNUSABLE
from ldboard.paths import BOARD_SUFFIX

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
    + "  ldboard export PATH --requests [--format md|csv] -o OUT\n"
    + " " * 30
    + "write the requests report: every request by triage state\n"
    + "  ldboard export PATH --format json -o OUT\n"
    + " " * 30
    + "write the whole board as JSON (backup, exchange)",
    "import": "import BOARD --csv FILE [--create-columns]\n"
    + " " * 30
    + "add a spreadsheet's rows to BOARD as cards (created if missing)\n"
    + "  ldboard import BOARD --trello FILE [--create-columns]\n"
    + " " * 30
    + "add a Trello board's export to BOARD (created if missing)\n"
    + "  ldboard import BOARD --results FILE\n"
    + " " * 30
    + "record an LMS or survey export's results on BOARD's items\n"
    + "  ldboard import NEW --json FILE\n"
    + " " * 30
    + "create the new board NEW from a whole-board JSON file",
    "new": "new PATH            create a new, empty board",
    "salvage": "salvage PATH NEW    copy what can be read of a damaged board into a new one",
}
SUBCOMMANDS = tuple(COMMANDS)


def command_list() -> str:
    """The commands, one summary each, as ``--help`` ends with them."""
    return "\n".join(f"  ldboard {line}" for line in COMMANDS.values())


def unknown_command(word: str) -> int:
    """Say that ``word`` is no command (rather than a board to create) and list the commands."""
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
