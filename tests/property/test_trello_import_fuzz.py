"""Any file given to the Trello import is imported or refused with a message.

The inputs are random JSON, the fixture export with bytes changed, and the
fixture with its structure changed the ways real exports and hand edits go
wrong: keys dropped, values of the wrong type, huge or odd text (emoji, lone
surrogates, control characters), nulls, duplicated ids, and references to
lists, cards, labels and members the export does not have. Each either imports
(and undo takes it away again) or is refused with a ``TrelloError`` or an
``ImportRefused`` naming the file and where it is wrong; never another
exception, and a refused import leaves the board file byte-identical.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ldboard.io.trello_import import TrelloError, read_trello_bytes
from ldboard.io.trello_import.plan import plan_trello
from ldboard.ops.importing import ImportRefused, import_items
from ldboard.store import Board
from tests.conftest import FakeClock

FIXTURE = Path(__file__).parents[1] / "fixtures" / "trello" / "board.json"
FIXTURE_BYTES = FIXTURE.read_bytes()
DOCUMENT = json.loads(FIXTURE_BYTES)
SOURCE = "fuzz.json"

#: Text that hits the edges of the reader, the checks and SQLite.
ODD_TEXT = [
    "",
    " ",
    "Done",
    "done",
    "Ideas 💡",
    "🚀" * 300,
    "x" * 10_000,
    "\ud800",
    "\x00",
    "\u202e",
    "line\nbreak",
    "2026-03-04T09:00:00.000Z",
    "2026-02-30T00:00:00Z",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "tomorrow",
    "69a5c0000000000000000014",  # a list's id
    "69a5dc20000000000000002a",  # a card's id
    "ffffffff0000000000000000",
    "zzzzzzzz0000000000000000",
]
#: Ids nothing in the fixture has, and some it has in other places.
DANGLING = [*ODD_TEXT[16:], "gone"]
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(ODD_TEXT),
    st.text(max_size=12),
    st.just([]),
    st.just({}),
    st.lists(st.sampled_from(ODD_TEXT), max_size=3),
    st.dictionaries(st.sampled_from(["id", "name", "pos", "closed"]), st.sampled_from(ODD_TEXT)),
)
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(["lists", "cards", "actions", "labels", "members", "checklists"]),
                st.text(max_size=6),
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=20,
)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON document, as a tuple of keys and indexes."""
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            found += paths(inner, (*prefix, n))
    return found


def parent(document: Any, path: tuple) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


KINDS = ("drop", "junk", "odd", "odd", "duplicate", "dangle", "swap")


@st.composite
def mutated_document(draw, kinds: tuple[str, ...] = KINDS, most: int = 5) -> bytes:
    """The fixture with one to ``most`` of its places dropped, changed or duplicated."""
    document = copy.deepcopy(DOCUMENT)
    for _ in range(draw(st.integers(1, most))):
        path = draw(st.sampled_from(paths(document)[1:]))
        holder, key = parent(document, path), path[-1]
        kind = draw(st.sampled_from(kinds))
        if kind == "odd":  # a value of the right type that is odd all the same
            value = holder[key]
            if isinstance(value, str):
                holder[key] = draw(st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=8)))
            elif isinstance(value, bool):
                holder[key] = not value
            elif isinstance(value, int | float):
                holder[key] = draw(st.one_of(st.integers(), st.floats(allow_nan=False)))
        elif kind == "drop":
            del holder[key]
        elif kind == "junk":
            holder[key] = draw(JUNK)
        elif kind == "duplicate" and isinstance(holder, list):
            holder.insert(key, copy.deepcopy(holder[key]))
        elif kind == "dangle":
            holder[key] = draw(st.sampled_from(DANGLING))
        elif kind == "swap":  # a value from elsewhere in the file
            other = draw(st.sampled_from(paths(document)[1:]))
            holder[key] = copy.deepcopy(parent(document, other)[other[-1]])
        else:
            holder[key] = None
    ascii_only = draw(st.booleans())
    return json.dumps(document, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


#: The places of the fixture that hold text a person typed (names, descriptions,
#: checklist items, comments): odd text there reaches the board's tables.
TYPED = [
    path for path in paths(DOCUMENT) if path and path[-1] in ("name", "desc", "text", "fullName")
]
#: Text SQLite or UTF-8 cannot take as it is: a NUL ends SQLite's ``length()``, a
#: lone surrogate cannot be encoded.
UNSTORABLE = ["\x00", "\x00 first", "\ud800", "last \udfff"]


@st.composite
def odd_typed_text(draw) -> bytes:
    """The fixture with one to three typed texts made odd (it should mostly import)."""
    document = copy.deepcopy(DOCUMENT)
    for path in draw(st.lists(st.sampled_from(TYPED), min_size=1, max_size=3)):
        odd = st.one_of(st.sampled_from(UNSTORABLE), st.sampled_from(ODD_TEXT), st.text(max_size=8))
        parent(document, path)[path[-1]] = draw(odd)
    return json.dumps(document, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


@st.composite
def mutated_bytes(draw) -> bytes:
    """The fixture file with a few bytes replaced, inserted or removed."""
    data = bytearray(FIXTURE_BYTES)
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data) - 1))
        byte = draw(st.one_of(st.integers(0, 255), st.sampled_from(list(b'{}[],:"\\0'))))
        kind = draw(st.sampled_from(["replace", "insert", "delete"]))
        if kind == "replace":
            data[where] = byte
        elif kind == "insert":
            data.insert(where, byte)
        else:
            del data[where]
    return bytes(data)


ANY_INPUT = st.one_of(
    mutated_document(),
    mutated_document(),
    mutated_document(("odd", "duplicate"), most=2),  # more often imported
    odd_typed_text(),
    mutated_bytes(),
    st.builds(lambda value: json.dumps(value).encode(), JSON),
    st.binary(max_size=100),
)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _content(board: Board) -> list[str]:
    """The board's rows without the log (undo adds to it) and the id counters."""
    skipped = ('INSERT INTO "events"', 'INSERT INTO "sqlite_sequence"')
    return [line for line in board.connection.iterdump() if not line.startswith(skipped)]


TEMPLATE = Path(tempfile.mkdtemp(prefix="ldboard-trello-fuzz-")) / "template.ldboard"
Board.open(TEMPLATE, clock=FakeClock()).close()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ANY_INPUT, create_columns=st.sampled_from([True, True, True, False]))
def test_any_input_is_imported_or_refused_and_a_refusal_writes_nothing(data, create_columns):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "board.ldboard"
        shutil.copyfile(TEMPLATE, path)
        board = Board.open(path, clock=FakeClock())
        try:
            before, content = _files(Path(folder)), _content(board)
            try:
                plan = plan_trello(board, read_trello_bytes(data, SOURCE))
                change = import_items(board, plan, create_columns=create_columns)
            except TrelloError as refused:
                event("refused while reading")
                assert str(refused).startswith(f"{SOURCE}: ")
                assert _files(Path(folder)) == before
                return
            except ImportRefused as refused:
                event("refused by the import")
                assert refused.problems
                assert all(p.startswith(f"{SOURCE}:") for p in refused.problems)
                assert _files(Path(folder)) == before
                return
            event("imported")
            assert not plan.problems
            assert board.item_count() + board.item_count(archived=True) == len(plan.rows)
            history = board.flow_history()  # the imported past replays
            for item_id in list(history.stories)[:5]:
                assert board.item_history(item_id)
            board.apply(change.inverse())
            assert _content(board) == content
        finally:
            board.close()
