"""View → People: the partners directory, the stakeholder map and the thanks log,
driven through their real widgets on the demo board's window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from ldboard import ops
from ldboard.domain.intake import PartnerRole
from ldboard.domain.practice import IntakeRecord, PartnerAnswer
from ldboard.domain.stakeholders import Stance, stance
from ldboard.ops import intake, partners
from ldboard.ui.common.picture import PNG_SCALE
from ldboard.ui.matrix.export import render_image, svg_bytes
from ldboard.ui.partners.stakeholder_map import STANCE_COLORS, STANCE_CORNERS
from tests.gui.support import drop_at
from tests.gui.test_matrix import drag


def new_person(window, name, **fields):
    change = window.session.perform(ops.create_person, name, **fields)
    return next(d.key[0] for d in change.diffs("people") if d.is_insert)


@pytest.fixture
def window(window, qtbot):
    """The demo board's window with Zoe Quinn added, showing People (Ctrl+7, a real key)."""
    window.zoe = new_person(window, "Zoe Quinn", role="Head of Support", department="Support")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.views.currentWidget().objectName() == "peopleView")
    return window


def page(window):
    return window.screen("peopleView").built


def person(window, person_id):
    return window.session.board.person(person_id)


def undo(window):
    window.action_undo.trigger()


def show_map(window, qtbot):
    page(window).tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page(window).map_view.isVisible())
    return page(window).map_view


def chip_center(window, person_id):
    view = page(window).map_view
    chip = page(window).scene.chip(person_id)
    assert chip is not None, f"person {person_id} is not on the map"
    return view.mapFromScene(chip.sceneBoundingRect().center())


def test_ctrl_7_opens_people_listing_every_person(window):
    shown = page(window)
    assert window.views.currentWidget() is shown
    assert window.screen("peopleView").view_action.shortcut().toString() == "Ctrl+7"
    model = shown.model
    names = {model.item(row, model.NAME).text() for row in range(model.rowCount())}
    assert names == {p.name for p in window.session.board.people()}
    assert "Zoe Quinn" in names
    row = model.row_of(window.zoe)
    assert model.item(row, model.JOB_ROLE).text() == "Head of Support"
    assert model.item(row, model.STANCE).text() == "Not on the map"


def test_the_detail_lists_initiatives_by_the_part_played(window, qtbot):
    board = window.session.board
    column = board.columns()[1]
    made = window.session.perform(
        ops.create_item,
        column.id,
        "Escalation playbook",
        people=[(window.zoe, "requester"), (window.zoe, "sponsor")],
    )
    item_id = next(d.key[0] for d in made.diffs("items") if d.is_insert)
    record = IntakeRecord(
        requested_on=board.today().isoformat(),
        outcome="initiative",
        partners=(PartnerAnswer(window.zoe, PartnerRole.CO_SPONSOR.value),),
    )
    window.session.perform(intake.record_request, intake.Request("Handover coaching", record))
    assert page(window).select_person(window.zoe)
    model = page(window).detail.initiative_model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    rows = {
        model.item(r, model.TITLE).text(): (
            model.item(r, model.ROLES).text(),
            model.item(r, model.STAGE).text(),
            model.item(r, model.VERDICT).text(),
        )
        for r in range(model.rowCount())
    }
    assert rows["Escalation playbook"] == ("Requester, Sponsor", column.name, "Untested")
    assert rows["Handover coaching"] == ("Co-sponsor", board.columns()[0].name, "Untested")
    assert model.id_at(model.index(model.row_of(item_id), 0)) == item_id


def test_double_clicking_an_initiative_opens_the_card_editor(window, qtbot):
    from ldboard.ui.editor import CardEditor

    item = window.session.board.item_by_key("LD-2")
    window.session.perform(ops.edit_item, item.id, people=[(window.zoe, "sme")])
    assert page(window).select_person(window.zoe)
    view = page(window).detail.initiative_list
    qtbot.waitUntil(lambda: view.model().rowCount() == 1)
    point = view.visualRect(view.model().index(0, 1)).center()
    with qtbot.waitSignal(page(window).open_requested) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [item.id]
    editors = [w for w in window.findChildren(CardEditor) if w.isVisible()]
    assert [e.item_id for e in editors] == [item.id]
    editors[0].reject()


