"""What the export dialog offers, worked out without Qt: which iterations can be
summarised and in what order, the file name it suggests, the extension of each
format, and the sentence that explains a failed write.

Kept apart from the widgets so each rule reads (and is tested) on its own.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence
from pathlib import Path

from ldboard.domain.model import Iteration
from ldboard.io.export import KNOWN_FORMATS, format_for

#: The format picker's entries, in its order: (format, label).
FORMAT_LABELS: tuple[tuple[str, str], ...] = (
    ("md", "Markdown (.md)"),
    ("html", "HTML web page (.html)"),
    ("pdf", "PDF document (.pdf)"),
    ("csv", "CSV spreadsheet (.csv)"),
    ("json", "JSON data (.json)"),
)
assert {fmt for fmt, _ in FORMAT_LABELS} == set(KNOWN_FORMATS)
#: The extension the dialog gives a file of each format.
EXTENSION = {"md": ".md", "html": ".html", "pdf": ".pdf", "csv": ".csv", "json": ".json"}
#: Page sizes a PDF can have; the first is the default outside North America.
PAGE_SIZES = ("A4", "Letter")
#: File names longer than this are cut at a word (file systems allow 255 bytes).
MAX_STEM = 100


def summarisable(iterations: Sequence[Iteration]) -> list[Iteration]:
    """The iterations a summary can be written for, most recent first: the running
    one, then the closed ones from the last closed back (planned ones have
    nothing to report yet)."""
    active = [i for i in iterations if i.state == "active"]
    closed = [i for i in iterations if i.state == "closed"]
    # Closed iterations in the order they were closed; the list order breaks ties.
    closed = sorted(enumerate(closed), key=lambda p: (p[1].closed_at or "", p[0]))
    return active + [iteration for _, iteration in reversed(closed)]


def default_choice(choices: Sequence[Iteration], preferred: int | None = None) -> int:
    """Index of the iteration the dialog starts on: ``preferred`` (what the screen
    on show is looking at) if it can be summarised, else the running one, else
    the one closed last (``choices`` is ordered by ``summarisable``)."""
    for index, iteration in enumerate(choices):
        if iteration.id == preferred:
            return index
    return 0


def safe_name(text: str) -> str:
    """``text`` with only characters every file system and mail client accepts
    in a file name: letters, digits, spaces, ``-``, ``_``, ``,`` and parentheses."""
    kept = re.sub(r"[^\w\s,()\-]", "", text)
    kept = re.sub(r"\s+", " ", kept).strip(" -,")
    if len(kept) > MAX_STEM:
        kept = kept[:MAX_STEM].rsplit(" ", 1)[0].rstrip(" -,")
    return kept


def default_file_name(board_name: str, iteration_name: str, fmt: str) -> str:
    """ "LD Product Board - Iteration 2 CRM go-live.pdf": the board and the iteration,
    so a file sent to a sponsor says what it is."""
    parts = [p for p in (safe_name(board_name), safe_name(iteration_name)) if p]
    stem = safe_name(" - ".join(parts)) or "Iteration summary"
    return stem + EXTENSION[fmt]


def with_format(path_text: str, fmt: str) -> str:
    """The path with the extension of ``fmt`` in place of the one it had (a typed
    extension that names no format is replaced too; no extension gets one)."""
    text = path_text.strip()
    if not text:
        return text
    path = Path(text)
    if not path.name or text.endswith(("/", "\\")):
        return text
    if path.suffix and " " not in path.suffix:
        return str(path.with_suffix(EXTENSION[fmt]))
    return text + EXTENSION[fmt]


def format_of_text(path_text: str) -> str | None:
    """The format a typed path's extension names, if any."""
    text = path_text.strip()
    return format_for(Path(text)) if text else None


def target_path(path_text: str, fmt: str, folder: Path) -> Path | None:
    """The file to write: the typed path (``~`` expanded, a bare name put in
    ``folder``), given the format's extension when it has none. ``None`` if empty."""
    text = path_text.strip()
    if not text:
        return None
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = folder / path
    if not path.suffix:
        path = path.with_name(path.name + EXTENSION[fmt])
    return path


def write_problem(path: Path, error: OSError) -> str:
    """Why ``path`` could not be written, naming it and saying what to do."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk is read-only",
        errno.EACCES: "you may not write in that folder",
        errno.EPERM: "you may not write in that folder",
        errno.ENOTDIR: "part of the folder path is a file, not a folder",
        errno.ENOENT: "the folder does not exist",
        errno.EISDIR: "it is a folder",
    }
    reason = reasons.get(error.errno or 0) or (error.strerror or str(error)).lower()
    advice = (
        "Free some space, or choose another folder."
        if error.errno in (errno.ENOSPC, errno.EDQUOT)
        else "Choose another folder."
    )
    return (
        f"Could not write “{path.name}” in {path.parent}: {reason}. Nothing was written. {advice}"
    )
