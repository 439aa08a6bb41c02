"""The demo board a person sees on first launch.

The content lives in ``resources/demo/board.json`` with dates given as day
offsets from today, so the demo always shows a current iteration, due dates
around now and a few weeks of plausible history (the activity log is written
as if each card had travelled through the stages before its current one).
Writing it is a one-off seeding of a new file, not a user action, so it goes
straight to the tables in one transaction instead of through undoable changes.

The iteration cadence is told the same way: a closed iteration, the active
one and the next planned one, each created, started and closed in the log;
items planned before the start they are committed to (one pulled in after the
start, one moved on); and the closed iteration's snapshot frozen by the same
rules a close uses (``domain/scope.py``), just before its unfinished items
leave it. Events are written in time order, not card by card.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ldboard.domain.enums import EventKind
from ldboard.domain.model import Item
from ldboard.domain.ranks import GAP
from ldboard.domain.rules import validate_item_fields
from ldboard.domain.scope import CARRIED_REASON, RETURNED_REASON, freeze
from ldboard.resources import read_text
from ldboard.store.board import Board, Clock, timestamp, utc_now
from ldboard.store.changes import EventRecord
from ldboard.store.demo_measurements import DemoDataError, write_measurements
from ldboard.store.demo_practice import write_practice
from ldboard.store.writer import append_events


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


#: Iterations are closed at 16:00 on their closing day; their retrospective follows.
_CLOSE_MINUTES = 7 * 60


class _DemoWriter:
    def __init__(self, board: Board, today: date) -> None:
        self.board = board
        self.conn = board.connection
        self.today = today
        #: Iteration definitions and ids by reference ("it1").
        self.iteration_defs: dict[str, dict[str, Any]] = {}
        self.iteration_ids: dict[str, int] = {}
        #: Items that leave an iteration when it closes: ref → [(item id, target ref)].
        self.leaving: dict[str, list[tuple[int, str | None]]] = {}
        #: Events not written yet, as (ts, order of writing, event): see ``flush_events``.
        self.pending: list[tuple[str, int, EventRecord]] = []

    def when(self, offset_days: int, minutes: int = 0) -> datetime:
        day = self.today + timedelta(days=offset_days)
        return (datetime.combine(day, time(9, 0)) + timedelta(minutes=minutes)).astimezone(UTC)

    def moment(self, offset_days: int, minutes: int = 0) -> str:
        return timestamp(self.when(offset_days, minutes))

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

    def event(self, ts: str, kind: str, item_id: int | None, data: dict[str, Any]) -> None:
        self.pending.append((ts, len(self.pending), EventRecord(kind, item_id, data)))

    def flush_events(self, until: str | None = None) -> None:
        """Write the events up to ``until`` (all: ``None``) in time order, as a real
        board's log reads: the flow metrics replay it in the order it was written."""
        due = sorted(e for e in self.pending if until is None or e[0] <= until)
        self.pending = [e for e in self.pending if until is not None and e[0] > until]
        for ts, _, record in due:
            append_events(self.conn, ts, [record])

    def closed_moment(self, ref: str) -> str | None:
        offset = self.iteration_defs[ref]["closed_offset_days"]
        return None if offset is None else self.moment(offset, minutes=_CLOSE_MINUTES)

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
        self.iteration_defs = {i["ref"]: i for i in content["iterations"]}
        for iteration in content["iterations"]:
            self.iteration_ids[iteration["ref"]] = self.write_iteration(iteration)
        iterations = self.iteration_ids
        self.write_items(content["items"], columns, tags, people, iterations)
        write_measurements(self, content.get("measurements", []))
        write_practice(self, content)
        lanes: dict[tuple[str, str], int] = {}
        for entry in content["retro_entries"]:
            lane = (entry["iteration"], entry["kind"])
            lanes[lane] = lanes.get(lane, 0) + 1
            self.write_retro_entry(entry, people, lanes[lane])
        for ref in sorted(self.iteration_defs, key=lambda r: self.closed_moment(r) or ""):
            if closed_at := self.closed_moment(ref):  # reads the log up to its close
                self.flush_events(closed_at)
                self.close(ref)
        self.flush_events()

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
        """The iteration as it is now, and its creation, start and close in the log."""
        started = iteration["started_offset_days"]
        row = {
            "name": iteration["name"],
            "goal": iteration["goal"],
            "start": self.day(iteration["start_offset_days"]),
            "end": self.day(iteration["end_offset_days"]),
            "state": iteration["state"],
            "capacity": iteration["capacity"],
            "started_at": None if started is None else self.moment(started),
            "closed_at": self.closed_moment(iteration["ref"]),
        }
        iteration_id = self.insert("iterations", row)
        planned = {**row, "state": "planned", "started_at": None, "closed_at": None}
        created = self.moment(iteration["created_offset_days"], minutes=30)
        self.iteration_event(created, "create", None, {"id": iteration_id, **planned})
        if row["started_at"] is not None:
            before = {"id": iteration_id, "state": "planned", "started_at": None}
            after = {"id": iteration_id, "state": "active", "started_at": row["started_at"]}
            self.iteration_event(row["started_at"], "start", before, after)
        return iteration_id

    def iteration_event(self, ts: str, action: str, before: Any, after: Any, **extra: Any) -> None:
        data = {"action": action, "before": before, "after": after, **extra}
        self.event(ts, EventKind.ITERATION, None, data)

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
        steps = self.planning_steps(item_id, item)
        before_close = next((s for s in reversed(steps) if "at_close_of" not in s), None)
        start_ref = before_close["iteration"] if before_close else None
        updated = entered
        closed_in = self.closed_moment(start_ref) if start_ref else None
        if closed_in and category == "done" and item["verdict"] != "untested":
            updated = max(entered, closed_in)  # the verdict was recorded at the close
        row = {k: item[k] for k in _COPIED_FIELDS if k in item}  # others: the defaults
        row.update(
            id=item_id,
            key=f"LD-{item_id}",
            column_id=column_id,
            rank=rank,
            iteration_id=iterations[start_ref] if start_ref else None,
            due=self.day(item["due_offset_days"]),
            created_at=created,
            updated_at=updated,
            done_at=entered if category == "done" else None,
            archived_at=self.moment(-1, minutes=item_id) if item["archived"] else None,
        )
        self.insert("items", row)
        self.write_history(item_id, item, row, columns, column_names)
        self.write_planning(item_id, item, steps)
        if row["verdict"] != "untested":
            data = {"before": {"verdict": "untested"}, "after": {"verdict": row["verdict"]}}
            self.event(row["updated_at"], "verdict", item_id, data)
        if row["archived_at"] is not None:
            self.event(row["archived_at"], "archived", item_id, {"column_id": row["column_id"]})

    def planning_steps(self, item_id: int, item: dict[str, Any]) -> list[dict[str, Any]]:
        """The item's way through the iterations: ``planning`` in the content, or one
        step into its iteration just before that iteration started (yesterday, for
        one that has not started)."""
        steps = item.get("planning")
        if steps is None:
            ref = item["iteration"]
            if ref is None:
                return []
            started = self.iteration_defs[ref]["started_offset_days"]
            day = started - 1 if started is not None else -1
            steps = [{"iteration": ref, "offset_days": max(day, item["created_offset_days"])}]
        last = steps[-1]["iteration"] if steps else None
        if last != item["iteration"]:
            raise DemoDataError(f"demo item LD-{item_id}: its planning ends in {last!r}")
        return steps

    def write_planning(self, item_id: int, item: dict[str, Any], steps: list[dict]) -> None:
        where: str | None = None
        for step in steps:
            target = step["iteration"]
            if "at_close_of" in step:
                if step["at_close_of"] != where:
                    raise DemoDataError(f"demo item LD-{item_id} leaves {where!r} at a close")
                self.leaving.setdefault(where, []).append((item_id, target))
            else:
                if step["offset_days"] < item["created_offset_days"]:
                    raise DemoDataError(f"demo item LD-{item_id} is planned before it exists")
                moment = self.moment(step["offset_days"], minutes=item_id * 7 + 2)
                self.event(moment, "planned", item_id, self.planned(where, target))
            where = target

    def planned(self, source: str | None, target: str | None) -> dict[str, Any]:
        before, after = (self.iteration_ids[r] if r else None for r in (source, target))
        return {"before": {"iteration_id": before}, "after": {"iteration_id": after}}

    def write_history(
        self,
        item_id: int,
        item: dict[str, Any],
        row: dict[str, Any],
        columns: dict[str, tuple[int, str]],
        column_names: list[str],
    ) -> None:
        """A believable trail: created in the first stage, then one move per later stage,
        spread evenly in time until the card entered its current stage."""
        first = column_names[0]
        self.event(
            row["created_at"],
            "created",
            item_id,
            {"after": {"key": row["key"], "title": row["title"], "column_id": columns[first][0]}},
        )
        path = column_names[: column_names.index(item["column"]) + 1]
        created = self.when(item["created_offset_days"], minutes=item_id * 7)
        entered = self.when(item["entered_column_offset_days"], minutes=item_id * 5)
        if entered <= created:
            raise DemoDataError(f"demo item LD-{item_id} enters its stage before it exists")
        steps = len(path) - 1
        previous = created
        for step in range(1, steps + 1):
            previous = self.step_moment(created, entered, previous, step, steps, item_id)
            moment = timestamp(previous)
            if step == 1 and row["impact"] is not None:
                scores = {"impact": row["impact"], "effort": row["effort"]}
                unscored = {"impact": None, "effort": None}
                self.event(moment, "rescored", item_id, {"before": unscored, "after": scores})
            before, after = columns[path[step - 1]][0], columns[path[step]][0]
            data = {
                "before": {"column_id": before},
                "after": {"column_id": after, "column": path[step]},
            }
            self.event(moment, "moved", item_id, data)

    def step_moment(
        self,
        created: datetime,
        entered: datetime,
        previous: datetime,
        step: int,
        steps: int,
        item_id: int,
    ) -> datetime:
        """When a card took step ``step`` of ``steps``: on an evenly spread working day,
        after the previous step and before it entered its current stage."""
        if step == steps:
            return entered
        day = (created + (entered - created) * step / steps).astimezone().date()
        local = datetime.combine(day, time(9, 0)) + timedelta(minutes=item_id * 3 % 420)
        latest = entered - timedelta(minutes=steps - step)
        return max(previous + timedelta(minutes=1), min(local.astimezone(UTC), latest))

    def write_retro_entry(self, entry: dict[str, Any], people: dict[str, int], place: int) -> None:
        """An entry written at its iteration's retrospective: an hour after the close, or
        yesterday for the running iteration; a done action ticked in the iteration
        that was running then."""
        ref = entry["iteration"]
        closed = self.iteration_defs[ref]["closed_offset_days"]
        minutes = 60 + place
        created = (
            self.moment(closed, _CLOSE_MINUTES + minutes) if closed else self.moment(-1, minutes)
        )
        done = entry["done_offset_days"]
        row = {
            "iteration_id": self.iteration_ids[ref],
            "kind": entry["kind"],
            "text": entry["text"],
            "created_at": created,
            "position": GAP * place,
            "owner_id": people[entry["owner"]] if entry["owner"] else None,
            "due": self.day(entry["due_offset_days"]),
            "done_at": self.moment(done, minutes=90) if done is not None else None,
            "closed_in_iteration_id": self.running_on(done) if done is not None else None,
            "item_id": None,
        }
        entry_id = self.insert("retro_entries", row)
        self.event(
            created,
            EventKind.RETRO,
            None,
            {
                "action": "add",
                "before": None,
                "after": {"id": entry_id, **row, "done_at": None, "closed_in_iteration_id": None},
            },
        )
        if row["done_at"] is not None:
            before = {"id": entry_id, "done_at": None, "closed_in_iteration_id": None}
            after = {
                "id": entry_id,
                "done_at": row["done_at"],
                "closed_in_iteration_id": row["closed_in_iteration_id"],
            }
            self.event(
                row["done_at"],
                EventKind.RETRO,
                None,
                {"action": "done", "before": before, "after": after},
            )

    def running_on(self, offset: int) -> int | None:
        """The iteration that was running ``offset`` days from today."""
        for ref, definition in self.iteration_defs.items():
            started, closed = definition["started_offset_days"], definition["closed_offset_days"]
            if started is not None and started <= offset and (closed is None or offset < closed):
                return self.iteration_ids[ref]
        return None

    def close(self, ref: str) -> None:
        """Freeze the closed iteration's snapshot as a close does, then let its
        unfinished items leave it (carried over or back to the backlog)."""
        iteration_id = self.iteration_ids[ref]
        iteration = self.board.iteration(iteration_id)
        assert iteration is not None and iteration.closed_at is not None
        lines = self.board.scope(iteration_id)
        leaving = dict(self.leaving.get(ref, []))
        unfinished = {line.item_id for line in lines if line.unfinished}
        if unfinished != set(leaving):
            raise DemoDataError(
                f"demo iteration {ref}: unfinished items {sorted(unfinished)} must leave it at "
                f"its close, but {sorted(leaving)} do"
            )
        carried = {
            item_id: (
                (self.iteration_ids[target], self.iteration_defs[target]["name"])
                if target
                else (None, "")
            )
            for item_id, target in leaving.items()
        }
        snapshot = freeze(
            iteration,
            lines,
            closed_at=iteration.closed_at,
            carried_to=carried,
            record=self.board.snapshot_record(iteration, lines, iteration.closed_at),
        )
        self.insert("iteration_snapshots", {"iteration_id": iteration_id, **snapshot.row()})
        for item in snapshot.items:
            self.insert("iteration_snapshot_items", {"iteration_id": iteration_id, **item.to_row()})
        for item_id, target in leaving.items():
            target_id = self.iteration_ids[target] if target else None
            self.conn.execute(
                "UPDATE items SET iteration_id = ? WHERE id = ?", (target_id, item_id)
            )
            data = self.planned(ref, target)
            data["reason"] = CARRIED_REASON if target else RETURNED_REASON
            self.event(iteration.closed_at, "planned", item_id, data)
        before = {"id": iteration_id, "state": "active", "closed_at": None}
        after = {"id": iteration_id, "state": "closed", "closed_at": iteration.closed_at}
        numbers = snapshot.numbers
        self.iteration_event(
            iteration.closed_at,
            "close",
            before,
            after,
            done=numbers.items_done,
            carried_over=numbers.items_carried_over,
        )


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
