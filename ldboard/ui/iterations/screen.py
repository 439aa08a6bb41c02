"""Iterations as a screen of the main window, with the Iteration menu.

The menu works wherever the person is. Edit, Delete and Start act on the
iteration the planning screen has selected (the running one, else the next
planned one, when the screen was never shown); Close always closes the running
iteration, so "Iteration → Close Iteration…" from the board does what it says.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from ldboard import ops
from ldboard.domain.enums import IterationState
from ldboard.domain.iterations import active_of, close_problem, following_name, start_problem
from ldboard.domain.model import Iteration
from ldboard.ui.common.shortcuts import shortcut_rows
from ldboard.ui.screen import MenuEntry, Screen, ScreenContext

MENU = "&Iteration"


class IterationsScreen(Screen):
    object_name = "iterationsView"
    title = "&Iterations"
    action_name = "actionViewIterations"
    shortcut = "Ctrl+4"
    tip = "Plan iterations: the backlog beside the iteration, with its capacity"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.dialog: QDialog | None = None
        self.actions: list[QAction] = []

    def build(self, context: ScreenContext) -> QWidget:
        from ldboard.ui.iterations.page import IterationsPage

        page = IterationsPage(context, context.window)
        page.state_changed.connect(self._update_actions)
        page.add_header_actions(
            [self.action_new, self.action_edit, self.action_start, self.action_close]
        )
        return page

    def bind(self, context: ScreenContext) -> QWidget | None:
        old = super().bind(context)
        context.session.changed.connect(self._update_actions)
        self._update_actions()
        return old

    # --- actions -----------------------------------------------------------------------

    def create_actions(self) -> list[MenuEntry]:
        def action(
            name: str, text: str, slot: object, shortcut: str = "", tip: str = ""
        ) -> QAction:
            made = QAction(text, self.window)
            made.setObjectName(name)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
            if tip:
                made.setStatusTip(tip)
                made.setToolTip(tip)
            made.triggered.connect(slot)  # type: ignore[arg-type]
            return made

        self.action_new = action(
            "actionNewIteration",
            "&New Iteration…",
            self.new_iteration,
            tip="Plan a new iteration with a goal, dates and a capacity",
        )
        self.action_edit = action(
            "actionEditIteration",
            "&Edit Iteration…",
            self.edit_iteration,
            tip="Change the selected iteration's name, goal, dates or capacity",
        )
        self.action_delete = action(
            "actionDeleteIteration",
            "&Delete Iteration…",
            self.delete_iteration,
            tip="Delete the selected iteration (its items go where you choose)",
        )
        self.action_start = action(
            "actionStartIteration",
            "&Start Iteration",
            self.start_iteration,
            tip="Start the selected iteration: what it holds now is its committed scope",
        )
        self.action_close = action(
            "actionCloseIteration",
            "&Close Iteration…",
            self.close_iteration,
            tip="Close the running iteration: unfinished items, verdicts, then the retrospective",
        )
        self.action_plan = action(
            "actionPlanSelected",
            "&Plan Selected Items",
            self.plan_selected,
            "Ctrl+Shift+I",
            tip="Plan the selected backlog items into the iteration",
        )
        self.action_unplan = action(
            "actionUnplanSelected",
            "&Unplan Selected Items",
            self.unplan_selected,
            "Ctrl+Shift+B",
            tip="Send the selected items back to the backlog",
        )
        self.actions = [
            self.action_new,
            self.action_edit,
            self.action_delete,
            self.action_start,
            self.action_close,
            self.action_plan,
            self.action_unplan,
        ]
        self._update_actions()
        return [
            (MENU, self.action_new),
            (MENU, self.action_edit),
            (MENU, self.action_delete),
            (MENU, None),
            (MENU, self.action_start),
            (MENU, self.action_close),
            (MENU, None),
            (MENU, self.action_plan),
            (MENU, self.action_unplan),
        ]

    def _update_actions(self, *_args: object) -> None:
        if not self.actions:
            return
        writable = self.context is not None and not self.context.session.read_only
        page = self.built
        selected = page.selected_iteration() if page is not None else None
        # The page keeps the iterations in memory: this runs on every selection change.
        if page is not None:
            active = active_of(page.rows.iterations)
        else:
            active = self.context.session.board.active_iteration() if self.context else None
        target = selected or active
        self.action_new.setEnabled(writable)
        self.action_edit.setEnabled(writable and target is not None)
        self.action_delete.setEnabled(writable and target is not None)
        startable = self._to_start()
        self.action_start.setEnabled(
            writable and startable is not None and start_problem(startable, active) is None
        )
        self.action_close.setEnabled(writable and active is not None)
        self.action_plan.setEnabled(writable and page is not None and page.can_plan())
        self.action_unplan.setEnabled(writable and page is not None and page.can_unplan())

    def set_read_only(self, read_only: bool) -> None:
        self._update_actions()

    def shortcut_help(self) -> list[tuple[str, list[tuple[str, str]]]]:
        rows = [
            (name, keys) for _a, name, keys in shortcut_rows([self.action_plan, self.action_unplan])
        ]
        rows += [
            ("Open the current item", "Return"),
            ("Change impact or effort in place", "F2, double-click"),
        ]
        return [("On the planning screen", rows)]

    # --- what the actions do -----------------------------------------------------------

    def _target(self) -> Iteration | None:
        """The iteration the Edit and Delete actions act on: the selected one."""
        page = self.page()
        return page.selected_iteration() if page is not None else None

    def _to_start(self) -> Iteration | None:
        """The iteration Start would start: the selected one, else the next planned."""
        if self.context is None:
            return None
        page = self.built
        if page is not None and page.selected_iteration() is not None:
            return page.selected_iteration()
        board = self.context.session.board
        return next((i for i in board.iterations() if i.state == IterationState.PLANNED), None)

    def new_iteration(self) -> QDialog | None:
        if self.context is None:
            return None
        board = self.context.session.board
        from ldboard.ui.iterations.iteration_dialog import IterationDialog

        iterations = board.iterations()
        last = iterations[-1] if iterations else None
        name = following_name(last.name, [i.name for i in iterations]) if last else "Iteration 1"
        dialog = IterationDialog(
            self.context.session,
            None,
            self.context.window,
            suggested_name=name,
            suggested_start=_next_start(iterations, board.today()),
        )
        dialog.accepted.connect(lambda: self._created(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _created(self, dialog: QDialog) -> None:
        page = self.page()
        if page is not None and dialog.iteration_id is not None:
            page.select_iteration(dialog.iteration_id)

    def edit_iteration(self) -> QDialog | None:
        iteration = self._target()
        if iteration is None or self.context is None:
            return None
        from ldboard.ui.iterations.iteration_dialog import IterationDialog

        dialog = IterationDialog(self.context.session, iteration, self.context.window)
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete_iteration(self) -> None:
        iteration = self._target()
        if iteration is None or self.context is None:
            return
        session, prompter = self.context.session, self.context.prompter
        held = session.board.rows("items", "iteration_id = ?", (iteration.id,))
        if not held:
            if prompter.confirm(
                "Delete iteration",
                f"Delete “{iteration.name}”? Its retrospective goes with it. "
                "Undo brings both back.",
                "Delete",
            ):
                session.perform(ops.delete_iteration, iteration.id)
            return
        others = [
            i
            for i in session.board.iterations()
            if i.id != iteration.id and i.state != IterationState.CLOSED
        ]
        options = ["The backlog (not planned)"] + [f"{i.name}" for i in others]
        count = len(held)
        choice = prompter.choose(
            "Delete iteration",
            f"“{iteration.name}” holds {count} item{'s' if count != 1 else ''}. Move "
            f"{'them' if count != 1 else 'it'} to:",
            options,
        )
        if choice is not None:
            target = None if choice == 0 else others[choice - 1].id
            session.perform(ops.delete_iteration, iteration.id, move_items_to=target)

    def start_iteration(self) -> None:
        if self.context is None:
            return
        iteration = self._to_start()
        if iteration is None:
            return
        problem = start_problem(iteration, self.context.session.board.active_iteration())
        if problem is not None:
            self.context.prompter.warn("Start iteration", problem)
            return
        if self.context.session.perform(ops.start_iteration, iteration.id):
            self.context.show_message(
                f"{iteration.name} started: what it holds now is its committed scope."
            )

    def close_iteration(self) -> QDialog | None:
        if self.context is None:
            return None
        active = self.context.session.board.active_iteration()
        if active is None:
            return None
        problem = close_problem(active)
        if problem is not None:
            self.context.prompter.warn("Close iteration", problem)
            return None
        from ldboard.ui.iterations.close_dialog import CloseIterationDialog

        dialog = CloseIterationDialog(self.context.session, active.id, self.context.window)
        # Closing ends with the retrospective of the iteration just closed.
        dialog.accepted.connect(
            lambda: self.context and self.context.open_view("retroView", active.id)
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def plan_selected(self) -> None:
        page = self.built
        if page is not None:
            page.plan_selected()

    def unplan_selected(self) -> None:
        page = self.built
        if page is not None:
            page.unplan_selected()

    def select_item(self, item_id: int) -> None:
        page = self.built
        if page is not None:
            page.select_item(item_id)


def _next_start(iterations: list[Iteration], today: date) -> date:
    """A new iteration starts the day after the last one ends, or today."""
    ends = [date.fromisoformat(i.end) for i in iterations if i.end]
    return max([today, *(end + timedelta(days=1) for end in ends)])
