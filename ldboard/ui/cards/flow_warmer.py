"""Replaying the activity log while the window is idle, so the first chart is quick.

A year of a busy board is over 100,000 events, about a second to replay in one
go. The store keeps its replay and resumes it (``Board.warm_flow_history``),
so once the cards are loaded the rest of the log is replayed here a slice at a
time, each short enough (about 10 ms) that the window keeps answering input.
Whoever asks for the flow history afterwards (the charts, a summary) only pays
for the events logged since.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from ldboard.ui.common.session import BoardSession


class FlowWarmer(QObject):
    def __init__(self, session: BoardSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._slice)
        self.done = False
        self._open = True
        session.closed.connect(self._closed)

    def start(self) -> None:
        """Begin (or go on) replaying in idle slices."""
        if not self.done and self._open:
            self._timer.start(0)

    def _closed(self) -> None:
        self._open = False
        self._timer.stop()

    def _slice(self) -> None:
        if not self._open:
            return
        self.done = self.session.board.warm_flow_history()
        if not self.done and self._open:
            self._timer.start(0)
