"""The archive: items hidden from the board, which can be restored or deleted for good.

``ArchiveModel`` lists the archived items and keeps in step with the board by
re-reading only the items a change touches. ``ArchiveDialog`` shows it through a
sorting and searching proxy; restoring and deleting go through the session, and
the rows update when the change comes back through ``session.changed``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedLayout,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.domain.intake import TRIAGE_LABELS, Triage
from ldboard.store import Change
from ldboard.ui.common import theme
from ldboard.ui.common.record_model import RecordTableModel
from ldboard.ui.common.session import BoardSession

Index = QModelIndex | QPersistentModelIndex

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

EMPTY_TEXT = "Nothing is archived. Archived items are hidden from the board but kept here."


@dataclass(frozen=True, slots=True)
class ArchivedEntry:
    """One archived item as the archive lists it."""

    id: int
    key: str
    title: str
    column_id: int
    archived_at: str  # the file's UTC timestamp
    #: A request's triage state (declined and resolved requests are archived at once).
    triage: str | None = None


def triage_text(triage: str | None) -> str:
    """ "Declined", "Resolved without training"… ("" for an item that was no request)."""
    if triage is None:
        return ""
    try:
        return TRIAGE_LABELS[Triage(triage)]
    except ValueError:
        return triage


def archived_moment(timestamp: str) -> datetime | None:
    """The local date and time of a file timestamp (``None`` if it cannot be read)."""
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return None
    return moment.astimezone()


class ArchiveModel(RecordTableModel):
    """Archived items of the session's board: Key, Title, Column, Archived on, Request."""

    KEY, TITLE, COLUMN, ARCHIVED, TRIAGE = range(5)
    HEADERS = ("Key", "Title", "Column", "Archived on", "Request")

    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._columns: dict[int, tuple[str, float]] = {}
        self.reload()
        session.changed.connect(self._on_change)

    # --- Qt model interface -----------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == ITEM_ID_ROLE:
            return entry.id
        if role == SORT_ROLE:
            return self._sort_value(entry, column)
        if role == SEARCH_ROLE:
            return f"{entry.key}\n{entry.title}".casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ARCHIVED:
                moment = archived_moment(entry.archived_at)
                if moment is not None:
                    return QLocale().toString(moment, QLocale.FormatType.LongFormat)
                return None
            return f"{entry.key} {entry.title}"
        return None

    # --- lookups ------------------------------------------------------------------------

    def entry(self, row: int) -> ArchivedEntry:
        return self._rows[row]

    def column_name(self, column_id: int) -> str:
        found = self._columns.get(column_id)
        return found[0] if found else "—"

    # --- keeping in step --------------------------------------------------------------

    def reload(self) -> None:
        """Read every archived item (opening the dialog)."""
        board = self._session.board
        self._read_columns()
        entries = [self._read(card.id) for card in board.cards(archived=True)]
        self.beginResetModel()
        self._rows = [entry for entry in entries if entry is not None]
        self.endResetModel()

    def _on_change(self, change: Change) -> None:
        if change.touches("columns"):
            self._read_columns()
            self.columns_changed(self.COLUMN)
        for item_id in sorted(change.item_ids()):
            self.put(item_id, self._read(item_id))

    def _read(self, item_id: int) -> ArchivedEntry | None:
        item = self._session.board.item(item_id)
        if item is None or item.archived_at is None:
            return None
        return ArchivedEntry(
            item.id, item.key, item.title, item.column_id, item.archived_at, item.triage
        )

    def _read_columns(self) -> None:
        self._columns = {c.id: (c.name, c.position) for c in self._session.board.columns()}

    # --- cells --------------------------------------------------------------------------

    def _display(self, entry: ArchivedEntry, column: int) -> str | None:
        if column == self.KEY:
            return entry.key
        if column == self.TITLE:
            return entry.title
        if column == self.COLUMN:
            return self.column_name(entry.column_id)
        if column == self.ARCHIVED:
            moment = archived_moment(entry.archived_at)
            if moment is None:
                return entry.archived_at
            day = QDate(moment.year, moment.month, moment.day)
            return QLocale().toString(day, "d MMM yyyy")
        if column == self.TRIAGE:
            return triage_text(entry.triage)
        return None

    def _sort_value(self, entry: ArchivedEntry, column: int) -> Any:
        if column == self.KEY:
            return entry.id  # keys are the prefix and the id: sort LD-9 before LD-10
        if column == self.TITLE:
            return entry.title.casefold()
        if column == self.COLUMN:
            found = self._columns.get(entry.column_id)
            return found[1] if found else float("inf")
        if column == self.ARCHIVED:
            return entry.archived_at
        if column == self.TRIAGE:
            return triage_text(entry.triage).casefold()
        return None


