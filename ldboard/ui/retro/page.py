"""The retrospective screen: pick an iteration, see and write its four lanes.

The header shows the picked iteration's dates, state and goal, so the
retrospective is held against what the iteration set out to do. Below it,
Went well, To improve, Actions (with the actions carried over from earlier
iterations at the top) and Notes stand side by side, or two by two when the
window is narrow. A board without iterations shows what to do first.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.model import Iteration
from ldboard.store import Change
from ldboard.ui.cards.avatar_colors import AvatarColors
from ldboard.ui.common.iteration_text import iteration_dates, state_text
from ldboard.ui.retro.entry_actions import EntryActions
from ldboard.ui.retro.entry_delegate import EntryDelegate
from ldboard.ui.retro.lane_panel import LanePanel
from ldboard.ui.retro.lane_view import LaneView
from ldboard.ui.retro.log import RetroLog
from ldboard.ui.retro.rows import ACTION, LANES
from ldboard.ui.screen import ScreenContext

#: Below this width the lanes stand two by two instead of four side by side.
TWO_ROWS_BELOW = 980
#: How much of the width each lane takes when side by side.
LANE_STRETCH = {"went_well": 4, "to_improve": 4, "action": 5, "note": 4}
NO_ITERATIONS = (
    "<p style='font-size: 15pt; color: #0f172a'><b>No retrospective yet</b></p>"
    "<p>A retrospective belongs to an iteration. Plan one with "
    "<b>Iteration → New Iteration…</b>, start it, and come back here to note what went "
    "well, what to improve and the actions you will take.</p>"
    "<p>Actions left open are carried into every later retrospective, with a count of "
    "the iterations they have slipped, until they are done.</p>"
)


class RetroPage(QWidget):
    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Retrospective")
        self.context = context
        self.session = context.session
        self.log = RetroLog(self.session, self)
        self.actions = EntryActions(context, self.log, self)
        self.avatar_colors = AvatarColors(p.id for p in self.session.board.people())
        #: The lane the Add Retrospective Entry action types into.
        self.current_kind = LANES[0][0]
        self.entry_menu: QMenu | None = None

        self.picker = QComboBox(self)
        self.picker.setObjectName("retroIterationPicker")
        self.picker.setAccessibleName("Iteration")
        self.picker.setMinimumContentsLength(28)
        self.picker.activated.connect(lambda row: self.select_iteration(self.picker.itemData(row)))
        picker_label = QLabel("&Iteration:", self)
        picker_label.setBuddy(self.picker)
        self.dates = QLabel(self)
        self.dates.setObjectName("retroIterationDates")
        self.dates.setStyleSheet("color: #475569")
        self.goal = QLabel(self)
        self.goal.setObjectName("retroIterationGoal")
        self.goal.setWordWrap(True)
        self.goal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.picker_label = picker_label
        header = QHBoxLayout()
        header.addWidget(picker_label)
        header.addWidget(self.picker)
        header.addSpacing(8)
        header.addWidget(self.dates, 1)

        self.panels: dict[str, LanePanel] = {}
        self.lanes = QWidget(self)
        self.lanes.setObjectName("retroLanes")
        self.grid = QGridLayout(self.lanes)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        for kind, _title in LANES:
            carried = self.log.carried if kind == ACTION else None
            panel = LanePanel(self.log.lanes[kind], self._delegate(), carried, self.lanes)
            if panel.carried_view is not None:
                panel.carried_view.setItemDelegate(self._delegate())
                self._wire(panel.carried_view, kind)
            self._wire(panel.view, kind)
            panel.entry_box.returnPressed.connect(lambda kind=kind: self._add_typed(kind))
            panel.entry_box.installEventFilter(self)
            self.panels[kind] = panel
        self._two_rows: bool | None = None
        self._arrange(two_rows=False)

        self.empty_hint = QWidget(self)
        self.empty_hint.setObjectName("retroEmptyHint")
        hint = QLabel(NO_ITERATIONS, self.empty_hint)
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setMaximumWidth(620)
        hint.setStyleSheet("color: #475569;")
        centred = QHBoxLayout(self.empty_hint)
        centred.addWidget(hint)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.lanes)
        self.stack.addWidget(self.empty_hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.goal)
        layout.addWidget(self.stack, 1)

        self.log.iterations_changed.connect(self._show_iteration)
        self.session.changed.connect(self._board_changed)
        self.session.read_only_changed.connect(self.set_read_only)
        self.set_read_only(self.session.read_only)
        self.log.select(None)

    def _delegate(self) -> EntryDelegate:
        delegate = EntryDelegate(self.avatar_colors, self)
        delegate.toggle_requested.connect(self.actions.toggle)
        delegate.link_activated.connect(self.actions.open_link)
        delegate.details_requested.connect(self.actions.details)
        return delegate

    def _wire(self, view: LaneView, kind: str) -> None:
        view.focused.connect(lambda kind=kind: self._set_current_kind(kind))
        view.entry_requested.connect(self.actions.request)
        view.menu_requested.connect(
            lambda index, point, view=view: self._show_menu(view, index, point)
        )

    # --- the picked iteration ------------------------------------------------------------

    def selected_iteration(self) -> Iteration | None:
        return self.log.selected()

    def select_iteration(self, iteration_id: int | None) -> None:
        self.log.select(iteration_id)

    def _show_iteration(self) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for iteration in self.log.iterations:
            self.picker.addItem(f"{iteration.name} — {state_text(iteration)}", iteration.id)
        selected = self.log.selected()
        self.picker.setCurrentIndex(self.picker.findData(selected.id) if selected else -1)
        self.picker.blockSignals(False)
        for widget in (self.picker_label, self.picker):
            widget.setVisible(bool(self.log.iterations))
        self.stack.setCurrentWidget(self.lanes if selected is not None else self.empty_hint)
        if selected is None:
            self.dates.setText("")
            self.goal.setText("")
            self.goal.hide()
            return
        self.dates.setText(iteration_dates(selected, self.session.board.today()))
        goal = selected.goal.strip()
        self.goal.setText(
            f"<b>Goal:</b> {escape(goal)}" if goal else "<i>This iteration has no goal.</i>"
        )
        self.goal.show()

    def _board_changed(self, change: Change) -> None:
        if change.touches("people") and self.avatar_colors.update(
            p.id for p in self.session.board.people()
        ):
            for panel in self.panels.values():
                panel.view.viewport().update()

    # --- writing entries -----------------------------------------------------------------

    def _add_typed(self, kind: str) -> None:
        box = self.panels[kind].entry_box
        if self.actions.add(kind, box.text()):
            box.clear()

    def focus_entry_box(self, kind: str | None = None) -> None:
        """Put the cursor in a lane's entry box (the current lane's by default)."""
        panel = self.panels.get(kind or self.current_kind)
        if panel is not None and panel.entry_box.isVisible():
            panel.entry_box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _set_current_kind(self, kind: str) -> None:
        self.current_kind = kind

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for kind, panel in self.panels.items():
                if watched is panel.entry_box:
                    self._set_current_kind(kind)
        return super().eventFilter(watched, event)

    def _show_menu(self, view: LaneView, index: object, point: QPoint) -> None:
        if not isinstance(index, QModelIndex) or not index.isValid():
            return
        entry_id = view.entry_id(index)
        if entry_id is None:
            return
        if self.entry_menu is not None:
            self.entry_menu.deleteLater()
        self.entry_menu = self.actions.menu(entry_id, view, lambda: view.edit(index))
        if not self.entry_menu.isEmpty():
            self.entry_menu.popup(point)

    # --- read-only boards and layout -----------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        for panel in self.panels.values():
            panel.set_read_only(read_only)
            if panel.carried_view is not None:
                panel.carried_view.viewport().update()

    def _arrange(self, *, two_rows: bool) -> None:
        if two_rows == self._two_rows:
            return
        self._two_rows = two_rows
        for panel in self.panels.values():
            self.grid.removeWidget(panel)
        for column in range(4):
            self.grid.setColumnStretch(column, 0)
        for line in range(2):
            self.grid.setRowStretch(line, 1 if two_rows else 0)
        for position, (kind, _title) in enumerate(LANES):
            if two_rows:
                self.grid.addWidget(self.panels[kind], position // 2, position % 2)
            else:
                self.grid.addWidget(self.panels[kind], 0, position)
                self.grid.setColumnStretch(position, LANE_STRETCH[kind])
        if two_rows:
            self.grid.setColumnStretch(0, 1)
            self.grid.setColumnStretch(1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(two_rows=event.size().width() < TWO_ROWS_BELOW)
