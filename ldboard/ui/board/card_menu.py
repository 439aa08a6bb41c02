"""The context menu of a card on the board (right click, or the Menu key).

It holds the very ``QAction``s of the window's Item menu (Edit, Archive,
Delete), so a card's menu, the Item menu and the keyboard shortcuts do the
same thing by the same path, plus "Move to Stage", which moves the card like
Ctrl+Left / Ctrl+Right do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from ldboard.domain.cards import Card
from ldboard.ui.cards.board_model import BoardModel
from ldboard.ui.common.stages import stage_label

#: The window's card actions the menu shows, by object name, in menu order.
EDIT, ARCHIVE, DELETE = "actionEditItem", "actionArchiveItem", "actionDeleteItem"
#: The keyboard moves; "Move to Stage" is available when they are (not on a read-only board).
MOVES = ("actionMoveLeft", "actionMoveRight")


def build_card_menu(
    parent: QWidget,
    card: Card,
    board_model: BoardModel,
    actions: Mapping[str, QAction],
    move_to: Callable[[int], None],
) -> QMenu:
    menu = QMenu(parent)
    menu.setObjectName("cardMenu")
    menu.setAccessibleName(f"{card.key} actions")
    menu.setToolTipsVisible(True)
    if EDIT in actions:
        menu.addAction(actions[EDIT])
    stages = menu.addMenu("&Move to Stage")
    stages.setObjectName("cardMenuStages")
    moves = [actions[name] for name in MOVES if name in actions]
    stages.setEnabled(not moves or any(action.isEnabled() for action in moves))
    group = QActionGroup(stages)
    for column in board_model.columns:
        count = board_model.column_model(column.id).total_count()
        action = stages.addAction(stage_label(column.name, count, column.wip_limit))
        action.setObjectName(f"moveToStage:{column.id}")
        action.setData(column.id)
        action.setCheckable(True)
        group.addAction(action)
        if column.id == card.column_id:
            action.setChecked(True)
            action.setEnabled(False)
            action.setToolTip(f"{card.key} is here")
        else:
            action.triggered.connect(lambda _=False, c=column.id: move_to(c))
    menu.addSeparator()
    for name in (ARCHIVE, DELETE):
        if name in actions:
            menu.addAction(actions[name])
    return menu
