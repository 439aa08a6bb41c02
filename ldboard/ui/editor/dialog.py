"""The card editor dialog: every field of one learning initiative in tabs.

The dialog never writes on its own. Save hands everything that changed to
:func:`save_card` through ``BoardSession.perform``, so one Save is one undo
step however many tags, people, checklist lines, notes and results it touched.

This module is the shell: the tabs, Save and Cancel, and keeping the problems
and the Save button current as fields change. Each tab is built by a page
mixin in its own module (``pages_overview``, ``pages_story``, ``pages_goal``,
``pages_prioritisation``, ``pages_people``, ``pages_planning``, ``checklist``,
``notes``, ``pages_intake``, ``pages_measure`` and ``pages_history``) from the
building blocks in ``form``; ``loading`` fills the pages from the item and
``payload`` reads them back into what Save sends. The History and Intake tabs
follow the board while the dialog is open; the Intake tab's triage and answers
are changed at once, each its own undo step, not with Save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ldboard.store import Change
from ldboard.ui.common import theme
from ldboard.ui.common.prompts import Prompter
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.editor.checklist import ChecklistPage
from ldboard.ui.editor.loading import ItemLoading
from ldboard.ui.editor.notes import NotesPage
from ldboard.ui.editor.pages_goal import GoalPage
from ldboard.ui.editor.pages_history import HistoryPage
from ldboard.ui.editor.pages_intake import IntakePage
from ldboard.ui.editor.pages_measure import MeasurePage
from ldboard.ui.editor.pages_overview import OverviewPage
from ldboard.ui.editor.pages_people import PeoplePage
from ldboard.ui.editor.pages_planning import PlanningPage
from ldboard.ui.editor.pages_prioritisation import PrioritisationPage
from ldboard.ui.editor.pages_story import LearnerStoryPage
from ldboard.ui.editor.payload import FormPayload
from ldboard.ui.editor.saving import created_item_id, save_card
from ldboard.ui.editor.viewing import make_view_only
from ldboard.ui.editor.widgets import tab_text

#: Tabs in order: (object name, title). Field widgets map onto these indexes.
TABS = (
    ("overviewTab", "Overview"),
    ("learnerStoryTab", "Learner story"),
    ("goalTab", "Business goal & hypothesis"),
    ("prioritisationTab", "Prioritisation"),
    ("peopleTab", "People"),
    ("planningTab", "Planning"),
    ("checklistTab", "Checklist"),
    ("notesTab", "Notes"),
    ("intakeTab", "Intake"),
    ("measureTab", "Measure"),
    ("historyTab", "History"),
)
ERROR_MARKER = " •"
_DIALOG_STYLE = f"""
QLabel[role="error"] {{ color: {theme.DANGER.name()}; }}
QLabel[role="hint"] {{ color: {theme.MUTED_TEXT.name()}; }}
QLabel[role="warning"] {{ color: {theme.WARNING.name()}; }}
"""


class CardEditor(
    OverviewPage,
    LearnerStoryPage,
    GoalPage,
    PrioritisationPage,
    PeoplePage,
    PlanningPage,
    ChecklistPage,
    NotesPage,
    IntakePage,
    MeasurePage,
    HistoryPage,
    ItemLoading,
    FormPayload,
    QDialog,
):
    """Edits one item (or creates one when ``item_id`` is ``None``).

    ``prompter`` asks "Discard changes?" when a modified card is cancelled
    (tests pass one that answers from a script). After the dialog is
    accepted, ``change`` holds the applied change (``None`` when nothing
    changed) and ``item_id`` the edited or created item.
    """

    def __init__(
        self,
        session: BoardSession,
        item_id: int | None = None,
        *,
        column_id: int | None = None,
        parent: QWidget | None = None,
        prompter: Prompter | None = None,
    ) -> None:
        super().__init__(parent)
        self.prompter = prompter or Prompter(self)
        self._session = session
        self._board = session.board
        self.item_id = item_id
        self.change: Change | None = None
        self._item = self._board.item(item_id) if item_id is not None else None
        if item_id is not None and self._item is None:
            raise LookupError(f"item {item_id} does not exist")
        if self._item is not None:
            self._column_id = self._item.column_id
        elif column_id is not None:
            self._column_id = column_id
        else:
            self._column_id = self._board.columns()[0].id

        self._fields: dict[str, QWidget] = {}
        self._getters: dict[str, Callable[[], Any]] = {}
        self._errors: dict[str, QLabel] = {}
        self._labels: dict[str, str] = {}
        self._hints: dict[str, str] = {}
        self._field_tab: dict[str, int] = {}
        self._touched: set[str] = set()
        self._save_problems: dict[str, str] = {}
        #: Why the last Save did not reach the file (disk full, read-only…); shown
        #: above the form but, unlike a problem with a field, it does not block a retry.
        self._save_note = ""
        self._people = self._board.people()
        self._tags = self._board.tags()
        self._original_people = (
            self._board.item_people(self._item.id) if self._item is not None else []
        )
        self._loading = True
        self._focused_once = False
        self._start_tab = 0
        self._building_tab = 0

        self.setObjectName("cardEditor")
        self.setAccessibleName("Card editor")
        self.setStyleSheet(_DIALOG_STYLE)
        self.setSizeGripEnabled(True)
        self.resize(840, 640)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("editorTabs")
        self.tabs.setAccessibleName("Card editor sections")
        self.tabs.setUsesScrollButtons(True)
        pages = (
            self._build_overview,
            self._build_learner_story,
            self._build_goal,
            self._build_prioritisation,
            self._build_people,
            self._build_planning,
            self._build_checklist,
            self._build_notes,
            self._build_intake,
            self._build_measure,
            self._build_history,
        )
        for index, ((name, title), build) in enumerate(zip(TABS, pages, strict=True)):
            self._building_tab = index
            page = QWidget()
            page.setObjectName(name)
            build(page)
            scroller = QScrollArea()
            scroller.setObjectName(f"{name}Scroll")
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroller.setWidget(page)
            self.tabs.addTab(scroller, tab_text(title))
        # Wide enough to show every tab's name at once (it grew with History).
        tabs_width = self.tabs.tabBar().sizeHint().width() + 32
        self.resize(max(self.width(), tabs_width), self.height())
        self.general_error = QLabel()
        self.general_error.setObjectName("error_general")
        self.general_error.setProperty("role", "error")
        self.general_error.setWordWrap(True)
        self.general_error.setAccessibleName("Problem saving")
        self.general_error.hide()
        self._errors["general"] = self.general_error

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("editorButtons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip("Save the card (Ctrl+Return)")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelButton")
        cancel.setToolTip("Close without saving (Esc)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self._save_shortcut)

        self._load()
        self._initial = self._raw_state()
        self._loading = False
        self._refresh()
        if session.read_only:
            make_view_only(self, self.buttons, self.general_error, session.board.read_only_reason)

    # --- public -----------------------------------------------------------------------

    def field(self, name: str) -> QWidget:
        """The widget that edits ``name`` (an ``Item`` field, or tags/people/checklist)."""
        return self._fields[name]

    def show_tab(self, object_name: str) -> None:
        """Open on (or switch to) the tab named ``object_name``, e.g. ``"measureTab"``."""
        names = [name for name, _ in TABS]
        self._start_tab = names.index(object_name)
        self.tabs.setCurrentIndex(self._start_tab)

    def is_modified(self) -> bool:
        """Whether anything differs from what the dialog opened with."""
        return self._raw_state() != self._initial

    def problems(self) -> dict[str, str]:
        """Every current problem by field, including those reported by the last Save."""
        notes = {"general": self._save_note} if self._save_note else {}
        return {**notes, **self._collect()[1], **self._save_problems}

    def accept(self) -> None:
        self._touched.update(self._errors)
        payload, problems = self._collect()
        if problems or self._save_problems:
            self._refresh()
            self._show_first_problem()
            return
        self._save_note = ""
        failures: list[Failure] = []
        change = self._session.perform(
            save_card,
            self.item_id,
            payload.column_id,
            payload.fields,
            payload.tag_names,
            payload.people,
            payload.checklist,
            payload.new_notes,
            new_people=payload.new_people,
            measurements=payload.measurements,
            evaluation_plan=payload.evaluation_plan,
            stage=payload.column_id if self._item is not None else None,
            report_to=failures.append,
        )
        if failures:  # nothing was saved: keep the dialog open so the person can retry
            self._show_save_failure(failures[0])
            return
        self.change = change
        if self.item_id is None and change is not None:
            self.item_id = created_item_id(change)
        super().accept()

    def _show_save_failure(self, failure: Failure) -> None:
        if failure.kind == "storage":
            self._save_note = failure.message
        elif failure.problems:
            self._save_problems = {
                name if name in self._errors else "general": message
                for name, message in failure.problems.items()
            }
        else:
            self._save_problems = {"general": failure.message}
        self._refresh()
        self._show_first_problem()

    def reject(self) -> None:
        if self.is_modified() and not self._confirm_discard():
            return
        super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self.tabs.setCurrentIndex(self._start_tab)
            if self._start_tab == 0:
                self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                self.title_edit.selectAll()

    # --- reacting ---------------------------------------------------------------------

    def _edited(self, name: str, *_: object) -> None:
        if self._loading:
            return
        self._touched.add(name)
        self._save_problems.clear()
        self._refresh()

    def _refresh(self) -> None:
        """Show the current problems inline, mark their tabs, and enable Save if there are none."""
        _, problems = self._collect()
        problems.update(self._save_problems)
        blocking = bool(problems)
        if self._save_note and "general" not in problems:
            problems["general"] = self._save_note
            self._touched.add("general")
        shown_everything = self._item is not None
        tabs_with_problems: dict[int, list[str]] = {}
        for name, label in self._errors.items():
            message = problems.get(name)
            visible = message is not None and (
                shown_everything or name in self._touched or name in self._save_problems
            )
            label.setText(message or "")
            label.setVisible(visible)
            widget = self._fields.get(name)
            if widget is not None:
                hint = self._hints.get(name, "")
                widget.setAccessibleDescription(message if visible and message else hint)
            if visible and name in self._field_tab:
                tabs_with_problems.setdefault(self._field_tab[name], []).append(message or "")
        for index, (_, title) in enumerate(TABS):
            flagged = index in tabs_with_problems
            self.tabs.setTabText(index, tab_text(title) + (ERROR_MARKER if flagged else ""))
            self.tabs.setTabToolTip(index, "\n".join(tabs_with_problems.get(index, [])))
        self.save_button.setEnabled(not blocking)

    def _show_first_problem(self) -> None:
        problems = self.problems()
        for name in self._errors:
            if name in problems and name in self._field_tab:
                self.tabs.setCurrentIndex(self._field_tab[name])
                self._fields[name].setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _save_shortcut(self) -> None:
        if self.save_button.isEnabled() and self.save_button.isVisible():
            self.accept()

    def _confirm_discard(self) -> bool:
        return self.prompter.confirm(
            "Discard changes?",
            "This card has changes that are not saved. Discard them?",
            "Discard",
        )

    def _update_window_title(self) -> None:
        if self._item is None:
            self.setWindowTitle("New initiative")
            return
        title = " ".join(self.title_edit.text().split()) or self._item.title
        self.setWindowTitle(f"Edit {self._item.key} — {title}")