def test_level_and_commitments_are_applied_and_undone_one_by_one(window, qtbot):
    detail = page(window).detail
    assert page(window).select_person(window.zoe)
    assert detail.person.id == window.zoe
    detail.level_box.setFocus()
    qtbot.keyClick(detail.level_box, Qt.Key.Key_Down)  # Not set -> Executive, applied at once
    assert person(window, window.zoe).level == "executive"
    detail.commitments_edit.setFocus()
    qtbot.keyClicks(detail.commitments_edit, "Opens every session")
    assert person(window, window.zoe).commitments == "", "buffered until applied"
    qtbot.mouseClick(detail.apply_button, Qt.MouseButton.LeftButton)
    assert person(window, window.zoe).commitments == "Opens every session"
    assert page(window).model.item(page(window).model.row_of(window.zoe), 3).text() == "Executive"
    undo(window)
    assert person(window, window.zoe).commitments == ""
    assert person(window, window.zoe).level == "executive"
    assert detail.commitments_edit.toPlainText() == "", "the form follows the undo"
    undo(window)
    assert person(window, window.zoe).level is None
    assert detail.level_box.currentText() == "Not set"


def test_roles_are_ticked_in_the_directory_one_undo_step_each(window, qtbot):
    detail = page(window).detail
    assert page(window).select_person(window.zoe)
    before = sorted(person(window, window.zoe).roles)
    sponsor = detail.role_boxes["sponsor"]
    assert sponsor.isChecked() == ("sponsor" in before)
    sponsor.setFocus()
    qtbot.keyClick(sponsor, Qt.Key.Key_Space)
    after = sorted(person(window, window.zoe).roles)
    assert after == sorted(set(before) ^ {"sponsor"})
    assert sponsor.isChecked() == ("sponsor" in after)
    undo(window)
    assert sorted(person(window, window.zoe).roles) == before
    assert sponsor.isChecked() == ("sponsor" in before), "the boxes follow the undo"


def test_enter_applies_a_renamed_person(window, qtbot):
    detail = page(window).detail
    assert page(window).select_person(window.zoe)
    detail.name_edit.setFocus()
    detail.name_edit.selectAll()
    qtbot.keyClicks(detail.name_edit, "Zoe Quinn-Ortiz")
    qtbot.keyClick(detail.name_edit, Qt.Key.Key_Return)
    assert person(window, window.zoe).name == "Zoe Quinn-Ortiz"
    assert detail.heading.text() == "Zoe Quinn-Ortiz"
    undo(window)
    assert person(window, window.zoe).name == "Zoe Quinn"


def test_dragging_a_person_on_the_map_replaces_them_and_undo_puts_them_back(window, qtbot):
    window.session.perform(partners.place_person, window.zoe, 2, 2)
    view = show_map(window, qtbot)
    scene = page(window).scene
    assert scene.cell_of(window.zoe) == (2, 2)
    drag(view, chip_center(window, window.zoe), view.map_cell_to_view(5, 4).toPoint())
    zoe = person(window, window.zoe)
    assert (zoe.influence, zoe.involvement) == (5, 4)
    assert scene.cell_of(window.zoe) == (5, 4)
    assert page(window).model.item(page(window).model.row_of(window.zoe), 5).text() == (
        "Manage closely"
    )
    undo(window)
    zoe = person(window, window.zoe)
    assert (zoe.influence, zoe.involvement) == (2, 2)
    assert scene.cell_of(window.zoe) == (2, 2)


def test_dropping_a_person_outside_the_grid_changes_nothing(window, qtbot):
    window.session.perform(partners.place_person, window.zoe, 3, 1)
    view = show_map(window, qtbot)
    drag(view, chip_center(window, window.zoe), QPoint(4, 4))
    zoe = person(window, window.zoe)
    assert (zoe.influence, zoe.involvement) == (3, 1)
    assert page(window).scene.cell_of(window.zoe) == (3, 1)


def test_shift_arrows_move_the_selected_person(window, qtbot):
    window.session.perform(partners.place_person, window.zoe, 2, 2)
    view = show_map(window, qtbot)
    assert view.select_item(window.zoe)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    zoe = person(window, window.zoe)
    assert (zoe.influence, zoe.involvement) == (3, 3)


def test_quadrants_are_labelled_and_shaded_by_stance(window, qtbot):
    show_map(window, qtbot)
    scene = page(window).scene
    assert STANCE_CORNERS == {
        Stance.KEEP_SATISFIED: (5, 1),  # top left: much influence, little involvement
        Stance.MANAGE_CLOSELY: (5, 5),
        Stance.MONITOR: (1, 1),
        Stance.KEEP_INFORMED: (1, 5),
    }
    exported = svg_bytes(scene, "Stakeholder map").decode("utf-8")
    for label in ("Keep satisfied", "Manage closely", "Monitor", "Keep informed"):
        assert label in exported
    image = render_image(scene)
    for found, (row, column) in STANCE_CORNERS.items():
        assert stance(row, column) == found
        box = scene.geometry.cell(row, column)
        x = round((box.x + 3) * PNG_SCALE)
        y = round((box.y + box.height - 3) * PNG_SCALE)
        assert QColor(image.pixel(x, y)) == STANCE_COLORS[found][0], found


