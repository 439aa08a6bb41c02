"""The Results section of the Business goal tab: the metric's dated results.

Results usually arrive from an LMS or survey export (File → Import →
Results…), but a pilot's numbers are often typed in by hand, and a wrong one
must be removable. Like checklist lines, results are only edited in the list
and reach the file with everything else when the card is saved, as one undo
step. The newest result becomes the item's Actual when it is saved, so the
Actual field follows the list while it is edited: what it shows is what Save
stores.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.measurements import (
    MEASUREMENT_LABEL_MAX,
    MEASUREMENT_SOURCE_MAX,
    measurement_problems,
)
from ldboard.domain.rules import parse_number
from ldboard.ops.measuring import MeasurementEntry
from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.results_table import ResultsTable, level_text
from ldboard.ui.editor.sparkline import Sparkline
from ldboard.ui.editor.widgets import EVALUATION_LEVEL_NAMES, NONE_TEXT, format_number, make_hint

#: Offered for the label; any other text may be typed.
LABEL_SUGGESTIONS = ("Baseline", "Pilot", "30 days", "60 days", "90 days")
EMPTY_TEXT = "No results yet — import them with File → Import → Results…, or add one below."
READ_ONLY_EMPTY_TEXT = "No results recorded."
NEW_CARD_TEXT = "Results can be recorded once the card has been saved."
SAVED_HINT = "Results are saved with the card; the newest one becomes Actual."


class _ReturnAdds(QObject):
    """Return in any field of the new-result row adds the result (instead of saving the card)."""

    def __init__(self, add: object, parent: QObject) -> None:
        super().__init__(parent)
        self._add = add

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._add()  # type: ignore[operator]
            return True
        return False


class ResultsSection(FormBuilder):
    """Builds the results list, its sparkline and the row that adds a result."""

    def _build_results(self) -> QWidget:
        section = QWidget()
        section.setObjectName("resultsSection")
        column = QVBoxLayout(section)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)

        self.results_table = ResultsTable()
        self.results_table.setAccessibleDescription(
            "Oldest first; the last result is the newest. Delete removes the selected one."
        )
        self.results_table.itemSelectionChanged.connect(self._update_results_buttons)
        self.results_box = self._register(
            "measurements", self.results_table, "Results", self._measurement_entries
        )
        self.results_empty = make_hint(EMPTY_TEXT)
        self.results_empty.setObjectName("resultsEmpty")
        self.results_empty.setContentsMargins(0, 2, 0, 8)
        self.sparkline = Sparkline()
        self.results_caption = make_hint("")
        self.results_caption.setObjectName("resultsCaption")
        self.results_caption.setWordWrap(False)
        self.result_remove = QPushButton("Rem&ove")
        self.result_remove.setObjectName("resultRemove")
        self.result_remove.setToolTip("Remove the selected result (Delete)")
        self.result_remove.setAutoDefault(False)
        self.result_remove.clicked.connect(self._remove_result)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.results_table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self._remove_result)

        side = QVBoxLayout()
        side.setSpacing(2)
        side.addWidget(self.sparkline)
        side.addWidget(self.results_caption)
        side.addWidget(self.result_remove, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.results_box, 1)
        top.addWidget(self.results_empty, 1, Qt.AlignmentFlag.AlignTop)
        top.addLayout(side)
        column.addLayout(top)
        column.addWidget(self._build_new_result_row())
        self.result_problem = QLabel()
        self.result_problem.setObjectName("resultProblem")
        self.result_problem.setProperty("role", "error")
        self.result_problem.setWordWrap(True)
        self.result_problem.hide()
        column.addWidget(self.result_problem)
        self.results_hint = make_hint(SAVED_HINT)
        self.results_hint.setObjectName("resultsHint")
        column.addWidget(self.results_hint)
        return section

    def _build_new_result_row(self) -> QWidget:
        row = self.new_result_row = QWidget()
        row.setObjectName("newResultRow")
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)

        self.result_date = QDateEdit()
        self.result_date.setObjectName("resultDate")
        self.result_date.setAccessibleName("New result date")
        self.result_date.setCalendarPopup(True)
        self.result_date.setDisplayFormat("d MMM yyyy")
        self.result_value = QLineEdit()
        self.result_value.setObjectName("resultValue")
        self.result_value.setAccessibleName("New result value")
        self.result_value.setPlaceholderText("e.g. 24")
        self.result_value.setMaximumWidth(90)
        self.result_value.textChanged.connect(self._update_results_buttons)
        self.result_label = QComboBox()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setAccessibleName("New result label")
        self.result_label.setEditable(True)
        self.result_label.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.result_label.addItems(LABEL_SUGGESTIONS)
        self.result_label.setCurrentIndex(-1)
        self.result_label.lineEdit().setMaxLength(MEASUREMENT_LABEL_MAX)
        self.result_label.lineEdit().setPlaceholderText("e.g. Pilot")
        self.result_label.setMinimumContentsLength(8)
        self.result_source = QLineEdit()
        self.result_source.setObjectName("resultSource")
        self.result_source.setAccessibleName("New result source")
        self.result_source.setMaxLength(MEASUREMENT_SOURCE_MAX)
        self.result_source.setPlaceholderText("e.g. LMS, pulse survey")
        self.result_level = QComboBox()
        self.result_level.setObjectName("resultLevel")
        self.result_level.setAccessibleName("New result Kirkpatrick level")
        self.result_level.addItem(NONE_TEXT, None)
        for level in EVALUATION_LEVEL_NAMES:
            self.result_level.addItem(level_text(level), level)
        self.result_add = QPushButton("&Add")
        self.result_add.setObjectName("resultAdd")
        self.result_add.setToolTip("Add this result to the list (Return)")
        self.result_add.setAutoDefault(False)
        self.result_add.clicked.connect(self._add_result)

        adds = _ReturnAdds(self._add_result, row)
        fields = (
            ("&Date", self.result_date),
            ("Valu&e", self.result_value),
            ("Label", self.result_label),
            ("Sour&ce", self.result_source),
            ("Level", self.result_level),
        )
        for position, (text, widget) in enumerate(fields):
            widget.installEventFilter(adds)
            grid.addWidget(self._buddy(text, widget), 0, position)
            grid.addWidget(widget, 1, position)
        grid.addWidget(self.result_add, 1, len(fields))
        grid.setColumnStretch(3, 1)
        self.result_source.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return row

    # --- state ---------------------------------------------------------------------------

    def _measurement_entries(self) -> tuple[MeasurementEntry, ...]:
        return self.results_table.entries()

    def _results_locked(self) -> bool:
        """Whether results cannot be changed: a read-only board, or a card not saved yet."""
        return self._session.read_only or self._item is None

    def _load_results(self) -> None:
        today = self._board.today()
        self.result_date.setDate(QDate(today.year, today.month, today.day))
        if self._item is not None:
            self.results_table.set_entries(
                [
                    MeasurementEntry(m.measured_on, m.value, m.label, m.source, m.level, m.id)
                    for m in self._board.measurements(self._item.id)
                ]
            )
        else:
            self.results_empty.setText(NEW_CARD_TEXT)
            self.results_hint.hide()
            self.new_result_row.setEnabled(False)
        if self._session.read_only:  # nothing can be added: the row would only be noise
            self.new_result_row.hide()
            self.results_hint.hide()
            self.results_empty.setText(READ_ONLY_EMPTY_TEXT)
        for name in ("baseline", "target"):
            self.measure_edits[name].textChanged.connect(self._show_results)
        self._show_results()

    # --- actions -------------------------------------------------------------------------

    def _add_result(self) -> None:
        if self._results_locked():
            return
        problem, entry = self._new_result()
        self.result_problem.setText(problem)
        self.result_problem.setVisible(bool(problem))
        if entry is None:
            self.result_value.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.results_table.add(entry)
        self.result_value.clear()
        self.result_label.setCurrentIndex(-1)
        self.result_label.clearEditText()
        self.result_source.clear()
        self._results_changed()
        self.result_date.setFocus(Qt.FocusReason.OtherFocusReason)

    def _new_result(self) -> tuple[str, MeasurementEntry | None]:
        """The result typed in the new-result row, or what is wrong with it."""
        try:
            value = parse_number(self.result_value.text())
        except ValueError as error:
            return str(error), None
        if value is None:
            return "Type the value the metric had on that date.", None
        entry = MeasurementEntry(
            self.result_date.date().toString(Qt.DateFormat.ISODate),
            value,
            " ".join(self.result_label.currentText().split()),
            " ".join(self.result_source.text().split()),
            self.result_level.currentData(),
        )
        problems = measurement_problems(
            {
                "measured_on": entry.measured_on,
                "value": entry.value,
                "label": entry.label,
                "source": entry.source,
                "level": entry.level,
            }
        )
        if problems:
            return next(iter(problems.values())), None
        return "", entry

    def _remove_result(self) -> None:
        if self._results_locked():
            return
        if self.results_table.remove_current() is not None:
            self._results_changed()

    def _results_changed(self) -> None:
        """After the list changed: Actual follows the newest result, and the rest follows."""
        entries = self.results_table.entries()
        actual = self.measure_edits["actual"]
        if entries == self._initial["measurements"]:
            # Back to the stored results: Save will not touch Actual, so show its stored value.
            actual.setText(self._initial["actual"])
        elif entries:
            actual.setText(format_number(entries[-1].value))
        self._show_results()
        self._edited("measurements")

    def _show_results(self, *_: object) -> None:
        entries = self.results_table.entries()
        self.results_box.setVisible(bool(entries))
        self.results_empty.setVisible(not entries)
        self.sparkline.setVisible(bool(entries))
        self.result_remove.setVisible(bool(entries))
        item_id = self._item.id if self._item is not None else 0
        self.sparkline.set_series(
            self.results_table.as_measurements(item_id),
            _number(self.measure_edits["baseline"].text()),
            _number(self.measure_edits["target"].text()),
        )
        self.results_caption.setText(_caption(entries))
        self.results_caption.setVisible(bool(entries))
        self._update_results_buttons()

    def _update_results_buttons(self, *_: object) -> None:
        locked = self._results_locked()
        self.result_remove.setEnabled(not locked and self.results_table.current_row() >= 0)
        self.result_add.setEnabled(not locked and bool(self.result_value.text().strip()))


def _number(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def _caption(entries: tuple[MeasurementEntry, ...]) -> str:
    """ "18 → 24 in 3 results": where the metric started and where it is now."""
    if not entries:
        return ""
    newest = format_number(entries[-1].value)
    if len(entries) == 1:
        return f"1 result: {newest}"
    return f"{format_number(entries[0].value)} → {newest} in {len(entries)} results"
