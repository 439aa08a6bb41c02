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
