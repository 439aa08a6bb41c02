"""One entry point for every summary format: pick the renderer, write the file atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ldboard.io.atomic import write_atomically
from ldboard.io.html import render_html
from ldboard.io.json_export import render_json
from ldboard.io.markdown import render_markdown
from ldboard.io.summary import IterationSummary
from ldboard.io.tabular import render_csv

#: Format name → renderer of text.
RENDERERS: dict[str, Callable[[IterationSummary], str]] = {
    "md": render_markdown,
    "html": render_html,
    "csv": render_csv,
    "json": render_json,
}
#: File extensions that name a format.
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
              ".csv": "csv", ".json": "json", ".pdf": "pdf"}  # fmt: skip
#: Every format a summary can be written in (PDF is laid out by Qt, see ``pdf.py``).
KNOWN_FORMATS = ("md", "html", "pdf", "csv", "json")


def format_for(path: Path) -> str | None:
    """The format a file name asks for, from its extension (``None`` if it names none)."""
    return EXTENSIONS.get(path.suffix.lower())


def render(summary: IterationSummary, fmt: str, *, page_size: str = "A4") -> bytes:
    """The summary in ``fmt`` (text as UTF-8); ``ValueError`` for an unknown format.
    ``page_size`` (A4 or Letter) is for PDF."""
    if fmt == "pdf":
        # Imported here: it brings Qt, which the other formats never need.
        from ldboard.io.pdf import render_pdf

        return render_pdf(summary, page_size=page_size)
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"the format “{fmt}” cannot be written")
    return renderer(summary).encode("utf-8")


def export_summary(
    summary: IterationSummary, fmt: str, path: Path, *, page_size: str = "A4"
) -> Path:
    """Write the summary to ``path`` in ``fmt``, atomically."""
    return write_atomically(path, render(summary, fmt, page_size=page_size))
