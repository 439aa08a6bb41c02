"""The card editor's Stage field: which column the card is in, with each column's load."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ldboard.domain.model import Item
from ldboard.domain.rules import WipState, wip_state
from ldboard.store import Board
from ldboard.ui.common.stages import stage_label


class StagePicker(QComboBox):
    """Every column as "Building (3/3 — at limit)", so a person sees the WIP
    limits before sending a card somewhere; :meth:`outlook` says what Save
    will do there."""

    def __init__(
        self, board: Board, column_id: int, item: Item | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._home = item.column_id if item is not None else None
        self._key = item.key if item is not None else None
        self._stages: dict[int, tuple[str, int, int | None]] = {}
        for column in board.columns():
            count = board.column_count(column.id)
            self._stages[column.id] = (column.name, count, column.wip_limit)
            self.addItem(stage_label(column.name, count, column.wip_limit), column.id)
        index = self.findData(column_id)
        self.setCurrentIndex(index if index >= 0 else 0)

    def column_id(self) -> int | None:
        value = self.currentData()
        return value if isinstance(value, int) else None

    def outlook(self) -> str:
        """What saving does with the stage: where the card goes and what that does
        to the column's WIP limit (a warning only; nothing is ever blocked)."""
        chosen = self.column_id()
        if chosen is None or chosen == self._home:
            return ""
        name, count, limit = self._stages[chosen]
        if self._key is None:
            text = f"The new card goes to the bottom of {name}."
        else:
            text = f"Saving moves {self._key} to the bottom of {name}."
        after = count + 1
        state = wip_state(after, limit)
        if state == WipState.OVER:
            text += (
                f" That takes {name} over its WIP limit ({after} of {limit}); the limit "
                "is a warning, so the card still goes there."
            )
        elif state == WipState.AT_LIMIT:
            text += f" {name} then reaches its WIP limit ({after} of {limit})."
        return text

    def is_over_limit(self) -> bool:
        """Whether the chosen stage would be over its WIP limit with this card."""
        chosen = self.column_id()
        if chosen is None or chosen == self._home:
            return False
        _name, count, limit = self._stages[chosen]
        return wip_state(count + 1, limit) == WipState.OVER
