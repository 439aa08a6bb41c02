"""The intake wizard (Item → New Request…), driven with the keyboard as a lead
would while talking to the requester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from ldboard.domain.intake import IntakeOutcome
from ldboard.domain.practice import BehaviourAnswer, PartnerAnswer
from ldboard.ui.common.session import Failure

ALT = Qt.KeyboardModifier.AltModifier


def focused() -> QWidget:
    return QApplication.focusWidget()


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def type_name(qtbot, text: str) -> None:
    """Type into a person picker. Its completion list is a popup window, and the
    offscreen platform does not hand activation back to the wizard when the popup
    closes (a desktop does), so the wizard is made active again."""
    wizard = focused().window()
    type_text(qtbot, text)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)


def tab(qtbot, expected: QWidget, times: int = 1) -> None:
    """Tab on, and check the keyboard landed where the form says it should."""
    for _ in range(times):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is expected, f"focus is on {focused().objectName()!r}"


def alt(qtbot, wizard: QWizard, letter: Qt.Key, page: int) -> None:
    """Alt+letter on a wizard button (buttons click a moment after their mnemonic)."""
    qtbot.keyClick(focused(), letter, ALT)
    qtbot.waitUntil(lambda: wizard.currentId() == page)


def finish(qtbot, wizard: QWizard) -> None:
    """Alt+F; the wizard closes (and goes away) once the request is recorded."""
    with qtbot.waitSignal(wizard.finished):
        qtbot.keyClick(focused(), Qt.Key.Key_F, ALT)


def open_wizard(qtbot, window) -> QWizard:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.board_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)

    def shown() -> list[QWizard]:
        return [w for w in window.findChildren(QWizard, "intakeWizard") if w.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1)
    (wizard,) = shown()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def fill_problem_page(qtbot, wizard: QWizard) -> None:
    page = wizard.problem_page
    assert focused() is page.title
    type_text(qtbot, "Negotiation skills")
    tab(qtbot, page.requester)
    type_name(qtbot, "Vera Quinn")
    tab(qtbot, page.requested_on)
    tab(qtbot, page.driver)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # the first driver: Revenue
    tab(qtbot, page.problem)
    type_text(qtbot, "Deals are lost on price.")
    tab(qtbot, page.metric)
    type_text(qtbot, "Win rate (%)")
    tab(qtbot, page.baseline)
    type_text(qtbot, "18")
    tab(qtbot, page.target)
    type_text(qtbot, "25")
    tab(qtbot, page.by)
    type_text(qtbot, "2027-03-31")
    tab(qtbot, page.audience)
    type_text(qtbot, "account managers")
    tab(qtbot, page.action)
    type_text(qtbot, "ask for the budget before quoting")
    assert page.preview.text() == (
        "Win rate (%) will move from 18 to 25 by 2027-03-31 as account managers "
        "ask for the budget before quoting."
    )


def type_behaviours(qtbot, wizard: QWizard, lines: list[str]) -> None:
    """One behaviour a line: Enter opens the next."""
    page = wizard.behaviours_page
    assert focused() is page.rows[0].line
    for n, line in enumerate(lines):
        type_text(qtbot, line)
        if n < len(lines) - 1:
            qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert page.behaviours() == lines
    assert wizard.currentId() == 1  # Enter stayed on the page


def choose_barriers(qtbot, wizard: QWizard, downs: list[int]) -> None:
    """Pick each behaviour's barrier with the arrow keys, Tab to the next."""
    combos = [combo for _text, combo in wizard.barriers_page.combos]
    assert focused() is combos[0]
    for n, (combo, presses) in enumerate(zip(combos, downs, strict=True)):
        if n:
            tab(qtbot, combo)
        for _ in range(presses):
            qtbot.keyClick(focused(), Qt.Key.Key_Down)


def item_ids(board) -> set[int]:
    return {row["id"] for row in board.rows("items")}


