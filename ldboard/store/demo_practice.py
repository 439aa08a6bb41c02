"""The demo's L&D practice (file format 7): what partners commit to and where they sit
on the stakeholder map, the intake conversations behind the requests, their triage,
the evaluation plans of the initiatives being built and measured, and the thanks
given along the way.

It fills every practice table so the intake, evaluation and partner screens show
real content on first launch. Rows go straight to the tables, like the rest of the
demo; the triage decisions are logged as a real board logs them (an edit of the
triage, then an archive for a request declined or resolved without training,
because such requests leave the board).
"""

from __future__ import annotations

import json
from typing import Any

from ldboard.domain.enums import EventKind
from ldboard.domain.intake import CLOSED_TRIAGE, IntakeOutcome, PartnerRole, Triage
from ldboard.domain.rules import validate_item_fields
from ldboard.store.demo_measurements import DemoDataError, DemoWriter

#: Triage decisions are logged at the end of the working day they were taken (17:00).
_TRIAGE_MINUTES = 8 * 60
_SCORES = ("audience_size", "risk", "inaction_score")


def write_practice(writer: DemoWriter, content: dict[str, Any]) -> None:
    """Write ``content["practice"]`` (people placed, item scores, triage, intakes,
    evaluation plans, thanks); items are named by title and people by their ``ref``."""
    practice = content.get("practice", {})
    names = {p["ref"]: p["name"] for p in content["people"]}
    ids = {
        name: person_id for person_id, name in writer.conn.execute("SELECT id, name FROM people")
    }
    refs = {ref: ids[name] for ref, name in names.items() if name in ids}
    titles = {
        title: item_id for item_id, title in writer.conn.execute("SELECT id, title FROM items")
    }
    found = _Lookup(refs, titles)
    for entry in practice.get("people", []):
        _place_person(writer, found.person(entry["person"]), entry)
    for entry in practice.get("scores", []):
        _score_item(writer, found.item(entry["item"]), entry)
    for entry in practice.get("triage", []):
        _triage(writer, found.item(entry["item"]), entry)
    for entry in practice.get("intakes", []):
        _intake(writer, found, entry)
    for entry in practice.get("evaluation_plans", []):
        _evaluation_plan(writer, found.item(entry["item"]), entry)
    for entry in practice.get("thanks", []):
        item_id = found.item(entry["item"]) if entry["item"] is not None else None
        row = {
            "person_id": found.person(entry["person"]),
            "given_on": writer.day(entry["offset_days"]),
            "text": entry["text"],
            "item_id": item_id,
        }
        writer.insert("thanks", row)


class _Lookup:
    """Person ids by ref and item ids by title, naming what is unknown precisely."""

    def __init__(self, refs: dict[str, int], titles: dict[str, int]) -> None:
        self.refs = refs
        self.titles = titles

    def person(self, ref: str) -> int:
        if ref not in self.refs:
            raise DemoDataError(f"demo practice names an unknown person {ref!r}")
        return self.refs[ref]

    def item(self, title: str) -> int:
        if title not in self.titles:
            raise DemoDataError(f"demo practice names an unknown item {title!r}")
        return self.titles[title]


def _place_person(writer: DemoWriter, person_id: int, entry: dict[str, Any]) -> None:
    writer.conn.execute(
        "UPDATE people SET level = ?, influence = ?, involvement = ?, commitments = ? WHERE id = ?",
        (entry["level"], entry["influence"], entry["involvement"], entry["commitments"], person_id),
    )


def _score_item(writer: DemoWriter, item_id: int, entry: dict[str, Any]) -> None:
    scores = {name: entry[name] for name in _SCORES}
    if problems := validate_item_fields(scores):
        raise DemoDataError(f"demo scores of {entry['item']!r}: {problems}")
    writer.conn.execute(
        "UPDATE items SET audience_size = ?, risk = ?, inaction_score = ? WHERE id = ?",
        (*scores.values(), item_id),
    )


def _triage(writer: DemoWriter, item_id: int, entry: dict[str, Any]) -> None:
    """Set the item's triage as decided on ``offset_days``, logged like ``set_triage``."""
    state = Triage(entry["state"])
    created, archived, column_id, updated = writer.conn.execute(
        "SELECT created_at, archived_at, column_id, updated_at FROM items WHERE id = ?",
        (item_id,),
    ).fetchone()
    decided = writer.moment(entry["offset_days"], minutes=_TRIAGE_MINUTES + item_id)
    if decided <= created:
        raise DemoDataError(f"demo triage of {entry['item']!r} comes before the request")
    closing = state in CLOSED_TRIAGE
    if closing and not entry["reason"]:
        raise DemoDataError(f"demo triage of {entry['item']!r}: {state} needs a reason")
    archived_at = writer.moment(entry["offset_days"], minutes=_TRIAGE_MINUTES + item_id + 1)
    writer.conn.execute(
        "UPDATE items SET triage = ?, triage_reason = ?, updated_at = ?, archived_at = ? "
        "WHERE id = ?",
        (
            state.value,
            entry["reason"],
            max(updated, archived_at if closing else decided),
            archived_at if closing and archived is None else archived,
            item_id,
        ),
    )
    writer.event(
        decided, EventKind.EDITED, item_id, {"before": {}, "after": {"triage": state.value}}
    )
    if closing and archived is None:
        writer.event(archived_at, EventKind.ARCHIVED, item_id, {"column_id": column_id})


def _intake(writer: DemoWriter, found: _Lookup, entry: dict[str, Any]) -> None:
    item_id = found.item(entry["item"])
    outcome = IntakeOutcome(entry["outcome"])
    needs_reason = outcome in (IntakeOutcome.NO_TRAINING, IntakeOutcome.DECLINED)
    if needs_reason and not entry["recommendation"]:
        raise DemoDataError(f"demo intake of {entry['item']!r}: {outcome} needs a reason")
    numbers = (
        "people_affected",
        "loss_per_person_month",
        "unit_cost",
        "expected_benefit",
        "expected_cost",
    )
    row = {
        "item_id": item_id,
        "requested_on": writer.day(entry["requested_offset_days"]),
        "problem": entry["problem"],
        "goal_by": writer.day(entry["goal_by_offset_days"]),
        "goal_action": entry["goal_action"],
        **{name: entry[name] for name in numbers},
        "outcome": outcome.value,
        "recommendation": entry["recommendation"],
    }
    writer.insert("intakes", row)
    for position, behaviour in enumerate(entry["behaviours"]):
        values = {"item_id": item_id, "position": position, **behaviour}
        writer.insert("intake_behaviours", values)
    for partner in entry["partners"]:
        values = {
            "item_id": item_id,
            "person_id": found.person(partner["person"]),
            "role": PartnerRole(partner["role"]).value,
            "commitments": json.dumps(partner["commitments"], ensure_ascii=False),
            "wiifm": partner["wiifm"],
        }
        writer.insert("intake_partners", values)


def _evaluation_plan(writer: DemoWriter, item_id: int, entry: dict[str, Any]) -> None:
    fields = ("level", "critical_behaviours", "leading_indicators", "support")
    writer.insert("evaluation_plans", {"item_id": item_id, **{k: entry[k] for k in fields}})
    for position, check in enumerate(entry["checks"]):
        done = check["done_offset_days"]
        row = {
            "item_id": item_id,
            "position": position,
            "what": check["what"],
            "how": check["how"],
            "due": writer.day(check["due_offset_days"]),
            "done_at": None if done is None else writer.moment(done, minutes=120 + position),
        }
        writer.insert("evaluation_checks", row)
