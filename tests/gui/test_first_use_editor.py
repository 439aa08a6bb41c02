"""The card editor's Stage field and its people pickers that add people on the spot."""

from __future__ import annotations

import json

import pytest

from ldboard import ops
from ldboard.domain.rules import ValidationError
from ldboard.ui.editor import CardEditor, save_card
from ldboard.ui.editor.stage import StagePicker
from tests.gui.support import ScriptedPrompter

LD8 = "LD-8"  # Pilot, requester Maria Okonkwo, sponsor Diego Ramirez


@pytest.fixture
def open_editor(qtbot):
    def open_(session, item_id=None, **kwargs) -> CardEditor:
        dialog = CardEditor(session, item_id, prompter=ScriptedPrompter(), **kwargs)
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(d.DialogCode.Rejected))
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return open_


def columns(board):
    return {c.name: c.id for c in board.columns()}


def changes_seen(session):
    seen = []
    session.changed.connect(seen.append)
    return seen


# --- the stage --------------------------------------------------------------------------


def test_the_stage_field_lists_every_column_with_its_wip_state(qtbot, open_editor, demo_session):
    board = demo_session.board
    item = board.item_by_key(LD8)
    dialog = open_editor(demo_session, item.id)
    picker = dialog.field("column_id")
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "Intake (6)",
        "Discovery (3/3 — at limit)",
        "Ready (4)",
        "Building (4/3 — over limit)",
        "Pilot (2/2 — at limit)",
        "Measuring (4)",
        "Done (6)",
    ]
    assert picker.currentData() == item.column_id == columns(board)["Pilot"]
    assert dialog.stage_hint.isHidden(), "staying where it is needs no explanation"
    picker.setCurrentIndex(picker.findData(columns(board)["Discovery"]))
    assert dialog.stage_hint.isVisible()
    assert dialog.stage_hint.text() == (
        "Saving moves LD-8 to the bottom of Discovery. That takes Discovery over its WIP "
        "limit (4 of 3); the limit is a warning, so the card still goes there."
    )
    assert dialog.is_modified()


def test_the_stage_combo_moves_the_item_in_one_change_and_undo_restores(
    qtbot, open_editor, demo_session, snapshot
):
    board = demo_session.board
    before = snapshot(board)
    item = board.item_by_key(LD8)
    ready = columns(board)["Ready"]
    dialog = open_editor(demo_session, item.id)
    dialog.field("title").setText("Objection-handling coaching, second cohort")
    picker = dialog.field("column_id")
    picker.setCurrentIndex(picker.findData(ready))
    seen = changes_seen(demo_session)
    dialog.save_button.click()
    assert not dialog.isVisible()

    moved = board.item(item.id)
    assert moved.column_id == ready
    assert moved.title == "Objection-handling coaching, second cohort"
    assert board.column_item_ids(ready)[-1] == item.id, "it goes to the bottom"
    assert len(seen) == 1, "the edit and the move are one transaction"
    assert demo_session.undo_stack.count() == 1, "and one undo step"
    assert dialog.change.label == "Edit LD-8 and move it to Ready"
    kinds = [e.kind for e in board.events(item.id)[-2:]]
    assert kinds == ["edited", "moved"]

    demo_session.undo_stack.undo()
    assert snapshot(board) == before
    demo_session.undo_stack.redo()
    assert board.item(item.id).column_id == ready


