"""Flow metrics on small boards built through the real operations, computed by hand.

Default columns: 1 Intake (backlog), 2 Discovery (active), 3 Ready (backlog),
4 Building (active), 5 Pilot (active), 6 Measuring (active), 7 Done (done).
The test clock starts on Monday 2026-11-23 at 09:00 UTC and moves one second
per reading, so times below are "about" a whole number of days.
"""

from datetime import date, timedelta

import pytest

from ldboard import ops
from ldboard.domain import flow

INTAKE, DISCOVERY, READY, BUILDING, DONE = 1, 2, 3, 4, 7
MON, TUE, WED, THU, FRI = (date(2026, 11, 23) + timedelta(days=n) for n in range(5))
ABOUT = {"abs": 0.01}  # a quarter of an hour: the clock's seconds do not matter


def next_day(clock, days=1):
    clock.now += timedelta(days=days)


def counts(cfd):
    return {band.stage.name: band.counts for band in cfd.bands if any(band.counts)}


@pytest.fixture
def story(board, clock):
    """A (1, effort 3) and B (2, effort 2) created in Intake, C (3, effort 5) in Discovery
    on Monday; Tuesday A → Discovery, B → Building; Wednesday A → Done, B archived;
    Thursday B restored, C → Done."""
    ops.create_item(board, INTAKE, "A", fields={"effort": 3})
    ops.create_item(board, INTAKE, "B", fields={"effort": 2})
    ops.create_item(board, DISCOVERY, "C", fields={"effort": 5})
    next_day(clock)
    ops.move_item(board, 1, DISCOVERY, 0)
    ops.move_item(board, 2, BUILDING, 0)
    next_day(clock)
    ops.move_item(board, 1, DONE, 0)
    ops.archive_item(board, 2)
    next_day(clock)
    ops.restore_item(board, 2)
    ops.move_item(board, 3, DONE, 0)
    return board


# --- cumulative flow -------------------------------------------------------------------------


def test_cumulative_flow_counts_each_stage_at_the_end_of_each_day(story):
    cfd = flow.cumulative_flow(story.flow_history(), MON, THU)
    assert cfd.days == (MON, TUE, WED, THU)
    assert counts(cfd) == {
        "Intake": (2, 0, 0, 0),
        "Discovery": (1, 2, 1, 0),
        "Building": (0, 1, 0, 1),
        "Done": (0, 0, 1, 2),
    }
    # B is archived on Wednesday: it leaves that day and comes back when restored.
    assert cfd.totals == (3, 3, 2, 3)
    assert [band.stage.name for band in cfd.bands][:3] == ["Intake", "Discovery", "Ready"]


def test_cumulative_flow_follows_the_filter_and_the_range(story):
    history = story.flow_history()
    cfd = flow.cumulative_flow(history, TUE, FRI, item_ids={2})
    assert counts(cfd) == {"Building": (1, 0, 1, 1)}
    # Before anything existed the board was empty; the range may start earlier.
    assert flow.cumulative_flow(history, MON - timedelta(days=2), MON).totals == (0, 0, 3)


def test_a_deleted_item_leaves_the_flow_on_the_day_it_was_deleted_and_its_undo_brings_it_back(
    story, clock
):
    next_day(clock)  # Friday
    deletion = ops.delete_item(story, 2)
    assert flow.cumulative_flow(story.flow_history(), THU, FRI).totals == (3, 2)
    next_day(clock)  # Saturday: the deletion is undone
    story.apply(deletion.inverse())
    cfd = flow.cumulative_flow(story.flow_history(), THU, FRI + timedelta(days=1))
    assert cfd.totals == (3, 2, 3)
    assert counts(cfd)["Building"] == (1, 0, 1)


def test_an_undone_move_is_replayed_back(story, clock):
    next_day(clock)  # Friday: B is dragged to Done by mistake, and the move undone
    move = ops.move_item(story, 2, DONE, 0)
    story.apply(move.inverse())
    history = story.flow_history()
    assert counts(flow.cumulative_flow(history, FRI, FRI)) == {"Building": (1,), "Done": (2,)}
    # B was never finished: the undone entry into Done does not count.
    assert [item.key for item in flow.cycle_times(history, MON, FRI).items] == ["LD-1", "LD-3"]


# --- cycle and lead time ---------------------------------------------------------------------


