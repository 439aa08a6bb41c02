"""Requests taken through the intake conversation, and their triage.

:func:`record_request` turns the wizard's answers into one change: a new item
in the board's first column with its fields filled from the conversation (the
goal sentence, metric, baseline, target, audience, what people must do, the
monthly cost of inaction), the requester and partners linked (new people
created on the fly), the answers kept in the intake tables, and a triage state
from the outcome. A request resolved without training or declined leaves the
board at once (archived: findable, restorable, counted as handled); undo takes
everything back in one step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ldboard.domain.enums import EventKind
from ldboard.domain.intake import (
    CLOSED_TRIAGE,
    OUTCOME_TRIAGE,
    Goal,
    IntakeOutcome,
    PartnerRole,
    Triage,
    monthly_cost_of_inaction,
    number_text,
)
from ldboard.domain.practice import IntakeRecord, PartnerAnswer
from ldboard.domain.rules import ValidationError, clean_text, date_problem
from ldboard.ops._diff import inserted, updated
from ldboard.ops._item_parts import practice_deletions
from ldboard.ops.items import new_item_change
from ldboard.ops.vocabulary import plan_people
from ldboard.store import Board, Change, EventRecord, RowDiff

#: The item role a partner's part links them with on the card.
_ITEM_ROLE = {
    PartnerRole.SPONSOR: "sponsor",
    PartnerRole.CO_SPONSOR: "sponsor",
    PartnerRole.SME: "sme",
}


@dataclass(frozen=True, slots=True)
class Request:
    """Everything the intake wizard gathered, ready to be recorded."""

    title: str
    record: IntakeRecord
    requester: int | str | None = None
    driver: str | None = None
    goal: Goal = field(default_factory=Goal)
    format: str | None = None


def record_request(board: Board, request: Request) -> Change:
    """Create the request's item and keep its intake answers, as one change.

    Raises ``ValidationError`` naming the fields that are wrong (nothing written).
    """
    record = request.record
    _check_record(record)
    outcome = IntakeOutcome(record.outcome)
    triage = OUTCOME_TRIAGE[outcome]
    fields = _item_fields(request, triage)
    wanted = _people_wanted(request)
    named, people_rows, people_events = plan_people(board, [(n, r) for n, r, _ in wanted if n])
    ids = _person_ids(board, people_rows)
    links = {(pid, role) for pid, role in named}
    links |= {(p, r) for n, r, p in wanted if p is not None}
    column = board.columns()[0]
    base = new_item_change(board, column.id, request.title, fields=fields, people=sorted(links))
    item_id = next(d.key[0] for d in base.rows if d.table == "items" and d.is_insert)
    rows: list[RowDiff] = [*people_rows]
    for diff in base.rows:
        if diff.table == "items" and diff.is_insert and triage in CLOSED_TRIAGE:
            assert diff.after is not None
            diff = RowDiff("items", diff.key, None, {**diff.after, "archived_at": board.now()})
        rows.append(diff)
    rows += _intake_rows(board, item_id, record, ids)
    events = [*people_events, *base.events]
    events.append(
        EventRecord(EventKind.EDITED, item_id, {"before": {}, "after": {"triage": triage}})
    )
    if triage in CLOSED_TRIAGE:
        events.append(EventRecord(EventKind.ARCHIVED, item_id, {"column_id": column.id}))
    key = base.label.removeprefix("Add ")
    return board.apply(Change(f"Record request {key}", tuple(rows), tuple(events)))


def set_triage(board: Board, item_id: int, triage: str, reason: str = "") -> Change | None:
    """Move a request to another triage state. Declining it or resolving it without
    training takes it off the board (archived); reopening one brings it back."""
    current = board.row("items", (item_id,))
    if current is None:
        raise LookupError(f"item {item_id} does not exist")
    state = Triage(triage)
    values: dict[str, Any] = {"triage": state.value, "triage_reason": clean_text(reason)}
    closing = state in CLOSED_TRIAGE
    now = board.now()
    if closing and current["archived_at"] is None:
        values["archived_at"] = now
    elif not closing and current["triage"] in CLOSED_TRIAGE and current["archived_at"]:
        values["archived_at"] = None
    diff = updated("items", (item_id,), current, {**values, "updated_at": now})
    if diff is None or set(diff.after or {}) <= {"updated_at"}:
        return None
    events = [EventRecord(EventKind.EDITED, item_id, _told(diff, ("triage", "triage_reason")))]
    if "archived_at" in values:
        kind = EventKind.ARCHIVED if closing else EventKind.RESTORED
        events.append(EventRecord(kind, item_id, {"column_id": current["column_id"]}))
    label = f"Mark {current['key']} {state.label.lower()}"
    return board.apply(Change(label, (diff,), tuple(events)))


def edit_intake(board: Board, item_id: int, record: IntakeRecord) -> Change | None:
    """Replace the intake answers kept with ``item_id`` (the card editor's Intake page)."""
    current = board.row("items", (item_id,))
    if current is None:
        raise LookupError(f"item {item_id} does not exist")
    _check_record(record)
    new_people = [(p.person, "sme") for p in record.partners if isinstance(p.person, str)]
    _named, people_rows, people_events = plan_people(board, new_people)
    ids = _person_ids(board, people_rows)
    old = [d for d in practice_deletions(board, item_id) if d.table != "evaluation_plans"]
    new = _intake_rows(board, item_id, record, ids)
    if _same(old, new):
        return None
    rows = [*people_rows, *old, *new]
    events = [*people_events, EventRecord(EventKind.EDITED, item_id, {"changed": ["intake"]})]
    return board.apply(Change(f"Edit the intake of {current['key']}", tuple(rows), tuple(events)))


def intake_cost(record: IntakeRecord) -> float | None:
    """The monthly cost of inaction the record's calculator gives, if filled in."""
    parts = (record.people_affected, record.loss_per_person_month, record.unit_cost)
    if any(part is None for part in parts):
        return None
    return monthly_cost_of_inaction(*parts)  # type: ignore[arg-type]


# --- the parts ---------------------------------------------------------------------------


def _check_record(record: IntakeRecord) -> None:
    problems: dict[str, str] = {}
    for name, label in (("requested_on", "request date"), ("goal_by", "goal date")):
        value = getattr(record, name)
        if value is not None and (problem := date_problem(label, value)):
            problems[name] = problem
    try:
        IntakeOutcome(record.outcome)
    except ValueError:
        problems["outcome"] = f"Unknown outcome {record.outcome!r}."
    for name in ("people_affected", "loss_per_person_month", "unit_cost"):
        value = getattr(record, name)
        if value is not None and not value >= 0:
            problems[name] = "Use a number of at least 0."
    for name in ("expected_benefit", "expected_cost"):
        value = getattr(record, name)
        if value is not None and not value >= 0:
            problems[name] = "Use a number of at least 0."
    needs_reason = record.outcome in (IntakeOutcome.NO_TRAINING, IntakeOutcome.DECLINED)
    if needs_reason and not clean_text(record.recommendation):
        problems["recommendation"] = (
            "Say what to do instead of training."
            if record.outcome == IntakeOutcome.NO_TRAINING
            else "Give the reason to send back to the requester."
        )
    for partner in record.partners:
        try:
            PartnerRole(partner.role)
        except ValueError:
            problems["partners"] = f"Unknown partner role {partner.role!r}."
    if problems:
        raise ValidationError(problems)


def _item_fields(request: Request, triage: Triage) -> dict[str, Any]:
    goal, record = request.goal, request.record
    fields: dict[str, Any] = {
        "driver": request.driver,
        "goal": goal.sentence if any((goal.metric, goal.audience, goal.action)) else "",
        "metric": goal.metric,
        "baseline": goal.baseline,
        "target": goal.target,
        "audience": goal.audience,
        "need": goal.action,
        "format": request.format,
        "triage": triage.value,
        "triage_reason": record.recommendation,
    }
    cost = intake_cost(record)
    if cost is not None:
        fields["cost_of_inaction"] = (
            f"About {number_text(round(cost, 2))} a month: {number_text(record.people_affected)} "
            f"people × {number_text(record.loss_per_person_month)} a month × "
            f"{number_text(record.unit_cost)} each."
        )
    if record.goal_by:
        fields["due"] = record.goal_by
    return fields


def _people_wanted(request: Request) -> list[tuple[str | None, str, int | None]]:
    """``(new name, item role, existing id)`` of the requester and every partner."""
    wanted: list[tuple[str | None, str, int | None]] = []
    people: Iterable[tuple[int | str | None, str]] = [(request.requester, "requester")]
    people = [
        *people,
        *((p.person, _ITEM_ROLE[PartnerRole(p.role)]) for p in request.record.partners),
    ]
    for person, role in people:
        if isinstance(person, int):
            wanted.append((None, role, person))
        elif isinstance(person, str) and clean_text(person, single_line=True):
            wanted.append((person, role, None))
    return wanted


def _person_ids(board: Board, people_rows: list[RowDiff]) -> dict[str, int]:
    """Person id by casefolded name: the board's people and those about to be created."""
    ids = {person.name.casefold(): person.id for person in board.people()}
    for diff in people_rows:
        assert diff.after is not None
        ids[diff.after["name"].casefold()] = diff.key[0]
    return ids


def _intake_rows(
    board: Board, item_id: int, record: IntakeRecord, ids: dict[str, int]
) -> list[RowDiff]:
    row = {
        "item_id": item_id,
        "requested_on": record.requested_on,
        "problem": clean_text(record.problem),
        "goal_by": record.goal_by,
        "goal_action": clean_text(record.goal_action, single_line=True),
        "people_affected": record.people_affected,
        "loss_per_person_month": record.loss_per_person_month,
        "unit_cost": record.unit_cost,
        "expected_benefit": record.expected_benefit,
        "expected_cost": record.expected_cost,
        "outcome": record.outcome,
        "recommendation": clean_text(record.recommendation),
    }
    rows = [inserted("intakes", (item_id,), row)]
    next_id = board.next_id("intake_behaviours")
    for position, behaviour in enumerate(record.behaviours):
        text = clean_text(behaviour.text, single_line=True)
        if not text:
            continue
        values = {
            "item_id": item_id,
            "position": position,
            "text": text,
            "barrier": behaviour.barrier,
        }
        rows.append(inserted("intake_behaviours", (next_id,), values))
        next_id += 1
    seen: set[tuple[int, str]] = set()
    for partner in record.partners:
        person = _person(partner, ids)
        if person is None or (person, partner.role) in seen:
            continue
        seen.add((person, partner.role))
        values = {
            "item_id": item_id,
            "person_id": person,
            "role": partner.role,
            "commitments": json.dumps(
                [c for c in partner.commitments if c.strip()], ensure_ascii=False
            ),
            "wiifm": clean_text(partner.wiifm),
        }
        rows.append(inserted("intake_partners", (item_id, person, partner.role), values))
    return rows


def _person(partner: PartnerAnswer, ids: dict[str, int]) -> int | None:
    if isinstance(partner.person, int):
        return partner.person
    return ids.get(clean_text(partner.person, single_line=True).casefold())


def _same(old: list[RowDiff], new: list[RowDiff]) -> bool:
    """Whether replacing ``old`` rows by ``new`` ones would change nothing but ids."""

    def content(diffs: list[RowDiff], key: str) -> list[dict]:
        rows = [d.before if key == "before" else d.after for d in diffs]
        return sorted(
            json.dumps({k: v for k, v in (r or {}).items() if k != "id"}, sort_keys=True)
            for r in rows
        )

    return content(old, "before") == content(new, "after")


def _told(diff: RowDiff, names: tuple[str, ...]) -> dict[str, Any]:
    before = {n: (diff.before or {})[n] for n in names if n in (diff.before or {})}
    after = {n: (diff.after or {})[n] for n in names if n in (diff.after or {})}
    return {"before": before, "after": after}


__all__ = [
    "Request",
    "edit_intake",
    "intake_cost",
    "record_request",
    "set_triage",
]
