"""Small widgets and layout helpers used by the card editor."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

#: Shown for fields that have no value.
NONE_TEXT = "—"
#: Kirkpatrick's evaluation levels, as the evaluation and results fields name them.
EVALUATION_LEVEL_NAMES = {1: "Reaction", 2: "Learning", 3: "Behaviour", 4: "Results"}


def format_number(value: float | None) -> str:
    """A stored number as a person would type it; reading it back gives the same float."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def format_day(text: str) -> str:
    """A stored ``YYYY-MM-DD`` date as people write it ("1 Mar 2026"); odd text as is."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day} {day:%b} {day.year}"


def format_timestamp(stamp: str | None) -> str:
    """A file timestamp (UTC) in the user's local time and locale."""
    if not stamp:
        return NONE_TEXT
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return stamp
    return moment.toLocalTime().toString("d MMM yyyy, HH:mm")


def friendly_timestamp(stamp: str, today: date) -> str:
    """A file timestamp (UTC) as a person says it, in local time: "Today, 14:02",
    "Yesterday, 09:10", "16 Nov, 10:00" this year, "16 Nov 2025, 10:00" before."""
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return stamp
    local = moment.toLocalTime()
    day = local.date().toPython()
    clock = local.toString("HH:mm")
    if day == today:
        return f"Today, {clock}"
    if day == today - timedelta(days=1):
        return f"Yesterday, {clock}"
    if day.year == today.year:
        return f"{day.day} {day:%b}, {clock}"
    return f"{day.day} {day:%b} {day.year}, {clock}"


class ShortText(QPlainTextEdit):
    """A plain-text box a few lines tall, for fields that are usually a sentence or two."""

    def __init__(self, lines: int, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        margins = self.contentsMargins()
        height = (
            self.fontMetrics().lineSpacing() * lines
            + 2 * int(self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 4
        )
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)


class EntryLine(QLineEdit):
    """A line edit whose Return adds its text somewhere instead of saving the dialog."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
        ):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip().lstrip("#")]

    def pathFromIndex(self, index: QModelIndex) -> str:
        completion = super().pathFromIndex(index)
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0].strip() if "," in text else ""
        return f"{head}, {completion}, " if head else f"{completion}, "


def tab_text(title: str) -> str:
    return title.replace("&", "&&")


def make_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    return form


def field_box(widget: QWidget, *below: QWidget) -> QWidget:
    """A field with its error line (and any hint) under it, as wide as the form allows.

    Widgets that do not want to grow (combos, dates, short numbers) keep their
    own width at the left, while the lines under them wrap across the full width.
    """
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    grows = widget.sizePolicy().horizontalPolicy() in (
        QSizePolicy.Policy.Expanding,
        QSizePolicy.Policy.MinimumExpanding,
        QSizePolicy.Policy.Ignored,
    )
    alignment = Qt.AlignmentFlag(0) if grows else Qt.AlignmentFlag.AlignLeft
    column.addWidget(widget, 0, alignment)
    for extra in below:
        column.addWidget(extra)
    return box


def make_hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


def person_text(person: Any) -> str:
    detail = ", ".join(part for part in (person.role, person.department) if part)
    return f"{person.name} — {detail}" if detail else person.name


def select_data(combo: QComboBox, value: Any) -> None:
    """Show ``value`` in ``combo``; a value the combo does not offer is added so it
    stays visible (and validation explains what is wrong with it)."""
    if value is None:
        combo.setCurrentIndex(0)
        return
    index = combo.findData(value)
    if index < 0:
        combo.addItem(f"{value} (not a valid choice)", value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def is_score(value: Any) -> bool:
    return isinstance(value, int) and 1 <= value <= 5


def compact_table(
    table: QTableWidget, headers: tuple[str, ...], edit_triggers: QAbstractItemView.EditTrigger
) -> QHeaderView:
    """Set up one of the editor's small tables (results, checks): whole-row single
    selection, Tab leaves the table, fixed row height, no row numbers. Returns the
    horizontal header for the caller's column sizes."""
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(edit_triggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    return header
