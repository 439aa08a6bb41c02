"""The Overview tab: title, stage, tags and the Markdown description beside its preview."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from ldboard.domain.rules import TITLE_MAX
from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.markdown_preview import MarkdownPreview
from ldboard.ui.editor.saving import parse_tag_names
from ldboard.ui.editor.stage import StagePicker
from ldboard.ui.editor.widgets import TagCompleter, make_form, make_hint


class OverviewPage(FormBuilder):
    """Builds the Overview tab and keeps its hints and preview current."""

    def _build_overview(self, page: QWidget) -> None:
        form = make_form()
        self.title_edit = self._line("title", "What is this initiative? e.g. Objection handling")
        self.title_edit.setMaxLength(TITLE_MAX)
        self.title_edit.textChanged.connect(self._update_window_title)
        self._add_row(form, "title", "&Title:", self.title_edit, self.title_edit.text)

        self.stage_picker = StagePicker(self._board, self._column_id, self._item)
        self.stage_picker.currentIndexChanged.connect(partial(self._edited, "column_id"))
        self.stage_picker.currentIndexChanged.connect(self._update_stage_hint)
        stage_box = self._register(
            "column_id", self.stage_picker, "Sta&ge:", self.stage_picker.column_id
        )
        self.stage_hint = make_hint("")
        self.stage_hint.setObjectName("stageHint")
        self.stage_hint.hide()
        stage_box.layout().addWidget(self.stage_hint)
        form.addRow(self._buddy("Sta&ge:", self.stage_picker), stage_box)

        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("e.g. sales, onboarding")
        self.tags_edit.setClearButtonEnabled(True)
        completer = TagCompleter(QStringListModel([t.name for t in self._tags], self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.tags_edit.setCompleter(completer)
        self.tags_edit.textChanged.connect(partial(self._edited, "tags"))
        self.tags_edit.textChanged.connect(self._update_tags_hint)
        tags_box = self._register("tags", self.tags_edit, "T&ags:", self._tag_key)
        self.tags_hint = make_hint("")
        self.tags_hint.setObjectName("tagsHint")
        tags_box.layout().addWidget(self.tags_hint)
        form.addRow(self._buddy("T&ags:", self.tags_edit), tags_box)

        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(
            "Context, scope and links. Markdown works: **bold**, *italic*, - lists, # headings."
        )
        self.description_edit.textChanged.connect(partial(self._edited, "description"))
        self.preview = MarkdownPreview()
        self.preview.setObjectName("descriptionPreview")
        self.preview.setAccessibleName("Description preview")
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.description_edit.textChanged.connect(self._update_preview)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("descriptionSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.description_edit)
        splitter.addWidget(self.preview)
        splitter.setSizes([1, 1])
        box = self._register(
            "description",
            self.description_edit,
            "&Description",
            self.description_edit.toPlainText,
            shown=splitter,
        )
        description_label = self._buddy(
            "&Description (Markdown; the preview on the right shows how it reads):",
            self.description_edit,
        )

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(description_label)
        layout.addWidget(box, 1)

    def _update_stage_hint(self, *_: object) -> None:
        text = self.stage_picker.outlook()
        self.stage_hint.setText(text)
        over = self.stage_picker.is_over_limit()
        self.stage_hint.setProperty("role", "warning" if over else "hint")
        self.stage_hint.style().unpolish(self.stage_hint)
        self.stage_hint.style().polish(self.stage_hint)
        self.stage_hint.setVisible(bool(text))

    def _update_tags_hint(self) -> None:
        known = {tag.name.casefold() for tag in self._tags}
        new = [n for n in parse_tag_names(self.tags_edit.text()) if n.casefold() not in known]
        if new:
            quoted = ", ".join(f"“{n}”" for n in new)
            noun = "tag" if len(new) == 1 else "tags"
            self.tags_hint.setText(f"New {noun} {quoted} will be added to the board on save.")
        elif self._tags:
            self.tags_hint.setText("Separate tags with commas; existing tags complete as you type.")
        else:
            self.tags_hint.setText("Separate tags with commas; new tags are created on save.")

    def _update_preview(self) -> None:
        self.preview.set_markdown(self.description_edit.toPlainText())

    def _tag_key(self) -> tuple[str, ...]:
        return tuple(sorted(name.casefold() for name in parse_tag_names(self.tags_edit.text())))
