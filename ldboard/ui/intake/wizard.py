"""The intake wizard (Item → New Request…): a request taken as a conversation.

Six pages the lead fills in while talking to the requester; Finish records
everything as one operation through the session (``ops.intake.record_request``:
one transaction, one undo step). When the board refuses the request, the
wizard goes back to the page that asks for the faulty field and says why there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard

from ldboard.domain.intake import OUTCOME_TRIAGE, TRIAGE_LABELS, IntakeOutcome
from ldboard.domain.practice import BehaviourAnswer, IntakeRecord
from ldboard.ops.intake import Request, record_request
from ldboard.store import Change
from ldboard.ui.common import theme
from ldboard.ui.common.prompts import Prompter
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.intake.fields import IntakePage
from ldboard.ui.intake.page_barriers import BarriersPage
from ldboard.ui.intake.page_behaviours import BehavioursPage
from ldboard.ui.intake.page_outcome import OutcomePage
from ldboard.ui.intake.page_partners import PartnersPage
from ldboard.ui.intake.page_problem import ProblemPage
from ldboard.ui.intake.page_value import ValuePage

STYLE = f"""
QLabel[role="error"] {{ color: {theme.DANGER.name()}; }}
QLabel[role="hint"] {{ color: {theme.MUTED_TEXT.name()}; }}
QLabel[role="warning"] {{ color: {theme.WARNING.name()}; }}
"""

#: Request fields the ops name that no page lists by that name.
_FIELD_PAGE_ALIASES = {"goal": "goal_by", "target": "baseline", "audience": "metric"}


class IntakeWizard(QWizard):
    """Gathers a request page by page and records it when finished."""

    def __init__(
        self,
        session: BoardSession,
        parent: QWidget | None = None,
        *,
        prompter: Prompter | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intakeWizard")
        self.setWindowTitle("New Request")
        self.setStyleSheet(STYLE)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.session = session
        self.prompter = prompter or Prompter(self)
        #: The recorded change, once Finish succeeded.
        self.change: Change | None = None
        self.item_id: int | None = None
        self.message = ""
        board = session.board
        people = board.people()
        self.problem_page = ProblemPage(people, board.today())
        self.behaviours_page = BehavioursPage()
        self.barriers_page = BarriersPage(self.behaviours_page.behaviours)
        self.partners_page = PartnersPage(people)
        self.value_page = ValuePage()
        self.outcome_page = OutcomePage()
        self.pages: list[IntakePage] = [
            self.problem_page,
            self.behaviours_page,
            self.barriers_page,
            self.partners_page,
            self.value_page,
            self.outcome_page,
        ]
        for page in self.pages:
            self.addPage(page)
        self.currentIdChanged.connect(self._entered)
        self.resize(860, 620)

    # --- moving between pages -------------------------------------------------------------

    def _entered(self, page_id: int) -> None:
        page = self.page(page_id)
        if page is self.partners_page:
            requester = self.problem_page.requester.currentText().strip()
            self.partners_page.prefill_sponsor(requester)
        elif page is self.outcome_page:
            self.outcome_page.show_suggestion(
                self.problem_page.title.text().strip(),
                goal.sentence if (goal := self.problem_page.goal()).metric else "",
                self.barriers_page.suggestion_now(),
            )
        if isinstance(page, IntakePage) and (field := page.first_field()) is not None:
            field.setFocus(Qt.FocusReason.TabFocusReason)

    def go_to(self, page: IntakePage) -> None:
        """Show ``page`` (back or forward) without skipping its checks going forward."""
        target = self.pageIds()[self.pages.index(page)]
        while self.currentId() > target:
            self.back()
        while self.currentId() < target and self.validateCurrentPage():
            self.next()

    def is_filled(self) -> bool:
        return any(page.is_filled() for page in self.pages)

    def reject(self) -> None:
        """Escape or Cancel: a conversation half typed in is not thrown away unasked."""
        if self.is_filled() and not self.prompter.confirm(
            "Discard this request?",
            "What you typed for this request will be lost.",
            "Discard",
        ):
            return
        super().reject()

    # --- finishing ------------------------------------------------------------------------

    def request(self) -> Request:
        """Everything the pages hold, as the request ``record_request`` takes."""
        problem = self.problem_page
        goal = problem.goal()
        record = IntakeRecord(
            requested_on=problem.requested_date(),
            outcome=self.outcome_page.outcome().value,
            problem=problem.problem.toPlainText().strip(),
            goal_by=goal.by or None,
            goal_action=goal.action,
            behaviours=tuple(
                BehaviourAnswer(text, barrier) for text, barrier in self.barriers_page.answers()
            ),
            partners=tuple(self.partners_page.answers()),
            **self.value_page.figures(),
            recommendation=self.outcome_page.recommendation(),
        )
        return Request(
            title=problem.title.text().strip(),
            record=record,
            requester=problem.requester.value(),
            driver=problem.driver_value(),
            goal=goal,
            format=self.outcome_page.format(),
        )

    def accept(self) -> None:
        for page in self.pages:
            page.show_problems([])
        change = self.session.perform(record_request, self.request(), report_to=self._refused)
        if change is None:
            return
        self.change = change
        self.item_id = next(
            d.key[0] for d in change.rows if d.table == "items" and d.before is None
        )
        self.message = self._recorded_text(self.outcome_page.outcome())
        super().accept()

    def _recorded_text(self, outcome: IntakeOutcome) -> str:
        item = self.session.board.item(self.item_id) if self.item_id is not None else None
        key = item.key if item is not None else "The request"
        state = TRIAGE_LABELS[OUTCOME_TRIAGE[outcome]].lower()
        if outcome == IntakeOutcome.INITIATIVE:
            return f"Recorded {key} in Intake ({state})."
        if outcome == IntakeOutcome.WAITLISTED:
            return f"Recorded {key} as waitlisted."
        return f"Recorded {key} as {state}: it is kept in Archived Items."

    def _refused(self, failure: Failure) -> None:
        """Show each problem on the page that asks for its field, and go to the first."""
        by_page: dict[int, list[str]] = {}
        for field, message in failure.problems.items():
            name = _FIELD_PAGE_ALIASES.get(field, field)
            index = next(
                (n for n, page in enumerate(self.pages) if name in page.FIELDS),
                len(self.pages) - 1,
            )
            by_page.setdefault(index, []).append(message)
        if not by_page:
            by_page[self.pages.index(self.outcome_page)] = [failure.message]
        for index, messages in by_page.items():
            self.pages[index].show_problems(messages)
        self.go_to(self.pages[min(by_page)])