def test_a_request_taken_through_the_wizard_becomes_an_initiative(qtbot, window):
    session = window.session
    board = session.board
    before_items, before_people = item_ids(board), {p.name for p in board.people()}
    undo_index = session.undo_stack.index()
    wizard = open_wizard(qtbot, window)
    fill_problem_page(qtbot, wizard)
    alt(qtbot, wizard, Qt.Key.Key_N, 1)

    type_behaviours(
        qtbot, wizard, ["Ask for the budget before quoting", "Log every discount in the CRM"]
    )
    alt(qtbot, wizard, Qt.Key.Key_N, 2)
    choose_barriers(qtbot, wizard, [3, 1])  # skills, environment
    alt(qtbot, wizard, Qt.Key.Key_N, 3)

    partners = wizard.partners_page
    sponsor, co_sponsor = partners.sponsor, partners.co_sponsor
    assert focused() is sponsor.person
    assert sponsor.person.currentText() == "Vera Quinn"  # the requester, offered
    tab(qtbot, sponsor.checks[0])
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # attend the sessions
    tab(qtbot, sponsor.checks[2], times=2)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # coach the team afterwards
    tab(qtbot, sponsor.other, times=len(sponsor.checks) - 2)
    type_text(qtbot, "Join the first role-play")
    tab(qtbot, sponsor.wiifm)
    type_text(qtbot, "Hits the margin target")
    tab(qtbot, co_sponsor.person)
    type_name(qtbot, "Priya Raman")
    tab(qtbot, co_sponsor.checks[0])
    tab(qtbot, co_sponsor.wiifm, times=len(co_sponsor.checks) + 1)
    type_text(qtbot, "Fewer escalations")
    expert = partners.experts[0]
    tab(qtbot, expert.person)
    type_name(qtbot, "Noor Haddad")
    tab(qtbot, expert.wiifm)
    type_text(qtbot, "Seen as the go-to negotiator")
    alt(qtbot, wizard, Qt.Key.Key_N, 4)

    value = wizard.value_page
    assert focused() is value.people
    for line, text in ((value.people, "40"), (value.loss, "3"), (value.unit_cost, "35")):
        if focused() is not line:
            tab(qtbot, line)
        type_text(qtbot, text)
    alt(qtbot, wizard, Qt.Key.Key_N, 5)

    outcome = wizard.outcome_page
    assert outcome.buttons[IntakeOutcome.INITIATIVE].isChecked()  # skills: training helps
    assert outcome.format_box.currentData() == "workshop"  # practice, suggested
    assert outcome.format_hint.text() == "Suggested by the barriers: workshop."
    finish(qtbot, wizard)

    (item_id,) = item_ids(board) - before_items
    item = board.item(item_id)
    assert item.title == "Negotiation skills"
    assert item.column_id == board.columns()[0].id and item.archived_at is None
    assert item.triage == "approved"
    assert item.driver == "revenue"
    assert item.metric == "Win rate (%)" and (item.baseline, item.target) == (18, 25)
    assert item.audience == "account managers"
    assert item.need == "ask for the budget before quoting"
    assert item.goal.startswith("Win rate (%) will move from 18 to 25 by 2027-03-31")
    assert item.due == "2027-03-31"
    assert item.format == "workshop"
    assert "4,200" in item.cost_of_inaction  # 40 × 3 × 35

    record = board.intake(item_id)
    assert record.outcome == "initiative"
    assert record.requested_on == board.today().isoformat()
    assert record.problem == "Deals are lost on price."
    assert record.behaviours == (
        BehaviourAnswer("Ask for the budget before quoting", "skills"),
        BehaviourAnswer("Log every discount in the CRM", "environment"),
    )
    assert (record.people_affected, record.loss_per_person_month, record.unit_cost) == (40, 3, 35)
    people = {p.name: p.id for p in board.people()}
    assert set(people) - before_people == {"Vera Quinn", "Noor Haddad"}
    assert set(record.partners) == {
        PartnerAnswer(
            people["Vera Quinn"],
            "sponsor",
            ("Attend the sessions", "Coach the team afterwards", "Join the first role-play"),
            "Hits the margin target",
        ),
        PartnerAnswer(people["Priya Raman"], "co_sponsor", (), "Fewer escalations"),
        PartnerAnswer(people["Noor Haddad"], "sme", (), "Seen as the go-to negotiator"),
    }
    assert (people["Vera Quinn"], "requester") in board.item_people(item_id)
    assert item.key in window.statusBar().currentMessage()

    window.action_undo.trigger()  # one step takes it all back
    assert board.item(item_id) is None and board.intake(item_id) is None
    assert {p.name for p in board.people()} == before_people
    assert session.undo_stack.index() == undo_index


