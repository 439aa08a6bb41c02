"""The iteration summary as JSON: complete, versioned, documented in docs/summary-format.md.

A reader checks ``format`` ("ldboard-iteration-summary") and ``version``; a
new version is only needed when a key changes meaning or disappears, never
for an added key.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ldboard.io.summary import IterationSummary
from ldboard.io.summary_practice import RequestsSummary

FORMAT = "ldboard-iteration-summary"
VERSION = 1


def summary_document(summary: IterationSummary) -> dict[str, Any]:
    """The summary as a JSON-ready dictionary."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "board": summary.board_name,
        "iteration": {
            "id": summary.iteration_id,
            "name": summary.name,
            "goal": summary.goal,
            "start": summary.start,
            "end": summary.end,
            "state": summary.state,
            "started_at": summary.started_at,
            "closed_at": summary.closed_at,
        },
        "live": summary.live,
        "as_of": summary.as_of,
        "notes": list(summary.notes),
        "numbers": {
            **summary.numbers.to_row(),
            "throughput": summary.throughput,
            "median_cycle_time_days": summary.median_cycle_time_days,
        },
        "items": [_item(item.to_row()) for item in summary.items],
        "learned": [item.key for item in summary.learned],
        "drivers_served": [
            {"driver": d.driver, "label": d.label, "items": list(d.keys)}
            for d in summary.drivers_served
        ],
        "retrospective": {
            "went_well": list(summary.went_well),
            "to_improve": list(summary.to_improve),
            "actions": [_action(asdict(a)) for a in summary.actions],
            "carried_actions": [asdict(a) for a in summary.carried_actions],
        },
        "burn_up": _burn_up(summary),
        "thanks": [
            {
                "name": t.name,
                "job_title": t.job_title,
                "sponsor_of": list(t.sponsor_of),
                "sme_on": list(t.sme_on),
                "notes": [
                    {"given_on": n.given_on, "text": n.text, "item": n.item_key or None}
                    for n in t.notes
                ],
            }
            for t in summary.thanks
        ],
        "requests": _requests(summary.requests),
    }


def render_json(summary: IterationSummary) -> str:
    """The JSON text: UTF-8 as is, two-space indent, keys in a fixed order, final newline."""
    return json.dumps(summary_document(summary), ensure_ascii=False, indent=2) + "\n"


def _burn_up(summary: IterationSummary) -> dict[str, list] | None:
    """The burn-up series, one value per day in each list; ``None`` without history."""
    days = summary.burn_up
    if not days:
        return None
    return {
        "days": [d.day for d in days],
        "scope_effort": [d.scope_effort for d in days],
        "done_effort": [d.done_effort for d in days],
        "scope_items": [d.scope_items for d in days],
        "done_items": [d.done_items for d in days],
    }


def _requests(requests: RequestsSummary | None) -> dict[str, Any] | None:
    """Requests received in the iteration's dates and those handled without training."""
    if requests is None:
        return None
    return {
        "from": requests.window[0],
        "to": requests.window[1],
        "received": requests.received_total,
        "by_state": dict(requests.received),
        "handled_without_training": [asdict(r) for r in requests.handled],
        "handled_without_training_total": requests.handled_total,
    }


def _item(row: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in row.items()}


def _action(row: dict[str, Any]) -> dict[str, Any]:
    """An action of the iteration itself: it was not carried, so no origin nor slips."""
    row.pop("written_in")
    row.pop("slips")
    return row
