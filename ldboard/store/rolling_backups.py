"""Rolling backups of a board, kept in the user data folder (see docs/backups.md).

Where: ``<user data>/backups/<board stem>-<8 hex digits>/``, the digits being
the start of the SHA-256 of the board's absolute path (symbolic links
resolved), so that two boards called ``plan.ldboard`` in different folders
never share or prune each other's backups. Backups are kept away from the
board so that a disk, folder or sync service that loses the board does not
take its backups with it, and so that they do not clutter the folder the
person chose.

Names: ``<stem> (backup 20261207T093000Z).ldboard``, the time in UTC, so that
names sort by age and read the same in every time zone. Each backup is a
complete board in rollback-journal mode that any ldboard (or ``sqlite3``) opens.

How one is made (:func:`make_backup`): SQLite's backup API copies the board
page by page from a connection of its own, WAL included, into a temporary file
beside the destination; ``PRAGMA integrity_check`` verifies the copy; only then
is it moved into place (``store/files.py``), and only after that are older
backups pruned by the retention policy (``domain/backup_policy.py``). Any
failure raises :class:`BackupError` and leaves the board and every older
backup as they were, with no temporary file left behind; a process killed
midway leaves at most a ``.NAME.XXXXXXXX.new`` file that the next backup into
that folder removes once it is old enough.

How many are kept: the person's choice in the app (Backup Settings…, written to
the per-user settings file) or else the defaults; :func:`saved_policy` reads it
here, without Qt, so that ``ldboard backup`` prunes exactly as the app does.
"""

from __future__ import annotations

import configparser
import contextlib
import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ldboard.domain.backup_policy import (
    DEFAULT_POLICY,
    RetentionPolicy,
    backups_to_delete,
    chosen_policy,
)
from ldboard.paths import BOARD_SUFFIX, data_dir, settings_file
from ldboard.store.clock import Clock, utc_now
from ldboard.store.connection import BUSY_TIMEOUT_SECONDS, connect_read_only, integrity_check
from ldboard.store.errors import BoardFileError, StorageError, storage_error
from ldboard.store.files import (
    clean_abandoned_temporaries,
    companions,
    move_into_place,
    temporary_beside,
)
from ldboard.store.schema import APPLICATION_ID

#: Pages copied per step of the backup API: 1 MB with 4 KB pages, a few
#: milliseconds of work (see docs/performance.md), so that a writer of the
#: board waits at most that long for a step's read lock.
STEP_PAGES = 256
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<stem>.*) \(backup (?P<stamp>\d{8}T\d{6}Z)\)(?P<suffix>\.[^.]*)$")

#: Called after each step with (pages remaining, pages in total).
Progress = Callable[[int, int], None]


class BackupError(StorageError):
    """A backup could not be made. The board and the older backups are untouched."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One rolling backup: its file, when it was made (UTC), and its open items
    (``None`` when the file cannot be read)."""

    path: Path
    time: datetime
    items: int | None


def backup_root() -> Path:
    """The folder holding every board's backup folder."""
    return data_dir() / "backups"


def backup_folder(board_path: Path | str, root: Path | None = None) -> Path:
    """Where the rolling backups of the board at ``board_path`` live."""
    absolute = Path(board_path).expanduser().resolve()
    digest = hashlib.sha256(str(absolute).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return (root or backup_root()) / f"{absolute.stem}-{digest}"


#: Where the chosen retention is kept in :func:`settings_file` (section/key).
HOURS_KEY = "backups/hourly"
DAYS_KEY = "backups/daily"


def saved_policy(settings: Path | None = None) -> RetentionPolicy:
    """The retention the person chose in the app, or the defaults.

    Read with ``configparser`` from the INI file QSettings writes (its
    ``[backups]`` section), so the command line needs no Qt. A missing,
    unreadable or odd file means the defaults; a value out of range is brought
    within it (``domain/backup_policy.py``).
    """
    parser = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",))
    try:
        parser.read(settings or settings_file(), encoding="utf-8")
        section, hours = HOURS_KEY.split("/")
        days = DAYS_KEY.split("/")[1]
        if not parser.has_section(section):
            return DEFAULT_POLICY
        values = parser[section]
        return chosen_policy(
            int(values.get(hours, DEFAULT_POLICY.hourly)),
            int(values.get(days, DEFAULT_POLICY.daily)),
        )
    except (configparser.Error, OSError, UnicodeError, ValueError):
        return DEFAULT_POLICY


def backup_name(board_path: Path | str, moment: datetime) -> str:
    path = Path(board_path)
    stamp = moment.astimezone(UTC).strftime(_STAMP)
    return f"{path.stem} (backup {stamp}){path.suffix or BOARD_SUFFIX}"


def backup_time(name: str) -> datetime | None:
    """The UTC time in a backup's file name, or ``None`` if it is not one."""
    match = _NAME.match(name)
    if match is None:
        return None
    return datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)


