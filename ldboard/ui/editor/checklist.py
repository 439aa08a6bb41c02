"""The Checklist tab: lines to tick, rename, reorder, add and remove.

Lines are only edited in the list; they reach the file with everything else
when the card is saved.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ldboard.ops import ChecklistEntry
from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.widgets import EntryLine, make_hint


class ChecklistPage(FormBuilder):
    """Builds the Checklist tab and its add, remove and move actions."""

    def _build_checklist(self, page: QWidget) -> None:
        self.checklist_list = QListWidget()
        self.checklist_list.setSpacing(1)
        self.checklist_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.checklist_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.checklist_list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.checklist_list.itemChanged.connect(partial(self._edited, "checklist"))
        self.checklist_list.itemChanged.connect(self._update_checklist_buttons)
        self.checklist_list.model().rowsMoved.connect(partial(self._edited, "checklist"))
        self.checklist_list.model().rowsRemoved.connect(partial(self._edited, "checklist"))
        self.checklist_list.model().rowsInserted.connect(partial(self._edited, "checklist"))
        self.checklist_list.currentRowChanged.connect(self._update_checklist_buttons)
        box = self._register("checklist", self.checklist_list, "Checklist", self._checklist_key)
        self.checklist_list.setAccessibleDescription(
            "Space ticks a line, F2 renames it, Delete removes it, Ctrl+Up and Ctrl+Down move it."
        )

        self.checklist_up = QPushButton("Move &up")
        self.checklist_up.setObjectName("checklistUp")
        self.checklist_up.clicked.connect(partial(self._move_checklist_line, -1))
        self.checklist_down = QPushButton("Move do&wn")
        self.checklist_down.setObjectName("checklistDown")
        self.checklist_down.clicked.connect(partial(self._move_checklist_line, 1))
        self.checklist_remove = QPushButton("Re&move")
        self.checklist_remove.setObjectName("checklistRemove")
        self.checklist_remove.clicked.connect(self._remove_checklist_line)
        for sequence, slot in (
            (QKeySequence.StandardKey.Delete, self._remove_checklist_line),
            ("Ctrl+Up", partial(self._move_checklist_line, -1)),
            ("Ctrl+Down", partial(self._move_checklist_line, 1)),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self.checklist_list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        side = QVBoxLayout()
        side.addWidget(self.checklist_up)
        side.addWidget(self.checklist_down)
        side.addSpacing(12)
        side.addWidget(self.checklist_remove)
        side.addStretch(1)

        self.checklist_new = EntryLine()
        self.checklist_new.setObjectName("checklistNewLine")
        self.checklist_new.setAccessibleName("New checklist line")
        self.checklist_new.setPlaceholderText("e.g. Interview three top performers")
        self.checklist_new.submitted.connect(self._add_checklist_line)
        self.checklist_add = QPushButton("&Add")
        self.checklist_add.setObjectName("checklistAdd")
        self.checklist_add.setAutoDefault(False)
        self.checklist_add.clicked.connect(self._add_checklist_line)
        self.checklist_new.textChanged.connect(self._update_checklist_buttons)
        for button in (self.checklist_up, self.checklist_down, self.checklist_remove):
            button.setAutoDefault(False)

        self.checklist_progress = make_hint("")
        self.checklist_progress.setObjectName("checklistProgress")

        grid = QGridLayout(page)
        grid.addWidget(self._buddy("C&hecklist:", self.checklist_list), 0, 0)
        grid.addWidget(self.checklist_progress, 0, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(box, 1, 0)
        grid.addLayout(side, 1, 1)
        new_row = QHBoxLayout()
        new_row.addWidget(self._buddy("&New line:", self.checklist_new))
        new_row.addWidget(self.checklist_new, 1)
        new_row.addWidget(self.checklist_add)
        grid.addLayout(new_row, 2, 0, 1, 2)
        grid.setRowStretch(1, 1)

    def _checklist_entries(self) -> list[ChecklistEntry]:
        entries = []
        for row in range(self.checklist_list.count()):
            line = self.checklist_list.item(row)
            entries.append(
                ChecklistEntry(
                    line.text(),
                    line.checkState() == Qt.CheckState.Checked,
                    line.data(Qt.ItemDataRole.UserRole),
                )
            )
        return entries

    def _checklist_key(self) -> tuple[tuple[int | None, str, bool], ...]:
        return tuple((e.id, e.text, e.done) for e in self._checklist_entries())

    def _append_checklist_entry(self, text: str, done: bool, entry_id: int | None) -> None:
        line = QListWidgetItem(text)
        line.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        line.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
        line.setData(Qt.ItemDataRole.UserRole, entry_id)
        self.checklist_list.addItem(line)

    def _add_checklist_line(self) -> None:
        text = self.checklist_new.text().strip()
        if not text:
            return
        self._append_checklist_entry(text, False, None)
        self.checklist_list.setCurrentRow(self.checklist_list.count() - 1)
        self.checklist_new.clear()
        self.checklist_new.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_checklist_buttons()

    def _remove_checklist_line(self) -> None:
        row = self.checklist_list.currentRow()
        if row < 0:
            return
        self.checklist_list.takeItem(row)
        self._update_checklist_buttons()

    def _move_checklist_line(self, step: int) -> None:
        row = self.checklist_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.checklist_list.count():
            return
        line = self.checklist_list.takeItem(row)
        self.checklist_list.insertItem(target, line)
        self.checklist_list.setCurrentRow(target)
        self._update_checklist_buttons()

    def _update_checklist_buttons(self, *_: object) -> None:
        row = self.checklist_list.currentRow()
        count = self.checklist_list.count()
        self.checklist_up.setEnabled(row > 0)
        self.checklist_down.setEnabled(0 <= row < count - 1)
        self.checklist_remove.setEnabled(row >= 0)
        self.checklist_add.setEnabled(bool(self.checklist_new.text().strip()))
        done = sum(e.done for e in self._checklist_entries())
        self.checklist_progress.setText(f"{done} of {count} done" if count else "No lines yet")
