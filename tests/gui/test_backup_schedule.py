"""The automatic backups of an open board (``ui/common/backup_timer.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldboard import ops
from ldboard.store.demo import create_demo_board
from ldboard.store.rolling_backups import list_backups
from ldboard.ui.common import backup_timer
from ldboard.ui.common.backup_timer import BackupPlan
from ldboard.ui.common.session import BoardSession
from ldboard.ui.shell.app import build_main_window
from tests.gui.support import ScriptedPrompter
from tests.gui.test_damaged_and_read_only import read_only_board
from tests.unit.store.faults import integrity


@pytest.fixture
def board_file(tmp_path, clock) -> Path:
    path = tmp_path / "team.ldboard"
    create_demo_board(path, clock=clock).close()
    return path


def open_session(path: Path, plan: BackupPlan) -> BoardSession:
    return BoardSession.open(path, backups=plan)


def test_a_backup_follows_the_opening_and_changes_start_the_countdown(qtbot, board_file, tmp_path):
    root = tmp_path / "backups"
    session = open_session(board_file, BackupPlan(first_after_ms=0, every_ms=50, root=root))
    try:
        schedule = session.backups
        assert schedule is not None and schedule.pending
        assert list_backups(board_file, root=root) == [], "not during the opening itself"
        with qtbot.waitSignal(schedule.made, timeout=5000) as made:
            pass
        first = list_backups(board_file, root=root)
        assert [info.path for info in first] == [made.args[0]]
        assert not schedule.pending, "no change, no further backup"

        column = session.board.columns()[0].id
        session.perform(ops.create_item, column, "Backed up after the countdown")
        assert schedule.pending
        with qtbot.waitSignal(schedule.made, timeout=5000) as made_again:
            pass
        assert integrity(made_again.args[0]) == ["ok"]
        assert list_backups(board_file, root=root)[0].items == first[0].items + 1
        assert not schedule.pending
    finally:
        session.close()


def test_the_interval_is_at_most_one_backup_per_countdown(qtbot, board_file, tmp_path, monkeypatch):
    calls = []
    real = backup_timer.make_backup

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(backup_timer, "make_backup", counting)
    plan = BackupPlan(first_after_ms=0, every_ms=200, root=tmp_path / "backups")
    session = open_session(board_file, plan)
    try:
        schedule = session.backups
        assert schedule is not None
        with qtbot.waitSignal(schedule.made, timeout=5000):
            pass
        column = session.board.columns()[0].id
        with qtbot.waitSignal(schedule.made, timeout=5000):
            for n in range(5):
                session.perform(ops.create_item, column, f"Change {n}")
        assert len(calls) == 2, "the opening's backup, then five changes and one backup"
    finally:
        session.close()


def test_read_only_boards_are_not_backed_up(qtbot, clock, tmp_path):
    with read_only_board(clock) as path:
        session = open_session(path, BackupPlan(first_after_ms=0, root=tmp_path / "backups"))
        try:
            assert session.read_only
            assert session.backups is None
        finally:
            session.close()
    assert not (tmp_path / "backups").exists()


def test_a_failing_backup_is_reported_once_and_retried(qtbot, board_file, tmp_path):
    blocked = tmp_path / "backups"
    blocked.write_text("a file where the backup folder should be")
    session = open_session(board_file, BackupPlan(first_after_ms=0, every_ms=30, root=blocked))
    failures = []
    session.failed.connect(failures.append)
    try:
        schedule = session.backups
        assert schedule is not None
        qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
        assert failures[0].kind == "backup" and failures[0].storage_kind
        assert failures[0].message.startswith("Could not back up “team.ldboard”")
        first_error = schedule.last_error
        # Retried every interval, but shown only once.
        qtbot.waitUntil(lambda: schedule.last_error is not first_error, timeout=5000)
        qtbot.waitUntil(lambda: schedule.pending, timeout=5000)
        assert len(failures) == 1
        # The cause is fixed: the next attempt works, without any action.
        blocked.unlink()
        with qtbot.waitSignal(schedule.made, timeout=5000) as made:
            pass
        assert made.args[0].parent.parent == blocked
        assert schedule.last_error is None
        assert len(failures) == 1
        # Board changes went on all along.
        assert session.perform(ops.create_item, session.board.columns()[0].id, "Still works")
    finally:
        session.close()


def test_the_window_shows_a_backup_failure_in_its_status_bar(qtbot, board_file, tmp_path):
    prompter = ScriptedPrompter()
    window = build_main_window(board_file, prompter=prompter)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    schedule = window.session.backups
    assert schedule is not None and schedule.pending, "planned when the board opened"
    blocked = tmp_path / "backups"
    blocked.write_text("not a folder")
    schedule.plan = BackupPlan(root=blocked)
    with qtbot.waitSignal(window.session.failed, timeout=5000):
        assert schedule.back_up_now()
    message = window.statusBar().currentMessage()
    assert message.startswith("Could not back up “team.ldboard”")
    assert prompter.asked == [("warn", message)], "told once"
    window.close()


def test_a_board_that_turns_read_only_is_no_longer_backed_up(qtbot, board_file, tmp_path):
    root = tmp_path / "backups"
    session = open_session(board_file, BackupPlan(first_after_ms=0, every_ms=30, root=root))
    try:
        schedule = session.backups
        assert schedule is not None and schedule.pending
        session.make_read_only("“team.ldboard” is damaged, so ldboard stopped writing to it.")
        assert not schedule.pending
        assert not schedule.back_up_now()
        schedule.note_change()
        assert not schedule.pending
        assert not root.exists()
    finally:
        session.close()
