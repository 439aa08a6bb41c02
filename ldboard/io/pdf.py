"""The iteration summary as PDF, laid out by Qt from the HTML summary.

The only exporter that needs Qt (``QTextDocument`` paginates the page and
``QPdfWriter`` writes it; DESIGN allows QtGui here), so it is imported only
when a PDF is asked for. The page is laid out on the writer as
``QTextDocument.print_`` would (pages break between lines, never through one)
and painted page by page with "Page n of N" at the bottom.

Two things Qt's rich text cannot be told in CSS are done here:

* the burn-up chart is the SVG of the HTML page (``burnup_svg.py``), rendered
  by ``QSvgRenderer`` into an image at the printer's resolution and handed to
  the document as a resource, so the PDF shows the same picture, sharp;
* a heading is kept with what follows it: a heading that would end a page
  (too little room after it) starts the next one instead
  (``page-break-after: avoid`` is not understood by ``QTextDocument``).
"""

from __future__ import annotations

import os
from typing import Any

from ldboard.io.html import chart_svg, page
from ldboard.io.summary import IterationSummary

#: Page sizes a summary can be printed on: the two a sponsor's printer has.
PAGE_SIZES = ("A4", "Letter")
#: Margins the writer adds; the layout adds 2 cm around the text, page number inside.
MARGIN_MM = 0
#: Resolution of the PDF's layout and of the chart's image.
DPI = 300
#: The chart's width on paper, in millimetres (the text is about 170 mm wide).
CHART_MM = 150
#: How the page refers to the chart image it is given (never fetched from anywhere).
CHART_URL = "ldboard-chart:burn-up.png"
#: A heading needs this much room below it on its page, in points, or it moves on.
KEEP_WITH_NEXT_PT = 60
#: The application made for a PDF written outside the app (kept alive here).
_APPLICATION: object = None


