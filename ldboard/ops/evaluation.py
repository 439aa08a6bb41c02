"""An initiative's evaluation plan and its dated checks, saved as one change.

The Measure page of the card editor edits the whole plan and saves it with
:func:`save_evaluation_plan`; ticking a check done from the "Due checks" list
is :func:`set_check_done`. Both are undoable like any edit of the card.
"""

from __future__ import annotations

from typing import Any

from ldboard.domain.enums import EventKind
from ldboard.domain.practice import EvaluationPlan
from ldboard.domain.rules import EVALUATION_LEVELS, ValidationError, clean_text, date_problem
from ldboard.ops._diff import deleted, inserted, updated
from ldboard.store import Board, Change, EventRecord, RowDiff


def save_evaluation_plan(board: Board, item_id: int, plan: EvaluationPlan) -> Change | None:
    """Make ``plan`` the item's evaluation plan (checks with an ``id`` are kept and
    updated, others added, stored ones not listed removed)."""
    item = board.row("items", (item_id,))
    if item is None:
        raise LookupError(f"item {item_id} does not exist")
    _check(plan)
    values = {
        "level": plan.level,
        "critical_behaviours": clean_text(plan.critical_behaviours),
        "leading_indicators": clean_text(plan.leading_indicators),
        "support": clean_text(plan.support),
    }
    rows: list[RowDiff] = []
    stored = board.row("evaluation_plans", (item_id,))
    if stored is None:
        rows.append(inserted("evaluation_plans", (item_id,), {"item_id": item_id, **values}))
    elif diff := updated("evaluation_plans", (item_id,), stored, values):
        rows.append(diff)
    existing = {r["id"]: r for r in board.rows("evaluation_checks", "item_id = ?", (item_id,))}
    kept = {check.id for check in plan.checks if check.id is not None}
    rows += [deleted("evaluation_checks", (i,), r) for i, r in existing.items() if i not in kept]
    next_id = board.next_id("evaluation_checks")
    for position, check in enumerate(plan.checks):
        row: dict[str, Any] = {
            "item_id": item_id,
            "position": position,
            "what": clean_text(check.what, single_line=True),
            "how": clean_text(check.how, single_line=True),
            "due": check.due,
            "done_at": check.done_at,
        }
        if check.id is None or check.id not in existing:
            rows.append(inserted("evaluation_checks", (next_id,), row))
            next_id += 1
        elif diff := updated("evaluation_checks", (check.id,), existing[check.id], row):
            rows.append(diff)
    if not rows:
        return None
    event = EventRecord(EventKind.EDITED, item_id, {"changed": ["evaluation plan"]})
    return board.apply(Change(f"Plan the evaluation of {item['key']}", tuple(rows), (event,)))


def set_check_done(board: Board, check_id: int, done: bool) -> Change | None:
    found = board.row("evaluation_checks", (check_id,))
    if found is None:
        raise LookupError(f"check {check_id} does not exist")
    diff = updated(
        "evaluation_checks", (check_id,), found, {"done_at": board.now() if done else None}
    )
    if diff is None or bool(found["done_at"]) == done:
        return None
    item = board.row("items", (found["item_id"],))
    assert item is not None
    data = {"changed": ["evaluation plan"], "check": found["what"], "done": done}
    event = EventRecord(EventKind.EDITED, found["item_id"], data)
    verb = "Tick" if done else "Untick"
    return board.apply(Change(f"{verb} “{found['what']}” on {item['key']}", (diff,), (event,)))


def _check(plan: EvaluationPlan) -> None:
    problems: dict[str, str] = {}
    if plan.level is not None and (
        isinstance(plan.level, bool) or plan.level not in EVALUATION_LEVELS
    ):
        problems["level"] = "The level is a Kirkpatrick level from 1 to 4."
    for number, check in enumerate(plan.checks, start=1):
        if not clean_text(check.what, single_line=True):
            problems["checks"] = f"Check {number} needs to say what is checked."
        elif check.due is not None and (problem := date_problem("due date", check.due)):
            problems["checks"] = f"Check {number}: {problem}"
    if problems:
        raise ValidationError(problems)
