"""Every format of the demo board's summaries, compared byte for byte with checked-in files.

The demo board is written with a fixed clock (its dates are offsets from that
day), so the output never depends on when the tests run. After a deliberate
change to a format, regenerate the files and review their diff:

    LDBOARD_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/io/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ldboard.io.export import render
from ldboard.io.summary import build_summary, find_iteration
from ldboard.store import Board
from tests.unit.io.conftest import fixed_clock

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("LDBOARD_UPDATE_GOLDEN") == "1"
CASES = [
    ("last", "md"),
    ("last", "html"),
    ("last", "csv"),
    ("last", "json"),
    ("current", "md"),
    ("current", "json"),
]


@pytest.mark.parametrize(("which", "fmt"), CASES)
def test_demo_summary_matches_its_golden_file(demo_file, which, fmt):
    with Board.open(demo_file, clock=fixed_clock()) as board:
        summary = build_summary(board, find_iteration(board, which).id)
    produced = render(summary, fmt)
    golden = GOLDEN / f"demo-{which}.{fmt}"
    if UPDATE:
        golden.write_bytes(produced)
    assert produced == golden.read_bytes(), f"{golden.name} differs (see the module docstring)"
