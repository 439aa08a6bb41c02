"""An item's activity log told in words, newest first (the card editor's History page).

Each event becomes one short sentence ("moved Building → Pilot", "rescored
I3·E2 → I4·E2", "planned into Iteration 3", "verdict: validated"). Column and
iteration names are passed in, because events store ids; a name the event
recorded itself (the column a card moved to) is preferred, since a stage may
have been renamed since. An undo is told as what it did, marked "(undo)".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ldboard.domain.enums import EventKind, Verdict
from ldboard.domain.model import Event
from ldboard.domain.scope import CARRIED_REASON, RETURNED_REASON

#: Fields whose changes get an event of their own, so "edited" does not repeat them.
_TOLD_ELSEWHERE = frozenset({"impact", "effort", "verdict", "iteration_id", "updated_at"})
_FIELD_WORDS = {
    "due": "due date",
    "estimate_days": "estimate",
    "evaluation_level": "evaluation level",
    "cost_of_inaction": "cost of inaction",
    "goal": "business goal",
}


@dataclass(frozen=True, slots=True)
class HistoryLine:
    event_id: int
    ts: str
    kind: str
    text: str
    undo: bool = False


def item_history(
    events: Iterable[Event],
    *,
    columns: Mapping[int, str],
    iterations: Mapping[int, str],
) -> list[HistoryLine]:
    """The item's events as sentences, newest first; events that say nothing new are left out."""
    lines = []
    for event in events:
        text = describe(event, columns=columns, iterations=iterations)
        if text is None:
            continue
        undo = bool(event.data.get("undo"))
        if undo and event.kind not in (EventKind.CREATED, EventKind.DELETED):
            text += " (undo)"
        lines.append(HistoryLine(event.id, happened(event), event.kind, text, undo))
    # Newest first by time, then by log order (an action's events share one time).
    lines.sort(key=lambda line: (line.ts, line.event_id), reverse=True)
    return lines


def happened(event: Event) -> str:
    """When an event happened: its ``ts``, or for an imported item's past (a
    ``created`` or ``moved`` event that is not an undo) the earlier ``at`` it
    carries, when that is a real timestamp (docs/file-format.md)."""
    at = event.data.get("at")
    if (
        event.kind in (EventKind.CREATED, EventKind.MOVED)
        and isinstance(at, str)
        and at < event.ts
        and not event.data.get("undo")
    ):
        try:
            datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            return event.ts
        return at
    return event.ts


def describe(
    event: Event, *, columns: Mapping[int, str], iterations: Mapping[int, str]
) -> str | None:
    """One event in words; ``None`` when it adds nothing to the other events of its action."""
    data = event.data
    before = _mapping(data.get("before"))
    after = _mapping(data.get("after"))
    undo = bool(data.get("undo"))
    kind = event.kind
    if kind == EventKind.CREATED:
        if undo:
            return "deletion undone"
        column = _column(after, columns)
        return f"created in {column}" if column else "created"
    if kind == EventKind.DELETED:
        return "creation undone" if undo else "deleted"
    if kind in (EventKind.MOVED, EventKind.REORDERED):
        return _moved(kind, before, after, data, columns)
    if kind == EventKind.RESCORED:
        return _rescored(before, after)
    if kind == EventKind.PLANNED:
        return _planned(before, after, data.get("reason"), iterations)
    if kind == EventKind.VERDICT:
        verdict = after.get("verdict")
        return f"verdict: {_verdict(verdict)}"
    if kind == EventKind.EDITED:
        return _edited(before, after, data.get("changed"))
    if kind == EventKind.ARCHIVED:
        return "archived"
    if kind == EventKind.RESTORED:
        return "restored"
    return kind.replace("_", " ")


