"""The card editor's Intake and Measure tabs: a request's answers and triage, the
evaluation plan with its dated checks, and the performance-support checklist."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from ldboard.domain.intake import Goal
from ldboard.domain.practice import (
    BehaviourAnswer,
    EvaluationCheck,
    EvaluationPlan,
    IntakeRecord,
    PartnerAnswer,
)
from ldboard.ops import create_item
from ldboard.ops.evaluation import save_evaluation_plan
from ldboard.ops.intake import Request, record_request
from ldboard.store import Change
from ldboard.ui.editor import CardEditor
from ldboard.ui.editor.checks_table import DONE, HOW, WHAT
from ldboard.ui.editor.pages_intake import EMPTY_TEXT
from ldboard.ui.editor.pages_measure import SUPPORT_CHECKLIST
from tests.gui.support import ScriptedPrompter


def _item_id(change: Change) -> int:
    return next(d.key[0] for d in change.diffs("items") if d.is_insert)


@pytest.fixture
def request_id(session) -> int:
    """A request taken through intake: a VP's "negotiation course"."""
    today = session.board.today()
    record = IntakeRecord(
        requested_on=today.isoformat(),
        outcome="initiative",
        problem="Deals are lost on price: reps discount at the first objection.",
        goal_by=(today + timedelta(days=90)).isoformat(),
        goal_action="hold price on the first objection",
        behaviours=(
            BehaviourAnswer("Ask two open questions before quoting a price", "skills"),
            BehaviourAnswer("Log every objection in the CRM", "environment"),
        ),
        partners=(
            PartnerAnswer("Dana Vice", "sponsor", ("Coach the team afterwards",), "Her margin"),
        ),
        people_affected=40,
        loss_per_person_month=5,
        unit_cost=60,
        expected_benefit=50000,
        expected_cost=20000,
    )
    goal = Goal("Win rate", 18, 25, "", "account managers", "hold price")
    request = Request("Negotiation course", record, "Vera Requester", None, goal)
    change = session.perform(record_request, request)
    session.undo_stack.clear()  # the request is the starting point, not part of the test
    return _item_id(change)


@pytest.fixture
def open_editor(qtbot):
    def open_(session, item_id, tab: str) -> CardEditor:
        dialog = CardEditor(session, item_id, prompter=ScriptedPrompter())
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(d.DialogCode.Rejected))
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        dialog.show_tab(tab)
        return dialog

    return open_


# --- Intake ------------------------------------------------------------------------------


def test_a_request_shows_its_answers_read_only(open_editor, session, request_id):
    dialog = open_editor(session, request_id, "intakeTab")

    text = dialog.intake_summary.text()
    assert dialog.tabs.currentWidget().widget().objectName() == "intakeTab"
    assert dialog.intake_summary.isVisible() and not dialog.intake_empty.isVisible()
    for expected in (
        "Vera Requester",
        "reps discount at the first objection",
        "Win rate will move from 18 to 25",
        "Ask two open questions before quoting a price",
        "Skills: Practice with feedback",
        "Environment: Fix the process or the tool",
        "Dana Vice</b> (Sponsor)",
        "Coach the team afterwards",
        "Her margin",
        "12,000 a month",  # 40 people × 5 hours × 60
        "ROI <b>150%",  # (50,000 − 20,000) ÷ 20,000 × 100
        "Start an initiative",
    ):
        assert expected in text, expected
    assert dialog.triage_now.text() == "Approved"
    assert dialog.triage_combo.currentData() == "approved"


def test_a_card_that_was_never_a_request_says_so(open_editor, session):
    item_id = _item_id(create_item(session.board, session.board.columns()[0].id, "Job aid"))
    dialog = open_editor(session, item_id, "intakeTab")

    assert dialog.intake_empty.isVisible() and dialog.intake_empty.text() == EMPTY_TEXT
    assert not dialog.intake_summary.isVisible()
    assert not dialog.triage_box.isVisible() and not dialog.edit_intake_button.isVisible()


