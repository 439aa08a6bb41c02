"""Filling the card editor's pages from the item being edited.

This runs once, while the editor ignores edits, so what it fills in becomes
the state that "modified" and "changed" are measured against.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from ldboard.domain.enums import ItemRole
from ldboard.domain.rules import TITLE_MAX
from ldboard.ui.editor.widgets import format_number, select_data


class ItemLoading:
    """Fills every page from the stored item (or the defaults for a new card)."""

    def _load(self) -> None:
        item = self._item
        self._update_stage_hint()
        today = self._board.today()
        self.due_edit.setDate(QDate(today.year, today.month, today.day))
        if item is None:
            self._update_window_title()
            self._update_tags_hint()
            self._update_score()
            self._update_checklist_buttons()
            self._load_results()
            return
        self.title_edit.setMaxLength(max(TITLE_MAX, len(item.title)))
        self.title_edit.setText(item.title)
        self.description_edit.setPlainText(item.description)
        self.audience_edit.setPlainText(item.audience)
        self.need_edit.setPlainText(item.need)
        self.outcome_edit.setPlainText(item.outcome)
        self.goal_edit.setPlainText(item.goal)
        self.hypothesis_edit.setPlainText(item.hypothesis)
        self.metric_edit.setText(item.metric)
        for name, edit in self.measure_edits.items():
            edit.setText(format_number(getattr(item, name)))
        self.estimate_edit.setText(format_number(item.estimate_days))
        self.cost_edit.setPlainText(item.cost_of_inaction)
        for combo, value in (
            (self.driver_combo, item.driver),
            (self.verdict_combo, item.verdict),
            (self.level_combo, item.evaluation_level),
            (self.impact_combo, item.impact),
            (self.effort_combo, item.effort),
            (self.iteration_combo, item.iteration_id),
            (self.format_combo, item.format),
        ):
            select_data(combo, value)
        if item.due:
            try:
                due = date.fromisoformat(item.due)
            except ValueError:
                due = None
            if due is not None:
                self.due_edit.setDate(QDate(due.year, due.month, due.day))
                self.due_check.setChecked(True)

        names = {tag.id: tag.name for tag in self._tags}
        tag_names = [names[i] for i in self._board.item_tag_ids(item.id) if i in names]
        self.tags_edit.setText(", ".join(tag_names))

        by_role: dict[str, list[int]] = {}
        for person_id, role in self._original_people:
            by_role.setdefault(role, []).append(person_id)
        select_data(self.requester_combo, (by_role.get(ItemRole.REQUESTER.value) or [None])[0])
        select_data(self.sponsor_combo, (by_role.get(ItemRole.SPONSOR.value) or [None])[0])
        experts = set(by_role.get(ItemRole.SME.value, ()))
        for row in range(self.sme_list.count()):
            entry = self.sme_list.item(row)
            if entry.data(Qt.ItemDataRole.UserRole) in experts:
                entry.setCheckState(Qt.CheckState.Checked)

        for line in self._board.checklist(item.id):
            self._append_checklist_entry(line.text, line.done, line.id)
        self._load_results()
        self._update_window_title()
        self._update_tags_hint()
        self._update_score()
        self._update_checklist_buttons()
