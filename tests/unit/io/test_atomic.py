"""Exports are written whole or not at all, and never leave a temporary file behind."""

from __future__ import annotations

import errno
import os

import pytest

from ldboard.io.atomic import write_atomically
from tests.disks import can_mount, fill, small_disk


def test_a_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "summary.md"
    target.write_text("old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.md"]


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    data = b"x" * 200_000
    if can_mount():
        with small_disk(600) as disk:
            target = disk / "summary.html"
            target.write_bytes(b"the previous export")
            ballast = fill(disk)
            with pytest.raises(OSError) as raised:
                write_atomically(target, data)
            assert raised.value.errno == errno.ENOSPC
            assert target.read_bytes() == b"the previous export"
            assert sorted(p.name for p in disk.iterdir()) == [ballast.name, "summary.html"]
        return

    # Without the right to mount a small disk, the disk fills where the bytes meet it.
    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "summary.html"
    target.write_bytes(b"the previous export")
    with pytest.raises(OSError):
        write_atomically(target, data)
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.html"]


def test_a_missing_folder_or_a_folder_as_target_writes_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "nowhere" / "summary.md", b"x")
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path / "folder.md", b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.md"]
    assert list((tmp_path / "folder.md").iterdir()) == []


def test_the_file_gets_the_usual_permissions(tmp_path):
    target = write_atomically(tmp_path / "summary.csv", b"a,b\r\n")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_a_read_only_file_is_not_replaced(tmp_path):
    """A rename would replace it (only the folder's permission counts), but its
    owner marked it as not to be changed: refused, left as it was."""
    import stat

    target = tmp_path / "summary.md"
    target.write_bytes(b"kept")
    target.chmod(stat.S_IRUSR | stat.S_IRGRP)
    with pytest.raises(PermissionError, match="read-only"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.md"]
