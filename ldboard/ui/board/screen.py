"""The board as a screen of the main window, with the card actions it owns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ldboard.ops.scoring import score_weights, scoring_mode, set_scoring
from ldboard.ui.board.board_view import BoardView
from ldboard.ui.common.shortcuts import shortcut_rows
from ldboard.ui.screen import MenuEntry, Screen, ScreenContext


class BoardScreen(Screen):
    object_name = "boardView"
    title = "&Board"
    action_name = "actionViewBoard"
    shortcut = "Ctrl+1"
    tip = "The Kanban board"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.card_actions: list[QAction] = []
        self._read_only = False

    def build(self, context: ScreenContext) -> QWidget:
        view = BoardView(context, context.window)
        view.set_card_actions(self.card_actions)
        view.current_card_changed.connect(self._update_card_actions)
        view.open_card_requested.connect(context.open_item)
        view.status_message.connect(context.show_message)
        return view

    def view(self) -> BoardView | None:
        page = self.page()
        assert page is None or isinstance(page, BoardView)
        return page

    def create_actions(self) -> list[MenuEntry]:
        """Card actions act on the current card; they are shortcuts of the column
        views only, so typing in a text field never archives or moves a card by
        accident."""
        edit, archive, delete = (
            self._card_action("actionEditItem", "&Edit Item…", self._edit, ["Return", "Enter"]),
            self._card_action("actionArchiveItem", "&Archive Item", self._archive, "Delete"),
            self._card_action("actionDeleteItem", "&Delete Item…", self._delete, "Shift+Delete"),
        )
        moves = [
            self._card_action(
                "actionMoveLeft", "Move to &Previous Stage", lambda: self._move(-1), "Ctrl+Left"
            ),
            self._card_action(
                "actionMoveRight", "Move to &Next Stage", lambda: self._move(1), "Ctrl+Right"
            ),
            self._card_action(
                "actionMoveUp", "Move &Up (Higher Priority)", lambda: self._reorder(-1), "Ctrl+Up"
            ),
            self._card_action(
                "actionMoveDown",
                "Move Dow&n (Lower Priority)",
                lambda: self._reorder(1),
                "Ctrl+Down",
            ),
        ]
        self.card_actions = [edit, archive, delete, *moves]
        scoring = QAction("Priority &Score…", self.window)
        scoring.setObjectName("actionPriorityScore")
        scoring.setStatusTip("Prioritise by impact ÷ effort or by a weighted score")
        scoring.triggered.connect(self.choose_scoring)
        return [
            ("&Edit", scoring),
            ("&Item", edit),
            ("&Item", None),
            *(("&Item", action) for action in moves),
            ("&Item", None),
            ("&Item", archive),
            ("&Item", delete),
        ]

    def choose_scoring(self) -> None:
        """Ask which score the board prioritises by; OK applies it as one undoable change."""
        from ldboard.ui.common.scoring_dialog import ScoringDialog

        if self.context is None:
            return
        session, window = self.context.session, self.context.window
        dialog = ScoringDialog(scoring_mode(session.board), score_weights(session.board), window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: session.perform(set_scoring, dialog.mode(), dialog.weights())
        )
        self.scoring_dialog = dialog
        dialog.open()

    def _card_action(self, name: str, text: str, slot: object, shortcut: str | list) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        action.setEnabled(False)
        return action

    def current_card(self) -> int | None:
        view = self.built
        return view.current_card() if isinstance(view, BoardView) else None

    def _update_card_actions(self, item_id: object) -> None:
        has_card = item_id is not None
        for action in self.card_actions:
            # Edit stays available on a read-only board: the editor then only shows.
            allowed = not self._read_only or action.objectName() == "actionEditItem"
            action.setEnabled(has_card and allowed)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_card_actions(self.current_card())

    def shortcut_help(self) -> list[tuple[str, list[tuple[str, str]]]]:
        rows = [(name, keys) for _action, name, keys in shortcut_rows(self.card_actions)]
        rows += [
            ("Open the card menu (edit, move to stage, archive, delete)", "Menu, Shift+F10"),
            ("Move between cards", "Up, Down"),
            ("Move to the neighbouring column", "Left, Right"),
        ]
        return [("On the board (a card selected)", rows)]

    def shown(self) -> None:
        view = self.view()
        if view is not None:
            view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_item(self, item_id: int) -> None:
        view = self.view()
        if view is not None:
            view.select_card(item_id)

    def _edit(self) -> None:
        item_id = self.current_card()
        if item_id is not None and self.context is not None:
            self.context.open_item(item_id)

    def _archive(self) -> None:
        view = self.view()
        if view is not None:
            view.archive_current()

    def _delete(self) -> None:
        view = self.view()
        if view is not None:
            view.delete_current()

    def _move(self, step: int) -> None:
        view = self.view()
        if view is not None:
            view.move_current_to_neighbour(step)

    def _reorder(self, step: int) -> None:
        view = self.view()
        if view is not None:
            view.move_current_within_column(step)
