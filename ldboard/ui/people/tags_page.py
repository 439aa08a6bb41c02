"""The Tags tab: add, rename in place, recolour and delete tags."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ldboard import ops
from ldboard.store import Change
from ldboard.ui.common.list_widgets import (
    ListView,
    action_button,
    confirm,
    error_label,
    new_row_id,
    select_row,
    show_error,
)
from ldboard.ui.common.session import BoardSession, Failure
from ldboard.ui.common.vocabulary_models import SortedModel, items_text
from ldboard.ui.people.tag_model import TagModel, TagRow


class TagsPageMixin:
    """The Tags tab of ``VocabularyDialog``, mixed into the dialog.

    A mixin rather than a widget of its own so the tab's widgets, models and
    the ``choose_color``/``confirm_delete_tag`` hooks stay attributes of the
    dialog, where callers and tests reach them.
    """

    session: BoardSession

    def _build_tags_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("tagsPage")

        self.tag_model = TagModel(self.session, self)
        self.tag_model.error_changed.connect(self._show_tag_error)
        self.tag_proxy = SortedModel(self.tag_model, self)

        self.tag_view = ListView("tagList", "Tags", page)
        self.tag_view.setModel(self.tag_proxy)
        self.tag_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tag_view.sortByColumn(TagModel.NAME, Qt.SortOrder.AscendingOrder)
        header = self.tag_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TagModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TagModel.USES, QHeaderView.ResizeMode.ResizeToContents)
        self.tag_view.delete_requested.connect(self.delete_tag)

        self.new_tag_edit = QLineEdit(page)
        self.new_tag_edit.setObjectName("newTagName")
        self.new_tag_edit.setAccessibleName("New tag name")
        self.new_tag_edit.setPlaceholderText("New tag name")
        self.new_tag_edit.setMaxLength(40)
        self.new_tag_edit.returnPressed.connect(self.add_tag)
        self.new_tag_edit.textChanged.connect(self._update_tag_buttons)
        self.add_tag_button = action_button("Add", "addTagButton", self.add_tag, page)
        self.add_tag_button.setToolTip("Add a tag with this name")

        self.rename_tag_button = action_button("Rename", "renameTagButton", self.rename_tag, page)
        self.rename_tag_button.setToolTip("Rename the selected tag (F2)")
        self.tag_color_button = action_button("Colour…", "tagColorButton", self.recolor_tag, page)
        self.tag_color_button.setToolTip("Choose the colour of the selected tag")
        self.delete_tag_button = action_button("Delete…", "deleteTagButton", self.delete_tag, page)
        self.delete_tag_button.setToolTip("Delete the selected tag and take it off every item")

        self.tag_error = error_label("tagError", page)

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_tag_edit, 1)
        add_row.addWidget(self.add_tag_button)

        left = QVBoxLayout()
        left.addWidget(self.tag_view, 1)
        left.addLayout(add_row)

        side = QVBoxLayout()
        side.addWidget(self.rename_tag_button)
        side.addWidget(self.tag_color_button)
        side.addWidget(self.delete_tag_button)
        side.addStretch(1)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(side)

        layout = QVBoxLayout(page)
        layout.addLayout(body, 1)
        layout.addWidget(self.tag_error)

        self.tag_view.selectionModel().selectionChanged.connect(self._update_tag_buttons)
        self.tag_proxy.rowsRemoved.connect(self._update_tag_buttons)
        self.tag_proxy.modelReset.connect(self._update_tag_buttons)
        self._update_tag_buttons()
        return page

    def selected_tag(self) -> TagRow | None:
        rows = self.tag_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.tag_model.tag_row(self.tag_proxy.mapToSource(rows[0]).row())

    def select_tag(self, tag_id: int) -> bool:
        return select_row(self.tag_view, self.tag_proxy, self.tag_model.row_of(tag_id))

    def add_tag(self) -> None:
        name = self.new_tag_edit.text()
        change = self._perform_tag(ops.create_tag, name)
        tag_id = new_row_id(change, "tags")
        if tag_id is not None:
            self.new_tag_edit.clear()
            self.select_tag(tag_id)

    def rename_tag(self) -> None:
        """Start editing the selected tag's name in place."""
        rows = self.tag_view.selectionModel().selectedRows(TagModel.NAME)
        if rows:
            self.tag_view.setCurrentIndex(rows[0])
            self.tag_view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.tag_view.edit(rows[0])

    def recolor_tag(self) -> None:
        tag = self.selected_tag()
        if tag is None:
            return
        color = self.choose_color(tag)
        if color is not None:
            self._perform_tag(ops.update_tag, tag.id, color=color)

    def delete_tag(self) -> None:
        tag = self.selected_tag()
        if tag is not None and self.confirm_delete_tag(tag):
            self._perform_tag(ops.delete_tag, tag.id)

    def choose_color(self, tag: TagRow) -> str | None:
        """Ask for a tag colour; ``None`` if cancelled."""
        color = QColorDialog.getColor(QColor(tag.color), self, f"Colour of “{tag.name}”")
        return color.name() if color.isValid() else None

    def confirm_delete_tag(self, tag: TagRow) -> bool:
        """Ask before deleting a tag; ``True`` to go ahead."""
        if tag.uses:
            detail = f"{items_text(tag.uses)} will lose it (archived ones included)."
        else:
            detail = "No item uses it."
        return confirm(
            self,
            "Delete tag",
            f"Delete the tag “{tag.name}”?",
            f"{detail} Edit → Undo brings it back.",
            "Delete tag",
        )

    def _perform_tag(
        self, operation: Callable[..., Change | None], *args: Any, **kwargs: Any
    ) -> Change | None:
        failures: list[Failure] = []
        change = self.session.perform(operation, *args, report_to=failures.append, **kwargs)
        self._show_tag_error(failures[0].message if failures else "")
        return change

    def _show_tag_error(self, message: str) -> None:
        show_error(self.tag_error, message)

    def _update_tag_buttons(self, *_args: object) -> None:
        selected = self.tag_view.selectionModel().hasSelection()
        for button in (self.rename_tag_button, self.tag_color_button, self.delete_tag_button):
            button.setEnabled(selected)
        self.add_tag_button.setEnabled(bool(self.new_tag_edit.text().strip()))
