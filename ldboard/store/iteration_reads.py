"""Read queries for iterations, planning, retrospectives, snapshots and item history.

Mixed into ``Board`` on top of :class:`~ldboard.store.reads.BoardReads`; never writes.
The planning tables read a whole 10,000-item board, so :meth:`planning_rows`
is two queries and builds its rows positionally; everything else reads an
iteration's worth of rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ldboard.domain.enums import EventKind, RetroKind
from ldboard.domain.frozen import burn_up_from_json
from ldboard.domain.iterations import (
    CapacityLoad,
    CarriedAction,
    PlanningRow,
    capacity_load,
    carried_actions,
    default_iteration,
    iteration_order,
)
from ldboard.domain.model import Event, Iteration, RetroEntry
from ldboard.store.reads import BoardReads

if TYPE_CHECKING:
    from ldboard.domain.history import HistoryLine
    from ldboard.domain.scope import IterationSnapshot, PlanningEvent, ScopeLine

_LANE_ORDER = (
    "CASE kind "
    + " ".join(f"WHEN '{kind.value}' THEN {n}" for n, kind in enumerate(RetroKind))
    + " END"
)

# Ordered by the board-order index (column id, rank), without joins: columns are
# few and are put in their left-to-right order afterwards.
_PLANNING_SQL = """
SELECT id, key, title, column_id, rank, impact, effort, driver, iteration_id
FROM items
WHERE archived_at IS NULL AND {where}
ORDER BY column_id, rank
"""
_OPEN_ITERATIONS = (
    "(iteration_id IS NULL "
    "OR iteration_id NOT IN (SELECT id FROM iterations WHERE state = 'closed'))"
)

# An item's planning steps: ``where`` is the iteration after the event, ``said``
# whether the event names one at all, ``key``/``title`` what a deletion (or its
# undo) remembers of the item.
_PLANNING_EVENTS_SQL = """
SELECT item_id, ts, kind,
       json_extract(data, '$.after.iteration_id'),
       json_type(data, '$.after.iteration_id'),
       coalesce(json_extract(data, '$.before.key'), json_extract(data, '$.after.key')),
       coalesce(json_extract(data, '$.before.title'), json_extract(data, '$.after.title'))
FROM events
WHERE item_id IN (SELECT value FROM json_each(?))
  AND kind IN ('planned', 'created', 'deleted')
ORDER BY id
"""

_SCOPE_ITEMS_SQL = """
SELECT i.id, i.key, i.title, c.name, c.category, i.driver, i.impact, i.effort, i.hypothesis,
       i.metric, i.baseline, i.target, i.actual, i.verdict, i.archived_at IS NOT NULL,
       i.iteration_id