class ArchiveFilterModel(QSortFilterProxyModel):
    """Sorts the archive and keeps the rows whose key or title hold every search word."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    @property
    def text(self) -> str:
        return " ".join(self._terms)

    def set_text(self, text: str) -> None:
        terms = text.casefold().split()
        if terms == self._terms:
            return
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._terms = terms
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._terms = terms
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._terms:
            return True
        model = self.sourceModel()
        haystack = model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or ""
        return all(term in haystack for term in self._terms)


class ArchiveView(QTreeView):
    """The archive list: Enter restores, Delete asks to delete."""

    restore_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.doubleClicked.connect(self._double_clicked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.restore_requested.emit()
            event.accept()
            return
        if plain and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.restore_requested.emit()


class ArchiveDialog(QDialog):
    """Archived items: search, restore to the board, or delete permanently."""

    def __init__(self, session: BoardSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("archiveDialog")
        self.setWindowTitle("Archived items")
        self.setAccessibleName("Archived items")
        self.setModal(False)
        self.resize(760, 440)

        self.model = ArchiveModel(session, self)
        self.proxy = ArchiveFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setObjectName("archiveSearch")
        self.search.setAccessibleName("Search archived items")
        self.search.setPlaceholderText("Search by key or title")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)

        self.view = ArchiveView(self)
        self.view.setObjectName("archiveList")
        self.view.setAccessibleName("Archived items")
        self.view.setModel(self.proxy)
        self.view.sortByColumn(ArchiveModel.ARCHIVED, Qt.SortOrder.DescendingOrder)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ArchiveModel.KEY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ArchiveModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ArchiveModel.COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ArchiveModel.ARCHIVED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ArchiveModel.TRIAGE, QHeaderView.ResizeMode.ResizeToContents)
        self.view.restore_requested.connect(self.restore_selected)
        self.view.delete_requested.connect(self.delete_selected)

        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setObjectName("archiveEmptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)
        self.empty_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty_label.setAutoFillBackground(True)
        self.empty_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.empty_label.setStyleSheet(f"color: {theme.MUTED_TEXT.name()};")

        self._stack = QStackedLayout()
        self._stack.addWidget(self.view)
        self._stack.addWidget(self.empty_label)

        self.restore_button = self._button("Restore", "restoreButton", self.restore_selected)
        self.restore_button.setToolTip("Put the selected items back on the board (Enter)")
        self.delete_button = self._button(
            "Delete permanently…", "deleteButton", self.delete_selected
        )
        self.delete_button.setToolTip("Remove the selected items from the board file (Delete)")
        self.close_button = self._button("Close", "closeButton", self.close)

        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(self._stack, 1)
        layout.addLayout(buttons)

        self.view.selectionModel().selectionChanged.connect(self._update_state)
        for signal in (  # the proxy drops rows before the source has: follow both
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_state)
        self._update_state()

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.rstrip("…"))
        button.setAutoDefault(False)
        button.setDefault(False)
        button.clicked.connect(slot)
        return button

    # --- selection ----------------------------------------------------------------------

    def selected_entries(self) -> list[ArchivedEntry]:
        """The selected archived items, top to bottom as shown."""
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [self.model.entry(self.proxy.mapToSource(index).row()) for index in rows]

    def select_item(self, item_id: int) -> bool:
        """Select an archived item (clearing the search if it hides it)."""
        row = self.model.row_of(item_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    # --- actions ------------------------------------------------------------------------

    def restore_selected(self) -> None:
        """Put every selected item back on the board, one undo step each."""
        for entry in self.selected_entries():
            self.session.perform(ops.restore_item, entry.id)

    def delete_selected(self) -> None:
        """Delete the selected items permanently, after asking."""
        entries = self.selected_entries()
        if not entries or not self.confirm_delete(entries):
            return
        for entry in entries:
            self.session.perform(ops.delete_item, entry.id)

    def confirm_delete(self, entries: Sequence[ArchivedEntry]) -> bool:
        """Ask before deleting; ``True`` to go ahead."""
        if len(entries) == 1:
            entry = entries[0]
            question = f"Delete {entry.key} “{entry.title}” permanently?"
            detail = "It will no longer be in the archive. Edit → Undo can still bring it back."
        else:
            shown = "".join(f"<li>{e.key} “{html.escape(e.title)}”</li>" for e in entries[:10])
            if len(entries) > 10:
                shown += f"<li>and {len(entries) - 10} more</li>"
            question = f"Delete these {len(entries)} items permanently?<ul>{shown}</ul>"
            detail = "They will no longer be in the archive. Edit → Undo can still bring them back."
        box = QMessageBox(self)
        box.setObjectName("confirmDeleteBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Delete permanently")
        box.setTextFormat(Qt.TextFormat.RichText if len(entries) > 1 else Qt.TextFormat.PlainText)
        box.setText(question)
        box.setInformativeText(detail)
        delete = box.addButton("Delete permanently", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is delete

    # --- state --------------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_state()

    def _update_state(self, *_args: object) -> None:
        has_items = self.model.rowCount() > 0
        shown = self.proxy.rowCount() > 0
        if not has_items:
            self.empty_label.setText(EMPTY_TEXT)
        elif not shown:
            self.empty_label.setText(f"No archived item matches “{self.search.text().strip()}”.")
        self._stack.setCurrentWidget(self.view if shown else self.empty_label)
        self.search.setEnabled(has_items or bool(self.search.text()))
        selected = self.view.selectionModel().hasSelection()
        writable = not self.session.read_only  # a read-only board's archive is only shown
        self.restore_button.setEnabled(selected and writable)
        self.delete_button.setEnabled(selected and writable)
