"""Boards with a told story, for the iteration summary and its exporters."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ldboard import ops
from ldboard.store import Board
from ldboard.store.demo import create_demo_board
from tests.conftest import FakeClock

DONE = 7
BUILDING = 4

#: Text a user could type that would be markup, a link, a formula or HTML if not escaped.
HOSTILE = '=HYPERLINK("http://evil.example") <script>alert(1)</script> [x](http://evil.example) *b*'


def build_story(board: Board) -> dict[str, int]:
    """Sprint 1 closed with a told story, Sprint 2 running. Returns ids by name."""
    ops.create_person(board, "Ana Sponsor", role="VP Sales", roles=["sponsor"])
    ops.create_person(board, "Sam Expert", role="Senior rep", roles=["sme"])
    ana, sam = (p.id for p in sorted(board.people(), key=lambda p: p.name))
    specs = [
        ("Objection handling", "validated", 3, 2, [(ana, "sponsor"), (sam, "sme")]),
        ("Pricing job aid", "invalidated", 2, 1, [(ana, "sponsor")]),
        ("Onboarding refresh", "untested", 4, 3, []),
        ("Compliance refresher", None, 2, 2, [(sam, "sme")]),
    ]
    for title, verdict, effort, impact, people in specs:
        fields = {"effort": effort, "impact": impact, "driver": "revenue"}
        if verdict:
            fields |= {
                "hypothesis": f"We believe {title.lower()} will raise the win rate.",
                "metric": "win rate %",
                "baseline": 20,
                "target": 30,
                "audience": "Account executives",
                "need": "answer the five common objections",
                "outcome": "so that more deals close",
                "cost_of_inaction": "About 40,000 EUR a quarter in lost deals.",
            }
        ops.create_item(board, 1, title, fields=fields, people=people)
    ops.create_iteration(board, "Sprint 1", goal="Win more deals", start="2026-11-02",
                         end="2026-11-13", capacity=10)  # fmt: skip
    ops.create_iteration(board, "Sprint 2", start="2026-11-16", end="2026-11-27")
    ops.plan_items(board, [1, 2, 3], 1)
    ops.start_iteration(board, 1)
    ops.plan_items(board, [4], 1)
    ops.move_item(board, 1, DONE, 0)
    ops.move_item(board, 2, DONE, 0)
    ops.move_item(board, 3, BUILDING, 0)
    ops.add_retro_entry(board, 1, "went_well", "Sam's role-plays landed")
    ops.add_retro_entry(board, 1, "to_improve", "Baselines came late")
    ops.add_retro_entry(board, 1, "action", "Capture baselines first", owner_id=sam,
                        due="2026-11-20")  # fmt: skip
    ops.close_iteration(
        board,
        1,
        unfinished={3: 2, 4: None},
        verdicts={1: ("validated", 34), 2: ("invalidated", 21)},
    )
    ops.start_iteration(board, 2)
    return {"closed": 1, "active": 2, "ana": ana, "sam": sam}


@pytest.fixture
def story(board: Board) -> Board:
    build_story(board)
    return board


def fixed_clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo board written with a fixed clock: its dates are offsets from that day."""
    path = tmp_path_factory.mktemp("demo") / "demo.ldboard"
    create_demo_board(path, clock=fixed_clock()).close()
    return path


ACTIVE = 4  # Building


def flowing_clock() -> FakeClock:
    """Three hours a reading from the iteration's first morning: work spans days."""
    return FakeClock(datetime(2026, 11, 2, 8, 0, tzinfo=UTC), step=timedelta(hours=3))


def build_flowing_story(board: Board) -> dict[str, int]:
    """Sprint 1 (2–13 Nov 2026) run day by day and closed: items started in
    Building, two finished, one added after the start, one carried over; an
    SME and a sponsor on the items. Sprint 2 running. Returns ids by name."""
    ops.create_person(board, "Ana Sponsor", role="VP Sales", roles=["sponsor"])
    ops.create_person(board, "Sam Expert", role="Senior rep", roles=["sme"])
    ana, sam = (p.id for p in sorted(board.people(), key=lambda p: p.name))
    story = {"audience": "Account executives", "need": "answer objections",
             "outcome": "so that more deals close", "cost_of_inaction": "Lost deals."}  # fmt: skip
    specs = [
        ("Objection handling", 3, [(ana, "sponsor"), (sam, "sme")]),
        ("Pricing job aid", 2, [(ana, "sponsor")]),
        ("Onboarding refresh", 4, [(sam, "sme")]),
        ("Compliance refresher", 1, []),
    ]
    for title, effort, people in specs:
        fields = {"effort": effort, "impact": 3, "driver": "revenue", **story}
        fields["hypothesis"] = f"We believe {title.lower()} will raise the win rate."
        ops.create_item(board, 1, title, fields=fields, people=people)
    ops.create_iteration(board, "Sprint 1", goal="Win more deals", start="2026-11-02",
                         end="2026-11-13", capacity=10)  # fmt: skip
    ops.create_iteration(board, "Sprint 2")  # no dates: it runs from its start to today
    ops.plan_items(board, [1, 2, 3], 1)
    ops.start_iteration(board, 1)
    for item in (1, 2, 3):
        ops.move_item(board, item, ACTIVE, 0)
    ops.plan_items(board, [4], 1)
    ops.move_item(board, 4, ACTIVE, 0)
    ops.move_item(board, 1, DONE, 0)
    ops.move_item(board, 4, DONE, 0)
    ops.move_item(board, 2, DONE, 0)
    ops.close_iteration(board, 1, unfinished={3: 2}, verdicts={1: ("validated", 34)})
    ops.start_iteration(board, 2)
    ops.move_item(board, 3, DONE, 0)
    return {"closed": 1, "active": 2, "ana": ana, "sam": sam}


@pytest.fixture
def flowing() -> Iterator[Board]:
    opened = Board.in_memory(clock=flowing_clock())
    build_flowing_story(opened)
    yield opened
    opened.close()
