"""The two lists of the close dialog: unfinished items and hypotheses to judge.

Each item is one row of real input widgets (a destination, a verdict, an
actual value) rather than a table cell, so every choice has its own
accessible name, Tab walks through them in reading order, and a refusal is
shown in words right under the row it is about. A closing iteration holds
tens of items, not thousands; still, the rows stay light: text is painted
(not a label per line), colours come from palettes rather than style sheets,
and a row's problem label is only made when there is a problem to show.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.enums import Verdict
from ldboard.domain.scope import ScopeLine, parse_actual
from ldboard.ui.common import theme

#: Where an unfinished item goes: the backlog (``None``), ``ops.NEXT_ITERATION`` or a
#: planned iteration's id, as ``ops.close_iteration`` takes it.
Destination = object

#: The verdicts a person chooses at close, as shown. "Not judged yet" keeps the
#: hypothesis untested; a row starts with no choice when it is untested.
VERDICT_CHOICES = (
    (Verdict.VALIDATED.value, "✓  Validated"),
    (Verdict.INVALIDATED.value, "✗  Invalidated"),
    (Verdict.INCONCLUSIVE.value, "?  Inconclusive"),
    (Verdict.UNTESTED.value, "Not judged yet"),
)
CHOOSE_VERDICT = "Choose a verdict…"


# --- words ---------------------------------------------------------------------------------------


def number_text(value: float | None) -> str:
    """A stored number as a person would type it: 14.0 → "14", 2.5 → "2.5"."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def progress_text(baseline: float | None, target: float | None, actual: float | None) -> str:
    """How far an actual value went from the baseline towards the target, in words."""
    if baseline is None or target is None or actual is None or baseline == target:
        return ""
    share = (actual - baseline) / (target - baseline)
    if share >= 1:
        return "target reached"
    if share > 0:
        return f"{share:.0%} of the way to the target"
    if share == 0:
        return "no change from the baseline"
    return "moved away from the target"


def measure_text(line: ScopeLine) -> str:
    """ "Win rate (%) · baseline 22 → target 26"."""
    parts = [line.metric or "No metric named"]
    if line.baseline is not None or line.target is not None:
        baseline = number_text(line.baseline) or "?"
        target = number_text(line.target) or "?"
        parts.append(f"baseline {baseline} → target {target}")
    return " · ".join(parts)


def html_tip(text: str) -> str:
    """A tooltip showing ``text`` as written (never as markup), wrapped when long."""
    return f"<p>{html.escape(text)}</p>"


def _points(effort: int | None) -> str:
    if effort is None:
        return "not sized"
    return f"{effort} pt" if effort == 1 else f"{effort} pts"


# --- small widgets -------------------------------------------------------------------------------


