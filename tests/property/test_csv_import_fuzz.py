"""Any bytes given to the CSV import are imported or refused with a problem list.

Never another exception (``UnicodeDecodeError``, ``csv.Error``, ``KeyError``,
``sqlite3.IntegrityError``, ``ConflictError``…), and a refused import leaves
the board file exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldboard.io.csv_import import ImportRefused, import_items, plan_csv_bytes
from ldboard.io.csv_import.mapping import SYNONYMS
from ldboard.store import Board
from tests.conftest import FakeClock

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "csv").iterdir())
FIXTURE_BYTES = [path.read_bytes() for path in FIXTURES]

#: Headers worth drawing: every synonym of every field, and some nobody knows.
HEADERS = [word for words in SYNONYMS.values() for word in words] + ["Colour", "", "x"]
#: Cell text that hits the readers' edges.
CELLS = [
    "",
    "High",
    "7",
    "3 - Moderate",
    "XL",
    "Validated",
    "maybe",
    "Skills gap",
    "Job aid",
    "2026-02-30",
    "13/2/2026",
    "2/13/2026",
    "1.2.2026",
    "Intake",
    "Review",
    "Done",
    "a, b; c",
    "Maya Chen; Chen, Maya",
    "x" * 70,
    "\ud800",
    "\u202e",
    "\x00",
    '"',
    '""',
    "line\nbreak",
    "\r",
    "3,5",
    "nan",
    "1e999",
    "-1",
]
SEPARATORS = [",", ";", "\t", "\n", "\r\n", '"', " "]


@st.composite
def csv_like(draw, headers: list[str], cells: list[str]) -> str:
    """Text shaped like a CSV file: a header drawn from ``headers``, rows of ``cells``
    and random text, some quoted."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    width = draw(st.integers(1, 6))
    header = draw(st.lists(st.sampled_from(headers), min_size=width, max_size=width))
    lines = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 6))):
        row = draw(
            st.lists(
                st.one_of(st.sampled_from(cells), st.text(max_size=8)),
                min_size=0,
                max_size=width + 1,
            )
        )
        quoted = [f'"{c}"' if draw(st.booleans()) else c for c in row]
        lines.append(delimiter.join(quoted))
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


def encoded(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-sig":
        return "\ufeff".encode() + text.encode("utf-8", "surrogatepass")
    if encoding == "cp1252":
        return text.encode("cp1252", "replace")
    return text.encode(encoding, "surrogatepass")


@st.composite
def mutated(draw, fixtures: list[bytes]) -> bytes:
    """One of ``fixtures`` with a few bytes replaced, inserted or removed."""
    data = bytearray(draw(st.sampled_from(fixtures)))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, max(0, len(data) - 1)))
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        byte = draw(st.one_of(st.integers(0, 255), st.sampled_from(list(b',;\t\n\r"'))))
        if kind == "replace" and data:
            data[where] = byte
        elif kind == "insert":
            data.insert(where, byte)
        elif data:
            del data[where]
    return bytes(data)


ANY_INPUT = st.one_of(
    st.builds(
        encoded,
        csv_like(HEADERS, CELLS),
        st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    ),
    mutated(FIXTURE_BYTES),
    st.binary(max_size=200),
    st.builds(lambda t: t.encode("utf-8", "surrogatepass"), st.text(max_size=200)),
)


def _dump(board: Board) -> list[str]:
    return list(board.connection.iterdump())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ANY_INPUT, create_columns=st.booleans())
def test_any_input_is_imported_or_refused_and_a_refusal_writes_nothing(data, create_columns):
    board = Board.in_memory(clock=FakeClock())
    try:
        before = _dump(board)
        plan = plan_csv_bytes(board, data, "fuzz.csv")
        for problem in plan.problems:
            assert problem.startswith("fuzz.csv")
        try:
            change = import_items(board, plan, create_columns=create_columns)
        except ImportRefused as refused:
            assert refused.problems
            assert all(p.startswith("fuzz.csv") for p in refused.problems)
            assert _dump(board) == before
            return
        assert not plan.problems and plan.rows
        assert board.item_count() == len(plan.rows)
        assert change.label.startswith(f"Import {len(plan.rows)} item")
    finally:
        board.close()
