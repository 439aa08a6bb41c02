"""Hostile input through the real operations: dates, NUL, lone surrogates, bidi controls.

Every text a person can type into an operation is listed in ``text_entries.py``;
each rule is checked on every one of them, on a real in-memory board.
"""

from __future__ import annotations

import pytest

from ldboard import ops
from ldboard.domain.rules import BIDI_CONTROLS, ValidationError
from ldboard.store import Board
from tests.unit.ops.text_entries import ITEM, TEXT_ENTRIES, prepare

BIDI = "".join(sorted(BIDI_CONTROLS))
UNSTORABLE = "contains characters that cannot be stored"


@pytest.fixture
def prepared(board: Board) -> Board:
    prepare(board)
    return board


def _expected_when_empty(entry):
    """What a non-required entry stores for text that is empty once cleaned."""
    if entry.field in ("new_note", "tags", "people"):
        return None  # no note row, no tag, no person
    return ""


# --- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "20260105",  # basic ISO 8601, accepted by date.fromisoformat
        "2026-W01-1",  # ISO week date, accepted by date.fromisoformat
        "2026-005",  # ordinal date
        "2026-1-5",
        "2026-02-30",
        "0000-01-01",
        "2026-01-05T09:00",
        " 2026-01-05",
        "２０２６-01-05",  # full-width digits
        "05/01/2026",
    ],
)
def test_due_dates_other_than_yyyy_mm_dd_are_refused_naming_field_and_form(
    prepared, snapshot, typed
):
    before = snapshot(prepared)
    for action in (
        lambda: ops.create_item(prepared, 1, "Dated", fields={"due": typed}),
        lambda: ops.edit_item(prepared, ITEM, {"due": typed}),
    ):
        with pytest.raises(ValidationError) as refused:
            action()
        assert set(refused.value.problems) == {"due"}
        message = refused.value.problems["due"]
        assert "due date" in message and "YYYY-MM-DD" in message and repr(typed) in message
    assert snapshot(prepared) == before


def test_a_yyyy_mm_dd_due_date_is_stored_and_empty_clears_it(prepared):
    ops.edit_item(prepared, ITEM, {"due": "2026-01-05"})
    assert prepared.item(ITEM).due == "2026-01-05"
    ops.edit_item(prepared, ITEM, {"due": ""})
    assert prepared.item(ITEM).due is None


# --- NUL ------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", TEXT_ENTRIES, ids=lambda e: e.id)
def test_nul_characters_are_stripped_from_every_text_field(prepared, entry):
    entry.enter(prepared, "\x00Ab\x00cd\x00")
    assert entry.read(prepared) == "Abcd"


@pytest.mark.parametrize("entry", TEXT_ENTRIES, ids=lambda e: e.id)
def test_text_of_only_nul_characters_counts_as_empty(prepared, snapshot, entry):
    if entry.required:
        before = snapshot(prepared)
        with pytest.raises(ValidationError) as refused:
            entry.enter(prepared, "\x00\x00 \x00")
        assert list(refused.value.problems) == [entry.field]
        assert snapshot(prepared) == before
    else:
        entry.enter(prepared, "\x00\x00 \x00")
        assert entry.read(prepared) == _expected_when_empty(entry)


def test_a_note_of_only_nul_characters_is_a_validation_message(prepared):
    with pytest.raises(ValidationError, match="cannot be empty") as refused:
        ops.add_note(prepared, ITEM, "\x00" * 5)
    assert refused.value.problems == {"new_note": "A note cannot be empty: write something first."}


# --- lone surrogates --------------------------------------------------------------------


@pytest.mark.parametrize("entry", TEXT_ENTRIES, ids=lambda e: e.id)
@pytest.mark.parametrize("broken", ["\ud800", "Ab\udfffcd", "\ud83d"])
def test_lone_surrogates_get_a_message_naming_the_field(prepared, snapshot, entry, broken):
    before = snapshot(prepared)
    events = len(prepared.events())
    with pytest.raises(ValidationError) as refused:
        entry.enter(prepared, broken)
    assert list(refused.value.problems) == [entry.field]
    assert UNSTORABLE in refused.value.problems[entry.field]
    assert snapshot(prepared) == before
    assert len(prepared.events()) == events


