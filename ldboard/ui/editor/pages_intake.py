"""The Intake tab: the conversation a request came in with, and where it stands.

The answers are read-only here, as a summary to read back to the requester
or a sponsor; "Edit Answers…" opens them in a small form. The triage state
is changed on this tab directly. Both are their own undoable changes, made
at once through the session rather than with the card's Save: they are
decisions about the request, not edits of the card. The page follows the
board while the editor is open, so what it shows is always what is stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.enums import ItemRole
from ldboard.domain.intake import CLOSED_TRIAGE, TRIAGE_LABELS, Goal, Triage
from ldboard.ops.intake import set_triage
from ldboard.store import Change
from ldboard.ui.common.session import Failure
from ldboard.ui.editor.intake_answers import IntakeAnswersDialog
from ldboard.ui.editor.intake_text import intake_html
from ldboard.ui.editor.widgets import format_day, make_hint

EMPTY_TEXT = (
    "This card did not come through intake. Requests taken with Item → New Request… "
    "keep the conversation here: the problem, what people must do, the partners and "
    "the cost of doing nothing."
)
NOT_TRIAGED = "Not triaged"
CLOSED_NOTE = "This request has left the board: it is in the archive, counted as handled."


class IntakePage:
    """Builds the Intake tab (``intake_summary``, ``triage_combo``, ``edit_intake_button``)."""

    def _build_intake(self, page: QWidget) -> None:
        self.intake_empty = make_hint(EMPTY_TEXT)
        self.intake_empty.setObjectName("intakeEmpty")
        self.intake_summary = QLabel()
        self.intake_summary.setObjectName("intakeSummary")
        self.intake_summary.setAccessibleName("Intake answers")
        self.intake_summary.setTextFormat(Qt.TextFormat.RichText)
        self.intake_summary.setWordWrap(True)
        self.intake_summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.intake_summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.edit_intake_button = QPushButton("Edit Answers…")
        self.edit_intake_button.setObjectName("editIntakeButton")
        self.edit_intake_button.setAutoDefault(False)
        self.edit_intake_button.setToolTip("Change the answers kept with this request")
        self.edit_intake_button.clicked.connect(self.edit_intake_answers)

        layout = QVBoxLayout(page)
        layout.addWidget(self._build_triage_box())
        layout.addWidget(self.intake_empty)
        layout.addWidget(self.intake_summary)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_intake_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._show_intake()
        self._following_intake = self._item is not None
        if self._following_intake:
            self._session.changed.connect(self._intake_may_have_changed)
            self._session.closed.connect(self._stop_following_intake)
            self.finished.connect(self._stop_following_intake)

    def _build_triage_box(self) -> QGroupBox:
        box = self.triage_box = QGroupBox("Triage")
        box.setObjectName("triageBox")
        self.triage_now = QLabel()
        self.triage_now.setObjectName("triageNow")
        self.triage_now.setWordWrap(True)
        self.triage_combo = QComboBox()
        self.triage_combo.setObjectName("triageCombo")
        self.triage_combo.setAccessibleName("Triage state")
        for state in Triage:
            self.triage_combo.addItem(TRIAGE_LABELS[state], state.value)
        self.triage_combo.setPlaceholderText(NOT_TRIAGED)
        self.triage_reason = QLineEdit()
        self.triage_reason.setObjectName("triageReason")
        self.triage_reason.setAccessibleName("Triage reason")
        self.triage_reason.setPlaceholderText("Why, in a sentence for the requester")
        self.triage_apply = QPushButton("Set Triage")
        self.triage_apply.setObjectName("triageApply")
        self.triage_apply.setAutoDefault(False)
        self.triage_apply.setToolTip("Record this state now (Edit → Undo takes it back)")
        self.triage_apply.clicked.connect(self.apply_triage)
        self.triage_combo.currentIndexChanged.connect(self._update_triage_button)
        self.triage_reason.textChanged.connect(self._update_triage_button)
        self.triage_problem = QLabel()
        self.triage_problem.setObjectName("triageProblem")
        self.triage_problem.setProperty("role", "error")
        self.triage_problem.setWordWrap(True)
        self.triage_problem.hide()
        self.triage_controls = QWidget()
        row = QHBoxLayout(self.triage_controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.triage_combo)
        row.addWidget(self.triage_reason, 1)
        row.addWidget(self.triage_apply)
        form = QFormLayout(box)
        form.addRow("Now:", self.triage_now)
        form.addRow("Change to:", self.triage_controls)
        form.addRow(self.triage_problem)
        return box

    # --- showing -----------------------------------------------------------------------

    def _show_intake(self) -> None:
        """Read the stored answers and triage again and show them."""
        item = self._board.item(self._item.id) if self._item is not None else None
        record = self._board.intake(item.id) if item is not None else None
        self.intake_record = record
        self.intake_empty.setVisible(record is None)
        self.intake_summary.setVisible(record is not None)
        self.edit_intake_button.setVisible(record is not None and not self._session.read_only)
        self.triage_box.setVisible(item is not None and (record is not None or bool(item.triage)))
        self.triage_controls.setVisible(not self._session.read_only)
        if item is None:
            return
        if record is not None:
            names = {person.id: person.name for person in self._board.people()}
            requesters = [
                pid for pid, role in self._board.item_people(item.id) if role == ItemRole.REQUESTER
            ]
            goal = Goal(
                item.metric,
                item.baseline,
                item.target,
                format_day(record.goal_by) if record.goal_by else "",
                item.audience,
                record.goal_action,
            )
            requester = names.get(requesters[0], "") if requesters else ""
            self.intake_summary.setText(
                intake_html(record, requester=requester, goal=goal, names=names)
            )
        self._stored_triage = (item.triage, item.triage_reason or "")
        shown = TRIAGE_LABELS.get(item.triage, item.triage) if item.triage else NOT_TRIAGED
        if item.triage_reason:
            shown += f" — {item.triage_reason}"
        if item.triage in CLOSED_TRIAGE and item.archived_at:
            shown += f"\n{CLOSED_NOTE}"
        self.triage_now.setText(shown)
        index = self.triage_combo.findData(item.triage) if item.triage else -1
        self.triage_combo.setCurrentIndex(index)
        self.triage_reason.setText(item.triage_reason or "")
        self._update_triage_button()

    def _update_triage_button(self, *_: object) -> None:
        wanted = (self.triage_combo.currentData(), self.triage_reason.text().strip())
        stored = getattr(self, "_stored_triage", (None, ""))
        self.triage_apply.setEnabled(
            not self._session.read_only and wanted[0] is not None and wanted != stored
        )

    # --- actions -----------------------------------------------------------------------

    def apply_triage(self) -> None:
        """Record the chosen triage state now, as its own undo step."""
        state = self.triage_combo.currentData()
        if self._item is None or state is None or self._session.read_only:
            return
        self.triage_problem.hide()
        self._session.perform(
            set_triage,
            self._item.id,
            state,
            self.triage_reason.text(),
            report_to=self._triage_failed,
        )

    def _triage_failed(self, failure: Failure) -> None:
        self.triage_problem.setText(failure.message)
        self.triage_problem.show()

    def edit_intake_answers(self) -> IntakeAnswersDialog | None:
        """Open the answers in a form; saving it is one undo step."""
        if self._item is None or self.intake_record is None or self._session.read_only:
            return None
        dialog = IntakeAnswersDialog(self._session, self._item.id, self.intake_record, self)
        dialog.open()
        return dialog

    # --- following the board -----------------------------------------------------------

    def _intake_may_have_changed(self, change: Change) -> None:
        if self._item.id in change.item_ids() or change.touches("people"):
            self._show_intake()

    def _stop_following_intake(self, *_: object) -> None:
        if not self._following_intake:
            return
        self._following_intake = False
        self._session.changed.disconnect(self._intake_may_have_changed)
        self._session.closed.disconnect(self._stop_following_intake)
        self.finished.disconnect(self._stop_following_intake)
