"""Operations on workflow stages (columns)."""

from __future__ import annotations

from typing import Any

from ldboard.domain.enums import ColumnCategory, EventKind
from ldboard.domain.model import Column
from ldboard.domain.ranks import spread
from ldboard.domain.rules import ValidationError, clean_text, unstorable, unstorable_message
from ldboard.ops._diff import deleted, inserted, updated
from ldboard.store import Board, Change, EventRecord, RowDiff

NAME_MAX = 60


class ColumnNotEmpty(ValueError):
    """A column still holds items and no destination was given for them."""

    def __init__(self, column: Column, count: int) -> None:
        self.column = column
        self.count = count
        super().__init__(
            f"“{column.name}” still holds {count} item{'s' if count != 1 else ''}; "
            "choose a column to move them to"
        )


def add_column(
    board: Board,
    name: str,
    *,
    index: int | None = None,
    category: str = ColumnCategory.ACTIVE,
    wip_limit: int | None = None,
) -> Change:
    """Add a stage at ``index`` (default: after the last one)."""
    name = _valid_name(board, name)
    ColumnCategory(category)
    _valid_limit(wip_limit)
    columns = board.columns()
    index = len(columns) if index is None else max(0, min(index, len(columns)))
    column_id = board.next_id("columns")
    order = [c.id for c in columns]
    order.insert(index, column_id)
    rows: list[RowDiff] = _renumber(columns, order)
    row = {"name": name, "position": index, "category": str(category), "wip_limit": wip_limit}
    rows.append(inserted("columns", (column_id,), row))
    event = _event("add_column", None, {"id": column_id, **row})
    return board.apply(Change(f"Add column “{name}”", tuple(rows), (event,)))


def rename_column(board: Board, column_id: int, name: str) -> Change | None:
    column = _column(board, column_id)
    return _update(board, column, {"name": _valid_name(board, name, column_id)}, "Rename")


def set_wip_limit(board: Board, column_id: int, wip_limit: int | None) -> Change | None:
    _valid_limit(wip_limit)
    return _update(board, _column(board, column_id), {"wip_limit": wip_limit}, "Set WIP limit of")


def set_column_category(board: Board, column_id: int, category: str) -> Change | None:
    """Change a stage's category; its cards gain or lose ``done_at`` accordingly."""
    category = ColumnCategory(category)
    column = _column(board, column_id)
    current = board.row("columns", (column_id,))
    assert current is not None
    diff = updated("columns", (column_id,), current, {"category": category.value})
    if diff is None:
        return None
    rows: list[RowDiff] = [diff]
    now = board.now()
    becomes_done = category == ColumnCategory.DONE
    if becomes_done != (column.category == ColumnCategory.DONE):
        for item in board.rows("items", "column_id = ?", (column_id,), "rank"):
            done_at = (item["done_at"] or now) if becomes_done else None
            item_diff = updated("items", (item["id"],), item, {"done_at": done_at})
            if item_diff is not None:
                rows.append(item_diff)
    event = _event("edit_column", {"id": column_id, **diff.before}, {"id": column_id, **diff.after})
    return board.apply(Change(f"Recategorise column “{column.name}”", tuple(rows), (event,)))


def move_column(board: Board, column_id: int, index: int) -> Change | None:
    """Move a stage to ``index`` among the stages."""
    columns = board.columns()
    column = _column(board, column_id)
    order = [c.id for c in columns if c.id != column_id]
    index = max(0, min(index, len(order)))
    order.insert(index, column_id)
    rows = _renumber(columns, order)
    if not rows:
        return None
    was = [c.id for c in columns].index(column_id)
    event = _event("move_column", {"index": was}, {"index": index})
    return board.apply(Change(f"Move column “{column.name}”", tuple(rows), (event,)))


