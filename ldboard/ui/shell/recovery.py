"""What the app offers when a board file turns out to be damaged.

A damaged board is never written to. The person can instead open a copy of
the latest backup, or save every row that can still be read into a new board;
either way they keep working in a new, healthy file and the damaged one stays
exactly as it was (for a specialist, or a later attempt).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ldboard.store import BoardFileError
from ldboard.store.errors import DamagedBoardError
from ldboard.store.recovery import copy_board, latest_backup, salvage
from ldboard.ui.common.prompts import Prompter

TITLE = "Board file is damaged"


def offer_recovery(error: DamagedBoardError, prompter: Prompter) -> Path | None:
    """Explain the damage and offer a way out; return a healthy board to open instead.

    ``None`` means the person chose neither (or the recovery could not be made,
    which has then been explained).
    """
    damaged = error.path
    backup = latest_backup(damaged)
    options = []
    if backup is not None:
        options.append("Open a Copy of the Latest Backup")
    options.append("Save What Can Be Read…")
    detail = (
        f"ldboard has not changed “{damaged.name}”. "
        + (
            f"The latest backup is “{backup.name}”. "
            if backup is not None
            else "No backup of it was found. "
        )
        + "You can also copy everything that can still be read into a new board."
    )
    choice = prompter.ask(TITLE, error.message, options, detail)
    if choice is None:
        return None
    if backup is not None and choice == 0:
        return _copy_of_backup(backup, damaged, prompter)
    return _save_what_can_be_read(damaged, prompter)


def _free_name(folder: Path, stem: str) -> Path:
    candidate = folder / f"{stem}.ldboard"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} {number}.ldboard"
        number += 1
    return candidate


def _copy_of_backup(backup: Path, damaged: Path, prompter: Prompter) -> Path | None:
    destination = _free_name(damaged.parent, f"{damaged.stem} (from backup)")
    try:
        copy_board(backup, destination)
    except (BoardFileError, OSError, sqlite3.Error) as error:
        message = error.message if isinstance(error, BoardFileError) else str(error)
        prompter.warn(TITLE, f"The backup could not be copied: {message}")
        return None
    prompter.inform(
        TITLE,
        f"Opened “{destination.name}”, a copy of the backup “{backup.name}”. "
        f"“{damaged.name}” was left as it was.",
    )
    return destination


def _save_what_can_be_read(damaged: Path, prompter: Prompter) -> Path | None:
    suggested = _free_name(damaged.parent, f"{damaged.stem} (recovered)")
    destination = prompter.save_path("Save what can be read", suggested)
    if destination is None:
        return None
    if destination.resolve() == damaged.resolve() or destination.exists():
        prompter.warn(TITLE, "Choose a new file name: the recovered board is never written over.")
        return None
    try:
        report = salvage(damaged, destination)
    except (BoardFileError, OSError, sqlite3.Error) as error:
        message = error.message if isinstance(error, BoardFileError) else str(error)
        prompter.warn(TITLE, f"Nothing could be saved: {message}")
        return None
    prompter.inform(TITLE, report.summary())
    return destination
