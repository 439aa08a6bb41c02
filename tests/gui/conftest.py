"""Fixtures for tests that drive real widgets (offscreen, see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ldboard.store import Board
from ldboard.store.demo import load_demo_content, populate_demo
from ldboard.ui.session import BoardSession


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
