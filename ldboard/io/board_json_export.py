"""The whole board as one JSON file (docs/board-json.md), written atomically.

The document is made in the store (``store/board_json_export.py``), which
speaks the board's SQL; this writes it like every other exported file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ldboard.io.atomic import write_atomically
from ldboard.store.board_json_export import render_board_json


def write_board_json(conn: sqlite3.Connection, path: Path | str) -> Path:
    """Write the board behind ``conn`` to ``path`` atomically.

    Raises ``OSError`` when the file cannot be written and ``sqlite3.Error``
    when the board cannot be read (or holds a value JSON cannot, a BLOB).
    """
    return write_atomically(path, render_board_json(conn).encode("utf-8"))
