"""The iteration summary as PDF, laid out by Qt from the HTML summary.

The only exporter that needs Qt (``QTextDocument`` paginates the page and
``QPdfWriter`` writes it; DESIGN allows QtGui here), so it is imported only
when a PDF is asked for. ``QTextDocument.print_`` breaks pages between lines,
never through one, and numbers the pages at the bottom.
"""

from __future__ import annotations

import os

from ldboard.io.html import render_html
from ldboard.io.summary import IterationSummary

#: Page sizes a summary can be printed on: the two a sponsor's printer has.
PAGE_SIZES = ("A4", "Letter")
#: Margins around the text, in millimetres.
MARGIN_MM = 18
#: The application made for a PDF written outside the app (kept alive here).
_APPLICATION: object = None


def render_pdf(summary: IterationSummary, *, page_size: str = "A4") -> bytes:
    """The summary as a PDF document (bytes), on A4 or Letter pages."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"unknown page size “{page_size}”: choose {' or '.join(PAGE_SIZES)}")
    _ensure_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    size = QPageSize.PageSizeId.A4 if page_size == "A4" else QPageSize.PageSizeId.Letter
    writer.setPageLayout(
        QPageLayout(
            QPageSize(size),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    writer.setTitle(f"{summary.name} — {summary.board_name}")
    writer.setCreator("ldboard")
    document = QTextDocument()
    document.setHtml(render_html(summary))
    document.print_(writer)
    buffer.close()
    return bytes(data.data())


def _ensure_application() -> None:
    """Qt needs an application object for fonts; the command line has none, and
    no display either, so it gets an off-screen one."""
    global _APPLICATION
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APPLICATION = QGuiApplication([])
