"""Pieces both tabs are built from: the list view, buttons, error labels, confirmations."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QWidget,
)

from ldboard.store import Change
from ldboard.ui.common import theme


class ListView(QTreeView):
    """A flat, sortable list with a header; Delete asks to remove the current row."""

    delete_requested = Signal()

    def __init__(self, name: str, accessible: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        editing = self.state() == QAbstractItemView.State.EditingState
        if plain and not editing and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def error_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(
        f"color: {theme.DANGER.name()}; background: {theme.DANGER_BACKGROUND.name()};"
        "border-radius: 4px; padding: 4px 8px;"
    )
    label.setAccessibleName("Error")
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


def action_button(text: str, name: str, slot: Callable[[], object], parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.rstrip("…"))
    button.setAutoDefault(False)
    button.setDefault(False)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def new_row_id(change: Change | None, table: str) -> int | None:
    if change is None:
        return None
    for diff in change.diffs(table):
        if diff.is_insert:
            return int(diff.key[0])
    return None


def select_row(view: QTreeView, proxy: QSortFilterProxyModel, source_row: int) -> bool:
    if source_row < 0:
        return False
    source = proxy.sourceModel()
    index = proxy.mapFromSource(source.index(source_row, 0))
    if not index.isValid():
        return False
    view.setCurrentIndex(index)
    view.scrollTo(index)
    return True


def confirm(parent: QWidget, title: str, question: str, detail: str, action: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(question)
    box.setInformativeText(detail)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go
