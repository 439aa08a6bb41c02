"""The card editor dialog: every field of one learning initiative in tabs.

The dialog never writes on its own. Save hands everything that changed to
:func:`save_card` through ``BoardSession.perform``, so one Save is one undo
step however many tags, people, checklist lines and notes it touched.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.enums import Driver, Format, ItemRole, IterationState, Verdict
from ldboard.domain.model import Item
from ldboard.domain.rules import (
    TITLE_MAX,
    Thresholds,
    parse_number,
    quadrant,
    score,
    validate_item_fields,
)
from ldboard.ops import ChecklistEntry
from ldboard.store import Change
from ldboard.ui import theme
from ldboard.ui.card_editor.people import (
    PERSON_NAME_MAX,
    PersonPicker,
    find_person,
    new_person_hint,
)
from ldboard.ui.card_editor.saving import created_item_id, parse_tag_names, save_card
from ldboard.ui.card_editor.stage import StagePicker
from ldboard.ui.card_editor.viewing import make_view_only
from ldboard.ui.card_editor.widgets import (
    NONE_TEXT,
    EntryLine,
    ShortText,
    TagCompleter,
    field_box,
    format_number,
    format_timestamp,
    is_score,
    make_form,
    make_hint,
    person_text,
    select_data,
    tab_text,
)
from ldboard.ui.markdown_preview import MarkdownPreview
from ldboard.ui.prompts import Prompter
from ldboard.ui.session import BoardSession, Failure

TAG_NAME_MAX = 40
NUMBER_FIELDS = ("baseline", "target", "actual", "estimate_days")
EVALUATION_LEVEL_NAMES = {1: "Reaction", 2: "Learning", 3: "Behaviour", 4: "Results"}
IMPACT_NAMES = {1: "Minimal", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Transformative"}
EFFORT_NAMES = {1: "Trivial", 2: "Small", 3: "Medium", 4: "Large", 5: "Very large"}

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
)
ERROR_MARKER = " •"
_ROLES_IN_EDITOR = (ItemRole.REQUESTER.value, ItemRole.SPONSOR.value, ItemRole.SME.value)
_DIALOG_STYLE = f"""
QLabel[role="error"] {{ color: {theme.DANGER.name()}; }}
QLabel[role="hint"] {{ color: {theme.MUTED_TEXT.name()}; }}
QLabel[role="warning"] {{ color: {theme.WARNING.name()}; }}
"""


@dataclass(frozen=True, slots=True)
class _Payload:
    """What Save sends to :func:`save_card`."""

    fields: dict[str, Any]
    tag_names: list[str] | None
    people: list[tuple[int, str]] | None
    checklist: list[ChecklistEntry] | None
    new_notes: list[str]
    #: The stage the card is saved in (a new card goes to its bottom).
    column_id: int
    #: People typed by name who are not on the board yet: (name, item role).
    new_people: list[tuple[str, str]]


class CardEditor(QDialog):
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
            self.tabs.setCurrentIndex(0)
            self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.title_edit.selectAll()

    # --- building ---------------------------------------------------------------------

    def _register(
        self,
        name: str,
        widget: QWidget,
        label: str,
        getter: Callable[[], Any],
        shown: QWidget | None = None,
    ) -> QWidget:
        """Name a field widget, give it an error line, and return both in one box.

        ``shown`` replaces the widget in the box when the field sits inside a
        larger arrangement (the description editor inside its preview splitter).
        """
        widget.setObjectName(f"field_{name}")
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        self._fields[name] = widget
        self._getters[name] = getter
        self._labels[name] = label.replace("&", "").rstrip(":")
        self._field_tab[name] = self._building_tab
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.setAccessibleName(f"{self._labels[name]} problem")
        error.hide()
        self._errors[name] = error
        return field_box(shown or widget, error)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _add_row(
        self,
        form: QFormLayout,
        name: str,
        label: str,
        widget: QWidget,
        getter: Callable[[], Any],
        hint: str = "",
    ) -> None:
        box = self._register(name, widget, label, getter)
        if hint:
            hint_label = make_hint(hint)
            hint_label.setObjectName(f"hint_{name}")
            self._hints[name] = hint
            widget.setAccessibleDescription(hint)
            box.layout().addWidget(hint_label)
        form.addRow(self._buddy(label, widget), box)

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(partial(self._edited, name))
        return edit

    def _text(self, name: str, lines: int, placeholder: str = "") -> ShortText:
        edit = ShortText(lines, placeholder)
        edit.textChanged.connect(partial(self._edited, name))
        return edit

    def _combo(self, name: str, options: Iterable[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        for text, value in options:
            combo.addItem(text, value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(partial(self._edited, name))
        return combo

    def _build_overview(self, page: QWidget) -> None:
        form = make_form()
        self.title_edit = self._line("title", "What is this initiative? e.g. Objection handling")
        self.title_edit.setMaxLength(TITLE_MAX)
        self.title_edit.textChanged.connect(self._update_window_title)
        self._add_row(form, "title", "&Title:", self.title_edit, self.title_edit.text)

        self.stage_picker = StagePicker(self._board, self._column_id, self._item)
        self.stage_picker.currentIndexChanged.connect(partial(self._edited, "column_id"))
        self.stage_picker.currentIndexChanged.connect(self._update_stage_hint)
        stage_box = self._register(
            "column_id", self.stage_picker, "Sta&ge:", self.stage_picker.column_id
        )
        self.stage_hint = make_hint("")
        self.stage_hint.setObjectName("stageHint")
        self.stage_hint.hide()
        stage_box.layout().addWidget(self.stage_hint)
        form.addRow(self._buddy("Sta&ge:", self.stage_picker), stage_box)

        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("e.g. sales, onboarding")
        self.tags_edit.setClearButtonEnabled(True)
        completer = TagCompleter(QStringListModel([t.name for t in self._tags], self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.tags_edit.setCompleter(completer)
        self.tags_edit.textChanged.connect(partial(self._edited, "tags"))
        self.tags_edit.textChanged.connect(self._update_tags_hint)
        tags_box = self._register("tags", self.tags_edit, "T&ags:", self._tag_key)
        self.tags_hint = make_hint("")
        self.tags_hint.setObjectName("tagsHint")
        tags_box.layout().addWidget(self.tags_hint)
        form.addRow(self._buddy("T&ags:", self.tags_edit), tags_box)

        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(
            "Context, scope and links. Markdown works: **bold**, *italic*, - lists, # headings."
        )
        self.description_edit.textChanged.connect(partial(self._edited, "description"))
        self.preview = MarkdownPreview()
        self.preview.setObjectName("descriptionPreview")
        self.preview.setAccessibleName("Description preview")
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.description_edit.textChanged.connect(self._update_preview)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("descriptionSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.description_edit)
        splitter.addWidget(self.preview)
        splitter.setSizes([1, 1])
        box = self._register(
            "description",
            self.description_edit,
            "&Description",
            self.description_edit.toPlainText,
            shown=splitter,
        )
        description_label = self._buddy(
            "&Description (Markdown; the preview on the right shows how it reads):",
            self.description_edit,
        )

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(description_label)
        layout.addWidget(box, 1)

    def _build_learner_story(self, page: QWidget) -> None:
        layout = QVBoxLayout(page)
        layout.addWidget(
            make_hint(
                "Who needs to learn, what must they be able to do afterwards, and what "
                "changes for the business when they can?"
            )
        )
        form = make_form()
        self.audience_edit = self._text(
            "audience", 2, "New account executives in their first 90 days"
        )
        self._add_row(
            form, "audience", "A&udience:", self.audience_edit, self.audience_edit.toPlainText
        )
        self.need_edit = self._text(
            "need", 3, "Handle the five most common pricing objections on a live call"
        )
        self._add_row(form, "need", "&Need:", self.need_edit, self.need_edit.toPlainText)
        self.outcome_edit = self._text(
            "outcome", 3, "so that more first meetings turn into qualified opportunities"
        )
        self._add_row(
            form, "outcome", "&Outcome:", self.outcome_edit, self.outcome_edit.toPlainText
        )
        layout.addLayout(form)
        layout.addStretch(1)

    def _build_goal(self, page: QWidget) -> None:
        form = make_form()
        self.driver_combo = self._combo(
            "driver", [(NONE_TEXT, None), *((d.label, d.value) for d in Driver)]
        )
        self._add_row(form, "driver", "Dri&ver:", self.driver_combo, self.driver_combo.currentData)
        self.goal_edit = self._text("goal", 2, "Raise the win rate on competitive deals to 25%")
        self._add_row(form, "goal", "&Goal:", self.goal_edit, self.goal_edit.toPlainText)
        self.hypothesis_edit = self._text(
            "hypothesis", 3, "We believe … will result in …, measured by …"
        )
        self._add_row(
            form,
            "hypothesis",
            "&Hypothesis:",
            self.hypothesis_edit,
            self.hypothesis_edit.toPlainText,
        )
        self.metric_edit = self._line("metric", "e.g. Win rate on competitive deals (%)")
        self._add_row(form, "metric", "&Metric:", self.metric_edit, self.metric_edit.text)

        measures = QWidget()
        grid = QGridLayout(measures)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.measure_edits: dict[str, QLineEdit] = {}
        for column, (name, label, example) in enumerate(
            (
                ("baseline", "&Baseline", "e.g. 18%"),
                ("target", "&Target", "e.g. 25%"),
                ("actual", "Act&ual", "measured later"),
            )
        ):
            edit = self._line(name, example)
            self.measure_edits[name] = edit
            box = self._register(name, edit, label, edit.text)
            grid.addWidget(self._buddy(label, edit), 0, column)
            grid.addWidget(box, 1, column, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(column, 1)
        form.addRow("Measures:", measures)

        judgement = QWidget()
        row = QHBoxLayout(judgement)
        row.setContentsMargins(0, 0, 0, 0)
        self.verdict_combo = self._combo("verdict", [(v.label, v.value) for v in Verdict])
        row.addWidget(
            self._register(
                "verdict", self.verdict_combo, "Ve&rdict", self.verdict_combo.currentData
            )
        )
        self.level_combo = self._combo(
            "evaluation_level",
            [(NONE_TEXT, None), *((f"{n} · {t}", n) for n, t in EVALUATION_LEVEL_NAMES.items())],
        )
        self.level_combo.setToolTip("Kirkpatrick level the evaluation reaches")
        level_box = self._register(
            "evaluation_level",
            self.level_combo,
            "Evaluation &level",
            self.level_combo.currentData,
        )
        row.addSpacing(16)
        row.addWidget(self._buddy("Evaluation &level:", self.level_combo))
        row.addWidget(level_box)
        row.addStretch(1)
        form.addRow(self._buddy("Ve&rdict:", self.verdict_combo), judgement)

        self.cost_edit = self._text(
            "cost_of_inaction", 2, "What it costs if nothing is done, e.g. €40k a quarter in churn"
        )
        self._add_row(
            form,
            "cost_of_inaction",
            "Cost of &inaction:",
            self.cost_edit,
            self.cost_edit.toPlainText,
        )
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)

    def _build_prioritisation(self, page: QWidget) -> None:
        form = make_form()
        self.impact_combo = self._combo(
            "impact", [(NONE_TEXT, None), *((f"{n} · {t}", n) for n, t in IMPACT_NAMES.items())]
        )
        self._add_row(
            form,
            "impact",
            "&Impact:",
            self.impact_combo,
            self.impact_combo.currentData,
            "How much the business goal moves if this works (1 = minimal, 5 = transformative).",
        )
        self.effort_combo = self._combo(
            "effort", [(NONE_TEXT, None), *((f"{n} · {t}", n) for n, t in EFFORT_NAMES.items())]
        )
        self._add_row(
            form,
            "effort",
            "&Effort:",
            self.effort_combo,
            self.effort_combo.currentData,
            "Your time and your SMEs' time to build and run it (1 = trivial, 5 = very large).",
        )
        self.estimate_edit = self._line("estimate_days", "e.g. 3,5")
        self.estimate_edit.setMaximumWidth(140)
        self._add_row(
            form,
            "estimate_days",
            "Estimate (&days):",
            self.estimate_edit,
            self.estimate_edit.text,
        )
        self.impact_combo.currentIndexChanged.connect(self._update_score)
        self.effort_combo.currentIndexChanged.connect(self._update_score)

        self.score_label = QLabel()
        self.score_label.setObjectName("scoreLine")
        self.score_label.setAccessibleName("Score and quadrant")
        self.score_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        limits = Thresholds()
        explanation = make_hint(
            f"Score = impact ÷ effort. Impact of {limits.impact} or more counts as high, and "
            f"so does effort of {limits.effort} or more. Quick wins: high impact, low effort. "
            "Big bets: high impact, high effort. Fill-ins: low impact, low effort. Money "
            "pits: low impact, high effort."
        )
        explanation.setObjectName("quadrantHelp")
        form.addRow("Score:", field_box(self.score_label, explanation))
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)

    def _person_picker(self, name: str) -> PersonPicker:
        picker = PersonPicker(self._people)
        picker.currentIndexChanged.connect(partial(self._edited, name))
        picker.editTextChanged.connect(partial(self._edited, name))
        picker.editTextChanged.connect(self._update_people_hint)
        return picker

    def _build_people(self, page: QWidget) -> None:
        form = make_form()
        self.requester_combo = self._person_picker("requester")
        self._add_row(
            form,
            "requester",
            "&Requester:",
            self.requester_combo,
            self.requester_combo.value,
            "The stakeholder who brought the request. Type a name to add someone new.",
        )
        self.sponsor_combo = self._person_picker("sponsor")
        self._add_row(
            form,
            "sponsor",
            "S&ponsor:",
            self.sponsor_combo,
            self.sponsor_combo.value,
            "The manager who backs it and removes obstacles.",
        )
        self.sme_list = QListWidget()
        self.sme_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for person in self._people:
            entry = QListWidgetItem(person_text(person))
            entry.setData(Qt.ItemDataRole.UserRole, person.id)
            entry.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.sme_list.addItem(entry)
        self.sme_list.itemChanged.connect(partial(self._edited, "smes"))
        self.sme_list.itemChanged.connect(self._update_people_hint)
        self.sme_list.setMinimumHeight(160)
        self.sme_list.setSpacing(1)
        self._add_row(
            form,
            "smes",
            "Subject-matter &experts:",
            self.sme_list,
            self._sme_state,
            "Tick everyone who contributes expertise or content.",
        )
        self.sme_new = EntryLine()
        self.sme_new.setObjectName("smeNewName")
        self.sme_new.setAccessibleName("New subject-matter expert")
        self.sme_new.setPlaceholderText("Name of an expert who is not listed")
        self.sme_new.setMaxLength(PERSON_NAME_MAX)
        self.sme_new.submitted.connect(self._add_expert)
        self.sme_add = QPushButton("A&dd expert")
        self.sme_add.setObjectName("smeAdd")
        self.sme_add.setAutoDefault(False)
        self.sme_add.clicked.connect(self._add_expert)
        self.people_hint = make_hint("")
        self.people_hint.setObjectName("newPeopleHint")
        self.people_hint.hide()
        adder = QWidget()
        adder_column = QVBoxLayout(adder)
        adder_column.setContentsMargins(0, 0, 0, 0)
        adder_row = QHBoxLayout()
        adder_row.addWidget(self.sme_new, 1)
        adder_row.addWidget(self.sme_add)
        adder_column.addLayout(adder_row)
        adder_column.addWidget(self.people_hint)
        form.addRow("", adder)
        if not self._people:
            form.addRow(
                "", make_hint("This board has no people yet: type a name above to add someone.")
            )
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)

    def _add_expert(self) -> None:
        """Tick the typed expert: someone listed, or a new person saved with the card."""
        name = " ".join(self.sme_new.text().split())
        if not name:
            return
        existing = find_person(self._people, name)
        for row in range(self.sme_list.count()):
            entry = self.sme_list.item(row)
            data = entry.data(Qt.ItemDataRole.UserRole)
            if data == existing or (isinstance(data, str) and data.casefold() == name.casefold()):
                entry.setCheckState(Qt.CheckState.Checked)
                self.sme_list.setCurrentItem(entry)
                break
        else:
            entry = QListWidgetItem(f"{name} (new)")
            entry.setData(Qt.ItemDataRole.UserRole, name)
            entry.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            entry.setCheckState(Qt.CheckState.Checked)
            self.sme_list.addItem(entry)
            self.sme_list.setCurrentItem(entry)
            self._edited("smes")  # a new entry emits no itemChanged
        self.sme_new.clear()
        self._update_people_hint()

    def _update_people_hint(self, *_: object) -> None:
        text = new_person_hint(self._new_people_names())
        self.people_hint.setText(text)
        self.people_hint.setVisible(bool(text))

    def _update_stage_hint(self, *_: object) -> None:
        text = self.stage_picker.outlook()
        self.stage_hint.setText(text)
        over = self.stage_picker.is_over_limit()
        self.stage_hint.setProperty("role", "warning" if over else "hint")
        self.stage_hint.style().unpolish(self.stage_hint)
        self.stage_hint.style().polish(self.stage_hint)
        self.stage_hint.setVisible(bool(text))

    def _build_planning(self, page: QWidget) -> None:
        form = make_form()
        iterations = [
            (f"{it.name} ({IterationState(it.state).label.lower()})", it.id)
            for it in self._board.iterations()
        ]
        self.iteration_combo = self._combo("iteration_id", [(NONE_TEXT, None), *iterations])
        self._add_row(
            form,
            "iteration_id",
            "&Iteration:",
            self.iteration_combo,
            self.iteration_combo.currentData,
        )
        self.format_combo = self._combo(
            "format", [(NONE_TEXT, None), *((f.label, f.value) for f in Format)]
        )
        self._add_row(form, "format", "&Format:", self.format_combo, self.format_combo.currentData)

        self.due_check = QCheckBox("D&ue date:")
        self.due_check.setObjectName("field_due_set")
        self.due_check.setAccessibleName("Has a due date")
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("ddd d MMM yyyy")
        self.due_edit.setEnabled(False)
        self.due_edit.dateChanged.connect(partial(self._edited, "due"))
        self.due_check.toggled.connect(self._due_toggled)
        due_box = self._register("due", self.due_edit, "Due date", self._due_value)
        self.due_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        form.addRow(self.due_check, due_box)

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        if self._item is not None:
            record = QGroupBox("Record")
            record.setObjectName("recordInfo")
            facts = QFormLayout(record)
            column = self._board.column(self._item.column_id)
            for title, value in (
                ("Key:", self._item.key),
                ("Stage:", column.name if column else NONE_TEXT),
                ("Created:", format_timestamp(self._item.created_at)),
                ("Last updated:", format_timestamp(self._item.updated_at)),
                ("Done:", format_timestamp(self._item.done_at)),
                ("Archived:", format_timestamp(self._item.archived_at)),
            ):
                shown = QLabel(value)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                shown.setAccessibleName(title.rstrip(":"))
                facts.addRow(title, shown)
            layout.addWidget(record)
        layout.addStretch(1)

    def _build_checklist(self, page: QWidget) -> None:
        self.checklist_list = QListWidget()
        self.checklist_list.setSpacing(1)
        self.checklist_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.checklist_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.checklist_list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.checklist_list.itemChanged.connect(partial(self._edited, "checklist"))
        self.checklist_list.itemChanged.connect(self._update_checklist_buttons)
        self.checklist_list.model().rowsMoved.connect(partial(self._edited, "checklist"))
        self.checklist_list.model().rowsRemoved.connect(partial(self._edited, "checklist"))
        self.checklist_list.model().rowsInserted.connect(partial(self._edited, "checklist"))
        self.checklist_list.currentRowChanged.connect(self._update_checklist_buttons)
        box = self._register("checklist", self.checklist_list, "Checklist", self._checklist_key)
        self.checklist_list.setAccessibleDescription(
            "Space ticks a line, F2 renames it, Delete removes it, Ctrl+Up and Ctrl+Down move it."
        )

        self.checklist_up = QPushButton("Move &up")
        self.checklist_up.setObjectName("checklistUp")
        self.checklist_up.clicked.connect(partial(self._move_checklist_line, -1))
        self.checklist_down = QPushButton("Move do&wn")
        self.checklist_down.setObjectName("checklistDown")
        self.checklist_down.clicked.connect(partial(self._move_checklist_line, 1))
        self.checklist_remove = QPushButton("Re&move")
        self.checklist_remove.setObjectName("checklistRemove")
        self.checklist_remove.clicked.connect(self._remove_checklist_line)
        for sequence, slot in (
            (QKeySequence.StandardKey.Delete, self._remove_checklist_line),
            ("Ctrl+Up", partial(self._move_checklist_line, -1)),
            ("Ctrl+Down", partial(self._move_checklist_line, 1)),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self.checklist_list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        side = QVBoxLayout()
        side.addWidget(self.checklist_up)
        side.addWidget(self.checklist_down)
        side.addSpacing(12)
        side.addWidget(self.checklist_remove)
        side.addStretch(1)

        self.checklist_new = EntryLine()
        self.checklist_new.setObjectName("checklistNewLine")
        self.checklist_new.setAccessibleName("New checklist line")
        self.checklist_new.setPlaceholderText("e.g. Interview three top performers")
        self.checklist_new.submitted.connect(self._add_checklist_line)
        self.checklist_add = QPushButton("&Add")
        self.checklist_add.setObjectName("checklistAdd")
        self.checklist_add.setAutoDefault(False)
        self.checklist_add.clicked.connect(self._add_checklist_line)
        self.checklist_new.textChanged.connect(self._update_checklist_buttons)
        for button in (self.checklist_up, self.checklist_down, self.checklist_remove):
            button.setAutoDefault(False)

        self.checklist_progress = make_hint("")
        self.checklist_progress.setObjectName("checklistProgress")

        grid = QGridLayout(page)
        grid.addWidget(self._buddy("C&hecklist:", self.checklist_list), 0, 0)
        grid.addWidget(self.checklist_progress, 0, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(box, 1, 0)
        grid.addLayout(side, 1, 1)
        new_row = QHBoxLayout()
        new_row.addWidget(self._buddy("&New line:", self.checklist_new))
        new_row.addWidget(self.checklist_new, 1)
        new_row.addWidget(self.checklist_add)
        grid.addLayout(new_row, 2, 0, 1, 2)
        grid.setRowStretch(1, 1)

    def _build_notes(self, page: QWidget) -> None:
        self.notes_history = QTextBrowser()
        self.notes_history.setObjectName("notesHistory")
        self.notes_history.setAccessibleName("Earlier notes")
        self.notes_history.setOpenLinks(False)
        notes = self._board.notes(self._item.id) if self._item is not None else []
        if notes:
            blocks = [
                f"<p><span style='color:{theme.MUTED_TEXT.name()}'>"
                f"{html.escape(format_timestamp(note.created_at))}</span><br>"
                f"{html.escape(note.text).replace(chr(10), '<br>')}</p>"
                for note in reversed(notes)
            ]
            self.notes_history.setHtml("".join(blocks))
        else:
            self.notes_history.setPlaceholderText("No notes yet.")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            "What happened, what you learned, what was decided. Saved with a timestamp."
        )
        self.note_edit.textChanged.connect(partial(self._edited, "new_note"))
        box = self._register("new_note", self.note_edit, "Add a note", self.note_edit.toPlainText)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 5 + 16)

        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"Notes, newest first ({len(notes)}):"))
        layout.addWidget(self.notes_history, 1)
        layout.addWidget(self._buddy("&Add a note:", self.note_edit))
        layout.addWidget(box)

    # --- loading ----------------------------------------------------------------------

    def _load(self) -> None:
        item = self._item
        self._update_stage_hint()
        today = self._board.today()
        self.due_edit.setDate(QDate(today.year, today.month, today.day))
        if item is None:
            self._update_window_title()
            self._update_tags_hint()
            self._update_score()
            self._update_checklist_buttons()
            return
        self.title_edit.setMaxLength(max(TITLE_MAX, len(item.title)))
        self.title_edit.setText(item.title)
        self.description_edit.setPlainText(item.description)
        self.audience_edit.setPlainText(item.audience)
        self.need_edit.setPlainText(item.need)
        self.outcome_edit.setPlainText(item.outcome)
        self.goal_edit.setPlainText(item.goal)
        self.hypothesis_edit.setPlainText(item.hypothesis)
        self.metric_edit.setText(item.metric)
        for name, edit in self.measure_edits.items():
            edit.setText(format_number(getattr(item, name)))
        self.estimate_edit.setText(format_number(item.estimate_days))
        self.cost_edit.setPlainText(item.cost_of_inaction)
        for combo, value in (
            (self.driver_combo, item.driver),
            (self.verdict_combo, item.verdict),
            (self.level_combo, item.evaluation_level),
            (self.impact_combo, item.impact),
            (self.effort_combo, item.effort),
            (self.iteration_combo, item.iteration_id),
            (self.format_combo, item.format),
        ):
            select_data(combo, value)
        if item.due:
            try:
                due = date.fromisoformat(item.due)
            except ValueError:
                due = None
            if due is not None:
                self.due_edit.setDate(QDate(due.year, due.month, due.day))
                self.due_check.setChecked(True)

        names = {tag.id: tag.name for tag in self._tags}
        tag_names = [names[i] for i in self._board.item_tag_ids(item.id) if i in names]
        self.tags_edit.setText(", ".join(tag_names))

        by_role: dict[str, list[int]] = {}
        for person_id, role in self._original_people:
            by_role.setdefault(role, []).append(person_id)
        select_data(self.requester_combo, (by_role.get(ItemRole.REQUESTER.value) or [None])[0])
        select_data(self.sponsor_combo, (by_role.get(ItemRole.SPONSOR.value) or [None])[0])
        experts = set(by_role.get(ItemRole.SME.value, ()))
        for row in range(self.sme_list.count()):
            entry = self.sme_list.item(row)
            if entry.data(Qt.ItemDataRole.UserRole) in experts:
                entry.setCheckState(Qt.CheckState.Checked)

        for line in self._board.checklist(item.id):
            self._append_checklist_entry(line.text, line.done, line.id)
        self._update_window_title()
        self._update_tags_hint()
        self._update_score()
        self._update_checklist_buttons()

    # --- state ------------------------------------------------------------------------

    def _raw_state(self) -> dict[str, Any]:
        return {name: getter() for name, getter in self._getters.items()}

    def _tag_key(self) -> tuple[str, ...]:
        return tuple(sorted(name.casefold() for name in parse_tag_names(self.tags_edit.text())))

    def _sme_state(self) -> frozenset[int | str]:
        """The ticked experts: ids of people on the board, names of new ones."""
        return frozenset(
            self.sme_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.sme_list.count())
            if self.sme_list.item(row).checkState() == Qt.CheckState.Checked
        )

    def _sme_ids(self) -> frozenset[int]:
        return frozenset(p for p in self._sme_state() if isinstance(p, int))

    def _new_people(self) -> list[tuple[str, str]]:
        """People typed by name who are not on the board yet, with their role here."""
        wanted = [
            (self.requester_combo.new_name(), ItemRole.REQUESTER.value),
            (self.sponsor_combo.new_name(), ItemRole.SPONSOR.value),
            *((p, ItemRole.SME.value) for p in sorted(self._sme_state(), key=str)),
        ]
        return [(name, role) for name, role in wanted if isinstance(name, str)]

    def _new_people_names(self) -> list[str]:
        names: dict[str, str] = {}
        for name, _role in self._new_people():
            names.setdefault(name.casefold(), name)
        return list(names.values())

    def _checklist_entries(self) -> list[ChecklistEntry]:
        entries = []
        for row in range(self.checklist_list.count()):
            line = self.checklist_list.item(row)
            entries.append(
                ChecklistEntry(
                    line.text(),
                    line.checkState() == Qt.CheckState.Checked,
                    line.data(Qt.ItemDataRole.UserRole),
                )
            )
        return entries

    def _checklist_key(self) -> tuple[tuple[int | None, str, bool], ...]:
        return tuple((e.id, e.text, e.done) for e in self._checklist_entries())

    def _due_value(self) -> str | None:
        if not self.due_check.isChecked():
            return None
        return self.due_edit.date().toString(Qt.DateFormat.ISODate)

    def _people_value(self) -> list[tuple[int, str]]:
        """The item's people as edited; roles this dialog does not show are kept.

        A single combo stands for the requester (and the sponsor); if the file
        holds several and the combo still shows the first, all of them stay.
        """
        people = [(p, r) for p, r in self._original_people if r not in _ROLES_IN_EDITOR]
        for role, combo in (
            (ItemRole.REQUESTER.value, self.requester_combo),
            (ItemRole.SPONSOR.value, self.sponsor_combo),
        ):
            chosen = combo.value()  # a new person's name goes with the new people
            before = [p for p, r in self._original_people if r == role]
            if before and chosen == before[0]:
                people += [(p, role) for p in before]
            elif isinstance(chosen, int):
                people.append((chosen, role))
        people += [(p, ItemRole.SME.value) for p in sorted(self._sme_ids())]
        return people

    def _collect(self) -> tuple[_Payload, dict[str, str]]:
        """What Save would send, and every problem that stops it."""
        raw = self._raw_state()
        problems: dict[str, str] = {}
        values: dict[str, Any] = {}
        for name in Item.EDITABLE:
            value = raw[name]
            if name in NUMBER_FIELDS:
                try:
                    value = parse_number(value)
                except ValueError as error:
                    problems[name] = str(error)
                    continue
            values[name] = value
        for name, message in validate_item_fields(values).items():
            problems.setdefault(name, message)

        tag_names = parse_tag_names(self.tags_edit.text())
        known = {tag.name.casefold() for tag in self._tags}
        too_long = [n for n in tag_names if n.casefold() not in known and len(n) > TAG_NAME_MAX]
        if too_long:
            problems["tags"] = (
                f"Keep tag names to {TAG_NAME_MAX} characters (“{too_long[0][:20]}…” is longer)."
            )
        new_people = self._new_people()
        for name, role in new_people:
            if len(name) > PERSON_NAME_MAX:
                field = {"requester": "requester", "sponsor": "sponsor"}.get(role, "smes")
                problems[field] = (
                    f"Keep names to {PERSON_NAME_MAX} characters (“{name[:20]}…” is longer)."
                )
        checklist = self._checklist_entries()
        empty = [row + 1 for row, entry in enumerate(checklist) if not entry.text.strip()]
        if empty:
            problems["checklist"] = (
                f"Checklist line {empty[0]} is empty: type something or remove it."
            )

        if self._item is None:
            fields = values
        else:
            fields = {n: v for n, v in values.items() if raw[n] != self._initial[n]}

        def changed(*names: str) -> bool:
            return self._item is None or any(raw[n] != self._initial[n] for n in names)

        note = raw["new_note"]
        payload = _Payload(
            fields=fields,
            tag_names=tag_names if changed("tags") else None,
            people=self._people_value() if changed("requester", "sponsor", "smes") else None,
            checklist=checklist if changed("checklist") else None,
            new_notes=[note] if note.strip() else [],
            column_id=self.stage_picker.column_id() or self._column_id,
            new_people=new_people,
        )
        return payload, problems

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

    def _update_preview(self) -> None:
        self.preview.set_markdown(self.description_edit.toPlainText())

    def _update_tags_hint(self) -> None:
        known = {tag.name.casefold() for tag in self._tags}
        new = [n for n in parse_tag_names(self.tags_edit.text()) if n.casefold() not in known]
        if new:
            quoted = ", ".join(f"“{n}”" for n in new)
            noun = "tag" if len(new) == 1 else "tags"
            self.tags_hint.setText(f"New {noun} {quoted} will be added to the board on save.")
        elif self._tags:
            self.tags_hint.setText("Separate tags with commas; existing tags complete as you type.")
        else:
            self.tags_hint.setText("Separate tags with commas; new tags are created on save.")

    def _update_score(self) -> None:
        impact = self.impact_combo.currentData()
        effort = self.effort_combo.currentData()
        value = score(impact, effort) if is_score(impact) and is_score(effort) else None
        area = quadrant(impact, effort, Thresholds()) if value is not None else None
        if value is None or area is None:
            self.score_label.setText("Not scored yet: choose an impact and an effort.")
            self.score_label.setStyleSheet(f"color: {theme.MUTED_TEXT.name()};")
            return
        background, text = theme.QUADRANT_COLORS[area]
        self.score_label.setText(f"{value:.2f}  ·  {area.label}")
        self.score_label.setStyleSheet(
            f"background: {background.name()}; color: {text.name()}; "
            "border-radius: 4px; padding: 3px 8px; font-weight: 600;"
        )

    def _due_toggled(self, checked: bool) -> None:
        self.due_edit.setEnabled(checked)
        if checked and not self._loading:
            self.due_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._edited("due")

    # --- checklist --------------------------------------------------------------------

    def _append_checklist_entry(self, text: str, done: bool, entry_id: int | None) -> None:
        line = QListWidgetItem(text)
        line.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        line.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        line.setData(Qt.ItemDataRole.UserRole, entry_id)
        self.checklist_list.addItem(line)

    def _add_checklist_line(self) -> None:
        text = self.checklist_new.text().strip()
        if not text:
            return
        self._append_checklist_entry(text, False, None)
        self.checklist_list.setCurrentRow(self.checklist_list.count() - 1)
        self.checklist_new.clear()
        self.checklist_new.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_checklist_buttons()

    def _remove_checklist_line(self) -> None:
        row = self.checklist_list.currentRow()
        if row < 0:
            return
        self.checklist_list.takeItem(row)
        self._update_checklist_buttons()

    def _move_checklist_line(self, step: int) -> None:
        row = self.checklist_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.checklist_list.count():
            return
        line = self.checklist_list.takeItem(row)
        self.checklist_list.insertItem(target, line)
        self.checklist_list.setCurrentRow(target)
        self._update_checklist_buttons()

    def _update_checklist_buttons(self, *_: object) -> None:
        row = self.checklist_list.currentRow()
        count = self.checklist_list.count()
        self.checklist_up.setEnabled(row > 0)
        self.checklist_down.setEnabled(0 <= row < count - 1)
        self.checklist_remove.setEnabled(row >= 0)
        self.checklist_add.setEnabled(bool(self.checklist_new.text().strip()))
        done = sum(e.done for e in self._checklist_entries())
        self.checklist_progress.setText(f"{done} of {count} done" if count else "No lines yet")


# --- helpers ---------------------------------------------------------------------------
