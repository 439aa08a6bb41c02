"""The iteration summary's content: from the snapshot when closed, live when running."""

from __future__ import annotations

import pytest

from ldboard import ops
from ldboard.io.export import RENDERERS, render
from ldboard.io.summary import SummaryError, build_summary, find_iteration
from ldboard.io.wording import moment_text


def test_a_closed_iteration_is_told_from_its_snapshot(story):
    summary = build_summary(story, 1)
    assert (summary.state, summary.live) == ("closed", False)
    assert summary.as_of == story.iteration(1).closed_at
    statuses = {item.key: item.status for item in summary.items}
    assert statuses == {
        "LD-1": "done",
        "LD-2": "done",
        "LD-3": "carried over",
        "LD-4": "carried over",
    }
    carried = {item.key: item.carried_to for item in summary.unfinished}
    assert carried == {"LD-3": "Sprint 2", "LD-4": ""}
    numbers = summary.numbers
    assert (numbers.items_committed, numbers.items_added, numbers.items_done) == (3, 1, 2)
    assert summary.throughput == 2


def test_what_we_learned_puts_validated_first_and_skips_items_without_hypothesis(story):
    learned = build_summary(story, 1).learned
    assert [(i.key, i.verdict) for i in learned] == [
        ("LD-1", "validated"),
        ("LD-2", "invalidated"),
        ("LD-3", "untested"),
    ]
    assert learned[0].actual == 34


def test_business_impact_and_thanks_name_drivers_costs_and_partners(story):
    summary = build_summary(story, 1)
    # In board order at close: Intake, Building, then Done (LD-2 was dropped on top).
    assert [i.key for i in summary.items] == ["LD-4", "LD-3", "LD-2", "LD-1"]
    assert [(d.driver, d.keys) for d in summary.drivers_served] == [("revenue", ("LD-2", "LD-1"))]
    assert [i.key for i in summary.costs_of_inaction] == ["LD-3", "LD-2", "LD-1"]
    thanks = {t.name: (t.job_title, t.sponsor_of, t.sme_on) for t in summary.thanks}
    assert thanks == {
        "Ana Sponsor": ("VP Sales", ("LD-2", "LD-1"), ()),
        "Sam Expert": ("Senior rep", (), ("LD-4", "LD-1")),
    }


def test_the_retrospective_with_owners_and_actions_carried_with_slip_counts(story):
    closed = build_summary(story, 1)
    assert closed.went_well == ("Sam's role-plays landed",)
    assert closed.to_improve == ("Baselines came late",)
    assert [(a.text, a.owner, a.due) for a in closed.actions] == [
        ("Capture baselines first", "Sam Expert", "2026-11-20")
    ]
    running = build_summary(story, 2)
    assert [(a.text, a.written_in, a.slips) for a in running.carried_actions] == [
        ("Capture baselines first", "Sprint 1", 1)
    ]


def test_a_closed_summary_is_byte_identical_after_the_items_change(story):
    before = {fmt: render(build_summary(story, 1), fmt) for fmt in RENDERERS}
    ops.edit_item(
        story,
        1,
        {
            "title": "Renamed later",
            "hypothesis": "Rewritten",
            "audience": "Someone else",
            "cost_of_inaction": "Changed",
            "effort": 5,
            "verdict": "inconclusive",
        },
    )
    ops.edit_item(story, 3, {"outcome": "so that nothing", "need": "new need"})
    ops.move_item(story, 2, 1, 0)
    after = {fmt: render(build_summary(story, 1), fmt) for fmt in RENDERERS}
    assert after == before
    assert b"Renamed later" not in after["md"]


def test_the_active_summary_is_live_and_says_so(story, clock):
    summary = build_summary(story, 2)
    assert (summary.state, summary.live) == ("active", True)
    assert [(i.key, i.status, i.stage) for i in summary.items] == [
        ("LD-3", "in progress", "Building")
    ]
    text = render(summary, "md").decode()
    assert f"a report so far, as of {moment_text(summary.as_of)}" in text
    assert moment_text("2026-11-23T09:00:38Z") == "23 Nov 2026, 09:00 UTC"
    assert "## In progress" in text
    ops.move_item(story, 3, 7, 0)
    assert build_summary(story, 2).throughput == 1


def test_median_cycle_time_is_a_dash_when_no_finished_item_has_one(story):
    """The story's items went straight from the backlog to done: no cycle time."""
    assert "| Median cycle time | — |" in render(build_summary(story, 1), "md").decode()
    assert b'"median_cycle_time_days": null' in render(build_summary(story, 1), "json")


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [("Sprint 1", 1), ("sprint 2", 2), (" 1 ", 1), ("2", 2), ("current", 2), ("LAST", 1)],
)
def test_iterations_are_found_by_name_id_current_and_last(story, wanted, expected):
    assert find_iteration(story, wanted).id == expected


def test_unknown_and_unusable_iterations_are_refused_with_a_reason(story, board):
    with pytest.raises(SummaryError, match=r"no iteration is called “Sprint 9”.*“Sprint 1”"):
        find_iteration(story, "Sprint 9")
    ops.create_iteration(story, "Sprint 3")
    with pytest.raises(SummaryError, match="“Sprint 3” has not started yet"):
        build_summary(story, find_iteration(story, "Sprint 3").id)


def test_current_and_last_need_an_active_and_a_closed_iteration(board):
    ops.create_iteration(board, "Only planned")
    with pytest.raises(SummaryError, match="no iteration is running"):
        find_iteration(board, "current")
    with pytest.raises(SummaryError, match="no iteration has been closed yet"):
        find_iteration(board, "last")


def test_the_html_page_embeds_a_chart_only_as_a_data_uri(story):
    from ldboard.io.html import render_html

    summary = build_summary(story, 1)
    assert "<img" not in render_html(summary), "no burn-up, no image"
    page = render_html(summary, chart_data_uri="data:image/png;base64,iVBORw0KGgo=")
    assert (
        '<img src="data:image/png;base64,iVBORw0KGgo=" width="640" alt="Burn-up of Sprint 1">'
        in page
    )
    with pytest.raises(ValueError, match="data:image"):
        render_html(summary, chart_data_uri="https://example.com/chart.png")