def test_unplaced_people_wait_beside_the_map_and_are_placed_by_dropping(window, qtbot):
    view = show_map(window, qtbot)
    unplaced = page(window).unplaced_model
    assert window.zoe in unplaced.ids()
    placed = [p.id for p in window.session.board.people() if p.influence and p.involvement]
    assert not set(placed) & set(unplaced.ids())
    mime = unplaced.mimeData([unplaced.index(unplaced.row_of(window.zoe), 0)])
    drop_at(view, mime, view.map_cell_to_view(4, 2).toPoint())
    zoe = person(window, window.zoe)
    assert (zoe.influence, zoe.involvement) == (4, 2)
    assert window.zoe not in unplaced.ids()
    assert page(window).scene.cell_of(window.zoe) == (4, 2)
    undo(window)
    assert window.zoe in unplaced.ids()


def test_thanks_are_added_and_removed_with_undo(window, qtbot):
    thanks = page(window).detail.thanks
    assert page(window).select_person(window.zoe)
    assert (
        thanks.date_edit.date().toString("yyyy-MM-dd") == window.session.board.today().isoformat()
    )
    qtbot.keyClicks(thanks.text_edit, "Opened the pilot session")
    qtbot.mouseClick(thanks.add_button, Qt.MouseButton.LeftButton)
    given = window.session.board.thanks(window.zoe)
    assert [(t.text, t.given_on) for t in given] == [
        ("Opened the pilot session", window.session.board.today().isoformat())
    ]
    assert thanks.model.rowCount() == 1
    assert thanks.text_edit.text() == ""
    thanks.list.setFocus()
    thanks.list.setCurrentIndex(thanks.proxy.index(0, 0))
    qtbot.keyClick(thanks.list, Qt.Key.Key_Delete)
    assert window.session.board.thanks(window.zoe) == []
    assert thanks.model.rowCount() == 0
    undo(window)
    assert [t.text for t in window.session.board.thanks(window.zoe)] == ["Opened the pilot session"]
    assert thanks.model.item(0, 1).text() == "Opened the pilot session"
    undo(window)
    assert thanks.model.rowCount() == 0


def test_thanks_keep_their_date_and_initiative(window, qtbot):
    board = window.session.board
    item = board.item_by_key("LD-2")
    window.session.perform(ops.edit_item, item.id, people=[(window.zoe, "sme")])
    thanks = page(window).detail.thanks
    assert page(window).select_person(window.zoe)
    thanks.date_edit.setDate(thanks.date_edit.date().addDays(-3))
    thanks.item_box.setCurrentIndex(thanks.item_box.findData(item.id))
    qtbot.keyClicks(thanks.text_edit, "Reviewed the job aid")
    qtbot.keyClick(thanks.text_edit, Qt.Key.Key_Return)
    (given,) = board.thanks(window.zoe)
    assert given.item_id == item.id
    assert date.fromisoformat(given.given_on) == date.fromordinal(board.today().toordinal() - 3)
    assert thanks.model.item(0, 2).text().startswith("LD-2 ")


# --- adding and removing people ---------------------------------------------------------


def open_new_person(window, qtbot):
    """Alt+W on the directory (the button's mnemonic) opens the New Person form."""
    from ldboard.ui.partners.new_person import NewPersonDialog

    page(window).partner_list.setFocus()
    qtbot.keyClick(page(window).partner_list, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)

    def shown():
        return [d for d in page(window).findChildren(NewPersonDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1)
    dialog = shown()[0]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_new_person_is_added_from_the_keyboard_selected_and_undone(window, qtbot):
    before = {p.id for p in window.session.board.people()}
    dialog = open_new_person(window, qtbot)
    assert not dialog.add_button.isEnabled(), "a person needs a name"
    qtbot.keyClicks(dialog.name_edit, "Ines Duarte")
    assert dialog.add_button.isEnabled()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.role_edit, "Regional Sales Manager")
    qtbot.keyClick(dialog.role_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.department_edit, "Sales")
    dialog.role_boxes["sponsor"].setChecked(True)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.department_edit, Qt.Key.Key_Return)

    (new_id,) = {p.id for p in window.session.board.people()} - before
    ines = person(window, new_id)
    assert (ines.name, ines.role, ines.department) == (
        "Ines Duarte",
        "Regional Sales Manager",
        "Sales",
    )
    assert list(ines.roles) == ["sponsor"]
    assert page(window).selected_person().id == new_id, "the new person is selected"
    assert page(window).detail.heading.text() == "Ines Duarte"
    model = page(window).model
    assert model.item(model.row_of(new_id), model.ROLES).text() == "Sponsor"

    undo(window)
    assert person(window, new_id) is None
    assert model.row_of(new_id) == -1


