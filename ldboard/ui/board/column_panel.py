"""A column on the board: header (name, count, WIP limit, menu), cards, quick add."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.enums import ColumnCategory
from ldboard.domain.model import Column
from ldboard.domain.rules import WipState, wip_state
from ldboard.ui.board.column_view import ColumnView
from ldboard.ui.cards.card_delegate import CardDelegate
from ldboard.ui.cards.column_model import ColumnModel
from ldboard.ui.common import theme
from ldboard.ui.common.session import BoardSession


class ColumnPanel(QFrame):
    """Everything of one column. Column commands run through the session; the
    panel redraws its header when the board model says columns or cards changed."""

    #: A header command needs the board view (move column, add or remove columns).
    command_requested = Signal(str, int)  # command name, column id
    card_created = Signal(int)  # item id created by quick add

    def __init__(
        self,
        session: BoardSession,
        column: Column,
        model: ColumnModel,
        delegate: CardDelegate,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.column = column
        self.setObjectName(f"columnPanel:{column.id}")
        self.setFixedWidth(theme.COLUMN_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)

        self.header = QWidget(self)
        self.header.setObjectName("columnHeader")
        self.name_label = QLabel(self.header)
        self.name_label.setObjectName("columnName")
        self.count_label = QLabel(self.header)
        self.count_label.setObjectName("columnCount")
        self.menu_button = QToolButton(self.header)
        self.menu_button.setObjectName("columnMenuButton")
        self.menu_button.setText("⋯")
        self.menu_button.setAutoRaise(True)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self)
        self.menu.setObjectName(f"columnMenu:{column.id}")
        self.menu.setToolTipsVisible(True)
        self.menu_button.setMenu(self.menu)
        header_layout = QHBoxLayout(self.header)
        header_layout.setContentsMargins(10, 8, 4, 4)
        header_layout.addWidget(self.name_label, 1)
        header_layout.addWidget(self.count_label)
        header_layout.addWidget(self.menu_button)

        self.view = ColumnView(model, delegate, self)
        self.view.setAccessibleName(f"{column.name} cards")

        self.quick_add = QLineEdit(self)
        self.quick_add.setObjectName(f"quickAdd:{column.id}")
        self.quick_add.setPlaceholderText("+ Add an initiative")
        self.quick_add.setAccessibleName(f"Add an initiative to {column.name}")
        self.quick_add.setClearButtonEnabled(True)
        self.quick_add.returnPressed.connect(self._quick_add)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        quick_row = QHBoxLayout()
        quick_row.setContentsMargins(8, 0, 8, 0)
        quick_row.addWidget(self.quick_add)
        layout.addLayout(quick_row)

        self._build_menu()
        self.refresh(column)

    # --- header -----------------------------------------------------------------------

    def refresh(self, column: Column) -> None:
        """Show the column's current name, count and WIP state."""
        self.column = column
        model = self.view.column_model()
        total, shown = model.total_count(), model.rowCount()
        state = wip_state(total, column.wip_limit)
        self.name_label.setText(column.name)
        count = f"{shown} of {total}" if shown != total else f"{total}"
        if column.wip_limit is not None:
            count += f" / {column.wip_limit}"
        self.count_label.setText(count)
        over = state == WipState.OVER
        if self.header.property("wip") != state.value:
            # Style sheets match on the property; re-polishing is costly, so only on change.
            self.header.setProperty("wip", state.value)
            for widget in (self.header, self.count_label):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        tip = f"{total} item{'s' if total != 1 else ''}"
        if column.wip_limit is not None:
            tip += f", WIP limit {column.wip_limit}"
            if over:
                tip += f" — over the limit by {total - column.wip_limit}"
        self.count_label.setToolTip(tip)
        self.header.setAccessibleName(f"{column.name}: {tip}")
        self.view.setAccessibleName(f"{column.name} cards")
        self.quick_add.setAccessibleName(f"Add an initiative to {column.name}")
        for action in self._category_actions.actions():
            action.setChecked(action.data() == column.category)

    @property
    def over_wip_limit(self) -> bool:
        return self.header.property("wip") == WipState.OVER.value

    def set_read_only(self, read_only: bool) -> None:
        """A read-only board offers nothing to add or change in its columns."""
        self.view.read_only = read_only
        self.quick_add.setVisible(not read_only)
        self.menu_button.setEnabled(not read_only)
        self.menu_button.setToolTip("This board is read-only" if read_only else "Column commands")

    def set_place(self, *, first: bool, last: bool) -> None:
        """Where the column stands on the board: the first cannot move left, the last right."""
        self._commands["move_left"].setEnabled(not first)
        self._commands["move_right"].setEnabled(not last)

    def _build_menu(self) -> None:
        self._commands: dict[str, QAction] = {}
        menu = self.menu
        add_item = self._add_command(menu, "Add Item Here…", "add_item")
        add_item.setToolTip("Open the card editor for a new initiative in this stage")
        menu.addSeparator()
        self._add_command(menu, "Rename…", "rename")
        self._add_command(menu, "Set WIP limit…", "wip")
        category_menu = menu.addMenu("Stage type")
        self._category_actions = QActionGroup(self)
        for category in ColumnCategory:
            action = QAction(category.label, self, checkable=True)
            action.setData(category.value)
            action.triggered.connect(lambda _=False, c=category.value: self._set_category(c))
            self._category_actions.addAction(action)
            category_menu.addAction(action)
        menu.addSeparator()
        prioritise = self._add_command(menu, "Prioritise by score", "prioritise")
        prioritise.setToolTip("Order the cards by impact ÷ effort, best first (undoable)")
        menu.addSeparator()
        self._add_command(menu, "Move column left", "move_left")
        self._add_command(menu, "Move column right", "move_right")
        self._add_command(menu, "Add column after…", "add_after")
        menu.addSeparator()
        self._add_command(menu, "Remove column…", "remove")

    def _add_command(self, menu: QMenu, text: str, command: str) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(f"column_{command}")
        action.triggered.connect(lambda: self.command_requested.emit(command, self.column.id))
        self._commands[command] = action
        return action

    def command_action(self, command: str) -> QAction:
        """The header-menu action for ``command`` (e.g. "rename", "remove")."""
        return self._commands[command]

    def _set_category(self, category: str) -> None:
        self.session.perform(ops.set_column_category, self.column.id, category)

    # --- quick add --------------------------------------------------------------------

    def _quick_add(self) -> None:
        title = self.quick_add.text().strip()
        if not title:
            return
        change = self.session.perform(ops.create_item, self.column.id, title)
        if change is not None:
            self.quick_add.clear()
            item_id = next(d.key[0] for d in change.rows if d.table == "items" and d.is_insert)
            self.card_created.emit(item_id)

    def focus_quick_add(self) -> None:
        self.quick_add.setFocus(Qt.FocusReason.ShortcutFocusReason)
