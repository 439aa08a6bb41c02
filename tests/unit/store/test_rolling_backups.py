"""Rolling backups: made with the backup API, verified, then pruned (store/rolling_backups.py)."""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ldboard import ops
from ldboard.domain.backup_policy import RetentionPolicy
from ldboard.paths import data_dir
from ldboard.store import Board
from ldboard.store import rolling_backups as rolling
from ldboard.store.demo import create_demo_board
from ldboard.store.recovery import latest_backup
from ldboard.store.rolling_backups import (
    BackupError,
    backup_folder,
    backup_name,
    backup_time,
    list_backups,
    make_backup,
)
from tests.disks import can_mount, fill, small_disk
from tests.unit.store.faults import folder_state, integrity

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def at(moment: datetime):
    return lambda: moment


def rows(path: Path, table: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        conn.close()


@pytest.fixture
def board_path(tmp_path, clock) -> Path:
    path = tmp_path / "plan.ldboard"
    create_demo_board(path, clock=clock).close()
    return path


def test_a_backup_is_a_complete_board_with_the_same_rows(board_path, tmp_path):
    root = tmp_path / "backups"
    with Board.open(board_path) as board:
        ops.create_item(board, board.columns()[0].id, "Only in the WAL so far")
        # The board is open and its change is not yet checkpointed: the backup
        # must read it through SQLite, WAL included.
        assert board_path.with_name("plan.ldboard-wal").stat().st_size > 0
        made = make_backup(board_path, root=root, clock=at(T0))
    assert made == backup_folder(board_path, root) / "plan (backup 20261207T090000Z).ldboard"
    assert integrity(made) == ["ok"]
    for table in ("items", "columns", "people", "events", "meta"):
        assert rows(made, table) == rows(board_path, table)
    assert "Only in the WAL so far" in {row[0] for row in _titles(made)}
    assert not list(made.parent.glob("*-wal")) and not list(made.parent.glob(".*"))
    with Board.open(made, create=False) as copy:  # a board ldboard opens as any other
        assert copy.name == "L&D Product Board"


def _titles(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT title FROM items").fetchall()
    finally:
        conn.close()


def test_backups_are_listed_newest_first_with_their_items(board_path, tmp_path):
    root = tmp_path / "backups"
    make_backup(board_path, root=root, clock=at(T0))
    with Board.open(board_path) as board:
        ops.create_item(board, board.columns()[0].id, "One more")
    make_backup(board_path, root=root, clock=at(T0 + timedelta(minutes=10)))
    found = list_backups(board_path, root=root)
    assert [info.time for info in found] == [T0 + timedelta(minutes=10), T0]
    assert found[0].items == found[1].items + 1
    assert list_backups(tmp_path / "other.ldboard", root=root) == []


def test_the_default_folder_is_in_the_user_data_folder_and_per_board(tmp_path):
    one = backup_folder(tmp_path / "a" / "plan.ldboard")
    two = backup_folder(tmp_path / "b" / "plan.ldboard")
    assert one.parent == two.parent == data_dir() / "backups"
    assert one.name.startswith("plan-") and two.name.startswith("plan-") and one != two
    assert backup_time(backup_name("x/plan.ldboard", T0)) == T0
    assert backup_time("plan (before upgrade to format 5).ldboard") is None


def test_older_backups_are_pruned_by_the_policy(board_path, tmp_path):
    root = tmp_path / "backups"
    policy = RetentionPolicy(newest=2, hourly=0, daily=0)
    made = [
        make_backup(board_path, root=root, clock=at(T0 + timedelta(hours=n)), policy=policy)
        for n in range(4)
    ]
    assert sorted(backup_folder(board_path, root).iterdir()) == made[2:]
    # The default keeps one per hour for a day: three hours, three backups.
    for n in range(4, 7):
        make_backup(board_path, root=root, clock=at(T0 + timedelta(hours=n)))
    assert len(list_backups(board_path, root=root)) == 5


def test_files_that_are_not_backups_are_never_pruned(board_path, tmp_path):
    root = tmp_path / "backups"
    folder = backup_folder(board_path, root)
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("mine")
    (folder / "plan (before upgrade to format 4).ldboard").write_text("a copy")
    policy = RetentionPolicy(newest=1, hourly=0, daily=0)
    for n in range(3):
        make_backup(board_path, root=root, clock=at(T0 + timedelta(days=n)), policy=policy)
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes.txt",
        "plan (backup 20261209T090000Z).ldboard",
        "plan (before upgrade to format 4).ldboard",
    ]


def test_a_copy_that_fails_its_check_is_not_kept_and_prunes_nothing(
    board_path, tmp_path, monkeypatch
):
    root = tmp_path / "backups"
    policy = RetentionPolicy(newest=1, hourly=0, daily=0)
    first = make_backup(board_path, root=root, clock=at(T0), policy=policy)
    before = folder_state(first.parent)
    monkeypatch.setattr(rolling, "integrity_check", lambda conn: ["page 7: btree damaged"])
    with pytest.raises(BackupError) as raised:
        make_backup(board_path, root=root, clock=at(T0 + timedelta(days=1)), policy=policy)
    assert raised.value.kind == "damaged"
    assert "older backups were kept" in raised.value.message
    assert folder_state(first.parent) == before, "nothing pruned, nothing added, no temporary"


def test_a_backup_onto_a_full_disk_fails_cleanly_and_can_be_retried(
    board_path, tmp_path, monkeypatch
):
    def attempt(root: Path, when: datetime) -> Path:
        return make_backup(board_path, root=root, clock=at(when))

    if can_mount():
        with small_disk(1024) as disk:
            root = disk / "backups"
            first = attempt(root, T0)
            before = folder_state(first.parent)
            ballast = fill(disk)
            with pytest.raises(BackupError) as raised:
                attempt(root, T0 + timedelta(minutes=10))
            assert folder_state(first.parent) == before
            ballast.unlink()
            again = attempt(root, T0 + timedelta(minutes=20))
            assert integrity(again) == ["ok"]
    else:  # no right to mount a small disk: the disk fills where the copy is moved into place
        root = tmp_path / "backups"
        first = attempt(root, T0)
        before = folder_state(first.parent)

        def no_space(temporary, destination):
            raise OSError(errno.ENOSPC, "No space left on device")

        with monkeypatch.context() as patched:
            patched.setattr(rolling, "move_into_place", no_space)
            with pytest.raises(BackupError) as raised:
                attempt(root, T0 + timedelta(minutes=10))
        assert folder_state(first.parent) == before
        again = attempt(root, T0 + timedelta(minutes=20))
        assert integrity(again) == ["ok"]
    assert raised.value.kind == "full"
    assert "disk is full" in raised.value.message


def test_a_read_only_backup_folder_gets_a_clear_message(board_path, tmp_path):
    if os.geteuid() == 0 and can_mount():
        from tests.disks import make_read_only

        with small_disk(256) as disk:
            make_read_only(disk)
            with pytest.raises(BackupError) as raised:
                make_backup(board_path, root=disk / "backups")
    else:
        root = tmp_path / "backups"
        root.mkdir()
        root.chmod(0o500)
        with pytest.raises(BackupError) as raised:
            make_backup(board_path, root=root)
    assert raised.value.kind == "read_only"
    assert "cannot be written" in raised.value.message


def test_a_board_deleted_underneath_gets_a_clear_message(board_path, tmp_path):
    board_path.unlink()
    with pytest.raises(BackupError) as raised:
        make_backup(board_path, root=tmp_path / "backups")
    assert raised.value.kind == "missing"
    assert "does not exist" in raised.value.message


def test_a_file_that_is_not_a_board_is_not_backed_up(tmp_path):
    other = tmp_path / "other.ldboard"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupError, match="not an ldboard board"):
        make_backup(other, root=tmp_path / "backups")
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").rglob("*.ldboard"))


