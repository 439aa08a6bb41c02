"""A summary in words, the same in every human-readable format: numbers,
dates, the headline table and the one-line details of items, actions and
partners. The Markdown, HTML and PDF renderers only lay these out."""

from __future__ import annotations

from ldboard.io.moments import moment_text
from ldboard.io.summary import ActionLine, IterationSummary, SummaryItem, Thanks


def number(value: float | None) -> str:
    """A number as people write it: ``5`` not ``5.0``, ``2.5``, ``—`` when unknown."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def measure(item: SummaryItem) -> str:
    """``baseline → target → actual`` of an item's metric."""
    return f"{number(item.baseline)} → {number(item.target)} → {number(item.actual)}"


def period(summary: IterationSummary) -> str:
    """The iteration's dates in words."""
    if summary.start and summary.end:
        return f"{summary.start} to {summary.end}"
    if summary.start:
        return f"from {summary.start}"
    if summary.end:
        return f"until {summary.end}"
    return "no dates set"


def status_line(summary: IterationSummary) -> str:
    """Whether the figures are final or "so far", in one sentence."""
    when = moment_text(summary.as_of)
    if summary.live and summary.state == "active":
        return f"In progress: a report so far, as of {when}. Figures will change."
    if summary.live:
        return f"Closed; read from the board as of {when}."
    return f"Closed on {when}. Figures are as they were at close."


def headline(summary: IterationSummary) -> list[tuple[str, str]]:
    """The headline numbers as ``(label, value)`` pairs, in the order every format shows them."""
    n = summary.numbers
    return [
        ("Items committed / done", f"{n.items_committed} / {n.items_done}"),
        ("Effort committed / done", f"{number(n.committed_effort)} / {number(n.done_effort)}"),
        ("Added after start", f"{_items(n.items_added)}, {number(n.added_effort)} effort"),
        ("Removed after start", f"{_items(n.items_removed)}, {number(n.removed_effort)} effort"),
        (
            "Carried over" if summary.state == "closed" else "Still in progress",
            f"{_items(n.items_carried_over)}, {number(n.carried_over_effort)} effort",
        ),
        ("Throughput", f"{_items(summary.throughput)} finished"),
        ("Median cycle time", _days(summary.median_cycle_time_days)),
        ("Capacity", number(n.capacity)),
    ]


def _items(count: int) -> str:
    return f"{count} item" + ("" if count == 1 else "s")


def _days(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{number(value)} day" + ("" if value == 1 else "s")


def story(item: SummaryItem) -> list[tuple[str, str]]:
    """The learner story as ``(label, text)`` pairs, the parts that are filled in."""
    outcome = item.outcome.strip()
    if outcome.casefold().startswith("so that "):
        outcome = outcome[len("so that ") :]
    parts = [("Learners", item.audience.strip()), ("Need", item.need.strip())]
    parts.append(("So that", outcome))
    return [(label, text) for label, text in parts if text]


def action_detail(action: ActionLine) -> str:
    """Owner, due date and tick of an action, in words."""
    parts = [f"owner: {action.owner}", f"due: {action.due or '—'}"]
    if action.done:
        parts.append("done")
    if action.written_in:
        parts.append(f"from {action.written_in}")
        parts.append(f"slipped {action.slips} time" + ("" if action.slips == 1 else "s"))
    return "; ".join(parts)


def thanks_detail(person: Thanks) -> str:
    """What a partner did, in words."""
    parts = []
    if person.sponsor_of:
        parts.append("sponsor of " + ", ".join(person.sponsor_of))
    if person.sme_on:
        parts.append("subject-matter expert on " + ", ".join(person.sme_on))
    return "; ".join(parts)