def test_a_request_without_a_skills_gap_ends_as_a_recommendation(qtbot, window):
    board = window.session.board
    before_items = item_ids(board)
    wizard = open_wizard(qtbot, window)
    type_text(qtbot, "Pricing course")
    tab(qtbot, wizard.problem_page.requester)
    type_name(qtbot, "Maria Okonkwo")
    alt(qtbot, wizard, Qt.Key.Key_N, 1)

    behaviours = wizard.behaviours_page
    type_text(qtbot, "Understand the pricing model")
    warning = behaviours.rows[0].warning
    assert warning.isVisible() and "“Understand”" in warning.text()
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Quote from the current price list")
    assert not warning.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    type_text(qtbot, "Check the discount rules before offering one")
    alt(qtbot, wizard, Qt.Key.Key_N, 2)

    barriers = wizard.barriers_page
    assert "Say why each behaviour" in barriers.suggestion.text()
    choose_barriers(qtbot, wizard, [2, 3])  # knowledge, skills
    assert "Some behaviours need practice" in barriers.suggestion.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Up)
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # the second one: environment after all
    text = barriers.suggestion.text()
    assert "None of these barriers is a skills gap" in text
    assert "Fix the process or the tool" in text and "A job aid" in text
    assert "Practice with feedback" not in text
    for page in (3, 4, 5):
        alt(qtbot, wizard, Qt.Key.Key_N, page)

    outcome = wizard.outcome_page
    assert outcome.buttons[IntakeOutcome.NO_TRAINING].isChecked()  # as suggested
    assert outcome.format_box.currentData() == "job_aid"  # knowledge: a job aid
    assert not outcome.format_box.isEnabled(), "no format without an initiative"
    qtbot.keyClick(focused(), Qt.Key.Key_F, ALT)  # refused: the recommendation is required
    qtbot.waitUntil(outcome.problems.isVisible)
    assert "instead of training" in outcome.problems.text()
    assert wizard.isVisible() and item_ids(board) == before_items

    outcome.reason.setFocus()
    type_text(qtbot, "A one-page price list in the CRM, and the discount rules beside it.")
    finish(qtbot, wizard)

    (item_id,) = item_ids(board) - before_items
    item = board.item(item_id)
    assert item.archived_at is not None  # off the board, kept and findable
    assert item.triage == "resolved"
    assert item.triage_reason.startswith("A one-page price list")
    record = board.intake(item_id)
    assert record.outcome == "no_training"
    assert item.format is None
    assert record.recommendation.startswith("A one-page price list")
    assert [b.barrier for b in record.behaviours] == ["knowledge", "environment"]
    assert "Archived" in window.statusBar().currentMessage()


def test_the_calculator_shows_the_hand_computed_figures(qtbot, window):
    wizard = open_wizard(qtbot, window)
    type_text(qtbot, "Figures")
    for page in (1, 2, 3, 4):
        alt(qtbot, wizard, Qt.Key.Key_N, page)
    value = wizard.value_page
    assert [v.text() for v in (value.monthly, value.roi, value.ratio, value.payback)] == ["—"] * 4
    for line, text in (
        (value.people, "40"),
        (value.loss, "3"),
        (value.unit_cost, "35"),
        (value.benefit, "50400"),
        (value.cost, "12000"),
    ):
        line.setFocus()
        type_text(qtbot, text)
    assert value.monthly.text() == "4,200"  # 40 × 3 × 35
    assert value.yearly.text() == "50,400"
    assert value.roi.text() == "320 %"  # (50,400 − 12,000) ÷ 12,000 × 100
    assert value.ratio.text() == "4.2 : 1"  # 50,400 ÷ 12,000
    assert value.payback.text() == "2.9 months"  # 12,000 ÷ 4,200 = 2.857
    value.cost.setFocus()
    value.cost.selectAll()
    type_text(qtbot, "0")
    assert (value.roi.text(), value.ratio.text()) == ("—", "—")  # no costs: no ratio
    value.loss.selectAll()
    value.loss.setFocus()
    type_text(qtbot, "three")
    assert value.monthly.text() == "—"
    assert value.figure_problems.isVisible()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == 4  # a figure that cannot be read stops here


