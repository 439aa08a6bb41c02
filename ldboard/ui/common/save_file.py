"""Writing an exported file in one step, shared by every screen that exports.

``QSaveFile`` writes next to the target and renames only once everything is
written: a failed export (a full disk, a folder without write permission)
leaves any earlier file untouched and no partial file behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile


class ExportError(OSError):
    """An export could not be written; the message says why, for a person."""


def write_file(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step, or raise ``ExportError``."""
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise ExportError(f"Cannot write “{path}”: {target.errorString()}.")
    if target.write(data) != len(data):
        message = target.errorString()
        target.cancelWriting()
        raise ExportError(f"Could not write “{path}”: {message}.")
    if not target.commit():
        raise ExportError(f"Could not save “{path}”: {target.errorString()}.")
