"""What to do with a damaged board: find a backup, or save what can still be read.

:func:`salvage` never writes to the damaged file: it reads it through
``store/snapshot.py`` and copies every row it can read, table by table (row by
row where a table cannot be read to its end, see ``store/salvage_reading.py``),
into a new, valid board, keeping every id so that the activity log still
points at the right cards, columns, tags and people.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ldboard.store.backups import backup_name_pattern, write_copy
from ldboard.store.clock import Clock, utc_now
from ldboard.store.connection import connect_read_only, integrity_check
from ldboard.store.creation import board_name_for, build_empty_board, initial_meta
from ldboard.store.errors import BoardFileError, NotABoardError
from ldboard.store.files import SQLITE_MAGIC, move_into_place, temporary_beside
from ldboard.store.inspect import FileState, inspect_board_file
from ldboard.store.rolling_backups import backup_folder
from ldboard.store.salvage_reading import TableRead, read_table
from ldboard.store.schema import APPLICATION_ID, DATE_COLUMNS, TABLES_PARENTS_FIRST
from ldboard.store.sequences import raise_sequence, reserve_ids_in_events
from ldboard.store.snapshot import readable_copy

#: Parents before children, so that the copy reads naturally; references are
#: checked once everything is copied.
SALVAGE_ORDER = TABLES_PARENTS_FIRST
RECOVERED_COLUMN = "Recovered"
#: Optional references whose loss clears the link instead of dropping the row.
_LINKS_TO_FORGET = {
    ("items", "iteration_id"),
    ("retro_entries", "owner_id"),
    ("retro_entries", "item_id"),
    ("retro_entries", "closed_in_iteration_id"),
    ("thanks", "item_id"),
}
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def latest_backup(path: Path | str) -> Path | None:
    """The newest backup of the board at ``path`` that ldboard wrote, if any.

    Backups are ``NAME (before upgrade to format N).ldboard`` beside the board
    and the rolling ``NAME (backup 20261207T093000Z).ldboard`` in the board's
    backup folder (``store/rolling_backups.py``); only files that are boards
    this version can open count. Newest means most recently written.
    """
    path = Path(path)
    pattern = backup_name_pattern(path)
    found: list[tuple[float, Path]] = []
    for folder in (path.parent, backup_folder(path)):
        _add_backups(folder, path, pattern, found)
    return max(found)[1] if found else None


def _add_backups(
    folder: Path, path: Path, pattern: re.Pattern[str], found: list[tuple[float, Path]]
) -> None:
    with contextlib.suppress(OSError):
        for candidate in folder.iterdir():
            if candidate == path or not pattern.match(candidate.name):
                continue
            try:
                if inspect_board_file(candidate) is FileState.BOARD:
                    found.append((candidate.stat().st_mtime, candidate))
            except (BoardFileError, OSError):
                continue


def copy_board(source: Path | str, destination: Path | str) -> Path:
    """Copy the board ``source`` to the new file ``destination``, only reading ``source``.

    For opening a copy of a backup: ``Board.open`` on the backup itself would
    upgrade it (and write a backup of the backup) if it is of an older format.
    The copy is as the board is with any crashed session's ``-wal`` merged, in
    the same format; it is upgraded when it is opened. Raises ``BoardFileError``
    when ``destination`` exists or ``source`` is not a board this version can read.
    """
    source, destination = Path(source).expanduser(), Path(destination).expanduser()
    if inspect_board_file(source) is not FileState.BOARD:
        raise BoardFileError(source, f"“{source}” does not exist or is empty.")
    if destination.exists():
        raise BoardFileError(
            destination, f"“{destination}” already exists; choose a new file name for the copy."
        )
    try:
        with readable_copy(source) as readable:
            write_copy(readable.conn, destination)
    except sqlite3.DatabaseError as error:
        raise BoardFileError(source, f"“{source.name}” cannot be copied: {error}.") from error
    return destination


@dataclass
class SalvageReport:
    """What :func:`salvage` copied (rows per table) and what it could not read or keep."""

    source: Path
    destination: Path
    copied: dict[str, int] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)

    def summary(self) -> str:
        total = sum(self.copied.values())
        counts = ", ".join(f"{count} {table}" for table, count in self.copied.items() if count)
        text = f"Saved {total} rows from “{self.source.name}” into “{self.destination.name}”"
        text += f" ({counts})." if counts else "."
        if self.lost:
            return f"{text} Not saved: {'; '.join(self.lost)}."
        return f"{text} Every row could be read."


def salvage(
    damaged: Path | str, destination: Path | str, *, clock: Clock = utc_now
) -> SalvageReport:
    """Copy every readable row of the board ``damaged`` into a new board at ``destination``.

    ``damaged`` is only read. ``destination`` must not exist yet (or be empty);
    it is written completely or not at all. Raises ``BoardFileError`` when
    ``damaged`` is not a board or nothing at all can be read from it.
    """
    damaged, destination = Path(damaged).expanduser(), Path(destination).expanduser()
    _check_paths(damaged, destination)
    report = SalvageReport(damaged, destination)
    with _source(damaged) as source, temporary_beside(destination) as temporary:
        tables = _tables_of(damaged, source)
        build_empty_board(temporary, board_name_for(destination), clock, seeded=False)
        target = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            target.execute("PRAGMA foreign_keys = OFF")
            target.execute("BEGIN IMMEDIATE")
            for table in SALVAGE_ORDER:
                if table not in tables:
                    report.lost.append(f"the {table} table could not be found")
                    continue
                _copy_table(source, target, table, report)
            _repair_references(target, report)
            _complete_board(target, destination, clock)
            _carry_sequences(source, target)
            target.execute("COMMIT")
            problems = integrity_check(target) + [
                str(row) for row in target.execute("PRAGMA foreign_key_check")
            ]
            if problems:  # a bug in salvage itself: never hand over a broken board
                raise BoardFileError(destination, f"The saved board failed its check: {problems}")
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
        move_into_place(temporary, destination)
    return report


def _check_paths(damaged: Path, destination: Path) -> None:
    if not damaged.is_file():
        raise BoardFileError(damaged, f"“{damaged}” does not exist.")
    if destination.exists() and (
        destination.is_dir() or destination.stat().st_size or destination.samefile(damaged)
    ):
        raise BoardFileError(
            destination, f"“{destination}” already exists; choose a new file name for the copy."
        )
    with damaged.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise BoardFileError(
            damaged,
            f"Nothing can be read from “{damaged.name}”: its first page, which SQLite needs "
            "to read anything, is damaged or it is not an SQLite database.",
        )
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise NotABoardError(damaged, f"“{damaged.name}” is not an ldboard board.")


@contextlib.contextmanager
def _source(path: Path) -> Iterator[sqlite3.Connection]:
    """The damaged board, WAL merged in a private copy if that works, else the file alone."""
    with contextlib.ExitStack() as merged:
        try:
            readable = merged.enter_context(readable_copy(path))
            readable.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            merged.close()
        else:
            yield readable.conn
            return
    with contextlib.closing(connect_read_only(path, immutable=True)) as conn:
        yield conn


def _tables_of(path: Path, source: sqlite3.Connection) -> set[str]:
    try:
        return {
            name for (name,) in source.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    except sqlite3.DatabaseError as error:
        raise BoardFileError(
            path,
            f"Nothing can be read from “{path.name}”: its list of tables is damaged ({error}).",
        ) from error


def _copy_table(
    source: sqlite3.Connection, target: sqlite3.Connection, table: str, report: SalvageReport
) -> None:
    wanted = [row[1] for row in target.execute(f"PRAGMA table_info({_q(table)})")]
    try:
        present = {row[1] for row in source.execute(f"PRAGMA table_info({_q(table)})")}
    except sqlite3.DatabaseError:
        present = set(wanted)
    columns = [name for name in wanted if name in present]
    read: TableRead = read_table(source, table, columns)
    insert = (
        f"INSERT INTO {_q(table)} ({', '.join(_q(c) for c in columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    dates = [columns.index(c) for c in DATE_COLUMNS.get(table, ()) if c in columns]
    copied, refused = 0, []
    for rowid, values in read.rows:
        row = list(values)
        for position in dates:
            if row[position] is not None and not _is_date(row[position]):
                report.lost.append(
                    f"{table} {rowid}: {columns[position]} {row[position]!r} is not a date"
                )
                row[position] = None
        try:
            target.execute(insert, row)
            copied += 1
        except sqlite3.DatabaseError as error:
            refused.append(f"{rowid} ({error})")
    report.copied[table] = copied
    report.lost.extend(f"{table}: {problem}" for problem in read.problems)
    if refused:
        report.lost.append(f"{table}: {len(refused)} row(s) refused: {', '.join(refused[:5])}")


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _repair_references(target: sqlite3.Connection, report: SalvageReport) -> None:
    """Rows whose parent row was lost: cards go to a "Recovered" column, links are dropped.

    Dropping a row can leave its own children pointing at nothing (an intake's
    behaviours once the intake is gone), so the check runs again until it is clean.
    """
    recovered_column: int | None = None
    dropped: dict[str, int] = {}
    forgotten: dict[str, int] = {}
    while problems := list(target.execute("PRAGMA foreign_key_check")):
        for table, rowid, _parent, fkid in problems:
            column = next(
                row[3]
                for row in target.execute(f"PRAGMA foreign_key_list({_q(table)})")
                if row[0] == fkid
            )
            if (table, column) == ("items", "column_id"):
                if recovered_column is None:
                    recovered_column = _add_recovered_column(target)
                target.execute(
                    "UPDATE items SET column_id = ? WHERE rowid = ?", (recovered_column, rowid)
                )
            elif (table, column) in _LINKS_TO_FORGET:
                # The row itself is kept; only its link to a lost row is cleared.
                target.execute(
                    f"UPDATE {_q(table)} SET {_q(column)} = NULL WHERE rowid = ?", (rowid,)
                )
                forgotten[table] = forgotten.get(table, 0) + 1
            else:
                deleted = target.execute(f"DELETE FROM {_q(table)} WHERE rowid = ?", (rowid,))
                if deleted.rowcount:  # a row with two lost parents is listed twice
                    dropped[table] = dropped.get(table, 0) + 1
                    report.copied[table] -= 1
    for table, count in dropped.items():
        report.lost.append(f"{table}: {count} row(s) that point at lost rows")
    for table, count in forgotten.items():
        report.lost.append(f"{table}: {count} link(s) to lost rows cleared")
    if recovered_column is not None:
        report.lost.append(f"cards whose column was lost are in a new column “{RECOVERED_COLUMN}”")


def _add_recovered_column(target: sqlite3.Connection) -> int:
    names = {name.casefold() for (name,) in target.execute("SELECT name FROM columns")}
    name, number = RECOVERED_COLUMN, 2
    while name.casefold() in names:
        name, number = f"{RECOVERED_COLUMN} {number}", number + 1
    cursor = target.execute(
        "INSERT INTO columns (name, position, category) "
        "VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM columns), 'backlog')",
        (name,),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _complete_board(target: sqlite3.Connection, destination: Path, clock: Clock) -> None:
    """What every board needs: its meta keys, a column, and column positions 0, 1, 2, …"""
    for key, value in initial_meta(board_name_for(destination), clock()).items():
        target.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
    if target.execute("SELECT count(*) FROM columns").fetchone()[0] == 0:
        _add_recovered_column(target)
    order = [row[0] for row in target.execute("SELECT id FROM columns ORDER BY position, id")]
    for position, column_id in enumerate(order):
        target.execute("UPDATE columns SET position = ? WHERE id = ?", (position, column_id))


def _carry_sequences(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Ids the damaged board had used (even by rows now lost) stay used."""
    with contextlib.suppress(sqlite3.DatabaseError):
        for name, seq in source.execute("SELECT name, seq FROM sqlite_sequence").fetchall():
            if isinstance(seq, int):
                raise_sequence(target, name, seq)
    reserve_ids_in_events(target)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
