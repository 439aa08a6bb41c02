"""The read behind the flow metrics: a board's item events, replayed once.

Mixed into ``Board``; never writes. A year of a busy board is over 100,000
events, so the events are read in one query in log order with SQLite's own
JSON functions picking out the few fields the metrics use (no JSON is parsed
in Python), and :func:`ldboard.domain.flow.history.replay` makes one pass over them.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ldboard.domain.enums import IterationState
from ldboard.store.iteration_reads import IterationReads

if TYPE_CHECKING:
    # The flow metrics (and ``statistics``) are imported when first asked for,
    # not when a board opens: most sessions never draw a chart.
    from ldboard.domain.flow.history import FlowHistory, Replayer, Stage
    from ldboard.domain.frozen import SnapshotRecord
    from ldboard.domain.model import Iteration
    from ldboard.domain.scope import IterationSnapshot, ScopeLine

# ``after.column_id`` for created/moved, ``column_id`` for archived/restored;
# the key and title only where a creation or deletion remembers them.
# Each JSON function parses the whole ``data`` text, so every kind gets the
# fewest calls: one for a move, a plan, an archive or a restore. ``undo`` is
# looked for only where the text mentions it, and a ``planned`` event always
# names the iteration after it (docs/file-format.md).
# An imported item's ``created`` and ``moved`` events may say when they happened
# where the item came from (``at``, earlier than ``ts``; not on their undos, which
# happen when written). Where ``at`` is a real timestamp (a "+0 days" strftime
# gives it back unchanged, not "2026-02-30" made "2026-03-02") it is replayed,
# with ``ts`` last, for the replay to fall back on when ``at`` is older than the
# item's story so far. Only the text of these few events is searched for it.
_FLOW_EVENTS_SQL = """
SELECT item_id,
       CASE WHEN kind IN ('moved', 'created') AND instr(data, '"at"')
                 AND NOT coalesce(json_extract(data, '$.undo'), 0)
            THEN coalesce((SELECT at FROM (SELECT json_extract(data, '$.at') AS at)
                           WHERE at < ts
                             AND strftime('%Y-%m-%dT%H:%M:%SZ', at, '+0 days') = at), ts)
            ELSE ts END,
       kind,
       CASE WHEN kind IN ('moved', 'created') THEN json_extract(data, '$.after.column_id')
            WHEN kind IN ('archived', 'restored') THEN json_extract(data, '$.column_id') END,
       CASE WHEN kind IN ('planned', 'created') THEN json_extract(data, '$.after.iteration_id') END,
       CASE kind WHEN 'planned' THEN 1
                 WHEN 'created' THEN json_type(data, '$.after.iteration_id') IS NOT NULL
                 ELSE 0 END,
       CASE WHEN kind IN ('moved', 'created') AND instr(data, '"undo"')
            THEN json_extract(data, '$.undo') END,
       CASE WHEN kind IN ('created', 'deleted') THEN
            coalesce(json_extract(data, '$.after.key'), json_extract(data, '$.before.key')) END,
       CASE WHEN kind IN ('created', 'deleted') THEN
            coalesce(json_extract(data, '$.after.title'), json_extract(data, '$.before.title'))
       END,
       CASE WHEN kind IN ('moved', 'created') AND instr(data, '"at"') THEN ts END
FROM events
WHERE id > ? AND id <= ? AND item_id IS NOT NULL
  AND kind IN ('created', 'moved', 'planned', 'archived', 'restored', 'deleted')
ORDER BY id
"""

_ITEMS_SQL = "SELECT id, key, title, effort FROM items"

#: Events replayed per slice by ``warm_flow_history`` (about 10 ms on the
#: benchmark machine: a slice must leave the window free to answer input).
WARM_SLICE = 1_000

# Columns removed from the board, as their removal recorded them (undone removals
# put the column back, so it is then among the current columns).
_REMOVED_COLUMNS_SQL = """
SELECT json_extract(data, '$.before.id'), json_extract(data, '$.before.name'),
       json_extract(data, '$.before.category')