def test_every_broken_item_field_is_named_at_once(prepared):
    with pytest.raises(ValidationError) as refused:
        ops.edit_item(prepared, ITEM, {"title": "Ok\ud800", "goal": "\udc00", "due": "\ud800"})
    problems = refused.value.problems
    assert set(problems) == {"title", "goal", "due"}
    assert problems["title"].startswith("Title " + UNSTORABLE)
    assert problems["goal"].startswith("Goal " + UNSTORABLE)
    assert problems["due"].startswith("Due " + UNSTORABLE)


def test_a_broken_checklist_line_is_named_by_its_number(prepared):
    lines = [ops.ChecklistEntry("fine"), ops.ChecklistEntry("bro\ud800ken")]
    with pytest.raises(ValidationError) as refused:
        ops.edit_item(prepared, ITEM, checklist=lines)
    assert refused.value.problems["checklist"].startswith("Checklist line 2 " + UNSTORABLE)


# --- bidirectional controls --------------------------------------------------------------


@pytest.mark.parametrize("entry", TEXT_ENTRIES, ids=lambda e: e.id)
def test_bidi_controls_leave_single_line_fields_and_stay_in_long_text(prepared, entry):
    typed = f"Ab{BIDI}cd\u202e"
    entry.enter(prepared, typed)
    stored = entry.read(prepared)
    if entry.kind == "long":
        assert stored == typed
    else:
        assert stored == "Abcd"


def test_a_title_cannot_display_as_another_title(prepared):
    """The classic spoof: an override makes "Budget txt.exe" read differently."""
    ops.edit_item(prepared, ITEM, {"title": "Budget \u202eexe.txt"})
    assert prepared.item(ITEM).title == "Budget exe.txt"


# --- other limits that used to escape as SQLite errors -----------------------------------


def test_an_overlong_person_name_is_a_validation_message(prepared, snapshot):
    before = snapshot(prepared)
    with pytest.raises(ValidationError) as refused:
        ops.create_person(prepared, "N" * 121)
    assert refused.value.problems == {"name": "Keep names to 120 characters (this one has 121)."}
    with pytest.raises(ValidationError):
        ops.update_person(prepared, 1, name="N" * 121)
    assert snapshot(prepared) == before
    ops.create_person(prepared, "N" * 120)
    assert prepared.person(2).name == "N" * 120


def test_single_line_fields_fold_every_line_break_and_control_into_one_space(prepared):
    ops.edit_item(prepared, ITEM, {"title": " One\r\ntwo\u2028three\x0bfour\tfive\x1bsix "})
    assert prepared.item(ITEM).title == "One two three four fivesix"


def test_long_text_keeps_tabs_and_line_breaks_and_normalises_carriage_returns(prepared):
    ops.edit_item(prepared, ITEM, {"description": "a\r\nb\rc\n\td\x07"})
    assert prepared.item(ITEM).description == "a\nb\nc\n\td"


def test_a_tag_typed_with_several_hashes_is_stored_without_them(prepared):
    ops.create_tag(prepared, " # #Sales ")
    assert prepared.tag_by_name("sales").name == "Sales"
    ops.edit_item(prepared, ITEM, new_tags=["##sales"])
    assert [t.name for t in prepared.tags() if t.id in prepared.item_tag_ids(ITEM)] == ["Sales"]


def test_refusals_of_names_colours_roles_and_limits_are_validation_errors(prepared):
    """So every form can show them beside the field they concern."""
    cases = [
        (lambda: ops.create_tag(prepared, "  "), {"name"}),
        (lambda: ops.create_tag(prepared, "x" * 41), {"name"}),
        (lambda: ops.create_tag(prepared, "Existing"), {"name"}),
        (lambda: ops.update_tag(prepared, 1, color="red"), {"color"}),
        (lambda: ops.create_person(prepared, "P", roles=["boss"]), {"roles"}),
        (lambda: ops.add_column(prepared, "x" * 61), {"name"}),
        (lambda: ops.add_column(prepared, "INTAKE"), {"name"}),
        (lambda: ops.set_wip_limit(prepared, 1, 0), {"wip_limit"}),
        (lambda: ops.create_item(prepared, 1, "T", new_tags=["x" * 41]), {"tags"}),
    ]
    for action, fields in cases:
        with pytest.raises(ValidationError) as refused:
            action()
        assert set(refused.value.problems) == fields