def test_cycle_and_lead_time_of_finished_items(story):
    times = flow.cycle_times(story.flow_history(), MON, THU)
    by_key = {item.key: item for item in times.items}
    assert list(by_key) == ["LD-1", "LD-3"]  # in the order they finished
    assert by_key["LD-1"].cycle_days == pytest.approx(1, **ABOUT)  # Tue → Wed
    assert by_key["LD-1"].lead_days == pytest.approx(2, **ABOUT)  # Mon → Wed
    assert by_key["LD-3"].cycle_days == pytest.approx(3, **ABOUT)  # created active on Mon
    assert by_key["LD-3"].lead_days == pytest.approx(3, **ABOUT)
    assert by_key["LD-1"].finished_on == WED
    assert times.cycle.count == 2
    assert times.cycle.median == pytest.approx(2, **ABOUT)  # the mean of 1 and 3
    assert times.cycle.p85 == pytest.approx(3, **ABOUT)  # rank ceil(0.85 × 2) = 2
    assert times.lead.median == pytest.approx(2.5, **ABOUT)
    assert times.lead.p85 == pytest.approx(3, **ABOUT)
    # The range is about the finish day: only C finished on Thursday.
    assert [i.key for i in flow.cycle_times(story.flow_history(), THU, THU).items] == ["LD-3"]


