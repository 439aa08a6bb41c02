"""Iterations in words: dates, days left, state (status bar, planning, retrospective)."""

from __future__ import annotations

from datetime import date

from ldboard.domain.model import Iteration


def friendly_date(iso: str, today: date | None = None) -> str:
    """ "2026-12-06" -> "6 Dec" (the year only when it is not this year)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    text = f"{day.day} {day:%b}"
    return text if day.year == (today or date.today()).year else f"{text} {day.year}"


def days_left(end: str | None, today: date) -> str:
    """ "3 days left", "last day", "ended 2 days ago" (empty without an end date)."""
    if not end:
        return ""
    try:
        left = (date.fromisoformat(end) - today).days
    except ValueError:
        return ""
    if left > 1:
        return f"{left} days left"
    if left == 1:
        return "1 day left"
    if left == 0:
        return "last day"
    return f"ended {-left} day{'s' if left != -1 else ''} ago"


def iteration_status(iteration: Iteration | None, today: date) -> tuple[str, str]:
    """The status bar's iteration label and its tooltip (the goal)."""
    if iteration is None:
        return "No active iteration", "Start an iteration from the Iteration menu."
    parts = [iteration.name]
    if iteration.end:
        parts.append(f"ends {friendly_date(iteration.end, today)}")
        parts.append(days_left(iteration.end, today))
    goal = iteration.goal.strip()
    tip = f"Goal: {goal}" if goal else f"{iteration.name} has no goal yet."
    return " · ".join(p for p in parts if p), tip


def state_text(iteration: Iteration) -> str:
    """ "running", "planned", "closed"."""
    return {"active": "running", "planned": "planned", "closed": "closed"}.get(
        iteration.state, iteration.state
    )


def iteration_dates(iteration: Iteration, today: date) -> str:
    """ "2 Nov – 15 Nov · running · 3 days left" for the planning header."""
    span = ""
    if iteration.start and iteration.end:
        span = f"{friendly_date(iteration.start, today)} – {friendly_date(iteration.end, today)}"
    elif iteration.start:
        span = f"from {friendly_date(iteration.start, today)}"
    elif iteration.end:
        span = f"until {friendly_date(iteration.end, today)}"
    parts = [span, state_text(iteration)]
    if iteration.state == "active":
        parts.append(days_left(iteration.end, today))
    return " · ".join(p for p in parts if p)
