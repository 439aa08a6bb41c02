"""The drag-and-drop payload that carries cards between views of one window.

Board columns, the matrix and its lists all read and write this one format,
so a card can travel between them. A drag from another window (or another
board) carries a different session token and is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from PySide6.QtCore import QMimeData

MIME_TYPE = "application/x-ldboard-items"


def encode_items(token: str, ids: Iterable[int], text: str = "") -> QMimeData:
    mime = QMimeData()
    payload = {"session": token, "items": list(ids)}
    mime.setData(MIME_TYPE, json.dumps(payload).encode())
    if text:
        mime.setText(text)
    return mime


def decode_items(mime: QMimeData, token: str) -> list[int]:
    """Item ids in a drag made in this session, or ``[]`` for anything else."""
    if not mime.hasFormat(MIME_TYPE):
        return []
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(payload, dict) or payload.get("session") != token:
        return []
    return [i for i in payload.get("items", []) if isinstance(i, int) and not isinstance(i, bool)]
