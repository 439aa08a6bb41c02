"""Errors that escape to the event loop become messages, not silent tracebacks.

Writes already fail cleanly at ``BoardSession.perform``. Reads happen
everywhere (painting a card, opening the editor), so a board file that turns out
to be damaged, or a drive that disappears, can surface in any of them; Qt then
hands the exception to ``sys.excepthook``. This hook turns a storage error into
the same explanation ``perform`` gives (and stops writing to a damaged board),
and any other exception into a short apology with the details, instead of a
traceback on a terminal the person never sees.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from ldboard.store.errors import storage_error
from ldboard.ui.common.session import BoardSession, Failure

_log = logging.getLogger(__name__)

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class ErrorGuard:
    """Installed as ``sys.excepthook`` while the GUI runs."""

    def __init__(
        self,
        session: Callable[[], BoardSession | None],
        show: Callable[[str, str, str], None],
    ) -> None:
        self._session = session
        self._show = show
        self._previous: Hook | None = None
        self._reported: set[str] = set()

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if not isinstance(error, Exception):  # KeyboardInterrupt, SystemExit
            (self._previous or sys.__excepthook__)(kind, error, trace)
            return
        _log.error("unexpected error", exc_info=(kind, error, trace))
        session = self._session()
        if isinstance(error, sqlite3.Error | OSError) and session is not None:
            explained = storage_error(error, session.path, doing="read the board")
            failure = Failure(explained.message, "storage", storage_kind=explained.kind)
            if explained.kind == "damaged":
                name = session.path.name if session.path else "The board"
                session.make_read_only(f"“{name}” is damaged, so ldboard stopped writing to it.")
            self._once(failure.message, failure.message, "Could not read the board", "")
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        self._once(
            f"{kind.__name__}: {error}",
            "Something went wrong inside ldboard. Every change you saved is in the board "
            "file; if this happens again, please report it with the details below.",
            "Unexpected problem",
            details,
        )

    def _once(self, key: str, message: str, title: str, details: str) -> None:
        """Show each distinct problem once: a paint error repeats on every frame."""
        if key in self._reported:
            return
        self._reported.add(key)
        self._show(title, message, details)
