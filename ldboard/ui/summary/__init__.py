"""File → Export Iteration Summary…: the dialog that writes an iteration's
summary for sponsors in Markdown, HTML, PDF, CSV or JSON."""

from __future__ import annotations

from ldboard.domain.model import Iteration


def can_summarise(iterations: list[Iteration]) -> bool:
    """Whether any of ``iterations`` has something to report (it is running or closed):
    the File-menu action is enabled only then."""
    return any(iteration.state in ("active", "closed") for iteration in iterations)
