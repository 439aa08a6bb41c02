"""Any text typed into any text field is either stored cleaned or refused with a message.

Never a raw ``UnicodeEncodeError``, ``sqlite3.IntegrityError``, ``ConflictError``
or ``AssertionError``: a person typing (or pasting) cannot crash an operation.
"""

from __future__ import annotations

import sqlite3
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldboard.domain.rules import BIDI_CONTROLS, ValidationError, unstorable
from ldboard.store import Board
from tests.conftest import FakeClock, take_snapshot
from tests.unit.ops.text_entries import TEXT_ENTRIES, linked_name, prepare, taken_name

#: Characters hostile input is made of, drawn far more often than by chance.
AWKWARD = [
    "\x00",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\u00a0",
    "\u2028",
    "\u200b",
    "\ufeff",
    "\ud800",
    "\udfff",
    "#",
    " ",
    "'",
    '"',
    "%",
    "\\",
    "Existing",
    "intake",
    "\U0001f600",
    *sorted(BIDI_CONTROLS),
]
CHARACTERS = st.one_of(
    st.characters(),  # every code point but surrogates
    st.characters(categories=["Cs"]),  # lone surrogates
    st.sampled_from(AWKWARD),
)
TYPED = st.one_of(
    st.lists(CHARACTERS, max_size=30).map("".join),
    st.text(min_size=35, max_size=130).map(lambda t: t * 2),  # around the length limits
)


@cache
def _template() -> Board:
    board = Board.in_memory(clock=FakeClock())
    prepare(board)
    return board


def _prepared_board() -> Board:
    """A copy of one prepared board: a fresh board per example, at a fraction of the cost."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _template().connection.backup(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    return Board(conn, None, clock=FakeClock())


@pytest.mark.parametrize("entry", TEXT_ENTRIES, ids=lambda e: e.id)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed=TYPED)
def test_typed_text_is_stored_cleaned_or_refused_with_a_validation_error(entry, typed):
    board = _prepared_board()
    try:
        cleaned = entry.cleaned(typed)
        taken = taken_name(board, entry, cleaned)
        linked = linked_name(board, entry, cleaned)
        before = take_snapshot(board)
        try:
            entry.enter(board, typed)
        except ValidationError as refused:
            assert list(refused.problems) == [entry.field]
            assert take_snapshot(board) == before, "a refusal writes nothing"
            too_long = entry.max_length is not None and len(cleaned) > entry.max_length
            empty = entry.required and not cleaned
            assert empty or unstorable(cleaned) or too_long or taken, "refused for no reason"
            return
        stored = entry.read(board)
        if not cleaned and not entry.required and entry.field in ("new_note", "tags", "people"):
            assert stored is None
            return
        # A tag or person named on a card that the board has already is linked, not created.
        expected = linked or cleaned
        assert stored == expected
        # What the board stores, whatever cleaning does in detail:
        assert "\x00" not in stored and "\r" not in stored
        assert stored == stored.strip()
        assert not unstorable(stored)
        if entry.kind != "long":
            assert "\n" not in stored and not (set(stored) & BIDI_CONTROLS)
    finally:
        board.close()