def test_a_refusal_brings_the_lead_back_to_the_page_that_asks(qtbot, window):
    wizard = open_wizard(qtbot, window)
    type_text(qtbot, "Refused")
    for page in range(1, 6):
        alt(qtbot, wizard, Qt.Key.Key_N, page)
    wizard._refused(Failure("bad", "invalid", {"people_affected": "Use a number of at least 0."}))
    assert wizard.currentPage() is wizard.value_page
    assert wizard.value_page.problems.text() == "Use a number of at least 0."


def test_escape_asks_before_discarding_a_filled_request(qtbot, window, prompter):
    wizard = open_wizard(qtbot, window)
    with qtbot.waitSignal(wizard.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert prompter.asked == []

    wizard = open_wizard(qtbot, window)
    type_text(qtbot, "Half a request")
    prompter.answers.append(False)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert wizard.isVisible() and prompter.asked[-1][0] == "confirm"
    prompter.answers.append(True)
    with qtbot.waitSignal(wizard.rejected):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)


@pytest.mark.parametrize("read_only", [False, True])
def test_new_request_is_disabled_on_a_read_only_board(qtbot, window, read_only):
    action = window.findChild(QAction, "actionNewRequest")
    assert action in window.findChild(QWidget, "itemMenu").actions()
    if read_only:
        window.session.make_read_only("The file is read-only.")
    assert action.isEnabled() is not read_only


def through_to_outcome(qtbot, wizard: QWizard, downs: list[int]) -> None:
    """A short request: a title, one behaviour a line, their barriers, then on to page 6."""
    type_text(qtbot, "Coaching conversations")
    alt(qtbot, wizard, Qt.Key.Key_N, 1)
    type_behaviours(qtbot, wizard, [f"Behaviour {n}" for n in range(1, len(downs) + 1)])
    alt(qtbot, wizard, Qt.Key.Key_N, 2)
    choose_barriers(qtbot, wizard, downs)
    for page in (3, 4, 5):
        alt(qtbot, wizard, Qt.Key.Key_N, page)


def test_the_format_is_chosen_with_the_keyboard_and_kept_with_the_initiative(qtbot, window):
    board = window.session.board
    before = item_ids(board)
    wizard = open_wizard(qtbot, window)
    through_to_outcome(qtbot, wizard, [3])  # skills
    outcome = wizard.outcome_page
    assert outcome.format_box.currentText() == "Workshop"
    qtbot.keyClick(focused(), Qt.Key.Key_O, ALT)  # the format's mnemonic
    assert focused() is outcome.format_box
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # Workshop -> Coaching
    assert outcome.format_box.currentData() == "coaching"
    assert outcome.format_hint.text() == "", "the suggestion is no longer what is shown"

    alt(qtbot, wizard, Qt.Key.Key_B, 4)  # back and forth again: the lead's choice stays
    alt(qtbot, wizard, Qt.Key.Key_N, 5)
    assert outcome.format_box.currentData() == "coaching"
    finish(qtbot, wizard)
    (item_id,) = item_ids(board) - before
    assert board.item(item_id).format == "coaching"


@pytest.mark.parametrize(
    ("downs", "expected"),
    [
        ([1, 1], ""),  # environment only: a process fix has no format
        ([4], ""),  # motivation: a conversation with the manager
        ([1, 1, 3], "workshop"),  # mostly a process fix, but the initiative is the practice
        ([2], "job_aid"),
    ],
)
def test_the_format_starts_at_what_the_barriers_suggest(qtbot, window, downs, expected):
    wizard = open_wizard(qtbot, window)
    through_to_outcome(qtbot, wizard, downs)
    outcome = wizard.outcome_page
    assert outcome.format_box.currentData() == expected
    outcome.buttons[IntakeOutcome.INITIATIVE].setChecked(True)
    assert outcome.format_box.isEnabled()
    assert wizard.request().format == (expected or None)
    wizard.done(0)
