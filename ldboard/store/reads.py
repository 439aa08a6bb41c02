"""Read queries of a board. Mixed into ``Board``; never writes."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from ldboard.domain.cards import Card, PersonChip, TagChip, search_text
from ldboard.domain.measurements import Measurement
from ldboard.domain.model import (
    ChecklistItem,
    Column,
    Event,
    Item,
    Note,
    Person,
    Tag,
    initials,
)
from ldboard.store.changes import TABLE_KEYS
from ldboard.store.writer import quote

_CARD_COLUMNS = (
    "id, key, title, column_id, rank, impact, effort, verdict, driver, due, iteration_id, "
    "archived_at"
)
#: The item fields the free-text filter looks at, besides tag and people names
#: (see ``ldboard.domain.cards.search_text``).
_SEARCH_COLUMNS = "key, title, description, hypothesis, need"


class BoardReads:
    """Typed read access. Subclasses provide ``_conn``."""

    _conn: sqlite3.Connection

    # --- generic rows (used by ops to capture "before" states) ----------------

    def row(self, table: str, key: Sequence[Any]) -> dict[str, Any] | None:
        keys = TABLE_KEYS[table]
        where = " AND ".join(f"{quote(k)} = ?" for k in keys)
        cursor = self._conn.execute(f"SELECT * FROM {quote(table)} WHERE {where}", tuple(key))
        found = cursor.fetchone()
        return _as_dict(cursor, found) if found else None

    def rows(
        self, table: str, where: str = "", params: Sequence[Any] = (), order_by: str = ""
    ) -> list[dict[str, Any]]:
        sql = f"SELECT * FROM {quote(table)}"
        if where:
            sql += f" WHERE {where}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        cursor = self._conn.execute(sql, tuple(params))
        return [_as_dict(cursor, found) for found in cursor.fetchall()]

    # --- board --------------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        found = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return found[0] if found else default

    @property
    def name(self) -> str:
        return self.meta("board_name") or "Untitled board"

    @property
    def key_prefix(self) -> str:
        return self.meta("key_prefix") or "LD"

    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def integrity_check(self) -> list[str]:
        return [found[0] for found in self._conn.execute("PRAGMA integrity_check")]

    def foreign_key_problems(self) -> list[tuple[Any, ...]]:
        return list(self._conn.execute("PRAGMA foreign_key_check"))

    # --- columns ------------------------------------------------------------

    def columns(self) -> list[Column]:
        return [Column.from_row(r) for r in self.rows("columns", order_by="position, id")]

    def column(self, column_id: int) -> Column | None:
        found = self.row("columns", (column_id,))
        return Column.from_row(found) if found else None

    def column_count(self, column_id: int, *, exclude_id: int | None = None) -> int:
        return int(
            self._conn.execute(
                "SELECT count(*) FROM items "
                "WHERE column_id = ? AND archived_at IS NULL AND id != ?",
                (column_id, -1 if exclude_id is None else exclude_id),
            ).fetchone()[0]
        )

    def column_slots(
        self,
        column_id: int,
        *,
        exclude_id: int | None = None,
        offset: int = 0,
        limit: int = -1,
    ) -> list[tuple[int, float]]:
        """``(item id, rank)`` of a column's cards in order; ``offset``/``limit`` pick a window."""
        cursor = self._conn.execute(
            "SELECT id, rank FROM items WHERE column_id = ? AND archived_at IS NULL AND id != ? "
            "ORDER BY rank LIMIT ? OFFSET ?",
            (column_id, -1 if exclude_id is None else exclude_id, limit, offset),
        )
        return [(found[0], found[1]) for found in cursor]

    def position_in_column(self, item_id: int) -> int:
        """How many active cards come before this item in its column."""
        found = self._conn.execute(
            "SELECT count(*) FROM items o JOIN items i ON i.id = ? "
            "WHERE o.column_id = i.column_id AND o.archived_at IS NULL AND o.rank < i.rank",
            (item_id,),
        ).fetchone()
        return int(found[0])

    def next_id(self, table: str) -> int:
        """A fresh id for a new row of ``table``, never one a removed row had.

        Tables whose ids events refer to are ``AUTOINCREMENT``: SQLite's
        ``sqlite_sequence`` remembers the highest id each ever used, so the id
        of a removed (highest) row is not handed out again. Other tables have
        no entry there and get ``max(id) + 1``.
        """
        found = self._conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,))
        seq = found.fetchone()
        highest = self._conn.execute(f"SELECT coalesce(max(id), 0) FROM {quote(table)}")
        return max(int(seq[0]) if seq else 0, int(highest.fetchone()[0])) + 1

    def board_slots(self) -> list[tuple[int, int, float]]:
        """``(item id, column id, rank)`` of every card on the board, in board order.

        The cheapest possible read of the whole board: enough to order, count
        and scroll every column before any card is painted.
        """
        cursor = self._conn.execute(
            "SELECT id, column_id, rank FROM items WHERE archived_at IS NULL "
            "ORDER BY column_id, rank"
        )
        return cursor.fetchall()

    def highest_rank(self, column_id: int) -> float | None:
        """The highest rank any card of a column has, archived ones included
        (``None``: none), so that a card put below them never shares a rank
        with one restored later."""
        query = "SELECT max(rank) FROM items WHERE column_id = ?"
        return self._conn.execute(query, (column_id,)).fetchone()[0]

    def column_item_ids(self, column_id: int) -> list[int]:
        cursor = self._conn.execute(
            "SELECT id FROM items WHERE column_id = ? AND archived_at IS NULL ORDER BY rank",
            (column_id,),
        )
        return [found[0] for found in cursor]

    # --- items --------------------------------------------------------------

    def item(self, item_id: int) -> Item | None:
        found = self.row("items", (item_id,))
        return Item.from_row(found) if found else None

    def item_by_key(self, key: str) -> Item | None:
        found = self.rows("items", "key = ?", (key,))
        return Item.from_row(found[0]) if found else None

    def item_count(self, *, archived: bool = False) -> int:
        condition = "IS NOT NULL" if archived else "IS NULL"
        sql = f"SELECT count(*) FROM items WHERE archived_at {condition}"
        return int(self._conn.execute(sql).fetchone()[0])

    def item_keys(self) -> set[str]:
        """The key of every item on the board, archived ones included."""
        return {found[0] for found in self._conn.execute("SELECT key FROM items")}

    def next_item_id(self) -> int:
        """The id the next new item gets. Ids (and so keys) are never reused."""
        return self.next_id("items")

    def item_tag_ids(self, item_id: int) -> list[int]:
        cursor = self._conn.execute(
            "SELECT t.id FROM item_tags it JOIN tags t ON t.id = it.tag_id "
            "WHERE it.item_id = ? ORDER BY t.name COLLATE NOCASE",
            (item_id,),
        )
        return [found[0] for found in cursor]

    def item_people(self, item_id: int) -> list[tuple[int, str]]:
        """``(person_id, role)`` pairs of an item."""
        cursor = self._conn.execute(
            "SELECT ip.person_id, ip.role FROM item_people ip JOIN people p ON p.id = ip.person_id "
            "WHERE ip.item_id = ? ORDER BY ip.role, p.name",
            (item_id,),
        )
        return [(found[0], found[1]) for found in cursor]

    def checklist(self, item_id: int) -> list[ChecklistItem]:
        rows = self.rows("checklist_items", "item_id = ?", (item_id,), "position, id")
        return [ChecklistItem(**{**r, "done": bool(r["done"])}) for r in rows]

    def notes(self, item_id: int) -> list[Note]:
        return [Note(**r) for r in self.rows("notes", "item_id = ?", (item_id,), "created_at, id")]

    def measurements(self, item_id: int) -> list[Measurement]:
        """An item's measurements, oldest first (by date, then as recorded)."""
        rows = self.rows("measurements", "item_id = ?", (item_id,), "measured_on, id")
        return [Measurement(**r) for r in rows]

    def latest_measurements(self, item_ids: Iterable[int]) -> dict[int, Measurement]:
        """The latest measurement of each of ``item_ids`` that has one."""
        wanted = list(dict.fromkeys(item_ids))
        found: dict[int, Measurement] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cursor = self._conn.execute(
                f"SELECT * FROM measurements WHERE item_id IN ({marks}) "
                "ORDER BY item_id, measured_on, id",
                chunk,
            )
            names = [column[0] for column in cursor.description]
            for values in cursor:
                measurement = Measurement(**dict(zip(names, values, strict=True)))
                found[measurement.item_id] = measurement
        return found

    def item_directory(self) -> list[tuple[int, str, str]]:
        """``(id, key, title)`` of every item, archived ones included, by id:
        what an import that names items by key or title looks them up in."""
        cursor = self._conn.execute("SELECT id, key, title FROM items ORDER BY id")
        return [(found[0], found[1], found[2]) for found in cursor]

    def events(self, item_id: int | None = None) -> list[Event]:
        rows = (
            self.rows("events", order_by="id")
            if item_id is None
            else self.rows("events", "item_id = ?", (item_id,), "id")
        )
        return [Event(**{**r, "data": json.loads(r["data"])}) for r in rows]

    # --- vocabularies ---------------------------------------------------------

    def tags(self) -> list[Tag]:
        return [Tag(**r) for r in self.rows("tags", order_by="name COLLATE NOCASE")]

    def tag_by_name(self, name: str) -> Tag | None:
        """The tag with this name, ignoring case in any script ("Über" is "über")."""
        wanted = name.strip().casefold()
        return next((tag for tag in self.tags() if tag.name.casefold() == wanted), None)

    def people(self) -> list[Person]:
        return [
            Person(**{**r, "roles": json.loads(r["roles"])})
            for r in self.rows("people", order_by="name COLLATE NOCASE")
        ]

    def person(self, person_id: int) -> Person | None:
        found = self.row("people", (person_id,))
        return Person(**{**found, "roles": json.loads(found["roles"])}) if found else None

    # --- cards (what the board paints) ------------------------------------------

    def cards(
        self,
        ids: Iterable[int] | None = None,
        *,
        archived: bool = False,
        with_text: bool = False,
    ) -> list[Card]:
        """Card summaries in board order, for all active (or archived) items or for ``ids``.

        Opening a big board reads every card, so this is written for speed:
        tag and person chips are built once per tag and person and shared, and
        the search text is only read when ``with_text`` asks for it (it is
        :meth:`search_texts`' text, built from the chips already read).
        """
        params: list[Any] = []
        if ids is not None:
            wanted = list(ids)
            if not wanted:
                return []
            marks = ", ".join("?" for _ in wanted)
            params.extend(wanted)
            where = f"id IN ({marks})"
            link_filter = f"WHERE item_id IN ({marks})"
        else:
            where = "archived_at IS NOT NULL" if archived else "archived_at IS NULL"
            link_filter = ""
        tags_by_item = self._tag_chips_by_item(link_filter, params)
        people_by_item = self._person_chips_by_item(link_filter, params)
        checklist: dict[int, tuple[int, int]] = {
            item_id: (int(done or 0), int(total))
            for item_id, total, done in self._conn.execute(
                "SELECT item_id, count(*), sum(done) FROM checklist_items "
                f"{link_filter} GROUP BY item_id",
                params,
            )
        }
        fields = self._search_fields(where, params) if with_text else {}
        no_checklist = (0, 0)
        no_chips = ()
        cards = []
        # Card's first eleven fields are the first eleven columns of _CARD_COLUMNS.
        for row in self._conn.execute(
            f"SELECT {_CARD_COLUMNS} FROM items WHERE {where} ORDER BY column_id, rank", params
        ):
            item_id = row[0]
            done, total = checklist.get(item_id, no_checklist)
            tags = tags_by_item.get(item_id, no_chips)
            people = people_by_item.get(item_id, no_chips)
            text = search_text(fields[item_id], tags, people) if with_text else None
            cards.append(Card(*row[:11], row[11] is not None, tags, people, done, total, text))
        return cards

    def search_texts(self, ids: Iterable[int] | None = None) -> dict[int, str]:
        """What the free-text filter searches in each item (its text fields, tag
        names and people's names), lower-cased, by item id; every item, archived
        ones too, unless ``ids`` picks some."""
        params: list[Any] = []
        where, link_filter = "1", ""
        if ids is not None:
            params = list(ids)
            if not params:
                return {}
            marks = ", ".join("?" for _ in params)
            where, link_filter = f"id IN ({marks})", f"WHERE item_id IN ({marks})"
        tags = self._tag_chips_by_item(link_filter, params)
        people = self._person_chips_by_item(link_filter, params)
        return {
            item_id: search_text(parts, tags.get(item_id, ()), people.get(item_id, ()))
            for item_id, parts in self._search_fields(where, params).items()
        }

    def _search_fields(self, where: str, params: list[Any]) -> dict[int, tuple[str, ...]]:
        sql = f"SELECT id, {_SEARCH_COLUMNS} FROM items WHERE {where}"
        return {row[0]: row[1:] for row in self._conn.execute(sql, params)}

    def hypothesis_of(self, item_id: int) -> str:
        found = self._conn.execute("SELECT hypothesis FROM items WHERE id = ?", (item_id,))
        row = found.fetchone()
        return row[0] if row else ""

    def _tag_chips_by_item(self, link_filter: str, params: list[Any]) -> dict[int, tuple]:
        chips = {t.id: TagChip(t.id, t.name, t.color) for t in self.tags()}
        grouped: dict[int, list[TagChip]] = defaultdict(list)
        for item_id, tag_id in self._conn.execute(
            "SELECT it.item_id, it.tag_id FROM item_tags it JOIN tags t ON t.id = it.tag_id "
            f"{link_filter.replace('item_id', 'it.item_id')} ORDER BY t.name COLLATE NOCASE",
            params,
        ):
            grouped[item_id].append(chips[tag_id])
        return {item_id: tuple(found) for item_id, found in grouped.items()}

    def _person_chips_by_item(self, link_filter: str, params: list[Any]) -> dict[int, tuple]:
        names = dict(self._conn.execute("SELECT id, name FROM people"))
        chips: dict[tuple[int, str], PersonChip] = {}
        grouped: dict[int, list[PersonChip]] = defaultdict(list)
        for item_id, person_id, role in self._conn.execute(
            "SELECT item_id, person_id, role FROM item_people "
            f"{link_filter} ORDER BY CASE role WHEN 'requester' THEN 0 "
            "WHEN 'sponsor' THEN 1 ELSE 2 END, person_id",
            params,
        ):
            chip = chips.get((person_id, role))
            if chip is None:
                name = names[person_id]
                chip = chips[(person_id, role)] = PersonChip(person_id, name, initials(name), role)
            grouped[item_id].append(chip)
        return {item_id: tuple(found) for item_id, found in grouped.items()}


def _as_dict(cursor: sqlite3.Cursor, found: Sequence[Any]) -> dict[str, Any]:
    return {d[0]: value for d, value in zip(cursor.description, found, strict=True)}
