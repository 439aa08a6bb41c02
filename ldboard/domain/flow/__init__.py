"""Flow metrics read from the activity log: is work flowing, and how fast?

Everything here works on a :class:`FlowHistory`, built by :func:`replay` in one
pass over the board's item events in log order. Each item's story becomes a
list of *steps*: after every event that changed its column, its iteration or
whether it is on the board (live, archived, deleted), the state it was left in.
The metrics then only read those steps, so a chart asks one function per
metric, with a date range and optionally the item ids its filter shows.

``history`` replays the log; ``progress`` holds cumulative flow and burn-up;
``timing`` holds cycle and lead time, throughput and work-item age.

Definitions (``docs/flow-metrics.md`` says them in words for people):

* a *day* is a calendar day in UTC of the events' timestamps, and a day's value
  is the state at the end of that day;
* an event's time is its ``ts``, or for an imported item's ``created`` and
  ``moved`` events the earlier ``at`` they carry (when it happened where the item
  came from); an event older than its item's story so far (such an event written
  again by a redo) counts at the story's latest time, so a story never goes back;
* a column's category (backlog / active / done) is its category *now*: the
  history is read through the flow the board has today, like the file format's
  cycle-time recipe, so changing a column's category re-reads the past;
* undo events are replayed: an undone move moves the item back, and an entry
  into an active or done column that was undone no longer counts as the item's
  first entry (redo counts it again, at the time of the redo);
* *started* is the first entry into an active column, *finished* the first
  entry into a done column, for an item that is in a done column now;
* durations are elapsed time in days (seconds ÷ 86,400); the median is the
  usual middle value, the 85th percentile uses the nearest-rank method.
"""

from __future__ import annotations

from ldboard.domain.flow.history import (
    ARCHIVED,
    DELETED,
    LIVE,
    FlowEvent,
    FlowHistory,
    ItemFacts,
    ItemStory,
    Replayer,
    Stage,
    Step,
    day_of,
    elapsed_days,
    replay,
)
from ldboard.domain.flow.progress import (
    BurnUp,
    CumulativeFlow,
    ScopeChange,
    StageBand,
    burn_up,
    cumulative_flow,
    iteration_window,
)
from ldboard.domain.flow.timing import (
    AgingItem,
    CycleTimes,
    FinishedItem,
    IterationThroughput,
    Summary,
    Throughput,
    WeekThroughput,
    WorkItemAge,
    cycle_times,
    finished_items,
    percentile,
    summarise,
    throughput,
    work_item_age,
)

__all__ = [
    "ARCHIVED",
    "DELETED",
    "LIVE",
    "AgingItem",
    "BurnUp",
    "CumulativeFlow",
    "CycleTimes",
    "FinishedItem",
    "FlowEvent",
    "FlowHistory",
    "ItemFacts",
    "ItemStory",
    "IterationThroughput",
    "Replayer",
    "ScopeChange",
    "Stage",
    "StageBand",
    "Step",
    "Summary",
    "Throughput",
    "WeekThroughput",
    "WorkItemAge",
    "burn_up",
    "cumulative_flow",
    "cycle_times",
    "day_of",
    "elapsed_days",
    "finished_items",
    "iteration_window",
    "percentile",
    "replay",
    "summarise",
    "throughput",
    "work_item_age",
]