def render_pdf(summary: IterationSummary, *, page_size: str = "A4") -> bytes:
    """The summary as a PDF document (bytes), on A4 or Letter pages."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"unknown page size “{page_size}”: choose {' or '.join(PAGE_SIZES)}")
    _ensure_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QUrl
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
    writer.setResolution(DPI)
    writer.setTitle(f"{summary.name} — {summary.board_name}")
    writer.setCreator("ldboard")
    svg = chart_svg(summary)
    document = QTextDocument()
    if svg:
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), _chart_image(svg)
        )
    document.setHtml(
        page(summary, CHART_URL if svg else "", chart_width=_css_px(CHART_MM), for_print=True)
    )
    printed = _as_printed(document, writer)
    _plan_breaks(printed, writer)
    _keep_headings_with_next(printed, writer)
    _print(printed, writer)
    buffer.close()
    return bytes(data.data())


def _css_px(mm: float) -> int:
    """A length on paper in the CSS pixels (96 to the inch) ``QTextDocument`` sizes images in."""
    return round(mm / 25.4 * 96)


def _chart_image(svg: str) -> Any:
    """The SVG drawn into an image ``CHART_MM`` wide at ``DPI``, its aspect kept."""
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    box = renderer.viewBoxF()
    width = round(CHART_MM / 25.4 * DPI)
    height = round(width * box.height() / box.width())
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def _plan_breaks(document: Any, writer: Any) -> None:
    """Start a page before each heading whose part would not fit on the rest of its
    page, decided from one layout without pages.

    A part is a heading and what follows it up to the next heading (an
    initiative's details, a section's first lines). Parts are placed on pages
    in order; a part that does not fit where it would begin, but fits on a
    page, starts the next one. Every part then lies on one page, so Qt moves
    no line across a page and the plan is the layout: the whole document is
    laid out twice, however many breaks there are (``_keep_headings_with_next``
    then finds nothing, or the rare heading the plan missed). A part taller than
    a page starts where it falls.
    """
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextCursor

    paged = document.pageSize()
    frame = document.rootFrame().frameFormat()
    scale = writer.logicalDpiY() / _source_dpi()
    page_text = paged.height() - (frame.topMargin() + frame.bottomMargin()) * scale
    headings = [b for b in _blocks(document) if b.blockFormat().headingLevel() in (2, 3)]
    if not headings or page_text <= 0:
        return
    document.setPageSize(QSizeF(paged.width(), 10.0**9))  # one endless page
    layout = document.documentLayout()
    tops = [layout.blockBoundingRect(b).top() for b in headings]
    tops.append(layout.frameBoundingRect(document.rootFrame()).bottom())
    text_top = frame.topMargin() * scale
    document.setPageSize(paged)
    # Leave a little room: the spacing above a block is not quite the same on a
    # fresh page, and a misjudged part only costs a line moved by Qt.
    usable = page_text * 0.97
    used = (tops[0] - text_top) % page_text
    breaks = []
    for n, heading in enumerate(headings):
        height = tops[n + 1] - tops[n]
        if used > 0 and used + height > usable and height <= usable:
            breaks.append(heading)
            used = 0.0
        used = (used + height) % page_text if height > usable else used + height
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for heading in breaks:
        _break_before(heading)
    cursor.endEditBlock()
    _relayout(document, 0, None)


def _blocks(document: Any) -> list[Any]:
    found = []
    block = document.firstBlock()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def _break_before(block: Any) -> None:
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    change = QTextBlockFormat()
    change.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).mergeBlockFormat(change)


def _relayout(document: Any, start: int, end: int | None) -> None:
    """Lay out again from ``start`` to ``end`` (the end: ``None``); Qt's own
    relayout after a format change can leave what follows where it was."""
    stop = document.characterCount() if end is None else min(end, document.characterCount())
    document.markContentsDirty(start, stop - start)


def _keep_headings_with_next(document: Any, writer: Any) -> None:
    """Move to the next page every heading that would have too little room under it.

    ``document`` is paginated on ``writer`` (``_as_printed``). Each break added
    moves what follows, so the layout is read again after each one.
    """
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    layout = document.documentLayout()
    page_height = document.pageSize().height()
    room = KEEP_WITH_NEXT_PT / 72 * writer.logicalDpiY()
    # The text ends above the bottom margin, which Qt scales from screen to printer.
    scale = writer.logicalDpiY() / _source_dpi()
    margin = document.rootFrame().frameFormat().bottomMargin() * scale
    block = document.firstBlock()
    while block.isValid():
        if block.blockFormat().headingLevel() in (2, 3):
            box = layout.blockBoundingRect(block)
            page_number = int(box.top() // page_height)
            text_end = (page_number + 1) * page_height - margin
            first_on_page = box.top() < page_number * page_height + margin + room
            if box.bottom() + room > text_end and not first_on_page:
                change = QTextBlockFormat()
                change.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).mergeBlockFormat(change)
                # Lay out again what follows (Qt's incremental relayout can skip blocks);
                # the next heading's position is read from that layout.
                document.markContentsDirty(block.position(), document.characterCount())
        block = block.next()


def _print(document: Any, writer: Any) -> None:
    """Paint the paginated ``document`` page by page, "Page n of N" under each.

    What ``QTextDocument.print_`` does, on the very layout the headings were
    kept in (``print_`` would lay out a copy of its own, which can break a
    line differently and leave a page nearly empty).
    """
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPainter, QPalette

    width, height = document.pageSize().width(), document.pageSize().height()
    margin = document.rootFrame().frameFormat().bottomMargin() * writer.logicalDpiY()
    margin /= _source_dpi()
    pages = document.pageCount()
    font = QFont(document.defaultFont())
    font.setPointSizeF(8)
    painter = QPainter(writer)
    for index in range(pages):
        if index:
            writer.newPage()
        painter.save()
        painter.translate(0, -index * height)
        view = QRectF(0, index * height, width, height)
        painter.setClipRect(view)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = view
        context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
        document.documentLayout().draw(painter, context)
        painter.restore()
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.darkGray)
        footer = QRectF(0, height - margin, width, margin / 2)
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignCenter), f"Page {index + 1} of {pages}")
    painter.end()


def _as_printed(document: Any, writer: Any) -> Any:
    """A copy of ``document`` paginated as ``print_`` paginates (Qt's own steps)."""
    from PySide6.QtCore import QSizeF

    trial = document.clone()
    trial.documentLayout().setPaintDevice(writer)
    frame = trial.rootFrame().frameFormat()
    margin_x = int(2 / 2.54 * _source_dpi())
    margin_y = int(2 / 2.54 * _source_dpi())
    frame.setLeftMargin(margin_x)
    frame.setRightMargin(margin_x)
    frame.setTopMargin(margin_y)
    frame.setBottomMargin(margin_y)
    trial.rootFrame().setFrameFormat(frame)
    trial.setPageSize(QSizeF(writer.width(), writer.height()))
    return trial


def _source_dpi() -> int:
    """Qt's default (screen) resolution that ``print_`` scales from."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    return round(screen.logicalDotsPerInchY()) if screen else 96


def _ensure_application() -> None:
    """Qt needs an application object for fonts; the command line has none, and
    no display either, so it gets an off-screen one."""
    global _APPLICATION
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APPLICATION = QGuiApplication([])