def test_only_a_stage_change_is_a_move(qtbot, open_editor, demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    item = board.item_by_key(LD8)
    done = columns(board)["Done"]
    dialog = open_editor(demo_session, item.id)
    picker = dialog.field("column_id")
    picker.setCurrentIndex(picker.findData(done))
    dialog.save_button.click()
    assert dialog.change.label == "Move LD-8 to Done"
    assert board.item(item.id).done_at is not None, "entering a done stage stamps it"
    demo_session.undo_stack.undo()
    assert snapshot(board) == before


def test_a_new_item_is_created_in_the_chosen_stage(qtbot, open_editor, demo_session):
    board = demo_session.board
    intake, measuring = columns(board)["Intake"], columns(board)["Measuring"]
    dialog = open_editor(demo_session, None, column_id=intake)
    picker = dialog.field("column_id")
    assert picker.currentData() == intake
    assert dialog.stage_hint.text() == "The new card goes to the bottom of Intake."
    qtbot.keyClicks(dialog.field("title"), "Coaching follow-up survey")
    picker.setCurrentIndex(picker.findData(measuring))
    dialog.save_button.click()
    assert board.item(dialog.item_id).column_id == measuring
    assert board.column_item_ids(measuring)[-1] == dialog.item_id


def test_stage_labels_count_only_live_cards():
    from ldboard.ui.common.stages import stage_label

    assert stage_label("Ready", 4, None) == "Ready (4)"
    assert stage_label("Building", 2, 3) == "Building (2/3)"
    assert stage_label("Building", 3, 3) == "Building (3/3 — at limit)"
    assert stage_label("Building", 4, 3) == "Building (4/3 — over limit)"


def test_the_stage_picker_reads_the_board_once(qtbot, demo_session):
    board = demo_session.board
    picker = StagePicker(board, columns(board)["Ready"], None)
    qtbot.addWidget(picker)
    assert picker.column_id() == columns(board)["Ready"]
    assert not picker.is_over_limit()
    picker.setCurrentIndex(picker.findData(columns(board)["Pilot"]))
    assert picker.is_over_limit()


# --- new people ---------------------------------------------------------------------------


def test_typing_a_new_requester_creates_the_person_with_the_card(
    qtbot, open_editor, demo_session, snapshot
):
    board = demo_session.board
    before = snapshot(board)
    people_before = len(board.people())
    dialog = open_editor(demo_session, None, column_id=columns(board)["Intake"])
    qtbot.keyClicks(dialog.field("title"), "Returns-desk refresher")
    dialog.tabs.setCurrentIndex(4)
    requester = dialog.field("requester")
    requester.setEditText("Jane Doe")
    assert requester.value() == "Jane Doe"
    assert dialog.people_hint.text() == (
        "“Jane Doe” is not on this board yet: saving adds them as a new person."
    )
    seen = changes_seen(demo_session)
    dialog.save_button.click()

    assert len(seen) == 1 and demo_session.undo_stack.count() == 1
    jane = next(p for p in board.people() if p.name == "Jane Doe")
    assert jane.roles == ["stakeholder"]
    assert board.item_people(dialog.item_id) == [(jane.id, "requester")]
    assert len(board.people()) == people_before + 1
    demo_session.undo_stack.undo()
    assert snapshot(board) == before, "one undo takes back the card and the new person"


def test_an_existing_name_typed_in_a_picker_means_that_person(qtbot, open_editor, demo_session):
    board = demo_session.board
    item = board.item_by_key(LD8)
    priya = next(p for p in board.people() if p.name == "Priya Raman")
    dialog = open_editor(demo_session, item.id)
    sponsor = dialog.field("sponsor")
    sponsor.setEditText("  priya   RAMAN ")
    assert sponsor.value() == priya.id
    assert dialog.people_hint.isHidden()
    count = len(board.people())
    dialog.save_button.click()
    assert len(board.people()) == count
    assert (priya.id, "sponsor") in board.item_people(item.id)


def test_an_expert_can_be_added_by_name(qtbot, open_editor, demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    item = board.item_by_key(LD8)
    dialog = open_editor(demo_session, item.id)
    dialog.tabs.setCurrentIndex(4)
    qtbot.keyClicks(dialog.sme_new, "Ravi Patel")
    dialog.sme_add.click()
    qtbot.keyClicks(dialog.sme_new, "Amara Mensah")  # on the board already: ticked
    dialog.sme_add.click()
    assert dialog.sme_new.text() == ""
    assert dialog.is_modified()
    assert "“Ravi Patel”" in dialog.people_hint.text()
    dialog.save_button.click()
    ravi = next(p for p in board.people() if p.name == "Ravi Patel")
    amara = next(p for p in board.people() if p.name == "Amara Mensah")
    attached = board.item_people(item.id)
    assert {(ravi.id, "sme"), (amara.id, "sme")} <= set(attached)
    assert json.loads(board.row("people", (ravi.id,))["roles"]) == ["sme"]
    demo_session.undo_stack.undo()
    assert snapshot(board) == before


def test_a_too_long_new_name_is_explained_beside_the_picker(qtbot, open_editor, demo_session):
    board = demo_session.board
    dialog = open_editor(demo_session, board.item_by_key(LD8).id)
    dialog.field("requester").setEditText("x" * 130)
    assert not dialog.save_button.isEnabled()
    assert "Keep names to 120 characters" in dialog.problems()["requester"]


def test_new_people_on_an_operation_are_found_or_created_once(demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    intake = columns(board)["Intake"]
    change = save_card(
        board,
        None,
        intake,
        {"title": "Shadowing programme"},
        None,
        None,
        None,
        new_people=[("Lee Wong", "requester"), ("lee  wong", "sme"), ("David Cohen", "sponsor")],
    )
    assert change is not None
    item_id = next(d.key[0] for d in change.rows if d.table == "items")
    lee = [p for p in board.people() if p.name.casefold() == "lee wong"]
    david = next(p for p in board.people() if p.name == "David Cohen")
    assert len(lee) == 1, "one person however often the name is typed"
    assert sorted(lee[0].roles) == ["sme", "stakeholder"]
    assert set(board.item_people(item_id)) == {
        (lee[0].id, "requester"),
        (lee[0].id, "sme"),
        (david.id, "sponsor"),
    }
    ops.undo(board, change)
    assert snapshot(board) == before
    with pytest.raises(ValidationError) as refused:
        save_card(
            board, None, intake, {"title": "x"}, None, None, None, new_people=[("y" * 121, "sme")]
        )
    assert "120 characters" in refused.value.problems["people"]
    assert snapshot(board) == before
