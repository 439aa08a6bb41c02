"""Every place where an operation takes text a person typed, for the input-edge tests.

Each entry enters one text through one real operation on a board prepared by
:func:`prepare`, and reads back what the board stored. The unit tests in
``test_input_edges.py`` and the property in ``tests/property`` share them, so a
new text field is covered by both once it is listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ldboard import ops
from ldboard.domain.rules import TITLE_MAX, clean_text
from ldboard.ops.columns import NAME_MAX
from ldboard.ops.vocabulary import PERSON_NAME_MAX, TAG_NAME_MAX, clean_tag_name
from ldboard.store import Board

#: Ids that :func:`prepare` gives the rows edits work on, and the next new ones.
ITEM, NEW_ITEM = 1, 2
TAG, NEW_TAG = 1, 2
PERSON, NEW_PERSON = 1, 2
COLUMN, NEW_COLUMN = 1, 8

ITEM_LONG_TEXT = ("description", "audience", "need", "outcome", "goal", "hypothesis")
ITEM_LONG_TEXT += ("cost_of_inaction",)


def prepare(board: Board) -> None:
    """One item, tag and person to edit (ids 1), on the default seven columns."""
    ops.create_item(board, COLUMN, "Existing item")
    ops.create_tag(board, "existing")
    ops.create_person(board, "Existing Person")


@dataclass(frozen=True)
class TextEntry:
    """One text box of one operation."""

    name: str
    #: The key a refusal names in ``ValidationError.problems``.
    field: str
    #: "single" (one line), "long" (multi-line Markdown) or "tag" (a tag name).
    kind: str
    #: Whether text that is empty once cleaned is refused (else it stores nothing or "").
    required: bool
    max_length: int | None
    enter: Callable[[Board, str], object]
    #: What the board stored, ``None`` when the entry stored no row.
    read: Callable[[Board], str | None]

    def cleaned(self, text: str) -> str:
        if self.kind == "tag":
            return clean_tag_name(text)
        return clean_text(text, single_line=self.kind == "single")

    @property
    def id(self) -> str:
        return self.name


def _newest_note(board: Board, item_id: int) -> str | None:
    notes = board.notes(item_id)
    return notes[-1].text if notes else None


def _only_tag(board: Board, item_id: int) -> str | None:
    names = [t.name for t in board.tags() if t.id in board.item_tag_ids(item_id)]
    assert len(names) <= 1
    return names[0] if names else None


def _only_person(board: Board, item_id: int) -> str | None:
    names = [board.person(person_id).name for person_id, _role in board.item_people(item_id)]
    assert len(names) <= 1
    return names[0] if names else None


def _person_field(person_id: int, field: str) -> Callable[[Board], str | None]:
    def read(board: Board) -> str | None:
        person = board.person(person_id)
        return None if person is None else getattr(person, field)

    return read


def _item_field(item_id: int, field: str) -> Callable[[Board], str | None]:
    def read(board: Board) -> str | None:
        item = board.item(item_id)
        return None if item is None else getattr(item, field)

    return read


def _row_name(table: str, key: int) -> Callable[[Board], str | None]:
    def read(board: Board) -> str | None:
        row = board.row(table, (key,))
        return None if row is None else row["name"]

    return read


def _entries() -> list[TextEntry]:
    entries = [
        TextEntry(
            "create_item:title",
            "title",
            "single",
            True,
            TITLE_MAX,
            lambda b, t: ops.create_item(b, COLUMN, t),
            _item_field(NEW_ITEM, "title"),
        ),
        TextEntry(
            "edit_item:title",
            "title",
            "single",
            True,
            TITLE_MAX,
            lambda b, t: ops.edit_item(b, ITEM, {"title": t}),
            _item_field(ITEM, "title"),
        ),
    ]
    for field in (*ITEM_LONG_TEXT, "metric"):
        kind = "single" if field == "metric" else "long"
        entries += [
            TextEntry(
                f"create_item:{field}",
                field,
                kind,
                False,
                None,
                lambda b, t, f=field: ops.create_item(b, COLUMN, "New", fields={f: t}),
                _item_field(NEW_ITEM, field),
            ),
            TextEntry(
                f"edit_item:{field}",
                field,
                kind,
                False,
                None,
                lambda b, t, f=field: ops.edit_item(b, ITEM, {f: t}),
                _item_field(ITEM, field),
            ),
        ]
    entries += [
        TextEntry(
            "create_item:checklist",
            "checklist",
            "single",
            True,
            None,
            lambda b, t: ops.create_item(b, COLUMN, "New", checklist=[ops.ChecklistEntry(t)]),
            lambda b: b.checklist(NEW_ITEM)[0].text if b.checklist(NEW_ITEM) else None,
        ),
        TextEntry(
            "edit_item:checklist",
            "checklist",
            "single",
            True,
            None,
            lambda b, t: ops.edit_item(b, ITEM, checklist=[ops.ChecklistEntry(t)]),
            lambda b: b.checklist(ITEM)[0].text if b.checklist(ITEM) else None,
        ),
        TextEntry(
            "create_item:notes",
            "new_note",
            "long",
            False,
            None,
            lambda b, t: ops.create_item(b, COLUMN, "New", notes=[t]),
            lambda b: _newest_note(b, NEW_ITEM),
        ),
        TextEntry(
            "edit_item:new_notes",
            "new_note",
            "long",
            False,
            None,
            lambda b, t: ops.edit_item(b, ITEM, new_notes=[t]),
            lambda b: _newest_note(b, ITEM),
        ),
        TextEntry(
            "add_note",
            "new_note",
            "long",
            True,
            None,
            lambda b, t: ops.add_note(b, ITEM, t),
            lambda b: _newest_note(b, ITEM),
        ),
        TextEntry(
            "create_item:new_tags",
            "tags",
            "tag",
            False,
            TAG_NAME_MAX,
            lambda b, t: ops.create_item(b, COLUMN, "New", new_tags=[t]),
            lambda b: _only_tag(b, NEW_ITEM),
        ),
        TextEntry(
            "edit_item:new_tags",
            "tags",
            "tag",
            False,
            TAG_NAME_MAX,
            lambda b, t: ops.edit_item(b, ITEM, new_tags=[t]),
            lambda b: _only_tag(b, ITEM),
        ),
        TextEntry(
            "create_item:new_people",
            "people",
            "single",
            False,
            PERSON_NAME_MAX,
            lambda b, t: ops.create_item(b, COLUMN, "New", new_people=[(t, "requester")]),
            lambda b: _only_person(b, NEW_ITEM),
        ),
        TextEntry(
            "edit_item:new_people",
            "people",
            "single",
            False,
            PERSON_NAME_MAX,
            lambda b, t: ops.edit_item(b, ITEM, new_people=[(t, "sponsor")]),
            lambda b: _only_person(b, ITEM),
        ),
        TextEntry(
            "create_tag",
            "name",
            "tag",
            True,
            TAG_NAME_MAX,
            lambda b, t: ops.create_tag(b, t),
            _row_name("tags", NEW_TAG),
        ),
        TextEntry(
            "update_tag",
            "name",
            "tag",
            True,
            TAG_NAME_MAX,
            lambda b, t: ops.update_tag(b, TAG, name=t),
            _row_name("tags", TAG),
        ),
        TextEntry(
            "create_person:name",
            "name",
            "single",
            True,
            PERSON_NAME_MAX,
            lambda b, t: ops.create_person(b, t),
            _person_field(NEW_PERSON, "name"),
        ),
        TextEntry(
            "update_person:name",
            "name",
            "single",
            True,
            PERSON_NAME_MAX,
            lambda b, t: ops.update_person(b, PERSON, name=t),
            _person_field(PERSON, "name"),
        ),
    ]
    for field, kind in (
        ("role", "single"),
        ("department", "single"),
        ("wiifm", "long"),
        ("notes", "long"),
    ):
        entries += [
            TextEntry(
                f"create_person:{field}",
                field,
                kind,
                False,
                None,
                lambda b, t, f=field: ops.create_person(b, "New Person", **{f: t}),
                _person_field(NEW_PERSON, field),
            ),
            TextEntry(
                f"update_person:{field}",
                field,
                kind,
                False,
                None,
                lambda b, t, f=field: ops.update_person(b, PERSON, **{f: t}),
                _person_field(PERSON, field),
            ),
        ]
    entries += [
        TextEntry(
            "add_column",
            "name",
            "single",
            True,
            NAME_MAX,
            lambda b, t: ops.add_column(b, t),
            _row_name("columns", NEW_COLUMN),
        ),
        TextEntry(
            "rename_column",
            "name",
            "single",
            True,
            NAME_MAX,
            lambda b, t: ops.rename_column(b, COLUMN, t),
            _row_name("columns", COLUMN),
        ),
    ]
    return entries


TEXT_ENTRIES = _entries()


def linked_name(board: Board, entry: TextEntry, cleaned: str) -> str | None:
    """The tag or person a name typed on a card links to, when the board has it already."""
    if not cleaned:
        return None
    if entry.field == "tags":
        found = board.tag_by_name(cleaned)
        return found.name if found else None
    if entry.field == "people":
        wanted = cleaned.casefold()
        return next((p.name for p in board.people() if p.name.casefold() == wanted), None)
    return None


def taken_name(board: Board, entry: TextEntry, cleaned: str) -> str | None:
    """The existing name ``cleaned`` collides with, for entries whose names are unique."""
    if entry.name in ("create_tag", "update_tag"):
        found = board.tag_by_name(cleaned) if cleaned else None
        if found is not None and not (entry.name == "update_tag" and found.id == TAG):
            return found.name
    if entry.name in ("add_column", "rename_column"):
        for column in board.columns():
            same = column.name.casefold() == cleaned.casefold()
            if same and not (entry.name == "rename_column" and column.id == COLUMN):
                return column.name
    return None
