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
from collections.abc import Iterator

from ldboard.domain.enums import IterationState
from ldboard.domain.flow.history import FlowHistory, ItemFacts, Stage, replay
from ldboard.store.iteration_reads import IterationReads

# ``after.column_id`` for created/moved, ``column_id`` for archived/restored;
# the key and title only where a creation or deletion remembers them.
# Each JSON function parses the whole ``data`` text, so every kind gets the
# fewest calls: one for a move, a plan, an archive or a restore. ``undo`` is
# looked for only where the text mentions it, and a ``planned`` event always
# names the iteration after it (docs/file-format.md).
_FLOW_EVENTS_SQL = """
SELECT item_id, ts, kind,
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
       END
FROM events
WHERE item_id IS NOT NULL
  AND kind IN ('created', 'moved', 'planned', 'archived', 'restored', 'deleted')
ORDER BY id
"""

_ITEMS_SQL = "SELECT id, key, title, effort FROM items"

# Columns removed from the board, as their removal recorded them (undone removals
# put the column back, so it is then among the current columns).
_REMOVED_COLUMNS_SQL = """
SELECT json_extract(data, '$.before.id'), json_extract(data, '$.before.name'),
       json_extract(data, '$.before.category')
FROM events
WHERE kind = 'board' AND json_extract(data, '$.action') = 'remove_column'
ORDER BY id
"""


class FlowReads(IterationReads):
    """``flow_history()`` for the charts and summaries.

    Subclasses provide ``_conn`` and ``now()`` (the moment ages are measured to).
    """

    _conn: sqlite3.Connection

    def flow_history(self) -> FlowHistory:
        """The board's flow replayed from its activity log, for the metrics of
        :mod:`ldboard.domain.flow`. Read it once, then ask each metric."""
        conn = self._conn
        stages = {
            row[0]: Stage(row[0], row[1], row[2], row[3])
            for row in conn.execute("SELECT id, name, position, category FROM columns")
        }
        for column_id, name, category in conn.execute(_REMOVED_COLUMNS_SQL):
            if isinstance(column_id, int) and column_id not in stages:
                stages[column_id] = Stage(
                    column_id, str(name or column_id), 10**6 + column_id, str(category), True
                )
        items = [ItemFacts._make(row) for row in conn.execute(_ITEMS_SQL)]
        with _no_cyclic_gc():
            # The rows are FlowEvent tuples as they come: no object per event. All
            # are fetched first: stepping SQLite between Python statements is slower.
            events = conn.execute(_FLOW_EVENTS_SQL).fetchall()
            return self._replayed(stages, items, events)

    def _replayed(
        self, stages: dict[int, Stage], items: list[ItemFacts], events: list[tuple]
    ) -> FlowHistory:
        iterations = self.iterations()
        snapshots = {}
        for iteration in iterations:
            if iteration.state == IterationState.CLOSED:
                frozen = self.snapshot(iteration.id)
                if frozen is not None:
                    snapshots[iteration.id] = frozen
        return replay(
            stages.values(),
            items,
            events,
            iterations=iterations,
            snapshots=snapshots,
            now=self.now(),  # type: ignore[attr-defined]
        )


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