def make_backup(
    board_path: Path | str,
    *,
    output: Path | str | None = None,
    root: Path | None = None,
    policy: RetentionPolicy | None = None,
    clock: Clock = utc_now,
    step_pages: int = STEP_PAGES,
    progress: Progress | None = None,
) -> Path:
    """Back up the board at ``board_path``; return the new backup's path.

    Without ``output`` the backup goes to :func:`backup_folder` and older
    backups there are pruned by ``policy`` (by default the person's choice,
    :func:`saved_policy`); with it, exactly that file is
    written (replacing it atomically) and nothing is pruned. The board is read
    through a connection of its own (so this may run in any thread) and never
    written. Raises :class:`BackupError`.
    """
    board_path = Path(board_path).expanduser().absolute()
    moment = clock()
    if output is not None:
        destination = Path(output).expanduser().absolute()
        if destination.resolve() == board_path.resolve():
            raise BackupError(
                f"Could not back up “{board_path.name}” onto itself: choose another file.",
                kind="rejected",
                path=board_path,
            )
    else:
        destination = backup_folder(board_path, root) / backup_name(board_path, moment)
    doing = f"back up “{board_path.name}”"
    try:
        if output is None:
            destination.parent.mkdir(parents=True, exist_ok=True)
            clean_abandoned_temporaries(destination.parent)
        with _source(board_path) as source:
            _write_verified(source, destination, step_pages, progress)
    except StorageError:
        raise
    except BoardFileError as error:  # the destination is in use by another program
        raise BackupError(error.message, kind="busy", path=destination) from error
    except (OSError, sqlite3.Error) as error:
        raise _backup_error(error, board_path, destination.parent, doing) from error
    if output is None:
        chosen = policy if policy is not None else saved_policy()
        prune(board_path, root=root, policy=chosen, now=moment, keep=destination)
    return destination


def prune(
    board_path: Path | str,
    *,
    root: Path | None = None,
    policy: RetentionPolicy = DEFAULT_POLICY,
    now: datetime | None = None,
    keep: Path | None = None,
) -> list[Path]:
    """Delete the backups ``policy`` does not keep; return them. Best effort:
    a file that cannot be deleted stays (and is tried again next time)."""
    found = _backup_files(backup_folder(board_path, root))
    doomed = backups_to_delete(found, now or utc_now(), policy)
    removed = []
    for moment in sorted(doomed):
        path = found[moment]
        if path == keep:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def list_backups(board_path: Path | str, root: Path | None = None) -> list[BackupInfo]:
    """The rolling backups of the board at ``board_path``, newest first. Only reads."""
    found = _backup_files(backup_folder(board_path, root))
    return [
        BackupInfo(found[moment], moment, _count_items(found[moment]))
        for moment in sorted(found, reverse=True)
    ]


def latest_rolling_backup(board_path: Path | str, root: Path | None = None) -> Path | None:
    """The newest rolling backup of the board, if there is one (not checked)."""
    found = _backup_files(backup_folder(board_path, root))
    return found[max(found)] if found else None


# --- the parts -------------------------------------------------------------------------------


@contextlib.contextmanager
def _source(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the board, WAL included, that writes nothing.

    While the board is open somewhere (its ``-wal``/``-shm`` are there), a
    ``mode=ro`` connection reads it through SQLite's locks, so a change
    committed meanwhile is either wholly in the backup or not at all. A board
    nobody has open is read with ``immutable=1``, which creates nothing beside it.
    """
    if not path.is_file():
        raise BackupError(
            f"Could not back up “{path.name}”: {path} does not exist (was it moved, renamed "
            "or deleted?). The older backups were not changed.",
            kind="missing",
            path=path,
        )
    conn = connect_read_only(path, immutable=not companions(path))
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise BackupError(
                f"Could not back up “{path.name}”: it is not an ldboard board.",
                kind="rejected",
                path=path,
            )
        yield conn
    finally:
        conn.close()


def _write_verified(
    source: sqlite3.Connection,
    destination: Path,
    step_pages: int,
    progress: Progress | None,
) -> None:
    """Copy, verify, then move into place; the temporary file goes in every case."""
    with temporary_beside(destination) as temporary:
        target = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            # No fsync per step: the finished file is flushed once, before it is
            # moved into place, and an interrupted one is thrown away anyway.
            target.execute("PRAGMA synchronous = OFF")
            source.backup(target, pages=step_pages, progress=_reporter(progress))
            target.execute("PRAGMA journal_mode = DELETE")
            findings = integrity_check(target)
        finally:
            target.close()
        if findings:
            raise BackupError(
                f"Could not back up the board: the copy failed its check ({findings[0]}). "
                "The older backups were kept.",
                kind="damaged",
                path=destination,
            )
        move_into_place(temporary, destination)


def _reporter(progress: Progress | None) -> Callable[[int, int, int], None] | None:
    if progress is None:
        return None

    def report(_status: int, remaining: int, total: int) -> None:
        progress(remaining, total)

    return report


def _backup_files(folder: Path) -> dict[datetime, Path]:
    found: dict[datetime, Path] = {}
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            moment = backup_time(entry.name)
            if moment is not None and entry.is_file():
                found[moment] = entry
    return found


def _count_items(path: Path) -> int | None:
    try:
        with contextlib.closing(connect_read_only(path, immutable=True)) as conn:
            return conn.execute("SELECT count(*) FROM items WHERE archived_at IS NULL").fetchone()[
                0
            ]
    except sqlite3.Error:
        return None


def _backup_error(error: Exception, board_path: Path, folder: Path, doing: str) -> BackupError:
    explained = storage_error(error, board_path, doing=doing)
    message = explained.message.replace(
        "Nothing was changed.", "The board and its older backups were not changed."
    )
    if explained.kind == "read_only":
        message = (
            f"Could not {doing}: the folder {folder} cannot be written (it is read-only or "
            "you lack the permission). Check its permissions; the next backup will try again. "
            "The board and its older backups were not changed."
        )
    elif explained.kind == "missing":
        message = (
            f"Could not {doing}: the folder {folder} does not exist or can no longer be "
            "reached. Check that the drive is connected and the folder was not moved or "
            "deleted. The board and its older backups were not changed."
        )
    return BackupError(message, kind=explained.kind, path=board_path)
