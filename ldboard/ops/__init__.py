"""User actions: one function per action, no Qt.

Every function takes the open ``Board`` first, performs its action as one
transaction and returns the applied ``Change`` (or ``None`` if nothing
changed). Undo applies ``change.inverse()``.
"""

from typing import Any

from ldboard.ops.columns import (
    ColumnNotEmpty,
    add_column,
    move_column,
    remove_column,
    rename_column,
    set_column_category,
    set_wip_limit,
)
from ldboard.ops.items import (
    ChecklistEntry,
    ItemNotFound,
    add_note,
    archive_item,
    create_item,
    delete_item,
    edit_item,
    move_item,
    normalise_fields,
    rescore_item,
    restore_item,
    toggle_checklist_entry,
)
from ldboard.ops.iterations import (
    IterationNotFound,
    create_iteration,
    delete_iteration,
    edit_iteration,
    plan_items,
    start_iteration,
    unplan_items,
)
from ldboard.ops.prioritise import board_thresholds, prioritise_column, set_thresholds
from ldboard.ops.retro import (
    RetroEntryNotFound,
    add_retro_entry,
    delete_retro_entry,
    edit_retro_entry,
    move_retro_entry,
    set_action_done,
)
from ldboard.ops.vocabulary import (
    create_person,
    create_tag,
    delete_person,
    delete_tag,
    plan_tags,
    update_person,
    update_tag,
)
from ldboard.store import Board, Change

#: Closing an iteration brings the scope and snapshot rules with it; they are
#: imported the first time they are used, not while the board opens.
_CLOSING = ("NEXT_ITERATION", "close_iteration", "close_preview")


def __getattr__(name: str) -> Any:
    if name in _CLOSING:
        from ldboard.ops import closing

        return getattr(closing, name)
    raise AttributeError(f"module 'ldboard.ops' has no attribute {name!r}")


def undo(board: Board, change: Change) -> Change:
    """Apply the exact inverse of an applied change."""
    return board.apply(change.inverse())


def redo(board: Board, change: Change) -> Change:
    """Apply a change again after it was undone."""
    return board.apply(change)


__all__ = [
    "NEXT_ITERATION",
    "ChecklistEntry",
    "ColumnNotEmpty",
    "ItemNotFound",
    "IterationNotFound",
    "RetroEntryNotFound",
    "add_column",
    "add_note",
    "add_retro_entry",
    "archive_item",
    "board_thresholds",
    "close_iteration",
    "close_preview",
    "create_item",
    "create_iteration",
    "create_person",
    "create_tag",
    "delete_item",
    "delete_iteration",
    "delete_person",
    "delete_retro_entry",
    "delete_tag",
    "edit_item",
    "edit_iteration",
    "edit_retro_entry",
    "move_column",
    "move_item",
    "move_retro_entry",
    "normalise_fields",
    "plan_items",
    "plan_tags",
    "prioritise_column",
    "redo",
    "remove_column",
    "rename_column",
    "rescore_item",
    "restore_item",
    "set_action_done",
    "set_column_category",
    "set_thresholds",
    "set_wip_limit",
    "start_iteration",
    "toggle_checklist_entry",
    "undo",
    "unplan_items",
    "update_person",
    "update_tag",
]
