"""Fixtures for tests that drive real widgets (offscreen, see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ldboard.app import build_main_window
from ldboard.store import Board
from ldboard.store.demo import create_demo_board, load_demo_content, populate_demo
from ldboard.ui.common.session import BoardSession
from tests.gui.support import ScriptedPrompter


@pytest.fixture
def session(qapp, clock) -> Iterator[BoardSession]:
    """A session on a new in-memory board with the default columns (no lock file)."""
    opened = BoardSession(Board.in_memory(clock=clock))
    yield opened
    opened.close()


@pytest.fixture
def demo_session(qapp, clock) -> Iterator[BoardSession]:
    """A session on an in-memory copy of the demo board."""
    board = Board.in_memory(clock=clock)
    populate_demo(board, load_demo_content())
    opened = BoardSession(board)
    yield opened
    opened.close()


@pytest.fixture
def board_path(tmp_path):
    """A demo board written to a file, today (as the app does on first launch: the
    window reads the real clock, so the demo's dates must be around the real today)."""
    path = tmp_path / "team.ldboard"
    create_demo_board(path).close()
    return path


@pytest.fixture
def prompter():
    """Answers the window's questions; tests queue answers in ``prompter.answers``."""
    return ScriptedPrompter()


@pytest.fixture
def window(qtbot, board_path, prompter):
    """The main window on ``board_path``, shown."""
    built = build_main_window(board_path, prompter=prompter)
    qtbot.addWidget(built)
    built.resize(1500, 900)
    built.show()
    qtbot.waitExposed(built)
    return built
