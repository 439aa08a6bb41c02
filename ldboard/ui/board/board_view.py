"""The Kanban board: one column panel per stage, side by side.

The columns share the window's width (between ``theme.COLUMN_MIN_WIDTH`` and
``theme.COLUMN_MAX_WIDTH``), so a usual board fits without scrolling; only a
board with more columns than fit scrolls sideways.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ldboard import ops
from ldboard.domain.enums import ColumnCategory
from ldboard.ui.board.card_menu import build_card_menu
from ldboard.ui.board.column_panel import ColumnPanel
from ldboard.ui.board.column_view import ColumnView
from ldboard.ui.cards.avatar_colors import AvatarColors
from ldboard.ui.cards.card_delegate import CardDelegate
from ldboard.ui.cards.card_painter import CardPainter
from ldboard.ui.common import theme
from ldboard.ui.screen import ScreenContext


class BoardView(QScrollArea):
    """Hosts the column panels and carries out card and column gestures.

    It keeps track of the *current card* (the current row of the column view
    that last had focus) so window actions such as Edit or Archive know what
    to act on. Only that column shows a selected card: selecting a card in
    one column clears the highlight in every other.
    """

    current_card_changed = Signal(object)  # item id or None
    open_card_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, context: ScreenContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardView")
        self.setAccessibleName("Board")
        self.context = context
        self.board_model = board_model = context.cards
        self.session = context.session
        self.prompter = context.prompter
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

        self.avatar_colors = AvatarColors(p.id for p in self.session.board.people())
        self.painter = CardPainter(
            self.font(),
            thresholds=lambda: board_model.thresholds,
            is_done=board_model.is_done_column,
            today=self.session.board.today,
            avatar_colors=self.avatar_colors,
            current_iteration=board_model.active_iteration_id,
        )
        self.delegate = CardDelegate(self.painter, self)
        self.session.read_only_changed.connect(self._read_only_changed)
        self.canvas = QWidget(self)
        self.canvas.setObjectName("boardCanvas")
        self.row = QHBoxLayout(self.canvas)
        self.row.setContentsMargins(10, 10, 10, 10)
        self.row.setSpacing(10)
        self.add_column_button = QToolButton(self.canvas)
        self.add_column_button.setObjectName("addColumnButton")
        self.add_column_button.setText("+")
        self.add_column_button.setToolTip("Add a column at the end of the board")
        self.add_column_button.setAccessibleName("Add column")
        self.add_column_button.setEnabled(not self.session.read_only)
        self.add_column_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.add_column_button.clicked.connect(lambda: self.add_column(len(self.panels)))
        self.setWidget(self.canvas)

        self.panels: dict[int, ColumnPanel] = {}
        self._card_actions: list[QAction] = []
        self._active_column: int | None = None
        self._column_width = theme.COLUMN_WIDTH
        #: The open card menu (right click or the Menu key on a card), if any.
        self.card_menu: QMenu | None = None
        #: The open WIP-limit dialog, if any.
        self.wip_dialog: QDialog | None = None
        self.rebuild()
        board_model.columns_changed.connect(self.rebuild)
        board_model.cards_changed.connect(self.refresh_headers)
        board_model.filter_changed.connect(self.refresh_headers)
        board_model.settings_changed.connect(self._repaint_cards)
        board_model.vocabulary_changed.connect(self._people_changed)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    # --- columns ------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Match the panels to the board's columns, reusing panels that still exist."""
        columns = self.board_model.columns
        wanted = {c.id for c in columns}
        for column_id in list(self.panels):
            if column_id not in wanted:
                panel = self.panels.pop(column_id)
                self.row.removeWidget(panel)
                panel.hide()
                panel.deleteLater()
                if self._active_column == column_id:
                    self._active_column = None
        while self.row.count():
            self.row.takeAt(0)
        for position, column in enumerate(columns):
            panel = self.panels.get(column.id)
            if panel is None:
                panel = self._make_panel(column.id)
                self.panels[column.id] = panel
            panel.refresh(column)
            panel.set_place(first=position == 0, last=position == len(columns) - 1)
            self.row.addWidget(panel)
        self.row.addWidget(self.add_column_button, 0, Qt.AlignmentFlag.AlignTop)
        self.row.addStretch(1)
        self._fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def column_width(self) -> int:
        """The width every column has now."""
        return self._column_width

    def _fit_columns(self) -> None:
        """Share the visible width between the columns, within the width bounds."""
        count = len(self.panels)
        if not count:
            return
        margins = self.row.contentsMargins()
        fixed = (
            margins.left()
            + margins.right()
            + self.add_column_button.sizeHint().width()
            + self.row.spacing() * count
        )
        share = (self.viewport().width() - fixed) // count
        width = max(theme.COLUMN_MIN_WIDTH, min(theme.COLUMN_MAX_WIDTH, share))
        self._column_width = width
        for panel in self.panels.values():
            if panel.width() != width or panel.minimumWidth() != width:
                panel.setFixedWidth(width)

    def _read_only_changed(self, read_only: bool) -> None:
        self.add_column_button.setEnabled(not read_only)
        for panel in self.panels.values():
            panel.set_read_only(read_only)

    def _make_panel(self, column_id: int) -> ColumnPanel:
        column = self.board_model.column(column_id)
        assert column is not None
        model = self.board_model.column_model(column_id)
        panel = ColumnPanel(self.session, column, model, self.delegate, self.canvas)
        panel.setFixedWidth(self._column_width)
        panel.set_read_only(self.session.read_only)
        panel.command_requested.connect(self.run_column_command)
        panel.card_created.connect(lambda item_id: self.status_message.emit("Added."))
        view = panel.view
        view.addActions(self._card_actions)
        view.neighbour_requested.connect(lambda step, v=view: self._focus_neighbour(v, step))
        view.open_requested.connect(self.open_card_requested)
        view.current_card_changed.connect(lambda item, v=view: self._view_current_changed(v, item))
        view.selection_taken.connect(lambda v=view: self._clear_other_highlights(v))
        view.card_menu_requested.connect(self.show_card_menu)
        return panel

    def set_card_actions(self, actions: list[QAction]) -> None:
        """Make the card shortcuts work in every column view (and future ones)."""
        self._card_actions = list(actions)
        for panel in self.panels.values():
            panel.view.addActions(self._card_actions)

    def refresh_headers(self) -> None:
        for column in self.board_model.columns:
            panel = self.panels.get(column.id)
            if panel is not None:
                panel.refresh(column)

    def column_view(self, column_id: int) -> ColumnView:
        return self.panels[column_id].view

    def panel(self, column_id: int) -> ColumnPanel:
        return self.panels[column_id]

    def _repaint_cards(self) -> None:
        """Cards look different (new thresholds recolour every badge, new people
        recolour avatars): drop the cached renderings."""
        self.delegate.clear_cache()
        for panel in self.panels.values():
            panel.view.viewport().update()

    def _people_changed(self) -> None:
        if self.avatar_colors.update(p.id for p in self.session.board.people()):
            self._repaint_cards()

    def intake_column(self) -> int | None:
        """Where new requests go: the first backlog stage (else the first column)."""
        columns = self.board_model.columns
        for column in columns:
            if column.category == ColumnCategory.BACKLOG:
                return column.id
        return columns[0].id if columns else None

    # --- current card -------------------------------------------------------------------

    def current_card(self) -> int | None:
        if self._active_column is None or self._active_column not in self.panels:
            return None
        return self.panels[self._active_column].view.current_item_id()

    def current_column(self) -> int | None:
        if self._active_column in self.panels:
            return self._active_column
        columns = self.board_model.columns
        return columns[0].id if columns else None

    def select_card(self, item_id: int) -> bool:
        """Show, select and focus a card wherever it is."""
        card = self.board_model.card(item_id)
        if card is None or card.column_id not in self.panels:
            return False
        view = self.panels[card.column_id].view
        if not view.select_item(item_id):
            return False
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._active_column = card.column_id
        self._clear_other_highlights(view)
        self.ensureWidgetVisible(self.panels[card.column_id], 20, 0)
        self.current_card_changed.emit(item_id)
        return True

    def focus_first_card(self) -> bool:
        """Put the keyboard on the first card of the first non-empty column."""
        for column in self.board_model.columns:
            view = self.panels[column.id].view
            if view.column_model().rowCount():
                view.setFocus(Qt.FocusReason.OtherFocusReason)
                if not view.currentIndex().isValid():
                    view.select_row(0)
                self._active_column = column.id
                self._clear_other_highlights(view)
                return True
        return False

    def _clear_other_highlights(self, keep: ColumnView) -> None:
        """Only one card on the board looks selected: the one in ``keep``."""
        for panel in self.panels.values():
            if panel.view is not keep:
                panel.view.clear_highlight()

    def _view_current_changed(self, view: ColumnView, item_id: int | None) -> None:
        column_id = view.column_model().column_id
        if view.hasFocus() or self._active_column in (None, column_id):
            self._active_column = column_id
            self.current_card_changed.emit(item_id)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, ColumnView) and new.column_model().column_id in self.panels:
            column_id = new.column_model().column_id
            if column_id != self._active_column:
                self._active_column = column_id
                self.current_card_changed.emit(new.current_item_id())

    def _focus_neighbour(self, view: ColumnView, step: int) -> None:
        order = [c.id for c in self.board_model.columns]
        position = order.index(view.column_model().column_id) + step
        if not 0 <= position < len(order):
            return
        row = max(view.currentIndex().row(), 0)
        target = self.panels[order[position]].view
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        target.select_row(row)
        self.ensureWidgetVisible(self.panels[order[position]], 20, 0)

    # --- card commands (the Item menu and its shortcuts) ----------------------------------

    def move_current_to_neighbour(self, step: int) -> None:
        """Ctrl+Left / Ctrl+Right: the card changes stage, keeping its row if possible."""
        item_id = self.current_card()
        if item_id is None:
            return
        card = self.board_model.card(item_id)
        assert card is not None
        order = [c.id for c in self.board_model.columns]
        position = order.index(card.column_id) + step
        if 0 <= position < len(order):
            self.move_current_to_column(order[position])

    def move_current_to_column(self, column_id: int) -> None:
        """The current card goes to another stage, keeping its row if possible
        (the keyboard moves and the card menu's "Move to Stage")."""
        item_id = self.current_card()
        if item_id is None:
            return
        card = self.board_model.card(item_id)
        assert card is not None
        if card.column_id == column_id or column_id not in self.panels:
            return
        row = self.panels[card.column_id].view.currentIndex().row()
        index = self.board_model.column_model(column_id).position_for_drop(item_id, row)
        if self.session.perform(ops.move_item, item_id, column_id, index):
            self.select_card(item_id)

    def show_card_menu(self, item_id: int, where: QPoint) -> QMenu | None:
        """The card's context menu: the Item menu's card actions, plus Move to Stage."""
        card = self.board_model.card(item_id)
        if card is None or not self.select_card(item_id):
            return None
        if self.card_menu is not None:
            self.card_menu.close()
            self.card_menu.deleteLater()
        self.card_menu = build_card_menu(
            self,
            card,
            self.board_model,
            {action.objectName(): action for action in self._card_actions},
            self.move_current_to_column,
        )
        self.card_menu.popup(where)
        return self.card_menu

    def move_current_within_column(self, step: int) -> None:
        """Ctrl+Up / Ctrl+Down: the card swaps places with its visible neighbour."""
        item_id = self.current_card()
        if item_id is None:
            return
        card = self.board_model.card(item_id)
        assert card is not None
        model = self.board_model.column_model(card.column_id)
        row = model.row_of(item_id)
        target_row = row - 1 if step < 0 else row + 2
        if target_row < 0 or row + step >= model.rowCount():
            return
        index = model.position_for_drop(item_id, target_row)
        if self.session.perform(ops.move_item, item_id, card.column_id, index):
            self.select_card(item_id)

    def archive_current(self) -> None:
        item_id = self.current_card()
        if item_id is None:
            return
        card = self.board_model.card(item_id)
        assert card is not None
        row = self.panels[card.column_id].view.currentIndex().row()
        if self.session.perform(ops.archive_item, item_id):
            self.panels[card.column_id].view.select_row(row)
            self.status_message.emit(f"Archived {card.key}. Undo with Ctrl+Z.")

    def delete_current(self) -> None:
        item_id = self.current_card()
        if item_id is None:
            return
        card = self.board_model.card(item_id)
        assert card is not None
        question = (
            f"Delete {card.key} “{card.title}” permanently, with its checklist and notes?\n\n"
            "Archive it instead if you may want it back later. "
            "Edit → Undo can still bring it back until you close this board."
        )
        if self.prompter.confirm("Delete item", question, "Delete"):
            self.session.perform(ops.delete_item, item_id)

    # --- column commands ---------------------------------------------------------------------

    def run_column_command(self, command: str, column_id: int) -> None:
        column = self.board_model.column(column_id)
        if column is None:
            return
        order = [c.id for c in self.board_model.columns]
        position = order.index(column_id)
        if command == "add_item":
            self.new_item_in(column_id)
        elif command == "rename":
            name = self.prompter.text("Rename column", "Column name:", column.name)
            if name is not None:
                self.session.perform(ops.rename_column, column_id, name)
        elif command == "wip":
            self._ask_wip_limit(column_id, column.wip_limit)
        elif command == "move_left" and position > 0:
            self.session.perform(ops.move_column, column_id, position - 1)
        elif command == "move_right" and position < len(order) - 1:
            self.session.perform(ops.move_column, column_id, position + 1)
        elif command == "add_after":
            self.add_column(position + 1)
        elif command == "remove":
            self.remove_column(column_id)
        elif command == "prioritise":
            change = self.session.perform(ops.prioritise_column, column_id)
            if change is None:
                self.status_message.emit(f"“{column.name}” is already in score order.")

    def _ask_wip_limit(self, column_id: int, current: int | None) -> QDialog:
        from ldboard.ui.board.wip_limit_dialog import WipLimitDialog

        column = self.board_model.column(column_id)
        assert column is not None
        count = self.board_model.column_model(column_id).total_count()
        if self.wip_dialog is not None:
            self.wip_dialog.close()
            self.wip_dialog.deleteLater()
        dialog = WipLimitDialog(column.name, count, current, self.window())
        dialog.accepted.connect(
            lambda: self.session.perform(ops.set_wip_limit, column_id, dialog.value())
        )
        self.wip_dialog = dialog
        dialog.open()
        return dialog

    def new_item_in(self, column_id: int) -> object:
        """The card editor for a new initiative in ``column_id`` (the column menu's
        "Add Item Here…"); the window selects the new card once it is saved."""
        return self.context.new_item(column_id)

    def add_column(self, index: int) -> None:
        name = self.prompter.text("Add column", "Name of the new column:")
        if name is not None:
            self.session.perform(ops.add_column, name, index=index)

    def remove_column(self, column_id: int) -> None:
        column = self.board_model.column(column_id)
        assert column is not None
        total = self.session.board.rows("items", "column_id = ?", (column_id,))
        if not total:
            if self.prompter.confirm(
                "Remove column", f"Remove the empty column “{column.name}”?", "Remove"
            ):
                self.session.perform(ops.remove_column, column_id)
            return
        others = [c for c in self.board_model.columns if c.id != column_id]
        if not others:
            self.prompter.warn("Remove column", "A board needs at least one column.")
            return
        archived = sum(1 for row in total if row["archived_at"] is not None)
        detail = f" ({archived} archived)" if archived else ""
        label = (
            f"“{column.name}” holds {len(total)} item{'s' if len(total) != 1 else ''}{detail}.\n"
            "Move them to:"
        )
        choice = self.prompter.choose("Remove column", label, [c.name for c in others])
        if choice is not None:
            self.session.perform(ops.remove_column, column_id, move_items_to=others[choice].id)