def tinted(widget: QWidget, color: QColor) -> QWidget:
    """Give a widget's text ``color`` (a palette, cheaper than a style sheet per row)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    palette.setColor(QPalette.ColorRole.Text, color)
    widget.setPalette(palette)
    return widget


class ElidedText(QWidget):
    """Lines of text, each cut with "…" to the width it gets (the first one bold).

    The whole text is in the tooltip and the accessible description.
    """

    def __init__(
        self,
        lines: Sequence[tuple[str, QColor | None]],
        parent: QWidget | None = None,
        *,
        bold_first: bool = False,
    ) -> None:
        super().__init__(parent)
        self.lines = list(lines)
        self.bold_first = bold_first
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setToolTip("".join(html_tip(text) for text, _ in self.lines if text))
        self.setAccessibleName(self.lines[0][0] if self.lines else "")
        self.setAccessibleDescription(" ".join(text for text, _ in self.lines[1:]))

    def _font(self, row: int) -> QFont:
        font = QFont(self.font())
        font.setBold(self.bold_first and row == 0)
        return font

    def sizeHint(self) -> QSize:
        height = self.fontMetrics().lineSpacing() * len(self.lines) + 2
        return QSize(self.fontMetrics().horizontalAdvance("M") * 30, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M") * 8, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        spacing = self.fontMetrics().lineSpacing()
        width = self.width()
        default = self.palette().color(QPalette.ColorRole.WindowText)
        # Centred in the height the grid gives, so a one-line title sits on the same
        # baseline as the labels beside it.
        top = max(0, (self.height() - spacing * len(self.lines)) // 2)
        for row, (text, color) in enumerate(self.lines):
            font = self._font(row)
            painter.setFont(font)
            painter.setPen(color or default)
            metrics = painter.fontMetrics()
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(0, top + row * spacing + metrics.ascent(), shown)


class ChoiceBox(QComboBox):
    """A combo box that leaves the mouse wheel to the list it sits in.

    Scrolling through forty rows must not change the choices it passes over;
    the wheel changes a choice only once the box has the keyboard focus.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def _header(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    tinted(label, theme.MUTED_TEXT)
    return label


def _separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    tinted(line, theme.CARD_BORDER)
    return line


class RowProblems:
    """The problems of a list's rows, shown under each row (labels made when needed)."""

    def __init__(self, owner: QWidget, grid: QGridLayout, name: str, span: int) -> None:
        self.owner, self.grid, self.name, self.span = owner, grid, name, span
        #: Item id → the grid row and first column its problem goes in.
        self.places: dict[int, tuple[int, int]] = {}
        self.labels: dict[int, QLabel] = {}

    def show(self, item_id: int, text: str) -> bool:
        """Show ``text`` under ``item_id``'s row (after any problem shown there already)."""
        if item_id not in self.places:
            return False
        label = self.labels.get(item_id)
        if label is None:
            label = QLabel(self.owner)
            label.setObjectName(f"{self.name}:{item_id}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            tinted(label, theme.DANGER)
            row, column = self.places[item_id]
            self.grid.addWidget(label, row, column, 1, self.span - column)
            self.labels[item_id] = label
        shown = label.text() if not label.isHidden() else ""
        label.setText(f"{shown} {text}".strip())
        label.show()
        return True

    def text(self, item_id: int) -> str:
        """The problem shown under a row ("" when there is none)."""
        label = self.labels.get(item_id)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear(self, item_id: int | None = None) -> None:
        for found, label in self.labels.items():
            if item_id is None or found == item_id:
                label.clear()
                label.hide()


class _RowList(QWidget):
    """A grid of rows under a header, with a problem line under each row."""

    #: A choice changed (the dialog's summary follows).
    choices_changed = Signal()

    def __init__(self, name: str, headers: Sequence[str], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(4)
        for column, text in enumerate(headers):
            self.grid.addWidget(_header(text, self), 0, column)
        self.grid.addWidget(_separator(self), 1, 0, 1, len(headers))
        self.problems = RowProblems(self, self.grid, f"{name}Problem", len(headers))
        self._quiet = False

    def _edited(self, item_id: int) -> None:
        self.problems.clear(item_id)
        if not self._quiet:
            self.choices_changed.emit()


# --- unfinished items ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DestinationOption:
    label: str
    value: Destination
    tip: str = ""


@dataclass(slots=True)
class UnfinishedRow:
    line: ScopeLine
    destination: ChoiceBox


class UnfinishedList(_RowList):
    """Every unfinished item with where it goes when the iteration closes."""

    def __init__(
        self,
        lines: Sequence[ScopeLine],
        options: Sequence[DestinationOption],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("unfinished", ("Item", "Title", "Stage", "Effort", "Goes to"), parent)
        self.setAccessibleName("Unfinished items")
        self.grid.setColumnStretch(1, 1)
        self.options = list(options)
        self.rows: dict[int, UnfinishedRow] = {}
        bold = QFont(self.font())
        bold.setBold(True)
        row = 2
        for line in lines:
            key = QLabel(line.key, self)
            key.setTextFormat(Qt.TextFormat.PlainText)
            key.setFont(bold)
            key.setToolTip(
                "Added after the iteration started" if line.added else "Committed at the start"
            )
            title = ElidedText([(line.title, None)], self)
            stage = QLabel(line.stage or "—", self)
            stage.setTextFormat(Qt.TextFormat.PlainText)
            effort = QLabel(_points(line.effort), self)
            effort.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            box = ChoiceBox(self)
            box.setObjectName(f"destination:{line.item_id}")
            box.setAccessibleName(f"Where {line.key} goes")
            box.setToolTip(html_tip(f"Where {line.key} “{line.title}” goes at close"))
            box.setMinimumContentsLength(26)
            for option in self.options:
                box.addItem(option.label)
                if option.tip:
                    box.setItemData(box.count() - 1, option.tip, Qt.ItemDataRole.ToolTipRole)
            box.currentIndexChanged.connect(lambda _i, item=line.item_id: self._edited(item))
            for column, widget in enumerate((key, title, stage, effort, box)):
                self.grid.addWidget(widget, row, column)
            self.problems.places[line.item_id] = (row + 1, 1)
            self.rows[line.item_id] = UnfinishedRow(line, box)
            row += 2

    def first_input(self) -> QWidget | None:
        return next((row.destination for row in self.rows.values()), None)

    def input_of(self, item_id: int) -> QWidget | None:
        row = self.rows.get(item_id)
        return row.destination if row else None

    def set_all(self, value: Destination) -> None:
        """Send every unfinished item to ``value`` (one of the options)."""
        index = next(n for n, option in enumerate(self.options) if option.value is value)
        self._quiet = True
        try:
            for row in self.rows.values():
                row.destination.setCurrentIndex(index)
        finally:
            self._quiet = False
        self.choices_changed.emit()

    def destinations(self) -> dict[int, Destination]:
        return {
            item_id: self.options[row.destination.currentIndex()].value
            for item_id, row in self.rows.items()
        }

    def rename_option(self, value: Destination, label: str) -> None:
        """Change what an option says in every row (the new iteration's name as it is typed)."""
        index = next(n for n, option in enumerate(self.options) if option.value is value)
        self.options[index] = DestinationOption(label, value, self.options[index].tip)
        for row in self.rows.values():
            row.destination.setItemText(index, label)


# --- hypotheses to judge ---------------------------------------------------------------------


@dataclass(slots=True)
class VerdictRow:
    line: ScopeLine
    verdict: ChoiceBox
    actual: QLineEdit
    progress: QLabel
    #: The actual as prefilled, to tell whether the person changed it.
    original_actual: str


class VerdictList(_RowList):
    """Every done item with a hypothesis: its verdict and the actual value measured."""

    def __init__(self, lines: Sequence[ScopeLine], parent: QWidget | None = None) -> None:
        super().__init__(
            "verdict", ("Initiative and hypothesis", "Verdict", "Actual value"), parent
        )
        self.setAccessibleName("Hypotheses to judge")
        self.grid.setColumnStretch(0, 1)
        self.rows: dict[int, VerdictRow] = {}
        row = 2
        for line in lines:
            self._add_row(row, line)
            row += 3

    def _add_row(self, row: int, line: ScopeLine) -> None:
        text = ElidedText(
            [
                (f"{line.key}  {line.title}", None),
                (line.hypothesis, None),
                (measure_text(line), theme.MUTED_TEXT),
            ],
            self,
            bold_first=True,
        )
        verdict = ChoiceBox(self)
        verdict.setObjectName(f"verdict:{line.item_id}")
        verdict.setAccessibleName(f"Verdict for {line.key}")
        verdict.setToolTip(
            "Did the initiative do what its hypothesis said? Leave it “Not judged yet” "
            "if the results are not in."
        )
        verdict.setMinimumContentsLength(14)
        verdict.setPlaceholderText(CHOOSE_VERDICT)
        for value, label in VERDICT_CHOICES:
            verdict.addItem(label, value)
        chosen = verdict.findData(line.verdict) if line.verdict != Verdict.UNTESTED else -1
        verdict.setCurrentIndex(chosen)

        actual = QLineEdit(number_text(line.actual), self)
        actual.setObjectName(f"actual:{line.item_id}")
        unit = f" ({line.metric})" if line.metric else ""
        actual.setAccessibleName(f"Actual value of {line.key}{unit}")
        actual.setPlaceholderText("a number")
        actual.setToolTip(
            html_tip(
                f"What {line.metric or 'the metric'} measured at close: a number such as "
                "12, 3.5 or 80%. Leave it empty if it is not measured yet."
            )
        )
        actual.setMaximumWidth(actual.fontMetrics().horizontalAdvance("0") * 14)
        progress = QLabel(self)
        progress.setObjectName(f"progress:{line.item_id}")
        tinted(progress, theme.MUTED_TEXT)
        measured = QVBoxLayout()
        measured.setSpacing(1)
        measured.addWidget(actual)
        measured.addWidget(progress)

        self.grid.addWidget(text, row, 0)
        self.grid.addWidget(verdict, row, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.addLayout(measured, row, 2, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(_separator(self), row + 2, 0, 1, 3)
        self.problems.places[line.item_id] = (row + 1, 0)
        entry = VerdictRow(line, verdict, actual, progress, actual.text())
        self.rows[line.item_id] = entry
        verdict.currentIndexChanged.connect(lambda _i, item=line.item_id: self._edited(item))
        actual.textChanged.connect(lambda _t, item=line.item_id: self._edited(item))
        self._show_progress(entry)

    def _edited(self, item_id: int) -> None:
        self._show_progress(self.rows[item_id])
        super()._edited(item_id)

    @staticmethod
    def _show_progress(row: VerdictRow) -> None:
        try:
            value = parse_actual(row.actual.text())
        except ValueError:
            value = None
        row.progress.setText(progress_text(row.line.baseline, row.line.target, value))

    def first_input(self) -> QWidget | None:
        return next((row.verdict for row in self.rows.values()), None)

    def input_of(self, item_id: int, field: str = "verdict") -> QWidget | None:
        row = self.rows.get(item_id)
        if row is None:
            return None
        return row.actual if field == "actual" else row.verdict

    def unjudged(self) -> list[ScopeLine]:
        """Done items whose hypothesis gets no verdict at this close (they stay untested)."""
        return [row.line for row in self.rows.values() if self.chosen_verdict(row) is None]

    @staticmethod
    def chosen_verdict(row: VerdictRow) -> str | None:
        value = row.verdict.currentData()
        return None if value in (None, Verdict.UNTESTED.value) else str(value)

    def verdicts(self) -> dict[int, tuple[str, object]]:
        """``(verdict, actual)`` of the rows the person changed, as ``close_iteration`` takes them.

        Rows left as they were are not sent, so closing never rewrites a value
        nobody touched (an actual shown as "2.5" is written back only if edited).
        """
        found: dict[int, tuple[str, object]] = {}
        for item_id, row in self.rows.items():
            verdict = row.verdict.currentData() or Verdict.UNTESTED.value
            typed = row.actual.text()
            actual_changed = typed.strip() != row.original_actual
            if verdict == row.line.verdict and not actual_changed:
                continue
            found[item_id] = (str(verdict), typed if actual_changed else row.line.actual)
        return found
