"""Shared test configuration.

Tests run headless: the Qt platform is forced to ``offscreen`` before Qt loads,
and every test gets private data/config folders and QSettings so nothing leaks
between tests or into the developer's own boards.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_ACCESSIBILITY", "0")

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ldboard.store import Board
from ldboard.store.changes import TABLE_KEYS


class FakeClock:
    """A clock that only moves when told to (one second per reading by default)."""

    def __init__(
        self, start: datetime | None = None, step: timedelta = timedelta(seconds=1)
    ) -> None:
        self.now = start or datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now = current + self.step
        return current


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    """Point platformdirs and QSettings at a folder of this test's own."""
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(variable, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def board(clock: FakeClock) -> Iterator[Board]:
    """A fresh in-memory board with the default columns."""
    opened = Board.in_memory(clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def board_file(tmp_path: Path, clock: FakeClock) -> Path:
    """Path of a new, empty board file on disk."""
    path = tmp_path / "plan.ldboard"
    Board.open(path, clock=clock).close()
    return path


def take_snapshot(board: Board) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every changeable table, in key order (events excluded)."""
    state = {}
    for table, keys in TABLE_KEYS.items():
        rows = board.rows(table, order_by=", ".join(f'"{k}"' for k in keys))
        state[table] = [tuple(sorted(row.items())) for row in rows]
    return state


@pytest.fixture
def snapshot() -> Callable[[Board], dict[str, list[tuple[Any, ...]]]]:
    return take_snapshot