def remove_column(board: Board, column_id: int, *, move_items_to: int | None = None) -> Change:
    """Remove a stage. Its items (archived ones too) go to the bottom of ``move_items_to``."""
    columns = board.columns()
    column = _column(board, column_id)
    if len(columns) == 1:
        raise ValueError("A board needs at least one column.")
    items = board.rows("items", "column_id = ?", (column_id,), "archived_at IS NOT NULL, rank")
    rows: list[RowDiff] = []
    events: list[EventRecord] = []
    if items:
        if move_items_to is None or move_items_to == column_id:
            raise ColumnNotEmpty(column, len(items))
        target = _column(board, move_items_to)
        existing = board.column_slots(target.id)
        archived = board.rows("items", "column_id = ? AND archived_at IS NOT NULL", (target.id,))
        last = max([rank for _, rank in existing] + [r["rank"] for r in archived], default=None)
        ranks = spread(last, None, len(items))
        assert ranks is not None
        now = board.now()
        done_now = target.category == ColumnCategory.DONE
        for row, rank in zip(items, ranks, strict=True):
            values: dict[str, Any] = {"column_id": target.id, "rank": rank, "updated_at": now}
            if done_now != (column.category == ColumnCategory.DONE):
                values["done_at"] = now if done_now else None
            diff = updated("items", (row["id"],), row, values)
            assert diff is not None
            rows.append(diff)
            events.append(
                EventRecord(
                    EventKind.MOVED,
                    row["id"],
                    {
                        "before": {"column_id": column.id, "rank": row["rank"]},
                        "after": {"column_id": target.id, "rank": rank, "column": target.name},
                    },
                )
            )
    rows += _renumber(columns, [c.id for c in columns if c.id != column_id])
    stored = {
        "id": column.id,
        "name": column.name,
        "position": column.position,
        "category": column.category,
    }
    row = {k: v for k, v in stored.items() if k != "id"} | {"wip_limit": column.wip_limit}
    rows.append(deleted("columns", (column_id,), row))
    events.append(_event("remove_column", stored, None))
    return board.apply(Change(f"Remove column “{column.name}”", tuple(rows), tuple(events)))


# --- helpers --------------------------------------------------------------------


def _update(board: Board, column: Column, values: dict[str, Any], verb: str) -> Change | None:
    current = board.row("columns", (column.id,))
    assert current is not None
    diff = updated("columns", (column.id,), current, values)
    if diff is None:
        return None
    event = _event("edit_column", {"id": column.id, **diff.before}, {"id": column.id, **diff.after})
    return board.apply(Change(f"{verb} column “{column.name}”", (diff,), (event,)))


def _renumber(columns: list[Column], order: list[int]) -> list[RowDiff]:
    positions = {c.id: c.position for c in columns}
    rows = []
    for position, column_id in enumerate(order):
        if column_id in positions and positions[column_id] != position:
            before, after = {"position": positions[column_id]}, {"position": position}
            rows.append(RowDiff("columns", (column_id,), before, after))
    return rows


def _event(action: str, before: Any, after: Any) -> EventRecord:
    return EventRecord(EventKind.BOARD, None, {"action": action, "before": before, "after": after})


def _column(board: Board, column_id: int) -> Column:
    column = board.column(column_id)
    if column is None:
        raise LookupError(f"column {column_id} does not exist")
    return column


def _valid_name(board: Board, name: str, column_id: int | None = None) -> str:
    """The stored form of a column name; ``ValidationError`` on ``name`` if it cannot be used."""
    name = clean_text(name, single_line=True)
    if not name:
        raise ValidationError({"name": "A column needs a name."})
    if unstorable(name):
        raise ValidationError({"name": unstorable_message("The column name")})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": f"Keep column names to {NAME_MAX} characters."})
    for column in board.columns():
        if column.id != column_id and column.name.casefold() == name.casefold():
            raise ValidationError({"name": f"There is already a column called “{column.name}”."})
    return name


def _valid_limit(limit: int | None) -> None:
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise ValidationError(
            {"wip_limit": "A WIP limit is a whole number of at least 1 (or no limit)."}
        )
