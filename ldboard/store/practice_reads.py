"""Reads of the L&D practice tables (file format 7): intakes, evaluation plans, thanks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from ldboard.domain.practice import (
    BehaviourAnswer,
    EvaluationCheck,
    EvaluationPlan,
    IntakeRecord,
    PartnerAnswer,
    RequestLine,
    Thanks,
)
from ldboard.store.reads import BoardReads
from ldboard.store.writer import quote

_INTAKE_COLUMNS = (
    "requested_on, outcome, problem, goal_by, goal_action, people_affected, "
    "loss_per_person_month, unit_cost, expected_benefit, expected_cost, recommendation"
)


class PracticeReads(BoardReads):
    def intake(self, item_id: int) -> IntakeRecord | None:
        """The intake answers kept with ``item_id``, or ``None`` (not a request)."""
        cursor = self._conn.execute(
            f"SELECT {_INTAKE_COLUMNS} FROM intakes WHERE item_id = ?", (item_id,)
        )
        found = cursor.fetchone()
        if found is None:
            return None
        names = [column[0] for column in cursor.description]
        values = dict(zip(names, found, strict=True))
        behaviours = tuple(
            BehaviourAnswer(text, barrier)
            for text, barrier in self._conn.execute(
                "SELECT text, barrier FROM intake_behaviours WHERE item_id = ? "
                "ORDER BY position, id",
                (item_id,),
            )
        )
        partners = tuple(
            PartnerAnswer(person, role, tuple(json.loads(commitments)), wiifm)
            for person, role, commitments, wiifm in self._conn.execute(
                "SELECT ip.person_id, ip.role, ip.commitments, ip.wiifm FROM intake_partners ip "
                "JOIN people p ON p.id = ip.person_id WHERE ip.item_id = ? "
                "ORDER BY CASE ip.role WHEN 'sponsor' THEN 0 WHEN 'co_sponsor' THEN 1 ELSE 2 END, "
                "p.name COLLATE NOCASE",
                (item_id,),
            )
        )
        return IntakeRecord(**values, behaviours=behaviours, partners=partners)

    def evaluation_plan(self, item_id: int) -> EvaluationPlan | None:
        """How ``item_id`` will be evaluated, or ``None`` when nothing is planned yet."""
        found = self._conn.execute(
            "SELECT level, critical_behaviours, leading_indicators, support "
            "FROM evaluation_plans WHERE item_id = ?",
            (item_id,),
        ).fetchone()
        checks = tuple(self._checks("item_id = ?", (item_id,)))
        if found is None and not checks:
            return None
        level, behaviours, indicators, support = found or (None, "", "", "")
        return EvaluationPlan(level, behaviours, indicators, support, checks)

    def due_checks(self, today: date) -> list[tuple[int, EvaluationCheck]]:
        """``(item id, check)`` of every open check due by ``today``, on items not
        archived, the most overdue first."""
        rows = self._conn.execute(
            "SELECT c.item_id, c.id, c.what, c.how, c.due, c.done_at FROM evaluation_checks c "
            "JOIN items i ON i.id = c.item_id "
            "WHERE c.done_at IS NULL AND c.due IS NOT NULL AND c.due <= ? "
            "AND i.archived_at IS NULL ORDER BY c.due, c.item_id, c.position",
            (today.isoformat(),),
        )
        return [
            (item_id, EvaluationCheck(what, how, due, done_at, check_id))
            for item_id, check_id, what, how, due, done_at in rows
        ]

    def thanks(self, person_id: int | None = None) -> list[Thanks]:
        """Thanks given (to ``person_id``, or to anyone), newest first."""
        where, args = ("WHERE person_id = ?", (person_id,)) if person_id is not None else ("", ())
        rows = self._conn.execute(
            f"SELECT id, person_id, given_on, text, item_id FROM thanks {where} "
            "ORDER BY given_on DESC, id DESC",
            args,
        )
        return [Thanks(*row) for row in rows]

    def requests(self) -> list[RequestLine]:
        """Every item with a triage state (a request), oldest request first."""
        rows = self._conn.execute(
            "SELECT i.id, i.key, i.title, i.triage, i.triage_reason, "
            "coalesce((SELECT group_concat(p.name, ', ') FROM item_people ip "
            "  JOIN people p ON p.id = ip.person_id "
            "  WHERE ip.item_id = i.id AND ip.role = 'requester'), ''), "
            "n.requested_on, n.outcome, c.name, i.archived_at IS NOT NULL "
            "FROM items i JOIN columns c ON c.id = i.column_id "
            "LEFT JOIN intakes n ON n.item_id = i.id "
            "WHERE i.triage IS NOT NULL "
            "ORDER BY coalesce(n.requested_on, substr(i.created_at, 1, 10)), i.id"
        )
        return [RequestLine(*row[:9], bool(row[9])) for row in rows]

    def items_with_any(
        self, columns: Sequence[str], *, archived: bool = True
    ) -> dict[int, dict[str, Any]]:
        """``columns`` of every item that has at least one of them set (without the
        archived ones unless ``archived``), by item id.

        The triage state and the weighted-score criteria are set on few items: the
        views keep them by id rather than reading them with every card.
        """
        known = {row[1] for row in self._conn.execute("PRAGMA table_info(items)")}
        unknown = [name for name in columns if name not in known]
        if unknown:
            raise ValueError(f"items has no column {', '.join(unknown)}")
        where = "(" + " OR ".join(f"{quote(name)} IS NOT NULL" for name in columns) + ")"
        if not archived:
            where += " AND archived_at IS NULL"
        return {
            row["id"]: {name: row[name] for name in columns} for row in self.rows("items", where)
        }

    def _checks(self, where: str, args: tuple) -> list[EvaluationCheck]:
        rows = self._conn.execute(
            f"SELECT what, how, due, done_at, id FROM evaluation_checks WHERE {where} "
            "ORDER BY position, id",
            args,
        )
        return [EvaluationCheck(*row) for row in rows]
