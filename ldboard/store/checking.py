"""A board's health, found without writing anything (``ldboard check``).

Checking never writes to the board nor beside it: no upgrade, no journal-mode
change, no merge of a WAL into the file, no ``-wal``/``-shm`` created. The board
is read through ``store/snapshot.py``; a crashed session's WAL is merged into a
private copy so that the check covers those changes too.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ldboard.store.connection import integrity_check, is_damage, user_version
from ldboard.store.errors import BoardFileError
from ldboard.store.inspect import FileState, inspect_board_file
from ldboard.store.opening import read_only_reason
from ldboard.store.schema import APPLICATION_ID, SCHEMA_VERSION
from ldboard.store.snapshot import readable_copy


@dataclass
class BoardHealth:
    """What ``ldboard check`` reports. ``findings`` lists damage; empty when healthy."""

    path: Path
    name: str | None = None
    schema_version: int | None = None
    items: int | None = None
    archived: int | None = None
    columns: int | None = None
    findings: list[str] = field(default_factory=list)
    #: Rows pointing at missing rows (``None``: damage kept them from being checked).
    broken_references: int | None = 0
    notes: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.findings and not self.broken_references


def check_board_file(path: Path) -> BoardHealth:
    """Check the board at ``path``; raises ``BoardFileError`` if it is not a usable board."""
    state = inspect_board_file(path)
    if state is FileState.MISSING:
        raise BoardFileError(path, f"“{path}” does not exist.")
    if state is FileState.EMPTY:
        raise BoardFileError(path, f"“{path}” is empty: it does not hold a board.")
    health = BoardHealth(path)
    try:
        with readable_copy(path) as readable:
            if readable.merged_changes:
                health.notes.append(_pending_note(readable.pending))
            _examine(readable.conn, health)
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise BoardFileError(path, f"“{path.name}” cannot be read: {error}.") from error
        health.findings.append(str(error))
    if health.schema_version is not None and health.schema_version < SCHEMA_VERSION:
        health.notes.append(
            f"File format {health.schema_version}: ldboard will upgrade it to format "
            f"{SCHEMA_VERSION} when it opens it, after writing a copy beside it."
        )
    reason = read_only_reason(path)
    if reason:
        health.notes.append(f"{reason} ldboard will open it read-only.")
    return health


def _examine(conn: sqlite3.Connection, health: BoardHealth) -> None:
    """Fill in ``health``; damage met on the way becomes a finding, not an exception.

    Each part is read on its own, so a damaged table does not hide the rest.
    """
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        health.findings.append("the application id is not ldboard's")
        return
    health.schema_version = user_version(conn)
    with _damage_noted(health, "integrity"):
        health.findings.extend(integrity_check(conn))
    for label, sql in (
        ("name", "SELECT value FROM meta WHERE key = 'board_name'"),
        ("items", "SELECT count(*) FROM items WHERE archived_at IS NULL"),
        ("archived", "SELECT count(*) FROM items WHERE archived_at IS NOT NULL"),
        ("columns", "SELECT count(*) FROM columns"),
    ):
        with _damage_noted(health, label):
            found = conn.execute(sql).fetchone()
            setattr(health, label, found[0] if found else None)
    health.broken_references = None
    with _damage_noted(health, "references"):
        health.broken_references = len(conn.execute("PRAGMA foreign_key_check").fetchall())


@contextlib.contextmanager
def _damage_noted(health: BoardHealth, part: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        finding = str(error) if part == "integrity" else f"{part}: {error}"
        if finding not in health.findings:
            health.findings.append(finding)


def _pending_note(pending: list[Path]) -> str:
    names = ", ".join(f"“{p.name}”" for p in pending)
    if any(p.name.endswith("-journal") for p in pending):
        return (
            f"An interrupted write left {names}; it will be rolled back when the board is "
            "opened. This check reads the board as it will be then."
        )
    return (
        f"Unsaved changes from an interrupted session are waiting in {names}; they will be "
        "merged into the board when it is opened. This check includes them."
    )
