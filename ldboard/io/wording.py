"""A summary in words, the same in every human-readable format: numbers,
dates, the headline table and the one-line details of items, actions and
partners. The Markdown, HTML and PDF renderers only lay these out."""

from __future__ import annotations

from ldboard.io.moments import moment_text
from ldboard.io.summary import ActionLine, IterationSummary, SummaryItem, Thanks
from ldboard.io.summary_practice import RequestsSummary

#: Triage states as a count reads them ("2 in review").
_TRIAGE_WORDS = {
    "new": "new",
    "in_review": "in review",
    "waitlisted": "waitlisted",
    "approved": "approved",
    "declined": "declined",
    "resolved": "resolved without training",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
        *_handled_headline(summary.requests),
    ]


def _handled_headline(requests: RequestsSummary | None) -> list[tuple[str, str]]:
    """The requests handled without training, for a board that takes requests at all."""
    if requests is None or not requests.any_on_board:
        return []
    count = len(requests.handled)
    word = "request" if count == 1 else "requests"
    return [
        (
            "Handled without building training",
            f"{count} {word} ({requests.handled_total} on the board so far)",
        )
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


def thanks_notes(person: Thanks) -> str:
    """The thank-you notes of the thanks log for a partner, in words ("" without any)."""
    return " — ".join(f"thanked on {day_text(n.given_on)}: {n.text}" for n in person.notes)


def day_text(day: str) -> str:
    """ "2026-11-21" -> "21 Nov" (as stored if unreadable)."""
    parts = day.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return day
    return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]}"


def requests_received(requests: RequestsSummary) -> str:
    """How many requests came in during the iteration's dates, by state (as now)."""
    first, last = requests.window
    total = requests.received_total
    if not total:
        return f"No request came in from {first} to {last}."
    states = ", ".join(f"{n} {_TRIAGE_WORDS.get(state, state)}" for state, n in requests.received)
    word = "request" if total == 1 else "requests"
    return f"{total} {word} came in from {first} to {last}: {states}."


def requests_handled(requests: RequestsSummary) -> str:
    """The sentence before the list of requests handled without building training
    ("" when no request came in: the sentence before says so)."""
    if not requests.received_total:
        return ""
    if not requests.handled:
        return "None of them was handled without building training."
    return "Handled without building training, and what was done instead:"
