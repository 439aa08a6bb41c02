"""Every failed action says so, changes nothing, and leaves the undo history true.

The board lives on a small disk that is then filled (see tests/disks.py), or is
made read-only, or another program holds its write lock: real failures that
reach the one mutation path, ``BoardSession.perform``, and its undo and redo.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from ldboard import ops
from ldboard.app import build_main_window
from ldboard.store import Board
from ldboard.store.demo import create_demo_board
from ldboard.ui.cards.column_model import CARD_ROLE
from ldboard.ui.common.session import BoardSession, Failure
from tests.conftest import take_snapshot
from tests.disks import FullDiskConnection, can_mount, fill, small_disk
from tests.gui.support import ScriptedPrompter, drop_at, point_above_row


class Disk:
    """Where the board lives, and a way to fill that disk up and free it again."""

    def __init__(self, folder: Path, real: bool) -> None:
        self.folder = folder
        self.real = real
        self._ballast: Path | None = None
        self._saved: dict[int, sqlite3.Connection] = {}

    def fill(self, session: BoardSession) -> None:
        if self.real:
            self._ballast = fill(self.folder)
        else:
            self._saved[id(session)] = session.board._conn
            session.board._conn = FullDiskConnection(session.board._conn)

    def free(self, session: BoardSession) -> None:
        if self.real:
            assert self._ballast is not None
            self._ballast.unlink()
        else:
            session.board._conn = self._saved.pop(id(session))


@pytest.fixture
def disk(tmp_path):
    if can_mount():
        with small_disk(800) as folder:
            yield Disk(folder, real=True)
    else:
        folder = tmp_path / "disk"
        folder.mkdir()
        yield Disk(folder, real=False)


@pytest.fixture
def full_window(qtbot, disk, clock):
    """The main window on a demo board that lives on ``disk``."""
    path = disk.folder / "plan.ldboard"
    create_demo_board(path, clock=clock).close()
    prompter = ScriptedPrompter()
    window = build_main_window(path, prompter=prompter)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def column(window, name):
    return next(c.id for c in window.board_model.columns if c.name == name)


def keys(window, name):
    model = window.board_model.column_model(column(window, name))
    return [model.index(r, 0).data(CARD_ROLE).key for r in range(model.rowCount())]


def file_state(path: Path) -> dict:
    with Board.open(path, create=False) as board:
        return take_snapshot(board)


def test_a_drop_on_a_full_disk_is_explained_and_nothing_changes(full_window, disk):
    window = full_window
    session = window.session
    before_rows = take_snapshot(session.board)
    before_keys = (keys(window, "Intake"), keys(window, "Discovery"))
    disk.fill(session)

    source = window.board_view.column_view(column(window, "Intake"))
    target = window.board_view.column_view(column(window, "Discovery"))
    drop_at(
        target, source.model().mimeData([source.model().index(0, 0)]), point_above_row(target, 0)
    )

    kind, message = window.prompter.asked[-1]
    assert kind == "warn"
    assert "disk is full" in message and "Free some disk space" in message
    assert (keys(window, "Intake"), keys(window, "Discovery")) == before_keys
    assert session.undo_stack.count() == 0
    disk.free(session)
    assert take_snapshot(session.board) == before_rows

    # Once there is room again, the same gesture works.
    moving = before_keys[0][0]
    drop_at(
        target, source.model().mimeData([source.model().index(0, 0)]), point_above_row(target, 0)
    )
    assert keys(window, "Discovery")[0] == moving
    assert session.undo_stack.count() == 1


def test_a_card_edit_on_a_full_disk_keeps_the_editor_open_for_a_retry(full_window, disk, qtbot):
    window = full_window
    session = window.session
    item_id = session.board.item_by_key("LD-3").id
    dialog = window.edit_item(item_id)
    qtbot.waitExposed(dialog)
    dialog.field("title").setText("Renamed while the disk is full")
    dialog.field("tags").setText("brand-new-tag")
    disk.fill(session)
    dialog.save_button.click()

    assert dialog.isVisible()
    shown = dialog.problems()["general"]
    assert "disk is full" in shown
    assert session.board.tag_by_name("brand-new-tag") is None
    assert session.board.item(item_id).title != "Renamed while the disk is full"

    disk.free(session)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert session.board.item(item_id).title == "Renamed while the disk is full"
    assert session.board.tag_by_name("brand-new-tag") is not None


def test_a_failed_undo_leaves_the_history_where_it_was(full_window, disk):
    window = full_window
    session = window.session
    intake = column(window, "Intake")
    first = session.perform(ops.create_item, intake, "First")
    second = session.perform(ops.create_item, intake, "Second")
    assert first is not None and second is not None
    first_key, second_key = (
        session.board.item(next(d.key[0] for d in change.diffs("items"))).key
        for change in (first, second)
    )
    disk.fill(session)

    window.action_undo.trigger()
    assert "disk is full" in window.prompter.asked[-1][1]
    assert session.undo_stack.index() == 2  # nothing moved
    assert window.action_undo.text() == f"&Undo Add {second_key}"

    disk.free(session)
    window.action_undo.trigger()  # undoes "Second", not "First"
    assert session.undo_stack.index() == 1
    assert session.board.item_by_key(second_key) is None
    assert session.board.item_by_key(first_key) is not None

    disk.fill(session)
    window.action_redo.trigger()
    assert session.undo_stack.index() == 1
    assert session.board.item_by_key(second_key) is None
    disk.free(session)
    window.action_redo.trigger()
    assert session.undo_stack.index() == 2
    assert session.board.item_by_key(second_key).title == "Second"


def test_a_locked_board_file_is_explained_and_can_be_retried(window, board_path, qtbot):
    session = window.session
    session.board.connection.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(board_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        change = session.perform(ops.create_item, column(window, "Intake"), "Blocked")
        assert change is None
        kind, message = window.prompter.asked[-1]
        assert kind == "warn"
        assert "another program is using “team.ldboard”" in message
        assert session.undo_stack.count() == 0
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert session.perform(ops.create_item, column(window, "Intake"), "Blocked") is not None


def test_a_read_only_board_refuses_changes_with_a_reason(session):
    session.board.read_only = True
    session.board.read_only_reason = "“x.ldboard” is read-only."
    failures: list[Failure] = []
    change = session.perform(ops.create_item, 1, "Nope", report_to=failures.append)
    assert change is None
    assert failures[0].kind == "storage"
    assert failures[0].storage_kind == "read_only"
    assert failures[0].message.startswith("“x.ldboard” is read-only. Changes cannot be saved")
    assert session.board.item_count() == 0
    assert session.undo_stack.count() == 0


def test_invalid_input_and_conflicts_are_failures_not_exceptions(session):
    failures: list[Failure] = []
    session.failed.connect(failures.append)
    assert session.perform(ops.create_item, 1, "   ") is None
    assert session.perform(ops.move_item, 999, 1, 0) is None
    assert [f.kind for f in failures] == ["invalid", "invalid"]
    assert failures[0].problems == {"title": "A title is required."}
    assert failures[1].message == "Item 999 does not exist"


def test_a_programming_error_in_an_operation_is_not_disguised(session):
    def broken(board):
        raise TypeError("a bug")

    with pytest.raises(TypeError, match="a bug"):
        session.perform(broken)


def test_a_failing_subscriber_does_not_undo_a_saved_change(session, caplog):
    heard = []

    def broken(change):
        raise RuntimeError("listener bug")

    session.board.subscribe(broken)
    session.board.subscribe(heard.append)
    change = session.perform(ops.create_item, 1, "Saved anyway")
    assert change is not None
    assert session.board.item_count() == 1
    assert heard == [change]
    assert session.undo_stack.count() == 1
    assert "a listener failed after 'Add LD-1' was saved" in caplog.text


def test_a_failed_commit_leaves_no_transaction_open(board):
    """COMMIT itself can fail (a full disk, a deferred constraint); the board
    must roll back so the next action starts cleanly."""
    with pytest.raises(sqlite3.IntegrityError), board.transaction() as conn:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("INSERT INTO item_tags (item_id, tag_id) VALUES (12345, 678)")
    assert not board.connection.in_transaction
    assert ops.create_item(board, 1, "Next action") is not None


def test_the_idle_board_file_alone_holds_every_change(qtbot, tmp_path, clock):
    path = tmp_path / "plan.ldboard"
    session = BoardSession.open(path)
    session._idle.setInterval(20)
    try:
        with qtbot.waitSignal(session.checkpointed, timeout=5000):
            session.perform(ops.create_item, 1, "Checkpointed")
        assert (tmp_path / "plan.ldboard-wal").stat().st_size == 0
        copy = tmp_path / "copy.ldboard"
        shutil.copyfile(path, copy)  # a plain copy, without the -wal
        with Board.open(copy, create=False) as copied:
            assert copied.item_by_key("LD-1").title == "Checkpointed"
    finally:
        session.close()
    assert not (tmp_path / "plan.ldboard-wal").exists()


def _fail_with_enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("room_left_kb", [0, 24], ids=["no-room-for-the-lock", "room-for-the-lock"])
def test_save_a_copy_to_a_full_disk_names_the_real_cause(window, disk, room_left_kb, monkeypatch):
    destination = disk.folder / "copy.ldboard"
    if disk.real:
        ballast = fill(disk.folder)
        os.truncate(ballast, max(0, ballast.stat().st_size - room_left_kb * 1024))
    else:
        monkeypatch.setattr(os, "replace", _fail_with_enospc)
    window.prompter.answers.append(destination)
    before = take_snapshot(window.session.board)

    window.save_copy()

    kind, message = window.prompter.asked[-1]
    assert kind == "warn"
    assert "is full" in message and "Free some disk space" in message
    assert "not writable" not in message
    assert not destination.exists()
    assert sorted(p.name for p in disk.folder.iterdir()) == (["ballast.bin"] if disk.real else [])
    assert take_snapshot(window.session.board) == before
