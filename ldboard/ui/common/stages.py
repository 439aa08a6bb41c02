"""How a stage (a board column) is named where people pick one: with its load."""

from __future__ import annotations

from ldboard.domain.rules import WipState, wip_state


def stage_label(name: str, count: int, limit: int | None) -> str:
    """ "Ready (4)", "Building (3/3 — at limit)", "Pilot (3/2 — over limit)"."""
    if limit is None:
        return f"{name} ({count})"
    state = wip_state(count, limit)
    note = {WipState.AT_LIMIT: " — at limit", WipState.OVER: " — over limit"}.get(state, "")
    return f"{name} ({count}/{limit}{note})"
