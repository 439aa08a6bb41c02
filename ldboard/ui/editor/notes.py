"""The Notes tab: earlier notes, newest first, and a box for a new one saved with the card."""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextBrowser, QVBoxLayout, QWidget

from ldboard.ui.common import theme
from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.widgets import format_timestamp


class NotesPage(FormBuilder):
    """Builds the Notes tab."""

    def _build_notes(self, page: QWidget) -> None:
        self.notes_history = QTextBrowser()
        self.notes_history.setObjectName("notesHistory")
        self.notes_history.setAccessibleName("Earlier notes")
        self.notes_history.setOpenLinks(False)
        notes = self._board.notes(self._item.id) if self._item is not None else []
        if notes:
            blocks = [
                f"<p><span style='color:{theme.MUTED_TEXT.name()}'>"
                f"{html.escape(format_timestamp(note.created_at))}</span><br>"
                f"{html.escape(note.text).replace(chr(10), '<br>')}</p>"
                for note in reversed(notes)
            ]
            self.notes_history.setHtml("".join(blocks))
        else:
            self.notes_history.setPlaceholderText("No notes yet.")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            "What happened, what you learned, what was decided. Saved with a timestamp."
        )
        self.note_edit.textChanged.connect(partial(self._edited, "new_note"))
        box = self._register("new_note", self.note_edit, "Add a note", self.note_edit.toPlainText)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 5 + 16)

        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"Notes, newest first ({len(notes)}):"))
        layout.addWidget(self.notes_history, 1)
        layout.addWidget(self._buddy("&Add a note:", self.note_edit))
        layout.addWidget(box)
