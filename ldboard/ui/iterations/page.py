"""The planning screen: the backlog beside the selected iteration.

Pick an iteration at the top (the active one first, else the next planned
one), see its goal, dates and how full it is, and move initiatives between
the two tables by dragging rows or with Plan / Unplan. Each of those is one
undoable step however many rows are selected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.enums import IterationState
from ldboard.domain.model import Iteration
from ldboard.ui.common.iteration_text import iteration_dates, state_text
from ldboard.ui.iterations.capacity_bar import CapacityBar
from ldboard.ui.iterations.planning_model import DRIVER, PLANNED_IN, REQUESTER, SPONSOR
from ldboard.ui.iterations.planning_rows import PlanningRows
from ldboard.ui.iterations.tables import PlanningTable
from ldboard.ui.screen import ScreenContext


class IterationsPage(QWidget):
    #: The selected iteration or what can be done with it changed.
    state_changed = Signal()

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Iterations")
        self.context = context
        self.session = context.session
        self.rows = PlanningRows(self.session, self)

        self.picker = QComboBox(self)
        self.picker.setObjectName("iterationPicker")
        self.picker.setAccessibleName("Iteration")
        self.picker.setMinimumContentsLength(24)
        self.picker.activated.connect(lambda row: self.select_iteration(self.picker.itemData(row)))
        picker_label = QLabel("&Iteration:", self)
        picker_label.setBuddy(self.picker)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("iterationState")
        self.goal_label = QLabel(self)
        self.goal_label.setObjectName("iterationGoalText")
        self.goal_label.setWordWrap(True)
        self.goal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.capacity_bar = CapacityBar(self)
        self.empty_hint = QLabel(
            "No iteration to plan yet. Create one with Iteration → New Iteration… "
            "(give it a goal and a capacity), then drag initiatives into it.",
            self,
        )
        self.empty_hint.setObjectName("iterationsEmptyHint")
        self.empty_hint.setWordWrap(True)

        self.backlog_table = PlanningTable(self.rows.backlog, "backlogTable", self)
        self.backlog_table.setAccessibleName("Backlog")
        self.iteration_table = PlanningTable(self.rows.planned, "iterationTable", self)
        self.iteration_table.setAccessibleName("Items in the iteration")
        for table in (self.backlog_table, self.iteration_table):
            table.open_requested.connect(context.open_item)
            table.selectionModel().selectionChanged.connect(lambda *_: self.state_changed.emit())
        self.rows.backlog.items_dropped.connect(self.unplan)
        self.rows.planned.items_dropped.connect(self.plan)

        self.backlog_title = QLabel(self)
        self.backlog_title.setObjectName("backlogTitle")
        self.iteration_title = QLabel(self)
        self.iteration_title.setObjectName("iterationTitle")
        self.plan_button = QPushButton("Plan Selected →", self)
        self.plan_button.setObjectName("planButton")
        self.plan_button.clicked.connect(self.plan_selected)
        self.unplan_button = QPushButton("← Back to Backlog", self)
        self.unplan_button.setObjectName("unplanButton")
        self.unplan_button.clicked.connect(self.unplan_selected)

        header = self.header = QHBoxLayout()
        header.addWidget(picker_label)
        header.addWidget(self.picker)
        header.addWidget(self.state_label, 1)
        left = self._side(self.backlog_title, self.backlog_table, self.plan_button)
        right = self._side(self.iteration_title, self.iteration_table, self.unplan_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("planningSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        # The iteration's own list is about what it holds: who asked is in the backlog.
        for column in (DRIVER, REQUESTER, SPONSOR, PLANNED_IN):
            self.iteration_table.setColumnHidden(column, True)
        self.iteration_table.fit_title()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(header)
        layout.addWidget(self.goal_label)
        layout.addWidget(self.capacity_bar)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.splitter, 1)

        self.rows.iterations_changed.connect(self._show_iterations)
        self.rows.load_changed.connect(self._show_load)
        self.session.read_only_changed.connect(self._read_only_changed)
        default = self.session.board.default_iteration()
        self.rows.selected_id = default.id if default else None
        self.rows.reload()

    def add_header_actions(self, actions: list[QAction]) -> None:
        """The Iteration menu's main actions as buttons at the top of the screen
        (they follow the actions' enabled state and text)."""
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(f"{action.objectName()}Button")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.header.addWidget(button)

    def _side(self, title: QLabel, table: PlanningTable, button: QPushButton) -> QWidget:
        side = QWidget(self)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        row.addWidget(title, 1)
        row.addWidget(button)
        column.addLayout(row)
        column.addWidget(table, 1)
        return side

    # --- the selected iteration --------------------------------------------------------

    def selected_iteration(self) -> Iteration | None:
        return self.rows.selected()

    def select_iteration(self, iteration_id: int | None) -> None:
        self.rows.select(iteration_id)
        self._show_iterations()

    def _show_iterations(self) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for iteration in self.rows.iterations:
            self.picker.addItem(f"{iteration.name} — {state_text(iteration)}", iteration.id)
        selected = self.rows.selected()
        self.picker.setCurrentIndex(self.picker.findData(selected.id) if selected else -1)
        self.picker.setEnabled(bool(self.rows.iterations))
        self.picker.blockSignals(False)
        has_any = bool(self.rows.iterations)
        self.empty_hint.setVisible(not has_any)
        self.capacity_bar.setVisible(selected is not None)
        if selected is None:
            self.state_label.setText("")
            self.goal_label.setText("")
        else:
            self.state_label.setText(iteration_dates(selected, self.session.board.today()))
            goal = selected.goal.strip()
            self.goal_label.setText(
                f"<b>Goal:</b> {_escape(goal)}"
                if goal
                else "<i>No goal yet: Iteration → Edit Iteration… gives it one.</i>"
            )
        self._show_load()

    def _show_load(self) -> None:
        selected = self.rows.selected()
        backlog = self.rows.backlog.rowCount()
        self.backlog_title.setText(f"<b>Backlog</b> · {backlog} item{'s' if backlog != 1 else ''}")
        if selected is None:
            self.iteration_title.setText("<b>No iteration selected</b>")
        else:
            count = self.rows.planned.rowCount()
            self.iteration_title.setText(
                f"<b>{_escape(selected.name)}</b> · {count} item{'s' if count != 1 else ''}"
            )
            self.capacity_bar.set_load(self.rows.planned.total_effort(), selected.capacity)
        self.state_changed.emit()

    def _read_only_changed(self, read_only: bool) -> None:
        self.rows.set_read_only(read_only)
        self.state_changed.emit()

    # --- what can be done now ----------------------------------------------------------

    def can_plan(self) -> bool:
        selected = self.rows.selected()
        return (
            selected is not None
            and selected.state != IterationState.CLOSED
            and not self.session.read_only
            and self.backlog_table.has_selection()
        )

    def can_unplan(self) -> bool:
        selected = self.rows.selected()
        return (
            selected is not None
            and selected.state != IterationState.CLOSED
            and not self.session.read_only
            and self.iteration_table.has_selection()
        )

    # --- planning ----------------------------------------------------------------------

    def plan_selected(self) -> None:
        self.plan(self.backlog_table.selected_ids())

    def unplan_selected(self) -> None:
        self.unplan(self.iteration_table.selected_ids())

    def plan(self, ids: list[int]) -> None:
        selected = self.rows.selected()
        if not ids or selected is None:
            return
        self._move(ids, self.backlog_table, self.iteration_table, ops.plan_items, selected.id)

    def unplan(self, ids: list[int]) -> None:
        if not ids or self.rows.selected() is None:
            return
        self._move(ids, self.iteration_table, self.backlog_table, ops.unplan_items)

    def _move(
        self,
        ids: list[int],
        source: PlanningTable,
        target: PlanningTable,
        operation: Callable[..., object],
        *args: object,
    ) -> None:
        """Plan or unplan ``ids`` as one step; they end up selected in ``target``.

        The source's selection is cleared first: the rows are about to leave it,
        and a selection of hundreds of rows would otherwise be carried through
        the table's layout change cell by cell. It comes back if nothing moved.
        """
        kept = source.selected_ids()
        source.clearSelection()
        if self.session.perform(operation, ids, *args):
            target.select_ids(ids)
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            source.select_ids(kept)

    def select_item(self, item_id: int) -> None:
        for table in (self.iteration_table, self.backlog_table):
            if table.planning_model().contains(item_id):
                table.select_ids([item_id])
                return

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Days left and "running" depend on today, which may have changed.
        self._show_iterations()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
