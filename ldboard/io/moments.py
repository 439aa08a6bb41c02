"""Moments of the file (``2026-11-10T16:00:00Z``) in words, for summaries and their notes.

A module of its own so that ``summary.py`` (its notes) and ``wording.py``
(everything else) say moments the same way without importing each other.
"""

from __future__ import annotations

from datetime import datetime


def moment_text(ts: str) -> str:
    """ "2026-11-10T16:00:00Z" -> "10 Nov 2026, 16:00 UTC" (as stored if unreadable)."""
    try:
        moment = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return ts
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"