def test_changing_the_triage_is_one_undo_step(qtbot, open_editor, session, request_id):
    dialog = open_editor(session, request_id, "intakeTab")
    assert not dialog.triage_apply.isEnabled(), "nothing to apply yet"

    dialog.triage_combo.setCurrentIndex(dialog.triage_combo.findData("waitlisted"))
    dialog.triage_reason.setText("After the Q3 pricing change")
    qtbot.mouseClick(dialog.triage_apply, Qt.MouseButton.LeftButton)

    item = session.board.item(request_id)
    assert (item.triage, item.triage_reason) == ("waitlisted", "After the Q3 pricing change")
    assert session.undo_stack.count() == 1
    assert dialog.triage_now.text() == "Waitlisted — After the Q3 pricing change"
    assert not dialog.triage_apply.isEnabled()
    assert not dialog.is_modified(), "the triage is not one of the card's unsaved edits"

    assert session.undo()
    assert session.board.item(request_id).triage == "approved"
    assert dialog.triage_now.text() == "Approved"  # followed the undo
    assert dialog.triage_combo.currentData() == "approved"


def test_editing_the_answers_saves_them_as_one_change(qtbot, open_editor, session, request_id):
    dialog = open_editor(session, request_id, "intakeTab")
    answers = dialog.edit_intake_answers()
    qtbot.waitExposed(answers)

    answers.problem.setPlainText("Margins fall: discounts given without asking why.")
    answers.behaviours.cellWidget(1, 1).setCurrentIndex(
        answers.behaviours.cellWidget(1, 1).findData("motivation")
    )
    answers.numbers["people_affected"].setText("50")
    answers.add_behaviour("Name the value before the price", "knowledge")
    qtbot.mouseClick(answers.save_button, Qt.MouseButton.LeftButton)

    assert answers.result() == answers.DialogCode.Accepted
    record = session.board.intake(request_id)
    assert record.problem == "Margins fall: discounts given without asking why."
    assert [(b.text, b.barrier) for b in record.behaviours] == [
        ("Ask two open questions before quoting a price", "skills"),
        ("Log every objection in the CRM", "motivation"),
        ("Name the value before the price", "knowledge"),
    ]
    assert record.people_affected == 50
    assert record.partners[0].commitments == ("Coach the team afterwards",)
    assert session.undo_stack.count() == 1
    assert "Margins fall" in dialog.intake_summary.text()
    assert "15,000 a month" in dialog.intake_summary.text()

    assert session.undo()
    assert session.board.intake(request_id).people_affected == 40
    assert "12,000 a month" in dialog.intake_summary.text()


def test_answers_the_board_refuses_keep_the_form_open(qtbot, open_editor, session, request_id):
    dialog = open_editor(session, request_id, "intakeTab")
    answers = dialog.edit_intake_answers()
    answers.outcome.setCurrentIndex(answers.outcome.findData("declined"))  # needs a reason
    qtbot.mouseClick(answers.save_button, Qt.MouseButton.LeftButton)

    assert answers.isVisible()
    assert "reason" in answers.problems.text()
    assert session.undo_stack.count() == 0


# --- Measure -----------------------------------------------------------------------------


def _type_check(qtbot, dialog: CardEditor, what: str, how: str, due: QDate) -> None:
    dialog.check_what.setText(what)
    dialog.check_how.setText(how)
    dialog.check_due.setDate(due)
    qtbot.mouseClick(dialog.check_add, Qt.MouseButton.LeftButton)


def test_the_plan_round_trips_through_save_and_undo(qtbot, open_editor, session, request_id):
    dialog = open_editor(session, request_id, "measureTab")
    assert session.board.evaluation_plan(request_id) is None

    dialog.plan_level_combo.setCurrentIndex(dialog.plan_level_combo.findData(4))
    dialog.plan_behaviours_edit.setPlainText("Hold price on the first objection")
    dialog.plan_indicators_edit.setPlainText("Discount requests per week")
    dialog.plan_support_edit.setPlainText("Objection job aid; manager ride-alongs")
    _type_check(qtbot, dialog, "Win rate at 30 days", "CRM report", QDate(2026, 4, 1))
    _type_check(qtbot, dialog, "Ride-along", "Manager observation", QDate(2026, 5, 1))
    dialog.plan_checks_table.item(1, DONE).setCheckState(Qt.CheckState.Checked)
    dialog.title_edit.setText("Negotiation practice for sales")  # an edit in the same Save
    assert dialog.is_modified()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    plan = session.board.evaluation_plan(request_id)
    assert (plan.level, plan.critical_behaviours, plan.leading_indicators, plan.support) == (
        4,
        "Hold price on the first objection",
        "Discount requests per week",
        "Objection job aid; manager ride-alongs",
    )
    assert [(c.what, c.how, c.due, bool(c.done_at)) for c in plan.checks] == [
        ("Win rate at 30 days", "CRM report", "2026-04-01", False),
        ("Ride-along", "Manager observation", "2026-05-01", True),
    ]
    assert session.board.item(request_id).title == "Negotiation practice for sales"
    assert session.undo_stack.count() == 1, "the edit and the plan are one undo step"
    assert "evaluation" in session.undo_stack.undoText()

    assert session.undo()
    assert session.board.evaluation_plan(request_id) is None
    assert session.board.item(request_id).title == "Negotiation course"