def test_a_second_person_with_the_same_name_is_refused_in_the_form(window, qtbot):
    count = len(window.session.board.people())
    dialog = open_new_person(window, qtbot)
    qtbot.keyClicks(dialog.name_edit, "zoe  quinn")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible(), "the form stays open with what was typed"
    assert dialog.error.isVisible() and "Zoe Quinn" in dialog.error.text()
    assert len(window.session.board.people()) == count
    dialog.reject()


def test_removing_a_person_names_what_goes_with_them_and_undo_brings_it_back(
    window, qtbot, monkeypatch
):
    board = window.session.board
    item = board.item_by_key("LD-2")
    window.session.perform(ops.edit_item, item.id, people=[(window.zoe, "sme")])
    record = IntakeRecord(
        requested_on=board.today().isoformat(),
        outcome="initiative",
        partners=(PartnerAnswer(window.zoe, PartnerRole.SPONSOR.value),),
    )
    window.session.perform(intake.record_request, intake.Request("Handover coaching", record))
    window.session.perform(partners.add_thanks, window.zoe, board.today().isoformat(), "Pilot")
    window.session.perform(partners.add_thanks, window.zoe, board.today().isoformat(), "Review")
    asked = []
    answers = iter([False, True])

    def confirm(_parent, title, question, detail, action):
        asked.append((title, question, detail, action))
        return next(answers)

    monkeypatch.setattr("ldboard.ui.partners.page.confirm", confirm)
    assert page(window).select_person(window.zoe)
    listing = page(window).partner_list
    listing.setFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Delete)  # answered Cancel
    assert person(window, window.zoe) is not None
    (title, question, detail, action) = asked[0]
    assert title == "Remove Person"
    assert question == "Remove Zoe Quinn from the board?" and action == "Remove"
    assert "their links to 2 initiatives" in detail  # LD-2 and the request's item
    assert "their part in 1 request" in detail
    assert "the 2 thanks entries they were given" in detail
    assert "Undo" in detail

    qtbot.keyClick(listing, Qt.Key.Key_Delete)  # answered Remove
    assert person(window, window.zoe) is None
    assert board.thanks(window.zoe) == []
    assert board.rows("intake_partners", "person_id = ?", (window.zoe,)) == []
    assert page(window).model.row_of(window.zoe) == -1

    undo(window)
    assert person(window, window.zoe).name == "Zoe Quinn"
    assert len(board.thanks(window.zoe)) == 2
    assert len(board.rows("intake_partners", "person_id = ?", (window.zoe,))) == 1
    assert (window.zoe, "sme") in board.item_people(item.id)
    assert page(window).model.row_of(window.zoe) >= 0


def test_the_remove_button_asks_too(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(
        "ldboard.ui.partners.page.confirm", lambda *args: asked.append(args[2:4]) or True
    )
    assert page(window).select_person(window.zoe)
    qtbot.mouseClick(page(window).remove_button, Qt.MouseButton.LeftButton)
    ((question, detail),) = asked
    assert question == "Remove Zoe Quinn from the board?"
    assert detail.startswith("Zoe Quinn is on no initiative or request and has no thanks.")
    assert person(window, window.zoe) is None


def test_people_cannot_be_added_or_removed_on_a_read_only_board(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr("ldboard.ui.partners.page.confirm", lambda *a: asked.append(a) or True)
    assert page(window).select_person(window.zoe)
    assert page(window).new_button.isEnabled() and page(window).remove_button.isEnabled()
    window.session.make_read_only("The file is read-only.")
    assert not page(window).new_button.isEnabled()
    assert not page(window).remove_button.isEnabled()
    page(window).partner_list.setFocus()
    qtbot.keyClick(page(window).partner_list, Qt.Key.Key_Delete)
    assert asked == [] and person(window, window.zoe) is not None
    assert page(window).new_person() is None
