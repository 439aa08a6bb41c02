"""The card editor dialog, driven through its real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QTextBrowser

from ldboard import ops
from ldboard.domain.model import Item
from ldboard.domain.rules import Quadrant, ValidationError
from ldboard.store import ConflictError
from ldboard.ui.editor import CardEditor, format_number, parse_tag_names, save_card, saving
from tests.gui.support import ScriptedPrompter

# The offscreen test platform says so whenever a window is shown, raised or grabs
# the keyboard (the tag completer's popup); these are about the platform, not the dialog.

#: Demo item with a checklist, notes, tags and people: "Objection-handling coaching…".
DEMO_ITEM = 8


@pytest.fixture
def open_editor(qtbot):
    """Opens card editors whose questions are answered by a ``ScriptedPrompter``.

    Editors are closed without asking at teardown, so a test may leave a
    modified dialog open.
    """

    def open_(session, item_id=None, *, answers=(), **kwargs) -> CardEditor:
        dialog = CardEditor(session, item_id, prompter=ScriptedPrompter(*answers), **kwargs)
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(d.DialogCode.Rejected))
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        return dialog

    return open_


def choose(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def error(dialog: CardEditor, name: str) -> QLabel:
    label = dialog.findChild(QLabel, f"error_{name}")
    assert label is not None
    return label


# --- opening ---------------------------------------------------------------------------


def test_opens_an_item_with_its_values_and_the_title_selected(qtbot, open_editor, demo_session):
    board = demo_session.board
    item = board.item(DEMO_ITEM)
    dialog = open_editor(demo_session, DEMO_ITEM)

    assert dialog.objectName() == "cardEditor"
    assert dialog.windowTitle() == f"Edit {item.key} — {item.title}"
    assert dialog.field("title").text() == item.title
    assert dialog.field("description").toPlainText() == item.description
    assert dialog.field("baseline").text() == format_number(item.baseline)
    assert dialog.field("impact").currentData() == item.impact
    assert dialog.field("verdict").currentData() == item.verdict
    tag_names = {t.name for t in board.tags() if t.id in board.item_tag_ids(DEMO_ITEM)}
    assert set(parse_tag_names(dialog.field("tags").text())) == tag_names
    assert dialog.field("checklist").count() == len(board.checklist(DEMO_ITEM))
    assert "Diego" in dialog.findChild(QTextBrowser, "notesHistory").toPlainText()

    title = dialog.field("title")
    qtbot.waitUntil(lambda: dialog.focusWidget() is title)
    assert title.selectedText() == item.title
    assert not dialog.is_modified()
    assert dialog.save_button.isEnabled()


def test_every_editable_field_has_a_name_an_accessible_name_and_a_buddy(
    qtbot, open_editor, demo_session
):
    dialog = open_editor(demo_session, DEMO_ITEM)
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    for name in (*Item.FORM_FIELDS, "tags", "requester", "sponsor", "smes", "checklist"):
        widget = dialog.field(name)
        assert widget.objectName() == f"field_{name}"
        assert widget.accessibleName(), name
        if name == "due":  # labelled by the check box that turns the date on
            assert widget not in buddies and dialog.due_check.text() == "D&ue date:"
        else:
            assert widget in buddies, f"{name} has no label pointing at it"
        assert error(dialog, name).isHidden()
    field_labels = {
        label.buddy().objectName(): label.text()
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None and label.buddy().objectName().startswith("field_")
    }
    named = (*Item.FORM_FIELDS, "tags", "requester", "sponsor", "smes", "checklist", "new_note")
    assert {f"field_{name}" for name in named if name != "due"} <= set(field_labels)
    labels = [
        label for label in dialog.findChildren(QLabel) if label.buddy() is not None
    ]  # one label per field
    assert len(labels) == len({label.buddy() for label in labels})
    assert all("&" in text for text in field_labels.values()), field_labels
    assert dialog.findChild(QTextBrowser, "descriptionPreview") is not None


def test_markdown_preview_renders_bold_live(qtbot, open_editor, session):
    dialog = open_editor(session)
    dialog.field("description").setFocus()
    qtbot.keyClicks(dialog.field("description"), "Plain and **bold** words")

    document = dialog.preview.document()
    bold = document.find("bold")
    plain = document.find("Plain")
    assert not bold.isNull() and not plain.isNull()
    assert bold.charFormat().fontWeight() == QFont.Weight.Bold
    assert plain.charFormat().fontWeight() == QFont.Weight.Normal
    assert "**" not in dialog.preview.toPlainText()
    assert "bold" in dialog.preview.toPlainText()


def test_score_line_shows_score_and_quadrant(qtbot, open_editor, session):
    dialog = open_editor(session)
    assert "Not scored" in dialog.score_label.text()

    choose(dialog.field("impact"), 5)
    choose(dialog.field("effort"), 2)
    assert dialog.score_label.text().replace(" ", "") == "2.50·Quickwins"

    choose(dialog.field("impact"), 1)
    assert dialog.score_label.text().endswith(Quadrant.FILL_INS.label)

    choose(dialog.field("effort"), None)
    assert "Not scored" in dialog.score_label.text()


# --- editing ---------------------------------------------------------------------------


def test_editing_through_the_widgets_is_one_undoable_change(
    qtbot, open_editor, demo_session, snapshot
):
    board = demo_session.board
    before = snapshot(board)
    old_tags = set(board.item_tag_ids(DEMO_ITEM))
    old_checklist = board.checklist(DEMO_ITEM)
    old_notes = board.notes(DEMO_ITEM)
    dialog = open_editor(demo_session, DEMO_ITEM)

    title = dialog.field("title")
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " (pilot)")
    choose(dialog.field("impact"), 4)
    choose(dialog.field("effort"), 2)
    tags = dialog.field("tags")
    tags.setFocus()
    qtbot.keyClick(tags, Qt.Key.Key_End)
    qtbot.keyClicks(tags, ", onboarding, field-coaching")
    dialog.tabs.setCurrentIndex(6)
    qtbot.keyClicks(dialog.checklist_new, "Share results with Maria")
    qtbot.keyClick(dialog.checklist_new, Qt.Key.Key_Return)
    dialog.tabs.setCurrentIndex(7)
    qtbot.keyClicks(dialog.field("new_note"), "Sponsor wants a second cohort.")
    assert dialog.isVisible(), "Return in the checklist line must not save the dialog"
    assert dialog.is_modified()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.item_id == DEMO_ITEM
    item = board.item(DEMO_ITEM)
    assert item.title.endswith(" (pilot)")
    assert (item.impact, item.effort) == (4, 2)
    created = board.tag_by_name("field-coaching")
    assert created is not None
    onboarding = board.tag_by_name("onboarding")
    assert set(board.item_tag_ids(DEMO_ITEM)) == old_tags | {created.id, onboarding.id}
    checklist = board.checklist(DEMO_ITEM)
    assert [c.id for c in checklist[:-1]] == [c.id for c in old_checklist]
    assert (checklist[-1].text, checklist[-1].done) == ("Share results with Maria", False)
    notes = board.notes(DEMO_ITEM)
    assert len(notes) == len(old_notes) + 1
    assert notes[-1].text == "Sponsor wants a second cohort."

    assert dialog.change is not None
    assert dialog.change.label.startswith("Edit LD-8")
    assert demo_session.undo_stack.count() == 1
    after = snapshot(board)

    demo_session.undo_stack.undo()
    assert snapshot(board) == before
    assert board.tag_by_name("field-coaching") is None

    demo_session.undo_stack.redo()
    assert snapshot(board) == after


def test_all_plain_fields_are_saved(qtbot, open_editor, demo_session):
    board = demo_session.board
    dialog = open_editor(demo_session, DEMO_ITEM)
    texts = {
        "audience": "New account executives in their first 90 days",
        "need": "Handle pricing objections",
        "outcome": "so that discounts shrink",
        "goal": "Fewer discounts",
        "hypothesis": "We believe pods will result in fewer discounts, measured by margin.",
        "cost_of_inaction": "About 40k a quarter",
    }
    for name, text in texts.items():
        widget = dialog.field(name)
        assert isinstance(widget, QPlainTextEdit)
        widget.selectAll()
        qtbot.keyClicks(widget, text)
    metric = dialog.field("metric")
    metric.selectAll()
    qtbot.keyClicks(metric, "Average discount (%)")
    for name, typed in (
        ("baseline", "3,5"),
        ("target", "80%"),
        ("actual", ""),
        ("estimate_days", "2.5"),
    ):
        edit = dialog.field(name)
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        qtbot.keyClicks(edit, typed)
    choose(dialog.field("driver"), "retention")
    choose(dialog.field("verdict"), "inconclusive")
    choose(dialog.field("evaluation_level"), 3)
    choose(dialog.field("format"), "job_aid")
    choose(dialog.field("iteration_id"), None)
    dialog.save_button.click()

    item = board.item(DEMO_ITEM)
    for name, text in texts.items():
        assert getattr(item, name) == text
    assert item.metric == "Average discount (%)"
    assert (item.baseline, item.target, item.actual, item.estimate_days) == (3.5, 80.0, None, 2.5)
    assert (item.driver, item.verdict, item.evaluation_level) == ("retention", "inconclusive", 3)
    assert (item.format, item.iteration_id) == ("job_aid", None)
    kinds = {event.kind for event in board.events(DEMO_ITEM)[-3:]}
    assert {"edited", "verdict", "planned"} <= kinds


def test_due_date_can_be_set_and_cleared(qtbot, open_editor, demo_session):
    board = demo_session.board
    dialog = open_editor(demo_session, DEMO_ITEM)
    assert dialog.field("due").isEnabled() == (board.item(DEMO_ITEM).due is not None)
    dialog.due_check.setChecked(True)
    dialog.field("due").setDate(QDate(2027, 1, 15))
    dialog.save_button.click()
    assert board.item(DEMO_ITEM).due == "2027-01-15"

    dialog = open_editor(demo_session, DEMO_ITEM)
    assert dialog.due_check.isChecked()
    qtbot.mouseClick(
        dialog.due_check, Qt.MouseButton.LeftButton, pos=dialog.due_check.rect().center()
    )
    assert not dialog.field("due").isEnabled()
    dialog.save_button.click()
    assert board.item(DEMO_ITEM).due is None


def test_people_roles_are_saved(qtbot, open_editor, demo_session):
    board = demo_session.board
    people = {p.name: p.id for p in board.people()}
    dialog = open_editor(demo_session, DEMO_ITEM)
    choose(dialog.field("requester"), people["Priya Raman"])
    choose(dialog.field("sponsor"), people["David Cohen"])
    experts = dialog.field("smes")
    for row in range(experts.count()):
        entry = experts.item(row)
        wanted = entry.data(Qt.ItemDataRole.UserRole) in (
            people["Amara Mensah"],
            people["Kenji Watanabe"],
        )
        entry.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    dialog.save_button.click()

    assert set(board.item_people(DEMO_ITEM)) == {
        (people["Priya Raman"], "requester"),
        (people["David Cohen"], "sponsor"),
        (people["Amara Mensah"], "sme"),
        (people["Kenji Watanabe"], "sme"),
    }


def test_checklist_lines_can_be_ticked_moved_renamed_and_removed(qtbot, open_editor, demo_session):
    board = demo_session.board
    old = board.checklist(DEMO_ITEM)
    dialog = open_editor(demo_session, DEMO_ITEM)
    dialog.tabs.setCurrentIndex(6)
    lines = dialog.field("checklist")
    assert not dialog.checklist_add.isEnabled()

    lines.setCurrentRow(0)
    dialog.checklist_down.click()
    assert lines.item(1).data(Qt.ItemDataRole.UserRole) == old[0].id
    lines.setCurrentRow(len(old) - 1)
    dialog.checklist_remove.click()
    lines.item(0).setCheckState(Qt.CheckState.Unchecked)
    lines.item(2).setText("Renamed line")
    assert dialog.checklist_progress.text().endswith(f"of {len(old) - 1} done")
    dialog.save_button.click()

    saved = board.checklist(DEMO_ITEM)
    assert [c.id for c in saved] == [old[1].id, old[0].id, old[2].id, *[c.id for c in old[3:-1]]]
    assert saved[0].done is False
    assert saved[2].text == "Renamed line"
    assert old[-1].id not in {c.id for c in saved}


def test_an_empty_checklist_line_blocks_saving(qtbot, open_editor, demo_session):
    dialog = open_editor(demo_session, DEMO_ITEM)
    dialog.field("checklist").item(1).setText("   ")
    assert not error(dialog, "checklist").isHidden()
    assert "line 2" in error(dialog, "checklist").text()
    assert dialog.tabs.tabText(6).endswith("•")
    assert not dialog.save_button.isEnabled()


def test_tab_moves_through_the_fields_in_reading_order(qtbot, open_editor, demo_session):
    dialog = open_editor(demo_session, DEMO_ITEM)

    def tab_stops(tab: int) -> list[str]:
        dialog.tabs.setCurrentIndex(tab)
        stops, widget = [], dialog.nextInFocusChain()
        while widget is not dialog:
            policy = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            if widget.isVisible() and policy == Qt.FocusPolicy.TabFocus:
                stops.append(widget.objectName())
            widget = widget.nextInFocusChain()
        return [name for name in stops if name.startswith("field_")]

    assert tab_stops(0) == ["field_title", "field_column_id", "field_tags", "field_description"]
    assert tab_stops(2) == [
        "field_driver",
        "field_goal",
        "field_hypothesis",
        "field_metric",
        "field_baseline",
        "field_target",
        "field_actual",
        "field_verdict",
        "field_evaluation_level",
        "field_cost_of_inaction",
    ]

    dialog.tabs.setCurrentIndex(0)
    dialog.field("title").setFocus()
    qtbot.keyClick(dialog.field("title"), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.field("column_id")


# --- new items -------------------------------------------------------------------------


def test_new_item_is_created_at_the_bottom_of_the_given_column(
    qtbot, open_editor, demo_session, snapshot
):
    board = demo_session.board
    before = snapshot(board)
    dialog = open_editor(demo_session, column_id=2)
    assert dialog.windowTitle() == "New initiative"
    assert not dialog.save_button.isEnabled()
    assert error(dialog, "title").isHidden(), "an untouched new card shows no error yet"

    qtbot.keyClicks(dialog.field("title"), "Negotiation clinic")
    qtbot.keyClicks(dialog.field("tags"), "sales, brand-new")
    choose(dialog.field("impact"), 3)
    dialog.checklist_new.setText("Book a room")
    dialog.checklist_add.click()
    dialog.field("new_note").setPlainText("Asked for by Maria.")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()

    item = board.item(dialog.item_id)
    assert item.title == "Negotiation clinic"
    assert item.column_id == 2
    assert board.column_item_ids(2)[-1] == item.id
    assert item.impact == 3
    assert {t.name for t in board.tags() if t.id in board.item_tag_ids(item.id)} == {
        "sales",
        "brand-new",
    }
    assert [c.text for c in board.checklist(item.id)] == ["Book a room"]
    assert [n.text for n in board.notes(item.id)] == ["Asked for by Maria."]
    assert dialog.change.label == f"Add {item.key}"
    assert demo_session.undo_stack.count() == 1

    demo_session.undo_stack.undo()
    assert snapshot(board) == before


def test_new_item_defaults_to_the_first_column(qtbot, open_editor, session):
    dialog = open_editor(session)
    qtbot.keyClicks(dialog.field("title"), "Onboarding buddy scheme")
    qtbot.keyClick(dialog.field("title"), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    first = session.board.columns()[0].id
    assert session.board.item(dialog.item_id).column_id == first


# --- validation ------------------------------------------------------------------------


def test_clearing_the_title_shows_an_inline_error_and_disables_save(
    qtbot, open_editor, demo_session
):
    dialog = open_editor(demo_session, DEMO_ITEM)
    title = dialog.field("title")
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Backspace)

    assert error(dialog, "title").isVisible()
    assert "required" in error(dialog, "title").text()
    assert not dialog.save_button.isEnabled()
    assert dialog.tabs.tabText(0).endswith("•")
    qtbot.keyClick(title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()

    qtbot.keyClicks(title, "Back again")
    assert error(dialog, "title").isHidden()
    assert dialog.save_button.isEnabled()
    assert not dialog.tabs.tabText(0).endswith("•")


def test_a_word_for_a_number_shows_an_inline_error(qtbot, open_editor, demo_session):
    dialog = open_editor(demo_session, DEMO_ITEM)
    dialog.tabs.setCurrentIndex(2)
    baseline = dialog.field("baseline")
    baseline.selectAll()
    qtbot.keyClicks(baseline, "ten")

    assert error(dialog, "baseline").isVisible()
    assert "not a number" in error(dialog, "baseline").text()
    assert not dialog.save_button.isEnabled()
    assert dialog.tabs.tabText(2) == "Business goal && hypothesis •"
    assert "not a number" in dialog.tabs.tabToolTip(2)

    for typed in ("", "42", "3,5", "80%"):
        baseline.setText(typed)
        assert error(dialog, "baseline").isHidden(), typed
        assert dialog.save_button.isEnabled()


def test_a_negative_estimate_is_refused_by_the_rules(qtbot, open_editor, demo_session):
    dialog = open_editor(demo_session, DEMO_ITEM)
    dialog.field("estimate_days").setText("-2")
    assert "cannot be negative" in error(dialog, "estimate_days").text()
    assert not dialog.save_button.isEnabled()


def test_an_overlong_new_tag_is_refused(qtbot, open_editor, demo_session):
    dialog = open_editor(demo_session, DEMO_ITEM)
    dialog.field("tags").setText("sales, " + "x" * 41)
    assert error(dialog, "tags").isVisible()
    assert not dialog.save_button.isEnabled()
    assert "will be added" in dialog.tags_hint.text()


def test_a_refusal_from_the_operation_is_shown_inline(
    qtbot, open_editor, demo_session, snapshot, monkeypatch
):
    board = demo_session.board
    before = snapshot(board)

    def refuse(*args, **kwargs):
        raise ValidationError({"metric": "That metric is not measurable."})

    monkeypatch.setattr(saving, "edit_item", refuse)
    dialog = open_editor(demo_session, DEMO_ITEM)
    dialog.field("tags").setText("a-tag-that-is-new")
    dialog.field("metric").setText("Vibes")
    dialog.save_button.click()

    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == 2
    assert error(dialog, "metric").isVisible()
    assert error(dialog, "metric").text() == "That metric is not measurable."
    assert not dialog.save_button.isEnabled()
    assert demo_session.undo_stack.count() == 0
    # The new tag is created by the operation itself, so nothing ran before it.
    assert snapshot(board) == before

    qtbot.keyClicks(dialog.field("metric"), " score")
    assert error(dialog, "metric").isHidden()
    assert dialog.save_button.isEnabled()


def test_a_save_that_fails_in_the_file_leaves_no_new_tag_behind(
    qtbot, open_editor, demo_session, snapshot
):
    """The Save creates a tag and then fails inside the same transaction: the tag
    row written moments before must be rolled back with everything else."""
    board = demo_session.board
    before = snapshot(board)
    events = len(board.events())
    # Refuse linking any tag to a card once the new tag exists: this fires only
    # after the Save has written the tag row, in the same transaction.
    board.connection.execute(
        "CREATE TEMP TRIGGER refuse_new_tag BEFORE INSERT ON item_tags "
        "WHEN EXISTS (SELECT 1 FROM tags WHERE name = 'a-tag-that-is-new') "
        "BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END"
    )
    dialog = open_editor(demo_session, DEMO_ITEM)
    tags = dialog.field("tags")
    tags.setText(tags.text() + ", a-tag-that-is-new")
    dialog.field("goal").setPlainText("A goal that must not be kept")
    dialog.save_button.click()

    assert dialog.isVisible(), "the dialog stays open for another try"
    assert error(dialog, "general").isVisible()
    assert "the disk refused the write" in error(dialog, "general").text()
    assert board.tag_by_name("a-tag-that-is-new") is None
    assert snapshot(board) == before
    assert len(board.events()) == events
    assert demo_session.undo_stack.count() == 0

    board.connection.execute("DROP TRIGGER refuse_new_tag")
    dialog.field("goal").setPlainText("A goal kept on the second try")
    dialog.save_button.click()
    assert not dialog.isVisible()
    created = board.tag_by_name("a-tag-that-is-new")
    assert created is not None and created.id in board.item_tag_ids(DEMO_ITEM)
    assert board.item(DEMO_ITEM).goal == "A goal kept on the second try"
    assert demo_session.undo_stack.count() == 1


def test_a_conflict_while_saving_is_reported_and_the_dialog_stays_open(
    qtbot, open_editor, demo_session, monkeypatch
):
    def conflict(*args, **kwargs):
        raise ConflictError("items 8: title is 'X', expected 'Y'")

    monkeypatch.setattr(saving, "edit_item", conflict)
    dialog = open_editor(demo_session, DEMO_ITEM)
    dialog.field("goal").setPlainText("Another goal")
    qtbot.keyClick(dialog.field("title"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert dialog.isVisible()
    assert error(dialog, "general").isVisible()
    assert (
        "Could not save the change: the board file no longer matches"
        in error(dialog, "general").text()
    )
    assert demo_session.undo_stack.count() == 0
    assert demo_session.board.item(DEMO_ITEM).goal != "Another goal"


# --- no change, cancel, keyboard ---------------------------------------------------------


def test_saving_an_unchanged_card_changes_nothing(qtbot, open_editor, demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    events = len(board.events())
    for item_id in (DEMO_ITEM, 1, 19):
        dialog = open_editor(demo_session, item_id)
        dialog.save_button.click()
        assert dialog.result() == dialog.DialogCode.Accepted
        assert dialog.change is None
    assert demo_session.undo_stack.count() == 0
    assert snapshot(board) == before
    assert len(board.events()) == events


def test_cancel_leaves_the_board_untouched(qtbot, open_editor, demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    events = len(board.events())
    dialog = open_editor(demo_session, DEMO_ITEM, answers=(False, True))
    dialog.field("title").setText("Something else")
    dialog.field("tags").setText("not-yet-a-tag")

    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert [kind for kind, _ in dialog.prompter.asked] == ["confirm"]
    assert dialog.isVisible(), "declining to discard keeps the dialog open"

    qtbot.keyClick(dialog.field("title"), Qt.Key.Key_Escape)
    assert len(dialog.prompter.asked) == 2
    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert snapshot(board) == before
    assert len(board.events()) == events
    assert demo_session.undo_stack.count() == 0


def test_escape_closes_an_unchanged_card_without_asking(qtbot, open_editor, demo_session):
    dialog = open_editor(demo_session, DEMO_ITEM)
    qtbot.keyClick(dialog.field("title"), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Rejected
    assert dialog.prompter.asked == []


def test_ctrl_return_saves_from_a_multi_line_field(qtbot, open_editor, demo_session):
    board = demo_session.board
    dialog = open_editor(demo_session, DEMO_ITEM)
    description = dialog.field("description")
    description.setFocus()
    description.moveCursor(description.textCursor().MoveOperation.End)
    qtbot.keyClicks(description, " More.")
    qtbot.keyClick(description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert not dialog.isVisible()
    assert board.item(DEMO_ITEM).description.endswith(" More.")
    assert "\n More." not in board.item(DEMO_ITEM).description
    assert dialog.prompter.asked == []


def test_window_title_follows_the_title_field(qtbot, open_editor, demo_session):
    dialog = open_editor(demo_session, DEMO_ITEM)
    dialog.field("title").setText("Pricing pods")
    assert dialog.windowTitle() == "Edit LD-8 — Pricing pods"
    assert dialog.width() >= 760 and dialog.height() >= 600


# --- the operation on its own --------------------------------------------------------------


def test_save_card_combines_tags_and_edit_into_one_change(demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    change = save_card(
        board, DEMO_ITEM, 0, {"impact": 1}, ["fresh", "Sales", "#fresh"], None, None, ["n"]
    )
    assert change is not None
    assert change.label == "Edit LD-8"
    assert {d.table for d in change.rows} >= {"tags", "items", "item_tags", "notes"}
    assert len([t for t in board.tags() if t.name == "fresh"]) == 1

    ops.undo(board, change)
    assert snapshot(board) == before


def test_save_card_refuses_bad_fields_before_writing(demo_session, snapshot):
    board = demo_session.board
    before = snapshot(board)
    with pytest.raises(ValidationError) as refused:
        save_card(board, None, 1, {"title": " "}, ["brand-new"], None, None)
    assert "title" in refused.value.problems
    assert snapshot(board) == before


def test_tag_names_are_trimmed_and_deduplicated():
    assert parse_tag_names(" sales ,#Onboarding, SALES,, two  words ") == [
        "sales",
        "Onboarding",
        "two words",
    ]
    assert format_number(14.0) == "14"
    assert float(format_number(0.1 + 0.2)) == 0.1 + 0.2
