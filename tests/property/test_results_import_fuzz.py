"""Any bytes given to the results import are recorded or refused with a problem list.

Never another exception, and a refused import leaves the board exactly as it was
(the same property as the spreadsheet import's, on files shaped like LMS exports).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldboard import ops
from ldboard.io.results_import import RESULT_SYNONYMS, import_results, plan_results_bytes
from ldboard.ops.importing import ImportRefused
from ldboard.store import Board
from tests.conftest import FakeClock
from tests.property.test_csv_import_fuzz import csv_like, encoded, mutated

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "results").iterdir())
FIXTURE_BYTES = [path.read_bytes() for path in FIXTURES]
TITLES = ("Negotiation basics", "Coaching lab", "Coaching lab")

HEADERS = [word for words in RESULT_SYNONYMS.values() for word in words] + ["Learners", ""]
CELLS = [
    "", "LD-1", "ld-2", "LD-3", "LD-99", "LD-", "Negotiation basics", " coaching LAB ",
    "42", "3,5", "85 %", "-0", "1e999", "nan", "high", "2026-01-05", "2026-02-30",
    "13/2/2026", "2/13/2026", "5.2.2026", "2026-01-05 14:30:00", "Level 3", "L9", "Results",
    "Baseline", "x" * 130, "\ud800", "\x00", '"', "line\nbreak",
]  # fmt: skip


#: Cells that a column of that field usually holds, and now and then something it should not.
GOOD = {
    "Key": ["LD-1", "ld-2", "LD-3"],
    "Title": ["Negotiation basics", "Coaching lab", ""],
    "Date": ["2026-01-05", "5.2.2026", "13/2/2026", "2026-03-01 09:00"],
    "Value": ["42", "3,5", "85 %", "-1", "0"],
    "Phase": ["Baseline", "Pilot", "", "30 days"],
    "Source": ["LMS", "", "Pulse survey"],
    "Level": ["", "3", "Behaviour", "L2"],
}


@st.composite
def plausible_results(draw) -> str:
    """A file with the columns an export has, mostly sound cells: it often imports."""
    extra = draw(st.lists(st.sampled_from(["Title", "Phase", "Source", "Level"]), unique=True))
    header = draw(st.permutations(["Key", "Date", "Value", *extra]))
    lines = [",".join(header)]
    for _ in range(draw(st.integers(1, 5))):
        cells = [
            draw(
                st.sampled_from(GOOD[name]) if draw(st.integers(0, 40)) else st.sampled_from(CELLS)
            )
            for name in header
        ]
        lines.append(",".join(f'"{c}"' for c in cells))
    return "\n".join(lines)


ANY_INPUT = st.one_of(
    st.builds(encoded, plausible_results(), st.just("utf-8")),
    st.builds(encoded, csv_like(HEADERS, CELLS), st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
    mutated(FIXTURE_BYTES),
    st.binary(max_size=200),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ANY_INPUT)
def test_any_results_file_is_recorded_or_refused_and_a_refusal_writes_nothing(data):
    board = Board.in_memory(clock=FakeClock())
    try:
        for title in TITLES:
            ops.create_item(board, 1, title)
        before = list(board.connection.iterdump())
        plan = plan_results_bytes(board, data, "fuzz.csv")
        assert all(problem.startswith("fuzz.csv") for problem in plan.problems)
        try:
            change = import_results(board, plan)
        except ImportRefused as refused:
            assert refused.problems and all(p.startswith("fuzz.csv") for p in refused.problems)
            assert list(board.connection.iterdump()) == before
            return
        assert not plan.problems and plan.rows
        assert len(list(change.diffs("measurements"))) == len(plan.rows)
        for item_id in {row.item_id for row in plan.rows}:
            measurements = board.measurements(item_id)
            assert board.item(item_id).actual == measurements[-1].value
    finally:
        board.close()
