"""The Tags & People dialog: every edit is one undoable action, lists follow the board."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMessageBox

from ldboard import ops
from ldboard.ui.people import PeopleModel, TagModel, VocabularyDialog

SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
)


@pytest.fixture
def dialog(qtbot, demo_session):
    shown = VocabularyDialog(demo_session)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def people_dialog(qtbot, demo_session):
    shown = VocabularyDialog(demo_session, page="people")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def tag_names(dialog: VocabularyDialog) -> list[str]:
    proxy = dialog.tag_proxy
    return [proxy.index(row, TagModel.NAME).data() for row in range(proxy.rowCount())]


def tag_cell(dialog: VocabularyDialog, name: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    return dialog.tag_proxy.index(tag_names(dialog).index(name), column).data(role)


def select_tag(dialog: VocabularyDialog, name: str) -> None:
    index = dialog.tag_proxy.index(tag_names(dialog).index(name), 0)
    dialog.tag_view.selectionModel().setCurrentIndex(index, SELECT_ROW)


def person_names(dialog: VocabularyDialog) -> list[str]:
    proxy = dialog.people_proxy
    return [proxy.index(row, PeopleModel.NAME).data() for row in range(proxy.rowCount())]


def person_cell(dialog: VocabularyDialog, name: str, column: int) -> str:
    return dialog.people_proxy.index(person_names(dialog).index(name), column).data()


def select_person(dialog: VocabularyDialog, name: str) -> None:
    index = dialog.people_proxy.index(person_names(dialog).index(name), 0)
    dialog.people_view.selectionModel().setCurrentIndex(index, SELECT_ROW)


def retype(qtbot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def answer_next_box(dialog, answer: str, seen: dict) -> None:
    """Click ``answer`` in the next message box the dialog opens, noting its text."""

    def click() -> None:
        box = dialog.findChild(QMessageBox)
        seen["text"] = f"{box.text()} {box.informativeText()}"
        next(b for b in box.buttons() if b.text() == answer).click()

    QTimer.singleShot(0, click)


# --- the dialog -----------------------------------------------------------------------


def test_dialog_has_a_tags_and_a_people_tab(dialog, qtbot, demo_session):
    assert dialog.objectName() == "vocabularyDialog"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["Tags", "People"]
    assert dialog.tabs.currentWidget().objectName() == "tagsPage"
    assert dialog.findChild(QAbstractItemView, "tagList") is dialog.tag_view

    people = VocabularyDialog(demo_session, page="people")
    qtbot.addWidget(people)
    assert people.tabs.currentWidget().objectName() == "peoplePage"
    with pytest.raises(ValueError, match="unknown page"):
        VocabularyDialog(demo_session, page="iterations")


# --- tags -----------------------------------------------------------------------------


def test_tag_list_shows_swatch_name_and_use_count(dialog):
    assert tag_names(dialog) == sorted(tag_names(dialog), key=str.casefold)
    assert len(tag_names(dialog)) == 10
    assert tag_cell(dialog, "customer-service", TagModel.USES) == "9 items"
    assert tag_cell(dialog, "operations", TagModel.USES) == "3 items"
    swatch = tag_cell(dialog, "sales", TagModel.NAME, Qt.ItemDataRole.DecorationRole)
    assert isinstance(swatch, QIcon) and not swatch.isNull()
    image = swatch.pixmap(16, 16).toImage()
    assert image.pixelColor(8, 8).name() == "#2563eb"


def test_tag_buttons_need_a_selection(dialog, qtbot):
    for button in (dialog.rename_tag_button, dialog.tag_color_button, dialog.delete_tag_button):
        assert not button.isEnabled()
    assert not dialog.add_tag_button.isEnabled()
    select_tag(dialog, "data")
    assert dialog.delete_tag_button.isEnabled() and dialog.rename_tag_button.isEnabled()
    qtbot.keyClicks(dialog.new_tag_edit, "x")
    assert dialog.add_tag_button.isEnabled()


def test_add_a_tag_then_undo(dialog, qtbot, demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    qtbot.keyClicks(dialog.new_tag_edit, "wellbeing")
    dialog.add_tag_button.click()

    tag = board.tag_by_name("wellbeing")
    assert tag is not None
    assert "wellbeing" in tag_names(dialog)
    assert dialog.selected_tag().id == tag.id
    assert dialog.new_tag_edit.text() == ""
    assert tag_cell(dialog, "wellbeing", TagModel.USES) == "0 items"
    assert demo_session.undo_stack.count() == 1

    demo_session.undo_stack.undo()
    assert snapshot(board) == before
    assert "wellbeing" not in tag_names(dialog)


def test_enter_in_the_name_box_adds_the_tag(dialog, qtbot, demo_session):
    qtbot.keyClicks(dialog.new_tag_edit, "safety")
    qtbot.keyClick(dialog.new_tag_edit, Qt.Key.Key_Return)
    assert demo_session.board.tag_by_name("safety") is not None
    assert demo_session.undo_stack.count() == 1


def test_duplicate_tag_name_shows_an_error_and_changes_nothing(
    dialog, qtbot, demo_session, snapshot
):
    before = snapshot(demo_session.board)
    qtbot.keyClicks(dialog.new_tag_edit, "SALES")
    dialog.add_tag_button.click()

    assert dialog.tag_error.isVisible()
    assert "already a tag called “sales”" in dialog.tag_error.text()
    assert snapshot(demo_session.board) == before
    assert demo_session.undo_stack.count() == 0
    assert dialog.new_tag_edit.text() == "SALES"  # kept for correcting

    retype(qtbot, dialog.new_tag_edit, "sales-ops")
    dialog.add_tag_button.click()
    assert not dialog.tag_error.isVisible()
    assert "sales-ops" in tag_names(dialog)


def test_rename_a_tag_in_place_then_undo(dialog, qtbot, demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    select_tag(dialog, "tools")
    dialog.rename_tag_button.click()
    index = dialog.tag_view.currentIndex()
    assert dialog.tag_view.state() == QAbstractItemView.State.EditingState
    editor = dialog.tag_view.indexWidget(index)
    assert isinstance(editor, QLineEdit) and editor.text() == "tools"
    retype(qtbot, editor, "software")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.tag_view.state() != QAbstractItemView.State.EditingState)

    assert board.tag_by_name("software").id == 7
    assert board.tag_by_name("tools") is None
    assert "software" in tag_names(dialog) and "tools" not in tag_names(dialog)
    assert dialog.selected_tag().name == "software"  # the selection follows the re-sort
    assert demo_session.undo_stack.count() == 1

    demo_session.undo_stack.undo()
    assert snapshot(board) == before
    assert "tools" in tag_names(dialog)


def test_rename_to_an_existing_name_shows_an_error(dialog, qtbot, demo_session, snapshot):
    before = snapshot(demo_session.board)
    select_tag(dialog, "tools")
    dialog.rename_tag_button.click()
    editor = dialog.tag_view.indexWidget(dialog.tag_view.currentIndex())
    retype(qtbot, editor, "Data")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.tag_view.state() != QAbstractItemView.State.EditingState)

    assert snapshot(demo_session.board) == before
    assert dialog.tag_error.isVisible()
    assert "already a tag called “data”" in dialog.tag_error.text()
    assert "tools" in tag_names(dialog)


def test_recolour_a_tag_then_undo(dialog, demo_session, snapshot, monkeypatch):
    board = demo_session.board
    before = snapshot(board)
    asked = []
    monkeypatch.setattr(dialog, "choose_color", lambda tag: asked.append(tag.name) or "#0F766E")
    select_tag(dialog, "data")
    dialog.tag_color_button.click()

    assert asked == ["data"]
    assert board.tag_by_name("data").color == "#0f766e"
    icon = tag_cell(dialog, "data", TagModel.NAME, Qt.ItemDataRole.DecorationRole)
    assert icon.pixmap(16, 16).toImage().pixelColor(8, 8).name() == "#0f766e"
    assert demo_session.undo_stack.count() == 1

    demo_session.undo_stack.undo()
    assert snapshot(board) == before


def test_cancelled_colour_changes_nothing(dialog, demo_session, snapshot, monkeypatch):
    before = snapshot(demo_session.board)
    monkeypatch.setattr(dialog, "choose_color", lambda tag: None)
    select_tag(dialog, "data")
    dialog.tag_color_button.click()
    assert snapshot(demo_session.board) == before
    assert demo_session.undo_stack.count() == 0


def test_delete_a_tag_used_by_items_then_undo(dialog, demo_session, snapshot, monkeypatch):
    board = demo_session.board
    before = snapshot(board)
    asked = []
    monkeypatch.setattr(dialog, "confirm_delete_tag", lambda tag: asked.append(tag) or True)
    select_tag(dialog, "customer-service")
    dialog.delete_tag_button.click()

    assert [(t.name, t.uses) for t in asked] == [("customer-service", 9)]
    assert board.tag_by_name("customer-service") is None
    assert board.rows("item_tags", "tag_id = ?", (2,)) == []
    assert "customer-service" not in tag_names(dialog)
    assert dialog.selected_tag().name == "data", "the selection moves to the next tag"
    assert demo_session.undo_stack.count() == 1

    demo_session.undo_stack.undo()
    assert snapshot(board) == before
    assert tag_cell(dialog, "customer-service", TagModel.USES) == "9 items"


@pytest.mark.parametrize("answer", ["Delete tag", "Cancel"])
def test_tag_delete_confirmation_says_how_many_items_lose_it(dialog, demo_session, answer):
    seen: dict = {}
    select_tag(dialog, "leadership")
    answer_next_box(dialog, answer, seen)
    dialog.delete_tag_button.click()

    assert "“leadership”" in seen["text"]
    assert "5 items will lose it" in seen["text"]
    assert (demo_session.board.tag_by_name("leadership") is None) is (answer == "Delete tag")


def test_delete_key_in_the_tag_list_asks(dialog, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(dialog, "confirm_delete_tag", lambda tag: asked.append(tag.name) or False)
    select_tag(dialog, "coaching")
    qtbot.keyClick(dialog.tag_view, Qt.Key.Key_Delete)
    assert asked == ["coaching"]


def test_tag_list_follows_changes_made_elsewhere(dialog, demo_session):
    board = demo_session.board
    demo_session.perform(ops.create_tag, "mentoring")
    assert "mentoring" in tag_names(dialog)
    tag_id = board.tag_by_name("mentoring").id
    card = board.cards()[0]
    tags = [*board.item_tag_ids(card.id), tag_id]
    demo_session.perform(ops.edit_item, card.id, tag_ids=tags)
    assert tag_cell(dialog, "mentoring", TagModel.USES) == "1 item"


# --- people ---------------------------------------------------------------------------


def test_people_list_shows_name_job_role_department_and_roles(people_dialog):
    names = person_names(people_dialog)
    assert len(names) == 10 and names == sorted(names, key=str.casefold)
    assert person_cell(people_dialog, "Diego Ramirez", PeopleModel.JOB_ROLE) == (
        "Senior Account Executive"
    )
    assert person_cell(people_dialog, "Diego Ramirez", PeopleModel.DEPARTMENT) == "Sales"
    assert person_cell(people_dialog, "Diego Ramirez", PeopleModel.ROLES) == "SME, Learner rep"
    assert person_cell(people_dialog, "Amara Mensah", PeopleModel.USES) == "6"


def test_selecting_a_person_fills_the_form(people_dialog):
    assert people_dialog.person_heading.text() == "New person"
    assert not people_dialog.save_person_button.isEnabled()
    assert not people_dialog.delete_person_button.isEnabled()
    select_person(people_dialog, "Diego Ramirez")
    assert people_dialog.person_name.text() == "Diego Ramirez"
    assert people_dialog.person_department.text() == "Sales"
    assert people_dialog.role_boxes["sme"].isChecked()
    assert people_dialog.role_boxes["learner_rep"].isChecked()
    assert not people_dialog.role_boxes["sponsor"].isChecked()
    assert people_dialog.person_wiifm.toPlainText().startswith("Recognition")
    assert people_dialog.delete_person_button.isEnabled()
    assert not people_dialog.save_person_button.isEnabled()  # nothing edited yet


def test_edit_department_and_roles_and_save_then_undo(people_dialog, qtbot, demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    select_person(people_dialog, "Hannah Lindqvist")
    retype(qtbot, people_dialog.person_department, "Customer Care")
    people_dialog.role_boxes["sponsor"].click()
    people_dialog.role_boxes["learner_rep"].click()
    assert people_dialog.save_person_button.isEnabled()
    people_dialog.save_person_button.click()

    hannah = board.person(3)
    assert hannah.department == "Customer Care"
    assert hannah.roles == ["learner_rep", "sme", "stakeholder"]
    assert hannah.name == "Hannah Lindqvist" and hannah.wiifm.startswith("Fewer escalations")
    assert person_cell(people_dialog, "Hannah Lindqvist", PeopleModel.DEPARTMENT) == (
        "Customer Care"
    )
    assert person_cell(people_dialog, "Hannah Lindqvist", PeopleModel.ROLES) == (
        "Stakeholder, SME, Learner rep"
    )
    assert not people_dialog.save_person_button.isEnabled()
    assert demo_session.undo_stack.count() == 1

    demo_session.undo_stack.undo()
    assert snapshot(board) == before
    assert people_dialog.person_department.text() == "Customer Service"  # the form follows
    assert people_dialog.role_boxes["sponsor"].isChecked()


def test_unsaved_edits_survive_changes_to_other_people(people_dialog, qtbot, demo_session):
    select_person(people_dialog, "Priya Raman")
    retype(qtbot, people_dialog.person_job_role, "People Partner")
    demo_session.perform(ops.update_person, 1, department="Commercial")
    assert person_cell(people_dialog, "Maria Okonkwo", PeopleModel.DEPARTMENT) == "Commercial"
    assert people_dialog.person_job_role.text() == "People Partner"
    assert people_dialog.save_person_button.isEnabled()


def test_saving_an_empty_name_shows_an_error(people_dialog, qtbot, demo_session, snapshot):
    before = snapshot(demo_session.board)
    select_person(people_dialog, "David Cohen")
    retype(qtbot, people_dialog.person_name, "   ")
    people_dialog.save_person_button.click()
    assert people_dialog.person_error.isVisible()
    assert people_dialog.person_error.text() == "A person needs a name."
    assert snapshot(demo_session.board) == before

    retype(qtbot, people_dialog.person_name, "David")  # editing clears the message
    assert not people_dialog.person_error.isVisible()


def test_add_a_person_from_the_form_then_undo(people_dialog, qtbot, demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    select_person(people_dialog, "Diego Ramirez")
    people_dialog.new_person_button.click()
    assert people_dialog.person_name.text() == ""
    assert not people_dialog.people_view.selectionModel().hasSelection()

    qtbot.keyClicks(people_dialog.person_name, "Noor Haddad")
    qtbot.keyClicks(people_dialog.person_job_role, "Regional Sales Manager")
    qtbot.keyClicks(people_dialog.person_department, "Sales")
    people_dialog.role_boxes["stakeholder"].click()
    people_dialog.role_boxes["learner_rep"].click()
    qtbot.keyClicks(people_dialog.person_wiifm, "Reps who ramp up in weeks, not months.")
    people_dialog.add_person_button.click()

    noor = next(p for p in board.people() if p.name == "Noor Haddad")
    assert (noor.role, noor.department) == ("Regional Sales Manager", "Sales")
    assert noor.roles == ["learner_rep", "stakeholder"]
    assert noor.wiifm == "Reps who ramp up in weeks, not months."
    assert people_dialog.selected_person().id == noor.id
    assert people_dialog.person_heading.text() == "Noor Haddad"
    assert person_cell(people_dialog, "Noor Haddad", PeopleModel.USES) == "0"
    assert demo_session.undo_stack.count() == 1

    demo_session.undo_stack.undo()
    assert snapshot(board) == before
    assert "Noor Haddad" not in person_names(people_dialog)
    assert people_dialog.person_name.text() != "Noor Haddad"  # the form left Noor too


def test_adding_someone_who_already_exists_is_refused(people_dialog, qtbot, demo_session, snapshot):
    before = snapshot(demo_session.board)
    people_dialog.new_person_button.click()
    qtbot.keyClicks(people_dialog.person_name, "amara  mensah")
    people_dialog.add_person_button.click()
    assert "already someone called “Amara Mensah”" in people_dialog.person_error.text()
    assert snapshot(demo_session.board) == before


def test_remove_a_person_linked_to_items_then_undo(
    people_dialog, demo_session, snapshot, monkeypatch
):
    board = demo_session.board
    before = snapshot(board)
    asked = []
    monkeypatch.setattr(
        people_dialog, "confirm_delete_person", lambda person: asked.append(person) or True
    )
    select_person(people_dialog, "Amara Mensah")
    people_dialog.delete_person_button.click()

    assert [(p.person.name, p.uses) for p in asked] == [("Amara Mensah", 6)]
    assert board.person(7) is None
    assert board.rows("item_people", "person_id = ?", (7,)) == []
    assert "Amara Mensah" not in person_names(people_dialog)
    # The selection moves on to the next person in the list, and the form shows them.
    assert people_dialog.selected_person().person.name == "David Cohen"
    assert people_dialog.person_name.text() == "David Cohen"
    assert people_dialog.person_heading.text() == "David Cohen"

    demo_session.undo_stack.undo()
    assert snapshot(board) == before
    assert "Amara Mensah" in person_names(people_dialog)


@pytest.mark.parametrize("answer", ["Remove", "Cancel"])
def test_person_confirmation_says_how_many_items(people_dialog, demo_session, answer):
    seen: dict = {}
    select_person(people_dialog, "Kenji Watanabe")
    answer_next_box(people_dialog, answer, seen)
    people_dialog.delete_person_button.click()
    assert "Kenji Watanabe" in seen["text"] and "linked to 4 items" in seen["text"]
    assert (demo_session.board.person(6) is None) is (answer == "Remove")


def test_people_list_follows_changes_made_elsewhere(people_dialog, demo_session):
    demo_session.perform(ops.create_person, "Ines Duarte", roles=["sme"], department="Legal")
    assert person_cell(people_dialog, "Ines Duarte", PeopleModel.ROLES) == "SME"
    ines = next(p for p in demo_session.board.people() if p.name == "Ines Duarte")
    assert json.loads(demo_session.board.row("people", (ines.id,))["roles"]) == ["sme"]
    completions = people_dialog.department_completer.model().stringList()
    assert "Legal" in completions


# --- models ---------------------------------------------------------------------------


def test_tag_model_passes_the_model_tester_through_changes(qtmodeltester, demo_session):
    model = TagModel(demo_session)
    qtmodeltester.check(model)
    demo_session.perform(ops.create_tag, "zeta")
    demo_session.perform(ops.update_tag, 1, name="a-sales", color="#000000")
    demo_session.perform(ops.delete_tag, 2)
    demo_session.undo_stack.undo()
    demo_session.perform(ops.delete_item, 5)
    qtmodeltester.check(model)
    assert model.rowCount() == 11


def test_people_model_passes_the_model_tester_through_changes(qtmodeltester, demo_session):
    model = PeopleModel(demo_session)
    qtmodeltester.check(model)
    demo_session.perform(ops.create_person, "Zoe Park")
    demo_session.perform(ops.update_person, 1, roles=["sponsor"], name="A. Okonkwo")
    demo_session.perform(ops.delete_person, 2)
    demo_session.undo_stack.undo()
    demo_session.perform(ops.delete_person, 3)
    qtmodeltester.check(model)
    assert model.rowCount() == 10


def test_sorted_views_pass_the_model_tester(qtmodeltester, dialog):
    qtmodeltester.check(dialog.tag_proxy)
    qtmodeltester.check(dialog.people_proxy)
    assert dialog.tag_proxy.rowCount() == 10
