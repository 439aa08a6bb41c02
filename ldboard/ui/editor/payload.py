"""Collecting the card editor's form into what Save sends, and every problem that stops it.

Checking and collecting are one pass, so the problems shown inline are exactly
the ones Save would refuse on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ldboard.domain.model import Item
from ldboard.domain.practice import EvaluationPlan
from ldboard.domain.rules import parse_number, validate_item_fields
from ldboard.ops import ChecklistEntry
from ldboard.ops.measuring import MeasurementEntry
from ldboard.ops.vocabulary import TAG_NAME_MAX
from ldboard.ui.editor.pages_measure import PLAN_FIELDS
from ldboard.ui.editor.people import PERSON_NAME_MAX
from ldboard.ui.editor.saving import parse_tag_names

NUMBER_FIELDS = ("baseline", "target", "actual", "estimate_days")


@dataclass(frozen=True, slots=True)
class _Payload:
    """What Save sends to :func:`save_card`."""

    fields: dict[str, Any]
    tag_names: list[str] | None
    people: list[tuple[int, str]] | None
    checklist: list[ChecklistEntry] | None
    new_notes: list[str]
    #: The item's whole list of results when it changed (``None``: as stored).
    measurements: list[MeasurementEntry] | None
    #: The stage the card is saved in (a new card goes to its bottom).
    column_id: int
    #: People typed by name who are not on the board yet: (name, item role).
    new_people: list[tuple[str, str]]
    #: The item's whole evaluation plan when it changed (``None``: as stored).
    evaluation_plan: EvaluationPlan | None = None


class FormPayload:
    """Reads the whole form back: its raw state, and the payload Save would send."""

    def _raw_state(self) -> dict[str, Any]:
        return {name: getter() for name, getter in self._getters.items()}

    def _collect(self) -> tuple[_Payload, dict[str, str]]:
        """What Save would send, and every problem that stops it."""
        raw = self._raw_state()
        problems: dict[str, str] = {}
        values: dict[str, Any] = {}
        for name in Item.FORM_FIELDS:
            value = raw[name]
            if name in NUMBER_FIELDS:
                try:
                    value = parse_number(value)
                except ValueError as error:
                    problems[name] = str(error)
                    continue
            values[name] = value
        for name, message in validate_item_fields(values).items():
            problems.setdefault(name, message)

        tag_names = parse_tag_names(self.tags_edit.text())
        known = {tag.name.casefold() for tag in self._tags}
        too_long = [n for n in tag_names if n.casefold() not in known and len(n) > TAG_NAME_MAX]
        if too_long:
            problems["tags"] = (
                f"Keep tag names to {TAG_NAME_MAX} characters (“{too_long[0][:20]}…” is longer)."
            )
        new_people = self._new_people()
        for name, role in new_people:
            if len(name) > PERSON_NAME_MAX:
                field = {"requester": "requester", "sponsor": "sponsor"}.get(role, "smes")
                problems[field] = (
                    f"Keep names to {PERSON_NAME_MAX} characters (“{name[:20]}…” is longer)."
                )
        checklist = self._checklist_entries()
        empty = [row + 1 for row, entry in enumerate(checklist) if not entry.text.strip()]
        if empty:
            problems["checklist"] = (
                f"Checklist line {empty[0]} is empty: type something or remove it."
            )

        plan, plan_problems = self._plan_value()
        problems.update(plan_problems)

        if self._item is None:
            fields = values
        else:
            fields = {n: v for n, v in values.items() if raw[n] != self._initial[n]}

        def changed(*names: str) -> bool:
            return self._item is None or any(raw[n] != self._initial[n] for n in names)

        note = raw["new_note"]
        payload = _Payload(
            fields=fields,
            tag_names=tag_names if changed("tags") else None,
            people=self._people_value() if changed("requester", "sponsor", "smes") else None,
            checklist=checklist if changed("checklist") else None,
            new_notes=[note] if note.strip() else [],
            measurements=(
                list(raw["measurements"])
                if self._item is not None and changed("measurements")
                else None
            ),
            column_id=self.stage_picker.column_id() or self._column_id,
            new_people=new_people,
            evaluation_plan=plan if self._item is not None and changed(*PLAN_FIELDS) else None,
        )
        return payload, problems
