"""The Charts view's choices: the date range, the burn-up's iteration, and how
throughput and burn-up count (items or effort, per iteration or per week).

The range defaults to the last 90 days ending today, clamped to the days the
board has history for; once a person picks dates, their choice is kept across
redraws (clamped again if the history got shorter). The iteration defaults to
the active one, else the most recently closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from ldboard.domain.enums import IterationState
from ldboard.domain.flow import iteration_window
from ldboard.domain.model import Iteration
from ldboard.ui.charts.throughput import PER_ITERATION, PER_WEEK

DEFAULT_DAYS = 90


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def default_iteration(iterations: Sequence[Iteration]) -> int | None:
    """The active iteration, else the most recently closed, else the last listed."""
    for iteration in iterations:
        if iteration.state == IterationState.ACTIVE:
            return iteration.id
    closed = [i for i in iterations if i.state == IterationState.CLOSED]
    if closed:
        return max(closed, key=lambda i: (i.closed_at or "", i.end or "", i.id)).id
    return iterations[-1].id if iterations else None


class ChartPickers(QWidget):
    """The row of pickers above the charts."""

    range_changed = Signal()
    iteration_changed = Signal()
    counting_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._range_chosen = False
        self.from_edit = self._date_edit("chartsFrom", "First day of the charts")
        self.to_edit = self._date_edit("chartsTo", "Last day of the charts")
        self.iteration = QComboBox(self)
        self.iteration.setObjectName("chartsIteration")
        self.iteration.setAccessibleName("Iteration of the burn-up")
        self.iteration.setMinimumContentsLength(22)
        self.iteration.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.per = QComboBox(self)
        self.per.setObjectName("chartsThroughputPer")
        self.per.setAccessibleName("Throughput per")
        self.per.addItem("Per iteration", PER_ITERATION)
        self.per.addItem("Per week", PER_WEEK)
        self.measure = QComboBox(self)
        self.measure.setObjectName("chartsMeasure")
        self.measure.setAccessibleName("Count items or effort")
        self.measure.addItem("Items", False)
        self.measure.addItem("Effort points", True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        for label, widget in (
            # Mnemonics clear of the menu bar's (File, Edit, Item, Iteration, View, Help).
            ("Fro&m", self.from_edit),
            ("t&o", self.to_edit),
            ("Burn-&up of", self.iteration),
            ("Through&put", self.per),
            ("Cou&nt", self.measure),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            layout.addSpacing(6)
            layout.addWidget(caption)
            layout.addWidget(widget)
        layout.addStretch(1)
        self.from_edit.dateChanged.connect(self._range_edited)
        self.to_edit.dateChanged.connect(self._range_edited)
        self.iteration.currentIndexChanged.connect(lambda _n: self.iteration_changed.emit())
        self.per.currentIndexChanged.connect(lambda _n: self.counting_changed.emit())
        self.measure.currentIndexChanged.connect(lambda _n: self.counting_changed.emit())

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    # --- what is chosen --------------------------------------------------------------

    def date_range(self) -> tuple[date, date]:
        """(first day, last day); a "from" after the "to" reads as the same days."""
        days = sorted((to_date(self.from_edit.date()), to_date(self.to_edit.date())))
        return days[0], days[1]

    def iteration_id(self) -> int | None:
        value = self.iteration.currentData()
        return value if isinstance(value, int) else None

    def per_iteration(self) -> bool:
        return self.per.currentData() == PER_ITERATION

    def effort(self) -> bool:
        return bool(self.measure.currentData())

    def set_range(self, first: date, last: date) -> None:
        """Choose the range (as a person would, in one step)."""
        self._range_chosen = True
        self._set_dates(first, last)
        self.range_changed.emit()

    # --- following the board ----------------------------------------------------------

    def sync(
        self, bounds: tuple[date, date] | None, iterations: Sequence[Iteration], today: date
    ) -> None:
        """The board's history spans ``bounds`` (first day, today) and these are its
        iterations: keep or set the pickers' choices within them. Emits nothing."""
        self.from_edit.setEnabled(bounds is not None)
        self.to_edit.setEnabled(bounds is not None)
        if bounds is not None:
            first, today = bounds
            for edit in (self.from_edit, self.to_edit):
                edit.blockSignals(True)
                edit.setDateRange(to_qdate(first), to_qdate(today))
                edit.blockSignals(False)
            if self._range_chosen:
                start, end = self.date_range()
            else:
                start, end = today - timedelta(days=DEFAULT_DAYS - 1), today
            self._set_dates(max(start, first), min(max(end, first), today))
        else:  # no history: today, greyed out, rather than Qt's 1 Jan 2000
            self._set_dates(today, today)
        self._sync_iterations(iterations, today)

    def _sync_iterations(self, iterations: Sequence[Iteration], today: date) -> None:
        """Only iterations that have started have a burn-up."""
        started = [i for i in iterations if iteration_window(i, today) is not None]
        started.sort(key=lambda i: (i.start or i.started_at or "", i.id))
        chosen = self.iteration_id()
        ids = [i.id for i in started]
        if chosen not in ids:
            chosen = default_iteration(started)
        self.iteration.blockSignals(True)
        self.iteration.clear()
        for iteration in started:
            self.iteration.addItem(iteration.name, iteration.id)
        if chosen is not None:
            self.iteration.setCurrentIndex(ids.index(chosen))
        self.iteration.setEnabled(bool(started))
        self.iteration.blockSignals(False)

    def _set_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(to_qdate(day))
            edit.blockSignals(False)

    def _range_edited(self) -> None:
        self._range_chosen = True
        self.range_changed.emit()
