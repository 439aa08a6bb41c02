"""The card editor: a tabbed dialog over every field of one learning initiative."""

from ldboard.ui.editor.dialog import CardEditor
from ldboard.ui.editor.saving import created_item_id, parse_tag_names, save_card
from ldboard.ui.editor.widgets import format_number, format_timestamp

__all__ = [
    "CardEditor",
    "created_item_id",
    "format_number",
    "format_timestamp",
    "parse_tag_names",
    "save_card",
]
