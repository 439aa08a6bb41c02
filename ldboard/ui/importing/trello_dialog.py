"""File → Import → Trello Board…: a Trello board's JSON export becomes cards here.

The dialog reads and checks the whole export (``ldboard.io.trello_import``)
and says what it holds before anything is written: the lists in Trello's
order with their cards, which lists are archived, and how many checklists
and comments come along. Lists the board has no column for become columns
only once the person agrees (``base.py``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from ldboard.io.trello_import import TrelloBoard, TrelloError, read_trello_file
from ldboard.io.trello_import.plan import plan_trello
from ldboard.ui.common.session import BoardSession
from ldboard.ui.importing.base import Chooser, ItemImportDialog, count, escaped, file_chooser

choose_trello = file_chooser(
    "Import a Trello board", "Trello board exports (*.json);;All files (*)"
)


class TrelloImportDialog(ItemImportDialog):
    def __init__(
        self,
        session: BoardSession,
        *,
        folder: Path,
        parent: QWidget | None = None,
        chooser: Chooser = choose_trello,
    ) -> None:
        super().__init__(
            session,
            folder=folder,
            chooser=chooser,
            prompt="Choose a Trello board's JSON export (in Trello: board menu → Print, "
            "export and share → Export as JSON).",
            parent=parent,
        )
        self.setObjectName("trelloImportDialog")
        self.setWindowTitle("Import a Trello Board")
        self.summary = QLabel()
        self.summary.setObjectName("trelloSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.summary, 1)
        self.resize(640, 400)

    def load(self, path: Path) -> None:
        self.folder = path.parent
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            trello = read_trello_file(path)
            plan = plan_trello(self.session.board, trello)
        except (TrelloError, OSError) as error:
            self.forget_plan()
            self.summary.setText("")
            self.file_label.setText(f"<b>{escaped(path.name)}</b> cannot be imported.")
            self.show_problems([str(error)])
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.file_label.setText(
            f"<b>{escaped(trello.name or path.name)}</b> ({escaped(path.name)})"
        )
        self.summary.setText(describe(trello))
        self.show_plan(plan)


def describe(trello: TrelloBoard) -> str:
    """The lists with their cards, then what comes along with the cards."""
    cards: dict[str, int] = {}
    for card in trello.cards:
        cards[card.list_id] = cards.get(card.list_id, 0) + 1
    rows = "".join(
        f"<tr><td>{escaped(item.name)}{' (archived)' if item.archived else ''}</td>"
        f"<td align='right'>&nbsp;{count(cards.get(item.id, 0), 'card')}</td></tr>"
        for item in trello.lists
    )
    checklist = sum(len(c.items) for card in trello.cards for c in card.checklists)
    comments = sum(len(card.comments) for card in trello.cards)
    archived = sum(1 for card in trello.cards if card.archived)
    extras = [
        count(checklist, "checklist item"),
        count(comments, "comment"),
        count(len(trello.members), "member"),
        count(archived, "archived card"),
    ]
    return f"<table>{rows}</table><p>With them: {', '.join(extras)}.</p>"