def _moved(
    kind: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    data: Mapping[str, Any],
    columns: Mapping[int, str],
) -> str:
    target = _column(after, columns) or "a removed column"
    if kind == EventKind.REORDERED:
        if data.get("reason") == "prioritised by score":
            return f"prioritised by score in {target}"
        return f"reordered in {target}"
    source = _column(before, columns) or "a removed column"
    added = data.get("checklist_added")
    if isinstance(added, int) and added > 0 and not data.get("undo"):
        return f"moved {source} → {target}; performance-support checklist added"
    return f"moved {source} → {target}"


def _column(state: Mapping[str, Any], columns: Mapping[int, str]) -> str | None:
    name = state.get("column")
    if isinstance(name, str) and name:
        return name
    column_id = state.get("column_id")
    return columns.get(column_id) if isinstance(column_id, int) else None


def _rescored(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    if all(name in state for state in (before, after) for name in ("impact", "effort")):
        return f"rescored {_scores(before)} → {_scores(after)}"
    parts = [
        f"{name} {_score(before.get(name))} → {_score(after.get(name))}"
        for name in ("impact", "effort")
        if name in after
    ]
    return "rescored " + ", ".join(parts) if parts else "rescored"


def _scores(state: Mapping[str, Any]) -> str:
    return f"I{_score(state.get('impact'))}·E{_score(state.get('effort'))}"


def _score(value: Any) -> str:
    return "–" if value is None else str(value)


def _planned(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    reason: Any,
    iterations: Mapping[int, str],
) -> str:
    source, target = before.get("iteration_id"), after.get("iteration_id")
    if target is not None and source is None:
        return f"planned into {_iteration(target, iterations)}"
    if target is None and source is not None:
        if reason == RETURNED_REASON:
            return f"back to the backlog when {_iteration(source, iterations)} closed"
        return f"taken out of {_iteration(source, iterations)}"
    if target is None:
        return "left unplanned"
    if reason == CARRIED_REASON:
        return (
            f"carried over from {_iteration(source, iterations)} "
            f"to {_iteration(target, iterations)}"
        )
    return f"moved from {_iteration(source, iterations)} to {_iteration(target, iterations)}"


def _iteration(iteration_id: Any, iterations: Mapping[int, str]) -> str:
    name = iterations.get(iteration_id) if isinstance(iteration_id, int) else None
    return name or "a deleted iteration"


def _verdict(value: Any) -> str:
    try:
        return Verdict(value).label.lower()
    except ValueError:
        return str(value)


def _edited(before: Mapping[str, Any], after: Mapping[str, Any], changed: Any) -> str | None:
    if "measurements" in after or "measurements" in before:
        return _measured(before, after)
    checklist = after.get("checklist")
    if isinstance(checklist, Mapping) and "done" in checklist:
        return "ticked a checklist line" if checklist["done"] else "unticked a checklist line"
    names = [n for n in dict.fromkeys([*before, *after]) if n not in _TOLD_ELSEWHERE]
    words = [_FIELD_WORDS.get(name, name.replace("_", " ")) for name in names]
    if isinstance(changed, list):
        words += [str(part) for part in changed]
    if not words:
        return None
    return f"edited {_join(words)}"


def _measured(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """ "recorded a result of 72 for 2026-03-01 (30 days); actual now 72"."""
    parts = []
    for verb, entries in (
        ("recorded", after.get("measurements")),
        ("removed", before.get("measurements")),
    ):
        if isinstance(entries, list) and entries:
            parts.append(f"{verb} {_results(entries)}")
    text = " and ".join(parts) or "recorded results"
    actual = after.get("actual")
    if "actual" in after:
        text += f"; actual now {_number(actual)}" if actual is not None else "; actual cleared"
    return text


def _results(entries: list[Any]) -> str:
    if len(entries) > 1:
        return f"{len(entries)} results"
    entry = _mapping(entries[0])
    text = f"a result of {_number(entry.get('value'))} for {entry.get('measured_on', '?')}"
    label = entry.get("label")
    return f"{text} ({label})" if label else text


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
