"""Backup Settings…: how long the rolling backups of every board are kept.

Two numbers, in the words of the rule itself (``domain/backup_policy.py``):
the newest backup of each hour for so many hours, of each day for so many
days. The dialog only chooses; the window stores the choice per user
(``ui/shell/settings.py``) and the next backup of any board prunes by it,
in the app and in ``ldboard backup`` alike.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ldboard.domain.backup_policy import (
    DAYS_RANGE,
    DEFAULT_POLICY,
    HOURS_RANGE,
    RetentionPolicy,
    chosen_policy,
)
from ldboard.ui.common.settings_buttons import settings_buttons


class BackupSettingsDialog(QDialog):
    """Asks for the hours and days to keep; :meth:`policy` is the answer."""

    def __init__(self, policy: RetentionPolicy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupSettingsDialog")
        self.setWindowTitle("Backup Settings")
        self.hours = _spin_box("backupHours", HOURS_RANGE, policy.hourly, " hours")
        self.days = _spin_box("backupDays", DAYS_RANGE, policy.daily, " days")
        grid = QGridLayout()
        rows = (
            ("Keep the newest backup of each &hour for", self.hours),
            ("and the newest backup of each &day for", self.days),
        )
        for row, (text, box) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(box)
            box.setAccessibleName(text.replace("&", ""))
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
        grid.setColumnStretch(2, 1)
        note = QLabel(
            f"The {DEFAULT_POLICY.newest} newest backups are always kept. The settings apply "
            "to every board from its next backup on: with fewer hours or days, the older "
            "backups beyond them are deleted then."
        )
        note.setObjectName("backupSettingsNote")
        note.setWordWrap(True)
        self.buttons = settings_buttons(self, self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def policy(self) -> RetentionPolicy:
        return chosen_policy(self.hours.value(), self.days.value())

    def restore_defaults(self) -> None:
        self.hours.setValue(DEFAULT_POLICY.hourly)
        self.days.setValue(DEFAULT_POLICY.daily)


def _spin_box(name: str, bounds: tuple[int, int], value: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(*bounds)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setAccelerated(True)
    return box
