"""The demo board a person sees on first launch.

The content lives in ``resources/demo/board.json`` with dates given as day
offsets from today, so the demo always shows a current iteration, due dates
around now and a few weeks of plausible history (the activity log is written
as if each card had travelled through the stages before its current one).
Writing it is a one-off seeding of a new file, not a user action, so it goes
straight to the tables in one transaction instead of through undoable changes.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ldboard.domain.model import Item
from ldboard.domain.rules import validate_item_fields
from ldboard.resources import read_text
from ldboard.store.board import Board, Clock, timestamp, utc_now
from ldboard.store.changes import EventRecord
from ldboard.store.writer import append_event


class DemoDataError(ValueError):
    """The demo content is inconsistent (a packaging bug, reported precisely)."""


def load_demo_content() -> dict[str, Any]:
    return json.loads(read_text("demo", "board.json"))


def create_demo_board(path: Path | str, *, clock: Clock = utc_now) -> Board:
    """Create a new board file at ``path`` filled with the demo content."""
    board = Board.open(path, clock=clock)
    if board.item_count() or board.item_count(archived=True):
        board.close()
        raise DemoDataError(f"{path} already holds items; the demo needs a new board")
    populate_demo(board, load_demo_content())
    return board


def populate_demo(board: Board, content: dict[str, Any]) -> None:
    """Replace the default columns of a new, empty board with the demo board."""
    today = board.today()
    writer = _DemoWriter(board, today)
    with board.transaction():
        writer.write(content)


class _DemoWriter:
    def __init__(self, board: Board, today: date) -> None:
        self.board = board
        self.conn = board.connection
        self.today = today

    def moment(self, offset_days: int, minutes: int = 0) -> str:
        day = self.today + timedelta(days=offset_days)
        local = datetime.combine(day, time(9, 0)) + timedelta(minutes=minutes)
        return timestamp(local.astimezone(UTC))

    def day(self, offset_days: int | None) -> str | None:
        if offset_days is None:
            return None
        return (self.today + timedelta(days=offset_days)).isoformat()

    def insert(self, table: str, row: dict[str, Any]) -> int:
        names = ", ".join(f'"{k}"' for k in row)
        marks = ", ".join("?" for _ in row)
        cursor = self.conn.execute(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values())
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def event(self, ts: str, kind: str, item_id: int, data: dict[str, Any]) -> None:
        append_event(self.conn, ts, EventRecord(kind, item_id, data))

    def write(self, content: dict[str, Any]) -> None:
        self.conn.execute("DELETE FROM columns")
        if self.conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is None:
            # No event ever named the default columns just removed, so the demo's
            # columns may take their ids (1, 2, …) like the columns of any new board.
            self.conn.execute("DELETE FROM sqlite_sequence WHERE name = 'columns'")
        for key, value in (("board_name", content["board_name"]), ("key_prefix", "LD")):
            self.conn.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('demo', 'true')"
            " ON CONFLICT (key) DO UPDATE SET value = 'true'"
        )
        columns = self.write_columns(content["columns"])
        tags = {
            tag["name"]: self.insert("tags", {"name": tag["name"], "color": tag["color"]})
            for tag in content["tags"]
        }
        people = {p["ref"]: self.write_person(p) for p in content["people"]}
        iterations = {i["ref"]: self.write_iteration(i) for i in content["iterations"]}
        self.write_items(content["items"], columns, tags, people, iterations)
        for entry in content["retro_entries"]:
            self.write_retro_entry(entry, iterations, content["iterations"])

    def write_columns(self, columns: list[dict[str, Any]]) -> dict[str, tuple[int, str]]:
        found = {}
        for position, column in enumerate(columns):
            row = {
                "name": column["name"],
                "position": position,
                "category": column["category"],
                "wip_limit": column["wip_limit"],
            }
            found[column["name"]] = (self.insert("columns", row), column["category"])
        return found

    def write_person(self, person: dict[str, Any]) -> int:
        row = {k: person[k] for k in ("name", "role", "department", "wiifm", "notes")}
        return self.insert("people", row | {"roles": json.dumps(sorted(person["roles"]))})

    def write_iteration(self, iteration: dict[str, Any]) -> int:
        row = {
            "name": iteration["name"],
            "goal": iteration["goal"],
            "start": self.day(iteration["start_offset_days"]),
            "end": self.day(iteration["end_offset_days"]),
            "state": iteration["state"],
            "capacity": iteration["capacity"],
        }
        return self.insert("iterations", row)

    def write_items(
        self,
        items: list[dict[str, Any]],
        columns: dict[str, tuple[int, str]],
        tags: dict[str, int],
        people: dict[str, int],
        iterations: dict[str, int],
    ) -> None:
        # Oldest requests get the lowest keys, as if they had been typed in over time.
        by_age = sorted(range(len(items)), key=lambda i: (items[i]["created_offset_days"], i))
        ids = {index: number for number, index in enumerate(by_age, start=1)}
        ranks: dict[str, float] = {}
        column_names = list(columns)
        for index, item in enumerate(items):
            where = f"demo item {index + 1} ({item.get('title', '?')!r})"
            if item["column"] not in columns:
                raise DemoDataError(f"{where}: unknown column {item['column']!r}")
            problems = validate_item_fields({k: item.get(k) for k in _CHECKED_FIELDS})
            if problems:
                raise DemoDataError(f"{where}: {problems}")
            ranks[item["column"]] = ranks.get(item["column"], 0.0) + 1024.0
            self.write_item(
                ids[index], item, ranks[item["column"]], columns, column_names, iterations
            )
            item_id = ids[index]
            for name in item["tags"]:
                self.insert("item_tags", {"item_id": item_id, "tag_id": tags[name]})
            links = [(item["requester"], "requester"), (item["sponsor"], "sponsor")]
            links += [(ref, "sme") for ref in item["smes"]]
            for ref, role in links:
                if ref is None:
                    continue
                if ref not in people:
                    raise DemoDataError(f"{where}: unknown person {ref!r}")
                row = {"item_id": item_id, "person_id": people[ref], "role": role}
                self.insert("item_people", row)
            for position, entry in enumerate(item["checklist"]):
                row = {
                    "item_id": item_id,
                    "text": entry["text"],
                    "done": int(entry["done"]),
                    "position": position,
                }
                self.insert("checklist_items", row)
            for note in item["notes"]:
                moment = self.moment(note["offset_days"], minutes=30)
                self.insert(
                    "notes", {"item_id": item_id, "text": note["text"], "created_at": moment}
                )

    def write_item(
        self,
        item_id: int,
        item: dict[str, Any],
        rank: float,
        columns: dict[str, tuple[int, str]],
        column_names: list[str],
        iterations: dict[str, int],
    ) -> None:
        column_id, category = columns[item["column"]]
        created = self.moment(item["created_offset_days"], minutes=item_id * 7)
        entered = self.moment(item["entered_column_offset_days"], minutes=item_id * 5)
        row = {k: item[k] for k in _COPIED_FIELDS}
        row.update(
            id=item_id,
            key=f"LD-{item_id}",
            column_id=column_id,
            rank=rank,
            iteration_id=iterations[item["iteration"]] if item["iteration"] else None,
            due=self.day(item["due_offset_days"]),
            created_at=created,
            updated_at=entered,
            done_at=entered if category == "done" else None,
            archived_at=self.moment(-1, minutes=item_id) if item["archived"] else None,
        )
        self.insert("items", row)
        self.write_history(item_id, item, row, columns, column_names)

    def write_history(
        self,
        item_id: int,
        item: dict[str, Any],
        row: dict[str, Any],
        columns: dict[str, tuple[int, str]],
        column_names: list[str],
    ) -> None:
        """A believable trail: created in the first stage, then one move per later stage."""
        first = column_names[0]
        self.event(
            row["created_at"],
            "created",
            item_id,
            {"after": {"key": row["key"], "title": row["title"], "column_id": columns[first][0]}},
        )
        path = column_names[: column_names.index(item["column"]) + 1]
        start, end = item["created_offset_days"], item["entered_column_offset_days"]
        steps = len(path) - 1
        for step in range(1, steps + 1):
            offset = start + round((end - start) * step / steps)
            moment = (
                row["updated_at"] if step == steps else self.moment(offset, minutes=item_id * 3)
            )
            if step == 1 and row["impact"] is not None:
                scores = {"impact": row["impact"], "effort": row["effort"]}
                self.event(moment, "rescored", item_id, {"before": {}, "after": scores})
            before, after = columns[path[step - 1]][0], columns[path[step]][0]
            data = {
                "before": {"column_id": before},
                "after": {"column_id": after, "column": path[step]},
            }
            self.event(moment, "moved", item_id, data)
        if row["iteration_id"] is not None:
            data = {
                "before": {"iteration_id": None},
                "after": {"iteration_id": row["iteration_id"]},
            }
            self.event(row["created_at"], "planned", item_id, data)
        if row["verdict"] != "untested":
            data = {"before": {"verdict": "untested"}, "after": {"verdict": row["verdict"]}}
            self.event(row["updated_at"], "verdict", item_id, data)
        if row["archived_at"] is not None:
            self.event(row["archived_at"], "archived", item_id, {"column_id": row["column_id"]})

    def write_retro_entry(
        self,
        entry: dict[str, Any],
        iterations: dict[str, int],
        definitions: list[dict[str, Any]],
    ) -> None:
        definition = next(i for i in definitions if i["ref"] == entry["iteration"])
        created_offset = min(definition["end_offset_days"], 0)
        row = {
            "iteration_id": iterations[entry["iteration"]],
            "kind": entry["kind"],
            "text": entry["text"],
            "created_at": self.moment(created_offset, minutes=60),
            "owner": entry["owner"] or "",
            "due": self.day(entry["due_offset_days"]),
            "done_at": self.moment(-3) if entry["done"] else None,
        }
        self.insert("retro_entries", row)


_CHECKED_FIELDS = (
    "title",
    "driver",
    "baseline",
    "target",
    "actual",
    "verdict",
    "evaluation_level",
    "impact",
    "effort",
    "estimate_days",
    "format",
)
#: Item fields copied as they are (planning fields are resolved to ids and dates).
_COPIED_FIELDS = tuple(name for name in Item.EDITABLE if name not in ("iteration_id", "due"))
