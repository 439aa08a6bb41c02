"""The Learner story tab: who needs to learn, what they must be able to do, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ldboard.ui.editor.form import FormBuilder
from ldboard.ui.editor.widgets import make_form, make_hint


class LearnerStoryPage(FormBuilder):
    """Builds the Learner story tab."""

    def _build_learner_story(self, page: QWidget) -> None:
        layout = QVBoxLayout(page)
        layout.addWidget(
            make_hint(
                "Who needs to learn, what must they be able to do afterwards, and what "
                "changes for the business when they can?"
            )
        )
        form = make_form()
        self.audience_edit = self._text(
            "audience", 2, "New account executives in their first 90 days"
        )
        self._add_row(
            form, "audience", "A&udience:", self.audience_edit, self.audience_edit.toPlainText
        )
        self.need_edit = self._text(
            "need", 3, "Handle the five most common pricing objections on a live call"
        )
        self._add_row(form, "need", "&Need:", self.need_edit, self.need_edit.toPlainText)
        self.outcome_edit = self._text(
            "outcome", 3, "so that more first meetings turn into qualified opportunities"
        )
        self._add_row(
            form, "outcome", "&Outcome:", self.outcome_edit, self.outcome_edit.toPlainText
        )
        layout.addLayout(form)
        layout.addStretch(1)
