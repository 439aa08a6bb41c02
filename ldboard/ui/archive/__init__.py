"""Archived items: find them, restore them, or delete them for good."""

from ldboard.ui.archive.dialog import ArchiveDialog

__all__ = ["ArchiveDialog"]
