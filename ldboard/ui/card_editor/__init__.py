"""The card editor: a tabbed dialog over every field of one learning initiative."""

from ldboard.ui.card_editor.dialog import CardEditor
from ldboard.ui.card_editor.saving import created_item_id, parse_tag_names, save_card
from ldboard.ui.card_editor.widgets import format_number, format_timestamp

__all__ = [
    "CardEditor",
    "created_item_id",
    "format_number",
    "format_timestamp",
    "parse_tag_names",
    "save_card",
]
