"""Importing a Trello board from its JSON export (no Qt; the CLI and GUI call this).

``read_trello_file(path)`` checks the export and reads it into plain data
(``reading.py``); see docs/import-trello.md for what is kept and how.
"""

from ldboard.io.trello_import.reading import (
    ACTION_CAP,
    TrelloBoard,
    TrelloCard,
    TrelloError,
    read_trello_bytes,
    read_trello_file,
)

__all__ = [
    "ACTION_CAP",
    "TrelloBoard",
    "TrelloCard",
    "TrelloError",
    "read_trello_bytes",
    "read_trello_file",
]
