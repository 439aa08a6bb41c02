"""The iteration summary as CommonMark.

User text is data. Line breaks inside a text become spaces, so a text can
never start a block of its own; the characters that make inline markup
(emphasis, code, links, images, autolinks, raw HTML, entities, table cells,
heading closers) are escaped with a backslash wherever they are; and a text
that begins like a block (``#``, ``>``, ``-``, ``+``, ``=``, ``1.``) has that
beginning escaped, because it may land at the start of a list item or a
heading. Other punctuation is left alone so the file stays readable as text.
"""

from __future__ import annotations

import re

from ldboard.io.summary import IterationSummary, SummaryItem
from ldboard.io.wording import (
    action_detail,
    headline,
    measure,
    period,
    requests_handled,
    requests_received,
    status_line,
    story,
    thanks_detail,
    thanks_notes,
)

#: Characters that make inline markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!#])")
#: A beginning that makes a block: a quote, list, heading or setext marker, an ordered list.
_BLOCK_START = re.compile(r"^([>+=-])|^(\d{1,9})([.)])(?=\s|$)")
_SPACES = re.compile(r"\s+")


def escape(text: str | None) -> str:
    """``text`` as literal CommonMark inline text ("" for ``None``)."""
    if not text:
        return ""
    flat = _SPACES.sub(" ", text.replace("\0", "\ufffd")).strip()
    escaped = _INLINE.sub(r"\\\1", flat)
    return _BLOCK_START.sub(_escape_block_start, escaped, count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def render_markdown(summary: IterationSummary) -> str:
    """The summary as a Markdown document (UTF-8 text, ``\\n`` line ends)."""
    out: list[str] = []
    out += [f"# Iteration summary: {escape(summary.name)}", ""]
    out += [f"**Board:** {escape(summary.board_name)}  ", f"**Dates:** {escape(period(summary))}  "]
    out += [f"**Goal:** {escape(summary.goal) or '—'}", ""]
    out += [f"*{escape(status_line(summary))}*", ""]
    out += [f"> {escape(note)}" for note in summary.notes]
    if summary.notes:
        out.append("")
    out += ["## Headline numbers", "", "| Measure | Value |", "| --- | --- |"]
    out += [f"| {escape(label)} | {escape(value)} |" for label, value in headline(summary)]
    out.append("")
    out += ["## What we learned", ""]
    learned = summary.learned
    if not learned:
        out += ["No item of this iteration states a hypothesis.", ""]
    for item in learned:
        out += _learned(item)
    out += ["## Business impact", ""]
    drivers = summary.drivers_served
    if drivers:
        out += ["Drivers served:", ""]
        out += [f"- **{escape(d.label)}**: {escape(', '.join(d.keys))}" for d in drivers]
    else:
        out.append("No finished item names a business driver.")
    out.append("")
    costs = summary.costs_of_inaction
    if costs:
        out += ["The stated cost of inaction:", ""]
        out += [f"- {_name(item)}: {escape(item.cost_of_inaction)}" for item in costs]
        out.append("")
    out += _requests(summary)
    title = "Carried over" if summary.state == "closed" else "In progress"
    out += [f"## {title}", ""]
    unfinished = summary.unfinished
    out += [f"- {_name(item)} ({escape(_whereabouts(item))})" for item in unfinished]
    if not unfinished:
        out.append("Nothing: every item of the iteration was finished.")
    out.append("")
    if summary.removed:
        out += ["Removed after the start:", ""]
        out += [f"- {_name(item)}" for item in summary.removed]
        out.append("")
    out += _retrospective(summary)
    out += ["## Thanks", ""]
    if summary.thanks:
        for person in summary.thanks:
            job = f", {escape(person.job_title)}" if person.job_title else ""
            detail = (
                f": {escape(thanks_detail(person))}" if person.sponsor_of or person.sme_on else ""
            )
            notes = f" — {escape(thanks_notes(person))}" if person.notes else ""
            out.append(f"- **{escape(person.name)}**{job}{detail}{notes}")
    else:
        out.append(
            "No sponsor or subject-matter expert is named on this iteration's items, "
            "and no one was thanked in its dates."
        )
    out.append("")
    return "\n".join(out)


def _name(item: SummaryItem) -> str:
    return f"**{escape(item.key)}** {escape(item.title)}"


def _whereabouts(item: SummaryItem) -> str:
    if item.status == "carried over":
        return f"to {item.carried_to}" if item.carried_to else "back to the backlog"
    return item.stage or "no stage"


def _learned(item: SummaryItem) -> list[str]:
    lines = [f"### {escape(item.key)} {escape(item.title)}", ""]
    for label, text in story(item):
        lines.append(f"- {label}: {escape(text)}")
    lines += [
        f"- Hypothesis: {escape(item.hypothesis)}",
        f"- Metric: {escape(item.metric) or '—'}: {escape(measure(item))} "
        "(baseline → target → actual)",
        f"- Verdict: **{escape(item.verdict_label)}**",
        "",
    ]
    return lines


def _requests(summary: IterationSummary) -> list[str]:
    """The requests that came in, for a board that takes requests at all."""
    requests = summary.requests
    if requests is None or not requests.any_on_board:
        return []
    out = ["## Requests", "", escape(requests_received(requests)), ""]
    handled = requests_handled(requests)
    if handled:
        out += [escape(handled), ""]
    if requests.handled:
        for r in requests.handled:
            out.append(
                f"- **{escape(r.key)}** {escape(r.title)}: {escape(r.recommendation) or '—'}"
            )
        out.append("")
    return out


def _retrospective(summary: IterationSummary) -> list[str]:
    out = ["## Retrospective", ""]
    lanes = (("Went well", summary.went_well), ("To improve", summary.to_improve))
    for title, texts in lanes:
        out += [f"### {title}", ""]
        out += [f"- {escape(text)}" for text in texts] or ["Nothing written."]
        out.append("")
    out += ["### Actions", ""]
    out += [f"- {escape(a.text)} ({escape(action_detail(a))})" for a in summary.actions] or [
        "No actions."
    ]
    out.append("")
    if summary.carried_actions:
        out += ["### Open actions from earlier iterations", ""]
        out += [f"- {escape(a.text)} ({escape(action_detail(a))})" for a in summary.carried_actions]
        out.append("")
    return out