def test_a_backup_to_a_chosen_file_replaces_it_and_prunes_nothing(board_path, tmp_path):
    target = tmp_path / "copy.ldboard"
    target.write_text("old")
    assert make_backup(board_path, output=target) == target
    assert integrity(target) == ["ok"]
    assert rows(target, "items") == rows(board_path, "items")


def test_a_backup_onto_the_board_itself_is_refused(board_path):
    before = board_path.read_bytes()
    with pytest.raises(BackupError, match="onto itself"):
        make_backup(board_path, output=board_path.parent / "." / board_path.name)
    assert board_path.read_bytes() == before


def test_the_latest_backup_includes_the_rolling_ones(board_path):
    made = make_backup(board_path, clock=at(T0))
    assert latest_backup(board_path) == made


def test_the_saved_retention_is_read_from_the_settings_file_or_defaults(tmp_path):
    from ldboard.domain.backup_policy import DAYS_RANGE, DEFAULT_POLICY, HOURS_RANGE
    from ldboard.store.rolling_backups import saved_policy

    settings = tmp_path / "ldboard.ini"
    assert saved_policy(settings) == DEFAULT_POLICY, "no file yet"
    settings.write_text("[General]\nx=1\n\n[backups]\nhourly=6\ndaily=90\n")
    assert saved_policy(settings) == RetentionPolicy(hourly=6, daily=90)
    settings.write_text("[backups]\nhourly=0\ndaily=99999\n")
    assert saved_policy(settings) == RetentionPolicy(hourly=HOURS_RANGE[0], daily=DAYS_RANGE[1])
    for odd in (b"[backups]\nhourly=lots\n", b"no section header\n", b"[backups]\nhourly=\xff\n"):
        settings.write_bytes(odd)
        assert saved_policy(settings) == DEFAULT_POLICY, odd


def test_a_backup_without_a_policy_prunes_by_the_saved_one(board_path, tmp_path):
    from ldboard.paths import settings_file

    root = tmp_path / "backups"
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text("[backups]\nhourly=1\ndaily=1\n")
    for n in range(6):
        make_backup(board_path, root=root, clock=at(T0 + timedelta(hours=n)))
    assert len(list_backups(board_path, root=root)) == 3
