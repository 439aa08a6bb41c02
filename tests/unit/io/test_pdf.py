"""The PDF summary, read back with Qt's own PDF reader."""

from __future__ import annotations

import pytest
from PySide6.QtPdf import QPdfDocument

from ldboard.io.export import export_summary
from ldboard.io.pdf import render_pdf
from ldboard.io.summary import build_summary, find_iteration

SECTIONS = ("Headline numbers", "What we learned", "Business impact", "Retrospective", "Thanks")


def read_pdf(qapp, path):
    document = QPdfDocument(qapp)
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = [document.getAllText(n).text() for n in range(document.pageCount())]
    sizes = {
        (round(s.width()), round(s.height()))
        for s in map(document.pagePointSize, range(document.pageCount()))
    }
    document.close()
    return pages, sizes


@pytest.fixture
def summary(story):
    return build_summary(story, find_iteration(story, "last").id)


def test_the_pdf_holds_every_section_and_every_item(qapp, summary, tmp_path):
    path = export_summary(summary, "pdf", tmp_path / "summary.pdf")
    pages, sizes = read_pdf(qapp, path)
    text = " ".join(" ".join(page.split()) for page in pages)
    assert summary.name.split()[0] in text
    for heading in SECTIONS:
        assert heading in text, heading
    for item in summary.items:
        assert item.key in text, item.key
    assert 1 <= len(pages) <= 20
    assert sizes == {(595, 842)}  # A4 in points
    assert pages[0].strip()  # the first page is not blank


def test_letter_paper_and_an_unknown_size(qapp, summary, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(render_pdf(summary, page_size="Letter"))
    _, sizes = read_pdf(qapp, path)
    assert sizes == {(612, 792)}
    with pytest.raises(ValueError, match="page size"):
        render_pdf(summary, page_size="A3")


def _has_colour(image, rgb, tolerance=40):
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if all(
                abs(a - b) <= tolerance
                for a, b in zip((c.red(), c.green(), c.blue()), rgb, strict=True)
            ):
                return True
    return False


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_the_pdf_numbers_its_pages_and_shows_the_burn_up(qapp, flowing, tmp_path, page_size):
    from PySide6.QtCore import QSize

    summary = build_summary(flowing, 1)
    path = tmp_path / "summary.pdf"
    path.write_bytes(render_pdf(summary, page_size=page_size))
    pages, _ = read_pdf(qapp, path)
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    text = " ".join(" ".join(page.split()) for page in pages)
    for heading in SECTIONS:
        assert heading in text, heading
    document = QPdfDocument(qapp)
    document.load(str(path))
    first = document.render(0, QSize(595, 842))
    document.close()
    assert _has_colour(first, (0x1B, 0x7F, 0x3B)), "the done line of the chart is on page 1"


@pytest.mark.parametrize(("count", "lengths"), [(16, 3), (8, 7)])
def test_a_heading_never_ends_a_page(qapp, flowing, tmp_path, count, lengths):
    """Items with hypotheses of many lengths: no heading is the last line of its page.
    (Without the heading rule, both boards end a page with a heading.)"""
    from ldboard import ops

    added = []
    for n in range(count):
        fields = {"hypothesis": "We believe this will help. " * (n % lengths + 1), "effort": 1}
        change = ops.create_item(flowing, 1, f"Extra item {n}", fields=fields)
        added.append(change.rows[-1].key[0])
    ops.plan_items(flowing, added, 2)
    summary = build_summary(flowing, 2)
    path = tmp_path / "long.pdf"
    path.write_bytes(render_pdf(summary))
    pages, _ = read_pdf(qapp, path)
    assert len(pages) >= 3
    headings = {*SECTIONS, "In progress", "Went well", "To improve", "Actions"}
    headings |= {f"{item.key} {item.title}" for item in summary.learned}
    for page in pages[:-1]:
        body = [line.strip() for line in page.splitlines() if line.strip()][:-1]  # no footer
        assert body[-1] not in headings, body[-1]


def test_breaks_are_planned_from_one_layout(qapp, flowing, monkeypatch):
    """A long summary's page breaks are decided from one layout without pages, so
    the heading check that lays the document out again after each break it adds
    (seconds for 500 items) finds nothing left to move."""
    from PySide6.QtGui import QTextBlockFormat

    from ldboard import ops
    from ldboard.io import pdf

    added = []
    for n in range(24):
        fields = {"hypothesis": "We believe this will help. " * (n % 5 + 1), "effort": 1}
        added.append(ops.create_item(flowing, 1, f"Extra item {n}", fields=fields).rows[-1].key[0])
    ops.plan_items(flowing, added, 2)
    checked = pdf._keep_headings_with_next
    moved: list[int] = []

    def breaks(document) -> int:
        always = QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore
        return sum(1 for b in pdf._blocks(document) if b.blockFormat().pageBreakPolicy() & always)

    def counting(document, writer):
        before = breaks(document)
        checked(document, writer)
        moved.append(breaks(document) - before)
        assert before > 0, "the plan started some parts on a new page"

    monkeypatch.setattr(pdf, "_keep_headings_with_next", counting)
    render_pdf(build_summary(flowing, 2))
    assert moved == [0]
