"""A closed iteration's summary never changes; a running one's is read now.

The snapshot freezes, at close, the people (names and job titles), the
stories, the median cycle time and the burn-up (file format 5).
"""

from __future__ import annotations

import json
import statistics
from datetime import date

from ldboard import ops
from ldboard.domain.flow import cycle_times
from ldboard.io.export import render
from ldboard.io.summary import build_summary
from tests.unit.io.conftest import ACTIVE

FORMATS = ("md", "html", "csv", "json")


def _exports(board, iteration_id=1):
    summary = build_summary(board, iteration_id)
    return {fmt: render(summary, fmt) for fmt in FORMATS}


def test_a_closed_summary_is_the_same_bytes_after_the_board_changes(flowing):
    before = _exports(flowing)
    ana, sam = (p.id for p in sorted(flowing.people(), key=lambda p: p.name))
    ops.update_person(flowing, ana, name="Ana Renamed", role="CEO")
    ops.delete_person(flowing, sam)
    ops.edit_item(flowing, 2, {"audience": "Someone else", "cost_of_inaction": "None now."})
    ops.move_item(flowing, 1, ACTIVE, 0)  # reopened: no longer done
    ops.set_column_category(flowing, ACTIVE, "backlog")  # the flow is read differently now
    ops.delete_item(flowing, 4)
    after = _exports(flowing)
    for fmt in FORMATS:
        assert after[fmt] == before[fmt], fmt
    summary = build_summary(flowing, 1)
    assert [(t.name, t.job_title) for t in summary.thanks] == [
        ("Ana Sponsor", "VP Sales"),
        ("Sam Expert", "Senior rep"),
    ]


def test_the_median_cycle_time_and_burn_up_are_recorded_at_close(flowing):
    snapshot = flowing.snapshot(1)
    assert snapshot.recorded_at == snapshot.closed_at
    done = [item.item_id for item in snapshot.items if item.done]
    assert len(done) == 3
    # Read now, the cycle times of the done items still match (nothing moved since).
    times = cycle_times(flowing.flow_history(), date(2026, 11, 2), date(2026, 11, 6), done)
    expected = statistics.median(i.cycle_days for i in times.items)
    assert snapshot.median_cycle_time_days == expected > 0
    summary = build_summary(flowing, 1)
    assert summary.median_cycle_time_days == expected
    assert f"| Median cycle time | {expected:g} days |" in render(summary, "md").decode()
    days = [d.day for d in snapshot.burn_up]
    assert days[0] == "2026-11-02" and days[-1] == snapshot.closed_at[:10]
    assert snapshot.burn_up[-1].done_effort == 6.0  # LD-1, LD-2, LD-4
    assert snapshot.burn_up[-1].scope_effort == 10.0  # the carried item still counts at close
    assert summary.burn_up == snapshot.burn_up


def test_the_running_iteration_is_read_now(flowing):
    summary = build_summary(flowing, 2)
    assert summary.live
    assert summary.median_cycle_time_days is not None
    assert [d.day for d in summary.burn_up] == [flowing.iteration(2).started_at[:10]]
    ops.move_item(flowing, 3, ACTIVE, 0)
    assert build_summary(flowing, 2).burn_up[-1].done_effort == 0.0


def test_json_carries_the_burn_up_series(flowing):
    document = json.loads(render(build_summary(flowing, 1), "json"))
    series = document["burn_up"]
    assert set(series) == {"days", "scope_effort", "done_effort", "scope_items", "done_items"}
    assert len({len(values) for values in series.values()}) == 1
    assert series["days"][0] == "2026-11-02"
    assert document["numbers"]["median_cycle_time_days"] is not None


def test_no_history_means_no_chart_and_no_median(story):
    """The story's events all happen after its first sprint's dates: nothing to draw."""
    summary = build_summary(story, 1)
    assert summary.burn_up == ()
    html = render(summary, "html").decode()
    assert "<img" not in html
    assert json.loads(render(summary, "json"))["burn_up"] is None
    assert "| Median cycle time | — |" in render(summary, "md").decode()


def test_the_html_holds_one_self_contained_svg_image(flowing):
    html = render(build_summary(flowing, 1), "html").decode()
    assert html.count("<img") == 1
    assert 'src="data:image/svg+xml;base64,' in html
    assert "http" not in html


def test_a_snapshot_without_a_record_falls_back_to_the_board(flowing):
    """A snapshot written without its record (as the demo board writes them) is told
    with the people and flow read now, as before format 5."""
    flowing.connection.execute("UPDATE iteration_snapshots SET recorded_at = NULL, burn_up = '[]'")
    summary = build_summary(flowing, 1)
    assert summary.burn_up and summary.median_cycle_time_days is not None
    assert {t.name for t in summary.thanks} == {"Ana Sponsor", "Sam Expert"}
    assert not summary.notes


def test_the_close_records_stories_as_they_were(flowing):
    ops.edit_item(flowing, 1, {"need": "something new"})
    [line] = [i for i in build_summary(flowing, 1).items if i.key == "LD-1"]
    assert line.need == "answer objections"
    assert line.sponsors == ("Ana Sponsor",) and line.smes == ("Sam Expert",)
