"""Tooltips that wrap at a readable width.

Qt shows a plain-text tooltip on one line per paragraph, however long: a card
whose hypothesis is a long sentence gets a tooltip as wide as the screen.
Rich text wraps, but at a width Qt picks from the text's shape (sometimes a
narrow column). :func:`readable_tooltip` turns long plain text into rich text
of a fixed, comfortable measure (about 64 characters) and leaves short text
alone, so short tooltips stay as compact as they were.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QToolTip

#: Characters per line of a wrapped tooltip (a comfortable reading measure).
READABLE_CHARS = 64


def readable_tooltip(text: str) -> str:
    """``text`` as a tooltip: unchanged when every line is short, else wrapped rich text.

    Text that already is markup (starts with ``<``) is left to its author.
    """
    if not text or text.lstrip().startswith("<"):
        return text
    lines = text.splitlines()
    if max(len(line) for line in lines) <= READABLE_CHARS:
        return text
    width = QFontMetrics(QToolTip.font()).averageCharWidth() * READABLE_CHARS
    body = "<br>".join(html.escape(line) for line in lines)
    return (
        f"<table width='{width}' cellspacing='0' cellpadding='0'><tr><td>{body}</td></tr></table>"
    )
