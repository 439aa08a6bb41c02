"""The Measure tab: how the initiative's results will be evaluated, planned before building.

Kirkpatrick's advice is to start from the result (level 4) and work back to
the critical behaviours that produce it and the leading indicators that show
early whether they are happening; after training, performance support (job
aids, manager follow-up, measures on the job) keeps the behaviour going. The
dated checks are what makes the Measuring column worked rather than
forgotten: they fall due in View → Due Checks.

Like the checklist, the plan is only edited here and reaches the file with
everything else when the card is saved, in the same undo step (see
``saving.save_card``).
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.practice import SUPPORT_CHECKLIST, EvaluationCheck, EvaluationPlan
from ldboard.ui.editor.checks_table import PlanChecksTable
from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.widgets import (
    EVALUATION_LEVEL_NAMES,
    NONE_TEXT,
    EntryLine,
    make_form,
    make_hint,
    select_data,
)

#: The Measure tab's fields: a change to any of them saves the whole plan.
PLAN_FIELDS = ("plan_level", "plan_behaviours", "plan_indicators", "plan_support", "plan_checks")
#: A new check is due this long after today unless another date is picked.
NEW_CHECK_DAYS = 30
INTRO = (
    "Plan how results will be measured before building: start from the result "
    "(level 4), then the behaviours that produce it and the indicators that show "
    "early whether they are happening."
)
NEW_CARD_TEXT = "The evaluation can be planned once the card has been saved."
NO_CHECKS_TEXT = "No checks yet: add what will be checked, how, and by when."
READ_ONLY_NO_CHECKS = "No checks planned."


class MeasurePage(FormBuilder):
    """Builds the Measure tab."""

    def _build_measure(self, page: QWidget) -> None:
        form = make_form()
        levels = [(f"{n} · {EVALUATION_LEVEL_NAMES[n]}", n) for n in (4, 3, 2, 1)]
        self.plan_level_combo = self._combo("plan_level", [(NONE_TEXT, None), *levels])
        self._add_row(
            form,
            "plan_level",
            "&Level targeted:",
            self.plan_level_combo,
            self.plan_level_combo.currentData,
            hint="Start from the result (4 · Results) and work back.",
        )
        self.plan_behaviours_edit = self._text(
            "plan_behaviours", 3, "What people will be seen doing on the job, e.g. ask two open…"
        )
        self._add_row(
            form,
            "plan_behaviours",
            "Critical &behaviours:",
            self.plan_behaviours_edit,
            self.plan_behaviours_edit.toPlainText,
        )
        self.plan_indicators_edit = self._text(
            "plan_indicators", 2, "Early signs they are happening, e.g. discount requests per week"
        )
        self._add_row(
            form,
            "plan_indicators",
            "Leading &indicators:",
            self.plan_indicators_edit,
            self.plan_indicators_edit.toPlainText,
        )
        self.plan_support_edit = self._text(
            "plan_support", 3, "Job aids, manager follow-up, how performance is measured on the job"
        )
        self._add_row(
            form,
            "plan_support",
            "Performance &support:",
            self.plan_support_edit,
            self.plan_support_edit.toPlainText,
        )
        self.support_checklist_button = QPushButton("Add the performance-support checklist")
        self.support_checklist_button.setObjectName("supportChecklistButton")
        self.support_checklist_button.setAutoDefault(False)
        self.support_checklist_button.setSizePolicy(
            QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed
        )
        self.support_checklist_button.setToolTip(
            "Add lines for job aids, manager follow-up and on-the-job measures to the Checklist"
        )
        self.support_checklist_button.clicked.connect(self._add_support_checklist)
        self.support_checklist_note = make_hint("")
        self.support_checklist_note.setObjectName("supportChecklistNote")
        self.support_checklist_note.hide()
        support_row = QHBoxLayout()
        support_row.addWidget(self.support_checklist_button)
        support_row.addWidget(self.support_checklist_note, 1)
        form.addRow("", support_row)

        self.plan_checks_table = PlanChecksTable(self._board.today())
        self.plan_checks_table.setObjectName("planChecks")
        self.plan_checks_table.itemChanged.connect(partial(self._edited, "plan_checks"))
        model = self.plan_checks_table.model()
        model.rowsInserted.connect(partial(self._edited, "plan_checks"))
        model.rowsRemoved.connect(partial(self._edited, "plan_checks"))
        self.plan_checks_table.itemSelectionChanged.connect(self._update_check_buttons)
        checks_box = self._register(
            "plan_checks", self.plan_checks_table, "Checks", self.plan_checks_table.key
        )
        self.plan_checks_table.setAccessibleDescription(
            "F2 renames what or how; Space ticks a check done; Delete removes it."
        )
        self.plan_checks_empty = make_hint(NO_CHECKS_TEXT)
        self.plan_checks_empty.setObjectName("planChecksEmpty")
        self.check_remove = QPushButton("Remove Check")
        self.check_remove.setObjectName("checkRemove")
        self.check_remove.setAutoDefault(False)
        self.check_remove.clicked.connect(self._remove_check)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.plan_checks_table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self._remove_check)

        layout = QVBoxLayout(page)
        intro = make_hint(INTRO)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel("Dated checks (they fall due in View → Due Checks):"))
        layout.addWidget(checks_box)
        layout.addWidget(self.plan_checks_empty)
        layout.addWidget(self._build_new_check_row())
        self.new_check_hint = make_hint(NEW_CARD_TEXT)
        self.new_check_hint.setObjectName("planNewCardHint")
        layout.addWidget(self.new_check_hint)
        layout.addStretch(1)
        self._load_plan()

    def _build_new_check_row(self) -> QWidget:
        row = self.new_check_row = QWidget()
        row.setObjectName("newCheckRow")
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(0)
        self.check_what = EntryLine()
        self.check_what.setObjectName("checkWhat")
        self.check_what.setAccessibleName("New check: what is checked")
        self.check_what.setPlaceholderText("e.g. Win rate on competitive deals")
        self.check_how = EntryLine()
        self.check_how.setObjectName("checkHow")
        self.check_how.setAccessibleName("New check: how")
        self.check_how.setPlaceholderText("e.g. CRM report, manager observation")
        self.check_due = QDateEdit()
        self.check_due.setObjectName("checkDue")
        self.check_due.setAccessibleName("New check: due date")
        self.check_due.setCalendarPopup(True)
        self.check_due.setDisplayFormat("d MMM yyyy")
        self.check_add = QPushButton("Add Check")
        self.check_add.setObjectName("checkAdd")
        self.check_add.setAutoDefault(False)
        self.check_add.clicked.connect(self._add_check)
        for edit in (self.check_what, self.check_how):
            edit.submitted.connect(self._add_check)
        self.check_what.textChanged.connect(self._update_check_buttons)
        for column, (text, widget) in enumerate(
            (("What:", self.check_what), ("How:", self.check_how), ("Due:", self.check_due))
        ):
            grid.addWidget(self._buddy(text, widget), 0, column)
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.check_add, 1, 3)
        grid.addWidget(self.check_remove, 1, 4)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        return row

    # --- state -------------------------------------------------------------------------

    def _load_plan(self) -> None:
        """Fill the page from the stored plan (while the editor ignores edits)."""
        soon = self._board.today() + timedelta(days=NEW_CHECK_DAYS)
        self.check_due.setDate(QDate(soon.year, soon.month, soon.day))
        plan = self._board.evaluation_plan(self._item.id) if self._item is not None else None
        if plan is not None:
            select_data(self.plan_level_combo, plan.level)
            self.plan_behaviours_edit.setPlainText(plan.critical_behaviours)
            self.plan_indicators_edit.setPlainText(plan.leading_indicators)
            self.plan_support_edit.setPlainText(plan.support)
            self.plan_checks_table.set_checks(plan.checks)
        self.new_check_hint.setVisible(self._item is None)
        if self._plan_locked():
            self.plan_checks_table.lock()
            self.new_check_row.hide()
            for widget in (
                self.plan_level_combo,
                self.plan_behaviours_edit,
                self.plan_indicators_edit,
                self.plan_support_edit,
            ):
                widget.setEnabled(self._item is not None)  # a read-only board: shown, not edited
        if self._session.read_only:
            self.support_checklist_button.hide()
            self.plan_checks_empty.setText(READ_ONLY_NO_CHECKS)
        self._update_check_buttons()

    def _plan_locked(self) -> bool:
        return self._session.read_only or self._item is None

    def _plan_value(self) -> tuple[EvaluationPlan, dict[str, str]]:
        """The plan as Save would store it, and what is wrong with it."""
        stored = self._board.evaluation_plan(self._item.id) if self._item is not None else None
        done_now = {c.id: c.done_at for c in stored.checks if c.id is not None} if stored else {}
        checks = self.plan_checks_table.checks(self._board.now(), done_now)
        problems: dict[str, str] = {}
        for number, check in enumerate(checks, start=1):
            if not check.what:
                problems["plan_checks"] = (
                    f"Check {number} needs to say what is checked: type it or remove the check."
                )
                break
        plan = EvaluationPlan(
            self.plan_level_combo.currentData(),
            self.plan_behaviours_edit.toPlainText(),
            self.plan_indicators_edit.toPlainText(),
            self.plan_support_edit.toPlainText(),
            checks,
        )
        return plan, problems

    # --- actions -----------------------------------------------------------------------

    def _add_check(self) -> None:
        what = " ".join(self.check_what.text().split())
        if self._plan_locked() or not what:
            return
        due = self.check_due.date().toString(Qt.DateFormat.ISODate)
        how = " ".join(self.check_how.text().split())
        self.plan_checks_table.add(EvaluationCheck(what, how, due))
        self.plan_checks_table.setCurrentCell(self.plan_checks_table.rowCount() - 1, 0)
        self._edited("plan_checks")  # the row is complete only now
        self.check_what.clear()
        self.check_how.clear()
        self.check_what.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_check_buttons()

    def _remove_check(self) -> None:
        if not self._plan_locked() and self.plan_checks_table.remove_current():
            self._update_check_buttons()

    def _add_support_checklist(self) -> None:
        """Append the performance-support lines the checklist does not have yet."""
        have = {entry.text.strip().casefold() for entry in self._checklist_entries()}
        missing = [line for line in SUPPORT_CHECKLIST if line.casefold() not in have]
        for line in missing:
            self._append_checklist_entry(line, False, None)
        self._update_checklist_buttons()
        if missing:
            added = "1 line" if len(missing) == 1 else f"{len(missing)} lines"
            note = f"Added {added} to the Checklist; they are saved with the card."
        else:
            note = "The Checklist already has these lines."
        self.support_checklist_note.setText(note)
        self.support_checklist_note.show()

    def _update_check_buttons(self, *_: object) -> None:
        locked = self._plan_locked()
        has_checks = self.plan_checks_table.rowCount() > 0
        self.plan_checks_table.setVisible(has_checks)
        self.plan_checks_empty.setVisible(not has_checks and self._item is not None)
        self.check_remove.setEnabled(not locked and self.plan_checks_table.currentRow() >= 0)
        self.check_add.setEnabled(not locked and bool(self.check_what.text().strip()))
