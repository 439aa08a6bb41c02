"""The retrospective as a screen of the main window.

It adds Iteration → Add Retrospective Entry, which works from any view: it
shows the retrospective and puts the cursor in the entry box of the lane
last used (Went well at first). Closing an iteration ends here too: the close
dialog asks the window to reveal the iteration just closed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ldboard.ui.common.shortcuts import shortcut_rows
from ldboard.ui.screen import MenuEntry, Screen, ScreenContext

MENU = "&Iteration"
ADD_SHORTCUT = "Ctrl+Shift+R"


class RetroScreen(Screen):
    object_name = "retroView"
    title = "&Retrospective"
    action_name = "actionViewRetro"
    shortcut = "Ctrl+5"
    tip = "What went well, what to improve, and the actions that follow you until done"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.action_add: QAction | None = None

    def build(self, context: ScreenContext) -> QWidget:
        # Imported here: the page is built the first time it is shown.
        from ldboard.ui.retro.page import RetroPage

        page = RetroPage(context, context.window)
        page.log.iterations_changed.connect(self._update_actions)
        return page

    def bind(self, context: ScreenContext) -> QWidget | None:
        old = super().bind(context)
        context.session.changed.connect(self._update_actions)
        self._update_actions()
        return old

    def create_actions(self) -> list[MenuEntry]:
        action = QAction("Add &Retrospective Entry", self.window)
        action.setObjectName("actionAddRetroEntry")
        action.setShortcut(QKeySequence(ADD_SHORTCUT))
        tip = "Write in the retrospective: the cursor goes to the entry box of the current lane"
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(self.add_entry)
        self.action_add = action
        self._update_actions()
        return [(MENU, None), (MENU, action)]

    def _update_actions(self, *_args: object) -> None:
        if self.action_add is None:
            return
        context = self.context
        writable = context is not None and not context.session.read_only
        has_iteration = context is not None and bool(context.session.board.iterations())
        self.action_add.setEnabled(writable and has_iteration)

    def set_read_only(self, read_only: bool) -> None:
        self._update_actions()

    def add_entry(self) -> None:
        if self.context is None or self.context.session.read_only:
            return
        self.context.open_view(self.object_name, None)
        page = self.built
        if page is not None:
            page.focus_entry_box()  # type: ignore[attr-defined]

    def reveal(self, subject: object) -> None:
        page = self.page()
        if page is not None and isinstance(subject, int):
            page.select_iteration(subject)  # type: ignore[attr-defined]

    def shown(self) -> None:
        page = self.built
        if page is not None:
            page.panels[page.current_kind].view.setFocus(Qt.FocusReason.ShortcutFocusReason)  # type: ignore[attr-defined]

    def shortcut_help(self) -> list[tuple[str, list[tuple[str, str]]]]:
        rows = [
            (name, keys)
            for _a, name, keys in shortcut_rows([self.action_add] if self.action_add else [])
        ]
        rows += [
            ("Add the typed entry to the lane", "Return (in a lane's entry box)"),
            ("Edit an entry's text in place", "F2, double-click"),
            ("Edit an action's owner, due date and initiative", "Return"),
            ("Tick an action done, or open it again", "Space"),
            ("Move an entry up or down in its lane", "Ctrl+Up, Ctrl+Down"),
            ("Move an entry to the neighbouring lane", "Ctrl+Left, Ctrl+Right"),
            ("Delete an entry", "Delete"),
        ]
        return [("In the retrospective", rows)]
