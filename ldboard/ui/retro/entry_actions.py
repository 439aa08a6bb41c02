"""What a person can do to retrospective entries, each through the session.

Every request from the lanes (a key, a click on a card's part, the context
menu, the entry boxes) ends here and becomes one ``session.perform`` of a
retro operation, so it is one undoable step and a refusal becomes a message.
Nothing here touches a model: the lanes follow the change notification.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ldboard import ops
from ldboard.ui.retro.action_dialog import ActionDialog
from ldboard.ui.retro.log import RetroLog
from ldboard.ui.retro.rows import LANES, EntryRow
from ldboard.ui.screen import ScreenContext

LANE_ORDER = [kind for kind, _ in LANES]


class EntryActions(QObject):
    def __init__(
        self, context: ScreenContext, log: RetroLog, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.session = context.session
        self.log = log
        #: The action dialog last opened (tests and the page reach it here).
        self.dialog: ActionDialog | None = None

    def row(self, entry_id: int) -> EntryRow | None:
        found = self.log.find(entry_id)
        return found[0].row(found[1]) if found else None

    # --- the operations ----------------------------------------------------------------

    def add(self, kind: str, text: str) -> bool:
        """A new entry at the end of a lane; ``False`` when nothing was added."""
        iteration_id = self.log.selected_id
        if iteration_id is None or not text.strip() or self.session.read_only:
            return False
        change = self.session.perform(ops.add_retro_entry, iteration_id, kind, text)
        return change is not None

    def delete(self, entry_id: int) -> None:
        row = self.row(entry_id)
        if row is None or row.carried or self.session.read_only:
            return
        if self.session.perform(ops.delete_retro_entry, entry_id):
            self.context.show_message("Entry deleted. Edit → Undo brings it back.")

    def toggle(self, entry_id: int, done: bool) -> None:
        """Tick an action done in the retrospective on screen (or open it again)."""
        row = self.row(entry_id)
        if row is None or not row.is_action or self.session.read_only:
            return
        self.session.perform(ops.set_action_done, entry_id, done, iteration_id=self.log.selected_id)

    def open_link(self, item_id: int) -> None:
        self.context.open_item(item_id)

    def details(self, entry_id: int) -> ActionDialog | None:
        """Open the action's details (owner, due date, initiative) for editing."""
        entry = self.session.board.retro_entry(entry_id)
        if entry is None or entry.kind != "action" or self.session.read_only:
            return None
        dialog = ActionDialog(self.session, entry, self.context.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def move(self, entry_id: int, kind: str, index: int) -> None:
        if self.session.read_only:
            return
        self.session.perform(ops.move_retro_entry, entry_id, kind, index)

    def nudge(self, entry_id: int, direction: str) -> None:
        """Ctrl+arrows: one place up or down in the lane, or to the neighbouring
        lane at the same height."""
        found = self.log.find(entry_id)
        if found is None or found[0].kind is None:
            return
        model, row = found
        kind = model.kind
        assert kind is not None
        if direction in ("up", "down"):
            target = row - 1 if direction == "up" else row + 1
            if 0 <= target < model.rowCount():
                self.move(entry_id, kind, target)
            return
        step = -1 if direction == "left" else 1
        position = LANE_ORDER.index(kind) + step
        if 0 <= position < len(LANE_ORDER):
            other = LANE_ORDER[position]
            self.move(entry_id, other, min(row, self.log.lanes[other].rowCount()))

    def request(self, what: str, entry_id: int) -> None:
        """A key pressed on an entry (see ``LaneView.entry_requested``)."""
        row = self.row(entry_id)
        if row is None:
            return
        if what == "delete":
            self.delete(entry_id)
        elif what == "toggle":
            self.toggle(entry_id, not row.done)
        elif what == "details":
            self.details(entry_id)
        else:
            self.nudge(entry_id, what)

    # --- the context menu ----------------------------------------------------------------

    def menu(self, entry_id: int, parent: QWidget, edit_text: object) -> QMenu:
        """The context menu of an entry; ``edit_text`` starts editing it in place."""
        row = self.row(entry_id)
        menu = QMenu(parent)
        menu.setObjectName("retroEntryMenu")
        if row is None:
            return menu
        writable = not self.session.read_only

        def add(name: str, text: str, slot: object, keys: str = "") -> QAction:
            action = menu.addAction(text)
            action.setObjectName(name)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)  # type: ignore[arg-type]
            return action

        if writable:
            add("retroEditText", "&Edit Text", edit_text, "F2")
        if row.is_action and writable:
            add(
                "retroEditAction",
                "Owner, Due Date && &Initiative…",
                lambda: self.details(row.id),
                "Return",
            )
            label = "Mark as &Open Again" if row.done else "Mark as &Done"
            add("retroToggleDone", label, lambda: self.toggle(row.id, not row.done), "Space")
        if row.entry.item_id is not None:
            item_id = row.entry.item_id
            add("retroOpenInitiative", f"Open {row.item_key}", lambda: self.open_link(item_id))
        if writable and not row.carried:
            move_menu = menu.addMenu("&Move To")
            move_menu.setObjectName("retroMoveMenu")
            for kind, title in LANES:
                if kind == row.entry.kind:
                    continue
                action = move_menu.addAction(title)
                action.setObjectName(f"retroMoveTo_{kind}")
                count = self.log.lanes[kind].rowCount()
                action.triggered.connect(
                    lambda _=False, kind=kind, count=count: self.move(row.id, kind, count)
                )
            menu.addSeparator()
            add("retroDeleteEntry", "&Delete", lambda: self.delete(row.id), "Delete")
        return menu
