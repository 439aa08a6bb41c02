"""Closing the running iteration: where unfinished work goes, and what was learnt.

The dialog reads what closing would do (``ops.close_preview``: the same scope
the snapshot will freeze) and shows it the way a sponsor asks about it: what
was delivered against the plan and the capacity, how the scope moved after
the start, and what is left. Below that, two lists: each unfinished item
with where it goes (the backlog unless told otherwise), and each finished
item that carries a hypothesis with its verdict and the actual value measured.

A hypothesis may stay without a verdict: results of training often arrive
weeks after the iteration ends (behaviour and business results, Kirkpatrick
levels 3 and 4), and a verdict forced at close would be a guess. The dialog
says how many stay untested before the close, and the card can record the
verdict later.

Close Iteration performs ``ops.close_iteration`` through the session, so the
whole close is one undoable step; a refusal is shown beside the row it is
about and the dialog stays open with every choice as it was. Cancel writes
nothing.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.enums import IterationState
from ldboard.domain.scope import ClosePreview
from ldboard.ui.common import theme
from ldboard.ui.common.iteration_text import iteration_dates
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.iterations.close_headline import HeadlineNumbers, close_summary, lower_first
from ldboard.ui.iterations.close_rows import (
    DestinationOption,
    UnfinishedList,
    VerdictList,
    html_tip,
    tinted,
)

BACKLOG_TEXT = "Back to the backlog"
NO_UNFINISHED_TEXT = "Everything in this iteration was finished: nothing to carry over."
NOTHING_PLANNED_TEXT = "Nothing was planned in this iteration, so nothing is left to carry over."
NO_HYPOTHESES_TEXT = "No finished initiative has a hypothesis to judge this time."
#: The size the dialog asks for; it shrinks to the screen (a 1366 × 768 laptop) and
#: the two lists scroll.
PREFERRED_SIZE = (940, 760)


class CloseIterationDialog(QDialog):
    """Close ``iteration_id``: headline numbers, unfinished items, verdicts."""

    def __init__(
        self, session: BoardSession, iteration_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closeIterationDialog")
        self.session = session
        self.iteration_id = iteration_id
        self.preview: ClosePreview = ops.close_preview(session.board, iteration_id)
        iteration = self.preview.iteration
        self.setWindowTitle(f"Close {iteration.name}")
        self.setAccessibleName(f"Close {iteration.name}")

        self.next_name: QLineEdit | None = None
        self.next_name_problem: QLabel | None = None
        self.all_to_backlog: QPushButton | None = None
        self.all_to_next: QPushButton | None = None
        options = self._destination_options()
        self.unfinished = UnfinishedList(self.preview.unfinished, options, self)
        self.verdicts = VerdictList(self.preview.to_verdict, self)

        content = QWidget(self)
        content.setObjectName("closeContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(2, 0, 14, 8)
        column.setSpacing(8)
        self._add_unfinished_section(column)
        column.addSpacing(14)
        self._add_verdict_section(column)
        column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("closeScroll")
        self.scroll.setWidget(content)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.summary = QLabel(self)
        self.summary.setObjectName("closeSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = _message(self, "closeProblem", theme.DANGER)
        self.read_only_reason = _message(self, "readOnlyReason", theme.WARNING)

        self.buttons = QDialogButtonBox(self)
        self.close_button = QPushButton("&Close Iteration", self)
        self.close_button.setObjectName("closeIterationButton")
        # Enter in an actual value confirms that value; closing takes a deliberate
        # click or Alt+C, not a slip of the Return key halfway through the list.
        self.close_button.setAutoDefault(False)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.close_iteration)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self._header())
        layout.addWidget(HeadlineNumbers(self.preview.numbers, self))
        layout.addWidget(_line(self))
        layout.addWidget(self.scroll, 1)
        layout.addWidget(_line(self))
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addWidget(self.read_only_reason)
        layout.addWidget(self.buttons)

        self.unfinished.choices_changed.connect(self._update_summary)
        self.verdicts.choices_changed.connect(self._update_summary)
        self._update_summary()
        self._apply_read_only()
        # Damage found while the dialog is open turns the board read-only under it.
        session.read_only_changed.connect(self._apply_read_only)
        self._fit_screen()
        first = self.unfinished.first_input() or self.verdicts.first_input()
        (first or self.close_button).setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building ---------------------------------------------------------------------

    def _destination_options(self) -> list[DestinationOption]:
        preview = self.preview
        options = [
            DestinationOption(
                BACKLOG_TEXT, None, "Not planned: it waits in the backlog for a later iteration."
            )
        ]
        following = preview.next_iteration
        if following is not None:
            options.append(
                DestinationOption(
                    f"Into {following.name}",
                    ops.NEXT_ITERATION,
                    "The next planned iteration; the item counts as carried over.",
                )
            )
        else:
            options.append(
                DestinationOption(
                    _new_iteration_text(preview.next_name),
                    ops.NEXT_ITERATION,
                    "There is no planned iteration yet: closing creates this one.",
                )
            )
        board = self.session.board
        for other in board.iterations():
            if other.state == IterationState.PLANNED and (
                following is None or other.id != following.id
            ):
                options.append(DestinationOption(f"Into {other.name}", other.id))
        return options

    def _header(self) -> QWidget:
        iteration = self.preview.iteration
        header = QWidget(self)
        column = QVBoxLayout(header)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        title = QLabel(f"Close “{iteration.name}”", header)
        title.setObjectName("closeTitle")
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.35)
        title.setFont(font)
        column.addWidget(title)
        dates = iteration_dates(iteration, self.session.board.today())
        if dates:
            when = QLabel(dates, header)
            when.setTextFormat(Qt.TextFormat.PlainText)
            tinted(when, theme.MUTED_TEXT)
            column.addWidget(when)
        goal = iteration.goal.strip()
        if goal:
            goal_label = QLabel(f"<b>Goal:</b> {html.escape(goal)}", header)
            goal_label.setObjectName("closeGoal")
            goal_label.setWordWrap(True)
            column.addSpacing(4)
            column.addWidget(goal_label)
        return header

    def _add_unfinished_section(self, column: QVBoxLayout) -> None:
        count = len(self.unfinished.rows)
        first = self.unfinished.first_input()
        heading = _heading(
            "&Unfinished items" if first else "Unfinished items", count, self, "unfinishedHeading"
        )
        if first is not None:
            heading.setBuddy(first)
        column.addWidget(heading)
        if not count:
            self.unfinished.hide()
            planned = self.preview.numbers.items_planned
            text = NO_UNFINISHED_TEXT if planned else NOTHING_PLANNED_TEXT
            column.addWidget(_note(text, self, "noUnfinished"))
            return
        column.addWidget(
            _note(
                "Choose where each one goes. Items sent on to an iteration count as carried "
                "over in this iteration's report; items sent back wait in the backlog.",
                self,
            )
        )
        row = QHBoxLayout()
        row.setSpacing(8)
        self.all_to_backlog = QPushButton("All to the &backlog", self)
        self.all_to_backlog.setObjectName("allToBacklog")
        self.all_to_backlog.setAutoDefault(False)
        self.all_to_backlog.clicked.connect(lambda: self.unfinished.set_all(None))
        self.all_to_next = QPushButton("All &into the next iteration", self)
        self.all_to_next.setObjectName("allToNext")
        self.all_to_next.setAutoDefault(False)
        self._explain_all_to_next()
        self.all_to_next.clicked.connect(lambda: self.unfinished.set_all(ops.NEXT_ITERATION))
        row.addWidget(self.all_to_backlog)
        row.addWidget(self.all_to_next)
        row.addStretch(1)
        if self.preview.next_iteration is None:
            label = QLabel("&Name of the new iteration:", self)
            self.next_name = QLineEdit(self.preview.next_name, self)
            self.next_name.setObjectName("nextIterationName")
            self.next_name.setAccessibleName("Name of the new iteration")
            self.next_name.setToolTip(
                "No iteration is planned yet: closing creates one with this name for the "
                "items you send on. Its goal and dates can be changed afterwards."
            )
            self.next_name.setMinimumWidth(200)
            self.next_name.textEdited.connect(self._next_name_edited)
            label.setBuddy(self.next_name)
            row.addWidget(label)
            row.addWidget(self.next_name)
        column.addLayout(row)
        if self.next_name is not None:
            self.next_name_problem = _message(self, "nextNameProblem", theme.DANGER)
            self.next_name_problem.setAlignment(Qt.AlignmentFlag.AlignRight)
            column.addWidget(self.next_name_problem)
            self._update_next_name_enabled()
        column.addSpacing(2)
        column.addWidget(self.unfinished)

    def _add_verdict_section(self, column: QVBoxLayout) -> None:
        count = len(self.verdicts.rows)
        first = self.verdicts.first_input()
        heading = _heading(
            "&Hypotheses to judge" if first else "Hypotheses to judge",
            count,
            self,
            "verdictHeading",
        )
        if first is not None:
            heading.setBuddy(first)
        column.addWidget(heading)
        if not count:
            self.verdicts.hide()
            column.addWidget(_note(NO_HYPOTHESES_TEXT, self, "noHypotheses"))
            return
        column.addWidget(
            _note(
                "For each finished initiative: did it do what its hypothesis said, and what "
                "did the metric measure? If the results are not in yet, leave it “Not judged "
                "yet”: it stays untested and the card can record the verdict later.",
                self,
            )
        )
        column.addSpacing(2)
        column.addWidget(self.verdicts)

    def _fit_screen(self) -> None:
        """Ask for a comfortable size, but never more than the screen offers."""
        width, height = PREFERRED_SIZE
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(max(width, 560), max(height, 420))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The button box makes its accept button the default when it is shown; Enter
        # in an actual value must only confirm that value (see ``__init__``).
        self.close_button.setDefault(False)

    # --- what the person chose ------------------------------------------------------------

    def choices(self) -> dict[str, object]:
        """The keyword arguments of ``ops.close_iteration`` for what is chosen now."""
        unfinished = self.unfinished.destinations()
        next_name = None
        if self.next_name is not None and ops.NEXT_ITERATION in unfinished.values():
            next_name = self.next_name.text()
        return {
            "unfinished": unfinished,
            "verdicts": self.verdicts.verdicts(),
            "next_name": next_name,
        }

    def _next_name_edited(self, text: str) -> None:
        if self.next_name_problem is not None:
            self.next_name_problem.hide()
        self.unfinished.rename_option(
            ops.NEXT_ITERATION, _new_iteration_text(text.strip() or self.preview.next_name)
        )
        self._explain_all_to_next()
        self._update_summary()

    def _explain_all_to_next(self) -> None:
        if self.all_to_next is None:
            return
        where = lower_first(self.unfinished.options[1].label)
        self.all_to_next.setToolTip(html_tip(f"Send every unfinished item {where}"))

    def _update_next_name_enabled(self) -> None:
        if self.next_name is not None:
            wanted = ops.NEXT_ITERATION in self.unfinished.destinations().values()
            self.next_name.setEnabled(wanted and not self.session.read_only)

    def _update_summary(self) -> None:
        self._update_next_name_enabled()
        text = self._summary_text()
        self.summary.setText(text)
        self.summary.setVisible(bool(text))

    def _summary_text(self) -> str:
        """What the close will do, in one or two sentences."""
        destinations = list(self.unfinished.destinations().values())
        moves = [
            (sum(1 for chosen in destinations if chosen is option.value), option.label)
            for option in self.unfinished.options
        ]
        untested = len(self.verdicts.unjudged())
        judged = len(self.verdicts.rows) - untested
        return close_summary(moves, judged, untested)

    # --- closing ----------------------------------------------------------------------

    def close_iteration(self) -> None:
        """Close the iteration as one undoable step; on a refusal, say why beside the row."""
        if self.session.read_only:
            return
        self._clear_problems()
        failures: list[Failure] = []
        self.session.perform(
            ops.close_iteration,
            self.iteration_id,
            **self.choices(),
            report_to=failures.append,
        )
        if failures:
            self._show(failures[0])
            return
        self.accept()

    def _clear_problems(self) -> None:
        self.unfinished.problems.clear()
        self.verdicts.problems.clear()
        self.problem.hide()
        if self.next_name_problem is not None:
            self.next_name_problem.hide()

    def _show(self, failure: Failure) -> None:
        """Each problem beside what it is about; the rest (and storage failures) below."""
        first: QWidget | None = None
        general: list[str] = []
        for field, text in failure.problems.items():
            kind, _, item = field.partition(":")
            target: QWidget | None = None
            if kind == "unfinished" and item.isdigit():
                if self.unfinished.problems.show(int(item), text):
                    target = self.unfinished.input_of(int(item))
            elif kind in ("verdict", "actual") and item.isdigit():
                if self.verdicts.problems.show(int(item), text):
                    target = self.verdicts.input_of(int(item), kind)
            elif kind == "next_name" and self.next_name_problem is not None:
                self.next_name_problem.setText(text)
                self.next_name_problem.show()
                target = self.next_name
            if target is None:
                general.append(text)
            elif first is None:
                first = target
        if not failure.problems:
            general.append(failure.message)
        if general:
            self.problem.setText(" ".join(general))
            self.problem.show()
        if first is not None:
            self.scroll.ensureWidgetVisible(first, 40, 60)
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply_read_only(self, *_args: object) -> None:
        if not self.session.read_only:
            return
        self.close_button.setEnabled(False)
        self.unfinished.setEnabled(False)
        self.verdicts.setEnabled(False)
        for button in (self.all_to_backlog, self.all_to_next, self.next_name):
            if button is not None:
                button.setEnabled(False)
        reason = self.session.board.read_only_reason or "This board is read-only."
        self.read_only_reason.setText(
            f"{reason} Nothing can be closed here: save a copy of the board "
            "(File → Save a Copy As…) and close the iteration in the copy."
        )
        self.read_only_reason.show()


# --- small pieces ---------------------------------------------------------------------------


def _heading(text: str, count: int, parent: QWidget, name: str) -> QLabel:
    label = QLabel(f"{text}  ·  {count}" if count else text, parent)
    label.setObjectName(name)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def _note(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    tinted(label, theme.MUTED_TEXT)
    return label


def _message(parent: QWidget, name: str, color: QColor) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    tinted(label, color)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def _line(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    tinted(line, theme.CARD_BORDER)
    return line


def _new_iteration_text(name: str) -> str:
    return f"Into a new iteration “{name}”"
