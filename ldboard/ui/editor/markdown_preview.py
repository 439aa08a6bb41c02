"""A read-only view that renders the Markdown a person types in descriptions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

#: Link schemes handed to the desktop (browser, mail client); anything else is ignored.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})


class MarkdownPreview(QTextBrowser):
    """Shows Markdown as rich text.

    A board file can come from someone else, so the preview never fetches what
    the text points at: images and other resources are not loaded (no local
    file reads, no Qt warnings for missing files), and only web and mail links
    are opened, in the desktop's own applications.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdownPreview")
        self.setOpenLinks(False)
        self.setPlaceholderText("The formatted description appears here.")
        self.anchorClicked.connect(self._open_link)

    def set_markdown(self, text: str) -> None:
        self.setMarkdown(text)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None

    @staticmethod
    def _open_link(url: QUrl) -> None:
        if url.scheme().lower() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
