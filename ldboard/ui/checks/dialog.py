"""View → Due Checks: every open evaluation check due by today, most overdue first.

Evaluation plans put dated checks on initiatives ("win rate at 90 days, from
the CRM"); this list is where the Measuring column gets worked rather than
forgotten. Marking a check done goes through the session like any change, and
the list follows the board through ``session.changed``: a check leaves the
list when the change that ticks it comes back, and returns on undo. The rows
are a ``QTreeWidget`` (no Python ``data()`` for Qt to call, DESIGN §7) read
again on each relevant change; the list is short, so reading it is instant.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.practice import EvaluationCheck
from ldboard.ops.evaluation import set_check_done
from ldboard.store import Change
from ldboard.ui.common import theme
from ldboard.ui.common.session import BoardSession
from ldboard.ui.editor import CardEditor

HEADERS = ("Due", "Item", "What is checked", "How")
DUE, ITEM, WHAT, HOW = range(len(HEADERS))
CHECK_ID_ROLE = Qt.ItemDataRole.UserRole
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
EMPTY_TEXT = (
    "No checks are due. Plan dated checks on a card's Measure tab; "
    "they show here on the day they fall due."
)
#: Changes to these tables can add, remove or rename a due check.
_WATCHED = ("evaluation_checks", "evaluation_plans", "items")

OpenItem = Callable[[int], QDialog]


def due_text(due: str, today: date) -> str:
    """ "Due today", "1 day overdue", "12 days overdue"."""
    try:
        late = (today - date.fromisoformat(due)).days
    except ValueError:
        return due
    if late <= 0:
        return "Due today"
    return f"{late} day overdue" if late == 1 else f"{late} days overdue"


class DueChecksDialog(QDialog):
    """The checks due by today; Open Item shows a card's Measure tab, Mark Done ticks them."""

    def __init__(
        self,
        session: BoardSession,
        open_item: OpenItem | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._open_item = open_item
        self.setObjectName("dueChecksDialog")
        self.setWindowTitle("Due checks")
        self.setAccessibleName("Due checks")
        self.setModal(False)
        self.resize(820, 420)

        self.list = QTreeWidget(self)
        self.list.setObjectName("dueChecksList")
        self.list.setAccessibleName("Checks due by today, most overdue first")
        self.list.setHeaderLabels(list(HEADERS))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HOW, QHeaderView.ResizeMode.Stretch)
        self.list.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.list.itemSelectionChanged.connect(self._update_buttons)

        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setObjectName("dueChecksEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)
        self.empty_label.setStyleSheet(f"color: {theme.MUTED_TEXT.name()};")
        self._stack = QStackedLayout()
        self._stack.addWidget(self.list)
        self._stack.addWidget(self.empty_label)

        self.open_button = self._button("Open Item", "openItemButton", self.open_selected)
        self.open_button.setToolTip("Open the card on its Measure tab (Enter)")
        self.done_button = self._button("Mark Done", "markDoneButton", self.mark_selected_done)
        self.done_button.setToolTip("Tick the selected checks done (Edit → Undo takes it back)")
        self.close_button = self._button("Close", "closeButton", self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        self.summary = QLabel(self)
        self.summary.setObjectName("dueChecksSummary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(self._stack, 1)
        layout.addLayout(buttons)

        self.reload()
        session.changed.connect(self._on_change)
        session.read_only_changed.connect(self._update_buttons)
        session.closed.connect(self._board_closed)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- reading ------------------------------------------------------------------------

    def checks(self) -> list[tuple[int, EvaluationCheck]]:
        """``(item id, check)`` in the order listed."""
        return [
            (row.data(ITEM, ITEM_ID_ROLE), self._shown[row.data(DUE, CHECK_ID_ROLE)])
            for row in (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        ]

    def reload(self) -> None:
        """Read the due checks again, keeping the selection (or its place) where it was."""
        board = self.session.board
        today = board.today()
        selected = {row.data(DUE, CHECK_ID_ROLE) for row in self.list.selectedItems()}
        current = self.list.indexOfTopLevelItem(self.list.currentItem())
        due = board.due_checks(today)
        self._shown = {check.id: check for _, check in due}
        self.list.clear()
        items = {}
        for item_id, check in due:
            if item_id not in items:
                items[item_id] = board.item(item_id)
            item = items[item_id]
            name = f"{item.key} {item.title}" if item is not None else f"Item {item_id}"
            row = QTreeWidgetItem(
                [due_text(check.due or "", today), name, check.what, check.how or "—"]
            )
            row.setData(DUE, CHECK_ID_ROLE, check.id)
            row.setData(ITEM, ITEM_ID_ROLE, item_id)
            row.setToolTip(DUE, check.due or "")
            row.setToolTip(ITEM, name)
            row.setToolTip(WHAT, check.what)
            if check.due and check.due < today.isoformat():
                row.setForeground(DUE, theme.DANGER)
            self.list.addTopLevelItem(row)
        rows = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        kept = [row for row in rows if row.data(DUE, CHECK_ID_ROLE) in selected]
        if kept:
            self.list.setCurrentItem(kept[0])
            for row in kept:
                row.setSelected(True)
        elif rows:  # the checks done left: go on with the next one (or the first)
            self.list.setCurrentItem(rows[min(max(current, 0), len(rows) - 1)])
        count = len(rows)
        self.summary.setText(
            f"{count} check{'s' if count != 1 else ''} due by today, most overdue first."
            if count
            else ""
        )
        self._stack.setCurrentWidget(self.list if rows else self.empty_label)
        self._update_buttons()

    def _on_change(self, change: Change) -> None:
        if change.touches(*_WATCHED):
            self.reload()

    def _board_closed(self) -> None:
        self.session.changed.disconnect(self._on_change)
        self.session.read_only_changed.disconnect(self._update_buttons)
        self.session.closed.disconnect(self._board_closed)
        self.close()

    def _update_buttons(self, *_: object) -> None:
        selected = bool(self.list.selectedItems())
        self.open_button.setEnabled(len(self.list.selectedItems()) == 1)
        self.done_button.setEnabled(selected and not self.session.read_only)

    # --- actions ------------------------------------------------------------------------

    def select_check(self, check_id: int) -> bool:
        for index in range(self.list.topLevelItemCount()):
            row = self.list.topLevelItem(index)
            if row.data(DUE, CHECK_ID_ROLE) == check_id:
                self.list.setCurrentItem(row)
                return True
        return False

    def mark_selected_done(self) -> None:
        """Tick every selected check done, one undo step each."""
        if self.session.read_only:
            return
        for check_id in [row.data(DUE, CHECK_ID_ROLE) for row in self.list.selectedItems()]:
            self.session.perform(set_check_done, check_id, True)

    def open_selected(self) -> QDialog | None:
        """Open the selected check's card on its Measure tab."""
        rows = self.list.selectedItems()
        if len(rows) != 1:
            return None
        item_id = rows[0].data(ITEM, ITEM_ID_ROLE)
        if self._open_item is not None:
            editor = self._open_item(item_id)
        else:
            editor = CardEditor(self.session, item_id, parent=self)
            editor.open()
        show_tab = getattr(editor, "show_tab", None)
        if show_tab is not None:
            show_tab("measureTab")
        return editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list.hasFocus():
            self.open_selected()
            return
        super().keyPressEvent(event)
