"""The requests report: every request by triage state, with its requester and outcome.

For leadership, a request handled without building training is a result, so
the report counts them first. Markdown for reading, CSV for a spreadsheet;
``ldboard export BOARD --requests`` writes it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ldboard.domain.intake import TRIAGE_LABELS, IntakeOutcome, Triage
from ldboard.domain.practice import RequestLine

FORMATS = ("md", "csv")
#: The order states are reported in: open first, then what was decided.
ORDER = (
    Triage.NEW,
    Triage.IN_REVIEW,
    Triage.WAITLISTED,
    Triage.APPROVED,
    Triage.RESOLVED,
    Triage.DECLINED,
)
CSV_HEADER = (
    "key", "title", "state", "requester", "requested_on", "outcome", "stage", "on_board", "reason",
)  # fmt: skip


def render_requests(board_name: str, lines: Sequence[RequestLine], fmt: str) -> bytes:
    if fmt == "csv":
        return _csv(lines)
    if fmt == "md":
        return _markdown(board_name, lines).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}: choose md or csv")


def _markdown(board_name: str, lines: Sequence[RequestLine]) -> str:
    without = sum(1 for line in lines if line.triage == Triage.RESOLVED)
    out = [f"# Requests: {_md(board_name)}", ""]
    out.append(
        f"{len(lines)} request{'s' if len(lines) != 1 else ''}; "
        f"**{without} handled without building training**."
    )
    for state in ORDER:
        chosen = [line for line in lines if line.triage == state]
        if not chosen:
            continue
        out += ["", f"## {TRIAGE_LABELS[state]} ({len(chosen)})", ""]
        out += [
            "| Key | Request | Requester | Asked on | Outcome | Where |",
            "|---|---|---|---|---|---|",
        ]
        for line in chosen:
            where = "archived" if line.archived else line.stage
            outcome = _outcome(line.outcome)
            if line.reason:
                outcome = f"{outcome}: {line.reason}" if outcome else line.reason
            out.append(
                f"| {line.key} | {_md(line.title)} | {_md(line.requester) or '—'} | "
                f"{line.requested_on or '—'} | {_md(outcome) or '—'} | {_md(where)} |"
            )
    return "\n".join(out) + "\n"


def _csv(lines: Sequence[RequestLine]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    order = {state.value: n for n, state in enumerate(ORDER)}
    for line in sorted(lines, key=lambda line: (order.get(line.triage, 99), line.item_id)):
        writer.writerow(
            [
                line.key,
                line.title,
                line.triage,
                line.requester,
                line.requested_on or "",
                line.outcome or "",
                line.stage,
                "no" if line.archived else "yes",
                line.reason,
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _outcome(outcome: str | None) -> str:
    if not outcome:
        return ""
    return {
        IntakeOutcome.INITIATIVE: "Initiative",
        IntakeOutcome.NO_TRAINING: "Non-training recommendation",
        IntakeOutcome.WAITLISTED: "Waitlisted",
        IntakeOutcome.DECLINED: "Declined",
    }.get(IntakeOutcome(outcome), outcome)


def _md(text: str) -> str:
    """Table-cell text: pipes escaped, line breaks as spaces."""
    return " ".join(text.replace("|", "\\|").split())
