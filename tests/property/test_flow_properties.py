"""Random histories, made with the real operations over several days, against the file.

Each example creates, moves, archives, restores, deletes, plans and unplans
items, undoes and redoes steps, and turns the page to the next day now and
then, on a board with one running iteration. At the end of every day the test
notes, from the ``items`` table itself, how many live items each column holds;
the cumulative flow diagram must show exactly those numbers, so its stacked
total is the number of live items on every day. Cycle time never exceeds lead
time, and a burn-up's done line never rises above its scope line.

With imports among the actions (a Trello board's cards, whose created and moved
events carry their own earlier times), the days before the last import hold
the imported past, so the diagram is compared from that day on; every story
still runs forward in time, whatever undo and redo write again.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ldboard import ops
from ldboard.domain import flow
from ldboard.ops.importing import ImportPlan, ImportRow, import_items
from ldboard.store import Board
from ldboard.store.errors import ConflictError
from tests.conftest import FakeClock

COLUMNS = st.integers(min_value=1, max_value=7)
#: An item is chosen among those on the board (archived ones too) by its place.
ITEMS = st.integers(min_value=0, max_value=50)
START = date(2026, 11, 23)

CREATE = st.tuples(st.just("create"), COLUMNS, st.integers(0, 5))
STEP = st.one_of(
    CREATE,
    CREATE,
    CREATE,
    st.tuples(st.just("move"), ITEMS, COLUMNS),
    st.tuples(st.just("archive"), ITEMS),
    st.tuples(st.just("restore"), ITEMS),
    st.tuples(st.just("delete"), ITEMS),
    st.tuples(st.just("plan"), ITEMS),
    st.tuples(st.just("plan"), ITEMS),
    st.tuples(st.just("unplan"), ITEMS),
    st.tuples(st.just("move"), ITEMS, st.just(7)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
    st.tuples(st.just("next day")),
    st.tuples(st.just("next day")),
)
ACTIONS = st.lists(STEP, min_size=10, max_size=60)


#: Hours from now: up to about three months back, a little into the future.
HOURS = st.integers(min_value=-2200, max_value=30)
#: A stage a move names: a column, a list that is not one (None), or a name
#: the board does not have.
STAGE = st.one_of(COLUMNS, st.none(), st.just(0))
IMPORT = st.tuples(
    st.just("import"),
    st.lists(
        st.tuples(COLUMNS, HOURS, st.lists(st.tuples(STAGE, STAGE, HOURS), max_size=4)),
        min_size=1,
        max_size=3,
    ),
)
ACTIONS_WITH_IMPORTS = st.lists(st.one_of(IMPORT, STEP), min_size=10, max_size=60)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def dated_import(board: Board, clock: FakeClock, cards) -> object:
    """Import ``cards`` (column, created, moves), as a Trello board is imported."""
    names: dict = {c.id: c.name for c in board.columns()}
    names[0] = "Not a column"

    def hours(offset: int) -> str:
        return stamp(clock.now + timedelta(hours=offset))

    rows = tuple(
        ImportRow(
            n,
            {"title": f"Imported {n}"},
            stage=names[column],
            created_at=hours(created),
            moves=tuple((names.get(a), names.get(b), hours(at)) for a, b, at in moves),
        )
        for n, (column, created, moves) in enumerate(cards, start=1)
    )
    return import_items(board, ImportPlan("t.json", rows, dated=True), create_columns=False)


def live_per_column(board: Board) -> dict[int, int]:
    return dict(
        board.connection.execute(
            "SELECT column_id, count(*) FROM items WHERE archived_at IS NULL GROUP BY column_id"
        ).fetchall()
    )


def play(
    board: Board, clock: FakeClock, actions, imports: list[date] | None = None
) -> dict[date, dict[int, int]]:
    """Run ``actions``; the live items per column at the end of each day (and the
    days of the imports in ``imports``)."""
    done: list = []
    undone: list = []
    seen: dict[date, dict[int, int]] = {}
    for action in actions:
        kind = action[0]
        change = None
        try:
            if kind == "next day":
                seen[clock.now.date()] = live_per_column(board)
                clock.now = datetime.combine(
                    clock.now.date() + timedelta(days=1), clock.now.time(), UTC
                )
                continue
            if kind == "undo" and done:
                change = done.pop()
                board.apply(change.inverse())
                undone.append(change)
                continue
            if kind == "redo" and undone:
                change = undone.pop()
                board.apply(change)
                done.append(change)
                continue
            if kind in ("undo", "redo"):
                continue
            if kind == "import":
                change = dated_import(board, clock, action[1])
                if imports is not None:
                    imports.append(clock.now.date())
            elif kind == "create":
                change = ops.create_item(
                    board, action[1], "Item", fields={"effort": action[2] or None}
                )
            else:
                ids = [row[0] for row in board.connection.execute("SELECT id FROM items")]
                if not ids:
                    continue
                item = ids[action[1] % len(ids)]
                if kind == "move":
                    change = ops.move_item(board, item, action[2], 0)
                elif kind == "archive":
                    change = ops.archive_item(board, item)
                elif kind == "restore":
                    change = ops.restore_item(board, item)
                elif kind == "delete":
                    change = ops.delete_item(board, item)
                elif kind == "plan":
                    change = ops.plan_items(board, [item], 1)
                elif kind == "unplan":
                    change = ops.unplan_items(board, [item])
        except (ValueError, ConflictError):  # refused actions (ValidationError included)
            continue
        if change is not None:
            done.append(change)
            undone.clear()
    seen[clock.now.date()] = live_per_column(board)
    return seen


def fresh_board() -> tuple[Board, FakeClock]:
    clock = FakeClock()
    board = Board.in_memory(clock=clock)
    ops.create_iteration(board, "Sprint 1", start=START.isoformat())
    ops.start_iteration(board, 1)
    return board, clock


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ACTIONS)
def test_the_cfd_shows_the_live_items_of_every_column_on_every_day(actions):
    board, clock = fresh_board()
    with board:
        seen = play(board, clock, actions)
        last = max(seen)
        cfd = flow.cumulative_flow(board.flow_history(), START, last)
    for n, day in enumerate(cfd.days):
        if day not in seen:
            continue
        expected = seen[day]
        shown = {band.stage.id: band.counts[n] for band in cfd.bands if band.counts[n]}
        assert shown == expected, day
        assert cfd.totals[n] == sum(expected.values())


@SETTINGS
@given(ACTIONS)
def test_cycle_time_never_exceeds_lead_time_and_done_never_exceeds_scope(actions):
    board, clock = fresh_board()
    with board:
        play(board, clock, actions)
        history = board.flow_history()
    today = history.today()
    assert_cycle_within_lead(history, START)
    up = flow.burn_up(history, 1)
    assert len(up.days) == (today - START).days + 1
    for scope, done, scope_items, done_items in zip(
        up.scope_effort, up.done_effort, up.scope_items, up.done_items, strict=True
    ):
        assert 0 <= done <= scope
        assert 0 <= done_items <= scope_items


def assert_cycle_within_lead(history: flow.FlowHistory, first) -> None:
    for item in flow.cycle_times(history, first, history.today()).items:
        assert item.lead_days >= 0
        if item.cycle_days is not None:
            assert 0 <= item.cycle_days <= item.lead_days


def every_metric(history: flow.FlowHistory, item_ids=None) -> dict:
    last, later = history.today(), START + timedelta(days=2)
    return {
        "cfd": flow.cumulative_flow(history, START, last, item_ids),
        "cfd, later start": flow.cumulative_flow(history, later, last, item_ids),
        "burn-up": flow.burn_up(history, 1, item_ids),
        "throughput": flow.throughput(history, START, last, item_ids),
        "cycle times": flow.cycle_times(history, START, last, item_ids),
        "age": flow.work_item_age(history, START, last, item_ids),
    }


@settings(SETTINGS, max_examples=30)
@given(ACTIONS, ACTIONS, st.booleans())
def test_a_kept_replay_resumed_equals_the_whole_log_replayed(before, after, rename):
    """The store replays only the events logged since its last history; the
    result must be what replaying the whole log gives, and asking for every
    item by id must give what asking for all of them gives."""
    board, clock = fresh_board()
    with board:
        play(board, clock, before)
        earlier = board.flow_history()
        kept_earlier = every_metric(earlier)
        play(board, clock, after)
        if rename:  # a renamed column keeps the replay; its new name must show
            ops.rename_column(board, 2, "Renamed")
        resumed = board.flow_history()
        board._flow = None
        # The same moment for both (the test clock ticks on every reading).
        whole = dataclasses.replace(board.flow_history(), now=resumed.now)
    assert every_metric(resumed) == every_metric(whole)
    assert every_metric(whole, sorted(whole.stories)) == every_metric(whole)
    # A history handed out earlier does not change when the replay goes on.
    assert every_metric(earlier) == kept_earlier


@SETTINGS
@given(ACTIONS_WITH_IMPORTS)
def test_with_imports_the_cfd_shows_the_live_items_from_the_last_import_on(actions):
    board, clock = fresh_board()
    imports: list[date] = []
    with board:
        seen = play(board, clock, actions, imports)
        history = board.flow_history()
        cfd = flow.cumulative_flow(history, START, max(seen))
    since = max(imports, default=START)
    for n, day in enumerate(cfd.days):
        if day < since or day not in seen:
            continue
        shown = {band.stage.id: band.counts[n] for band in cfd.bands if band.counts[n]}
        assert shown == seen[day], day
    for story in history.stories.values():
        moments = [step.ts for step in story.steps]
        assert moments == sorted(moments), story.item_id
        assert moments[-1] <= history.now


@SETTINGS
@given(ACTIONS_WITH_IMPORTS)
def test_with_imports_cycle_time_never_exceeds_lead_time(actions):
    board, clock = fresh_board()
    with board:
        play(board, clock, actions)
        history = board.flow_history()
    first = START - timedelta(days=120)
    assert_cycle_within_lead(history, first)
    for age in flow.work_item_age(history, first, history.today()).items:
        assert age.age_days >= 0


@settings(SETTINGS, max_examples=30)
@given(ACTIONS_WITH_IMPORTS, ACTIONS_WITH_IMPORTS)
def test_with_imports_a_kept_replay_resumed_equals_the_whole_log_replayed(before, after):
    board, clock = fresh_board()
    with board:
        play(board, clock, before)
        earlier = board.flow_history()
        kept_earlier = every_metric(earlier)
        play(board, clock, after)
        resumed = board.flow_history()
        board._flow = None
        whole = dataclasses.replace(board.flow_history(), now=resumed.now)
    assert every_metric(resumed) == every_metric(whole)
    assert every_metric(earlier) == kept_earlier
