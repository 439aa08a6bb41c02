"""Copies of a board: "Save a copy" and the backup written before an upgrade.

Copies are made with SQLite's backup API (never a raw file copy, which can miss
what is still in the WAL), into a temporary file beside the destination that is
moved into place only once complete (see ``store/files.py``). A copy is a
single self-contained file in rollback-journal mode.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from ldboard.store.files import move_into_place, temporary_beside

#: ``NAME (before upgrade to format 3).ldboard`` beside ``NAME.ldboard``.
UPGRADE_BACKUP = "{stem} (before upgrade to format {version}){suffix}"


def write_copy(source: sqlite3.Connection, destination: Path) -> Path:
    """Copy the database on ``source`` to ``destination``, atomically replacing it.

    Raises ``OSError`` or ``sqlite3.Error`` when the copy cannot be written (the
    destination is then unchanged), and ``BoardFileError`` when the destination
    is in use by another program.
    """
    with temporary_beside(destination) as temporary:
        target = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        move_into_place(temporary, destination)
    return destination


def upgrade_backup_path(path: Path, version: int) -> Path:
    """Where the copy of ``path`` taken before upgrading it to ``version`` goes.

    An existing file is never overwritten: a second copy gets a number.
    """
    name = UPGRADE_BACKUP.format(stem=path.stem, version=version, suffix=path.suffix)
    candidate = path.with_name(name)
    number = 2
    while candidate.exists():
        numbered = f"{Path(name).stem} {number}{path.suffix}"
        candidate = path.with_name(numbered)
        number += 1
    return candidate


def backup_name_pattern(path: Path) -> re.Pattern[str]:
    """File names of ldboard's backups of ``path``: ``NAME (before …)[ N].EXT``."""
    return re.compile(
        rf"^{re.escape(path.stem)} \((?:before |backup)[^)]*\)(?: \d+)?{re.escape(path.suffix)}$"
    )
