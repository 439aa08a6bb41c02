"""Importing many items at once (a spreadsheet, later other sources) as one change.

The importers in ``ldboard.io`` read a file into an :class:`ImportPlan`: the
items to create with their checked fields, and where the file is wrong, a list
of problems. :func:`import_items` turns a plan into *one* ``Change`` applied in
one transaction, so an import is all or nothing and one step of undo: the new
columns, tags, people, items and the links between them arrive together and
``change.inverse()`` takes every one of them away again.

The plan types live here, not in ``io``, because ``ops`` sits below ``io``: an
operation may not import what reads files, but every reader can build a plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ldboard.domain.enums import ColumnCategory, Driver, EventKind, Format, ItemRole, Verdict
from ldboard.domain.model import Item
from ldboard.domain.ranks import spread
from ldboard.domain.rules import (
    ValidationError,
    clean_text,
    unstorable,
    unstorable_message,
    validate_item_fields,
)
from ldboard.ops._diff import inserted
from ldboard.ops.columns import NAME_MAX as COLUMN_NAME_MAX
from ldboard.ops.import_history import ImportColumns, item_history, moment
from ldboard.ops.items import normalise_fields
from ldboard.ops.vocabulary import (
    PERSON_NAME_MAX,
    TAG_NAME_MAX,
    clean_tag_name,
    plan_people,
    plan_tags,
)
from ldboard.store import Board, Change, EventRecord, RowDiff

#: Item fields an import may set (keys, ids, ranks and time stamps are the board's).
IMPORTABLE_FIELDS = tuple(name for name in Item.EDITABLE if name != "iteration_id")
_IMPORTABLE = frozenset(IMPORTABLE_FIELDS)


class ImportRefused(ValueError):
    """An import that writes nothing, with every reason as ``file:line: field: message``."""

    #: How many problems the exception's text shows; ``problems`` keeps them all.
    SHOWN = 20

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[: self.SHOWN]
        more = len(self.problems) - len(shown)
        text = "\n".join(shown) + (f"\n… and {more} more" if more > 0 else "")
        super().__init__(text)


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One item to create: where it came from and what it holds.

    ``stage`` is a column name (``None``: the board's first column), ``tags``
    tag names and ``people`` ``(name, item role)`` pairs, found on the board by
    name or created with the import.
    """

    line: int
    fields: dict[str, Any]
    stage: str | None = None
    tags: tuple[str, ...] = ()
    people: tuple[tuple[str, str], ...] = ()
    #: Imported as archived (it was archived where it came from).
    archived: bool = False
    #: When it was created where it came from (default: the moment of the import).
    created_at: str | None = None
    #: Checklist items, ``(text, done)``, in order.
    checklist: tuple[tuple[str, bool], ...] = ()
    #: Notes, ``(text, created_at)``, oldest first.
    notes: tuple[tuple[str, str], ...] = ()
    #: Moves between stages where it came from, ``(from stage, to stage, at)``,
    #: oldest first; ``None`` names a stage that is not a column (an archived
    #: list). Logged only when the plan is ``dated`` (see :func:`item_history`).
    moves: tuple[tuple[str | None, str | None, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would do, before it does anything.

    ``problems`` non-empty means the import is refused as a whole.
    ``new_columns``, ``new_tags`` and ``new_people`` are what the board did not
    have when the plan was made (for the preview and the confirmation of new
    columns); ``notices`` are things a person should know but that do not
    stop the import (an encoding guessed, a header ignored).
    """

    source: str
    rows: tuple[ImportRow, ...] = ()
    problems: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    new_columns: tuple[str, ...] = ()
    new_tags: tuple[str, ...] = ()
    new_people: tuple[str, ...] = ()
    #: The first line each stage that is not a column appears on (for the preview).
    stage_lines: dict[str, int] = field(default_factory=dict)
    #: Set by a reader that already put every row's fields through
    #: ``normalise_fields`` and ``validate_item_fields`` (``io.csv_import`` does);
    #: :func:`import_items` then does not check 10,000 rows a second time.
    checked: bool = False
    #: Stages to have as columns even if no row is in them (a source's empty
    #: lists), in the order the source has them.
    stages: tuple[str, ...] = ()
    #: Colours of new tags by name (casefolded), where the source gives them.
    tag_colors: dict[str, str] = field(default_factory=dict)
    #: The rows' ``created_at`` and ``moves`` are the items' real history (a
    #: Trello board's): their ``created`` and ``moved`` events record when it
    #: happened as ``at`` (docs/file-format.md), so the History page and the flow
    #: metrics tell it. A spreadsheet's dates are not a history: its items'
    #: events are dated at the import.
    dated: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


def import_items(board: Board, plan: ImportPlan, *, create_columns: bool) -> Change:
    """Create every item of ``plan`` as one change (one transaction, one undo step).

    Stages the board has no column for become new columns at the right end
    only with ``create_columns``; otherwise the import is refused naming them.
    Items go to the bottom of their columns in file order. Raises
    :class:`ImportRefused` (a ``ValueError``) before writing anything when the
    plan has problems or cannot be applied to the board as it is now.
    """
    if plan.problems:
        raise ImportRefused(plan.problems)
    if not plan.rows:
        raise ImportRefused([f"{plan.source}: there are no rows to import."])
    rows: list[RowDiff] = []
    events: list[EventRecord] = []
    column_ids, categories, names = _columns(board, plan, create_columns, rows, events)
    tags = _tags(board, plan, rows, events)
    people = _people(board, plan, rows, events)
    columns = ImportColumns(column_ids, categories, names)
    count = _items(board, plan, columns, tags, people, rows, events)
    label = f"Import {count} item{'s' if count != 1 else ''} from {plan.source}"
    return board.apply(Change(label, tuple(rows), tuple(events)))


def import_summary(change: Change) -> str:
    """What an import created, in a sentence ("Imported 12 items, 2 columns, 3 tags")."""
    counts = {table: sum(1 for d in change.diffs(table) if d.is_insert) for table in _NOUNS}
    parts = [_count(counts[table], *_NOUNS[table]) for table in _NOUNS if counts[table]]
    return "Imported " + ", ".join(parts) + "." if parts else "Nothing was imported."


_NOUNS = {
    "items": ("item", "items"),
    "columns": ("column", "columns"),
    "tags": ("tag", "tags"),
    "people": ("person", "people"),
}


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


# --- the parts of the change ----------------------------------------------------------


def _columns(
    board: Board,
    plan: ImportPlan,
    create_columns: bool,
    rows: list[RowDiff],
    events: list[EventRecord],
) -> tuple[dict[str | None, int], dict[int, str], dict[int, str]]:
    """Column id for each stage name (casefolded; ``None`` is the first column),
    and each column's category and name by id."""
    columns = board.columns()
    ids: dict[str | None, int] = {c.name.casefold(): c.id for c in columns}
    categories = {c.id: c.category for c in columns}
    names = {c.id: c.name for c in columns}
    ids[None] = columns[0].id
    missing: dict[str, str] = {}
    lines: dict[str, int] = {}  # the first line naming each missing stage
    wanted = [(_stage_name(name), 0) for name in plan.stages] + [
        (_stage_name(row.stage), row.line) for row in plan.rows
    ]
    for name, line in wanted:
        if name and name.casefold() not in ids and name.casefold() not in missing:
            missing[name.casefold()] = name
            lines[name.casefold()] = line
    if not missing:
        return ids, categories, names
    if not create_columns:
        raise ImportRefused(
            f"{plan.source}:{lines[key]}: stage: the board has no "
            f"column “{name}”; confirm creating it (--create-columns on the command line)."
            for key, name in missing.items()
        )
    problems = [
        f"{plan.source}:{lines[key]}: stage: “{name[:20]}…” cannot be a "
        f"column name (at most {COLUMN_NAME_MAX} characters, no broken characters)."
        for key, name in missing.items()
        if len(name) > COLUMN_NAME_MAX or unstorable(name)
    ]
    if problems:
        raise ImportRefused(problems)
    column_id = board.next_id("columns")
    for position, name in enumerate(missing.values(), start=len(columns)):
        row = {
            "name": name,
            "position": position,
            "category": stage_category(name),
            "wip_limit": None,
        }
        rows.append(inserted("columns", (column_id,), row))
        data = {"action": "add_column", "before": None, "after": {"id": column_id, **row}}
        events.append(EventRecord(EventKind.BOARD, None, data))
        ids[name.casefold()] = column_id
        categories[column_id] = row["category"]
        names[column_id] = name
        column_id += 1
    return ids, categories, names


def _tags(
    board: Board, plan: ImportPlan, rows: list[RowDiff], events: list[EventRecord]
) -> list[set[int]]:
    """The tag ids of each row of the plan, creating the tags the board lacks."""
    names: dict[str, str] = {}
    cleaned: dict[str, str] = {}  # typed → stored form; a few tags recur on many rows
    keys_of_rows = []
    problems = []
    for row in plan.rows:
        keys = set()
        for typed in row.tags:
            if typed not in cleaned:
                cleaned[typed] = clean_tag_name(typed)
            name = cleaned[typed]
            if name and name.casefold() not in names:
                if len(name) > TAG_NAME_MAX or unstorable(name):
                    problems.append(
                        f"{plan.source}:{row.line}: tags: “{name[:20]}” cannot be a tag "
                        f"(at most {TAG_NAME_MAX} characters, no broken characters)."
                    )
                names[name.casefold()] = name
            if name:
                keys.add(name.casefold())
        keys_of_rows.append(keys)
    if problems:
        raise ImportRefused(problems)
    try:
        ids, tag_rows, tag_events = plan_tags(board, names.values(), colors=plan.tag_colors)
    except ValidationError as error:
        raise ImportRefused(_problems(plan, "tags", error)) from None
    rows += tag_rows
    events += tag_events
    id_of = dict(zip(names, ids, strict=True))
    return [{id_of[key] for key in keys} for keys in keys_of_rows]


def _people(
    board: Board, plan: ImportPlan, rows: list[RowDiff], events: list[EventRecord]
) -> list[set[tuple[int, str]]]:
    """The ``(person id, role)`` pairs of each row, creating the people the board lacks."""
    wanted: dict[tuple[str, str], tuple[str, str]] = {}
    cleaned: dict[str, str] = {}
    keys_of_rows = []
    problems = []
    for row in plan.rows:
        keys = set()
        for typed, role in row.people:
            if typed not in cleaned:
                cleaned[typed] = clean_text(typed, single_line=True)
            name = cleaned[typed]
            if not name:
                continue
            key = (name.casefold(), role)
            if key not in wanted:
                if role not in _ROLES:
                    problems.append(f"{plan.source}:{row.line}: people: {role!r} is not a role.")
                elif len(name) > PERSON_NAME_MAX or unstorable(name):
                    problems.append(
                        f"{plan.source}:{row.line}: {role}: “{name[:20]}” cannot be a name "
                        f"(at most {PERSON_NAME_MAX} characters, no broken characters)."
                    )
                wanted[key] = (name, role)
            keys.add(key)
        keys_of_rows.append(keys)
    if problems:
        raise ImportRefused(problems)
    try:
        pairs, people_rows, people_events = plan_people(board, wanted.values())
    except ValidationError as error:
        raise ImportRefused(_problems(plan, "people", error)) from None
    rows += people_rows
    events += people_events
    pair_of = dict(zip(wanted, pairs, strict=True))
    return [{pair_of[key] for key in keys} for keys in keys_of_rows]


_ROLES = frozenset(role.value for role in ItemRole)
#: Allowed values of the item fields that hold a choice (checked here once per
#: import instead of once per row by ``validate_item_fields``).
_CHOICES = {
    "driver": frozenset(m.value for m in Driver) | {None},
    "format": frozenset(m.value for m in Format) | {None},
    "verdict": frozenset(m.value for m in Verdict),
}


def _checked(plan: ImportPlan, row: ImportRow) -> tuple[dict[str, Any], list[str]]:
    """A row's fields as the board stores them, and its problems (``file:line: field: …``)."""
    values = normalise_fields({k: v for k, v in row.fields.items() if k in _IMPORTABLE})
    others = {k: v for k, v in values.items() if k not in _CHOICES}
    found = validate_item_fields({**others, "title": values.get("title")})
    for name, allowed in _CHOICES.items():
        if name in values and values[name] not in allowed:
            found[name] = f"Unknown {name} {values[name]!r}."
    return values, [f"{plan.source}:{row.line}: {name}: {text}" for name, text in found.items()]


def _items(
    board: Board,
    plan: ImportPlan,
    columns: ImportColumns,
    tags: list[set[int]],
    people: list[set[tuple[int, str]]],
    rows: list[RowDiff],
    events: list[EventRecord],
) -> int:
    """Append an insert (and its links and event) for every row of the plan."""
    prepared = []
    problems = []
    for row in plan.rows:
        if plan.checked:
            values = {k: v for k, v in row.fields.items() if k in _IMPORTABLE}
            values.setdefault("title", "")
        else:
            values, found = _checked(plan, row)
            problems += found
        stage = _stage_name(row.stage)
        checklist_notes, found = _parts(plan, row)
        problems += found
        prepared.append((values, columns.ids[stage.casefold() if stage else None], checklist_notes))
        if plan.dated:
            problems += [
                f"{plan.source}:{row.line}: moves: “{str(at)[:40]}” is not a date and time."
                for _, _, at in row.moves
                if moment(at) is None
            ]
    if problems:
        raise ImportRefused(problems)
    ranks = _bottom_ranks(board, [column for _, column, _ in prepared])
    keys = board.item_keys()
    item_id = board.next_item_id()
    now = board.now()
    prefix = board.key_prefix
    template = Item(id=0, key="", title="", column_id=0, rank=0.0).to_row()
    del template["id"]
    # Items first, then their links, each table in one run: the store can write a
    # run of like inserts together, and undo deletes the links before the items.
    tag_links: list[RowDiff] = []
    people_links: list[RowDiff] = []
    checklist: list[RowDiff] = []
    notes: list[RowDiff] = []
    checklist_id, note_id = board.next_id("checklist_items"), board.next_id("notes")
    for source, (values, column_id, (ticks, texts)), rank, tag_ids, pairs in zip(
        plan.rows, prepared, ranks, tags, people, strict=True
    ):
        while f"{prefix}-{item_id}" in keys:
            item_id += 1
        key = f"{prefix}-{item_id}"
        story = item_history(
            source.created_at, source.moves, column_id, columns, now, dated=plan.dated
        )
        item = {**template, **values, "key": key, "column_id": column_id, "rank": rank}
        created = source.created_at or now
        item.update(created_at=created, updated_at=now, done_at=story.done_at)
        item["archived_at"] = now if source.archived else None
        rows.append(RowDiff("items", (item_id,), None, item))
        for position, (text, ticked) in enumerate(ticks, start=1):
            checklist.append(
                RowDiff(
                    "checklist_items",
                    (checklist_id,),
                    None,
                    {"item_id": item_id, "text": text, "done": int(ticked), "position": position},
                )
            )
            checklist_id += 1
        for text, written in texts:
            note = {"item_id": item_id, "text": text, "created_at": written}
            notes.append(RowDiff("notes", (note_id,), None, note))
            note_id += 1
        tag_links += [
            RowDiff("item_tags", (item_id, tag), None, {"item_id": item_id, "tag_id": tag})
            for tag in sorted(tag_ids)
        ]
        people_links += [
            RowDiff(
                "item_people",
                (item_id, person, role),
                None,
                {"item_id": item_id, "person_id": person, "role": role},
            )
            for person, role in sorted(pairs)
        ]
        after = {"key": key, "title": item["title"], "column_id": story.start}
        after["import"] = plan.source
        data: dict[str, Any] = {"after": after}
        if story.created_at:
            data["at"] = story.created_at
        events.append(EventRecord(EventKind.CREATED, item_id, data))
        for origin, target, at in story.moves:
            data = {
                "before": {"column_id": origin, "rank": rank},
                "after": {"column_id": target, "rank": rank, "column": columns.names[target]},
            }
            if at:
                data["at"] = at
            events.append(EventRecord(EventKind.MOVED, item_id, data))
        if source.archived:  # so the flow metrics do not count it as work in progress
            events.append(
                EventRecord(EventKind.ARCHIVED, item_id, {"column_id": item["column_id"]})
            )
        item_id += 1
    rows += tag_links
    rows += people_links
    rows += checklist
    rows += notes
    return len(prepared)


def _parts(plan: ImportPlan, row: ImportRow) -> tuple[tuple[tuple, tuple], list[str]]:
    """A row's checklist and notes as the board stores them (without control
    characters; blank ones left out), and the problems of text it cannot store."""
    problems: list[str] = []

    def kept(part: str, text: str) -> str:
        if text.isprintable():  # most are: nothing to clean (the quick way, for 10,000)
            return text.strip()
        cleaned = clean_text(text)
        if unstorable(cleaned):
            problems.append(f"{plan.source}:{row.line}: {part}: {unstorable_message(part)}")
        return cleaned

    ticks = tuple((t, done) for text, done in row.checklist if (t := kept("Checklist", text)))
    texts = tuple((t, at) for text, at in row.notes if (t := kept("A note", text)))
    return (ticks, texts), problems


#: Words in a stage's name that say which kind of column it is.
_DONE_WORDS = ("done", "complete", "completed", "finished", "shipped", "launched", "closed")
_BACKLOG_WORDS = ("backlog", "intake", "ideas", "idea", "inbox", "to do", "todo", "requests")


def stage_category(name: str) -> str:
    """The category a new column gets from its name: "Done" and the like are
    done, "Backlog", "Ideas", "To do" and the like backlog, others active."""
    folded = " ".join(name.casefold().replace("-", " ").split())
    if any(word in folded.split() or folded == word for word in _DONE_WORDS):
        return ColumnCategory.DONE.value
    if any(folded == word or folded.startswith(word + " ") for word in _BACKLOG_WORDS):
        return ColumnCategory.BACKLOG.value
    return ColumnCategory.ACTIVE.value


def _bottom_ranks(board: Board, column_ids: list[int]) -> list[float]:
    """A rank for each new item (in file order) below every card of its column.

    Archived cards count too, so restoring one never lands on an imported rank.
    """
    wanted: dict[int, int] = {}
    for column_id in column_ids:
        wanted[column_id] = wanted.get(column_id, 0) + 1
    queues: dict[int, list[float]] = {}
    for column_id, count in wanted.items():
        ranks = spread(board.highest_rank(column_id), None, count)
        assert ranks is not None  # no upper bound: always room
        queues[column_id] = ranks[::-1]
    return [queues[column_id].pop() for column_id in column_ids]


def _stage_name(stage: str | None) -> str:
    """A stage as a column name ("" when the row names none: the first column)."""
    return clean_text(stage, single_line=True) if stage else ""


def _problems(plan: ImportPlan, name: str, error: ValidationError) -> list[str]:
    return [f"{plan.source}: {name}: {text}" for text in error.problems.values()]