def test_a_stored_plan_is_shown_and_edited_in_place(qtbot, open_editor, session, request_id):
    stored = EvaluationPlan(
        3,
        "Ask open questions",
        "",
        "",
        (EvaluationCheck("Observation", "Ride-along", "2026-06-01"),),
    )
    save_evaluation_plan(session.board, request_id, stored)
    stored_id = session.board.evaluation_plan(request_id).checks[0].id
    dialog = open_editor(session, request_id, "measureTab")
    table = dialog.plan_checks_table

    assert dialog.plan_level_combo.currentData() == 3
    assert (table.item(0, WHAT).text(), table.item(0, HOW).text()) == ("Observation", "Ride-along")
    assert not dialog.is_modified()
    table.item(0, HOW).setText("Ride-along with the checklist")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    plan = session.board.evaluation_plan(request_id)
    edited = replace(stored.checks[0], how="Ride-along with the checklist", id=stored_id)
    assert plan.checks == (edited,)


def test_a_check_ticked_elsewhere_while_the_card_is_open_stays_ticked(
    qtbot, open_editor, session, request_id
):
    from ldboard.ops.evaluation import set_check_done

    plan = EvaluationPlan(3, checks=(EvaluationCheck("Observation", due="2026-06-01"),))
    save_evaluation_plan(session.board, request_id, plan)
    check_id = session.board.evaluation_plan(request_id).checks[0].id
    dialog = open_editor(session, request_id, "measureTab")
    dialog.plan_support_edit.setPlainText("Weekly manager ride-alongs")
    session.perform(set_check_done, check_id, True)  # from View → Due Checks
    ticked_at = session.board.evaluation_plan(request_id).checks[0].done_at
    assert ticked_at is not None
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = session.board.evaluation_plan(request_id)
    assert saved.support == "Weekly manager ride-alongs"
    assert saved.checks[0].done_at == ticked_at, "the card's Save did not untick it"


def test_a_check_without_what_blocks_save(open_editor, session, request_id):
    dialog = open_editor(session, request_id, "measureTab")
    dialog.check_what.setText("Win rate")
    dialog._add_check()
    dialog.plan_checks_table.item(0, WHAT).setText("  ")

    assert "Check 1 needs to say what is checked" in dialog.problems()["plan_checks"]
    assert not dialog.save_button.isEnabled()


def test_the_performance_support_button_adds_the_checklist_lines(qtbot, open_editor, session):
    item_id = _item_id(create_item(session.board, session.board.columns()[0].id, "Pilot"))
    dialog = open_editor(session, item_id, "measureTab")

    qtbot.mouseClick(dialog.support_checklist_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.support_checklist_button, Qt.MouseButton.LeftButton)  # not twice

    assert [e.text for e in dialog._checklist_entries()] == list(SUPPORT_CHECKLIST)
    assert dialog.support_checklist_note.text() == "The Checklist already has these lines."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [line.text for line in session.board.checklist(item_id)] == list(SUPPORT_CHECKLIST)


def test_a_read_only_board_shows_everything_without_editing_controls(
    open_editor, session, request_id
):
    plan = EvaluationPlan(4, "Hold price", "", "", (EvaluationCheck("Win rate", "CRM", None),))
    save_evaluation_plan(session.board, request_id, plan)
    session.make_read_only("“team.ldboard” is read-only (file permissions).")
    dialog = open_editor(session, request_id, "intakeTab")

    assert "Ask two open questions" in dialog.intake_summary.text()
    assert dialog.triage_now.text() == "Approved"
    assert not dialog.triage_controls.isVisible() and not dialog.edit_intake_button.isVisible()
    assert dialog.edit_intake_answers() is None
    dialog.show_tab("measureTab")
    assert dialog.plan_checks_table.item(0, WHAT).text() == "Win rate"
    assert dialog.plan_level_combo.currentData() == 4
    assert not dialog.new_check_row.isVisible()
    assert not dialog.support_checklist_button.isVisible()
    assert not dialog.plan_checks_table.editTriggers()
    done = dialog.plan_checks_table.item(0, DONE)
    assert not done.flags() & Qt.ItemFlag.ItemIsUserCheckable
    visible = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]
    assert [b.objectName() for b in visible] == ["cancelButton"]