FROM events
WHERE id > ? AND kind = 'board' AND json_extract(data, '$.action') = 'remove_column'
ORDER BY id
"""


class FlowReads(IterationReads):
    """``flow_history()`` for the charts and summaries.

    Subclasses provide ``_conn`` and ``now()`` (the moment ages are measured to).

    The log only grows, so the replay is kept and resumed: each call reads and
    replays only the events logged since the last one (a year of a busy board
    is replayed once per open board, not once per chart). It starts again from
    the first event when the stages change, because a column's category
    re-reads the whole past (see :mod:`ldboard.domain.flow`).
    """

    _conn: sqlite3.Connection
    _flow: tuple[Replayer, int] | None = None
    #: Columns removed from the board, as found in the log up to an event id.
    _removed_columns: tuple[int, dict[int, Stage]] = (0, {})

    def flow_history(self) -> FlowHistory:
        """The board's flow replayed from its activity log, for the metrics of
        :mod:`ldboard.domain.flow`. Read it once, then ask each metric."""
        replayer, last = self._flow_replayer()
        newest = self._newest_event()
        if newest > last:
            self._replay_events(replayer, last, newest)
        items = self._conn.execute(_ITEMS_SQL).fetchall()
        return replayer.history(
            items,
            iterations=(iterations := self.iterations()),
            snapshots=self._closed_snapshots(iterations),
            now=self.now(),  # type: ignore[attr-defined]
        )

    def warm_flow_history(self, budget: int = WARM_SLICE) -> bool:
        """Replay up to ``budget`` more events ahead of the next ``flow_history``;
        ``True`` once the replay has caught up with the log. The window calls it
        in idle slices after a board opens, so the first chart is quick."""
        # The stages are checked once here, not every slice: ``flow_history``
        # checks them again before it hands out a history.
        replayer, last = self._flow if self._flow is not None else self._flow_replayer()
        newest = self._newest_event()
        if newest > last:
            first_ids = self._conn.execute(
                "SELECT id FROM events WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?",
                (last, budget - 1),
            ).fetchone()
            self._replay_events(replayer, last, min(newest, first_ids[0]) if first_ids else newest)
        return self._flow is not None and self._flow[1] >= newest

    def snapshot_record(
        self, iteration: Iteration, lines: Sequence[ScopeLine], moment: str
    ) -> SnapshotRecord:
        """What closing ``iteration`` at ``moment`` freezes besides its scope
        ``lines``: each item's story and people, and the iteration's median cycle
        time and burn-up from the log (see :mod:`ldboard.domain.frozen`)."""
        from ldboard.domain.flow.history import day_of
        from ldboard.domain.frozen import SnapshotRecord, iteration_flow

        ids = [line.item_id for line in lines]
        done = [line.item_id for line in lines if line.in_scope and line.done]
        median, burn_up = iteration_flow(self.flow_history(), iteration.id, done, day_of(moment))
        return SnapshotRecord(
            stories=self.stories_at(ids, moment),
            people=self.frozen_people(ids),
            median_cycle_time_days=median,
            burn_up=burn_up,
        )

    # --- the kept replay --------------------------------------------------------------

    def _flow_replayer(self) -> tuple[Replayer, int]:
        from ldboard.domain.flow.history import Replayer

        stages = self._flow_stages()
        if self._flow is None or not self._flow[0].same_categories(stages.values()):
            self._flow = (Replayer(stages.values()), 0)
        else:
            self._flow[0].stages = stages  # renamed or reordered columns
        return self._flow

    def _newest_event(self) -> int:
        return self._conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]

    def _replay_events(self, replayer: Replayer, after: int, up_to: int) -> None:
        with _no_cyclic_gc():
            # The rows are FlowEvent tuples as they come: no object per event. All
            # are fetched first: stepping SQLite between Python statements is slower.
            events = self._conn.execute(_FLOW_EVENTS_SQL, (after, up_to)).fetchall()
            replayer.feed(events)
        self._flow = (replayer, up_to)

    def _flow_stages(self) -> dict[int, Stage]:
        from ldboard.domain.flow.history import Stage

        conn = self._conn
        stages = {
            row[0]: Stage(row[0], row[1], row[2], row[3])
            for row in conn.execute("SELECT id, name, position, category FROM columns")
        }
        # Removals are looked for only in the events logged since the last look.
        scanned, removed = self._removed_columns
        newest = self._newest_event()
        if newest > scanned:
            removed = dict(removed)
            for column_id, name, category in conn.execute(_REMOVED_COLUMNS_SQL, (scanned,)):
                if isinstance(column_id, int):
                    removed[column_id] = Stage(
                        column_id, str(name or column_id), 10**6 + column_id, str(category), True
                    )
            self._removed_columns = (newest, removed)
        for column_id, stage in removed.items():
            stages.setdefault(column_id, stage)
        return stages

    def _closed_snapshots(self, iterations: list) -> dict[int, IterationSnapshot]:
        snapshots = {}
        for iteration in iterations:
            if iteration.state == IterationState.CLOSED:
                frozen = self.snapshot(iteration.id)
                if frozen is not None:
                    snapshots[iteration.id] = frozen
        return snapshots


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector while a replay makes 100,000 small tuples.

    None of them form cycles, yet their number triggers collections that scan
    every object the program holds; reference counting still frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
