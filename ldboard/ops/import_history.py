"""An imported item's past, as the activity log will tell it.

A source such as a Trello board knows when each card was created and when it
moved between lists. :func:`ops.importing.import_items` logs that history as
the ``created`` and ``moved`` events a board writes itself, each with ``at``:
when it happened where it came from (docs/file-format.md). The log is written
in one transaction at the moment of the import, so ``events.ts`` still grows
with the event ids; readers that tell the past (the History page, the flow
metrics) read ``at`` instead where an event has one.

Here the source's moves are made consistent before anything is logged: each
move starts where the one before ended, the last ends in the item's column,
and the times never go back nor into the future.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from ldboard.domain.enums import ColumnCategory
from ldboard.domain.rules import clean_text


@dataclass(frozen=True, slots=True)
class ImportColumns:
    """The board's columns as an import sees them: ids by stage name (casefolded;
    ``None`` is the first column), categories and names by id."""

    ids: dict[str | None, int]
    categories: dict[int, str]
    names: dict[int, str]

    def of(self, stage: str | None) -> int | None:
        """The column a stage is matched to by name; ``None`` when there is none."""
        name = clean_text(stage, single_line=True) if stage else ""
        return self.ids.get(name.casefold()) if name else None

    def done(self, column_id: int) -> bool:
        return self.categories[column_id] == ColumnCategory.DONE


@dataclass(frozen=True, slots=True)
class ImportedHistory:
    """What an imported item's log says: the column it was created in and when
    (``None``: at the import), its moves ``(from, to, at)`` in time order (``at``
    ``None``: at the import), and when it entered the done column(s) it ends in
    (``None``: it is not done)."""

    start: int
    created_at: str | None = None
    moves: tuple[tuple[int, int, str | None], ...] = ()
    done_at: str | None = None


def item_history(
    created_at: str | None,
    moves: Iterable[tuple[str | None, str | None, str]],
    column_id: int,
    columns: ImportColumns,
    now: str,
    *,
    dated: bool,
) -> ImportedHistory:
    """The log of an item imported into ``column_id``, consistent whatever the source says.

    ``moves`` are ``(from stage, to stage, at)``. A move to a stage that is not a
    column is left out, and so is one that does not change the column (two lists
    of one name). Each move starts where the one before ended, so the log never
    jumps; if it ends elsewhere than ``column_id`` (the source lost its oldest
    moves), one more move, dated at the import, brings the item home. Times are
    kept between the creation and ``now``: one item's log is in time order and
    never in the future. Not ``dated``: created in its column at the import.
    """
    if not dated:
        return ImportedHistory(column_id, done_at=now if columns.done(column_id) else None)
    created = moment(created_at)
    created = min(created, now) if created else None
    if not moves:  # most items: created where they are
        done = columns.done(column_id)
        return ImportedHistory(column_id, created, done_at=(created or now) if done else None)
    earliest = created or now
    found = [
        (columns.of(origin), columns.of(target), min(max(moment(at) or now, earliest), now))
        for origin, target, at in moves
    ]
    found.sort(key=lambda move: move[2])
    start = next((c for o, t, _ in found for c in (o, t) if c is not None), column_id)
    current, kept = start, []
    for _, target, at in found:
        if target is not None and target != current:
            kept.append((current, target, at))
            current = target
    if current != column_id:
        kept.append((current, column_id, None))
    entered = (created or now) if columns.done(start) else None
    for origin, target, at in kept:
        if not columns.done(target):
            entered = None
        elif not columns.done(origin):
            entered = at or now
    done_at = (entered or now) if columns.done(column_id) else None
    return ImportedHistory(start, created, tuple(kept), done_at)


def moment(text: str | None) -> str | None:
    """``text`` as the file's timestamp (``2026-03-02T09:15:00Z``); ``None`` if it is none."""
    try:
        found = datetime.fromisoformat(text)  # type: ignore[arg-type]
        if found.tzinfo is not None:
            found = found.astimezone(UTC).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError):
        return None
    return found.isoformat(timespec="seconds") + "Z"