FROM items AS i
JOIN columns AS c ON c.id = i.column_id
WHERE i.id IN (SELECT value FROM json_each(?))
ORDER BY c.position, c.id, i.rank
"""


class IterationReads(BoardReads):
    """Typed reads of the iteration cadence. Subclasses provide ``_conn``."""

    # --- iterations -------------------------------------------------------------------

    def iteration(self, iteration_id: int) -> Iteration | None:
        found = self.row("iterations", (iteration_id,))
        return Iteration.from_row(found) if found else None

    def iterations(self) -> list[Iteration]:
        """Every iteration: closed ones in the order they closed, the active one, planned ones."""
        return iteration_order(Iteration.from_row(r) for r in self.rows("iterations"))

    def active_iteration(self) -> Iteration | None:
        found = self.rows("iterations", "state = 'active'", order_by="start DESC, id DESC")
        return Iteration.from_row(found[0]) if found else None

    def default_iteration(self) -> Iteration | None:
        """The iteration the planning screen selects first (active, else next planned)."""
        return default_iteration(self.iterations())

    def iteration_load(self, iteration_id: int) -> CapacityLoad:
        """Planned effort of an iteration's items (archived ones left out) against its capacity."""
        iteration = self.iteration(iteration_id)
        capacity = iteration.capacity if iteration else None
        cursor = self._conn.execute(
            "SELECT effort FROM items WHERE iteration_id = ? AND archived_at IS NULL",
            (iteration_id,),
        )
        return capacity_load((row[0] for row in cursor), capacity)

    # --- planning ---------------------------------------------------------------------

    def planning_rows(
        self, ids: Iterable[int] | None = None, *, iteration_id: int | None = None
    ) -> list[PlanningRow]:
        """Items of the planning tables, in board order (column position, then rank),
        with their requester and sponsor names; archived items are left out.

        Without arguments: every item that is not in a closed iteration. With
        ``ids``: those items wherever they are planned (a change notification
        re-reads only what it touched). With ``iteration_id``: the items planned
        into that iteration, closed or not. Items in done stages are included (an
        iteration's finished work stays in its table); ``PlanningRow.done`` tells
        them apart.

        Two queries over the items however many there are (10,000 take a few
        tens of milliseconds): no joins, rows built positionally.
        """
        if ids is not None:
            where, params = "id IN (SELECT value FROM json_each(?))", [ids_json(ids)]
            linked = "item_id IN (SELECT value FROM json_each(?)) AND "
        elif iteration_id is not None:
            where, params = "iteration_id = ?", [iteration_id]
            linked = "item_id IN (SELECT id FROM items WHERE iteration_id = ?) AND "
        else:
            where, params, linked = _OPEN_ITERATIONS, [], ""
        stages = {
            column_id: (name, category)
            for column_id, name, category in self._conn.execute(
                "SELECT id, name, category FROM columns ORDER BY position, id"
            )
        }
        names = dict(self._conn.execute("SELECT id, name FROM people"))
        people: dict[tuple[int, str], list[str]] = defaultdict(list)
        for item_id, role, person_id in self._conn.execute(
            "SELECT item_id, role, person_id FROM item_people "
            f"WHERE {linked}role IN ('requester', 'sponsor')",
            params,
        ):
            people[(item_id, role)].append(names[person_id])
        joined = {
            key: found[0] if len(found) == 1 else ", ".join(sorted(found, key=str.casefold))
            for key, found in people.items()
        }
        by_column: dict[int, list[PlanningRow]] = {column_id: [] for column_id in stages}
        make = PlanningRow
        for (
            item_id,
            key,
            title,
            column_id,
            rank,
            impact,
            effort,
            driver,
            planned,
        ) in self._conn.execute(_PLANNING_SQL.format(where=where), params):
            stage, category = stages[column_id]
            by_column[column_id].append(
                make(
                    item_id,
                    key,
                    title,
                    column_id,
                    stage,
                    category,
                    rank,
                    impact,
                    effort,
                    driver,
                    joined.get((item_id, "requester"), ""),
                    joined.get((item_id, "sponsor"), ""),
                    planned,
                )
            )
        return [row for rows in by_column.values() for row in rows]

    # --- scope and snapshots ------------------------------------------------------------

    def scope(self, iteration_id: int) -> list[ScopeLine]:
        """Every item that took part in the iteration, as it is now, with its scope flags.

        In board order, items deleted since at the end. See ``domain/scope.py``.
        """
        from ldboard.domain.scope import scope_lines, scope_start

        iteration = self.iteration(iteration_id)
        if iteration is None:
            raise LookupError(f"iteration {iteration_id} does not exist")
        facts, events = self.scope_facts(iteration_id)
        return scope_lines(iteration_id, scope_start(iteration), facts, events)

    def scope_facts(self, iteration_id: int) -> tuple[list[ScopeLine], list[PlanningEvent]]:
        """The items that were ever in an iteration (unclassified) and their planning events."""
        from ldboard.domain.scope import PlanningEvent, ScopeLine

        touched = {
            row[0]
            for row in self._conn.execute(
                # Each half is one lookup in its index (events_planned_into, _out_of).
                "SELECT item_id FROM events WHERE kind = 'planned' "
                "AND json_extract(data, '$.after.iteration_id') = ?1 "
                "UNION SELECT item_id FROM events WHERE kind = 'planned' "
                "AND json_extract(data, '$.before.iteration_id') = ?1",
                (iteration_id,),
            )
            if row[0] is not None
        }
        touched.update(
            row[0]
            for row in self._conn.execute(
                "SELECT id FROM items WHERE iteration_id = ?", (iteration_id,)
            )
        )
        wanted = json.dumps(sorted(touched))
        events: list[PlanningEvent] = []
        remembered: dict[int, tuple[str, str]] = {}
        # The JSON is read by SQLite: parsing thousands of events in Python would
        # cost more than the rest of a close. Same rules as ``domain.scope.planning_event``.
        for item_id, ts, kind, where, said, key, title in self._conn.execute(
            _PLANNING_EVENTS_SQL, (wanted,)
        ):
            if kind == EventKind.PLANNED:
                if said is not None:  # an "after" that names the iteration (null or not)
                    events.append(PlanningEvent(item_id, ts, where))
                continue
            events.append(PlanningEvent(item_id, ts, where if kind == EventKind.CREATED else None))
            if key is not None:
                remembered[item_id] = (key, title or "")
        facts = [
            ScopeLine(
                item_id=row[0],
                key=row[1],
                title=row[2],
                stage=row[3],
                stage_category=row[4],
                driver=row[5],
                impact=row[6],
                effort=row[7],
                hypothesis=row[8],
                metric=row[9],
                baseline=row[10],
                target=row[11],
                actual=row[12],
                verdict=row[13],
                archived=bool(row[14]),
                iteration_id=row[15],
            )
            for row in self._conn.execute(_SCOPE_ITEMS_SQL, (wanted,))
        ]
        present = {line.item_id for line in facts}
        for item_id in sorted(touched - present):
            key, title = remembered.get(item_id, (f"#{item_id}", ""))
            facts.append(ScopeLine(item_id=item_id, key=key, title=title, deleted=True))
        return facts, events

    def snapshot(self, iteration_id: int) -> IterationSnapshot | None:
        """The frozen record of a closed iteration; ``None`` if it has none (not closed,
        or closed before the file kept snapshots)."""
        from ldboard.domain.scope import IterationNumbers, IterationSnapshot, SnapshotItem

        header = self.row("iteration_snapshots", (iteration_id,))
        if header is None:
            return None
        numbers = IterationNumbers(
            **{name: header[name] for name in IterationNumbers.__dataclass_fields__}
        )
        items = tuple(
            SnapshotItem.from_row(row)
            for row in self.rows(
                "iteration_snapshot_items", "iteration_id = ?", (iteration_id,), "position"
            )
        )
        return IterationSnapshot(
            iteration_id=iteration_id,
            name=header["name"],
            goal=header["goal"],
            start=header["start"],
            end=header["end"],
            started_at=header["started_at"],
            closed_at=header["closed_at"],
            numbers=numbers,
            items=items,
            median_cycle_time_days=header["median_cycle_time_days"],
            burn_up=burn_up_from_json(header["burn_up"]),
            recorded_at=header["recorded_at"],
        )

    def stories_at(self, item_ids: Iterable[int], moment: str) -> dict[int, dict[str, str]]:
        """The learner story and cost of inaction of each item as it was at ``moment``
        (a deleted item's are empty): what a snapshot freezes."""
        from ldboard.domain.frozen import STORY_FIELDS, story_as_at

        wanted = list(item_ids)
        current = {
            row["id"]: row
            for row in self.rows(
                "items",
                "id IN (SELECT value FROM json_each(?))",
                [ids_json(wanted)],
            )
        }
        edits: dict[int, list] = defaultdict(list)
        for event in self._edits_after(wanted, moment):
            edits[event.item_id].append(event)
        return {
            item_id: story_as_at(current.get(item_id), edits[item_id], moment)
            if item_id in current
            else dict.fromkeys(STORY_FIELDS, "")
            for item_id in wanted
        }

    def _edits_after(self, item_ids: list[int], moment: str) -> list[Event]:
        cursor = self._conn.execute(
            "SELECT id, ts, item_id, kind, data FROM events "
            "WHERE item_id IN (SELECT value FROM json_each(?)) AND kind = 'edited' AND ts > ? "
            "ORDER BY id",
            (ids_json(item_ids), moment),
        )
        return [Event(row[0], row[1], row[2], row[3], json.loads(row[4])) for row in cursor]

    def frozen_people(self, item_ids: Iterable[int]) -> dict[int, tuple[tuple, tuple]]:
        """Each item's sponsors and subject-matter experts as they are named now,
        sorted by name: ``{item id: (sponsors, smes)}`` of ``FrozenPerson``."""
        from ldboard.domain.frozen import FrozenPerson

        found: dict[int, tuple[list, list]] = {}
        for item_id, role, person_id, name, title in self._conn.execute(
            "SELECT ip.item_id, ip.role, p.id, p.name, p.role FROM item_people ip "
            "JOIN people p ON p.id = ip.person_id "
            "WHERE ip.item_id IN (SELECT value FROM json_each(?)) "
            "AND ip.role IN ('sponsor', 'sme') "
            "ORDER BY p.name COLLATE NOCASE, p.name, p.id",
            (ids_json(item_ids),),
        ):
            sponsors, smes = found.setdefault(item_id, ([], []))
            (sponsors if role == "sponsor" else smes).append(FrozenPerson(person_id, name, title))
        return {item_id: (tuple(a), tuple(b)) for item_id, (a, b) in found.items()}

    # --- retrospectives -----------------------------------------------------------------

    def retro_entry(self, entry_id: int) -> RetroEntry | None:
        found = self.row("retro_entries", (entry_id,))
        return RetroEntry.from_row(found) if found else None

    def retro_entries(self, iteration_id: int) -> list[RetroEntry]:
        """An iteration's retrospective: lane by lane (went well, to improve, actions,
        notes), each in its order."""
        rows = self.rows(
            "retro_entries", "iteration_id = ?", (iteration_id,), f"{_LANE_ORDER}, position, id"
        )
        return [RetroEntry.from_row(r) for r in rows]

    def lane_slots(
        self, iteration_id: int, kind: str, *, exclude_id: int | None = None
    ) -> list[tuple[int, float]]:
        """``(entry id, position)`` of one lane of a retrospective, in order."""
        cursor = self._conn.execute(
            "SELECT id, position FROM retro_entries WHERE iteration_id = ? AND kind = ? "
            "AND id != ? ORDER BY position, id",
            (iteration_id, kind, -1 if exclude_id is None else exclude_id),
        )
        return [(row[0], row[1]) for row in cursor]

    def carried_actions(self, iteration_id: int) -> list[CarriedAction]:
        """Actions from earlier retrospectives that were still open in this iteration
        (never ticked, or ticked in it or later), oldest first, with their slip counts."""
        actions = [
            RetroEntry.from_row(r)
            for r in self.rows(
                "retro_entries", "kind = 'action' AND iteration_id != ?", (iteration_id,)
            )
        ]
        return carried_actions(actions, iteration_id, self.iterations())

    def open_actions(self) -> list[RetroEntry]:
        """Every action not ticked done, of every iteration."""
        rows = self.rows(
            "retro_entries",
            "kind = 'action' AND done_at IS NULL",
            order_by="iteration_id, position, id",
        )
        return [RetroEntry.from_row(r) for r in rows]

    # --- history ----------------------------------------------------------------------------

    def item_history(self, item_id: int) -> list[HistoryLine]:
        """An item's activity log in words, newest first (see ``domain/history.py``)."""
        from ldboard.domain.history import item_history

        return item_history(
            self.events(item_id),
            columns=self._names("columns"),
            iterations=self._names("iterations"),
        )

    def _names(self, table: str) -> dict[int, str]:
        """Names by id of ``table``'s rows, and of removed ones as the log remembers them."""
        names: dict[int, str] = {}
        if table == "columns":
            logged = self._conn.execute(
                "SELECT data FROM events WHERE kind = 'board' "
                "AND json_extract(data, '$.action') IN ('add_column', 'edit_column', "
                "'remove_column') ORDER BY id"
            )
        else:
            logged = self._conn.execute(
                "SELECT data FROM events WHERE kind = 'iteration' ORDER BY id"
            )
        for (data,) in logged:
            _remember_names(names, json.loads(data))
        for row_id, name in self._conn.execute(f"SELECT id, name FROM {table}"):
            names[row_id] = name
        return names


def _remember_names(names: dict[int, str], data: dict[str, Any]) -> None:
    for state in (data.get("before"), data.get("after")):
        if isinstance(state, dict) and isinstance(state.get("id"), int) and "name" in state:
            names[state["id"]] = state["name"]


def ids_json(ids: Iterable[int]) -> str:
    """Ids as one JSON parameter, for ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps(list(ids))
