"""The Tags & People dialog: a tab for each vocabulary and a Close button."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ldboard.ui.common.session import BoardSession
from ldboard.ui.people.people_page import PeoplePageMixin
from ldboard.ui.people.tags_page import TagsPageMixin

PAGES = ("tags", "people")


class VocabularyDialog(TagsPageMixin, PeoplePageMixin, QDialog):
    """Tags & People of the board, each edit one undoable action."""

    def __init__(
        self, session: BoardSession, parent: QWidget | None = None, *, page: str = "tags"
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("vocabularyDialog")
        self.setWindowTitle("Tags & People")
        self.setAccessibleName("Tags and people")
        self.resize(1160, 620)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("vocabularyTabs")
        self.tags_page = self._build_tags_page()
        self.people_page = self._build_people_page()
        self.tabs.addTab(self.tags_page, "Tags")
        self.tabs.addTab(self.people_page, "People")

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        for button in close.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)
        self.show_page(page)

    def show_page(self, page: str) -> None:
        """Bring the "tags" or "people" tab to the front."""
        if page not in PAGES:
            raise ValueError(f"unknown page {page!r}; expected one of {', '.join(PAGES)}")
        self.tabs.setCurrentWidget(self.tags_page if page == "tags" else self.people_page)