def test_nearest_rank_percentile_and_median():
    values = [5.0, 1.0, 3.0, 2.0, 4.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    assert flow.percentile(values, 85) == 9.0  # rank ceil(8.5) = 9
    assert flow.percentile(values, 50) == 5.0
    assert flow.percentile([4.0], 85) == 4.0
    assert flow.percentile([], 85) is None
    assert flow.summarise(values) == flow.Summary(10, 5.5, 9.0)
    assert flow.summarise([]) == flow.Summary(0, None, None)


def test_an_item_that_skipped_the_active_stages_has_a_lead_time_but_no_cycle_time(board, clock):
    ops.create_item(board, INTAKE, "Straight to done")
    next_day(clock, 2)
    ops.move_item(board, 1, DONE, 0)
    times = flow.cycle_times(board.flow_history(), MON, WED)
    (item,) = times.items
    assert item.cycle_days is None
    assert item.lead_days == pytest.approx(2, **ABOUT)
    assert times.cycle == flow.Summary(0, None, None)
    assert times.lead.count == 1


def test_an_undone_start_does_not_start_the_clock_and_a_redo_does(board, clock):
    ops.create_item(board, INTAKE, "A")
    next_day(clock)
    start = ops.move_item(board, 1, DISCOVERY, 0)
    board.apply(start.inverse())  # Tuesday's start was a slip
    next_day(clock)
    board.apply(start)  # Wednesday: redo
    next_day(clock)
    ops.move_item(board, 1, DONE, 0)  # Thursday
    (item,) = flow.cycle_times(board.flow_history(), MON, THU).items
    assert item.started_at[:10] == "2026-11-25"
    assert item.cycle_days == pytest.approx(1, **ABOUT)
    assert item.lead_days == pytest.approx(3, **ABOUT)


def test_an_item_moved_out_of_done_is_in_progress_and_keeps_its_first_finish(board, clock):
    ops.create_item(board, DISCOVERY, "A")
    next_day(clock)
    ops.move_item(board, 1, DONE, 0)  # Tuesday
    next_day(clock)
    ops.move_item(board, 1, BUILDING, 0)  # Wednesday: reopened
    history = board.flow_history()
    assert flow.cycle_times(history, MON, WED).items == ()
    assert [i.key for i in flow.work_item_age(history, MON, WED).items] == ["LD-1"]
    next_day(clock)
    ops.move_item(board, 1, DONE, 0)  # Thursday: done again
    (item,) = flow.cycle_times(board.flow_history(), MON, THU).items
    assert item.finished_on == TUE


def test_categories_are_read_as_they_are_now(board, clock):
    """Turning Ready into an active stage re-reads the past: an item that entered
    Ready started then."""
    ops.create_item(board, INTAKE, "A")
    next_day(clock)
    ops.move_item(board, 1, READY, 0)  # Tuesday, Ready is a backlog stage today
    next_day(clock)
    ops.move_item(board, 1, BUILDING, 0)  # Wednesday
    next_day(clock)
    ops.move_item(board, 1, DONE, 0)  # Thursday
    before = flow.cycle_times(board.flow_history(), MON, THU).items[0]
    assert before.cycle_days == pytest.approx(1, **ABOUT)
    ops.set_column_category(board, READY, "active")
    after = flow.cycle_times(board.flow_history(), MON, THU).items[0]
    assert after.cycle_days == pytest.approx(2, **ABOUT)


def test_a_removed_column_stays_a_stage_of_the_past(board, clock):
    ops.create_item(board, READY, "A")
    next_day(clock)
    ops.remove_column(board, READY, move_items_to=INTAKE)
    cfd = flow.cumulative_flow(board.flow_history(), MON, TUE)
    assert counts(cfd) == {"Ready": (1, 0), "Intake": (0, 1)}
    ready = next(band.stage for band in cfd.bands if band.stage.name == "Ready")
    assert ready.removed


# --- work-item age --------------------------------------------------------------------------


def test_work_item_age_against_the_85th_percentile_cycle_time(story, clock):
    next_day(clock, 2)  # Saturday morning
    age = flow.work_item_age(story.flow_history(), MON, FRI)
    (b,) = age.items
    assert (b.key, b.stage.name) == ("LD-2", "Building")
    assert b.age_days == pytest.approx(4, **ABOUT)  # in an active stage since Tuesday
    assert age.cycle_p85 == pytest.approx(3, **ABOUT)
    assert age.over_p85 == (b,)
    assert flow.work_item_age(story.flow_history(), MON, FRI, item_ids={1, 3}).items == ()


def test_archived_and_backlog_items_are_not_in_progress(story):
    ops.archive_item(story, 2)
    ops.create_item(story, INTAKE, "Waiting")
    assert flow.work_item_age(story.flow_history(), MON, THU).items == ()


# --- burn-up ----------------------------------------------------------------------------------


@pytest.fixture
def sprint(board, clock):
    """Sprint 1, Mon–Fri: A (3) and B (2) planned and the sprint started on Monday;
    Tuesday C (5) added; Wednesday A done; Thursday B taken out. Now: Friday."""
    for title, effort in (("A", 3), ("B", 2), ("C", 5)):
        ops.create_item(board, INTAKE, title, fields={"effort": effort})
    ops.create_iteration(board, "Sprint 1", start=MON.isoformat(), end=FRI.isoformat())
    ops.plan_items(board, [1, 2], 1)
    ops.start_iteration(board, 1)
    next_day(clock)
    ops.plan_items(board, [3], 1)
    next_day(clock)
    ops.move_item(board, 1, DONE, 0)
    next_day(clock)
    ops.unplan_items(board, [2])
    next_day(clock)
    return board


def test_burn_up_scope_done_and_scope_changes(sprint):
    up = flow.burn_up(sprint.flow_history(), 1)
    assert up.days == (MON, TUE, WED, THU, FRI)
    assert up.scope_effort == (5, 10, 10, 8, 8)
    assert up.done_effort == (0, 0, 3, 3, 3)
    assert up.scope_items == (2, 3, 3, 2, 2)
    assert up.done_items == (0, 0, 1, 1, 1)
    assert up.changes == (
        flow.ScopeChange(TUE, added=(3,), removed=(), effort_delta=5.0),
        flow.ScopeChange(THU, added=(), removed=(2,), effort_delta=-2.0),
    )


def test_burn_up_stops_today_and_follows_the_filter(sprint, clock):
    clock.now -= timedelta(days=1)  # back to Thursday
    up = flow.burn_up(sprint.flow_history(), 1, item_ids={1, 2})
    assert up.days == (MON, TUE, WED, THU)
    assert up.scope_effort == (5, 5, 5, 3)
    assert up.done_effort == (0, 0, 3, 3)


def test_burn_up_keeps_archived_done_work_and_drops_archived_unfinished_work(sprint):
    ops.archive_item(sprint, 1)  # done: stays
    ops.archive_item(sprint, 3)  # unfinished: leaves the scope
    up = flow.burn_up(sprint.flow_history(), 1)
    assert up.scope_effort[-1] == 3
    assert up.done_effort[-1] == 3
    assert up.changes[-1] == flow.ScopeChange(FRI, (), (3,), -5.0)


def test_an_undone_planning_is_replayed(sprint):
    planning = ops.plan_items(sprint, [2], 1)
    assert flow.burn_up(sprint.flow_history(), 1).scope_effort[-1] == 10
    sprint.apply(planning.inverse())
    assert flow.burn_up(sprint.flow_history(), 1).scope_effort[-1] == 8


def test_burn_up_of_an_unstarted_or_unknown_iteration_is_empty(board):
    ops.create_iteration(board, "Later")
    history = board.flow_history()
    assert flow.burn_up(history, 1).empty
    assert flow.burn_up(history, 99).empty


# --- throughput -----------------------------------------------------------------------------


def test_throughput_per_iteration_from_events_then_from_the_snapshot(sprint, clock):
    history = sprint.flow_history()
    (row,) = flow.throughput(history, MON, FRI).iterations
    assert (row.name, row.items, row.effort, row.source) == ("Sprint 1", 1, 3.0, "events")
    ops.close_iteration(sprint, 1)
    # After the close, moving A back out of Done does not change what Sprint 1 achieved.
    ops.move_item(sprint, 1, BUILDING, 0)
    (row,) = flow.throughput(sprint.flow_history(), MON, FRI).iterations
    assert (row.items, row.effort, row.source) == (1, 3.0, "snapshot")
    (row,) = flow.throughput(sprint.flow_history(), MON, FRI, item_ids={3}).iterations
    assert row.items == 0


def test_throughput_per_iso_week_lists_empty_weeks(story, clock):
    next_day(clock, 7)  # the next Thursday
    ops.move_item(story, 2, DONE, 0)
    weeks = flow.throughput(story.flow_history(), MON, MON + timedelta(days=20)).weeks
    assert [(w.year, w.week, w.monday, w.items, w.effort) for w in weeks] == [
        (2026, 48, MON, 2, 8.0),
        (2026, 49, MON + timedelta(days=7), 1, 2.0),
        (2026, 50, MON + timedelta(days=14), 0, 0.0),
    ]


# --- empty and one-day boards ---------------------------------------------------------------


def test_an_empty_board_gives_empty_results(board):
    history = board.flow_history()
    cfd = flow.cumulative_flow(history, MON, FRI)
    assert cfd.empty
    assert cfd.totals == (0, 0, 0, 0, 0)
    times = flow.cycle_times(history, MON, FRI)
    assert times.empty
    assert times.cycle == times.lead == flow.Summary()
    assert flow.work_item_age(history, MON, FRI) == flow.WorkItemAge((), None)
    assert flow.throughput(history, MON, FRI).empty
    assert flow.cumulative_flow(history, FRI, MON) == flow.CumulativeFlow((), ())
    assert flow.throughput(history, FRI, MON) == flow.Throughput((), ())


def test_a_one_day_history(board):
    ops.create_item(board, DISCOVERY, "A", fields={"effort": 2})
    ops.move_item(board, 1, DONE, 0)
    ops.create_iteration(board, "Today", start=MON.isoformat(), end=MON.isoformat())
    ops.plan_items(board, [1], 1)
    ops.start_iteration(board, 1)
    history = board.flow_history()
    assert counts(flow.cumulative_flow(history, MON, MON)) == {"Done": (1,)}
    times = flow.cycle_times(history, MON, MON)
    assert times.cycle.median == pytest.approx(0, abs=0.001)
    assert times.cycle.p85 == times.cycle.median
    up = flow.burn_up(history, 1)
    assert (up.days, up.scope_effort, up.done_effort, up.changes) == ((MON,), (2,), (2,), ())


def test_undoing_the_deletion_of_an_archived_item_brings_it_back_archived(story, clock):
    next_day(clock)  # Friday: B archived, then deleted, and the deletion undone
    ops.archive_item(story, 2)
    deletion = ops.delete_item(story, 2)
    story.apply(deletion.inverse())
    assert flow.cumulative_flow(story.flow_history(), THU, FRI).totals == (3, 2)


def test_an_undone_deletion_keeps_the_items_first_creation(board, clock):
    ops.create_item(board, DISCOVERY, "A")  # Monday, started at once
    next_day(clock)
    deletion = ops.delete_item(board, 1)
    board.apply(deletion.inverse())  # Tuesday
    next_day(clock)
    ops.move_item(board, 1, DONE, 0)  # Wednesday
    (item,) = flow.cycle_times(board.flow_history(), MON, WED).items
    assert item.lead_days == pytest.approx(2, **ABOUT)
    assert item.cycle_days == pytest.approx(2, **ABOUT)


def test_work_finished_after_it_left_the_iteration_is_not_its_done_work(sprint):
    ops.move_item(sprint, 2, DONE, 0)  # B, taken out on Thursday, is finished on Friday
    up = flow.burn_up(sprint.flow_history(), 1)
    assert up.done_effort == (0, 0, 3, 3, 3)
    assert up.scope_effort[-1] == 8
